package rules

import (
	"fmt"
	"regexp"

	"github.com/pbicert/pbicert/analyzer"
)

var _ = register(&Rule{
	ID: "OBF001", Name: "unresolved-global-access", Category: Obfuscation, Severity: Warning,
	Doc: Doc{
		Title:   "A global is reached through a key that cannot be resolved statically",
		Why:     "window[k] with a key computed at run time can reach any API (fetch, eval, localStorage) while hiding its name from reviewers and from name-matching tools.",
		Example: "window[atob(key)](url)",
		Fix:     "Name the API you use directly; if it is one certification forbids, remove it.",
		Ref:     refSecurity,
	},
	Run: func(p *Pass) {
		prog := p.In.JS
		if prog == nil {
			return
		}
		for _, r := range prog.Refs {
			if r.Kind != analyzer.Unresolved {
				continue
			}
			recv := "the global object"
			if r.Realm {
				recv = "another realm's global object"
			} else if r.Root != "" {
				recv = r.Root
			}
			p.ReportJSFunc(r.Pos, r.Func, "window[…]", fmt.Sprintf("computed access on %s with a key that cannot be resolved statically", recv))
		}
	},
})

// sensitiveRoots are APIs certification forbids: obfuscated names of these
// are worth a dedicated finding.
var sensitiveRoots = []string{"fetch", "fetchLater", "XMLHttpRequest", "WebSocket", "EventSource", "navigator.sendBeacon",
	"eval", "Function", "setTimeout", "setInterval", "setImmediate", "localStorage", "sessionStorage", "indexedDB",
	"document.cookie", "importScripts", "WebTransport", "RTCPeerConnection", "document.write", "caches", "openDatabase"}

func isSensitive(path string) (string, bool) {
	for _, s := range sensitiveRoots {
		if path == s || len(path) > len(s) && path[:len(s)+1] == s+"." {
			return s, true
		}
	}
	return "", false
}

var _ = register(&Rule{
	ID: "OBF002", Name: "obfuscated-api-name", Category: Obfuscation, Severity: Warning,
	Doc: Doc{
		Title:   "A forbidden API's name is written with Unicode escapes or decoded from an encoded string",
		Why:     "\\u0066etch or self[atob(\"ZmV0Y2g=\")] exist only to hide a name from reviewers. The API's own rule reports the use; this finding records the intent to hide it.",
		Example: "\\u0066etch(url);\nself[atob(\"ZmV0Y2g=\")](url);",
		Fix:     "Write the code plainly (and remove the forbidden API).",
		Ref:     refSecurity,
	},
	Run: func(p *Pass) {
		prog := p.In.JS
		if prog == nil {
			return
		}
		for _, r := range prog.Refs {
			if r.Kind != analyzer.Global {
				continue
			}
			api, ok := isSensitive(r.Path)
			if !ok || !(r.Escaped || r.Computed && r.Encoded) {
				continue
			}
			form := "written with Unicode escapes"
			if !r.Escaped {
				form = "decoded from an encoded string"
			}
			p.ReportJSFunc(r.Pos, r.Func, api, fmt.Sprintf("the name %s is %s to hide it", api, form))
		}
	},
})

var longEncoded = regexp.MustCompile(`^(?:[A-Za-z0-9+/_-]{24,}={0,2}|(?:[0-9a-fA-F]{2}){16,}|(?:\\x[0-9a-fA-F]{2}){8,})$`)

var _ = register(&Rule{
	ID: "OBF003", Name: "encoded-payload", Category: Obfuscation, Severity: Error,
	Doc: Doc{
		Title:   "An encoded payload reaches a dynamic-code sink",
		Why:     "eval(atob(\"…\")) runs code that is hidden even from someone reading the bundle.",
		Example: "eval(atob(\"ZmV0Y2goJ2h0dHBzOi8vZXZpbC5leGFtcGxlJyk=\"))",
		Fix:     "Remove the payload.",
		Ref:     refSecurity,
	},
	Run: func(p *Pass) {
		for _, c := range callsTo(p.In.JS, append([]string{"eval", "Function", "AsyncFunction", "GeneratorFunction"}, timerAPIs...)...) {
			for _, a := range c.Args {
				if a.Kind != analyzer.Const {
					continue
				}
				if (a.Encoded && a.EncodedLen >= 16) || longEncoded.MatchString(a.Str) {
					p.ReportJSFunc(c.Pos, c.Func, c.Callee.Path, fmt.Sprintf("an encoded payload is passed to %s()", c.Callee.Path))
					break
				}
			}
		}
	},
})
