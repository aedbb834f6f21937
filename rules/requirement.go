package rules

import (
	"bytes"
	"strings"

	"github.com/pbicert/pbicert/analyzer"
)

const refRendering = "https://learn.microsoft.com/power-bi/developer/visuals/event-service"

func hasMember(prog *analyzer.Program, name string) bool {
	for _, m := range prog.Members {
		if m.Name == name {
			return true
		}
	}
	return false
}

// calledMethod: a call of the method name, or a read of it (destructured
// from the service or taken as an alias, then called).
func calledMethod(prog *analyzer.Program, name string) bool {
	if hasMember(prog, name) {
		return true
	}
	for i := range prog.Calls {
		if prog.Calls[i].Method == name {
			return true
		}
	}
	return false
}

var _ = register(&Rule{
	ID: "REQ001", Name: "rendering-events", Category: Requirement, Severity: Error,
	Needs: Needs{Inputs: JS, Members: []string{"eventService", "renderingStarted", "renderingFinished"}, Methods: []string{"renderingStarted", "renderingFinished"}, WholeProgram: true},
	Doc: Doc{
		Title:   "update() does not report renderingStarted and renderingFinished",
		Why:     "Certification requires the rendering events API: eventService.renderingStarted(options) at the start of update, renderingFinished(options) at its end.",
		Example: "update(options) { this.draw(options); }",
		Fix:     "this.events = options.host.eventService in the constructor; call this.events.renderingStarted(options) first in update and renderingFinished(options) when drawing is done.",
		Ref:     refRendering,
	},
	Run: func(p *Pass) {
		prog := p.In.JS
		if !hasMember(prog, "eventService") {
			p.ReportJS(-1, "eventService", "the visual never reaches host.eventService: rendering events are not reported")
			return
		}
		for _, ev := range []string{"renderingStarted", "renderingFinished"} {
			if !calledMethod(prog, ev) {
				p.ReportJS(-1, ev, "eventService."+ev+"(options) is never called")
			}
		}
	},
})

var _ = register(&Rule{
	ID: "REQ002", Name: "rendering-failed", Category: Requirement, Severity: Warning,
	Needs: Needs{Inputs: JS, Members: []string{"eventService", "renderingFailed"}, Methods: []string{"renderingFailed"}, WholeProgram: true},
	Doc: Doc{
		Title:   "renderingFailed is never called",
		Why:     "When update throws, the visual should report eventService.renderingFailed(options, reason).",
		Example: "update(options) { events.renderingStarted(options); draw(); events.renderingFinished(options); }",
		Fix:     "Wrap drawing in try/catch and call renderingFailed(options, String(e)) in the catch.",
		Ref:     refRendering,
	},
	Run: func(p *Pass) {
		prog := p.In.JS
		if !hasMember(prog, "eventService") {
			return
		}
		if !calledMethod(prog, "renderingFailed") {
			p.ReportJS(-1, "renderingFailed", "eventService.renderingFailed(options, reason) is never called")
		}
	},
})

var _ = register(&Rule{
	ID: "REQ003", Name: "dev-build", Category: Requirement, Severity: Error,
	Needs: Needs{Inputs: JS, APIs: []string{"eval"}},
	Doc: Doc{
		Title:   "A development build is packaged (inline source maps, eval-wrapped modules, hot reload)",
		Why:     "pbiviz start builds carry inline source maps, wrap each module in eval() and include webpack's hot-reload runtime: the package was not built with pbiviz package. A reference to an external map file (//# sourceMappingURL=visual.js.map) is not a sign of one.",
		Example: "//# sourceMappingURL=data:application/json;base64,…",
		Fix:     "Build the release package with pbiviz package.",
		Ref:     refPackaging,
	},
	Run: func(p *Pass) {
		prog := p.In.JS
		if p.In.Project {
			return
		}
		// the bundle's own source map comment is at its end; library files
		// inlined mid-bundle may keep theirs, which says nothing of the build
		tail := bytes.TrimRight(prog.Src, " \t\r\n;")
		// (an external map file, //# sourceMappingURL=visual.js.map, is
		// what production builds write too: only an inline map says dev)
		if i := bytes.LastIndex(tail, []byte("sourceMappingURL=")); i >= 0 && bytes.ContainsAny(tail[max(0, i-8):i], "#@") && !bytes.Contains(tail[i:], []byte("\n")) &&
			bytes.HasPrefix(bytes.TrimSpace(tail[i+len("sourceMappingURL="):]), []byte("data:")) {
			p.ReportJS(i, "sourceMappingURL", "the bundle ends with an inline source map (a development build)")
		}
		// webpack's hot-module-replacement runtime polls the dev server
		if i := hotUpdateIndex(prog.Src); i >= 0 {
			p.ReportJS(i, "hot-update", "the bundle carries webpack's hot-reload runtime, which polls a development server for updates (a development build)")
		}
		evals := 0
		for _, c := range callsTo(prog, "eval") {
			if a := arg(c, 0); a.Kind == analyzer.Const && strings.Contains(a.Str, "//# sourceURL=webpack") {
				evals++
				if evals == 1 {
					p.ReportJSFunc(c.Pos, c.Func, "eval", "webpack modules are wrapped in eval() (a development build)")
				}
			}
		}
	},
})

var _ = register(&Rule{
	ID: "REQ004", Name: "launch-url-in-update", Category: Requirement, Severity: Warning,
	Needs: Needs{Inputs: JS, Methods: []string{"launchUrl"}},
	Doc: Doc{
		Title:   "host.launchUrl is called directly from update()",
		Why:     "launchUrl is the sanctioned way to open a link, but only on a user's action: opening pages while rendering is rejected.",
		Example: "update(options) { this.host.launchUrl(url); }",
		Fix:     "Call launchUrl from a click handler.",
		Ref:     "https://learn.microsoft.com/power-bi/developer/visuals/launch-url",
	},
	Run: func(p *Pass) {
		prog := p.In.JS
		for i := range prog.Calls {
			c := &prog.Calls[i]
			if c.Method != "launchUrl" || c.Func < 0 {
				continue
			}
			name := prog.Funcs[c.Func].Name
			if name == "update" || strings.HasSuffix(name, ".update") {
				p.ReportJSFunc(c.Pos, c.Func, "launchUrl", "host.launchUrl is called while rendering (in update), not on a user action")
			}
		}
	},
})

var _ = register(&Rule{
	ID: "REQ005", Name: "uncallable-call", Category: Requirement, Severity: Error,
	// calls of what cannot be called are recorded whatever the model keeps
	Needs: Needs{Inputs: JS},
	Doc: Doc{
		Title: "undefined, null or a literal is called: a TypeError at run time",
		Why: "Certification requires a visual that runs without console errors. `pbiviz package --certification-fix` " +
			"replaces the calls its audit flags with undefined, including methods that only share a name with a " +
			"forbidden API: a library's `this.eval(e, t)` becomes `undefined(e, t)`, and `new XMLHttpRequest()` " +
			"becomes `undefined`, so the next `xhr.open(…)` throws. The package builds, the visual breaks.",
		Example: "undefined(e, t);\nconst xhr = undefined; xhr.open(\"GET\", url);",
		Fix:     "Remove the remote feature in the source (a build flag or a stub that reports it is disabled) instead of letting the fix rewrite the bundle; never ship code that calls undefined.",
		Ref:     "https://learn.microsoft.com/power-bi/developer/visuals/power-bi-custom-visuals-certified",
	},
	Run: func(p *Pass) {
		prog := p.In.JS
		if prog == nil {
			return
		}
		for i := range prog.Calls {
			c := &prog.Calls[i]
			if c.Uncallable == "" {
				continue
			}
			what := "call of " + c.Uncallable
			if c.New {
				what = "new of " + c.Uncallable
			}
			p.ReportJSFunc(c.Pos, c.Func, c.Uncallable, what+": it throws a TypeError at run time")
		}
	},
})

// hotUpdateIndex is bytes.Index(src, ".hot-update.json"), searched from
// its rarer part ('.' starts a great many false starts in minified code,
// '-' few): 2.3 -> 0.5 ms on the 6 MB benchmark bundle.
func hotUpdateIndex(src []byte) int {
	const pre, suf = ".hot", "-update.json"
	for from := 0; ; {
		j := bytes.Index(src[from:], []byte(suf))
		if j < 0 {
			return -1
		}
		j += from
		if j >= len(pre) && string(src[j-len(pre):j]) == pre {
			return j - len(pre)
		}
		from = j + 1
	}
}
