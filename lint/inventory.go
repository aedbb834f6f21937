package lint

import (
	"github.com/pbicert/pbicert/internal/libs"
	"github.com/pbicert/pbicert/result"
	"github.com/pbicert/pbicert/rules"
)

// inventory completes a package's result with what it ships and contacts:
// the libraries identified in content.js (internal/libs), the origin of
// every finding inside one of them, and the endpoints (rules.Endpoints).
func inventory(r *Result, in *rules.Input) {
	r.Endpoints = rules.Endpoints(in)
	if in.JS == nil {
		return
	}
	db, err := libs.Default()
	if err != nil {
		r.Notes = append(r.Notes, "libraries not identified: "+err.Error())
		return
	}
	att := db.Identify(in.JS.Src)
	for _, l := range att.Libraries {
		r.Libraries = append(r.Libraries, result.Library{Name: l.Name, Version: l.Version, License: l.License, PURL: l.PURL, Evidence: l.Evidence})
	}
	prog := in.JS
	// the function enclosing an offset and its parent
	scope := func(off int) [][2]int {
		var out [][2]int
		for fi := prog.FuncAt(off); fi >= 0 && len(out) < 2; fi = prog.Funcs[fi].Parent {
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
			f.Message += OriginNote(f.Origin)
		}
	}
}

// OriginNote is what a message adds for a finding inside a library.
func OriginNote(o *result.Origin) string {
	return " (in " + o.String() + ": upgrade or replace the library, not your code)"
}
