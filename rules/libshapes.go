package rules

// Library definitions and feature code found by sampling the findings on
// real public packages (docs/precision.md, scripts/precision-sample): the
// code does what the rule says, but it is a library's own definition whose
// caller is what a reviewer looks at, or a development build already
// reported once. Like idioms.go, each recogniser reads the shape of the
// code (option names and literals that survive minification, the form of
// the expression), never a library's name; a match lowers and labels the
// finding, it never drops it.

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/tdewolff/parse/v2/js"

	"github.com/pbicert/pbicert/analyzer"
)

// webpackEvalModule: eval("…module code…\n//# sourceURL=webpack://…"),
// webpack's eval devtool. The code is a constant in the bundle (OBF004
// reports the APIs it reaches); the development build is reported once by
// REQ003.
func webpackEvalModule(c *analyzer.Call) bool {
	a := arg(c, 0)
	return a.Kind == analyzer.Const && strings.Contains(a.Str, "//# sourceURL=webpack")
}

// funcParams returns the parameters of function fn.
func funcParams(prog *analyzer.Program, fn int) *js.Params {
	if prog == nil || fn < 0 || fn >= len(prog.Funcs) {
		return nil
	}
	switch n := prog.Funcs[fn].Node.(type) {
	case *js.FuncDecl:
		return &n.Params
	case *js.ArrowFunc:
		return &n.Params
	case *js.MethodDecl:
		return &n.Params
	}
	return nil
}

// isParam reports whether e is a plain parameter of function fn.
func isParam(prog *analyzer.Program, fn int, e js.IExpr) bool {
	v, ok := ungroup(e).(*js.Var)
	if !ok {
		return false
	}
	ps := funcParams(prog, fn)
	if ps == nil {
		return false
	}
	for _, b := range ps.List {
		if pv, ok := b.Binding.(*js.Var); ok && root(pv) == root(v) {
			return true
		}
	}
	return false
}

func root(v *js.Var) *js.Var {
	for v.Link != nil {
		v = v.Link
	}
	return v
}

// objectKeys returns the object literal's constant keys and values.
func objectKeys(e js.IExpr) map[string]js.IExpr {
	o, ok := ungroup(e).(*js.ObjectExpr)
	if !ok {
		return nil
	}
	m := map[string]js.IExpr{}
	for _, p := range o.List {
		if p.Name == nil || p.Name.IsComputed() || p.Spread {
			continue
		}
		k := string(p.Name.Literal.Data)
		if p.Name.Literal.TokenType == js.StringToken {
			k = analyzer.DecodeString(p.Name.Literal.Data)
		}
		m[k] = p.Value
	}
	return m
}

// requestHelperDefinition: a request helper defined on top of .ajax, whose
// URL is its own parameter: $.get/$.post (ajax(extend({url: u, type: m,
// dataType: t, …}))), .load(u) and the script evaluator (ajax({url: u,
// type: "GET", dataType: "script", …})). The request is made where the
// helper is called with a URL (NET015 reports $.get(url) and the like
// there); the definition itself is a library's.
func requestHelperDefinition(prog *analyzer.Program, c *analyzer.Call) bool {
	if c.Method != "ajax" || len(c.Args) != 1 || c.Func < 0 {
		return false
	}
	e := ungroup(c.Args[0].Expr)
	if call, ok := e.(*js.CallExpr); ok && len(call.Args.List) >= 1 { // extend({…}, …)
		if m, _, ok := propOf(call.X); !ok || m != "extend" {
			return false
		}
		e = call.Args.List[0].Value
	}
	keys := objectKeys(e)
	if keys == nil || keys["url"] == nil || keys["type"] == nil || keys["dataType"] == nil {
		return false
	}
	return isParam(prog, c.Func, keys["url"])
}

// jsonpCallback: a JSONP transport installs the response callback on the
// global object under a generated name and restores it afterwards:
// name = s.jsonpCallback = …; prev = window[name]; window[name] = function
// () { … }. The key is a variable assigned from the jsonpCallback option in
// the function or one of the two around it (the restore runs in a
// completion callback).
func jsonpCallback(prog *analyzer.Program, r *analyzer.Ref) bool {
	ix, ok := ungroup(r.Node).(*js.IndexExpr)
	if !ok {
		return false
	}
	key, ok := ungroup(ix.Y).(*js.Var)
	if !ok {
		return false
	}
	re, err := regexp.Compile(`(?:^|[^\w$.])` + regexp.QuoteMeta(string(key.Data)) + `\s*=\s*[\w$]+\.jsonpCallback\b`)
	if err != nil {
		return false
	}
	fn := r.Func
	for range 3 {
		if fn < 0 {
			return false
		}
		if f := funcText(prog, fn); f != nil && bytes.Contains(f, []byte("jsonpCallback")) && re.Match(f) {
			return true
		}
		fn = prog.Funcs[fn].Parent
	}
	return false
}

// vendorPrefixes are the prefixes of vendor-specific browser APIs.
var vendorPrefixes = map[string]bool{"webkit": true, "moz": true, "ms": true, "o": true, "WebKit": true, "Moz": true, "MS": true, "O": true}

// vendorPrefixLookup: window["webkit" + name], a vendor-prefixed variant of
// a standard API (requestAnimationFrame, cancelAnimationFrame).
func vendorPrefixLookup(prog *analyzer.Program, r *analyzer.Ref) bool {
	ix, ok := ungroup(r.Node).(*js.IndexExpr)
	if !ok {
		return false
	}
	t := concatTerms(ix.Y)
	if len(t) != 2 {
		return false
	}
	s, ok := prog.Fold(t[0])
	return ok && vendorPrefixes[s]
}

// responseLoaderCallback: .html(x) in the callback a request helper gives
// its own response to (.ajax({…}).done(function (r) { sel.html(… r …) }),
// jQuery's .load(url)): the request is reported where .load(url) or .ajax
// is called, the markup is the response of that request.
func responseLoaderCallback(prog *analyzer.Program, c *analyzer.Call) bool {
	if len(c.Args) != 1 || c.Func < 0 {
		return false
	}
	e := ungroup(c.Args[0].Expr)
	if cond, ok := e.(*js.CondExpr); ok {
		e = ungroup(cond.Y)
	}
	if !isParam(prog, c.Func, e) {
		return false
	}
	parent := prog.Funcs[c.Func].Parent
	f := funcText(prog, parent)
	return f != nil && bytes.Contains(f, []byte(".ajax(")) && bytes.Contains(f, []byte(".done("))
}

// markupCopy: .html(other.html()): markup read back from the page and
// written elsewhere, not data from outside.
func markupCopy(e js.IExpr) bool {
	c, ok := ungroup(e).(*js.CallExpr)
	if !ok || len(c.Args.List) != 0 {
		return false
	}
	m, _, ok := propOf(c.X)
	return ok && m == "html"
}

// styleMarkup: "<style>" + css + "</style>": a style element's text is CSS,
// not markup.
func styleMarkup(prog *analyzer.Program, e js.IExpr) bool {
	t := concatTerms(e)
	if len(t) < 2 {
		return false
	}
	// the leading constant may be split ("<st" + "yle>")
	var lead strings.Builder
	for _, x := range t {
		s, ok := prog.Fold(x)
		if !ok {
			break
		}
		lead.WriteString(s)
	}
	return strings.HasPrefix(strings.ToLower(strings.TrimSpace(lead.String())), "<style")
}

// escaperNames escape text for HTML: markup whose every non-constant part
// passes through one of them is sanitised.
var escaperNames = map[string]bool{"htmlEscape": true, "escapeHtml": true, "escapeHTML": true, "escapeXml": true, "htmlEncode": true, "encodeHTML": true, "encodeHtml": true}

// escapedMarkup reports whether e is markup whose every non-constant part
// is escaped ("<div>" + htmlEscape(msg) + "</div>", _.escape(x)) and names
// the escaper.
func escapedMarkup(prog *analyzer.Program, e js.IExpr) (string, bool) {
	name := ""
	for _, t := range concatTerms(e) {
		if _, ok := prog.Fold(t); ok {
			continue
		}
		c, ok := ungroup(t).(*js.CallExpr)
		if !ok || len(c.Args.List) == 0 {
			return "", false
		}
		switch f := ungroup(c.X).(type) {
		case *js.Var:
			if !escaperNames[string(f.Data)] {
				return "", false
			}
			name = string(f.Data)
		default:
			m, _, ok := propOf(f)
			if !ok || !escaperNames[m] && m != "escape" {
				return "", false
			}
			name = m
		}
	}
	return name, name != ""
}

// contentSetter: a library's content setter that takes a string or a node
// from its caller: if (typeof c == "string") el.innerHTML = c; else
// el.appendChild(c). The HTML comes from the code that calls the setter.
func contentSetter(prog *analyzer.Program, a *analyzer.Assign) bool {
	rhs, ok := ungroup(assignRHS(a)).(*js.Var)
	if !ok || a.Func < 0 || a.Func >= len(prog.Funcs) {
		return false
	}
	f := &typeofStringIf{v: root(rhs), target: a.Node}
	js.Walk(f, prog.Funcs[a.Func].Node)
	return f.found
}

// typeofStringIf finds if (typeof v == "string") { … target … } else { … }.
type typeofStringIf struct {
	v      *js.Var
	target js.INode
	found  bool
}

func (f *typeofStringIf) Enter(n js.INode) js.IVisitor {
	if f.found {
		return nil
	}
	s, ok := n.(*js.IfStmt)
	if !ok || s.Else == nil || !typeofString(s.Cond, f.v) {
		return f
	}
	c := &contains{target: f.target}
	js.Walk(c, s.Body)
	if c.found {
		f.found = true
		return nil
	}
	return f
}

func (f *typeofStringIf) Exit(js.INode) {}

// typeofString: typeof v == "string" (either side, == or ===).
func typeofString(e js.IExpr, v *js.Var) bool {
	b, ok := ungroup(e).(*js.BinaryExpr)
	if !ok || (b.Op != js.EqEqToken && b.Op != js.EqEqEqToken) {
		return false
	}
	for _, side := range [2][2]js.IExpr{{b.X, b.Y}, {b.Y, b.X}} {
		u, ok := ungroup(side[0]).(*js.UnaryExpr)
		l, ok2 := ungroup(side[1]).(*js.LiteralExpr)
		if !ok || !ok2 || u.Op != js.TypeofToken || analyzer.DecodeString(l.Data) != "string" {
			continue
		}
		if x, ok := ungroup(u.X).(*js.Var); ok && root(x) == v {
			return true
		}
	}
	return false
}

type contains struct {
	target js.INode
	found  bool
}

func (c *contains) Enter(n js.INode) js.IVisitor {
	if c.found || n == c.target {
		c.found = true
		return nil
	}
	return c
}

func (c *contains) Exit(js.INode) {}

// utilsMarkers are names that survive minification in the
// powerbi-visuals-utils packages, for MAN010: an API 1.x/2.x build that
// bundled one carries them even where the utils.<x> namespace was renamed.
var utilsMarkers = map[string][]string{
	"tooltiputils":       {"tooltipservicewrapper"},
	"colorutils":         {"colorhelper"},
	"dataviewutils":      {"dataviewobjects"},
	"svgutils":           {"cssconstants", "createclassandselector"},
	"typeutils":          {"pixelconverter"},
	"formattingutils":    {"valueformatter", "textmeasurementservice"},
	"interactivityutils": {"interactivityservice"},
	"chartutils":         {"legendposition", "axishelper"},
}

// bundledUtils reports whether content.js (lower-cased) carries a marker of
// powerbi-visuals-utils-<u>.
func bundledUtils(lowered []byte, u string) bool {
	for _, m := range utilsMarkers[u] {
		if bytes.Contains(lowered, []byte(m)) {
			return true
		}
	}
	return false
}

// sanitizerOptions are configuration and hook names an HTML sanitiser
// reads (DOMPurify's): they survive minification as property names and
// strings.
var sanitizerOptions = []string{"ALLOWED_TAGS", "ALLOWED_ATTR", "FORBID_TAGS", "FORBID_ATTR", "SAFE_FOR_JQUERY",
	"WHOLE_DOCUMENT", "RETURN_DOM", "KEEP_CONTENT", "SANITIZE_DOM", "beforeSanitizeElements", "uponSanitizeElement", "uponSanitizeAttribute"}

// maxSanitizerText bounds the function searched for a sanitiser's options:
// a sanitiser's factory is a few tens of KB; a bundle's wrapper holding a
// sanitiser and the visual's own code is larger and is never taken.
const maxSanitizerText = 96 << 10

// sanitizerInternals: HTML parsed or moved inside an HTML sanitiser's own
// code (DOMPurify parses the dirty string into an inert DOMParser or
// createHTMLDocument document, writes body.outerHTML there, re-inserts a
// removed element's content with insertAdjacentHTML, escapes text into
// innerHTML). The sanitiser is the innermost enclosing function of at
// most maxSanitizerText bytes that holds 3 distinct sanitiser option or
// hook names, and it must define the sanitiser itself: assign a function
// to .sanitize or .addHook in its own body (a bundle's wrapper or a
// webpack module holding a sanitiser beside the visual's code does not).
// The finding belongs where the visual inserts what the sanitiser returns
// (reported as sanitised, DOM001/DOM009 …).
func sanitizerInternals(prog *analyzer.Program, fn int) bool {
	for range 8 {
		if fn < 0 || fn >= len(prog.Funcs) {
			return false
		}
		f := funcText(prog, fn)
		if len(f) > maxSanitizerText {
			return false
		}
		n := 0
		for _, o := range sanitizerOptions {
			if bytes.Contains(f, []byte(o)) {
				n++
			}
		}
		if n >= 3 {
			d := &sanitizeDef{top: prog.Funcs[fn].Node}
			js.Walk(d, prog.Funcs[fn].Node)
			return d.found
		}
		fn = prog.Funcs[fn].Parent
	}
	return false
}

// sanitizeDef finds X.sanitize = function … or X.addHook = function … in
// a function's own body (not in the functions nested in it).
type sanitizeDef struct {
	top   js.INode
	found bool
}

func (d *sanitizeDef) Enter(n js.INode) js.IVisitor {
	if d.found {
		return nil
	}
	switch n := n.(type) {
	case *js.FuncDecl, *js.ArrowFunc, *js.MethodDecl, *js.ClassDecl:
		if n != d.top {
			return nil
		}
	case *js.BinaryExpr:
		if n.Op != js.EqToken {
			break
		}
		if m, _, ok := propOf(n.X); ok && (m == "sanitize" || m == "addHook") {
			switch ungroup(n.Y).(type) {
			case *js.FuncDecl, *js.ArrowFunc:
				d.found = true
				return nil
			}
		}
	}
	return d
}

func (d *sanitizeDef) Exit(js.INode) {}

// constantMembers reports whether every part of markup e that is not a
// constant is a property whose every write in the bundle is a constant
// (jQuery UI's "<div id='" + this._mainDivId + "' …>" with _mainDivId =
// "ui-datepicker-div"), and names those properties. ConstProp knows the
// properties read in a concatenation of markup (analyzer/htmlprops.go).
func constantMembers(prog *analyzer.Program, e js.IExpr) ([]string, bool) {
	var names []string
	for _, t := range concatTerms(e) {
		if _, ok := prog.Fold(t); ok {
			continue
		}
		d, ok := ungroup(t).(*js.DotExpr)
		if !ok {
			return nil, false
		}
		v := prog.Resolve(d, false)
		if v.Kind != analyzer.Member {
			return nil, false
		}
		if _, ok := prog.ConstProp(v.Last()); !ok {
			return nil, false
		}
		names = append(names, v.Last())
	}
	return names, len(names) > 0
}

// attributionControl: a map library's attribution control writes its
// prefix and the attributions its layers declare, joined, into its
// container (Leaflet: this._container.innerHTML = parts.join(" | ") in a
// function reading this._attributions). The markup is what the visual's
// layers pass as their attribution option (or addAttribution(text)):
// DOM001 reports those call sites when they pass data.
func attributionControl(prog *analyzer.Program, a *analyzer.Assign) bool {
	c, ok := ungroup(assignRHS(a)).(*js.CallExpr)
	if !ok || len(c.Args.List) > 1 {
		return false
	}
	if m, _, ok := propOf(c.X); !ok || m != "join" {
		return false
	}
	f := funcText(prog, a.Func)
	return f != nil && bytes.Contains(f, []byte("_attributions")) && bytes.Contains(f, []byte("prefix"))
}
