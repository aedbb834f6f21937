package gen

import (
	"archive/zip"
	"bytes"
	"fmt"
	"math"
	"math/rand"
	"strings"
)

// BatchOptions describe a batch of packages for memory and stress tests
// (cmd/pbicert's batch test, bench/mkbatch).
type BatchOptions struct {
	Seed int64
	// Packages of mixed sizes: Count packages whose content.js sizes are
	// spread log-uniformly between MinBytes and MaxBytes, eras and findings
	// mixed.
	Count              int
	MinBytes, MaxBytes int
	// Large adds one package whose content.js is about Large bytes (0: none).
	Large int
	// Hostile adds, every Hostile-th package, one of the hostile inputs of
	// HostileKinds instead (0: none).
	Hostile int
}

// HostileKinds are the hostile inputs a batch holds, in the order they
// are used. Each must be reported as an input error or read in a bounded
// way (a bomb never expands, a deep program is refused by the nesting
// guard), never crash the batch.
var HostileKinds = []string{"corrupt-zip", "bomb", "traversal", "bad-json", "unparsable-js", "deep-js", "no-package-json", "not-zip"}

// BatchPackage is one package of a batch.
type BatchPackage struct {
	Name string // file name, unique in the batch, sorted in batch order
	Data []byte
	// Hostile is the kind of hostile input ("" for an ordinary package).
	Hostile string
	JSBytes int // approximate size of content.js (0 for hostile inputs)
}

// Batch returns a deterministic batch of packages.
func Batch(o BatchOptions) []BatchPackage {
	rng := rand.New(rand.NewSource(o.Seed))
	var out []BatchPackage
	hostile := 0
	hostileData := map[string][]byte{} // each kind is built once
	minB, maxB := max(o.MinBytes, 4<<10), max(o.MaxBytes, o.MinBytes, 4<<10)
	for i := 0; i < o.Count; i++ {
		name := fmt.Sprintf("p%04d", i)
		if o.Hostile > 0 && i%o.Hostile == o.Hostile-1 {
			kind := HostileKinds[hostile%len(HostileKinds)]
			hostile++
			if hostileData[kind] == nil {
				hostileData[kind] = HostilePackage(kind, int64(i))
			}
			out = append(out, BatchPackage{Name: name + "-" + kind + ".pbiviz", Data: hostileData[kind], Hostile: kind})
			continue
		}
		size := int(float64(minB) * math.Pow(float64(maxB)/float64(minB), rng.Float64()))
		v := Clean()
		if rng.Intn(3) == 0 {
			v = WithFindings()
		}
		v.Era = []int{5, 5, 5, 3, 2, 1}[rng.Intn(6)]
		v.Minify = rng.Intn(4) != 0
		v.Seed = int64(i) + o.Seed*1000
		v.FillerBytes = size
		out = append(out, BatchPackage{Name: name + ".pbiviz", Data: MustBuildPackage(v, ZipOptions{}), JSBytes: size})
	}
	if o.Large > 0 {
		v := WithFindings()
		v.Seed = o.Seed + 7
		v.FillerBytes = o.Large
		out = append(out, BatchPackage{Name: "large.pbiviz", Data: MustBuildPackage(v, ZipOptions{}), JSBytes: o.Large})
	}
	return out
}

// HostilePackage returns a hostile input of the given kind (HostileKinds).
func HostilePackage(kind string, seed int64) []byte {
	v := Clean()
	v.Seed = seed
	v.FillerBytes = 8 << 10
	switch kind {
	case "corrupt-zip":
		b := MustBuildPackage(v, ZipOptions{})
		return b[:len(b)*2/3] // the central directory is cut off
	case "bomb":
		// one entry that inflates to 64 MiB of zeros (about 64 KB compressed:
		// beyond any sane compression ratio)
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		pj, _ := zw.Create("package.json")
		pj.Write(BuildPackageJSON(v))
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: ResourceName(v), Method: zip.Deflate})
		zero := make([]byte, 1<<20)
		for range 64 {
			w.Write(zero)
		}
		zw.Close()
		return buf.Bytes()
	case "traversal":
		return MustBuildPackage(v, ZipOptions{ExtraEntries: map[string][]byte{"../../evil.js": []byte("x")}})
	case "bad-json":
		return MustBuildPackage(v, ZipOptions{ResourceOverride: []byte(`{"visual":{"guid":"x"},"content":{"js":"var a=1`)})
	case "unparsable-js":
		v.VisualModule = "class " + DefaultClassName + " { constructor( { } }"
		return MustBuildPackage(v, ZipOptions{})
	case "deep-js":
		n := 200000
		v.VisualModule = "class " + DefaultClassName + "{}var deep=" + strings.Repeat("[", n) + strings.Repeat("]", n) + ";"
		return MustBuildPackage(v, ZipOptions{})
	case "no-package-json":
		return MustBuildPackage(v, ZipOptions{OmitPackageJSON: true})
	case "not-zip":
		return []byte("this is not a zip archive\n")
	}
	panic("gen: unknown hostile kind " + kind)
}

// TestdataVisual wraps a rule testdata source (rules/testdata/src) into a
// visual as the rule harness does (rules/rules_test.go): as an extra
// module, or as the visual module with `// harness: no-default-visual`,
// with API 5.3 or the LocalStorage privilege when its harness line asks.
func TestdataVisual(src string) Visual {
	opts := map[string]bool{}
	for line := range strings.SplitSeq(src, "\n") {
		if _, rest, ok := strings.Cut(line, "// harness:"); ok {
			for _, o := range strings.Fields(rest) {
				opts[o] = true
			}
		}
	}
	v := Visual{Modules: []string{src}}
	if opts["api5.3"] {
		v.APIVersion = "5.3.0"
	}
	if opts["localstorage"] {
		v.Privileges = []byte(`[{"name":"LocalStorage","essential":false}]`)
	}
	if opts["no-default-visual"] {
		v.VisualModule, v.Modules = src, nil
	}
	return v
}
