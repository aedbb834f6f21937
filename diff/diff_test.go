package diff

import (
	"strings"
	"testing"

	"github.com/pbicert/pbicert/internal/gen"
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
	if !net || len(r.Findings.OnlyCertified) != 0 {
		t.Fatalf("findings diff: %+v", r.Findings)
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

// A certified build that still calls fetch diverges, even with WebAccess removed.
func TestCertifiedWithNetworkDiverges(t *testing.T) {
	dir := t.TempDir()
	v := uncertifiedVisual(48 << 10)
	u := buildVariant(t, dir, "u.pbiviz", v, variant{})
	c := buildVariant(t, dir, "c.pbiviz", v, variant{reformat: true, noWebAccess: true})
	r := compareFiles(t, c, u)
	if r.Verdict != Diverged {
		t.Fatalf("verdict %s", r.Verdict)
	}
	var fetch bool
	for _, f := range r.CertifiedErrors {
		fetch = fetch || f.Rule == "NET001" && f.Severity == rules.Error
	}
	if !fetch || !strings.Contains(strings.Join(r.Reasons, "\n"), "NET001") {
		t.Fatalf("want the remaining fetch as a reason: %v", r.Reasons)
	}
	if len(r.Code.Unexplained) != 0 {
		t.Fatalf("no code changed, got %+v", r.Code.Unexplained)
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

func BenchmarkDiff(b *testing.B) {
	dir := b.TempDir()
	v := uncertifiedVisual(5 << 20)
	u := buildVariant(b, dir, "u.pbiviz", v, variant{})
	c := buildVariant(b, dir, "c.pbiviz", v, variant{replace: map[string]string{"fetch(": "undefined("}, reformat: true, noWebAccess: true})
	b.ResetTimer()
	for b.Loop() {
		r := compareFiles(b, c, u)
		if r.Verdict != Consistent {
			b.Fatalf("verdict %s: %v", r.Verdict, r.Reasons)
		}
	}
}
