package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pbicert/pbicert/internal/gen"
)

// check --dynamic through the binary: pbicert re-executes itself as the
// sandbox's child; "dynamic: true" in .pbicert.yaml turns it on; text
// output marks the observed finding and shows its target.
func TestE2EDynamic(t *testing.T) {
	dir := t.TempDir()
	writeGenPkg(t, dir, "findings.pbiviz", gen.WithFindings())
	out, stderr, code := runIn(t, dir, "check", "--format", "json", "findings.pbiviz")
	if code != 1 || strings.Contains(out, `"dynamic"`) || strings.Contains(out, `"runtime"`) {
		t.Fatalf("without --dynamic: exit %d, stderr %q, dynamic fields present: %v", code, stderr, strings.Contains(out, `"dynamic"`))
	}
	if err := os.WriteFile(filepath.Join(dir, ".pbicert.yaml"), []byte("dynamic: true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, code = runIn(t, dir, "check", "--format", "json", "findings.pbiviz")
	if code != 1 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	var doc struct {
		Results []struct {
			Dynamic *struct {
				Completed []string
				Error     string
			}
			Findings []struct {
				Rule    string
				Runtime *struct {
					Phase, Target string
					ReportData    bool
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.Results) != 1 {
		t.Fatalf("%v: %s", err, out)
	}
	r := doc.Results[0]
	if r.Dynamic == nil || r.Dynamic.Error != "" || len(r.Dynamic.Completed) != 6 {
		t.Fatalf("dynamic: %+v", r.Dynamic)
	}
	seen := false
	for _, f := range r.Findings {
		if f.Rule == "NET001" && f.Runtime != nil && f.Runtime.ReportData && strings.HasPrefix(f.Runtime.Target, "https://api.contoso.com/enrich?q=") {
			seen = true
		}
	}
	if !seen {
		t.Errorf("NET001 not observed with its target: %s", out)
	}
	text, _, _ := runIn(t, dir, "check", "findings.pbiviz")
	if !strings.Contains(text, "[observed at run time, update]") || !strings.Contains(text, "    target: https://api.contoso.com/enrich?q=") {
		t.Errorf("text output:\n%s", text)
	}
}
