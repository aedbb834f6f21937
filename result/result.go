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
	Origin *Origin `json:"origin,omitempty"`
	// Help is the rule's documentation address.
	Help string `json:"help,omitempty"`
	// Function names the enclosing function (stable across minification
	// where possible: method and property names); used for fingerprints.
	Function string `json:"function,omitempty"`
	// Fingerprint is stable across rebuilds of the same source: it derives
	// from the rule, the API and the enclosing function, never from offsets.
	Fingerprint string `json:"fingerprint,omitempty"`
	// Runtime is set when the dynamic run (check --dynamic) observed or
	// confirmed the finding.
	Runtime *Runtime `json:"runtime,omitempty"`
	// Caret is the character column of the location within Snippet (for
	// text output; not part of the JSON contract).
	Caret int `json:"-"`
	// Window is the source around the finding, for the HTML report (not
	// part of the JSON contract); nil when the source is not known.
	Window *Window `json:"-"`
}

// Window is a few source lines around a finding, each cut to the same
// columns (with … where cut), as an editor would show them.
type Window struct {
	// First is the line number of Lines[0].
	First int
	// Lines are the source lines, without their line terminators.
	Lines []string
	// Hit is the index in Lines of the finding's line, Caret the
	// character column of the finding in Lines[Hit] (0-based).
	Hit, Caret int
}

// Runtime is what the dynamic run saw at a finding (contract: runtime).
type Runtime struct {
	// Phase is when: load, constructor, update, timer or event.
	Phase string `json:"phase"`
	// Target is what the code reached: a request's URL, the storage API
	// and key, the first 200 characters of code or markup.
	Target string `json:"target"`
	// ReportData is true when a request carried values of the data view.
	ReportData bool `json:"reportData,omitempty"`
	// Observed is true for a finding only the run found (no static finding
	// explained the call); false when the run confirmed a static finding.
	Observed bool `json:"observed,omitempty"`
}

// Dynamic summarises a dynamic run (contract: results[].dynamic).
type Dynamic struct {
	// Completed lists the phases that ran to the end, in order.
	Completed []string `json:"completed"`
	// Error is the first error that stopped a phase ("" when none).
	Error string `json:"error"`
	// Millis is the wall time of the run.
	Millis int64 `json:"millis,omitempty"`
	// Observations counts the calls the traps recorded.
	Observations int `json:"observations,omitempty"`
	// Requests are the requests the visual made (URL, method, phase).
	Requests []Request `json:"requests,omitempty"`
	// RenderingEvents tells whether update reported renderingStarted and
	// renderingFinished: "reported", "missing" or "" (update did not run).
	RenderingEvents string `json:"renderingEvents,omitempty"`
}

// Request is one request the dynamic run observed.
type Request struct {
	URL        string `json:"url"`
	Host       string `json:"host,omitempty"`
	Method     string `json:"method,omitempty"`
	API        string `json:"api"`
	Rule       string `json:"rule"`
	Phase      string `json:"phase"`
	ReportData bool   `json:"reportData,omitempty"`
	// Location is the call site in content.js (Line 0 when unknown).
	Location Location `json:"location"`
}

// Origin is the third-party library a finding's code belongs to: the npm
// package of a project's node_modules file, or a library identified in a
// package's bundle (internal/libs). Version is empty when unknown.
type Origin struct {
	Name    string `json:"name"`
	Version string `json:"version,omitempty"`
}

// String is "name version" (or the name alone).
func (o *Origin) String() string {
	if o == nil {
		return ""
	}
	if o.Version == "" {
		return o.Name
	}
	return o.Name + " " + o.Version
}

// OriginAdvice is what a finding inside a library (f.Origin) asks of the
// visual's author: in general to upgrade or replace the library, since the
// code is not theirs; but a request the run saw carry report data sends
// data the visual's own code handed to the library (an image URL taken
// from the data view, set through React), so replacing the library would
// not remove it.
func (f *Finding) OriginAdvice() string {
	if f.Runtime != nil && f.Runtime.ReportData {
		return "the visual's own code hands it the report data"
	}
	return "upgrade or replace the library, not your code"
}

// Library is a third-party package the visual ships (the SBOM's
// components): identified in a package's bundle, or resolved from a
// project's lock file.
type Library struct {
	Name    string `json:"name"`
	Version string `json:"version,omitempty"`
	// License is an SPDX expression, empty when unknown.
	License string `json:"license,omitempty"`
	// PURL is the package URL (pkg:npm/name@version).
	PURL string `json:"purl"`
	// Evidence says how a bundled library was identified.
	Evidence []string `json:"evidence,omitempty"`
	// Direct: a dependency the project's package.json names (projects).
	Direct bool `json:"direct,omitempty"`
	// Dev: a development dependency, not shipped in the bundle (projects).
	Dev bool `json:"dev,omitempty"`
	// DependsOn lists the PURLs of its resolved dependencies (projects).
	DependsOn []string `json:"dependsOn,omitempty"`
}

// Endpoint is an external address the visual can contact or is allowed to.
type Endpoint struct {
	URL  string `json:"url"`
	Host string `json:"host"`
	// Source: "static" (a constant or template reaching a network sink),
	// "runtime" (a request observed by check --dynamic) or "manifest" (a
	// WebAccess parameter).
	Source   string   `json:"source"`
	Location Location `json:"location"`
	// API is the sink or privilege (fetch, XMLHttpRequest.open, WebAccess, …).
	API string `json:"api,omitempty"`
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
	// Dynamic is the summary of the dynamic run (check --dynamic only).
	Dynamic *Dynamic `json:"dynamic,omitempty"`
	// Libraries are the third-party packages the visual ships (contract:
	// results[].libraries; the SBOM's components).
	Libraries []Library `json:"libraries,omitempty"`
	// Endpoints are the external addresses the visual can contact or is
	// allowed to (contract: results[].endpoints).
	Endpoints []Endpoint `json:"endpoints,omitempty"`
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
