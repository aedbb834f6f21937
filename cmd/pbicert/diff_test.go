package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
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

// scripts/certfix-pair builds several pairs (here with stand-ins for npm
// and pbiviz that hand out generated packages), reports each pair's
// result, goes on after a pair that fails, and exits 2 when any failed,
// 1 when one diverged and none failed.
func TestCertfixPairReportsEachPair(t *testing.T) {
	for _, tool := range []string{"sh", "git", "tar"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skip(tool + " is not installed")
		}
	}
	tmp := t.TempDir()
	cache := filepath.Join(tmp, "cache")
	stubs := filepath.Join(tmp, "bin")
	tools := filepath.Join(cache, "node_modules")
	for _, d := range []string{stubs, filepath.Join(tools, ".bin"), filepath.Join(tools, "powerbi-visuals-tools")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(p, s string, mode os.FileMode) {
		t.Helper()
		if err := os.WriteFile(p, []byte(s), mode); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(stubs, "npm"), "#!/bin/sh\nmkdir -p node_modules\n", 0o755)
	write(filepath.Join(tools, "powerbi-visuals-tools", "package.json"), `{"name": "powerbi-visuals-tools", "version": "7.1.0"}`, 0o644)
	// pbiviz package copies pkgs/plain.pbiviz, --certification-fix pkgs/certfix.pbiviz
	write(filepath.Join(tools, ".bin", "pbiviz"), "#!/bin/sh\nmkdir -p dist\nif [ \"${2:-}\" = --certification-fix ]; then cp pkgs/certfix.pbiviz dist/v.pbiviz; else cp pkgs/plain.pbiviz dist/v.pbiviz; fi\n", 0o755)
	// a sample's git repository
	repo := func(name string, pkgs map[string]gen.Visual) string {
		t.Helper()
		dir := filepath.Join(tmp, "src", name)
		if err := os.MkdirAll(filepath.Join(dir, "pkgs"), 0o755); err != nil {
			t.Fatal(err)
		}
		write(filepath.Join(dir, "pbiviz.json"), `{"visual": {"name": "`+name+`"}}`, 0o644)
		write(filepath.Join(dir, "package.json"), `{"name": "`+name+`"}`, 0o644)
		for f, v := range pkgs {
			if err := os.WriteFile(filepath.Join(dir, "pkgs", f), gen.MustBuildPackage(v, gen.ZipOptions{}), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		for _, args := range [][]string{{"init", "-q"}, {"add", "."}, {"-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "sample"}} {
			cmd := exec.Command("git", args...)
			cmd.Dir = dir
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("git %v: %v: %s", args, err, out)
			}
		}
		return filepath.Join(dir, ".git")
	}
	same := repo("same", map[string]gen.Visual{"plain.pbiviz": gen.Clean(), "certfix.pbiviz": gen.Clean()})
	broken := repo("broken", map[string]gen.Visual{"plain.pbiviz": gen.Clean()}) // --certification-fix writes nothing
	changed := repo("changed", map[string]gen.Visual{"plain.pbiviz": gen.Clean(), "certfix.pbiviz": gen.WithFindings()})

	runScript := func(gitdirs ...string) (string, int) {
		cmd := exec.Command("sh", append([]string{filepath.Join("..", "..", "scripts", "certfix-pair")}, gitdirs...)...)
		cmd.Env = append(os.Environ(), "PATH="+stubs+string(os.PathListSeparator)+os.Getenv("PATH"), "CACHE="+cache, "PBICERT="+e2eBinary(t))
		out, err := cmd.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return string(out), code
	}
	out, code := runScript(same, broken, changed)
	if code != 2 {
		t.Errorf("a pair failed: exit %d, want 2\n%s", code, out)
	}
	for _, want := range []string{"pair same: consistent (pbicert diff exit 0)", "pair broken: build failed", "pair changed: diverged (pbicert diff exit 1)", "3 pair(s):"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	out, code = runScript(same, changed)
	if code != 1 {
		t.Errorf("one pair diverged: exit %d, want 1\n%s", code, out)
	}
	if out, code = runScript(same); code != 0 {
		t.Errorf("consistent pair: exit %d, want 0\n%s", code, out)
	}
}
