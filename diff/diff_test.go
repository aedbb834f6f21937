package diff

import (
	"bytes"
	"strings"
	"sync"
	"testing"

	"github.com/pbicert/pbicert/internal/gen"
	"github.com/pbicert/pbicert/lint"
	"github.com/pbicert/pbicert/rules"
)

func cleanVisual() gen.Visual {
	v := gen.Clean()
	v.Modules = append([]string(nil), extraModules...)
	return v
}

// Identical source, different minified names and module order: consistent,
// no difference at all.
func TestRenamedAndReorderedIsIdentical(t *testing.T) {
	dir := t.TempDir()
	v := cleanVisual()
	u := buildVariant(t, dir, "u.pbiviz", v, variant{})
	c := buildVariant(t, dir, "c.pbiviz", v, variant{rename: true, reverseModules: true})
	r := compareFiles(t, c, u)
	if r.Verdict != Consistent {
		t.Fatalf("verdict %s, reasons %v", r.Verdict, r.Reasons)
	}
	if len(r.Code.Explained)+len(r.Code.Unexplained)+len(r.Manifest) != 0 {
		t.Fatalf("want no difference, got code %+v manifest %+v", r.Code, r.Manifest)
	}
	if r.Code.Identical != r.Code.Functions || r.Code.Functions < 50 {
		t.Fatalf("identical %d of %d functions", r.Code.Identical, r.Code.Functions)
	}
}

// fetch(...) replaced by undefined(...), code regenerated unminified and
// renamed, WebAccess removed: consistent, and the differences are explained.
func TestCertificationFixIsConsistent(t *testing.T) {
	dir := t.TempDir()
	v := uncertifiedVisual(48 << 10)
	u := buildVariant(t, dir, "u.pbiviz", v, variant{})
	c := buildVariant(t, dir, "c.pbiviz", v, variant{replace: map[string]string{"fetch(": "undefined("},
		reformat: true, rename: true, reverseModules: true, noWebAccess: true})
	r := compareFiles(t, c, u)
	if r.Verdict != Consistent {
		t.Fatalf("verdict %s, reasons %v, unexplained %+v", r.Verdict, r.Reasons, r.Code.Unexplained)
	}
	if len(r.Code.Explained) != 1 || !strings.HasSuffix(r.Code.Explained[0].Name, "load") ||
		!strings.Contains(r.Code.Explained[0].Why, "fetch") {
		t.Fatalf("want the load method explained by fetch, got %+v", r.Code.Explained)
	}
	e := r.Code.Explained[0]
	if e.CertifiedLocation == nil || e.UncertifiedLocation == nil || e.CertifiedLocation.Line < 2 {
		t.Fatalf("locations: %+v %+v", e.CertifiedLocation, e.UncertifiedLocation)
	}
	if len(r.Manifest) != 1 || r.Manifest[0].Path != "capabilities.privileges[WebAccess]" || r.Manifest[0].Change != "removed" ||
		r.Manifest[0].Certified != nil || !r.Manifest[0].Explained {
		t.Fatalf("manifest: %+v", r.Manifest)
	}
	var net bool
	for _, f := range r.Findings.OnlyUncertified {
		net = net || f.Rule == "NET001"
	}
	// undefined(…) where fetch(…) was: a call of undefined (REQ005), listed
	// as only in the certified build and as a remaining error, but the
	// replacement it belongs to is explained: no reason of the verdict
	if !net || len(r.Findings.OnlyCertified) != 1 || r.Findings.OnlyCertified[0].Rule != CallRule {
		t.Fatalf("findings diff: %+v", r.Findings)
	}
	if len(r.CertifiedErrors) != 1 || r.CertifiedErrors[0].Rule != CallRule || r.CertifiedErrors[0].Shared {
		t.Fatalf("certifiedErrors: %+v", r.CertifiedErrors)
	}
}

// The certified build also changed a colour and a loop bound in update:
// diverged, update named with both locations.
func TestUnrelatedChangeDiverges(t *testing.T) {
	dir := t.TempDir()
	v := uncertifiedVisual(48 << 10)
	u := buildVariant(t, dir, "u.pbiviz", v, variant{})
	c := buildVariant(t, dir, "c.pbiviz", v, variant{replace: map[string]string{"fetch(": "undefined(",
		`t.style.background="#118dff"`: `t.style.background="#ff0000"`, "e<o.length;": "e<o.length-1;"},
		reformat: true, noWebAccess: true})
	r := compareFiles(t, c, u)
	if r.Verdict != Diverged {
		t.Fatalf("verdict %s", r.Verdict)
	}
	if len(r.Code.Unexplained) != 1 {
		t.Fatalf("want one unexplained function, got %+v", r.Code.Unexplained)
	}
	f := r.Code.Unexplained[0]
	if !strings.HasSuffix(f.Name, "update") || f.CertifiedLocation == nil || f.UncertifiedLocation == nil {
		t.Fatalf("unexplained: %+v", f)
	}
	if !strings.Contains(f.Why, `"#118dff"`) || !strings.Contains(f.Why, `"#ff0000"`) {
		t.Fatalf("why should show the colour change: %s", f.Why)
	}
	if !strings.Contains(strings.Join(r.Reasons, "\n"), f.Name) {
		t.Fatalf("reasons do not name %s: %v", f.Name, r.Reasons)
	}
	// the fetch removal in load is still recognised as explained
	if len(r.Code.Explained) != 1 {
		t.Fatalf("explained: %+v", r.Code.Explained)
	}
}

// A certified build that still calls fetch, with WebAccess removed: the
// builds differ only in the privilege (consistent), and the remaining fetch
// is listed in certifiedErrors, shared with the uncertified build, apart
// from the verdict.
func TestCertifiedErrorsApartFromVerdict(t *testing.T) {
	dir := t.TempDir()
	v := uncertifiedVisual(48 << 10)
	u := buildVariant(t, dir, "u.pbiviz", v, variant{})
	c := buildVariant(t, dir, "c.pbiviz", v, variant{reformat: true, noWebAccess: true})
	r := compareFiles(t, c, u)
	if r.Verdict != Consistent {
		t.Fatalf("verdict %s: %v", r.Verdict, r.Reasons)
	}
	var fetch bool
	for _, f := range r.CertifiedErrors {
		if f.Severity != rules.Error {
			t.Errorf("certifiedErrors holds a %s", f.Severity)
		}
		if f.Rule == "MAN001" {
			t.Errorf("WebAccess is not in the certified build: %+v", f)
		}
		fetch = fetch || f.Rule == "NET001" && f.Shared
	}
	if !fetch {
		t.Fatalf("want the remaining fetch, shared, in certifiedErrors: %+v", r.CertifiedErrors)
	}
	if strings.Contains(strings.Join(r.Reasons, "\n"), "NET001") || len(r.Code.Unexplained) != 0 {
		t.Fatalf("reasons %v, unexplained %+v", r.Reasons, r.Code.Unexplained)
	}
	var text bytes.Buffer
	if err := WriteText(&text, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "certified build still has") || !strings.Contains(text.String(), "NET001") {
		t.Fatalf("text report does not list the remaining errors:\n%s", text.String())
	}
}

// A finding only the certified build has (a new storage write) is a
// difference: diverged, with the finding among the reasons and not shared.
func TestFindingOnlyInCertifiedDiverges(t *testing.T) {
	dir := t.TempDir()
	v := uncertifiedVisual(0)
	u := buildVariant(t, dir, "u.pbiviz", v, variant{})
	c := buildVariant(t, dir, "c.pbiviz", v, variant{replace: map[string]string{"fetch(": "undefined(",
		`this.root.textContent="";`: `this.root.textContent="",localStorage.setItem("seen",o.length);`}, noWebAccess: true})
	r := compareFiles(t, c, u)
	if r.Verdict != Diverged || !strings.Contains(strings.Join(r.Reasons, "\n"), "STO001") {
		t.Fatalf("verdict %s: %v", r.Verdict, r.Reasons)
	}
	for _, f := range r.CertifiedErrors {
		if f.Rule == "STO001" && f.Shared {
			t.Fatalf("the storage write is not shared: %+v", f)
		}
	}
}

// Removing the whole network call (and the callback that fed on it) is explained.
func TestRemovedCallIsExplained(t *testing.T) {
	dir := t.TempDir()
	v := uncertifiedVisual(0)
	u := buildVariant(t, dir, "u.pbiviz", v, variant{})
	c := buildVariant(t, dir, "c.pbiviz", v, variant{replace: map[string]string{
		`return fetch("https://api.contoso.com/enrich?q="+encodeURIComponent(e)).then((e=>e.json()))`: `return`}, noWebAccess: true})
	r := compareFiles(t, c, u)
	if r.Verdict != Consistent {
		t.Fatalf("verdict %s: %v %+v", r.Verdict, r.Reasons, r.Code.Unexplained)
	}
	var removed, callback bool
	for _, e := range r.Code.Explained {
		removed = removed || strings.Contains(e.Why, "forbidden call removed: fetch")
		callback = callback || strings.Contains(e.Why, "removed with the network call")
	}
	if !removed || !callback {
		t.Fatalf("explained: %+v", r.Code.Explained)
	}
}

// BenchmarkDiff: a 5 MB bundle against its regenerated certified build,
// the builds analysed one after the other (serial) or at the same time
// (parallel, what the CLI does when its memory budget allows).
func BenchmarkDiff(b *testing.B) {
	dir := b.TempDir()
	v := uncertifiedVisual(5 << 20)
	u := buildVariant(b, dir, "u.pbiviz", v, variant{})
	c := buildVariant(b, dir, "c.pbiviz", v, variant{replace: map[string]string{"fetch(": "undefined("}, reformat: true, noWebAccess: true})
	for _, mode := range []string{"serial", "parallel"} {
		b.Run(mode, func(b *testing.B) {
			for b.Loop() {
				r := compareFilesWith(b, c, u, mode == "parallel")
				if r.Verdict != Consistent {
					b.Fatalf("verdict %s: %v", r.Verdict, r.Reasons)
				}
			}
		})
	}
}

// The builds analysed at the same time give the same report, byte for
// byte, as analysed one after the other.
func TestParallelSameReport(t *testing.T) {
	dir := t.TempDir()
	v := uncertifiedVisual(256 << 10)
	u := buildVariant(t, dir, "u.pbiviz", v, variant{})
	c := buildVariant(t, dir, "c.pbiviz", v, variant{replace: map[string]string{"fetch(": "undefined(", `t.style.background="#118dff"`: `t.style.background="#ff0000"`}, reformat: true, noWebAccess: true})
	var out [2]bytes.Buffer
	for i, parallel := range []bool{false, true} {
		r := compareFilesWith(t, c, u, parallel)
		if err := Write(&out[i], "json", r); err != nil {
			t.Fatal(err)
		}
	}
	if out[0].String() != out[1].String() {
		t.Fatalf("serial and parallel reports differ:\n%s\n---\n%s", out[0].String(), out[1].String())
	}
	if !strings.Contains(out[0].String(), `"unexplained"`) {
		t.Fatalf("the pair should have differences to report: %s", out[0].String())
	}
}

// The same bundle printed twice: compact, and reprinted the way Babel
// regenerates it (every printing choice the other way, names changed,
// modules in another order). Nothing differs.
func TestBabelReprintIsIdentical(t *testing.T) {
	dir := t.TempDir()
	v := uncertifiedVisual(48 << 10)
	u := buildVariant(t, dir, "u.pbiviz", v, variant{})
	c := buildVariant(t, dir, "c.pbiviz", v, variant{babel: true, rename: true, reverseModules: true})
	r := compareFiles(t, c, u)
	if len(r.Code.Explained)+len(r.Code.Unexplained)+len(r.Manifest) != 0 {
		for _, f := range r.Code.Unexplained {
			t.Errorf("unexplained %s: %s", f.Name, f.Why)
		}
		t.Fatalf("want no difference, got %d explained, %d unexplained, manifest %+v", len(r.Code.Explained), len(r.Code.Unexplained), r.Manifest)
	}
	if r.Code.Identical != r.Code.Functions || r.Code.Functions < 50 {
		t.Fatalf("identical %d of %d functions", r.Code.Identical, r.Code.Functions)
	}
	if r.Verdict != Consistent {
		t.Fatalf("verdict %s: %v", r.Verdict, r.Reasons)
	}
}

// The official fix mistakes a library's eval method for the global:
// this.eval(e,t) becomes undefined(e,t). A broken build: diverged, the
// function unexplained with REQ005 as its reason.
func TestCallOfUndefinedIsUnexplained(t *testing.T) {
	dir := t.TempDir()
	v := uncertifiedVisual(0)
	v.Modules = append(v.Modules, "class Dataflow{eval(e,t){return e.map(t)}run(e,t){return this.eval(e,t)}}globalThis.__df=new Dataflow;")
	u := buildVariant(t, dir, "u.pbiviz", v, variant{})
	c := buildVariant(t, dir, "c.pbiviz", v, variant{replace: map[string]string{"fetch(": "undefined(", "this.eval(e,t)": "undefined(e,t)"},
		babel: true, noWebAccess: true})
	r := compareFiles(t, c, u)
	if r.Verdict != Diverged || len(r.Code.Unexplained) != 1 {
		t.Fatalf("verdict %s, unexplained %+v", r.Verdict, r.Code.Unexplained)
	}
	f := r.Code.Unexplained[0]
	if f.Name != "Dataflow.run" || !strings.Contains(f.Why, CallRule) || !strings.Contains(f.Why, "eval") {
		t.Fatalf("unexplained: %s: %s", f.Name, f.Why)
	}
	var loadOK bool
	for _, e := range r.Code.Explained {
		loadOK = loadOK || strings.HasSuffix(e.Name, "load")
	}
	if !loadOK {
		t.Fatalf("the fetch replaced by undefined in load should stay explained: %+v", r.Code.Explained)
	}
}

// The certification fix makes a local that held a network object
// undefined (`const a=new XMLHttpRequest` → `const a=undefined`), and the
// canonical print inlines it in a nested callback: `a.abort()` becomes
// `(void 0).abort()`. The names the callback uses after it are numbered
// one lower, yet it is the same callback (seen in maplibre's request code
// in the real 6 MB certification-fixed pair). Tampered: the callback
// resolves instead of rejecting, and stays unexplained.
func TestCapturedNetworkLocalIsExplained(t *testing.T) {
	dir := t.TempDir()
	v := uncertifiedVisual(0)
	v.Modules = append(v.Modules, `function z(){return new Error("aborted")}globalThis.__exampleGet=function(t,e){return new Promise(((r,n)=>{var i;const a=new XMLHttpRequest;a.open(t.method||"GET",t.url,!0),a.onerror=()=>{n(new Error(a.statusText))},a.onload=()=>{r(a.response)},e.signal.addEventListener("abort",(()=>{a.abort(),n(z())})),a.send(t.body)}))};`)
	u := buildVariant(t, dir, "u.pbiviz", v, variant{})
	c := buildVariant(t, dir, "c.pbiviz", v, variant{replace: map[string]string{"new XMLHttpRequest": "undefined"}})
	r := compareFiles(t, c, u)
	if r.Verdict != Consistent || len(r.Code.Unexplained) != 0 {
		t.Fatalf("verdict %s, unexplained %+v", r.Verdict, r.Code.Unexplained)
	}
	c2 := buildVariant(t, dir, "c2.pbiviz", v, variant{replace: map[string]string{"new XMLHttpRequest": "undefined", "a.abort(),n(z())": "a.abort(),r(z())"}})
	r = compareFiles(t, c2, u)
	if r.Verdict != Diverged || len(r.Code.Unexplained) != 1 {
		t.Fatalf("tampered: verdict %s, unexplained %+v", r.Verdict, r.Code.Unexplained)
	}
}

// Only addresses are remote URLs: strings that the URL classifier reads as
// a scheme (a CSS selector, a registry key) are not, so a function holding
// one does not count as performing remote access (on the real 6 MB pair,
// plotly.js's "button:not([disabled])" and echarts' "echarts:boxplot"
// explained printing differences as "remote access removed").
func TestRemoteURLNeedsAHost(t *testing.T) {
	for lit, want := range map[string]string{
		`"https://tile.example.com/{z}/{x}/{y}.png"`: "https://tile.example.com/{z}/{x}/{y}.png",
		`"//cdn.example.com/x.js"`:                   "//cdn.example.com/x.js",
		`"wss://push.example.com"`:                   "wss://push.example.com",
		`"button:not([disabled])"`:                   "",
		`"echarts:boxplot"`:                          "",
		`"http://www.w3.org/2000/svg"`:               "",
	} {
		s := &store{src: lit, srcb: []byte(lit)}
		if got := remoteURL(s, token{off: 0, n: int32(len(lit)), kind: kLit, flags: fStr}); got != want {
			t.Errorf("remoteURL(%s) = %q, want %q", lit, got, want)
		}
	}
}

// Each parse holds its reservation (lint.Options.Admit) only while its
// syntax tree is alive; a build then keeps a smaller one until the report
// is released. One after the other, no two parse reservations are ever in
// flight at once.
func TestReservationsFollowTrees(t *testing.T) {
	dir := t.TempDir()
	v := uncertifiedVisual(128 << 10)
	u := buildVariant(t, dir, "u.pbiviz", v, variant{})
	c := buildVariant(t, dir, "c.pbiviz", v, variant{replace: map[string]string{"fetch(": "undefined("}, reformat: true, noWebAccess: true})
	for _, parallel := range []bool{false, true} {
		var mu sync.Mutex
		var inflight, peak, held, admitted, largest int
		admit := func(n int, _ bool) func() {
			mu.Lock()
			defer mu.Unlock()
			inflight += n
			held++
			admitted++
			peak, largest = max(peak, inflight), max(largest, n)
			once := false
			return func() {
				mu.Lock()
				defer mu.Unlock()
				if once {
					t.Errorf("a reservation of %d released twice", n)
				}
				once = true
				inflight -= n
				held--
			}
		}
		r, err := Files(c, u, lint.Options{Admit: admit}, func(int) bool { return parallel })
		if err != nil {
			t.Fatal(err)
		}
		mu.Lock()
		// two parses per build (as written, canonical print: taken again
		// when the print is longer than the code) and one kept share each
		if admitted < 6 || admitted > 8 || held != 2 {
			t.Errorf("parallel=%v: %d reservations taken, %d held after Files (want 6 to 8 taken, the 2 kept shares held)", parallel, admitted, held)
		}
		if kept := inflight; kept > 2*largest*keptShare/8 {
			t.Errorf("parallel=%v: %d bytes still reserved after Files, more than the kept shares", parallel, kept)
		}
		if !parallel && peak > largest+2*largest*keptShare/8 {
			t.Errorf("serial: %d bytes reserved at once, more than one parse (%d) beside the kept shares", peak, largest)
		}
		mu.Unlock()
		r.Release()
		r.Release() // a second call returns nothing more
		mu.Lock()
		if inflight != 0 || held != 0 {
			t.Errorf("parallel=%v: %d bytes in %d reservations left after Release", parallel, inflight, held)
		}
		mu.Unlock()
	}
}
