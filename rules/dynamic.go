package rules

import (
	"fmt"
	"strings"

	"github.com/tdewolff/parse/v2/js"

	"github.com/pbicert/pbicert/analyzer"
)

const refSecurity = "https://learn.microsoft.com/power-bi/developer/visuals/power-bi-custom-visuals-certified#certification-requirements"

var _ = register(&Rule{
	ID: "DYN001", Name: "no-eval", Category: DynamicCode, Severity: Error,
	Needs: Needs{Inputs: JS, APIs: []string{"eval"}},
	Doc: Doc{
		Title:   "eval runs code built at run time",
		Why:     "Certification forbids dynamic code: eval runs a string as code, which reviewers cannot inspect. pbicert finds direct, indirect ((0,eval)), aliased and global-object forms. A webpack development build's module wrappers (eval of a constant string ending in //# sourceURL=webpack://…) are reported at info: the build is REQ003's error and the APIs the module text reaches are OBF004's.",
		Example: "(0, eval)(source);\nwindow[\"ev\" + \"al\"](source);",
		Fix:     "Replace eval with real code; for JSON use JSON.parse.",
		Ref:     refSecurity,
	},
	Run: func(p *Pass) {
		for _, c := range callsTo(p.In.JS, "eval") {
			form := "call to eval()"
			if c.Callee.Root != "" || c.Callee.Computed || c.Callee.Reflective {
				form = "indirect call to eval()"
			}
			if webpackEvalModule(c) {
				p.ReportJSFunc(c.Pos, c.Func, "eval", form+" runs a webpack module written as a constant string: a development build (REQ003); the APIs the module reaches are reported by OBF004"+how(c.Callee), WithIdiom("webpack-eval-module"))
				continue
			}
			p.ReportJSFunc(c.Pos, c.Func, "eval", form+" runs code built at run time"+how(c.Callee))
		}
	},
})

func funcCtorMsg(c *analyzer.Call) (string, Opt) {
	api := c.Callee.Path
	var strs []string
	allConst := true
	for _, a := range c.Args {
		if a.Kind != analyzer.Const {
			allConst = false
			break
		}
		strs = append(strs, a.Str)
	}
	if allConst {
		body := ""
		if len(strs) > 0 {
			body = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(strs[len(strs)-1]), ";"))
		}
		switch {
		case len(strs) == 1 && body == "return this":
			idiom := "lodash-global-this"
			if c.New {
				idiom = "webpack-global-this"
			}
			return fmt.Sprintf("%s(\"return this\") compiles code from a string to find the global object", api), WithIdiom(idiom)
		case len(strs) == 2 && strs[0] == "r" && strings.ReplaceAll(body, " ", "") == "regeneratorRuntime=r":
			return fmt.Sprintf("%s(\"r\", \"regeneratorRuntime = r\") compiles code from a string", api), WithIdiom("regenerator-runtime")
		}
	}
	verb := api + "()"
	if c.New {
		verb = "new " + api + "()"
	}
	return verb + " compiles code from strings at run time" + how(c.Callee), nil
}

var _ = register(&Rule{
	ID: "DYN002", Name: "no-function-constructor", Category: DynamicCode, Severity: Error,
	Needs: Needs{Inputs: JS, APIs: []string{"Function", "AsyncFunction", "GeneratorFunction", "AsyncGeneratorFunction"}},
	Doc: Doc{
		Title:   "The Function constructor (or AsyncFunction/GeneratorFunction) compiles code from strings",
		Why:     "Function(\"…\") is eval by another name. It is also reached as x.constructor.constructor, Reflect.construct(Function, …) and the constructors of async and generator functions. Libraries use Function(\"return this\")() to find the global object: that idiom is reported at info level and labelled.",
		Example: "const f = new Function(\"a\", \"return a * 2\");\nconst g = [].constructor.constructor(code);",
		Fix:     "Write the function in code. To find the global object use globalThis.",
		Ref:     refSecurity,
	},
	Run: func(p *Pass) {
		for _, c := range callsTo(p.In.JS, "Function", "AsyncFunction", "GeneratorFunction", "AsyncGeneratorFunction") {
			msg, opt := funcCtorMsg(c)
			if opt == nil {
				if id := functionCtorIdiom(p.In.JS, c); id != "" {
					opt = WithIdiom(id)
				}
			}
			if opt != nil {
				p.ReportJSFunc(c.Pos, c.Func, c.Callee.Path, msg, opt)
			} else {
				p.ReportJSFunc(c.Pos, c.Func, c.Callee.Path, msg)
			}
		}
	},
})

// isStringExpr reports whether e certainly evaluates to a string: a string
// or template literal, or a concatenation with one.
func isStringExpr(e js.IExpr) bool {
	switch n := e.(type) {
	case *js.GroupExpr:
		return isStringExpr(n.X)
	case *js.LiteralExpr:
		return n.TokenType == js.StringToken
	case *js.TemplateExpr:
		return n.Tag == nil
	case *js.BinaryExpr:
		return n.Op == js.AddToken && (isStringExpr(n.X) || isStringExpr(n.Y))
	}
	return false
}

// isDecoded: a decoder's result (atob(x), String.fromCharCode(…)) is a string.
func isDecoded(prog *analyzer.Program, e js.IExpr) bool {
	_, ok := decoderCall(prog, e)
	return ok
}

var timerAPIs = []string{"setTimeout", "setInterval", "setImmediate", "execScript", "requestAnimationFrame"}

var _ = register(&Rule{
	ID: "DYN003", Name: "no-string-timer", Category: DynamicCode, Severity: Error,
	Needs: Needs{Inputs: JS, APIs: timerAPIs},
	Doc: Doc{
		Title:   "setTimeout, setInterval, setImmediate or execScript with a string runs it as code",
		Why:     "A string passed to a timer is compiled like eval. Also found through a const, .call and .apply.",
		Example: "setTimeout(\"refresh()\", 1000);",
		Fix:     "Pass a function: setTimeout(() => refresh(), 1000).",
		Ref:     refSecurity,
	},
	Run: func(p *Pass) {
		for _, c := range callsTo(p.In.JS, timerAPIs...) {
			a := arg(c, 0)
			switch {
			case a.Kind == analyzer.Const && a.Root != "num":
				p.ReportJSFunc(c.Pos, c.Func, c.Callee.Path, fmt.Sprintf("%s() with a string argument runs it as code", c.Callee.Path)+how(c.Callee))
			case a.Kind != analyzer.Func && (isStringExpr(a.Expr) || isDecoded(p.In.JS, a.Expr)):
				p.ReportJSFunc(c.Pos, c.Func, c.Callee.Path, fmt.Sprintf("%s() with a string built at run time runs it as code", c.Callee.Path)+how(c.Callee))
			}
		}
	},
})

var _ = register(&Rule{
	ID: "DYN004", Name: "no-javascript-url", Category: DynamicCode, Severity: Error,
	Needs: Needs{Inputs: JS, APIs: append([]string{"Audio", "Image"}, navigationAPIs...), Methods: attrMethods, Props: urlPropList},
	Doc: Doc{
		Title:   "A javascript: (or data:text/html) URL is written to a link, source or location",
		Why:     "javascript: URLs run their text as code when followed or loaded; data:text/html and data:…javascript URLs carry code too.",
		Example: "a.href = \"javascript:doSomething()\";",
		Fix:     "Attach an event listener instead.",
		Ref:     refSecurity,
	},
	Run: func(p *Pass) {
		prog := p.In.JS
		writes := append(elementURLWrites(prog), navigations(prog)...)
		for _, w := range writes {
			if judgeURL(w.value) != urlScript {
				continue
			}
			msg := fmt.Sprintf("%s is set to the code URL %q", w.api, short(w.value.Str))
			if emptyScriptURL(w.value.Str) {
				p.ReportJSFunc(w.pos, w.fn, w.api, msg+" (it runs no code)", WithIdiom("empty-javascript-url"))
				continue
			}
			p.ReportJSFunc(w.pos, w.fn, w.api, msg)
		}
	},
})

var _ = register(&Rule{
	ID: "DYN005", Name: "no-wasm-compile", Category: DynamicCode, Severity: Error,
	Needs: Needs{Inputs: JS, APIs: []string{"WebAssembly.compile", "WebAssembly.compileStreaming", "WebAssembly.instantiate", "WebAssembly.instantiateStreaming", "WebAssembly.Module"}},
	Doc: Doc{
		Title:   "WebAssembly is compiled or instantiated at run time",
		Why:     "WebAssembly modules are code the reviewers cannot read in the bundle.",
		Example: "WebAssembly.instantiate(bytes)",
		Fix:     "Remove the WebAssembly module or implement it in TypeScript.",
		Ref:     refSecurity,
	},
	Run: refsToAPIs(func(api string, r analyzer.Ref) string { return api + " compiles WebAssembly code at run time" }),
})

var _ = register(&Rule{
	ID: "DYN006", Name: "no-exec-command-insert-html", Category: DynamicCode, Severity: Error,
	Needs: Needs{Inputs: JS, APIs: []string{"document.execCommand"}},
	Doc: Doc{
		Title:   "document.execCommand(\"insertHTML\") inserts markup that can run script",
		Why:     "insertHTML parses its argument as HTML in the document.",
		Example: "document.execCommand(\"insertHTML\", false, html)",
		Fix:     "Build DOM nodes with createElement and textContent.",
		Ref:     refSecurity,
	},
	Run: func(p *Pass) {
		for _, c := range callsTo(p.In.JS, "document.execCommand") {
			if a := arg(c, 0); a.Kind == analyzer.Const && strings.EqualFold(a.Str, "insertHTML") {
				p.ReportJSFunc(c.Pos, c.Func, "document.execCommand", "document.execCommand(\"insertHTML\") inserts markup as HTML")
			}
		}
	},
})

var _ = register(&Rule{
	ID: "DYN007", Name: "no-with", Category: DynamicCode, Severity: Warning,
	Needs: Needs{Inputs: JS},
	Doc: Doc{
		Title:   "with statement makes names unresolvable",
		Why:     "Inside with, any name may come from the object: it hides which globals the code uses and is a common obfuscation device.",
		Example: "with (window) { fetch(u) }",
		Fix:     "Name the object explicitly.",
		Ref:     refSecurity,
	},
	Run: func(p *Pass) {
		for _, at := range p.In.JS.Withs {
			p.ReportJS(at, "with", "with statement: names inside it cannot be resolved statically")
		}
	},
})
