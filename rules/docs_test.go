package rules_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pbicert/pbicert/rules"
)

// TestRulesDocUpToDate fails when docs/rules.md differs from the registry.
func TestRulesDocUpToDate(t *testing.T) {
	got, err := os.ReadFile(filepath.Join("..", "docs", "rules.md"))
	if err != nil {
		t.Fatalf("%v (run `go generate ./rules`)", err)
	}
	if string(got) != rules.Markdown() {
		t.Fatal("docs/rules.md is stale: run `go generate ./rules` and commit it")
	}
}

var idRe = regexp.MustCompile(`^(NET|DYN|STO|DOM|OBF|MAN|REQ|REP)[0-9]{3}$`)
var nameRe = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// TestRuleMetadata checks every rule's ID, name and documentation.
func TestRuleMetadata(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range rules.All() {
		if !idRe.MatchString(r.ID) {
			t.Errorf("%s: ID is not three capitals and three digits of a known category", r.ID)
		}
		if !nameRe.MatchString(r.Name) || seen[r.Name] {
			t.Errorf("%s: name %q is not a unique kebab-case name", r.ID, r.Name)
		}
		seen[r.Name] = true
		if r.Needs.Inputs == 0 {
			t.Errorf("%s: Needs.Inputs is empty (declare what the rule reads: JS, CSS, ManifestInput, Repo)", r.ID)
		}
		d := r.Doc
		if d.Title == "" || d.Why == "" || d.Example == "" || d.Fix == "" {
			t.Errorf("%s: documentation is incomplete (title, why, example and fix are required)", r.ID)
		}
		if strings.HasPrefix(r.ID, "REP") {
			continue // repository rules are documented by their own owner
		}
		if !strings.HasPrefix(d.Ref, "https://learn.microsoft.com/power-bi/developer/visuals/") {
			t.Errorf("%s: reference %q is not a Microsoft visuals page", r.ID, d.Ref)
		}
	}
}
