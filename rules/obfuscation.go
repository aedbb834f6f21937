package rules

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/tdewolff/parse/v2/js"

	"github.com/pbicert/pbicert/analyzer"
)

var _ = register(&Rule{
	ID: "OBF001", Name: "unresolved-global-access", Category: Obfuscation, Severity: Warning,
	Needs: Needs{Inputs: JS, Methods: enumerators},
	Doc: Doc{
		Title:   "A global is reached through a key that cannot be resolved statically",
		Why:     "window[k] with a key computed at run time can reach any API (fetch, eval, localStorage) while hiding its name from reviewers and from name-matching tools. Two library shapes are reported at info: a JSONP transport's callback installed under the name from its jsonpCallback option, and vendor-prefixed lookups (window[\"webkit\" + name]).",
		Example: "window[atob(key)](url)",
		Fix:     "Name the API you use directly; if it is one certification forbids, remove it.",
		Ref:     refSecurity,
	},
	Run: func(p *Pass) {
		prog := p.In.JS
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
			msg := fmt.Sprintf("computed access on %s with a key that cannot be resolved statically", recv)
			switch {
			case !r.Realm && jsonpCallback(prog, &r):
				p.ReportJSFunc(r.Pos, r.Func, "window[…]", msg+": a JSONP callback installed under a generated name", WithIdiom("jsonp-callback"))
			case !r.Realm && vendorPrefixLookup(prog, &r):
				p.ReportJSFunc(r.Pos, r.Func, "window[…]", msg+": a vendor-prefixed variant of a standard API", WithIdiom("vendor-prefix-lookup"))
			default:
				p.ReportJSFunc(r.Pos, r.Func, "window[…]", msg)
			}
		}
		// Object.keys(window), Object.values(self), Reflect.ownKeys(globalThis)…:
		// whatever is found is then reached without its name
		for i := range prog.Calls {
			c := &prog.Calls[i]
			if !enumeratorSet[c.Method] || len(c.Args) == 0 || !c.Args[0].IsGlobalObject() {
				continue
			}
			if !c.Receiver.IsGlobal("Object") && !c.Receiver.IsGlobal("Reflect") {
				continue
			}
			p.ReportJSFunc(c.Pos, c.Func, "window[…]", fmt.Sprintf("%s.%s() enumerates the global object: the APIs it finds are reached without their names", c.Receiver.Path, c.Method))
		}
	},
})

// enumerators list an object's own properties.
var enumerators = []string{"keys", "values", "entries", "getOwnPropertyNames", "getOwnPropertyDescriptors", "ownKeys"}

var enumeratorSet = func() map[string]bool {
	m := map[string]bool{}
	for _, e := range enumerators {
		m[e] = true
	}
	return m
}()

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
	Needs: Needs{Inputs: JS, APIs: sensitiveRoots},
	Doc: Doc{
		Title:   "A forbidden API's name is written with Unicode escapes or decoded from an encoded string",
		Why:     "\\u0066etch or self[atob(\"ZmV0Y2g=\")] exist only to hide a name from reviewers. The API's own rule reports the use; this finding records the intent to hide it.",
		Example: "\\u0066etch(url);\nself[atob(\"ZmV0Y2g=\")](url);",
		Fix:     "Write the code plainly (and remove the forbidden API).",
		Ref:     refSecurity,
	},
	Run: func(p *Pass) {
		prog := p.In.JS
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
	Needs: Needs{Inputs: JS, APIs: append([]string{"atob", "unescape", "decodeURIComponent", "decodeURI", "String.fromCharCode"}, codeSinks...)},
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
			// decoded at run time from something not known statically:
			// eval(atob(payload)) with payload from elsewhere
			for _, a := range c.Args {
				if a.Kind == analyzer.Const {
					continue
				}
				if dec, ok := decoderCall(p.In.JS, a.Expr); ok {
					p.ReportJSFunc(c.Pos, c.Func, c.Callee.Path, fmt.Sprintf("a payload decoded at run time with %s() is passed to %s(); its code cannot be read in the bundle", dec, c.Callee.Path))
					break
				}
			}
		}
	},
})

// decoderCall reports whether e is a call of a decoder (atob, unescape,
// decodeURIComponent, String.fromCharCode, also through .apply).
func decoderCall(prog *analyzer.Program, e js.IExpr) (string, bool) {
	c, ok := ungroup(e).(*js.CallExpr)
	if !ok {
		return "", false
	}
	callee := c.X
	if m, recv, ok := propOf(callee); ok && (m == "apply" || m == "call") {
		callee = recv
	}
	v := prog.Resolve(callee, false)
	if v.Kind != analyzer.Global {
		return "", false
	}
	switch v.Path {
	case "atob", "unescape", "decodeURIComponent", "decodeURI", "String.fromCharCode", "String.fromCodePoint":
		return v.Path, true
	}
	return "", false
}

// codeStrings yields constant strings the program hands to a JavaScript
// engine: eval/Function/string-timer arguments, Blob parts (worker and
// script sources) and data:/javascript: URLs given to Worker.
func codeStrings(prog *analyzer.Program) []struct {
	pos, fn int
	sink    string
	code    string
} {
	var out []struct {
		pos, fn int
		sink    string
		code    string
	}
	add := func(c *analyzer.Call, sink, code string) {
		out = append(out, struct {
			pos, fn int
			sink    string
			code    string
		}{c.Pos, c.Func, sink, code})
	}
	for _, c := range callsTo(prog, append([]string{"eval", "Function", "AsyncFunction", "GeneratorFunction"}, timerAPIs...)...) {
		if len(c.Args) == 0 {
			continue
		}
		a := c.Args[len(c.Args)-1]
		if c.Callee.Path != "Function" && c.Callee.Path != "AsyncFunction" && c.Callee.Path != "GeneratorFunction" {
			a = c.Args[0]
		}
		if a.Kind == analyzer.Const && a.Root != "num" {
			add(c, c.Callee.Path, a.Str)
		}
	}
	for _, c := range callsTo(prog, "Blob") {
		if len(c.Args) == 0 {
			continue
		}
		if arr, ok := c.Args[0].Expr.(*js.ArrayExpr); ok {
			var sb strings.Builder
			for _, el := range arr.List {
				if s, ok := prog.Fold(el.Value); ok {
					sb.WriteString(s)
				}
			}
			if sb.Len() > 0 {
				add(c, "Blob", sb.String())
			}
		}
	}
	for _, c := range callsTo(prog, "Worker", "SharedWorker") {
		if a := arg(c, 0); a.Kind == analyzer.Const {
			l := strings.ToLower(a.Str)
			if i := strings.IndexByte(l, ','); strings.HasPrefix(l, "data:") && i > 0 {
				code := a.Str[i+1:]
				if strings.HasSuffix(l[:i], ";base64") {
					b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(code))
					if err != nil {
						continue
					}
					code = string(b)
				} else if u, err := url.PathUnescape(code); err == nil {
					code = u
				}
				add(c, c.Callee.Path, code)
			}
		}
	}
	return out
}

// hiddenAPIs parses a code string (bounded) and lists the forbidden APIs it reaches.
func hiddenAPIs(code string) []string {
	if len(code) > 1<<20 {
		return nil
	}
	prog, err := analyzer.Parse("string", []byte(code), analyzer.Options{MaxDepth: 200})
	if err != nil {
		// a Function body may return at top level
		if prog, err = analyzer.Parse("string", []byte("(function(){"+code+"\n})"), analyzer.Options{MaxDepth: 200}); err != nil {
			return nil
		}
	}
	// Function counts only where the code calls or constructs it to
	// compile code: not Function.prototype, instanceof Function, or the
	// libraries' Function("return this")() (as DYN002 reads the calls)
	seen := map[string]bool{"Function": !compilesCode(prog)}
	var out []string
	for _, r := range prog.Refs {
		if r.Kind != analyzer.Global || r.Use == analyzer.Typeof {
			continue
		}
		if api, ok := isSensitive(r.Path); ok && !seen[api] && api != "setTimeout" && api != "setInterval" {
			seen[api] = true
			out = append(out, api)
		}
	}
	for _, c := range prog.Calls {
		if c.Callee.Kind == analyzer.Global && !seen[c.Callee.Path] {
			if api, ok := isSensitive(c.Callee.Path); ok && !seen[api] && api != "setTimeout" && api != "setInterval" {
				seen[api] = true
				out = append(out, api)
			}
		}
	}
	return out
}

// compilesCode reports whether a program calls or constructs the Function
// constructor (or its async and generator variants) other than in a
// library idiom DYN002 labels (Function("return this")(), regenerator's,
// core-js's).
func compilesCode(prog *analyzer.Program) bool {
	for _, c := range callsTo(prog, "Function", "AsyncFunction", "GeneratorFunction", "AsyncGeneratorFunction") {
		if _, opt := funcCtorMsg(c); opt == nil && functionCtorIdiom(prog, c) == "" {
			return true
		}
	}
	return false
}

var _ = register(&Rule{
	ID: "OBF004", Name: "hidden-code", Category: Obfuscation, Severity: Error,
	Needs: Needs{Inputs: JS, APIs: append([]string{"Blob", "Worker", "SharedWorker"}, codeSinks...)},
	Doc: Doc{
		Title:   "Code hidden in a string (eval, Function, timer, Blob or data: worker source) reaches a forbidden API",
		Why:     "A request or storage access written inside a string is invisible to tools that only read the bundle's code; pbicert parses the string and reports what it reaches. The Function constructor counts where the string calls or constructs it (also through an alias, x.constructor.constructor or Reflect.construct), not where it only names it (Function.prototype, instanceof Function, a comment or a string in a development build's module text) nor in the libraries' Function(\"return this\")() (DYN002's idioms).",
		Example: "const src = \"fetch('https://example.com/beacon')\";\nnew Worker(URL.createObjectURL(new Blob([src])));",
		Fix:     "Remove the hidden code.",
		Ref:     refSecurity,
	},
	Run: func(p *Pass) {
		for _, s := range codeStrings(p.In.JS) {
			apis := hiddenAPIs(s.code)
			if len(apis) == 0 {
				continue
			}
			p.ReportJSFunc(s.pos, s.fn, apis[0], fmt.Sprintf("code in a string given to %s reaches %s", s.sink, strings.Join(apis, ", ")))
		}
	},
})
