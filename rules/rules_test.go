package rules_test

// An analysistest-style harness for the rule catalogue: every testdata source
// under testdata/src/<category>/*.js is wrapped into a real generated visual
// (internal/gen), checked through the full pipeline (lint.CheckPackage), and
// every finding inside the module is matched against the `// want "RULEID"`
// comments of the source. Every missing and every unexpected finding fails.
//
// Syntax:
//   - `// want "RULE"`, `// want "RULE:col"`, `// want "RULE@severity"`: a
//     finding of RULE on this line (several items may follow one want).
//   - `// want "RULE" `regexp``: a backquoted regular expression after an
//     item must also match that finding's message (RE2 syntax, unanchored,
//     as analysistest matches diagnostics): `// want "NET005:7" `sendBeacon``.
//   - `// want-program "RULE"`: a finding of RULE without a position (the
//     whole-program requirement rules REQ001/REQ002); the line it sits on
//     only places it in a section for the coverage test.
//   - `// harness: OPTS`: manifest (keep manifest findings), outside (ignore
//     findings outside the module), api5.3, localstorage (declare the
//     privilege), no-default-visual (the source replaces the default visual
//     module, which otherwise reports the rendering events; it must declare
//     and export a class Visual itself).
//   - `// positive: RULE…`, `// evasion: RULE…`, `// near-miss: RULE…`:
//     section comments read by coverage_test.go (see there).

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/pbicert/pbicert/internal/gen"
	"github.com/pbicert/pbicert/lint"
	"github.com/pbicert/pbicert/pbiviz"
	"github.com/pbicert/pbicert/rules"
)

// expectation is one `want` entry: a rule on a line, optionally at a column,
// optionally with a severity ("DYN002@info").
type expectation struct {
	rule    string
	line    int
	col     int            // 0: any column
	sev     string         // "": any severity
	program bool           // a finding without a position
	msg     *regexp.Regexp // nil: any message
	bad     string         // a regexp that did not compile
	matched bool
}

// matches reports whether f satisfies w's rule, severity and message.
func (w *expectation) matches(f rules.Finding) bool {
	return w.rule == f.Rule && (w.sev == "" || w.sev == f.Severity.String()) && (w.msg == nil || w.msg.MatchString(f.Message))
}

func (w *expectation) describe() string {
	s := w.rule
	if w.col != 0 {
		s += fmt.Sprintf(" at column %d", w.col)
	}
	if w.sev != "" {
		s += " with severity " + w.sev
	}
	if w.msg != nil {
		s += fmt.Sprintf(" with a message matching `%s`", w.msg)
	}
	return s
}

var (
	wantComment = regexp.MustCompile("(?://|/\\*)\\s*want((?:\\s+(?:\"[^\"]+\"|`[^`]*`))+)\\s*(?:\\*/)?")
	wantProgram = regexp.MustCompile("//\\s*want-program((?:\\s+(?:\"[^\"]+\"|`[^`]*`))+)")
	wantItem    = regexp.MustCompile("\"([A-Z]{3}[0-9]{3})(?::([0-9]+))?(?:@(error|warning|info))?\"|`([^`]*)`")
	// `// harness: manifest` asks the harness to keep manifest findings.
	harnessOpt = regexp.MustCompile(`//\s*harness:\s*(.*)`)
)

// parseWants reads the expectations of a testdata source. Lines are 1-based.
func parseWants(src string) (wants []*expectation, opts map[string]bool) {
	opts = map[string]bool{}
	for i, line := range strings.Split(src, "\n") {
		items := func(list string, program bool) {
			var last *expectation
			for _, it := range wantItem.FindAllStringSubmatch(list, -1) {
				if it[1] == "" { // a backquoted message regexp
					switch re, err := regexp.Compile(it[4]); {
					case last == nil:
						wants = append(wants, &expectation{line: i + 1, bad: fmt.Sprintf("`%s` follows no rule", it[4])})
					case err != nil:
						last.bad = err.Error()
					default:
						last.msg = re
					}
					continue
				}
				last = &expectation{rule: it[1], line: i + 1, sev: it[3], program: program}
				if it[2] != "" {
					last.col, _ = strconv.Atoi(it[2])
				}
				wants = append(wants, last)
			}
		}
		for _, m := range wantComment.FindAllStringSubmatch(line, -1) {
			items(m[1], false)
		}
		for _, m := range wantProgram.FindAllStringSubmatch(line, -1) {
			items(m[1], true)
		}
		if m := harnessOpt.FindStringSubmatch(line); m != nil {
			for _, o := range strings.Fields(m[1]) {
				opts[o] = true
			}
		}
	}
	return wants, opts
}

// srcPos maps a byte offset in the module text to a 1-based line and a
// 1-based column in characters.
func srcPos(src string, off int) (line, col int) {
	line = 1 + strings.Count(src[:off], "\n")
	start := strings.LastIndexByte(src[:off], '\n') + 1
	return line, 1 + len([]rune(src[start:off]))
}

// testVisual is the generated visual holding a testdata source, as its
// harness options ask.
func testVisual(src string, opts map[string]bool) gen.Visual {
	v := gen.Visual{Modules: []string{src}}
	if opts["api5.3"] {
		v.APIVersion = "5.3.0"
	}
	if opts["localstorage"] {
		v.Privileges = []byte(`[{"name":"LocalStorage","essential":false}]`)
	}
	if opts["no-default-visual"] {
		v.VisualModule, v.Modules = src, nil
	}
	return v
}

// checkModule builds a visual whose one extra module is src and returns the
// findings, the bundle and the module's offset in content.js.
func checkModule(t *testing.T, v gen.Visual) (lint.Result, gen.Bundle) {
	t.Helper()
	b := gen.BuildJS(v)
	data, err := gen.BuildPackage(v, gen.ZipOptions{})
	if err != nil {
		t.Fatalf("build package: %v", err)
	}
	pkg, err := pbiviz.ReadBytes(data, pbiviz.DefaultLimits())
	if err != nil {
		t.Fatalf("read package: %v", err)
	}
	res := lint.CheckPackage("test.pbiviz", pkg, lint.Options{})
	if res.Error != "" {
		t.Fatalf("check: %s", res.Error)
	}
	return res, b
}

func TestRules(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "src", "*", "*.js"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no testdata sources found")
	}
	for _, file := range files {
		t.Run(filepath.ToSlash(strings.TrimPrefix(file, filepath.Join("testdata", "src")+string(filepath.Separator))), func(t *testing.T) {
			t.Parallel()
			runFile(t, file)
		})
	}
}

func runFile(t *testing.T, file string) {
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	src := string(raw)
	wants, opts := parseWants(src)
	res, b := checkModule(t, testVisual(src, opts))
	var modStart int
	if opts["no-default-visual"] {
		modStart = b.VisualModuleOffset
	} else {
		modStart = b.ModuleOffsets[0]
	}
	modEnd := modStart + len(src)
	if b.JS[modStart:modEnd] != src {
		t.Fatalf("the generator did not place the module verbatim at offset %d", modStart)
	}
	lines := strings.Split(src, "\n")
	var unexpected []string
	for _, f := range res.Findings {
		if !strings.HasSuffix(f.Location.File, "#content.js") {
			if f.Category == rules.Manifest && !opts["manifest"] {
				continue
			}
			if !opts["outside"] {
				unexpected = append(unexpected, fmt.Sprintf("%s: unexpected %s finding outside content.js: %s %s (%s)", file, f.Rule, f.Location, f.Message, f.Snippet))
			}
			continue
		}
		off := f.Location.Offset
		if off < modStart || off >= modEnd {
			// the generator's boilerplate (wrapper, visual class) or a
			// finding without a position (requirement rules)
			if opts["outside"] || f.Category == rules.Manifest && !opts["manifest"] {
				continue
			}
			if off < 0 || f.Location.Line == 0 {
				if !matchProgram(wants, f) {
					unexpected = append(unexpected, fmt.Sprintf("%s: unexpected %s without a position (api %q): %s", file, f.Rule, f.API, f.Message))
				}
				continue
			}
			unexpected = append(unexpected, fmt.Sprintf("%s: unexpected %s in the generated boilerplate at content.js:%d:%d: %s (%s)", file, f.Rule, f.Location.Line, f.Location.Column, f.Message, f.Snippet))
			continue
		}
		line, col := srcPos(src, off-modStart)
		found := false
		for _, w := range wants {
			if w.matched || w.program || w.line != line || (w.col != 0 && w.col != col) || !w.matches(f) {
				continue
			}
			w.matched = true
			found = true
			break
		}
		if !found {
			unexpected = append(unexpected, fmt.Sprintf("%s:%d:%d: unexpected %s (%s, api %q): %s\n\t%s", file, line, col, f.Rule, f.Severity, f.API, f.Message, strings.TrimSpace(lines[line-1])))
		}
	}
	var missing []string
	for _, w := range wants {
		if w.bad != "" {
			t.Errorf("%s:%d: bad want: %s", file, w.line, w.bad)
			continue
		}
		if w.matched {
			continue
		}
		if w.program {
			missing = append(missing, fmt.Sprintf("%s:%d: missing %s without a position\n\t%s", file, w.line, w.describe(), strings.TrimSpace(lines[w.line-1])))
			continue
		}
		// say what was reported on that line, to help
		var got []string
		for _, f := range res.Findings {
			if off := f.Location.Offset; strings.HasSuffix(f.Location.File, "#content.js") && off >= modStart && off < modEnd {
				if l, c := srcPos(src, off-modStart); l == w.line {
					g := fmt.Sprintf("%s:%d@%s", f.Rule, c, f.Severity)
					if w.msg != nil {
						g += fmt.Sprintf(" %q", f.Message)
					}
					got = append(got, g)
				}
			}
		}
		note := "nothing reported on that line"
		if len(got) > 0 {
			note = "reported there: " + strings.Join(got, ", ")
		}
		missing = append(missing, fmt.Sprintf("%s:%d: missing %s (%s)\n\t%s", file, w.line, w.describe(), note, strings.TrimSpace(lines[w.line-1])))
	}
	sort.Strings(unexpected)
	for _, m := range missing {
		t.Error(m)
	}
	for _, u := range unexpected {
		t.Error(u)
	}
}

// matchProgram marks the first unmatched want-program expectation of f's rule.
func matchProgram(wants []*expectation, f rules.Finding) bool {
	for _, w := range wants {
		if w.program && !w.matched && w.matches(f) {
			w.matched = true
			return true
		}
	}
	return false
}

// TestHarnessParsesWants checks the harness's own comment syntax.
func TestHarnessParsesWants(t *testing.T) {
	src := "fetch(u); // want \"NET001\" \"OBF002:3\"\nx(/* want \"DYN002@info\" */);\nfoo(); // wanted \"NET001\"\n// want-program \"REQ001\"\n"
	wants, _ := parseWants(src)
	got := []string{}
	for _, w := range wants {
		got = append(got, fmt.Sprintf("%s:%d:%d:%s:%v", w.rule, w.line, w.col, w.sev, w.program))
	}
	want := []string{"NET001:1:0::false", "OBF002:1:3::false", "DYN002:2:0:info:false", "REQ001:4:0::true"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("parseWants = %v, want %v", got, want)
	}
	// message regexps attach to the item before them
	wants, _ = parseWants("f(u); // want \"NET001\" `call to fetch\\(\\)` \"OBF002:3@warning\" `hide`\n// want-program \"REQ001\" `never`\nx; // want `orphan`\ny; // want \"DYN001\" `(`\n")
	got = got[:0]
	for _, w := range wants {
		got = append(got, fmt.Sprintf("%s:%d:%d:%s:%v:%v:%v", w.rule, w.line, w.col, w.sev, w.program, w.msg, w.bad != ""))
	}
	want = []string{`NET001:1:0::false:call to fetch\(\):false`, `OBF002:1:3:warning:false:hide:false`, `REQ001:2:0::true:never:false`, `:3:0::false:<nil>:true`, `DYN001:4:0::false:<nil>:true`}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("parseWants with messages = %v, want %v", got, want)
	}
	w := wants[0]
	if !w.matches(rules.Finding{Rule: "NET001", Message: "call to fetch() sends a request"}) || w.matches(rules.Finding{Rule: "NET001", Message: "reference to fetch"}) {
		t.Fatal("a want's message regexp does not decide the match")
	}
	if l, c := srcPos("ab\ncé\u00e9x", len("ab\ncéé")); l != 2 || c != 4 {
		t.Fatalf("srcPos = %d:%d, want 2:4", l, c)
	}
}
