package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/pbicert/pbicert/internal/gen"
)

func TestDiffCommandExitCodesAndJSON(t *testing.T) {
	dir := t.TempDir()
	clean := filepath.Join(dir, "clean.pbiviz")
	bad := filepath.Join(dir, "findings.pbiviz")
	if err := os.WriteFile(clean, gen.MustBuildPackage(gen.Clean(), gen.ZipOptions{}), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, gen.MustBuildPackage(gen.WithFindings(), gen.ZipOptions{}), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "d.json")
	if code := run([]string{"diff", "--format", "json", "--output", out, clean, clean}); code != 0 {
		t.Fatalf("same package twice: exit %d, want 0", code)
	}
	var doc map[string]json.RawMessage
	b, _ := os.ReadFile(out)
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"certified", "uncertified", "verdict", "reasons", "manifest", "findings", "code"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	if string(doc["verdict"]) != `"consistent"` {
		t.Errorf("verdict %s", doc["verdict"])
	}
	if code := run([]string{"diff", "--output", filepath.Join(dir, "d.txt"), bad, clean}); code != 1 {
		t.Fatalf("certified build with findings: exit %d, want 1", code)
	}
	if code := run([]string{"diff", "--output", filepath.Join(dir, "x.txt"), filepath.Join(dir, "missing.pbiviz"), clean}); code != 2 {
		t.Fatalf("missing input: exit %d, want 2", code)
	}
	if code := run([]string{"diff", clean}); code != 2 {
		t.Fatalf("one argument: exit %d, want 2", code)
	}
	if code := run([]string{"diff", "--format", "sarif", clean, clean}); code != 2 {
		t.Fatalf("unknown format: exit %d, want 2", code)
	}
}
