// Package report writes check results in the formats pbicert's users' tools
// read: text (compiler style), JSON (the contract), and the CI formats.
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/pbicert/pbicert/result"
)

// Tool identifies pbicert in reports.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Document is the JSON report (contract: check --format json).
type Document struct {
	Tool    Tool            `json:"tool"`
	Results []result.Result `json:"results"`
	Summary result.Summary  `json:"summary"`
}

// Options for writers.
type Options struct {
	Version string
	Color   bool
	// Width of the source window shown in text output (characters).
	Width int
	// FailOn is the lowest severity that fails the run (--fail-on; 0 is
	// never). JUnit fails the test cases of findings at or above it.
	FailOn result.Severity
	// Thresholds, when not nil, holds FailOn for each result (a
	// configuration file found next to an input may set its own fail-on).
	Thresholds []result.Severity
	// Verbose adds each finding's fingerprint to text output.
	Verbose bool
	// Hidden is the number of findings below --min-severity that were left
	// out of the results; the text summary and GitHub's say so.
	Hidden int
	// MinSeverity is --min-severity (0: every finding is shown), named in
	// the summaries when Hidden > 0.
	MinSeverity result.Severity
	// MaxAnnotations caps GitHub annotations per level (error, warning,
	// notice); 0 means DefaultMaxAnnotations, a negative value no cap.
	MaxAnnotations int
}

// threshold is the fail-on severity of results[i].
func (o Options) threshold(i int) result.Severity {
	if i < len(o.Thresholds) {
		return o.Thresholds[i]
	}
	return o.FailOn
}

// FilterMinSeverity drops the findings below min (what --min-severity
// hides) and returns the results and how many findings it dropped. The
// results given are not changed.
func FilterMinSeverity(results []result.Result, min result.Severity) ([]result.Result, int) {
	if min <= result.Info {
		return results, 0
	}
	out := make([]result.Result, len(results))
	hidden := 0
	for i, r := range results {
		fs := make([]result.Finding, 0, len(r.Findings))
		for _, f := range r.Findings {
			if f.Severity >= min {
				fs = append(fs, f)
			} else {
				hidden++
			}
		}
		r.Findings = fs
		out[i] = r
	}
	return out, hidden
}

// Writer renders results in one format.
type Writer func(w io.Writer, results []result.Result, o Options) error

// formats are the writers by name (read-only).
var formats = map[string]Writer{
	"text":   Text,
	"json":   JSON,
	"sarif":  SARIF,
	"github": GitHub,
	"junit":  JUnit,
	"html":   HTML,
	// cyclonedx.go
	"cyclonedx": CycloneDX,
}

// Lookup returns the writer of a format.
func Lookup(name string) (Writer, bool) {
	w, ok := formats[name]
	return w, ok
}

// Formats lists the format names.
func Formats() []string {
	var out []string
	for k := range formats {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// JSON writes the contract's document.
func JSON(w io.Writer, results []result.Result, o Options) error {
	if results == nil {
		results = []result.Result{}
	}
	doc := Document{Tool: Tool{Name: "pbicert", Version: o.Version}, Results: results, Summary: result.Summarize(results)}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

const (
	red    = "\x1b[31m"
	yellow = "\x1b[33m"
	blue   = "\x1b[36m"
	bold   = "\x1b[1m"
	dim    = "\x1b[2m"
	green  = "\x1b[32m"
	reset  = "\x1b[0m"
)

// Text writes compiler-style lines: path:line:col: severity RULE name:
// message; then the enclosing function (and, with Verbose, the
// fingerprint), which is what a suppression in .pbicert.yaml names; then a
// window of the source with a caret. The first finding of each rule is
// followed by a hint to run `pbicert rules ID`.
func Text(w io.Writer, results []result.Result, o Options) error {
	c := func(code, s string) string {
		if !o.Color {
			return s
		}
		return code + s + reset
	}
	hinted := map[string]bool{}
	for _, r := range results {
		if r.Error != "" {
			fmt.Fprintf(w, "%s: %s %s\n", c(bold, r.Path), c(red, "error:"), r.Error)
			continue
		}
		if d := r.Dynamic; d != nil && d.Error != "" {
			fmt.Fprintf(w, "%s: %s dynamic run stopped: %s (completed: %s)\n", c(bold, r.Path), c(yellow, "note:"), d.Error, strings.Join(d.Completed, ", "))
		}
		for _, f := range r.Findings {
			sev := f.Severity.String()
			switch f.Severity {
			case result.Error:
				sev = c(red, sev)
			case result.Warning:
				sev = c(yellow, sev)
			default:
				sev = c(blue, sev)
			}
			loc := r.Path + ": " + f.Location.File
			if f.Location.Line > 0 {
				loc = fmt.Sprintf("%s:%d:%d", loc, f.Location.Line, f.Location.Column)
			}
			if r.Kind == "project" {
				loc = f.Location.File
				if !strings.HasPrefix(loc, r.Path) {
					loc = strings.TrimSuffix(r.Path, "/") + "/" + loc
				}
				if f.Location.Line > 0 {
					loc = fmt.Sprintf("%s:%d:%d", loc, f.Location.Line, f.Location.Column)
				}
			}
			extra := ""
			if f.Idiom != "" {
				extra = c(dim, " ["+f.Idiom+"]")
			}
			if f.Runtime != nil {
				// check --dynamic: the run reached this call
				extra += c(bold, " [observed at run time, "+f.Runtime.Phase+"]")
			}
			fmt.Fprintf(w, "%s: %s %s %s: %s%s\n", c(bold, loc), sev, c(bold, f.Rule), f.Name, f.Message, extra)
			if f.Runtime != nil && f.Runtime.Target != "" {
				fmt.Fprintf(w, "    target: %s\n", window(f.Runtime.Target))
			}
			var about []string
			if f.Function != "" {
				about = append(about, "in function "+f.Function)
			}
			if o.Verbose && f.Fingerprint != "" {
				about = append(about, "fingerprint "+f.Fingerprint)
			}
			if len(about) > 0 {
				fmt.Fprintf(w, "    %s\n", c(dim, strings.Join(about, ", ")))
			}
			if f.Snippet != "" {
				line := window(f.Snippet)
				caret := f.Caret
				fmt.Fprintf(w, "    %s\n    %s%s\n", line, strings.Repeat(" ", caret), c(green, "^"))
			}
			if !hinted[f.Rule] {
				hinted[f.Rule] = true
				fmt.Fprintf(w, "    %s\n", c(dim, "help: run 'pbicert rules "+f.Rule+"' for why it matters and how to fix or suppress it"))
			}
		}
		for _, n := range r.Notes {
			fmt.Fprintf(w, "%s: %s %s\n", c(bold, r.Path), c(dim, "note:"), n)
		}
		for _, n := range InventoryLines(r) {
			fmt.Fprintf(w, "%s: %s %s\n", c(bold, r.Path), c(dim, "note:"), n)
		}
	}
	fmt.Fprintln(w, c(bold, SummaryLine(results, o)))
	return nil
}

// SummaryLine is the text report's last line: "2 inputs checked: 1 error,
// 0 warnings, 3 infos", with the inputs that could not be read and the
// findings --min-severity hid.
func SummaryLine(results []result.Result, o Options) string {
	s := result.Summarize(results)
	parts := []string{plural(s.Errors, "error"), plural(s.Warnings, "warning"), plural(s.Infos, "info")}
	line := fmt.Sprintf("%s checked: %s", plural(s.Inputs, "input"), strings.Join(parts, ", "))
	if s.Failed > 0 {
		line += fmt.Sprintf(", %s could not be read", plural(s.Failed, "input"))
	}
	if o.Hidden > 0 {
		line += fmt.Sprintf(" (%s below %s not shown)", plural(o.Hidden, "finding"), o.MinSeverity)
	}
	return line
}

// window makes a snippet printable on one terminal line.
func window(snip string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 {
			return ' '
		}
		return r
	}, snip)
}

func plural(n int, s string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", s)
	}
	return fmt.Sprintf("%d %ss", n, s)
}

// InventoryLines summarise what a result ships and contacts, for text
// output: the libraries (for a project, the count of its lock file's
// packages) and the hosts of its endpoints with their sources.
func InventoryLines(r result.Result) []string {
	var out []string
	if len(r.Libraries) > 0 {
		if r.Kind == "project" {
			dev := 0
			for _, l := range r.Libraries {
				if l.Dev {
					dev++
				}
			}
			out = append(out, fmt.Sprintf("libraries: %s in package-lock.json (%d development-only); --format cyclonedx lists them", plural(len(r.Libraries), "npm package"), dev))
		} else {
			// modules of one family (d3-selection, d3-array) are counted
			// with their umbrella when it was identified, else together
			present, family := map[string]bool{}, map[string]int{}
			for _, l := range r.Libraries {
				present[l.Name] = true
				if base, _, ok := strings.Cut(l.Name, "-"); ok {
					family[base]++
				}
			}
			var names []string
			listed := map[string]bool{}
			for _, l := range r.Libraries {
				key := l.Name
				if base, _, ok := strings.Cut(l.Name, "-"); ok && (present[base] || family[base] > 1) {
					key = base
				}
				if listed[key] {
					continue
				}
				listed[key] = true
				switch {
				case present[key] && family[key] > 0:
					v := ""
					for _, u := range r.Libraries {
						if u.Name == key {
							v = u.Version
						}
					}
					names = append(names, strings.TrimSpace(key+" "+v)+" (with "+plural(family[key], "module")+")")
				case key != l.Name:
					names = append(names, fmt.Sprintf("%d %s modules", family[key], key))
				default:
					names = append(names, strings.TrimSpace(l.Name+" "+l.Version))
				}
			}
			if len(names) > 8 {
				names = append(names[:8], fmt.Sprintf("and %d more", len(names)-8))
			}
			out = append(out, "libraries identified: "+strings.Join(names, ", ")+"; --format cyclonedx lists them")
		}
	}
	if hs := result.Hosts(r.Endpoints); len(hs) > 0 {
		var parts []string
		for _, h := range hs {
			parts = append(parts, h.Host+" ("+strings.Join(h.Sources, ", ")+")")
		}
		out = append(out, "endpoints: "+strings.Join(parts, ", ")+"; pbicert endpoints lists the hosts")
	}
	return out
}
