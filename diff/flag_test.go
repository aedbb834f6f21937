package diff

import (
	"strings"
	"testing"
)

// flagModule is one module source compiled twice, the way vendors ship a
// certified and an uncertified visual: with remote on, an enricher calls
// an API through helpers (headers, response parser, retry) and a map
// view loads tiles from a remote URL template; with remote off, the
// helpers are gone, enrich is a stub that reports that remote access is
// disabled, and the tile layer setup is empty. tamper changes the
// certified build in one more way.
func flagModule(remote bool, tamper string) string {
	var b strings.Builder
	if remote {
		b.WriteString(`const o="https://api.contoso.com/v2/",s="X-Client";` +
			`function r(e){return{Authorization:"Bearer "+e,[s]:"visual"}}` +
			`function a(e){if(!e.ok)throw new Error("HTTP "+e.status);return e.json()}` +
			`function i(e,t){return e().catch((n=>t>0?i(e,t-1):Promise.reject(n)))}`)
	} else if tamper == "helper" {
		// a helper kept, and changed (5 retries instead of none)
		b.WriteString(`function i(e,t){return e().catch((n=>t>5?i(e,t-1):Promise.reject(n)))}`)
	}
	b.WriteString(`class l{constructor(e){this.key=e,this.rows=[]}`)
	switch {
	case remote:
		b.WriteString(`enrich(e){return i((()=>fetch(o+"enrich?q="+encodeURIComponent(e),{headers:r(this.key)}).then(a)),2)}`)
	case tamper == "stub":
		b.WriteString(`enrich(e){return localStorage.setItem("q",e),Promise.reject(new Error("remote access is disabled in this build"))}`)
	default:
		b.WriteString(`enrich(e){return Promise.reject(new Error("remote access is disabled in this build"))}`)
	}
	b.WriteString(`summary(e){return e.length+" rows"}}`)
	b.WriteString(`class c{constructor(e){this.map=e}`)
	switch {
	case remote:
		b.WriteString(`addTiles(){L.tileLayer("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png",{attribution:"© OpenStreetMap",maxZoom:19}).addTo(this.map)}`)
	case tamper == "tiles":
		b.WriteString(`addTiles(){this.map.setView([0,0],2)}`)
	default:
		b.WriteString(`addTiles(){}`)
	}
	b.WriteString(`fit(e){this.map.fitBounds(e)}}globalThis.__enrich={Enricher:l,MapView:c};`)
	return b.String()
}

func flagPair(t *testing.T, tamper string) *Report {
	t.Helper()
	dir := t.TempDir()
	uv := uncertifiedVisual(0)
	uv.Modules = append(uv.Modules, flagModule(true, ""))
	cv := uncertifiedVisual(0)
	cv.Modules = append(cv.Modules, flagModule(false, tamper))
	u := buildVariant(t, dir, "u.pbiviz", uv, variant{})
	c := buildVariant(t, dir, "c.pbiviz", cv, variant{replace: map[string]string{"fetch(": "undefined("}, rename: true, noWebAccess: true})
	return compareFiles(t, c, u)
}

func whyOf(cs []FuncChange, suffix string) (string, bool) {
	for _, c := range cs {
		if strings.HasSuffix(c.Name, suffix) {
			return c.Why, true
		}
	}
	return "", false
}

// The flag-built pair is consistent, and each removal names its reason.
func TestFlagBuiltPairIsConsistent(t *testing.T) {
	r := flagPair(t, "")
	for _, f := range r.Code.Unexplained {
		t.Errorf("unexplained %s: %s", f.Name, f.Why)
	}
	if r.Verdict != Consistent {
		t.Fatalf("verdict %s: %v", r.Verdict, r.Reasons)
	}
	for name, want := range map[string]string{
		"enrich":   "stub that adds no capability (fetch)",
		"addTiles": "only drops code",
	} {
		why, ok := whyOf(r.Code.Explained, name)
		if !ok || !strings.Contains(why, want) {
			t.Errorf("%s: want %q, got %q (present %v)", name, want, why, ok)
		}
	}
	var unreachable, constant int
	for _, e := range r.Code.Explained {
		if e.Why == "" {
			t.Errorf("%s explained without a reason", e.Name)
		}
		if strings.Contains(e.Why, "unreachable once remote access is gone") {
			unreachable++
		}
		if strings.Contains(e.Why, "only removed code used it") {
			constant++
		}
	}
	if unreachable < 3 || constant == 0 {
		for _, e := range r.Code.Explained {
			t.Logf("explained %s: %s", e.Name, e.Why)
		}
		t.Fatalf("want the three helpers unreachable (%d) and the constants removed (%d)", unreachable, constant)
	}
}

// Each tampered variant stays diverged, with the tampered function
// unexplained.
func TestFlagBuiltTamperedDiverges(t *testing.T) {
	for tamper, want := range map[string]struct{ name, why string }{
		"helper": {"", "0 → 5"}, // the kept helper (renamed by the minifier) with its retry bound changed
		"stub":   {"enrich", "localStorage"},
		"tiles":  {"addTiles", "setView"},
	} {
		t.Run(tamper, func(t *testing.T) {
			r := flagPair(t, tamper)
			if r.Verdict != Diverged {
				t.Fatalf("verdict %s", r.Verdict)
			}
			for _, f := range r.Code.Unexplained {
				if strings.HasSuffix(f.Name, want.name) && strings.Contains(f.Why, want.why) {
					return
				}
			}
			for _, f := range r.Code.Unexplained {
				t.Logf("unexplained %s: %s", f.Name, f.Why)
			}
			t.Fatalf("the tampered function (%q, %q) is not unexplained", want.name, want.why)
		})
	}
}
