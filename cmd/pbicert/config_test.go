package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pbicert/pbicert/internal/gen"
)

// runIn runs the binary in dir.
func runIn(t *testing.T, dir string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(e2eBinary(t), args...)
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	err := cmd.Run()
	var ee *exec.ExitError
	code := 0
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

func writeGenPkg(t *testing.T, dir, name string, v gen.Visual) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), gen.MustBuildPackage(v, gen.ZipOptions{}), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestE2ESeveralOutputsInOneRun(t *testing.T) {
	dir := t.TempDir()
	writeGenPkg(t, dir, "findings.pbiviz", gen.WithFindings())
	out, stderr, code := runIn(t, dir, "check", "--format", "json", "--output", "a.json", "--format", "sarif", "--output", "b.sarif",
		"--format", "junit", "--output", "c.xml", "--format", "github", "findings.pbiviz")
	if code != 1 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if !strings.HasPrefix(out, "::error file=findings.pbiviz,") {
		t.Errorf("github output on stdout: %q", out)
	}
	var doc struct {
		Results []struct {
			Findings []struct{ Rule, Fingerprint string }
		}
	}
	raw, _ := os.ReadFile(filepath.Join(dir, "a.json"))
	if err := json.Unmarshal(raw, &doc); err != nil || len(doc.Results) != 1 || len(doc.Results[0].Findings) == 0 {
		t.Fatalf("a.json: %v %s", err, raw)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID              string            `json:"ruleId"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	raw, _ = os.ReadFile(filepath.Join(dir, "b.sarif"))
	if err := json.Unmarshal(raw, &log); err != nil || len(log.Runs) != 1 {
		t.Fatalf("b.sarif: %v", err)
	}
	if len(log.Runs[0].Results) != len(doc.Results[0].Findings) {
		t.Fatalf("%d SARIF results for %d findings", len(log.Runs[0].Results), len(doc.Results[0].Findings))
	}
	for i, f := range doc.Results[0].Findings {
		r := log.Runs[0].Results[i]
		if f.Fingerprint == "" || r.RuleID != f.Rule || r.PartialFingerprints["pbicertFinding/v1"] != f.Fingerprint {
			t.Errorf("finding %d: JSON %s %s, SARIF %s %v", i, f.Rule, f.Fingerprint, r.RuleID, r.PartialFingerprints)
		}
	}
	raw, _ = os.ReadFile(filepath.Join(dir, "c.xml"))
	var suites struct {
		Failures int `xml:"failures,attr"`
	}
	if err := xml.Unmarshal(raw, &suites); err != nil || suites.Failures == 0 {
		t.Errorf("c.xml: %v, %d failures", err, suites.Failures)
	}
}

func TestE2EConfigSuppressionsAndBaseline(t *testing.T) {
	dir := t.TempDir()
	writeGenPkg(t, dir, "findings.pbiviz", gen.WithFindings())
	cfg := `fail-on: error
severity:
  STO001: warning
rules:
  disable: [DOM001]
allowed-origins: ["https://api.contoso.com"]
suppress:
  - rule: DYN002
    api: Function
    function: Visual.compile
    reason: formula editor, reviewed
  - rule: MAN001
    package: "*.pbiviz"
    reason: the uncertified build calls our API
  - rule: DOM003
    reason: stale
`
	if err := os.WriteFile(filepath.Join(dir, ".pbicert.yaml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, code := runIn(t, dir, "check", "--format", "json", "findings.pbiviz")
	if code != 0 {
		t.Errorf("exit %d: only a warning and an info should remain\n%s", code, out)
	}
	if !strings.Contains(stderr, ".pbicert.yaml:15: warning: unused suppression (DOM003)") {
		t.Errorf("stderr %q lacks the unused suppression", stderr)
	}
	var doc struct {
		Results []struct {
			Findings []struct{ Rule, Severity string }
			Notes    []string
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range doc.Results[0].Findings {
		got[f.Rule] = f.Severity
	}
	// MAN018/MAN017: the example's WebAccess also lists https://*.contoso-cdn.net, a wildcard the code never uses
	if len(got) != 4 || got["STO001"] != "warning" || got["NET001"] != "info" || got["MAN018"] != "warning" || got["MAN017"] != "warning" {
		t.Errorf("findings %v, want STO001, MAN018 and MAN017 warnings and NET001 info", got)
	}
	if !strings.Contains(strings.Join(doc.Results[0].Notes, "\n"), "unused suppression at .pbicert.yaml:15") {
		t.Errorf("notes %q", doc.Results[0].Notes)
	}
	// --fail-on on the command line wins over the file
	if _, _, code := runIn(t, dir, "check", "--fail-on", "warning", "findings.pbiviz"); code != 1 {
		t.Errorf("--fail-on warning: exit %d", code)
	}
	// a suppression without a reason is a usage error naming file and line
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("suppress:\n  - rule: NET001\n    api: fetch\n"), 0o644)
	if _, stderr, code := runIn(t, dir, "check", "--config", "bad.yaml", "findings.pbiviz"); code != 2 || !strings.Contains(stderr, "bad.yaml:2: suppression of NET001 has no reason") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	// baseline: record, then nothing is new; a new forbidden call is
	os.Remove(filepath.Join(dir, ".pbicert.yaml"))
	// writing the baseline succeeds (exit 0) whatever it recorded
	if _, stderr, code := runIn(t, dir, "check", "--write-baseline", "base.json", "findings.pbiviz"); code != 0 || !strings.Contains(stderr, "wrote the baseline base.json") {
		t.Errorf("--write-baseline: exit %d, stderr %q", code, stderr)
	}
	if out, _, code := runIn(t, dir, "check", "--baseline", "base.json", "findings.pbiviz"); code != 0 {
		t.Errorf("--baseline on the same package: exit %d\n%s", code, out)
	}
	v := gen.WithFindings()
	v.Minify = false
	v.Modules = append(v.Modules, `globalThis.__x=()=>eval("1+1");`)
	writeGenPkg(t, dir, "next.pbiviz", v)
	out, _, code = runIn(t, dir, "check", "--baseline", "base.json", "--format", "json", "next.pbiviz")
	if code != 1 || !strings.Contains(out, `"rule": "DYN001"`) || strings.Contains(out, `"rule": "NET001"`) {
		t.Errorf("--baseline on a rebuild with a new eval: exit %d\n%s", code, out)
	}
}
