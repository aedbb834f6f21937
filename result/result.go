// Package result holds the types of a check's outcome, in the shape of the
// JSON contract (docs/contract.md): findings, their severity, category and
// location, the result of one input and the summary of a run. It is a leaf:
// it imports nothing of pbicert, so the report writers, the configuration
// and the baseline read results without depending on the analyzer, the
// rules or the driver.
package result

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Severity is how much a finding matters for certification.
type Severity int

const (
	// Info is a note; it never blocks certification.
	Info Severity = iota + 1
	// Warning is something a reviewer will question, or that may hide a blocker.
	Warning
	// Error blocks certification.
	Error
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "none"
}

// ParseSeverity accepts "error", "warning", "info" (case-insensitive).
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error":
		return Error, nil
	case "warning", "warn":
		return Warning, nil
	case "info", "note":
		return Info, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

// MarshalJSON writes the severity as its name.
func (s Severity) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// UnmarshalJSON reads a severity name.
func (s *Severity) UnmarshalJSON(b []byte) error {
	var str string
	if err := json.Unmarshal(b, &str); err != nil {
		return err
	}
	v, err := ParseSeverity(str)
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Category is one of the contract's finding categories.
type Category string

// The categories of the JSON contract (exactly these values).
const (
	Network      Category = "network"
	DynamicCode  Category = "dynamic-code"
	Storage      Category = "storage"
	DOMInjection Category = "dom-injection"
	Obfuscation  Category = "obfuscation"
	Manifest     Category = "manifest"
	Requirement  Category = "requirement"
)

// Location is where a finding is: a file (for packages, the zip entry plus
// "#content.js", "#content.css" or "#capabilities"), a 1-based line and
// column (in characters of that line) and the 0-based byte offset.
type Location struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Offset int    `json:"offset"`
}

func (l Location) String() string {
	if l.Line == 0 {
		return l.File
	}
	return fmt.Sprintf("%s:%d:%d", l.File, l.Line, l.Column)
}

// Finding is one reported problem, in the shape of the JSON contract.
type Finding struct {
	Rule     string   `json:"rule"`
	Name     string   `json:"name"`
	Category Category `json:"category"`
	API      string   `json:"api"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	Location Location `json:"location"`
	Snippet  string   `json:"snippet"`
	// Idiom names the known library idiom the finding matches (lower severity).
	Idiom string `json:"idiom,omitempty"`
	// Origin is the library the code belongs to, when known.
	Origin string `json:"origin,omitempty"`
	// Help is the rule's documentation address.
	Help string `json:"help,omitempty"`
	// Function names the enclosing function (stable across minification
	// where possible: method and property names); used for fingerprints.
	Function string `json:"function,omitempty"`
	// Fingerprint is stable across rebuilds of the same source: it derives
	// from the rule, the API and the enclosing function, never from offsets.
	Fingerprint string `json:"fingerprint,omitempty"`
	// Caret is the character column of the location within Snippet (for
	// text output; not part of the JSON contract).
	Caret int `json:"-"`
}

// SortFindings orders findings by file, line, column, rule (stable).
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i].Location, fs[j].Location
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return fs[i].Rule < fs[j].Rule
	})
}

// Visual is the identity of the checked visual (contract: results[].visual).
type Visual struct {
	GUID        string `json:"guid"`
	Name        string `json:"name"`
	DisplayName string `json:"displayName"`
	Version     string `json:"version"`
	APIVersion  string `json:"apiVersion"`
}

// Result is the outcome for one input (contract: results[]).
type Result struct {
	Path     string    `json:"path"`
	Kind     string    `json:"kind"` // "package" or "project"
	Visual   Visual    `json:"visual"`
	Error    string    `json:"error"`
	Findings []Finding `json:"findings"`
	// Notes are informational remarks about the run (e.g. dependencies not analysed).
	Notes []string `json:"notes,omitempty"`
}

// Summary counts findings by severity (contract: summary).
type Summary struct {
	Inputs   int `json:"inputs"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
	Failed   int `json:"failed"`
}

// Summarize counts results.
func Summarize(rs []Result) Summary {
	s := Summary{Inputs: len(rs)}
	for _, r := range rs {
		if r.Error != "" {
			s.Failed++
		}
		for _, f := range r.Findings {
			switch f.Severity {
			case Error:
				s.Errors++
			case Warning:
				s.Warnings++
			case Info:
				s.Infos++
			}
		}
	}
	return s
}
