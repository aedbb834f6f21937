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
}

// Writer renders results in one format.
type Writer func(w io.Writer, results []result.Result, o Options) error

var formats = map[string]Writer{
	"text": Text,
	"json": JSON,
}

// Register adds a format.
func Register(name string, w Writer) { formats[name] = w }

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
// message, then a window of the source with a caret.
func Text(w io.Writer, results []result.Result, o Options) error {
	c := func(code, s string) string {
		if !o.Color {
			return s
		}
		return code + s + reset
	}
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
			if f.Snippet != "" {
				line := window(f.Snippet)
				caret := f.Caret
				fmt.Fprintf(w, "    %s\n    %s%s\n", line, strings.Repeat(" ", caret), c(green, "^"))
			}
		}
	}
	s := result.Summarize(results)
	parts := []string{plural(s.Errors, "error"), plural(s.Warnings, "warning"), plural(s.Infos, "info")}
	line := fmt.Sprintf("%s checked: %s", plural(s.Inputs, "input"), strings.Join(parts, ", "))
	if s.Failed > 0 {
		line += fmt.Sprintf(", %s could not be read", plural(s.Failed, "input"))
	}
	fmt.Fprintln(w, c(bold, line))
	return nil
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
