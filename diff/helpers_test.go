package diff

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/js"

	"github.com/pbicert/pbicert/internal/gen"
	"github.com/pbicert/pbicert/lint"
)

// netModule is a visual that loads enrichment data with fetch.
const netModule = `class Visual{constructor(e){this.target=e.element,this.host=e.host,this.events=e.host.eventService,this.root=document.createElement("div"),this.root.className="exampleVisual",this.target.appendChild(this.root)}` +
	`load(e){return fetch("https://api.contoso.com/enrich?q="+encodeURIComponent(e)).then((e=>e.json()))}` +
	`update(e){this.events.renderingStarted(e);try{const t=e.dataViews&&e.dataViews[0],n=t&&t.categorical,o=n?n.categories[0].values.map(((e,t)=>({label:String(e),value:Number(n.values[0].values[t])||0}))):[];this.root.textContent="";for(let e=0;e<o.length;e++){const t=document.createElement("div");t.style.background="#118dff",t.textContent=o[e].label+": "+o[e].value,this.root.appendChild(t)}o.length&&this.load(o[0].label).then((e=>{this.root.title=String(e&&e.summary)})),this.events.renderingFinished(e)}catch(t){this.events.renderingFailed(e,String(t))}}` +
	`getFormattingModel(){return{cards:[]}}destroy(){this.root.remove()}}`

var extraModules = []string{
	"const formatValue=(e,t)=>{const n=Number(e);return isFinite(n)?n.toFixed(t||0):String(e)};\nconst clamp=(e,t,n)=>Math.min(n,Math.max(t,e));\nglobalThis.__exampleVisualFormat={formatValue,clamp};",
	"const palette=[\"#118dff\",\"#12239e\",\"#e66c37\"];function pick(e){return palette[e%palette.length]}globalThis.__examplePalette={pick};",
	"globalThis.__exampleSum=function(e){let t=0;for(let n=0;n<e.length;n++)t+=e[n];return t};",
}

// uncertifiedVisual is the network-enabled build.
func uncertifiedVisual(filler int) gen.Visual {
	v := gen.Clean()
	v.VisualModule = netModule
	v.Modules = append([]string(nil), extraModules...)
	v.FillerBytes = filler
	v.Privileges = json.RawMessage(`[{"name":"WebAccess","essential":true,"parameters":["https://api.contoso.com"]}]`)
	return v
}

// variant describes how to derive a certified build from a visual.
type variant struct {
	reverseModules bool              // lay the extra modules out in reverse order
	replace        map[string]string // textual rewrites of content.js
	reformat       bool              // regenerate the code unminified
	rename         bool              // rename every declared identifier
	noWebAccess    bool              // drop the privileges
	babel          bool              // reprint Babel-like (babelLike), after replace
}

// buildVariant writes the package of v changed as described, in dir.
func buildVariant(t testing.TB, dir, name string, v gen.Visual, o variant) string {
	t.Helper()
	if o.reverseModules {
		ms := append([]string(nil), v.Modules...)
		for i, j := 0, len(ms)-1; i < j; i, j = i+1, j-1 {
			ms[i], ms[j] = ms[j], ms[i]
		}
		v.Modules = ms
	}
	if o.noWebAccess {
		v.Privileges = nil
	}
	b := gen.BuildJS(v)
	src := b.JS
	for from, to := range o.replace {
		if !strings.Contains(src, from) {
			t.Fatalf("variant: %q not in the bundle", from)
		}
		src = strings.ReplaceAll(src, from, to)
	}
	if o.babel {
		src = babelLike(t, src)
	}
	if o.reformat || o.rename {
		src = regenerate(t, src, o.rename)
	}
	b.JS = src
	pkg := gen.MustBuildPackage(v, gen.ZipOptions{ResourceOverride: gen.BuildResourceJSON(v, b)})
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, pkg, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// regenerate reparses src and prints it again with tdewolff's printer (one
// statement per line, different spacing and parentheses), optionally giving
// every declared variable a new name.
func regenerate(t testing.TB, src string, rename bool) string {
	t.Helper()
	ast, err := js.Parse(parse.NewInputString(src), js.Options{})
	if err != nil {
		t.Fatalf("regenerate: %v", err)
	}
	if rename {
		r := &renamer{seen: map[*js.Var]bool{}}
		js.Walk(r, ast)
	}
	out := ast.JSString()
	if _, err := js.Parse(parse.NewInputString(out), js.Options{}); err != nil {
		t.Fatalf("regenerated code does not parse: %v", err)
	}
	return out
}

type renamer struct {
	seen map[*js.Var]bool
	n    int
}

func (r *renamer) Enter(n js.INode) js.IVisitor {
	if v, ok := n.(*js.Var); ok {
		for v.Link != nil {
			v = v.Link
		}
		if v.Decl != js.NoDecl && !r.seen[v] && len(v.Data) <= 2 {
			r.seen[v] = true
			r.n++
			v.Data = []byte(fmt.Sprintf("r%d_", r.n))
		}
	}
	return r
}

func (r *renamer) Exit(js.INode) {}

func compareFiles(t testing.TB, cert, uncert string) *Report {
	t.Helper()
	return compareFilesWith(t, cert, uncert, false)
}

// compareFilesWith compares with both builds analysed at the same time
// (parallel) or one after the other.
func compareFilesWith(t testing.TB, cert, uncert string, parallel bool) *Report {
	t.Helper()
	r, err := Files(cert, uncert, lint.Options{}, func(int) bool { return parallel })
	if err != nil {
		t.Fatal(err)
	}
	return r
}
