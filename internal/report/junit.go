package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/pbicert/pbicert/result"
	"github.com/pbicert/pbicert/rules"
)

// JUnitSuites is the JUnit XML document (the schema Jenkins, GitLab and
// Azure DevOps read).
type JUnitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []JUnitSuite `xml:"testsuite"`
}

// JUnitSuite is one input.
type JUnitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Cases    []JUnitCase `xml:"testcase"`
}

// JUnitCase is one rule on one input.
type JUnitCase struct {
	Classname string        `xml:"classname,attr"`
	Name      string        `xml:"name,attr"`
	Failure   *JUnitProblem `xml:"failure,omitempty"`
	Error     *JUnitProblem `xml:"error,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

// JUnitProblem is a failure or an error.
type JUnitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// JUnit writes JUnit XML: one test suite per input and one test case per
// rule (classname = the input path, name = "RULE name"). The failures
// follow --fail-on (Options.FailOn, or Thresholds per result): a rule with
// findings at or above it fails, the failure listing those findings; every
// other test case passes, and its findings below the threshold are listed
// in its system-out. With --fail-on never nothing fails, so a green
// pipeline never shows failed tests. An input that could not be read is
// one errored test case.
func JUnit(w io.Writer, results []result.Result, o Options) error {
	doc := JUnitSuites{Name: "pbicert"}
	all := rules.All()
	for ri, r := range results {
		s := JUnitSuite{Name: r.Path}
		threshold := o.threshold(ri)
		if r.Error != "" {
			s.Cases = append(s.Cases, JUnitCase{Classname: r.Path, Name: "read input",
				Error: &JUnitProblem{Message: r.Error, Type: "input-error", Text: r.Path + ": " + r.Error}})
			s.Errors++
		} else {
			byRule := map[string][]result.Finding{}
			known := map[string]bool{}
			for _, f := range r.Findings {
				byRule[f.Rule] = append(byRule[f.Rule], f)
			}
			var rs []*rules.Rule
			for _, rl := range all {
				rs = append(rs, rl)
				known[rl.ID] = true
			}
			for _, f := range r.Findings { // rules not in the catalogue (e.g. project-only)
				if !known[f.Rule] {
					known[f.Rule] = true
					rs = append(rs, &rules.Rule{ID: f.Rule, Name: f.Name})
				}
			}
			for _, rl := range rs {
				c := JUnitCase{Classname: r.Path, Name: rl.ID + " " + rl.Name}
				fs := byRule[rl.ID]
				var fail, info []string
				worst := result.Severity(0)
				for _, f := range fs {
					line := fmt.Sprintf("%s: %s %s: %s", f.Location.String(), f.Severity, f.API, f.Message)
					if f.Snippet != "" {
						line += "\n    " + window(f.Snippet)
					}
					if threshold != 0 && f.Severity >= threshold {
						fail = append(fail, line)
						worst = max(worst, f.Severity)
					} else {
						info = append(info, line)
					}
				}
				if len(fail) > 0 {
					c.Failure = &JUnitProblem{Message: fmt.Sprintf("%s: %s", rl.ID, plural(len(fail), "finding")),
						Type: worst.String(), Text: strings.Join(fail, "\n")}
					s.Failures++
				}
				if len(info) > 0 {
					c.SystemOut = strings.Join(info, "\n")
				}
				s.Cases = append(s.Cases, c)
			}
		}
		s.Tests = len(s.Cases)
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Errors += s.Errors
		doc.Suites = append(doc.Suites, s)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
