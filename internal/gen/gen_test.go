package gen

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"image/png"
	"io"
	"strings"
	"testing"

	"github.com/dop251/goja/parser"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func parseJS(t testing.TB, name, src string) {
	t.Helper()
	_, err := parser.ParseFile(nil, name, src, 0)
	require.NoError(t, err, "%s does not parse", name)
}

var userModules = []string{
	"const answer = 42;\n// a line comment at the end of a module\nglobalThis.__answer = answer;",
	"function helper(x) {\n  return x * 2;\n}\nhelper(2);",
}

func eraVisuals() map[string]Visual {
	out := map[string]Visual{}
	for _, era := range []int{1, 2, 3, 5} {
		for _, min := range []bool{false, true} {
			out[fmt.Sprintf("era%d/minify=%v", era, min)] = Visual{Era: era, Minify: min, Modules: userModules, FillerBytes: 20 << 10, Seed: int64(era)}
		}
	}
	return out
}

func TestBuildJSParsesInEveryEra(t *testing.T) {
	for name, v := range eraVisuals() {
		t.Run(name, func(t *testing.T) {
			b := BuildJS(v)
			parseJS(t, name, b.JS)
		})
	}
}

func TestBuildJSModuleOffsets(t *testing.T) {
	for name, v := range eraVisuals() {
		t.Run(name, func(t *testing.T) {
			b := BuildJS(v)
			require.Len(t, b.ModuleOffsets, len(v.Modules))
			for i, m := range v.Modules {
				off := b.ModuleOffsets[i]
				require.LessOrEqual(t, off+len(m), len(b.JS))
				assert.Equal(t, m, b.JS[off:off+len(m)], "module %d", i)
			}
			visual := "class Visual"
			if v.Era != 5 {
				visual = "var Visual"
			}
			assert.True(t, strings.HasPrefix(b.JS[b.VisualModuleOffset:], visual), "visual module offset")
		})
	}
}

func TestBuildJSWrapperAndEvents(t *testing.T) {
	v := Visual{}
	b := BuildJS(v)
	js := b.JS
	assert.True(t, strings.HasPrefix(js, "var "+DefaultGUID+";"), "webpack 5 prologue")
	assert.Contains(t, js, `var powerbiKey = "powerbi", powerbi = window[powerbiKey];`)
	assert.Contains(t, js, `powerbi.visuals.plugins["`+DefaultGUID+`"] = `+DefaultGUID+`;`)
	assert.Contains(t, js, `globalThis.dialogRegistry = globalThis.dialogRegistry || {};`)
	assert.Contains(t, js, `createModalDialog:`)
	assert.Contains(t, js, `apiVersion: "5.11.0"`)
	assert.Contains(t, js, `this.events = options.host.eventService;`)
	start := strings.Index(js, "update(options) {")
	require.Positive(t, start)
	upd := js[start:]
	assert.Less(t, strings.Index(upd, "renderingStarted(options)"), strings.Index(upd, "renderingFinished(options)"))
	assert.Contains(t, upd, "catch (e) {\n            this.events.renderingFailed(options")

	m := BuildJS(Visual{Minify: true, WrapperAPIVersion: "4.7.0", WrapperName: "otherName"})
	assert.Equal(t, 1, strings.Count(m.JS, "\n"), "minified boilerplate is one line (the newline closes the verbatim visual module)")
	assert.Contains(t, m.JS, `var powerbiKey="powerbi",powerbi=window[powerbiKey];`)
	assert.Contains(t, m.JS, `apiVersion:"4.7.0"`)
	assert.Contains(t, m.JS, `powerbi.visuals.plugins["otherName"]=`+DefaultGUID)
	assert.Contains(t, m.JS, `name:"otherName"`)
}

func TestBuildJSOlderWrappers(t *testing.T) {
	e1 := BuildJS(Visual{Era: 1}).JS
	assert.Contains(t, e1, `plugins["`+DefaultGUID+`"] = {`)
	assert.Contains(t, e1, `apiVersion: "1.13.0"`)
	assert.Contains(t, e1, "powerbi.extensibility.visual."+DefaultGUID+".Visual(options)")
	e2 := BuildJS(Visual{Era: 2}).JS
	assert.Contains(t, e2, "var powerbi = window.powerbi;")
	assert.NotContains(t, e2, "powerbiKey")
	e3 := BuildJS(Visual{Era: 3}).JS
	assert.Contains(t, e3, `var powerbiKey = "powerbi";`)
	assert.Contains(t, e3, `apiVersion: "3.8.0"`)
	assert.NotContains(t, e3, "createModalDialog")
}

func TestDeterminism(t *testing.T) {
	for _, v := range []Visual{Clean(), WithFindings(), {Era: 1, FillerBytes: 30000, Seed: 9}} {
		a, err := BuildPackage(v, ZipOptions{})
		require.NoError(t, err)
		b, err := BuildPackage(v, ZipOptions{})
		require.NoError(t, err)
		assert.Equal(t, a, b)
	}
	assert.Equal(t, Filler(7, 50000), Filler(7, 50000))
	assert.NotEqual(t, Filler(7, 50000), Filler(8, 50000), "seed changes the filler")
}

// TestFillerSizes: the filler reaches the asked size (its speed is
// measured by BenchmarkBuildJS6MB, not asserted).
func TestFillerSizes(t *testing.T) {
	for _, size := range []int{100 << 10, 1 << 20, 6 << 20} {
		b := BuildJS(Visual{Minify: true, Seed: 3, FillerBytes: size})
		assert.InDelta(t, size, len(b.JS), float64(size)*0.05, "size %d", size)
	}
}

func TestFillerParsesAndIsClean(t *testing.T) {
	b := BuildJS(Visual{Minify: true, Seed: 11, FillerBytes: 1 << 20})
	parseJS(t, "filler.js", b.JS)
	mods := Filler(11, 1<<20)
	all := strings.Join(mods, "\n")
	for _, bad := range []string{"fetch", "eval", "Function(", "innerHTML", "outerHTML", "Storage", "cookie",
		"setTimeout", "setInterval", "XMLHttpRequest", "WebSocket", "http", "import(", "document", "window", "arguments", ".html("} {
		assert.NotContains(t, all, bad)
	}
}

func TestResourceJSON(t *testing.T) {
	v := Visual{Modules: []string{"const s = \"\\u00e9\\n</script>\";"}}
	b := BuildJS(v)
	raw := BuildResourceJSON(v, b)
	assert.NotContains(t, string(raw), "\n", "one line")
	var r struct {
		Visual struct {
			GUID string `json:"guid"`
		} `json:"visual"`
		APIVersion   string `json:"apiVersion"`
		Capabilities struct {
			Privileges json.RawMessage `json:"privileges"`
		} `json:"capabilities"`
		Content struct{ JS, CSS, IconBase64 string } `json:"content"`
	}
	require.NoError(t, json.Unmarshal(raw, &r))
	assert.Equal(t, DefaultGUID, r.Visual.GUID)
	assert.Equal(t, "5.11.0", r.APIVersion)
	assert.JSONEq(t, "[]", string(r.Capabilities.Privileges))
	assert.Equal(t, b.JS, r.Content.JS)
	assert.Contains(t, string(raw), "</script>", "no HTML escaping, like JSON.stringify")
	require.True(t, strings.HasPrefix(r.Content.IconBase64, "data:image/png;base64,"))

	// old eras have no privileges key unless asked for
	old := BuildResourceJSON(Visual{Era: 3}, BuildJS(Visual{Era: 3}))
	assert.NotContains(t, string(old), "privileges")
	omit := BuildResourceJSON(Visual{OmitPrivileges: true}, Bundle{})
	assert.NotContains(t, string(omit), "privileges")
	custom := BuildResourceJSON(Visual{Capabilities: json.RawMessage(`{"dataRoles":[]}`)}, Bundle{})
	assert.Contains(t, string(custom), `"capabilities":{"dataRoles":[]},`)
}

func TestIconIsAValidPNG(t *testing.T) {
	img, err := png.Decode(bytes.NewReader(iconPNG()))
	require.NoError(t, err)
	assert.Equal(t, 20, img.Bounds().Dx())
}

func TestBuildPackageLayout(t *testing.T) {
	data, err := BuildPackage(Clean(), ZipOptions{ExtraEntries: map[string][]byte{"zz.txt": []byte("x")}})
	require.NoError(t, err)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		assert.True(t, f.Modified.Equal(ZipTime), "fixed timestamp on %s", f.Name)
	}
	assert.Equal(t, []string{"package.json", "resources/", "resources/" + DefaultGUID + ".pbiviz.json", "zz.txt"}, names)
	assert.Equal(t, zip.Deflate, zr.File[2].Method)

	st, err := BuildPackage(Visual{}, ZipOptions{Store: true, NoResourcesDir: true, OmitPackageJSON: true, BOM: true})
	require.NoError(t, err)
	zr, err = zip.NewReader(bytes.NewReader(st), int64(len(st)))
	require.NoError(t, err)
	require.Len(t, zr.File, 1)
	assert.Equal(t, zip.Store, zr.File[0].Method)
	rc, err := zr.File[0].Open()
	require.NoError(t, err)
	body, err := io.ReadAll(rc)
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(body, []byte("\xEF\xBB\xBF{")), "BOM")
}

func TestWithFindings(t *testing.T) {
	v := WithFindings()
	b := BuildJS(v)
	parseJS(t, "findings.js", b.JS)
	for _, s := range []string{"fetch(", "new Function(", ".innerHTML=", "localStorage.setItem("} {
		assert.Contains(t, b.JS, s)
	}
	assert.Contains(t, string(BuildResourceJSON(v, b)), `"name":"WebAccess"`)
	clean := BuildJS(Clean()).JS
	for _, s := range []string{"fetch(", "Function(", "innerHTML", "localStorage"} {
		assert.NotContains(t, clean, s)
	}
}

func BenchmarkBuildJS6MB(b *testing.B) {
	b.SetBytes(6 << 20)
	for b.Loop() {
		BuildJS(Visual{Minify: true, Seed: 1, FillerBytes: 6 << 20})
	}
}
