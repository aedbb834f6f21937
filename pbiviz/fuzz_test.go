package pbiviz

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pbicert/pbicert/internal/gen"
	"github.com/stretchr/testify/require"
)

// fuzzLimits keep a fuzzing run's memory small.
var fuzzLimits = Limits{MaxEntries: 16, MaxEntryBytes: 1 << 20, MaxTotalBytes: 2 << 20, MaxRatio: 200, MaxJSONDepth: 64, MaxFileBytes: 1 << 20}

// readSeeds are small valid and broken packages.
func readSeeds(t testing.TB) map[string][]byte {
	small := gen.Visual{Minify: true, CSS: "a{}"}
	valid := gen.MustBuildPackage(small, gen.ZipOptions{})
	return map[string][]byte{
		"valid":       valid,
		"store-bom":   gen.MustBuildPackage(small, gen.ZipOptions{Store: true, BOM: true, NoResourcesDir: true}),
		"era1":        gen.MustBuildPackage(gen.Visual{Era: 1, Minify: true, CSS: "a{}"}, gen.ZipOptions{}),
		"no-package":  gen.MustBuildPackage(small, gen.ZipOptions{OmitPackageJSON: true, Store: true}),
		"findings":    gen.MustBuildPackage(gen.Visual{Minify: true, CSS: "a{}", Privileges: []byte(`[{"name":"WebAccess","parameters":["*"]},{"name":"AADAuthentication","parameters":{"COM":"x"}}]`)}, gen.ZipOptions{Store: true}),
		"truncated":   valid[:len(valid)/2],
		"tiny-json":   zipOf(t, entry{name: resName, data: []byte(`{"content":{"js":"a\u00e9\ud800"},"capabilities":{"privileges":[]}}`), store: true}),
		"bad-name":    zipOf(t, entry{name: "../x", data: []byte("x"), store: true}),
		"lying-bomb":  zipOf(t, entry{name: resName, raw: deflatedZeros(t, 2<<20), declaredSize: 100}),
		"not-a-zip":   []byte("PK\x03\x04 not really"),
		"outside-ref": zipOf(t, entry{name: "package.json", data: []byte(`{"resources":[{"file":"../a.pbiviz.json"}]}`), store: true}),
	}
}

func FuzzRead(f *testing.F) {
	for _, s := range readSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ReadBytes(data, fuzzLimits)
		if err != nil {
			if strings.ContainsRune(err.Error(), '\n') {
				t.Fatalf("multi-line error: %q", err)
			}
			return
		}
		if !slices.Contains(p.Entries, p.ResourcePath) || !strings.HasPrefix(p.ResourcePath, "resources/") {
			t.Fatalf("resource %q not among entries %q", p.ResourcePath, p.Entries)
		}
		_, _, off := p.CapabilitiesPos("privileges")
		if off < 0 || off > len(p.ResourceRaw) {
			t.Fatalf("offset %d out of range", off)
		}
		p.PrivilegePos("WebAccess")
	})
}

func manifestSeeds() map[string]string {
	v := gen.Visual{Minify: true, CSS: "a{}", Privileges: []byte(`[{"name":"WebAccess","essential":true,"parameters":["https://x.com"]}]`)}
	return map[string]string{
		"valid":      string(gen.BuildResourceJSON(v, gen.BuildJS(v))),
		"aad":        `{"capabilities":{"privileges":[{"name":"AADAuthentication","parameters":{"COM":"https://a"}}]}}`,
		"types":      `{"content":[1],"externalJS":"a.js"}`,
		"escapes":    `{"content":{"js":"\"\\\/\b\f\n\r\t\u0041\ud83d\ude00\udc00"}}`,
		"deep":       `{"a":` + strings.Repeat("[", 70) + strings.Repeat("]", 70) + `}`,
		"bom-dup":    "\xEF\xBB\xBF{\"apiVersion\":\"1\",\"apiVersion\":2}",
		"broken":     `{"visual":{"guid":"a"},}`,
		"invalid-u8": "{\"content\":{\"js\":\"\xff\xfe\"}}",
	}
}

func FuzzManifest(f *testing.F) {
	for _, s := range manifestSeeds() {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ParseManifestJSON("resources/f.pbiviz.json", data, fuzzLimits)
		if err != nil {
			if strings.ContainsRune(err.Error(), '\n') {
				t.Fatalf("multi-line error: %q", err)
			}
			return
		}
		if r.HasPrivileges == false && r.Privileges != nil {
			t.Fatal("privileges without the key")
		}
		p := &Package{ResourceRaw: stripBOM(data), Resource: *r}
		_, _, off := p.CapabilitiesPos("WebAccess")
		if off < 0 || off > len(p.ResourceRaw) {
			t.Fatalf("offset %d out of range", off)
		}
		p.PrivilegePos("WebAccess")
	})
}

// TestWriteFuzzSeeds regenerates the committed seed corpus under
// testdata/fuzz when PBICERT_WRITE_SEEDS=1; otherwise it checks that every
// seed is committed.
func TestWriteFuzzSeeds(t *testing.T) {
	write := os.Getenv("PBICERT_WRITE_SEEDS") == "1"
	files := map[string][]byte{}
	for name, b := range readSeeds(t) {
		files[filepath.Join("FuzzRead", name)] = b
	}
	for name, s := range manifestSeeds() {
		files[filepath.Join("FuzzManifest", name)] = []byte(s)
	}
	for name, b := range files {
		path := filepath.Join("testdata", "fuzz", name)
		content := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", b)
		if write {
			require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
			require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
			continue
		}
		got, err := os.ReadFile(path)
		require.NoError(t, err, "missing seed %s: run PBICERT_WRITE_SEEDS=1 go test -run TestWriteFuzzSeeds ./pbiviz", path)
		require.Equal(t, content, string(got), "stale seed %s: run PBICERT_WRITE_SEEDS=1 go test -run TestWriteFuzzSeeds ./pbiviz", path)
	}
}
