package rules

// Known library shapes: definitions and feature tests that real bundles
// carry (jQuery's fragment builder, Sizzle's selector tests, React's
// innerHTML setter and event feature test, core-js's iframe realm and task
// polyfill, d3 v3's html loader) and sanitised HTML. Each recogniser reads
// the shape of the code (property names and literals that survive
// minification, the form of the expression), never a library's name. A
// matched finding is lowered and labelled, never dropped: the finding that
// matters is at the call site that passes data ($(html), .append(html),
// .html(data), d3.html(url)), which the other rules report.

import (
	"bytes"
	"strings"

	"github.com/tdewolff/parse/v2/js"

	"github.com/pbicert/pbicert/analyzer"
)

// funcText returns the source text of function fn (nil at top level).
func funcText(prog *analyzer.Program, fn int) []byte {
	if prog == nil || fn < 0 || fn >= len(prog.Funcs) {
		return nil
	}
	f := prog.Funcs[fn]
	if f.Pos < 0 || f.End > len(prog.Src) || f.Pos >= f.End {
		return nil
	}
	return prog.Src[f.Pos:f.End]
}

func ungroup(e js.IExpr) js.IExpr {
	for {
		g, ok := e.(*js.GroupExpr)
		if !ok {
			return e
		}
		e = g.X
	}
}

// propOf returns the property name of a.b (or a["b"]).
func propOf(e js.IExpr) (string, js.IExpr, bool) {
	switch n := ungroup(e).(type) {
	case *js.DotExpr:
		switch l := n.Y.(type) {
		case *js.LiteralExpr:
			return string(l.Data), n.X, true
		case js.LiteralExpr:
			return string(l.Data), n.X, true
		}
	case *js.IndexExpr:
		if l, ok := n.Y.(*js.LiteralExpr); ok && l.TokenType == js.StringToken {
			return analyzer.DecodeString(l.Data), n.X, true
		}
	}
	return "", nil, false
}

// sanitizerNames are functions and methods that return sanitised HTML.
// Bundled and renamed copies of DOMPurify keep the method name sanitize.
var sanitizerNames = map[string]bool{"sanitize": true, "sanitizeHtml": true, "sanitizeHTML": true, "filterXSS": true, "purify": true}

// sanitized reports whether e is HTML passed through a sanitiser and names
// it ("DOMPurify.sanitize", "sanitize").
func sanitized(prog *analyzer.Program, e js.IExpr) (string, bool) {
	c, ok := ungroup(e).(*js.CallExpr)
	if !ok || len(c.Args.List) == 0 {
		return "", false
	}
	switch f := ungroup(c.X).(type) {
	case *js.Var:
		name := string(f.Data)
		if sanitizerNames[name] {
			return name, true
		}
	default:
		name, recv, ok := propOf(f)
		if !ok || !sanitizerNames[name] {
			return "", false
		}
		if v := prog.Resolve(recv, false); v.Kind == analyzer.Global && v.Path != "" {
			return v.Path + "." + name, true
		}
		if r, ok := ungroup(recv).(*js.Var); ok {
			return string(r.Data) + "." + name, true
		}
		return name, true
	}
	return "", false
}

// assignRHS returns the right-hand side of an assignment.
func assignRHS(a *analyzer.Assign) js.IExpr {
	if b, ok := a.Node.(*js.BinaryExpr); ok {
		return b.Y
	}
	return nil
}

func assignTarget(a *analyzer.Assign) js.IExpr {
	if b, ok := a.Node.(*js.BinaryExpr); ok {
		return b.X
	}
	return nil
}

// concatTerms flattens a + chain.
func concatTerms(e js.IExpr) []js.IExpr {
	var out []js.IExpr
	var rec func(js.IExpr)
	rec = func(e js.IExpr) {
		e = ungroup(e)
		if b, ok := e.(*js.BinaryExpr); ok && b.Op == js.AddToken && len(out) < 64 {
			rec(b.X)
			rec(b.Y)
			return
		}
		out = append(out, e)
	}
	rec(e)
	return out
}

// indexOf returns x and the constant index of x[i].
func indexOf(e js.IExpr) (*js.Var, string, bool) {
	n, ok := ungroup(e).(*js.IndexExpr)
	if !ok {
		return nil, "", false
	}
	v, ok := ungroup(n.X).(*js.Var)
	if !ok {
		return nil, "", false
	}
	l, ok := n.Y.(*js.LiteralExpr)
	if !ok {
		return nil, "", false
	}
	return v, string(l.Data), true
}

// callsMethod reports whether e is a call of the method name.
func callsMethod(e js.IExpr, name string) bool {
	c, ok := ungroup(e).(*js.CallExpr)
	if !ok {
		return false
	}
	m, _, ok := propOf(c.X)
	return ok && m == name
}

// fragmentBuilder: jQuery's buildFragment wraps the markup in the wrapper
// table's prefix and suffix, wrap[1] + html + wrap[2] (the middle passed
// through htmlPrefilter in jQuery 3), then walks down wrap[0] levels of
// lastChild. The data is reported where it is passed ($(html), .append(html)).
func fragmentBuilder(rhs js.IExpr) bool {
	t := concatTerms(rhs)
	if len(t) < 3 {
		return false
	}
	a, i, ok1 := indexOf(t[0])
	b, j, ok2 := indexOf(t[len(t)-1])
	if ok1 && ok2 && a.Data != nil && string(a.Data) == string(b.Data) && i == "1" && j == "2" {
		return true
	}
	for _, x := range t {
		if callsMethod(x, "htmlPrefilter") {
			return true
		}
	}
	return false
}

// selectorFeatureTest: Sizzle's assert(fn) hands fn a fresh element; the
// tests append it, write fixed markup (with a generated id) into it and
// query it back with querySelectorAll.
func selectorFeatureTest(prog *analyzer.Program, a *analyzer.Assign) bool {
	x, ok := ungroup(assignTarget(a)).(*js.DotExpr)
	if !ok || !callsMethod(x.X, "appendChild") {
		return false
	}
	if t, ok := ungroup(assignRHS(a)).(*js.BinaryExpr); !ok || t.Op != js.AddToken {
		return false
	} else if l, ok := ungroup(concatTerms(t)[0]).(*js.LiteralExpr); !ok || l.TokenType != js.StringToken || !bytes.HasPrefix(l.Data[1:], []byte("<")) {
		return false
	}
	f := funcText(prog, a.Func)
	return f != nil && prog.Funcs[a.Func].Params == 1 && bytes.Contains(f, []byte("querySelectorAll"))
}

// innerHTMLSetter: React's setInnerHTML writes node.innerHTML = html, and
// for SVG nodes without innerHTML goes through a <svg> wrapper; the
// function tests namespaceURI and "innerHTML" in node. The data is reported
// at dangerouslySetInnerHTML (DOM010).
func innerHTMLSetter(prog *analyzer.Program, fn int) bool {
	f := funcText(prog, fn)
	if f == nil || prog.Funcs[fn].Params != 2 {
		return false
	}
	return bytes.Contains(f, []byte("namespaceURI")) && (bytes.Contains(f, []byte(`"innerHTML"in`)) || bytes.Contains(f, []byte(`"innerHTML" in`)) || bytes.Contains(f, []byte(`'innerHTML' in`)) || bytes.Contains(f, []byte(`'innerHTML'in`)))
}

// innerHTMLIdiom classifies a DOM001 assignment.
func innerHTMLIdiom(prog *analyzer.Program, a *analyzer.Assign) string {
	rhs := assignRHS(a)
	switch {
	case a.Receiver.Kind == analyzer.Element && a.Receiver.Tag == "style":
		return "style-element-css"
	case rhs != nil && fragmentBuilder(rhs):
		return "jquery-build-fragment"
	case rhs != nil && selectorFeatureTest(prog, a):
		return "sizzle-feature-test"
	case innerHTMLSetter(prog, a.Func):
		return "react-set-inner-html"
	case rhs != nil && contentSetter(prog, a):
		return "string-or-node-content-setter"
	}
	return ""
}

// trivialHandler: an event-handler attribute whose code does nothing
// ("return;"), written to test whether the browser supports the event
// (React's oninput test: setAttribute("oninput", "return;"), then typeof
// el.oninput === "function").
func trivialHandler(s string) bool {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(s, ";")
	s = strings.TrimSpace(s)
	return s == "" || s == "return" || s == "return false" || s == "return true" || s == "void 0"
}

// emptyScriptURL: a javascript: URL with no code ("javascript:",
// "javascript:void 0", "javascript:;"), as core-js loads into a hidden
// iframe to get a fresh realm, or a link that navigates nowhere.
func emptyScriptURL(s string) bool {
	l := strings.ToLower(strings.TrimSpace(s))
	code, ok := strings.CutPrefix(l, "javascript:")
	if !ok {
		return false
	}
	code = strings.ReplaceAll(code, " ", "")
	switch strings.TrimSuffix(code, ";") {
	case "", "void0", "void(0)", "false", "undefined", "null":
		return true
	}
	return false
}

// realmWriteFromConstants: document.write into another realm's document
// (a hidden iframe's) of markup built by a helper called with constants
// only: core-js writes scriptTag("document.F=Object") into a javascript:
// iframe to borrow its Object.
func realmWriteFromConstants(prog *analyzer.Program, c *analyzer.Call) bool {
	if !c.Callee.Realm || !strings.Contains(c.Callee.Root, "content") || len(c.Args) != 1 {
		return false
	}
	inner, ok := ungroup(c.Args[0].Expr).(*js.CallExpr)
	if !ok || len(inner.Args.List) == 0 {
		return false
	}
	for _, a := range inner.Args.List {
		if _, ok := prog.Fold(a.Value); !ok {
			return false
		}
	}
	return true
}

// responseLoader: createContextualFragment(xhr.responseText): d3 v3's
// d3.html(url) loader parses the response of its own request. The request
// is reported at the d3.html(url) call site (NET015) and at the
// XMLHttpRequest (NET002).
func responseLoader(a analyzer.Arg) bool {
	name, _, ok := propOf(a.Expr)
	return ok && (name == "responseText" || name == "response")
}

// functionCtorIdiom classifies Function() calls whose code comes from a
// library shape rather than from data.
func functionCtorIdiom(prog *analyzer.Program, c *analyzer.Call) string {
	if len(c.Args) == 2 {
		// core-js's construct: Function("F,a", "return new F(" + list + ")"),
		// where list joins "a[0]", "a[1]"… for a given arity
		if p := c.Args[0]; p.Kind == analyzer.Const && (p.Str == "F,a" || p.Str == "C,a") {
			// exactly "return new F(" + list.join(",") + ")", list a local
			if t := concatTerms(c.Args[1].Expr); len(t) == 3 {
				s0, ok0 := prog.Fold(t[0])
				s2, ok2 := prog.Fold(t[2])
				if ok0 && ok2 && s0 == "return new "+p.Str[:1]+"(" && s2 == ")" && joinOfLocal(t[1]) {
					return "core-js-construct"
				}
			}
		}
	}
	if len(c.Args) == 1 && c.Node != nil && c.Func >= 0 {
		// core-js's task polyfill: setImmediate(handler) accepts a string
		// and compiles it: typeof h == "function" ? h : Function(h)
		if v, ok := ungroup(c.Args[0].Expr).(*js.Var); ok {
			f := &condFinder{call: c.Node, v: v}
			js.Walk(f, prog.Funcs[c.Func].Node)
			if f.found {
				return "core-js-task-string-handler"
			}
		}
	}
	return ""
}

// condFinder looks for typeof v == "function" ? v : call.
type condFinder struct {
	call  js.IExpr
	v     *js.Var
	found bool
}

func (f *condFinder) Enter(n js.INode) js.IVisitor {
	if f.found {
		return nil
	}
	c, ok := n.(*js.CondExpr)
	if !ok || ungroup(c.Y) != f.call {
		return f
	}
	if x, ok := ungroup(c.X).(*js.Var); !ok || x != f.v {
		return f
	}
	b, ok := ungroup(c.Cond).(*js.BinaryExpr)
	if !ok || (b.Op != js.EqEqToken && b.Op != js.EqEqEqToken) {
		return f
	}
	for _, side := range [2][2]js.IExpr{{b.X, b.Y}, {b.Y, b.X}} {
		u, ok := ungroup(side[0]).(*js.UnaryExpr)
		l, ok2 := ungroup(side[1]).(*js.LiteralExpr)
		if ok && ok2 && u.Op == js.TypeofToken && ungroup(u.X) == js.IExpr(f.v) && analyzer.DecodeString(l.Data) == "function" {
			f.found = true
			return nil
		}
	}
	return f
}

func (f *condFinder) Exit(js.INode) {}

// joinOfLocal: list.join(",") on a plain variable, or join(list, ",")
// through an uncurried helper.
func joinOfLocal(e js.IExpr) bool {
	c, ok := ungroup(e).(*js.CallExpr)
	if !ok {
		return false
	}
	var recv js.IExpr
	switch len(c.Args.List) {
	case 1:
		m, r, ok := propOf(c.X)
		if !ok || m != "join" {
			return false
		}
		recv = r
	case 2:
		if _, ok := ungroup(c.X).(*js.Var); !ok {
			return false
		}
		if l, ok := c.Args.List[1].Value.(*js.LiteralExpr); !ok || analyzer.DecodeString(l.Data) != "," {
			return false
		}
		recv = c.Args.List[0].Value
	default:
		return false
	}
	v, ok := ungroup(recv).(*js.Var)
	return ok && v.Decl != js.NoDecl
}
