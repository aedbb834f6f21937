package baseline

import (
	"path/filepath"
	"testing"

	"github.com/pbicert/pbicert/internal/gen"
	"github.com/pbicert/pbicert/lint"
	"github.com/pbicert/pbicert/pbiviz"
)

func check(t *testing.T, path string, v gen.Visual) lint.Result {
	t.Helper()
	pkg, err := pbiviz.ReadBytes(gen.MustBuildPackage(v, gen.ZipOptions{}), pbiviz.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	return lint.CheckPackage(path, pkg, lint.Options{Limits: pbiviz.DefaultLimits()})
}

func TestBaselineReportsOnlyNewFindings(t *testing.T) {
	file := filepath.Join(t.TempDir(), "baseline.json")
	old := check(t, "dist/v1.pbiviz", gen.WithFindings())
	if len(old.Findings) == 0 {
		t.Fatal("no findings to record")
	}
	if err := Write(file, []lint.Result{old}); err != nil {
		t.Fatal(err)
	}
	b, err := Load(file)
	if err != nil {
		t.Fatal(err)
	}
	// the next release: rebuilt (other boilerplate layout, other path) and
	// with one new forbidden call
	v := gen.WithFindings()
	v.Minify = false
	v.Modules = append(v.Modules, `globalThis.__ping=()=>navigator.sendBeacon("https://t.contoso.com/p","x");`)
	next := check(t, "dist/v2.pbiviz", v)
	rs, dropped := b.Filter([]lint.Result{next})
	if dropped != len(old.Findings) {
		t.Errorf("dropped %d, want the %d recorded", dropped, len(old.Findings))
	}
	if len(rs[0].Findings) == 0 {
		t.Fatal("the new finding was dropped too")
	}
	for _, f := range rs[0].Findings {
		if f.API != "navigator.sendBeacon" {
			t.Errorf("reported %s %s, which the baseline holds", f.Rule, f.API)
		}
	}
}

func TestLoadRejectsOtherFiles(t *testing.T) {
	if _, err := Load(filepath.Join("testdata", "nope.json")); err == nil {
		t.Error("missing file accepted")
	}
}
