// Command gencategories writes one realistic generated visual per finding
// category under testdata/packages/categories/ (network.pbiviz,
// dynamic-code.pbiviz, …). Each visual is gen.Clean() plus code (or
// metadata) that triggers exactly the findings listed in its Expect; the
// end-to-end test checks them through the pbicert binary's JSON output.
//
//	go run ./internal/gencategories -o testdata/packages/categories
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pbicert/pbicert/internal/gen"
)

// Expect is one finding a category visual must report. Marker is text of the
// visual's extra module (or "" for findings located in the manifest or
// without a position); the finding is expected where Marker starts.
type Expect struct {
	Rule, API, Marker string
}

// Category is one generated visual and the findings it must report.
type Category struct {
	File   string
	Visual gen.Visual
	Expect []Expect
}

const (
	netModule = `const endpoint = "https://api.contoso-data.com/v2/sales";
async function loadRemote(region) {
  const res = await fetch(endpoint + "?region=" + encodeURIComponent(region));
  return res.json();
}
function liveFeed(onTick) {
  const ws = new WebSocket("wss://live.contoso-data.com/ticks");
  ws.onmessage = (e) => onTick(JSON.parse(e.data));
  return ws;
}
globalThis.__contosoRemote = { loadRemote, liveFeed };`

	dynModule = `function compileFormula(expr) {
  return eval("(function(row){return " + expr + ";})");
}
function scheduleRefresh(name) {
  setTimeout(name + "()", 1000);
}
globalThis.__contosoFormula = { compileFormula, scheduleRefresh };`

	stoModule = `function rememberSelection(id) {
  localStorage.setItem("contoso.selection", String(id));
}
function seen() {
  return document.cookie.indexOf("contoso_seen=1") >= 0;
}
globalThis.__contosoState = { rememberSelection, seen };`

	domModule = `function renderTooltip(el, row) {
  el.innerHTML = "<b>" + row.category + "</b>: " + row.value;
}
function renderLegend(sel, items) {
  sel.selectAll("li").data(items).enter().append("li").html((d) => d.label);
}
globalThis.__contosoRender = { renderTooltip, renderLegend };`

	obfModule = `const k = ["se", "nd"].concat(Date.now() % 2 ? ["Be", "acon"] : []).join("");
function report(v) {
  return window[k](v);
}
globalThis.__contosoReport = report;`

	// a visual class without rendering events
	reqVisual = `class Visual{constructor(e){this.target=e.element,this.host=e.host}` +
		`update(e){const t=e.dataViews&&e.dataViews[0];this.target.textContent=t?String(t.table.rows.length):""}}`
)

// Categories returns the category visuals, in file order.
func Categories() []Category {
	with := func(f func(v *gen.Visual)) gen.Visual {
		v := gen.Clean()
		f(&v)
		return v
	}
	return []Category{
		{"network.pbiviz", with(func(v *gen.Visual) { v.Modules = append(v.Modules, netModule) }), []Expect{
			{"NET001", "fetch", "fetch(endpoint"},
			{"NET003", "WebSocket", "WebSocket("},
		}},
		{"dynamic-code.pbiviz", with(func(v *gen.Visual) { v.Modules = append(v.Modules, dynModule) }), []Expect{
			{"DYN001", "eval", "eval("},
			{"DYN003", "setTimeout", "setTimeout("},
		}},
		{"storage.pbiviz", with(func(v *gen.Visual) { v.Modules = append(v.Modules, stoModule) }), []Expect{
			{"STO001", "localStorage", "localStorage"},
			{"STO003", "document.cookie", "document.cookie"},
		}},
		{"dom-injection.pbiviz", with(func(v *gen.Visual) { v.Modules = append(v.Modules, domModule) }), []Expect{
			{"DOM001", "innerHTML", "el.innerHTML"},
			{"DOM009", ".html()", "sel.selectAll"},
		}},
		{"obfuscation.pbiviz", with(func(v *gen.Visual) { v.Modules = append(v.Modules, obfModule) }), []Expect{
			{"OBF001", "window[…]", "window[k]"},
		}},
		{"manifest.pbiviz", with(func(v *gen.Visual) {
			v.Version = "1.0.0"
			v.SupportURL = "http://contoso.com/visuals/support"
		}), []Expect{
			{"MAN005", "visual.version", ""},
			{"MAN008", "visual.supportUrl", ""},
		}},
		{"requirement.pbiviz", with(func(v *gen.Visual) { v.VisualModule = reqVisual }), []Expect{
			{"REQ001", "eventService", ""},
		}},
	}
}

// Build returns the package bytes of c.
func (c Category) Build() ([]byte, error) { return gen.BuildPackage(c.Visual, gen.ZipOptions{}) }

func main() {
	out := flag.String("o", filepath.Join("testdata", "packages", "categories"), "output folder")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "gencategories:", err)
		os.Exit(1)
	}
	for _, c := range Categories() {
		b, err := c.Build()
		if err == nil {
			err = os.WriteFile(filepath.Join(*out, c.File), b, 0o644)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "gencategories:", c.File+":", err)
			os.Exit(1)
		}
	}
}
