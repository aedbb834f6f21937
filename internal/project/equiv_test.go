package project

import (
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/pbicert/pbicert/internal/gen"
	"github.com/pbicert/pbicert/lint"
	"github.com/pbicert/pbicert/pbiviz"
	"github.com/pbicert/pbicert/rules"
)

var (
	importLineRe = regexp.MustCompile(`(?m)^import .*;$`)
	exportRe     = regexp.MustCompile(`(?m)^export `)
)

// The same visual as source and as a package built by our generator from
// the project's transpiled code gives the same rules and APIs.
func TestSourceAndPackageAgree(t *testing.T) {
	for _, name := range []string{"d3visual", "reactvisual"} {
		t.Run(name, func(t *testing.T) {
			c := analyze(t, "../../testdata/projects/"+name)
			p := c.Project
			v := gen.Visual{
				GUID: c.Manifest.Resource.Visual.GUID, Name: c.Manifest.Resource.Visual.Name,
				APIVersion: c.Manifest.Resource.APIVersion, Capabilities: json.RawMessage(p.Capabilities),
			}
			for _, f := range p.Sources {
				js, _, err := Transpile(f)
				if err != nil {
					t.Fatal(err)
				}
				// module syntax is the bundler's business: drop it
				code := exportRe.ReplaceAllString(importLineRe.ReplaceAllString(string(js), ""), "")
				if f.Path == p.Entry {
					v.VisualModule = code
				} else {
					v.Modules = append(v.Modules, code)
				}
			}
			for _, s := range p.Styles {
				v.CSS += string(s.Text)
			}
			pkg, err := pbiviz.ReadBytes(gen.MustBuildPackage(v, gen.ZipOptions{}), pbiviz.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			r := lint.CheckPackage("x.pbiviz", pkg, lint.Options{})
			// what the package cannot show: repository rules, and the
			// project's inline suppressions (applied to the package here)
			var fromProject, fromPackage []string
			for _, f := range c.Findings {
				if rules.Lookup(f.Rule).Needs.Inputs&rules.Repo == 0 {
					fromProject = append(fromProject, f.Rule+":"+f.API)
				}
			}
			suppressed := map[string]bool{}
			for _, ig := range c.Repo.Ignores {
				if ig.Used {
					for _, id := range ig.Rules {
						suppressed[id] = true
					}
				}
			}
			for _, f := range r.Findings {
				if !suppressed[f.Rule] {
					fromPackage = append(fromPackage, f.Rule+":"+f.API)
				}
			}
			sort.Strings(fromProject)
			sort.Strings(fromPackage)
			if strings.Join(fromProject, " ") != strings.Join(fromPackage, " ") {
				t.Errorf("project: %s\npackage: %s", strings.Join(fromProject, " "), strings.Join(fromPackage, " "))
			}
			if len(fromProject) == 0 {
				t.Error("no findings compared")
			}
		})
	}
}
