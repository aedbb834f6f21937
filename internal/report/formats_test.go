package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/pbicert/pbicert/internal/gen"
	"github.com/pbicert/pbicert/lint"
	"github.com/pbicert/pbicert/pbiviz"
	"github.com/pbicert/pbicert/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// check builds a package with gen and checks it as if found at path.
func check(t testing.TB, path string, v gen.Visual) lint.Result {
	t.Helper()
	b := gen.MustBuildPackage(v, gen.ZipOptions{})
	pkg, err := pbiviz.ReadBytes(b, pbiviz.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	return lint.CheckPackage(path, pkg, lint.Options{Limits: pbiviz.DefaultLimits()})
}

// examples are the example packages (built with gen) plus an input that
// could not be read.
func examples(t testing.TB) []lint.Result {
	era1 := gen.WithFindings()
	era1.Era = 1
	rs := []lint.Result{
		check(t, "dist/clean.pbiviz", gen.Clean()),
		check(t, "dist/findings.pbiviz", gen.WithFindings()),
		check(t, "dist/old api/era1.pbiviz", era1),
		{Path: "dist/broken.pbiviz", Kind: "package", Error: "zip: not a valid zip file", Findings: []rules.Finding{}},
	}
	return Fingerprint(rs)
}

func render(t testing.TB, format string, rs []lint.Result) []byte {
	t.Helper()
	return renderWith(t, format, rs, Options{Version: "0.1.0", FailOn: rules.Error})
}

func renderWith(t testing.TB, format string, rs []lint.Result, o Options) []byte {
	t.Helper()
	w, ok := Lookup(format)
	if !ok {
		t.Fatalf("format %s is not registered", format)
	}
	var buf bytes.Buffer
	if err := w(&buf, rs, o); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	rs := examples(t)
	for _, format := range []string{"text", "json", "sarif", "github", "junit"} {
		t.Run(format, func(t *testing.T) {
			got := render(t, format, rs)
			file := filepath.Join("testdata", "golden", "examples."+format)
			if *update {
				if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go generate ./rules, or go test ./internal/report -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s output differs from %s (run go generate ./rules, or go test ./internal/report -update, and review the diff)\n--- got ---\n%s", format, file, got)
			}
		})
	}
}

func loadSARIFSchema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "sarif-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sarif-2.1.0.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("sarif-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func TestSARIFValidatesAgainstSchema(t *testing.T) {
	sch := loadSARIFSchema(t)
	rs := examples(t)
	out := render(t, "sarif", rs)
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Fatalf("SARIF output does not validate: %v", err)
	}
	// the schema must catch a broken log, or this test proves nothing
	bad := bytes.Replace(out, []byte(`"level": "error"`), []byte(`"level": "fatal"`), 1)
	inst, _ = jsonschema.UnmarshalJSON(bytes.NewReader(bad))
	if sch.Validate(inst) == nil {
		t.Fatal("the schema accepted an invalid level")
	}
}

// sarifLog is the part of SARIF the tests read back.
type sarifLog struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Rules []struct {
					ID                   string `json:"id"`
					Name                 string `json:"name"`
					HelpURI              string `json:"helpUri"`
					DefaultConfiguration struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
					ShortDescription struct{ Text string } `json:"shortDescription"`
					FullDescription  struct{ Text string } `json:"fullDescription"`
					Help             struct{ Text, Markdown string }
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Invocations []struct {
			ExecutionSuccessful        bool `json:"executionSuccessful"`
			ToolExecutionNotifications []struct {
				Level   string `json:"level"`
				Message struct{ Text string }
			} `json:"toolExecutionNotifications"`
		} `json:"invocations"`
		Results []struct {
			RuleID              string `json:"ruleId"`
			RuleIndex           int    `json:"ruleIndex"`
			Level               string `json:"level"`
			Message             struct{ Text string }
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			Locations           []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI   string `json:"uri"`
						Index int    `json:"index"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine, StartColumn, ByteOffset int
					} `json:"region"`
				} `json:"physicalLocation"`
				LogicalLocations []struct {
					FullyQualifiedName string `json:"fullyQualifiedName"`
					Kind               string `json:"kind"`
				} `json:"logicalLocations"`
			} `json:"locations"`
		} `json:"results"`
	} `json:"runs"`
}

func TestSARIFContent(t *testing.T) {
	rs := examples(t)
	var log sarifLog
	if err := json.Unmarshal(render(t, "sarif", rs), &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	run := log.Runs[0]
	all := rules.All()
	if len(run.Tool.Driver.Rules) != len(all) {
		t.Fatalf("%d rules in the driver, want every rule (%d)", len(run.Tool.Driver.Rules), len(all))
	}
	for i, r := range all {
		d := run.Tool.Driver.Rules[i]
		if d.ID != r.ID || d.HelpURI != r.HelpURI() || d.DefaultConfiguration.Level != Level(r.Severity) ||
			d.ShortDescription.Text == "" || !strings.Contains(d.FullDescription.Text, strings.TrimSuffix(r.Doc.Why, ".")) ||
			!strings.Contains(d.Help.Text, r.Doc.Fix) {
			t.Errorf("rule %d: %+v does not describe %s", i, d, r.ID)
		}
	}
	var want []rules.Finding
	for _, r := range rs {
		want = append(want, r.Findings...)
	}
	if len(run.Results) != len(want) {
		t.Fatalf("%d results, want %d", len(run.Results), len(want))
	}
	for i, res := range run.Results {
		f := want[i]
		if res.RuleID != f.Rule || run.Tool.Driver.Rules[res.RuleIndex].ID != f.Rule || res.Level != Level(f.Severity) {
			t.Errorf("result %d: rule %s index %d level %s, want %s %s", i, res.RuleID, res.RuleIndex, res.Level, f.Rule, Level(f.Severity))
		}
		if res.PartialFingerprints[FingerprintVersion] != f.Fingerprint || f.Fingerprint == "" {
			t.Errorf("result %d: partial fingerprint %v, want %s", i, res.PartialFingerprints, f.Fingerprint)
		}
		loc := res.Locations[0]
		if !strings.HasPrefix(loc.PhysicalLocation.ArtifactLocation.URI, "dist/") || !strings.HasSuffix(loc.PhysicalLocation.ArtifactLocation.URI, ".pbiviz") {
			t.Errorf("result %d: artifact %q is not the package", i, loc.PhysicalLocation.ArtifactLocation.URI)
		}
		if loc.PhysicalLocation.Region.StartLine != f.Location.Line || loc.PhysicalLocation.Region.ByteOffset != f.Location.Offset {
			t.Errorf("result %d: region %+v, want %+v", i, loc.PhysicalLocation.Region, f.Location)
		}
		if len(loc.LogicalLocations) == 0 || loc.LogicalLocations[0].FullyQualifiedName != f.Location.File {
			t.Errorf("result %d: logical locations %+v do not name %s", i, loc.LogicalLocations, f.Location.File)
		}
	}
	if strings.Contains(string(render(t, "sarif", rs)), "old%20api/era1.pbiviz") == false {
		t.Error("a path with a space is not percent-encoded in its URI")
	}
	inv := run.Invocations[0]
	if inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 1 || !strings.Contains(inv.ToolExecutionNotifications[0].Message.Text, "dist/broken.pbiviz") {
		t.Errorf("the unreadable input is not a tool execution notification: %+v", inv)
	}
}

// TestSARIFMultitool runs Microsoft's validator when
// PBICERT_SARIF_MULTITOOL names its binary (npm package
// @microsoft/sarif-multitool-linux): no error and no warning allowed.
func TestSARIFMultitool(t *testing.T) {
	bin := os.Getenv("PBICERT_SARIF_MULTITOOL")
	if bin == "" {
		t.Skip("set PBICERT_SARIF_MULTITOOL to the Sarif.Multitool binary to run Microsoft's validator")
	}
	file := filepath.Join(t.TempDir(), "examples.sarif")
	if err := os.WriteFile(file, render(t, "sarif", examples(t)), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "validate", "--level", "Error;Warning", file).CombinedOutput()
	if err != nil {
		t.Fatalf("Sarif.Multitool validate: %v\n%s", err, out)
	}
	if m := regexp.MustCompile(`(?m): (error|warning) SARIF\d+:.*$`).FindAll(out, -1); len(m) > 0 {
		t.Fatalf("the validator reports:\n%s", bytes.Join(m, []byte("\n")))
	}
}

// JUnit failures follow --fail-on: the cases of rules with findings at or
// above it fail, the others pass with their findings in system-out.
func TestJUnitParsesBack(t *testing.T) {
	rs := examples(t)
	for _, threshold := range []rules.Severity{rules.Warning, rules.Error, rules.Info, 0} {
		t.Run(fmt.Sprint(threshold), func(t *testing.T) { junitParsesBack(t, rs, threshold) })
	}
}

func junitParsesBack(t *testing.T, rs []lint.Result, threshold rules.Severity) {
	var doc JUnitSuites
	if err := xml.Unmarshal(renderWith(t, "junit", rs, Options{FailOn: threshold}), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Suites) != len(rs) {
		t.Fatalf("%d suites, want %d", len(doc.Suites), len(rs))
	}
	nRules := len(rules.All())
	tests, failures, errs := 0, 0, 0
	for i, s := range doc.Suites {
		r := rs[i]
		if s.Name != r.Path {
			t.Errorf("suite %d is %q, want %q", i, s.Name, r.Path)
		}
		failing, passing := map[string]int{}, map[string]int{}
		for _, f := range r.Findings {
			if threshold != 0 && f.Severity >= threshold {
				failing[f.Rule]++
			} else {
				passing[f.Rule]++
			}
		}
		if r.Error != "" {
			if len(s.Cases) != 1 || s.Cases[0].Error == nil || s.Cases[0].Error.Message != r.Error {
				t.Errorf("unreadable input: %+v, want one errored case", s.Cases)
			}
		} else if len(s.Cases) != nRules {
			t.Errorf("suite %s has %d cases, want one per rule (%d)", s.Name, len(s.Cases), nRules)
		}
		for _, c := range s.Cases {
			if c.Classname != r.Path {
				t.Errorf("case %s: classname %q, want %q", c.Name, c.Classname, r.Path)
			}
			id, _, _ := strings.Cut(c.Name, " ")
			if n := failing[id]; n > 0 {
				if c.Failure == nil || findingLines(c.Failure.Text) != n {
					t.Errorf("%s %s: failure %+v, want %d findings", r.Path, c.Name, c.Failure, n)
				}
			} else if c.Failure != nil {
				t.Errorf("%s %s: unexpected failure %+v", r.Path, c.Name, c.Failure)
			}
			if n := passing[id]; n != findingLines(c.SystemOut) {
				t.Errorf("%s %s: system-out lists %d findings, want %d: %q", r.Path, c.Name, findingLines(c.SystemOut), n, c.SystemOut)
			}
		}
		if s.Failures != len(failing) {
			t.Errorf("suite %s: %d failures, want %d", s.Name, s.Failures, len(failing))
		}
		tests += len(s.Cases)
		failures += s.Failures
		errs += s.Errors
	}
	if doc.Tests != tests || doc.Failures != failures || doc.Errors != errs || errs != 1 || (failures == 0) != (threshold == 0) {
		t.Errorf("totals %d/%d/%d, want %d/%d/%d", doc.Tests, doc.Failures, doc.Errors, tests, failures, errs)
	}
}

func TestGitHubEscaping(t *testing.T) {
	rs := []lint.Result{{Path: "src,dir/a:b.pbiviz", Kind: "package", Findings: []rules.Finding{{
		Rule: "NET001", Name: "no-fetch", Severity: rules.Info, Message: "100% of\r\nrequests",
		Location: rules.Location{File: "resources/x.pbiviz.json#content.js", Line: 1, Column: 3, Offset: 2},
	}}}, {Path: "proj", Kind: "project", Findings: []rules.Finding{{
		Rule: "DOM001", Name: "no-inner-html", Severity: rules.Warning, Message: "m",
		Location: rules.Location{File: "src/visual.ts", Line: 12, Column: 5},
	}}}}
	got := string(render(t, "github", rs))
	want := "::notice file=src%2Cdir/a%3Ab.pbiviz,title=NET001 no-fetch::100%25 of%0D%0Arequests (at resources/x.pbiviz.json#content.js:1:3)\n" +
		"::warning file=proj/src/visual.ts,line=12,col=5,title=DOM001 no-inner-html::m\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// renameLocals renames the one-letter locals of a minified module.
var oneLetter = regexp.MustCompile(`\b[etnor]\b`)

func TestFingerprintsSurviveRebuilds(t *testing.T) {
	a := gen.WithFindings()
	b := gen.WithFindings()
	// another build of the same source: other minified local names, not
	// minified boilerplate, extra modules laid out in another order (so
	// webpack module IDs and every offset change)
	b.VisualModule = oneLetter.ReplaceAllStringFunc(b.VisualModule, func(s string) string {
		return map[string]string{"e": "a", "t": "i", "n": "s", "o": "l", "r": "c"}[s]
	})
	b.Minify = false
	b.Modules = append([]string{"const pad=(x)=>String(x).padStart(2,\"0\");globalThis.__pad=pad;"}, b.Modules...)
	ra := Fingerprint([]lint.Result{check(t, "dist/a.pbiviz", a)})[0]
	rb := Fingerprint([]lint.Result{check(t, "dist/b.pbiviz", b)})[0]
	if b.VisualModule == a.VisualModule {
		t.Fatal("the rename changed nothing")
	}
	key := func(r lint.Result) ([]string, []int) {
		var fps []string
		var offs []int
		for _, f := range r.Findings {
			fps = append(fps, f.Rule+" "+f.Fingerprint)
			if f.Location.File != "" && strings.HasSuffix(f.Location.File, "#content.js") {
				offs = append(offs, f.Location.Offset)
			}
		}
		sort.Strings(fps)
		return fps, offs
	}
	fa, oa := key(ra)
	fb, ob := key(rb)
	if len(fa) < 4 {
		t.Fatalf("only %d findings: the example lost its findings", len(fa))
	}
	if strings.Join(fa, ",") != strings.Join(fb, ",") {
		t.Errorf("fingerprints differ between builds:\n%v\n%v", fa, fb)
	}
	same := len(oa) == len(ob)
	for i := 0; same && i < len(oa); i++ {
		same = oa[i] == ob[i]
	}
	if same {
		t.Error("the two builds have the same offsets: the test does not exercise a rebuild")
	}
	// a different source gives different fingerprints
	for _, f := range ra.Findings {
		g := f
		g.Function = "Visual.somethingElse"
		h := Fingerprint([]lint.Result{{Findings: []rules.Finding{g}}})[0].Findings[0]
		if h.Fingerprint == f.Fingerprint && f.Function != "" {
			t.Errorf("%s: changing the function kept fingerprint %s", f.Rule, f.Fingerprint)
		}
	}
}

func TestFingerprintOccurrences(t *testing.T) {
	f := rules.Finding{Rule: "NET001", API: "fetch", Function: "311.Visual.load", Location: rules.Location{File: "r.json#content.js"}}
	g := f
	g.Function = "12.Visual.load" // another module ID: same function
	g.Location.Offset = 99
	rs := Fingerprint([]lint.Result{{Kind: "package", Findings: []rules.Finding{f, g}}})
	a, b := rs[0].Findings[0].Fingerprint, rs[0].Findings[1].Fingerprint
	if a == "" || a == b {
		t.Fatalf("two occurrences of one key share fingerprint %q", a)
	}
	// and they are the first and second occurrence whatever the module ID
	rs2 := Fingerprint([]lint.Result{{Kind: "package", Findings: []rules.Finding{g, f}}})
	if rs2[0].Findings[0].Fingerprint != a || rs2[0].Findings[1].Fingerprint != b {
		t.Error("fingerprints depend on the module ID")
	}
}

// findingLines counts the findings in a failure's text (snippets are
// indented under their finding).
func findingLines(text string) int {
	n := 0
	for _, l := range strings.Split(text, "\n") {
		if l != "" && !strings.HasPrefix(l, "    ") {
			n++
		}
	}
	return n
}
