package dynamic

import (
	"net/url"
	"strings"
)

// Phases of a run, in order (the contract's runtime.phase values; the
// resized update is reported as "update").
const (
	PhaseLoad        = "load"
	PhaseConstructor = "constructor"
	PhaseUpdate      = "update"
	PhaseResize      = "resize"
	PhaseTimer       = "timer"
	PhaseEvent       = "event"
)

// Frame is one JavaScript stack frame in content.js (1-based line, column
// in bytes of that line as goja counts them).
type Frame struct {
	Func   string `json:"func,omitempty"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

// Observation is one call a trap recorded.
type Observation struct {
	// Rule is the rule the call belongs to (NET001, STO001, DYN001, DOM001…).
	Rule string `json:"rule"`
	// API is the browser API by its usual name (fetch, localStorage, eval…).
	API string `json:"api"`
	// Target is what the code reached: the URL of a request, the storage
	// API and key, the first 200 characters of code or markup.
	Target string `json:"target"`
	// Phase is when it happened: load, constructor, update, timer or event.
	Phase string `json:"phase"`
	// Method, Headers and Body of a request (when it has them).
	Method  string            `json:"method,omitempty"`
	Headers map[string]string `json:"headers,omitempty"`
	Body    string            `json:"body,omitempty"`
	// ReportData is true when the URL, headers or body carry values from
	// the data view the run supplied.
	ReportData bool `json:"reportData,omitempty"`
	// Markup is true for markup written to an HTML sink (innerHTML,
	// insertAdjacentHTML, createContextualFragment, srcdoc…), and Data
	// when that markup, read in full, carries values of the data view.
	Markup bool `json:"markup,omitempty"`
	Data   bool `json:"data,omitempty"`
	// Stack is the JavaScript stack in content.js, innermost first.
	Stack []Frame `json:"stack,omitempty"`
	// Eval is true when the innermost JavaScript frame was code built at
	// run time (eval, Function), not content.js itself.
	Eval bool `json:"eval,omitempty"`
}

// Report is the outcome of one run.
type Report struct {
	// Completed lists the phases that ran to the end, in order.
	Completed []string `json:"completed"`
	// Error is the first error that stopped a phase ("" when none).
	Error        string        `json:"error,omitempty"`
	Observations []Observation `json:"observations,omitempty"`
	// HostCalls counts calls of the Power BI host's methods by name
	// ("eventService.renderingStarted", "createSelectionManager"…).
	HostCalls map[string]int `json:"hostCalls,omitempty"`
	// UpdateEvents counts renderingStarted/renderingFinished/renderingFailed
	// calls made while update ran (itself or work it deferred).
	UpdateEvents map[string]int `json:"updateEvents,omitempty"`
	// Canvas counts recorded 2D drawing calls.
	Canvas int `json:"canvas,omitempty"`
	// Turns is how many timer, frame and message callbacks ran.
	Turns int `json:"turns,omitempty"`
	// Lowered is true when content.js was lowered with esbuild first
	// (positions are then those of the lowered code mapped back).
	Lowered bool `json:"lowered,omitempty"`
	// Millis is the wall time of the run.
	Millis int64 `json:"millis"`
	// CPUMillis is the child process's user and system time (set by Exec).
	CPUMillis int64 `json:"cpuMillis,omitempty"`
	// PeakRSS is the child process's highest resident memory the parent
	// read, in bytes (set by Exec; 0 where it cannot be read).
	PeakRSS int64 `json:"peakRSS,omitempty"`
}

// IsNetwork tells whether the observation is a request (a network rule).
func (o *Observation) IsNetwork() bool { return strings.HasPrefix(o.Rule, "NET") }

// hostOf returns the host of an absolute URL ("" otherwise).
func hostOf(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return ""
	}
	return u.Hostname()
}
