package rules_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pbicert/pbicert/internal/gen"
	"github.com/pbicert/pbicert/lint"
	"github.com/pbicert/pbicert/pbiviz"
)

// requirementFindings checks a generated visual and returns its REQ
// findings as "RULE api".
func requirementFindings(t *testing.T, v gen.Visual, jsSuffix string) []string {
	t.Helper()
	var raw []byte
	if jsSuffix == "" {
		raw = gen.MustBuildPackage(v, gen.ZipOptions{})
	} else {
		b := gen.BuildJS(v)
		b.JS += jsSuffix
		var err error
		raw, err = gen.BuildPackage(v, gen.ZipOptions{ResourceOverride: gen.BuildResourceJSON(v, b)})
		require.NoError(t, err)
	}
	pkg, err := pbiviz.ReadBytes(raw, pbiviz.Limits{})
	require.NoError(t, err)
	r := lint.CheckPackage("v.pbiviz", pkg, lint.Options{})
	require.Empty(t, r.Error)
	var out []string
	for _, f := range r.Findings {
		if f.Rule[:3] == "REQ" {
			out = append(out, f.Rule+" "+f.API)
		}
	}
	return out
}

func TestRenderingEventRules(t *testing.T) {
	// the default visual reports all three events
	assert.Empty(t, requirementFindings(t, gen.Clean(), ""))

	none := gen.Clean()
	none.VisualModule = `class Visual { constructor(o) { this.root = o.element; } update(o) { this.root.textContent = "x"; } }
__webpack_exports__.Visual = Visual;`
	assert.Equal(t, []string{"REQ001 eventService"}, requirementFindings(t, none, ""))

	// started and finished through an alias, no failed: only REQ002 (a warning)
	partial := gen.Clean()
	partial.VisualModule = `class Visual { constructor(o) { const ev = o.host.eventService; this.ev = ev; }
update(o) { const e = this.ev; e.renderingStarted(o); draw(o); e["renderingFinished"](o); } }
__webpack_exports__.Visual = Visual;`
	got := requirementFindings(t, partial, "")
	assert.Equal(t, []string{"REQ002 renderingFailed"}, got)
}

func TestDevBuildRule(t *testing.T) {
	assert.Equal(t, []string{"REQ003 sourceMappingURL"},
		requirementFindings(t, gen.Clean(), "\n//# sourceMappingURL=data:application/json;base64,eyJ2ZXJzaW9uIjozfQ=="))
	// a library's own map comment in the middle of the bundle is not a dev build
	mid := gen.Clean()
	mid.Modules = []string{"var lib = 1;\n//# sourceMappingURL=lib.min.js.map\n"}
	assert.Empty(t, requirementFindings(t, mid, ""))
	// an external map file at the end: pbiviz package writes these for
	// production builds too; only inline maps mark a development build
	assert.Empty(t, requirementFindings(t, gen.Clean(), "\n//# sourceMappingURL=visual.js.map"))
	assert.Empty(t, requirementFindings(t, gen.Clean(), "\n//@ sourceMappingURL=https://example.com/visual.js.map\n"))
	assert.Equal(t, []string{"REQ003 sourceMappingURL"},
		requirementFindings(t, gen.Clean(), "\n//@ sourceMappingURL=data:application/json;charset=utf-8;base64,eyJ2ZXJzaW9uIjozfQ==\n"))
	// webpack's hot-reload runtime asks the dev server for updates
	hot := gen.Clean()
	hot.Modules = []string{`var hotUpdate = __webpack_require__.p + "" + hash + ".hot-update.json";`}
	assert.Equal(t, []string{"REQ003 hot-update"}, requirementFindings(t, hot, ""))
	near := gen.Clean()
	near.Modules = []string{`var note = "hot update";`}
	assert.Empty(t, requirementFindings(t, near, ""))
}

// NET014 on content.css: remote @import, url() and @font-face are findings;
// local, data: and fragment URLs are near misses.
func TestRemoteCSSInContentCSS(t *testing.T) {
	check := func(css string) []string {
		v := gen.Clean()
		v.CSS = css
		pkg, err := pbiviz.ReadBytes(gen.MustBuildPackage(v, gen.ZipOptions{}), pbiviz.Limits{})
		require.NoError(t, err)
		var out []string
		for _, f := range lint.CheckPackage("v.pbiviz", pkg, lint.Options{}).Findings {
			if f.Rule == "NET014" {
				out = append(out, f.API)
			}
		}
		return out
	}
	assert.Equal(t, []string{"@import", "url()", "@font-face"}, check(`@import "https://fonts.example.com/a.css";
.x{background:url(//cdn.example.com/bg.png)}
@font-face{font-family:B;src:url(https://fonts.example.com/b.woff2)}`))
	// evasion: CSS escapes in the function name
	assert.Equal(t, []string{"url()"}, check(`.y{background:u\72l(https://cdn.example.com/x.png)}`))
	// near misses
	assert.Empty(t, check(`.z{background:url(data:image/png;base64,AAAA)} .w{fill:url(#grad)} .v{background:url(img/a.png)}`))
}
