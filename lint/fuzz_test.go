package lint

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/pbicert/pbicert/analyzer"
	"github.com/pbicert/pbicert/internal/gen"
	"github.com/pbicert/pbicert/pbiviz"
)

// fuzzOpts keep a fuzzing run's memory small; the depth guards are the real ones.
var fuzzOpts = Options{
	Limits:   pbiviz.Limits{MaxEntries: 16, MaxEntryBytes: 1 << 20, MaxTotalBytes: 2 << 20, MaxRatio: 200, MaxJSONDepth: 64, MaxFileBytes: 1 << 20},
	Analyzer: analyzer.Options{MaxBytes: 1 << 20, MaxDepth: 300},
}

func smallVisual(mod string) gen.Visual {
	return gen.Visual{Minify: true, CSS: "a{background:url(https://x/y.png)}", Modules: []string{mod}}
}

// packageSeeds are small generated packages, valid and mutated.
func packageSeeds() map[string][]byte {
	clean := gen.Visual{Minify: true, CSS: "a{}"}
	findings := smallVisual(`var w=window;w.fetch("https://x");localStorage.setItem("a",1);eval("1");document.body.innerHTML=w.name;`)
	valid := gen.MustBuildPackage(clean, gen.ZipOptions{Store: true})
	return map[string][]byte{
		"clean-store":    valid,
		"clean-deflate":  gen.MustBuildPackage(clean, gen.ZipOptions{}),
		"findings":       gen.MustBuildPackage(findings, gen.ZipOptions{Store: true, BOM: true}),
		"era1":           gen.MustBuildPackage(gen.Visual{Era: 1, Minify: true, CSS: "a{}"}, gen.ZipOptions{Store: true, OmitPackageJSON: true}),
		"privileges":     gen.MustBuildPackage(gen.Visual{Minify: true, CSS: "a{}", Privileges: []byte(`[{"name":"WebAccess","essential":true,"parameters":["*"]},{"name":"LocalStorage"}]`)}, gen.ZipOptions{Store: true}),
		"syntax-error":   gen.MustBuildPackage(smallVisual(`function f( {`), gen.ZipOptions{Store: true}),
		"deep-js":        gen.MustBuildPackage(smallVisual("x="+strings.Repeat("[", 400)+strings.Repeat("]", 400)), gen.ZipOptions{Store: true}),
		"wrong-types":    gen.MustBuildPackage(clean, gen.ZipOptions{Store: true, ResourceOverride: []byte(`{"content":[1],"capabilities":{"privileges":"WebAccess"}}`)}),
		"truncated":      valid[:len(valid)*2/3],
		"outside":        gen.MustBuildPackage(clean, gen.ZipOptions{Store: true, PackageJSONOverride: []byte(`{"resources":[{"file":"../x.pbiviz.json","sourceType":5}]}`)}),
		"lone-surrogate": gen.MustBuildPackage(clean, gen.ZipOptions{Store: true, ResourceOverride: []byte(`{"content":{"js":"var s=\"\\ud800\";window[s]()","css":"a{b:\"x"}}`)}),
	}
}

// resourceSeeds are resource JSON documents (wrapped into a package by FuzzCheckResource).
func resourceSeeds() map[string][]byte {
	v := smallVisual(`var w=window;w.fetch("https://x");setTimeout("a()",1)`)
	return map[string][]byte{
		"generated": gen.BuildResourceJSON(v, gen.BuildJS(v)),
		"minimal":   []byte(`{"content":{"js":"fetch(1)","css":"@import 'x.css';"},"capabilities":{"privileges":[]}}`),
		"types":     []byte(`{"content":{"js":1,"css":[]},"capabilities":{"privileges":{"name":"WebAccess"}},"apiVersion":5}`),
		"deep":      []byte(`{"content":{"js":"` + strings.Repeat("(", 200) + strings.Repeat(")", 200) + `"},"a":` + strings.Repeat("[", 60) + strings.Repeat("]", 60) + `}`),
		"escapes":   []byte(`{"content":{"js":"x=\"\u0000\ud800\"; /* \u2028 */ window[atob(\"ZmV0Y2g=\")]()","css":"a{b:url(\"h"}}`),
	}
}

// checkResult asserts what every result of the pipeline keeps.
func checkResult(t *testing.T, pkg *pbiviz.Package, r Result) {
	t.Helper()
	if strings.ContainsRune(r.Error, '\n') {
		t.Fatalf("multi-line error: %q", r.Error)
	}
	if strings.HasPrefix(r.Error, "internal error") {
		t.Fatalf("internal error: %s", r.Error)
	}
	if r.Findings == nil {
		t.Fatal("nil findings")
	}
	for _, f := range r.Findings {
		size := -1
		switch {
		case strings.HasSuffix(f.Location.File, "#content.js"):
			size = len(pkg.Resource.Content.JS)
		case strings.HasSuffix(f.Location.File, "#content.css"):
			size = len(pkg.Resource.Content.CSS)
		case strings.HasSuffix(f.Location.File, "#capabilities"):
			size = len(pkg.ResourceRaw)
		}
		if size >= 0 && (f.Location.Offset < 0 || f.Location.Offset > size) {
			t.Fatalf("%s at offset %d outside %s (%d bytes)", f.Rule, f.Location.Offset, f.Location.File, size)
		}
		if f.Location.Line < 0 || f.Location.Column < 0 || f.Rule == "" {
			t.Fatalf("bad finding %+v", f)
		}
	}
	if _, err := json.Marshal(r); err != nil {
		t.Fatalf("result does not marshal: %v", err)
	}
}

// runPipeline reads a package and checks it without CheckOne's recover, so
// that a panic fails the fuzz target.
func runPipeline(t *testing.T, data []byte) {
	pkg, err := pbiviz.ReadBytes(data, fuzzOpts.Limits)
	if err != nil {
		if strings.ContainsRune(err.Error(), '\n') {
			t.Fatalf("multi-line error: %q", err)
		}
		return
	}
	checkResult(t, pkg, CheckPackage("fuzz.pbiviz", pkg, fuzzOpts))
}

// FuzzCheckPackage sends arbitrary zip bytes through the whole pipeline:
// reader, manifest decoder, analyzer and every rule.
func FuzzCheckPackage(f *testing.F) {
	for _, s := range packageSeeds() {
		f.Add(s)
	}
	f.Fuzz(runPipeline)
}

// FuzzCheckResource does the same with an arbitrary resource document
// wrapped in an otherwise valid package, which mutations reach far more
// easily than through zip framing and checksums.
func FuzzCheckResource(f *testing.F) {
	for _, s := range resourceSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, res []byte) {
		data, err := gen.BuildPackage(gen.Visual{}, gen.ZipOptions{Store: true, ResourceOverride: res})
		if err != nil {
			t.Fatal(err)
		}
		runPipeline(t, data)
	})
}

// TestLintFuzzSeeds regenerates the committed seed corpora under
// testdata/fuzz when PBICERT_WRITE_SEEDS=1; otherwise it checks them.
func TestLintFuzzSeeds(t *testing.T) {
	write := os.Getenv("PBICERT_WRITE_SEEDS") == "1"
	files := map[string][]byte{}
	for name, b := range packageSeeds() {
		files[filepath.Join("FuzzCheckPackage", name)] = b
	}
	for name, b := range resourceSeeds() {
		files[filepath.Join("FuzzCheckResource", name)] = b
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
		require.NoError(t, err, "missing seed %s: run PBICERT_WRITE_SEEDS=1 go test -run TestLintFuzzSeeds ./lint", path)
		require.Equal(t, content, string(got), "stale seed %s: run PBICERT_WRITE_SEEDS=1 go test -run TestLintFuzzSeeds ./lint", path)
	}
}
