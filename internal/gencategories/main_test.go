package main

import (
	"bytes"
	"encoding/json"
	"github.com/pbicert/pbicert/internal/textpos"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/pbicert/pbicert/internal/gen"
)

const dir = "../../testdata/packages/categories"

// TestCommittedPackagesUpToDate: regenerating yields the committed bytes.
func TestCommittedPackagesUpToDate(t *testing.T) {
	for _, c := range Categories() {
		want, err := c.Build()
		if err != nil {
			t.Fatal(err)
		}
		again, _ := c.Build()
		if !bytes.Equal(want, again) {
			t.Errorf("%s: two builds differ", c.File)
		}
		got, err := os.ReadFile(filepath.Join(dir, c.File))
		if err != nil {
			t.Fatalf("%v (run `go run ./internal/gencategories`)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is stale: run `go run ./internal/gencategories` and commit it", c.File)
		}
	}
}

// lineCol returns the 1-based line and character column of off in s
// (the report's convention, internal/textpos).
func lineCol(s string, off int) (int, int) { return textpos.LineCol([]byte(s), off) }

type jsonFinding struct {
	Rule     string `json:"rule"`
	API      string `json:"api"`
	Severity string `json:"severity"`
	Location struct {
		File   string `json:"file"`
		Line   int    `json:"line"`
		Column int    `json:"column"`
	} `json:"location"`
}

// TestCategoriesEndToEnd builds the binary, checks every committed category
// package with --format json and compares rule, api, line and column with
// where the generator placed the marker text.
func TestCategoriesEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "pbicert")
	build := exec.Command("go", "build", "-o", bin, "../../cmd/pbicert")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, c := range Categories() {
		t.Run(c.File, func(t *testing.T) {
			b := gen.BuildJS(c.Visual)
			var want []string
			for _, e := range c.Expect {
				if e.Marker == "" {
					want = append(want, e.Rule+" "+e.API)
					continue
				}
				mod := c.Visual.Modules[len(c.Visual.Modules)-1]
				i := strings.Index(mod, e.Marker)
				if i < 0 {
					t.Fatalf("marker %q not in the module", e.Marker)
				}
				l, col := lineCol(b.JS, b.ModuleOffsets[len(c.Visual.Modules)-1]+i)
				want = append(want, e.Rule+" "+e.API+" "+itoa(l)+":"+itoa(col))
			}
			cmd := exec.Command(bin, "check", "--format", "json", filepath.Join(dir, c.File))
			out, err := cmd.Output()
			if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 1) {
				t.Fatalf("pbicert check: %v\n%s", err, out)
			}
			var doc struct {
				Results []struct {
					Error    string        `json:"error"`
					Findings []jsonFinding `json:"findings"`
				} `json:"results"`
			}
			if err := json.Unmarshal(out, &doc); err != nil || len(doc.Results) != 1 {
				t.Fatalf("bad JSON output (%v):\n%s", err, out)
			}
			if doc.Results[0].Error != "" {
				t.Fatalf("error: %s", doc.Results[0].Error)
			}
			var got []string
			for _, f := range doc.Results[0].Findings {
				s := f.Rule + " " + f.API
				if strings.HasSuffix(f.Location.File, "#content.js") && f.Location.Line > 0 {
					s += " " + itoa(f.Location.Line) + ":" + itoa(f.Location.Column)
				}
				got = append(got, s)
			}
			sort.Strings(got)
			sort.Strings(want)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
