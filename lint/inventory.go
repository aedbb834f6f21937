package lint

import (
	"fmt"
	"sync"

	"github.com/pbicert/pbicert/internal/libs"
	"github.com/pbicert/pbicert/result"
	"github.com/pbicert/pbicert/rules"
)

// inventory completes a package's result with what it ships and contacts:
// the libraries identified in content.js (internal/libs), the origin of
// every finding inside one of them, and the endpoints (rules.Endpoints;
// with check --dynamic, the requests the run observed too, and the
// cross-checks they take part in: rules.RuntimeEndpoints). identified is
// the identification of the libraries in src started beside the analysis
// (identifyAsync); rs are the rules that ran, sev their severities.
func inventory(r *Result, in *rules.Input, identified func() (*libs.Attribution, error), rs []*rules.Rule, sev map[string]rules.Severity) {
	r.Endpoints = rules.Endpoints(in)
	ran := map[string]bool{}
	for _, rl := range rs {
		ran[rl.ID] = true
	}
	rules.RuntimeEndpoints(in, r, sev, func(id string) bool { return ran[id] })
	if in.JS == nil || identified == nil {
		return
	}
	att, err := identified()
	if err != nil {
		r.Notes = append(r.Notes, "libraries not identified: "+err.Error())
		return
	}
	for _, l := range att.Libraries {
		r.Libraries = append(r.Libraries, result.Library{Name: l.Name, Version: l.Version, License: l.License, PURL: l.PURL, Evidence: l.Evidence})
	}
	prog := in.JS
	// the functions enclosing an offset, innermost first
	scope := func(off int) [][2]int {
		var out [][2]int
		for fi := prog.FuncAt(off); fi >= 0; fi = prog.Funcs[fi].Parent {
			out = append(out, [2]int{prog.Funcs[fi].Pos, prog.Funcs[fi].End})
		}
		return out
	}
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Origin != nil || f.Location.File != in.JSFile {
			continue
		}
		if l := att.OriginAt(f.Location.Offset, scope); l != nil {
			f.Origin = &result.Origin{Name: l.Name, Version: l.Version}
			f.Message += OriginNote(f)
		}
	}
}

// identifyAsync prepares the identification of the libraries in src on a
// goroutine of its own: it reads only the text, so it runs beside the
// analysis instead of after the rules. start runs it, once (the analyzer
// calls it on a goroutine of its own when its serial phase leaves a core
// idle: analyzer.Options.Idle); wait runs it if that has not happened, and
// waits for the result.
func identifyAsync(src []byte) (start func(), wait func() (*libs.Attribution, error)) {
	var att *libs.Attribution
	var err error
	var once sync.Once
	done := make(chan struct{})
	run := func() {
		defer close(done)
		defer func() {
			if p := recover(); p != nil {
				att, err = nil, fmt.Errorf("internal error: %v", p)
			}
		}()
		var db *libs.DB
		if db, err = libs.Default(); err == nil {
			att = db.Identify(src)
		}
	}
	start = func() { once.Do(run) }
	return start, func() (*libs.Attribution, error) {
		start()
		<-done
		return att, err
	}
}

// chain runs a, then b (either may be nil).
func chain(a, b func()) func() {
	if a == nil {
		return b
	}
	return func() { a(); b() }
}

var warmOnce sync.Once

// warmLibraries loads the fingerprints (libs.Default, about 12 ms of CPU,
// once per process) on a goroutine of its own while the first package is
// read, which leaves a core idle, instead of beside the parse; unless a
// caller has claimed the load with WarmLibraries.
func warmLibraries() {
	if load := WarmLibraries(); load != nil {
		go load()
	}
}

// WarmLibraries claims the loading of the fingerprints, once per process,
// and returns it (nil when it is already claimed) for the caller to run
// where a core is spare: the CLI runs it on its prefault goroutine before
// touching memory, so that reading a package competes with one goroutine
// on the other core instead of two.
func WarmLibraries() (load func()) {
	warmOnce.Do(func() {
		load = func() {
			defer func() { _ = recover() }() // the identification reports it
			_, _ = libs.Default()
		}
	})
	return load
}

// OriginNote is what a message adds for a finding inside a library.
func OriginNote(f *result.Finding) string {
	return " (in " + f.Origin.String() + ": " + f.OriginAdvice() + ")"
}
