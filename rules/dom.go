package rules

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/tdewolff/parse/v2/js"

	"github.com/pbicert/pbicert/analyzer"
)

const refDOM = "https://learn.microsoft.com/power-bi/developer/visuals/power-bi-custom-visuals-certified#certification-requirements"

func anyData(args []analyzer.Arg) bool {
	for _, a := range args {
		if isData(a.Value) {
			return true
		}
	}
	return false
}

// isData: the HTML written is not a compile-time constant.
func isData(v analyzer.Value) bool { return v.Kind != analyzer.Const }

// d3HTMLIdiom recognises D3's own html() implementation:
// function(){this.innerHTML=v} / function(){var n=f.apply(this,arguments);this.innerHTML=null==n?"":n}
func d3HTMLIdiom(prog *analyzer.Program, a *analyzer.Assign) bool {
	b, ok := a.Node.(*js.BinaryExpr)
	if !ok {
		return false
	}
	dot, ok := b.X.(*js.DotExpr)
	if !ok {
		return false
	}
	if lit, ok := dot.X.(*js.LiteralExpr); !ok || lit.TokenType != js.ThisToken {
		return false
	}
	if a.Func < 0 || a.Func >= len(prog.Funcs) {
		return false
	}
	f := prog.Funcs[a.Func]
	return f.Params == 0 && f.Stmts <= 2 && (f.Kind == "function")
}

// jqueryHTMLIdiom recognises jQuery's own .html() implementation, which
// releases the old content's data (jQuery.cleanData) before writing
// elem.innerHTML = value in the same function.
func jqueryHTMLIdiom(prog *analyzer.Program, a *analyzer.Assign) bool {
	if a.Func < 0 || a.Op != "=" || a.RHS.Kind == analyzer.Const {
		return false
	}
	for i := range prog.Calls {
		c := &prog.Calls[i]
		if c.Func == a.Func && c.Method == "cleanData" && c.Pos < a.Pos {
			return true
		}
	}
	return false
}

var _ = register(&Rule{
	ID: "DOM001", Name: "no-inner-html", Category: DOMInjection, Severity: Error,
	Needs: Needs{Inputs: JS, Props: []string{"innerHTML", "outerHTML", "attribution"}, Methods: []string{"cleanData", "assign", "addAttribution"}},
	Doc: Doc{
		Title:   "innerHTML or outerHTML is set from data",
		Why:     "Writing markup built from data lets the data inject script (through event-handler attributes, for example). A constant such as \"\" is not a finding. D3's own html() implementation is reported at info level: the finding that matters is the .html(data) call site (DOM009). Likewise a map's attribution control (its prefix and the layers' attributions joined into innerHTML) and an HTML sanitiser's own internals are info, and the data a map layer passes as its attribution option or to addAttribution() is the finding.",
		Example: "div.innerHTML = \"<b>\" + row.name + \"</b>\";",
		Fix:     "Build nodes with document.createElement and set textContent, or sanitise with a vetted sanitiser before inserting.",
		Ref:     refDOM,
	},
	Run: func(p *Pass) {
		prog := p.In.JS
		propSink(p, "innerHTML", "outerHTML")
		for i := range prog.Assigns {
			a := &prog.Assigns[i]
			if a.Prop != "innerHTML" && a.Prop != "outerHTML" {
				continue
			}
			if !isData(a.RHS) && (a.Op == "=" || a.Op == "+=") {
				continue // a constant, or constant markup appended to what is there
			}
			msg := fmt.Sprintf("%s is set from data that is not a constant", a.Prop)
			if rhs := assignRHS(a); rhs != nil && a.Op == "=" {
				if name, ok := sanitized(prog, rhs); ok {
					p.ReportJSFunc(a.Pos, a.Func, a.Prop, fmt.Sprintf("%s is set from HTML sanitised by %s(); a reviewer checks the sanitiser and its configuration", a.Prop, name), WithSeverity(Warning))
					continue
				}
			}
			if id := innerHTMLIdiom(prog, a); id != "" {
				p.ReportJSFunc(a.Pos, a.Func, a.Prop, msg, WithIdiom(id))
				continue
			}
			if sanitizerInternals(prog, a.Func) {
				p.ReportJSFunc(a.Pos, a.Func, a.Prop, msg+" (inside an HTML sanitiser's own code)", WithIdiom("sanitizer-internals"))
				continue
			}
			if attributionControl(prog, a) {
				p.ReportJSFunc(a.Pos, a.Func, a.Prop, msg+" (a map's attribution control: the layers' attribution options, reported where they are data)", WithIdiom("map-attribution-control"))
				continue
			}
			if d3HTMLIdiom(prog, a) {
				p.ReportJSFunc(a.Pos, a.Func, a.Prop, msg, WithIdiom("d3-selection-html"))
				continue
			}
			if jqueryHTMLIdiom(prog, a) {
				p.ReportJSFunc(a.Pos, a.Func, a.Prop, msg, WithIdiom("jquery-html"))
				continue
			}
			p.ReportJSFunc(a.Pos, a.Func, a.Prop, msg)
		}
		// the data a map's attribution control writes as innerHTML
		// (attributionControl): {attribution: x} layer options and
		// addAttribution(x), where x is data
		for _, pr := range prog.Props {
			if pr.Name != "attribution" || !isData(prog.Resolve(pr.Value, false)) || isFuncExpr(pr.Value) {
				continue
			}
			msg := "a map layer's attribution option is data that is not a constant; the map's attribution control inserts it as HTML (innerHTML)"
			if m, _, ok := propOf(ungroup(pr.Value)); ok && m == "attribution" {
				// {attribution: provider.attribution}: forwarded from another
				// object (a provider table, the caller's options)
				p.ReportJSFunc(pr.Pos, pr.Func, "attribution", msg+" (forwarded from another object's attribution: a reviewer checks where that is set)", WithSeverity(Warning))
				continue
			}
			p.ReportJSFunc(pr.Pos, pr.Func, "attribution", msg)
		}
		for i := range prog.Calls {
			c := &prog.Calls[i]
			if c.Method != "addAttribution" || len(c.Args) != 1 || !isData(c.Args[0].Value) {
				continue
			}
			if g, ok := ungroup(c.Args[0].Expr).(*js.CallExpr); ok {
				if m, _, ok := propOf(g.X); ok && m == "getAttribution" {
					continue // the control adding a layer's own option, reported where the layer is made
				}
			}
			p.ReportJSFunc(c.Pos, c.Func, "addAttribution", "addAttribution() is given data that is not a constant; the map's attribution control inserts it as HTML (innerHTML)")
		}
	},
})

// isFuncExpr reports whether e is a function or class expression.
func isFuncExpr(e js.IExpr) bool {
	switch ungroup(e).(type) {
	case *js.FuncDecl, *js.ArrowFunc, *js.ClassDecl:
		return true
	}
	return false
}

// htmlCall reports calls of method (on any receiver) whose HTML argument i
// is not constant.
func htmlCall(method string, i int, api string) func(*Pass) {
	return func(p *Pass) {
		prog := p.In.JS
		for k := range prog.Calls {
			c := &prog.Calls[k]
			if c.Method != method || len(c.Args) <= i {
				continue
			}
			if !isData(c.Args[i].Value) {
				continue
			}
			msg := fmt.Sprintf("%s() inserts HTML built from data that is not a constant", api)
			if name, ok := sanitized(prog, c.Args[i].Expr); ok {
				p.ReportJSFunc(c.Pos, c.Func, api, fmt.Sprintf("%s() inserts HTML sanitised by %s(); a reviewer checks the sanitiser and its configuration", api, name), WithSeverity(Warning))
				continue
			}
			if sanitizerInternals(prog, c.Func) {
				p.ReportJSFunc(c.Pos, c.Func, api, msg+" (inside an HTML sanitiser's own code)", WithIdiom("sanitizer-internals"))
				continue
			}
			if api == "createContextualFragment" && responseLoader(c.Args[i]) {
				p.ReportJSFunc(c.Pos, c.Func, api, msg, WithIdiom("d3-v3-html-loader"))
				continue
			}
			p.ReportJSFunc(c.Pos, c.Func, api, msg)
		}
	}
}

var _ = register(&Rule{
	ID: "DOM002", Name: "no-insert-adjacent-html", Category: DOMInjection, Severity: Error,
	Needs: Needs{Inputs: JS, Methods: []string{"insertAdjacentHTML"}},
	Doc: Doc{
		Title:   "insertAdjacentHTML inserts markup from data",
		Why:     "insertAdjacentHTML parses its argument as HTML.",
		Example: "el.insertAdjacentHTML(\"beforeend\", html)",
		Fix:     "Use insertAdjacentText or build nodes.",
		Ref:     refDOM,
	},
	Run: htmlCall("insertAdjacentHTML", 1, "insertAdjacentHTML"),
})

var _ = register(&Rule{
	ID: "DOM003", Name: "no-document-write", Category: DOMInjection, Severity: Error,
	Needs: Needs{Inputs: JS, APIs: []string{"document.write", "document.writeln"}, Methods: []string{"write", "writeln"}},
	Doc: Doc{
		Title:   "document.write or writeln writes markup from data",
		Why:     "document.write parses HTML into the document.",
		Example: "document.write(\"<div>\" + label + \"</div>\")",
		Fix:     "Build nodes with createElement.",
		Ref:     refDOM,
	},
	Run: func(p *Pass) {
		for _, c := range callsTo(p.In.JS, "document.write", "document.writeln") {
			if c.Callee.Root == "window.open()" {
				// a popup the visual opened: whatever is written there is a
				// page outside Power BI's sandbox
				msg := c.Callee.Path + "() writes HTML into a window the visual opened with window.open"
				if anyData(c.Args) {
					p.ReportJSFunc(c.Pos, c.Func, c.Callee.Path, msg+", built from data that is not a constant")
				} else {
					p.ReportJSFunc(c.Pos, c.Func, c.Callee.Path, msg, WithSeverity(Warning))
				}
				continue
			}
			for _, a := range c.Args {
				if isData(a.Value) {
					msg := c.Callee.Path + "() writes HTML built from data that is not a constant"
					if realmWriteFromConstants(p.In.JS, c) {
						p.ReportJSFunc(c.Pos, c.Func, c.Callee.Path, msg+" (into another realm's document)", WithIdiom("core-js-iframe-realm"))
					} else {
						p.ReportJSFunc(c.Pos, c.Func, c.Callee.Path, msg)
					}
					break
				}
			}
		}
	},
})

var _ = register(&Rule{
	ID: "DOM004", Name: "no-contextual-fragment", Category: DOMInjection, Severity: Error,
	Needs: Needs{Inputs: JS, Methods: []string{"createContextualFragment"}},
	Doc: Doc{
		Title:   "Range.createContextualFragment parses markup from data",
		Why:     "createContextualFragment runs the HTML parser, scripts included.",
		Example: "range.createContextualFragment(html)",
		Fix:     "Build nodes with createElement.",
		Ref:     refDOM,
	},
	Run: htmlCall("createContextualFragment", 0, "createContextualFragment"),
})

var _ = register(&Rule{
	ID: "DOM005", Name: "no-dom-parser-html", Category: DOMInjection, Severity: Warning,
	Needs: Needs{Inputs: JS, Methods: []string{"parseFromString"}},
	Doc: Doc{
		Title:   "DOMParser.parseFromString parses HTML from data",
		Why:     "Parsed HTML inserted into the page carries its event handlers and scripts with it.",
		Example: "new DOMParser().parseFromString(html, \"text/html\")",
		Fix:     "Parse as XML or sanitise before inserting the result.",
		Ref:     refDOM,
	},
	Run: func(p *Pass) {
		prog := p.In.JS
		for i := range prog.Calls {
			c := &prog.Calls[i]
			if c.Method != "parseFromString" || len(c.Args) < 2 {
				continue
			}
			if t := c.Args[1]; t.Kind == analyzer.Const && strings.Contains(strings.ToLower(t.Str), "html") && isData(c.Args[0].Value) {
				if sanitizerInternals(prog, c.Func) {
					p.ReportJSFunc(c.Pos, c.Func, "DOMParser.parseFromString", "DOMParser.parseFromString() parses HTML built from data into an inert document inside an HTML sanitiser's own code", WithIdiom("sanitizer-internals"))
					continue
				}
				p.ReportJSFunc(c.Pos, c.Func, "DOMParser.parseFromString", "DOMParser.parseFromString() parses HTML built from data; inserting the result injects it")
			}
		}
	},
})

var _ = register(&Rule{
	ID: "DOM006", Name: "no-set-html-unsafe", Category: DOMInjection, Severity: Error,
	Needs: Needs{Inputs: JS, Methods: []string{"setHTMLUnsafe", "parseHTMLUnsafe"}},
	Doc: Doc{
		Title:   "setHTMLUnsafe or Document.parseHTMLUnsafe parses markup from data",
		Why:     "These APIs insert HTML without sanitising it.",
		Example: "el.setHTMLUnsafe(html)",
		Fix:     "Use setHTML with a sanitiser, or build nodes.",
		Ref:     refDOM,
	},
	Run: func(p *Pass) {
		htmlCall("setHTMLUnsafe", 0, "setHTMLUnsafe")(p)
		htmlCall("parseHTMLUnsafe", 0, "parseHTMLUnsafe")(p)
	},
})

// attrNameArg: the index of the attribute name in setAttribute(name, v),
// D3/jQuery attr(name, v) and setAttributeNS(ns, name, v).
func attrNameArg(c *analyzer.Call) (int, bool) {
	switch c.Method {
	case "setAttribute", "attr":
		return 0, true
	case "setAttributeNS":
		return 1, true
	}
	return 0, false
}

var _ = register(&Rule{
	ID: "DOM007", Name: "no-srcdoc", Category: DOMInjection, Severity: Error,
	Needs: Needs{Inputs: JS, Props: []string{"srcdoc"}, Methods: append([]string{"assign"}, attrMethods...)},
	Doc: Doc{
		Title:   "iframe.srcdoc is set from data",
		Why:     "srcdoc is a whole HTML document, scripts included.",
		Example: "frame.srcdoc = html",
		Fix:     "Do not render data as a document.",
		Ref:     refDOM,
	},
	Run: func(p *Pass) {
		prog := p.In.JS
		propSink(p, "srcdoc")
		for _, a := range prog.Assigns {
			if a.Prop == "srcdoc" && isData(a.RHS) {
				p.ReportJSFunc(a.Pos, a.Func, "srcdoc", "iframe.srcdoc is set from data that is not a constant")
			}
		}
		for i := range prog.Calls {
			c := &prog.Calls[i]
			if ni, ok := attrNameArg(c); ok && len(c.Args) >= ni+2 {
				if n := c.Args[ni]; n.Kind == analyzer.Const && strings.EqualFold(n.Str, "srcdoc") && isData(c.Args[ni+1].Value) {
					p.ReportJSFunc(c.Pos, c.Func, "srcdoc", "the srcdoc attribute is set from data that is not a constant")
				}
			}
		}
	},
})

var _ = register(&Rule{
	ID: "DOM008", Name: "no-event-handler-attribute", Category: DOMInjection, Severity: Error,
	Needs: Needs{Inputs: JS, Methods: attrMethods},
	Doc: Doc{
		Title:   "An on… event-handler attribute is set from a string",
		Why:     "setAttribute(\"onclick\", \"…\") compiles its value as code when the event fires.",
		Example: "button.setAttribute(\"onclick\", \"select(\" + id + \")\")",
		Fix:     "Use addEventListener with a function.",
		Ref:     refDOM,
	},
	Run: func(p *Pass) {
		prog := p.In.JS
		for i := range prog.Calls {
			c := &prog.Calls[i]
			ni, ok := attrNameArg(c)
			if !ok || len(c.Args) < ni+2 {
				continue
			}
			n := c.Args[ni]
			if n.Kind != analyzer.Const || !strings.HasPrefix(strings.ToLower(n.Str), "on") || len(n.Str) < 4 {
				continue
			}
			v := c.Args[ni+1].Value
			if v.Kind == analyzer.Func || v.Kind == analyzer.Const && (v.Str == "" || v.Str == "null") {
				continue
			}
			msg := fmt.Sprintf("the %s attribute is set from a string, which runs as code", strings.ToLower(n.Str))
			if v.Kind == analyzer.Const && trivialHandler(v.Str) {
				p.ReportJSFunc(c.Pos, c.Func, "setAttribute(\"on…\")", msg+fmt.Sprintf(" (%q does nothing: an event feature test)", v.Str), WithIdiom("event-support-test"))
				continue
			}
			p.ReportJSFunc(c.Pos, c.Func, "setAttribute(\"on…\")", msg)
		}
	},
})

var _ = register(&Rule{
	ID: "DOM009", Name: "no-html-method", Category: DOMInjection, Severity: Error,
	Needs: Needs{Inputs: JS, APIs: []string{"d3", "$", "jQuery"}, Methods: []string{"html", "append", "prepend", "after", "before", "replaceWith", "wrap", "wrapAll", "wrapInner"}},
	Doc: Doc{
		Title:   "D3 or jQuery .html(), $(html) or .append(html) inserts markup from data",
		Why:     "selection.html(value) sets innerHTML on every selected element; with data it injects markup. jQuery also parses markup given to $(…) and to .append, .prepend, .after, .before, .replaceWith and the wrap methods. These are the call sites the libraries' own innerHTML (reported at info as idioms) serve. .html(o.name) where every value the bundle writes to name is a literal is reported at info, as is a request helper's own response loader, markup read back with .html() and <style> text; markup whose every data part is escaped (htmlEscape, escapeHtml, _.escape) is a warning. A jQuery insert method given data of unknown type is a warning (a node is safe, a string is not); given a node the code builds ($(\"<div>\").text(x), document.createTextNode(x)) or a property the bundle writes only with such nodes and never with a string (a widget's this.helper = $(\"<div>\")), it is info (node-insert).",
		Example: "d3.select(el).html(d => \"<b>\" + d.label + \"</b>\")",
		Fix:     "Use .text() for text, or append elements.",
		Ref:     refDOM,
	},
	Run: func(p *Pass) {
		prog := p.In.JS
		for i := range prog.Calls {
			c := &prog.Calls[i]
			if c.Method != "html" || len(c.Args) != 1 || c.Receiver.Kind == analyzer.Global && c.Receiver.Path == "d3" {
				continue
			}
			if !isData(c.Args[0].Value) {
				continue
			}
			if name, ok := sanitized(prog, c.Args[0].Expr); ok {
				p.ReportJSFunc(c.Pos, c.Func, ".html()", fmt.Sprintf(".html() inserts markup sanitised by %s(); a reviewer checks the sanitiser and its configuration", name), WithSeverity(Warning))
				continue
			}
			if name, ok := escapedMarkup(prog, c.Args[0].Expr); ok {
				p.ReportJSFunc(c.Pos, c.Func, ".html()", fmt.Sprintf(".html() inserts markup whose data is escaped by %s(); a reviewer checks the escaper", name), WithSeverity(Warning))
				continue
			}
			msg := ".html() inserts markup built from data that is not a constant"
			if a := c.Args[0]; a.Kind == analyzer.Member {
				// sel.html(o.legendIcon) where every legendIcon the bundle
				// writes is a literal: constant markup, unless data carries
				// that key
				if consts, ok := prog.ConstProp(a.Last()); ok {
					p.ReportJSFunc(c.Pos, c.Func, ".html()", fmt.Sprintf(".html() inserts .%s, and every value the bundle writes to %s is a constant (%d): constant markup unless data carries that key", a.Last(), a.Last(), len(consts)), WithSeverity(Info))
					continue
				}
			}
			switch {
			case responseLoaderCallback(prog, c):
				p.ReportJSFunc(c.Pos, c.Func, ".html()", msg+" (the response of the helper's own request)", WithIdiom("response-loader-callback"))
				continue
			case markupCopy(c.Args[0].Expr):
				p.ReportJSFunc(c.Pos, c.Func, ".html()", msg+" (markup read back from the page with .html())", WithIdiom("markup-copy"))
				continue
			}
			p.ReportJSFunc(c.Pos, c.Func, ".html()", msg)
		}
		jqueryMarkup(p)
	},
})

// jqueryInsert are the jQuery methods that parse a string argument as HTML.
var jqueryInsert = map[string]bool{"append": true, "prepend": true, "after": true, "before": true, "replaceWith": true,
	"wrap": true, "wrapAll": true, "wrapInner": true}

// isJQuery: the global $ or jQuery.
func isJQuery(v analyzer.Value) bool { return v.IsGlobal("$") || v.IsGlobal("jQuery") }

// markupExpr reports whether e is markup built at run time: a
// concatenation or template whose text starts a tag.
func markupExpr(prog *analyzer.Program, e js.IExpr) bool {
	if !isStringExpr(e) {
		return false
	}
	for _, t := range concatTerms(e) {
		if s, ok := prog.Fold(t); ok && strings.Contains(s, "<") {
			return true
		}
		if tp, ok := ungroup(t).(*js.TemplateExpr); ok && len(tp.List) > 0 && bytes.Contains(tp.List[0].Value, []byte("<")) {
			return true
		}
	}
	return false
}

// jqueryMarkup reports jQuery's other markup parsers: $(html) and
// .append(html) and its siblings on a jQuery object, with data.
func jqueryMarkup(p *Pass) {
	prog := p.In.JS
	for i := range prog.Calls {
		c := &prog.Calls[i]
		if len(c.Args) == 0 {
			continue
		}
		a := c.Args[0]
		if !isData(a.Value) || a.Kind == analyzer.Func || a.Kind == analyzer.Element {
			continue
		}
		switch {
		case isJQuery(c.Callee) && c.Method == "" && !c.New:
			// $(selector) is not markup: only a string that starts a tag is
			if markupExpr(prog, a.Expr) {
				msg := "$() parses markup built from data that is not a constant"
				if styleMarkup(prog, a.Expr) {
					p.ReportJSFunc(c.Pos, c.Func, "$(html)", msg+" (a <style> element: its text is CSS)", WithIdiom("style-element-css"))
					continue
				}
				if name, ok := escapedMarkup(prog, a.Expr); ok {
					p.ReportJSFunc(c.Pos, c.Func, "$(html)", fmt.Sprintf("$() parses markup whose data is escaped by %s(); a reviewer checks the escaper", name), WithSeverity(Warning))
					continue
				}
				if names, ok := constantMembers(prog, a.Expr); ok {
					p.ReportJSFunc(c.Pos, c.Func, "$(html)", fmt.Sprintf("$() parses markup built from .%s, and every value the bundle writes there is a constant: constant markup unless data carries that key", strings.Join(names, ", .")), WithSeverity(Info))
					continue
				}
				p.ReportJSFunc(c.Pos, c.Func, "$(html)", msg)
			}
		case jqueryInsert[c.Method]:
			onJQuery := false
			if call, ok := ungroup(receiverExpr(c)).(*js.CallExpr); ok {
				onJQuery = isJQuery(prog.Resolve(call.X, false))
			}
			switch {
			case markupExpr(prog, a.Expr) && styleMarkup(prog, a.Expr):
				p.ReportJSFunc(c.Pos, c.Func, "."+c.Method+"()", fmt.Sprintf(".%s() inserts markup built from data that is not a constant (a <style> element: its text is CSS)", c.Method), WithIdiom("style-element-css"))
			case markupExpr(prog, a.Expr):
				if name, ok := escapedMarkup(prog, a.Expr); ok {
					p.ReportJSFunc(c.Pos, c.Func, "."+c.Method+"()", fmt.Sprintf(".%s() inserts markup whose data is escaped by %s(); a reviewer checks the escaper", c.Method, name), WithSeverity(Warning))
					continue
				}
				p.ReportJSFunc(c.Pos, c.Func, "."+c.Method+"()", fmt.Sprintf(".%s() inserts markup built from data that is not a constant", c.Method))
			case onJQuery:
				msg := fmt.Sprintf("jQuery .%s() parses a string argument as markup, and this argument is data of unknown type (a node is safe, a string is not)", c.Method)
				if why, ok := nodeArg(prog, a); ok {
					p.ReportJSFunc(c.Pos, c.Func, "."+c.Method+"()", fmt.Sprintf("jQuery .%s() is given a node the code builds, not markup (%s)", c.Method, why), WithIdiom("node-insert"))
					continue
				}
				p.ReportJSFunc(c.Pos, c.Func, "."+c.Method+"()", msg, WithSeverity(Warning))
			}
		}
	}
}

// nodeArg reports whether the argument of a jQuery insert method is a node
// the code builds rather than a string: built right there
// ($("<div>").text(label)), or a property every write of which in the
// bundle is a node or empty and at least one builds one (a widget's
// this.helper = $("<div>"), this.dpDiv = bindHover($("<div …>"))), and
// says why.
func nodeArg(prog *analyzer.Program, a analyzer.Arg) (string, bool) {
	e := ungroup(a.Expr)
	if prog.NodeExpr(e) {
		return "built right there", true
	}
	if d, ok := e.(*js.DotExpr); ok {
		_, this := ungroup(d.X).(*js.LiteralExpr)
		if this {
			this = d.X.(*js.LiteralExpr).TokenType == js.ThisToken
		}
		if name, _, ok := propOf(d); ok && prog.NodeProp(name, this) {
			return fmt.Sprintf("the bundle writes .%s with nodes it builds, never with a string", name), true
		}
	}
	return "", false
}

// receiverExpr returns the receiver expression of a method call.
func receiverExpr(c *analyzer.Call) js.IExpr {
	var callee js.IExpr
	switch n := c.Node.(type) {
	case *js.CallExpr:
		callee = n.X
	default:
		return nil
	}
	_, recv, _ := propOf(callee)
	return recv
}

var _ = register(&Rule{
	ID: "DOM010", Name: "no-dangerously-set-inner-html", Category: DOMInjection, Severity: Error,
	Needs: Needs{Inputs: JS, Props: []string{"dangerouslySetInnerHTML"}},
	Doc: Doc{
		Title:   "React dangerouslySetInnerHTML is given HTML built from data",
		Why:     "dangerouslySetInnerHTML={{__html: x}} is React's innerHTML: markup built from data injects script. A constant is not a finding; a property of an unknown object whose every write in the bundle is a literal ({__html: t.nullMessage} with nullMessage: \"<em>No data</em>\" in the default props) is reported at info, since data could still carry that key.",
		Example: "<div dangerouslySetInnerHTML={{ __html: row.description }} />",
		Fix:     "Render the text as a child ({row.description}) or sanitise it first.",
		Ref:     refDOM,
	},
	Run: func(p *Pass) {
		prog := p.In.JS
		for _, pr := range prog.Props {
			if pr.Name != "dangerouslySetInnerHTML" {
				continue
			}
			html, found := analyzer.Value{}, false
			var htmlExpr js.IExpr = pr.Value
			if obj, ok := pr.Value.(*js.ObjectExpr); ok {
				for _, it := range obj.List {
					if it.Name == nil {
						continue
					}
					key := string(it.Name.Literal.Data)
					if it.Name.IsComputed() {
						key, _ = prog.Fold(it.Name.Computed)
					}
					if key == "__html" {
						html, found, htmlExpr = prog.Resolve(it.Value, false), true, it.Value
					}
				}
				if !found {
					continue // no __html: nothing is inserted
				}
			} else {
				html = prog.Resolve(pr.Value, false)
			}
			if !isData(html) {
				continue
			}
			if name, ok := sanitized(prog, htmlExpr); ok {
				p.ReportJSFunc(pr.Pos, pr.Func, "dangerouslySetInnerHTML", fmt.Sprintf("dangerouslySetInnerHTML inserts HTML sanitised by %s(); a reviewer checks the sanitiser and its configuration", name), WithSeverity(Warning))
				continue
			}
			if html.Kind == analyzer.Member {
				// {__html: t.nullMessage} where every nullMessage the
				// bundle writes is a literal: constant markup, unless the
				// host's data carries the same key
				if consts, ok := prog.ConstProp(html.Last()); ok {
					p.ReportJSFunc(pr.Pos, pr.Func, "dangerouslySetInnerHTML", fmt.Sprintf("dangerouslySetInnerHTML inserts .%s, and every value the bundle writes to %s is a constant (%d): constant markup unless data carries that key", html.Last(), html.Last(), len(consts)), WithSeverity(Info))
					continue
				}
			}
			p.ReportJSFunc(pr.Pos, pr.Func, "dangerouslySetInnerHTML", "dangerouslySetInnerHTML inserts HTML built from data that is not a constant")
		}
	},
})

// propSink reports object literals that carry an HTML property built from
// data ({innerHTML: x}): Object.assign(el, …) and framework props write
// them to the element. Where the object goes is not tracked, so these are
// warnings.
func propSink(p *Pass, names ...string) {
	prog := p.In.JS
	assigned := assignedProps(prog)
	for _, pr := range prog.Props {
		for _, n := range names {
			if pr.Name != n {
				continue
			}
			v := prog.Resolve(pr.Value, false)
			if !isData(v) || v.Kind == analyzer.Func {
				continue
			}
			if name, ok := sanitized(prog, pr.Value); ok {
				p.ReportJSFunc(pr.Pos, pr.Func, n, fmt.Sprintf("an object literal sets %s from HTML sanitised by %s()", n, name), WithSeverity(Warning))
				continue
			}
			if assigned[propKey{pr.Value, pr.Pos}] {
				p.ReportJSFunc(pr.Pos, pr.Func, n, fmt.Sprintf("Object.assign writes %s from data that is not a constant to the target", n))
				continue
			}
			p.ReportJSFunc(pr.Pos, pr.Func, n, fmt.Sprintf("an object literal sets %s from data; written to an element (Object.assign, framework props) it injects markup", n), WithSeverity(Warning))
		}
	}
}

type propKey struct {
	v   js.IExpr
	pos int
}

// assignedProps finds the properties of object literals passed as sources
// to Object.assign(target, {…}): they are written to the target as
// el.prop = value would be.
func assignedProps(prog *analyzer.Program) map[propKey]bool {
	var out map[propKey]bool
	for i := range prog.Calls {
		c := &prog.Calls[i]
		if c.Method != "assign" || !c.Receiver.IsGlobal("Object") || len(c.Args) < 2 {
			continue
		}
		for _, a := range c.Args[1:] {
			obj, ok := ungroup(a.Expr).(*js.ObjectExpr)
			if !ok {
				continue
			}
			for _, it := range obj.List {
				if it.Name == nil || it.Value == nil {
					continue
				}
				for _, pr := range prog.Props {
					if pr.Value == it.Value && pr.Pos >= a.Pos {
						if out == nil {
							out = map[propKey]bool{}
						}
						out[propKey{pr.Value, pr.Pos}] = true
						break
					}
				}
			}
		}
	}
	return out
}
