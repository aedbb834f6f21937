package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/pbicert/pbicert/internal/gen"
	"github.com/pbicert/pbicert/internal/project"
	"github.com/pbicert/pbicert/lint"
	"github.com/pbicert/pbicert/pbiviz"
	"github.com/pbicert/pbicert/result"
)

// cycloneDXSchemaDir is where the official CycloneDX JSON schemas are: the
// npm package @cyclonedx/cyclonedx-library (res/schema), which .ci/run
// installs into its npm cache (PBICERT_NPM_DIR); else the repository's
// .cache/npm. Nothing of it is committed.
func cycloneDXSchemaDir() string {
	dir := os.Getenv("PBICERT_NPM_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", ".cache", "npm", "node_modules")
	}
	return filepath.Join(dir, "@cyclonedx", "cyclonedx-library", "res", "schema")
}

// schemaLoader serves the schemas' http://cyclonedx.org/schema/ addresses
// from the package's files (which it names X.SNAPSHOT.schema.json).
type schemaLoader string

func (l schemaLoader) Load(url string) (any, error) {
	name := strings.TrimPrefix(url, "http://cyclonedx.org/schema/")
	f, err := os.Open(filepath.Join(string(l), name))
	if err != nil {
		f, err = os.Open(filepath.Join(string(l), strings.Replace(name, ".schema.json", ".SNAPSHOT.schema.json", 1)))
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return jsonschema.UnmarshalJSON(f)
}

// loadCycloneDXSchema compiles the official schema of CycloneDXSpec, or
// skips the test (saying why) when the npm package is not installed.
func loadCycloneDXSchema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	dir := cycloneDXSchemaDir()
	if _, err := os.Stat(filepath.Join(dir, "bom-"+CycloneDXSpec+".SNAPSHOT.schema.json")); err != nil {
		t.Skipf("no CycloneDX schema (npm install @cyclonedx/cyclonedx-library as .ci/run does, and set PBICERT_NPM_DIR): %v", err)
	}
	c := jsonschema.NewCompiler()
	c.UseLoader(schemaLoader(dir))
	c.AssertFormat()
	sch, err := c.Compile("http://cyclonedx.org/schema/bom-" + CycloneDXSpec + ".schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// validBOMs checks that out holds one or more BOMs (an indented document,
// or JSON Lines) that validate, and returns them decoded.
func validBOMs(t *testing.T, sch *jsonschema.Schema, out []byte) []map[string]any {
	t.Helper()
	var docs [][]byte
	if bytes.HasPrefix(out, []byte("{\n")) {
		docs = [][]byte{out}
	} else {
		sc := bufio.NewScanner(bytes.NewReader(out))
		sc.Buffer(nil, 64<<20)
		for sc.Scan() {
			docs = append(docs, append([]byte(nil), sc.Bytes()...))
		}
	}
	var boms []map[string]any
	for _, d := range docs {
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(d))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(inst); err != nil {
			t.Fatalf("the SBOM does not validate against CycloneDX %s: %v\n%s", CycloneDXSpec, err, d)
		}
		var m map[string]any
		if err := json.Unmarshal(d, &m); err != nil {
			t.Fatal(err)
		}
		boms = append(boms, m)
	}
	return boms
}

// components lists a BOM's components as name@version -> component.
func components(bom map[string]any) map[string]map[string]any {
	out := map[string]map[string]any{}
	cs, _ := bom["components"].([]any)
	for _, c := range cs {
		m := c.(map[string]any)
		v, _ := m["version"].(string)
		out[m["name"].(string)+"@"+v] = m
	}
	return out
}

// TestCycloneDXValidatesAgainstSchema: the SBOMs of the example packages, a
// project with a lock file and a result using every field validate against
// the official CycloneDX schema, and say what they should.
func TestCycloneDXValidatesAgainstSchema(t *testing.T) {
	sch := loadCycloneDXSchema(t)
	rs := examples(t)
	proj := project.Check(filepath.Join("..", "..", "testdata", "projects", "d3visual"), lint.Options{Limits: pbiviz.DefaultLimits()})
	if proj.Error != "" || len(proj.Libraries) == 0 {
		t.Fatalf("project: %q, %d libraries", proj.Error, len(proj.Libraries))
	}
	rich := result.Result{Path: "dist/rich.pbiviz", Kind: "package",
		Visual: result.Visual{GUID: "rich1234", Name: "rich", DisplayName: "Rich <Visual> & co", Version: "1.2.3.4", APIVersion: "5.3.0"},
		Libraries: []result.Library{
			{Name: "lodash", Version: "4.17.21", License: "MIT", PURL: "pkg:npm/lodash@4.17.21", Evidence: []string{"49 fingerprint strings of lodash"}},
			{Name: "@scope/gamma", Version: "1.0.0", License: "(MIT OR Apache-2.0)", PURL: "pkg:npm/%40scope/gamma@1.0.0"},
			{Name: "d3", PURL: "pkg:npm/d3", License: "SEE LICENSE IN LICENSE.txt"},
		},
		Endpoints: []result.Endpoint{
			{URL: "https://api.contoso.com/enrich?q=", Host: "api.contoso.com", Source: "static", API: "fetch"},
			{URL: "https://api.contoso.com/v2/x?k=1&j=2", Host: "api.contoso.com", Source: "runtime", API: "fetch"},
			{URL: "https://*.contoso-cdn.net", Host: "*.contoso-cdn.net", Source: "manifest", API: "WebAccess"},
			{URL: "*", Host: "*", Source: "manifest", API: "WebAccess"},
		}}
	all := append(append(rs, proj), rich)
	boms := validBOMs(t, sch, render(t, "cyclonedx", all))
	// the broken input has no SBOM: one per input read
	if len(boms) != len(all)-1 {
		t.Fatalf("%d SBOMs for %d inputs read", len(boms), len(all)-1)
	}
	one := validBOMs(t, sch, render(t, "cyclonedx", all[len(all)-1:]))[0]
	if one["specVersion"] != CycloneDXSpec || one["bomFormat"] != "CycloneDX" {
		t.Errorf("header: %v %v", one["specVersion"], one["bomFormat"])
	}
	main := one["metadata"].(map[string]any)["component"].(map[string]any)
	if main["name"] != "rich" || main["version"] != "1.2.3.4" || main["type"] != "application" || !strings.Contains(mustJSON(main), `"pbicert:visual:guid","value":"rich1234"`) {
		t.Errorf("main component: %s", mustJSON(main))
	}
	cs := components(one)
	if c := cs["lodash@4.17.21"]; c == nil || c["purl"] != "pkg:npm/lodash@4.17.21" || !strings.Contains(mustJSON(c), `"expression":"MIT"`) {
		t.Errorf("lodash: %s", mustJSON(c))
	}
	if c := cs["d3@"]; c == nil || !strings.Contains(mustJSON(c), `"name":"SEE LICENSE IN LICENSE.txt"`) {
		t.Errorf("d3 (licence not an SPDX expression, by name): %s", mustJSON(c))
	}
	svc := mustJSON(one["services"])
	for _, want := range []string{`"name":"api.contoso.com"`, `"endpoints":["https://api.contoso.com/enrich?q=","https://api.contoso.com/v2/x?k=1&j=2"]`, `"pbicert:webaccess","value":"https://*.contoso-cdn.net"`} {
		if !strings.Contains(svc, want) {
			t.Errorf("services lack %s: %s", want, svc)
		}
	}
	// the project: the lock file's tree, development dependencies excluded,
	// the visual depending on what package.json names
	pb := boms[len(boms)-2]
	pcs := components(pb)
	dev, lib := 0, 0
	for _, c := range pcs {
		if c["scope"] == "excluded" {
			dev++
		} else {
			lib++
		}
	}
	deps := pb["dependencies"].([]any)
	top := deps[0].(map[string]any)
	if len(pcs) != len(proj.Libraries) || lib == 0 || top["ref"] != pb["metadata"].(map[string]any)["component"].(map[string]any)["bom-ref"] || top["dependsOn"] == nil {
		t.Errorf("project SBOM: %d components for %d libraries (%d excluded), top dependency %s", len(pcs), len(proj.Libraries), dev, mustJSON(top))
	}
	// the same input gives the same serial number
	again := validBOMs(t, sch, render(t, "cyclonedx", all[len(all)-1:]))[0]
	if again["serialNumber"] != one["serialNumber"] {
		t.Errorf("serial numbers differ: %v %v", one["serialNumber"], again["serialNumber"])
	}
	// the schema must catch a broken SBOM, or this test proves nothing
	bad := bytes.Replace(render(t, "cyclonedx", all[len(all)-1:]), []byte(`"type": "library"`), []byte(`"type": "plugin"`), 1)
	inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(bad))
	if sch.Validate(inst) == nil {
		t.Fatal("the schema accepted an invalid component type")
	}
}

// TestCycloneDXRealLibraries: a visual generated by our code that bundles
// real library builds (the npm cache scripts/libs-fetch fills) gets an SBOM
// naming each library, version and purl, valid against the schema.
func TestCycloneDXRealLibraries(t *testing.T) {
	sch := loadCycloneDXSchema(t)
	cache := os.Getenv("PBICERT_LIBS_CACHE")
	if cache == "" {
		cache = filepath.Join("..", "..", ".cache", "libs")
	}
	want := map[string]string{
		"lib-lodash-4.17.21/lodash.min.js":                     "lodash@4.17.21",
		"lib-jquery-3.7.1/dist/jquery.min.js":                  "jquery@3.7.1",
		"lib-moment-2.29.4/min/moment.min.js":                  "moment@2.29.4",
		"lib-dompurify-3.1.6/dist/purify.min.js":               "dompurify@3.1.6",
		"lib-react-dom-18.3.1/umd/react-dom.production.min.js": "react-dom@18.3.1",
	}
	v := gen.Clean()
	v.FillerBytes = 0
	for f := range want {
		b, err := os.ReadFile(filepath.Join(cache, "node_modules", f))
		if err != nil {
			t.Skipf("no npm cache with real libraries (run scripts/libs-fetch): %v", err)
		}
		v.Modules = append(v.Modules, string(b))
	}
	r := check(t, "dist/real.pbiviz", v)
	boms := validBOMs(t, sch, render(t, "cyclonedx", []lint.Result{r}))
	cs := components(boms[0])
	for _, nv := range want {
		c := cs[nv]
		if c == nil {
			t.Errorf("%s not in the SBOM (components %v)", nv, keys(cs))
			continue
		}
		name, ver, _ := strings.Cut(nv, "@")
		if c["purl"] != "pkg:npm/"+name+"@"+ver || c["licenses"] == nil {
			t.Errorf("%s: %s", nv, mustJSON(c))
		}
	}
}

func keys(m map[string]map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func mustJSON(v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	return strings.TrimSpace(buf.String())
}

// TestInventoryLines: the text summary counts a family's modules with its
// umbrella (or together when the umbrella was not identified), caps the
// list, and lists hosts with their sources.
func TestInventoryLines(t *testing.T) {
	libs := func(names ...string) []result.Library {
		var out []result.Library
		for _, n := range names {
			name, ver, _ := strings.Cut(n, "@")
			out = append(out, result.Library{Name: name, Version: ver})
		}
		return out
	}
	for _, tc := range []struct {
		r    result.Result
		want string
	}{
		{result.Result{Kind: "package", Libraries: libs("d3-array", "d3@7.9.0", "d3-selection@3.0.0", "lodash@4.17.21")},
			"libraries identified: d3 7.9.0 (with 2 modules), lodash 4.17.21; --format cyclonedx lists them"},
		{result.Result{Kind: "package", Libraries: libs("d3-array", "d3-axis", "jquery@3.7.1", "powerbi-visuals-utils-typeutils")},
			"libraries identified: 2 d3 modules, jquery 3.7.1, powerbi-visuals-utils-typeutils; --format cyclonedx lists them"},
		{result.Result{Kind: "package", Libraries: libs("a", "b", "c", "d", "e", "f", "g", "h", "i", "j")},
			"libraries identified: a, b, c, d, e, f, g, h, and 2 more; --format cyclonedx lists them"},
		{result.Result{Kind: "project", Libraries: []result.Library{{Name: "d3"}, {Name: "typescript", Dev: true}}},
			"libraries: 2 npm packages in package-lock.json (1 development-only); --format cyclonedx lists them"},
		{result.Result{Endpoints: []result.Endpoint{{Host: "b.com", Source: "manifest"}, {Host: "b.com", Source: "static"}, {Host: "a.com", Source: "runtime"}}},
			"endpoints: a.com (runtime), b.com (static, manifest); pbicert endpoints lists the hosts"},
	} {
		if got := strings.Join(InventoryLines(tc.r), "\n"); got != tc.want {
			t.Errorf("got  %q\nwant %q", got, tc.want)
		}
	}
}
