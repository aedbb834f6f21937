package dynamic

import (
	"strings"

	"github.com/andybalholm/cascadia"
	"github.com/dop251/goja"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The DOM: golang.org/x/net/html nodes are the tree; each node gets one
// goja object whose prototype chain (EventTarget → Node → Element →
// HTMLElement → HTMLDivElement…) holds native methods and accessors that
// find the node again through env.nodes.

// nstate is what a node holds besides its html.Node fields.
type nstate struct {
	style     *goja.Object
	classList *goja.Object
	dataset   *goja.Object
	ctx       *goja.Object // canvas 2D context
	value     *string      // form controls: the value property
	checked   bool
	scrollTop float64
	scrollLft float64
	shadow    *html.Node
}

// classTable is the interface hierarchy: name and parent.
var classTable = [][2]string{
	{"EventTarget", ""},
	{"Node", "EventTarget"},
	{"CharacterData", "Node"},
	{"Text", "CharacterData"},
	{"Comment", "CharacterData"},
	{"Document", "Node"},
	{"HTMLDocument", "Document"},
	{"XMLDocument", "Document"},
	{"DocumentFragment", "Node"},
	{"ShadowRoot", "DocumentFragment"},
	{"Element", "Node"},
	{"HTMLElement", "Element"},
	{"HTMLUnknownElement", "HTMLElement"},
	{"HTMLMediaElement", "HTMLElement"},
	{"SVGElement", "Element"},
	{"SVGGraphicsElement", "SVGElement"},
	{"SVGGeometryElement", "SVGGraphicsElement"},
	{"SVGTextContentElement", "SVGGraphicsElement"},
	{"SVGTextPositioningElement", "SVGTextContentElement"},
}

var htmlTags = map[string]string{
	"div": "HTMLDivElement", "span": "HTMLSpanElement", "canvas": "HTMLCanvasElement", "input": "HTMLInputElement",
	"img": "HTMLImageElement", "script": "HTMLScriptElement", "iframe": "HTMLIFrameElement", "link": "HTMLLinkElement",
	"a": "HTMLAnchorElement", "style": "HTMLStyleElement", "select": "HTMLSelectElement", "option": "HTMLOptionElement",
	"textarea": "HTMLTextAreaElement", "button": "HTMLButtonElement", "body": "HTMLBodyElement", "head": "HTMLHeadElement",
	"html": "HTMLHtmlElement", "table": "HTMLTableElement", "tr": "HTMLTableRowElement", "td": "HTMLTableCellElement",
	"th": "HTMLTableCellElement", "tbody": "HTMLTableSectionElement", "thead": "HTMLTableSectionElement",
	"tfoot": "HTMLTableSectionElement", "caption": "HTMLTableCaptionElement",
	"template": "HTMLTemplateElement", "label": "HTMLLabelElement", "p": "HTMLParagraphElement", "ul": "HTMLUListElement",
	"ol": "HTMLOListElement", "li": "HTMLLIElement", "form": "HTMLFormElement", "video": "HTMLVideoElement",
	"audio": "HTMLAudioElement", "object": "HTMLObjectElement", "embed": "HTMLEmbedElement", "source": "HTMLSourceElement",
	"base": "HTMLBaseElement", "meta": "HTMLMetaElement", "title": "HTMLTitleElement", "br": "HTMLBRElement",
	"hr": "HTMLHRElement", "h1": "HTMLHeadingElement", "h2": "HTMLHeadingElement", "h3": "HTMLHeadingElement",
	"h4": "HTMLHeadingElement", "pre": "HTMLPreElement", "slot": "HTMLSlotElement", "dialog": "HTMLDialogElement",
}

var svgTags = map[string]string{
	"svg": "SVGSVGElement", "g": "SVGGElement", "path": "SVGPathElement", "rect": "SVGRectElement",
	"circle": "SVGCircleElement", "ellipse": "SVGEllipseElement", "line": "SVGLineElement", "polyline": "SVGPolylineElement",
	"polygon": "SVGPolygonElement", "text": "SVGTextElement", "tspan": "SVGTSpanElement", "textPath": "SVGTextPathElement",
	"image": "SVGImageElement", "use": "SVGUseElement", "defs": "SVGDefsElement", "foreignObject": "SVGForeignObjectElement",
	"clipPath": "SVGClipPathElement", "linearGradient": "SVGLinearGradientElement", "radialGradient": "SVGRadialGradientElement",
	"stop": "SVGStopElement", "marker": "SVGMarkerElement", "pattern": "SVGPatternElement", "mask": "SVGMaskElement",
	"title": "SVGTitleElement", "desc": "SVGDescElement", "filter": "SVGFilterElement", "symbol": "SVGSymbolElement",
}

func svgParent(class string) string {
	switch class {
	case "SVGPathElement", "SVGRectElement", "SVGCircleElement", "SVGEllipseElement", "SVGLineElement", "SVGPolylineElement", "SVGPolygonElement":
		return "SVGGeometryElement"
	case "SVGTextElement", "SVGTSpanElement":
		return "SVGTextPositioningElement"
	case "SVGTextPathElement":
		return "SVGTextContentElement"
	case "SVGStopElement", "SVGLinearGradientElement", "SVGRadialGradientElement", "SVGClipPathElement", "SVGMarkerElement",
		"SVGPatternElement", "SVGMaskElement", "SVGTitleElement", "SVGDescElement", "SVGFilterElement", "SVGSymbolElement":
		return "SVGElement"
	}
	return "SVGGraphicsElement"
}

const (
	nsHTML  = "http://www.w3.org/1999/xhtml"
	nsSVG   = "http://www.w3.org/2000/svg"
	nsMath  = "http://www.w3.org/1998/Math/MathML"
	nsXLink = "http://www.w3.org/1999/xlink"
)

// defineClasses creates the interface constructors (illegal to call, as in
// browsers) and records their prototypes.
func (e *env) defineClasses() {
	var sb strings.Builder
	sb.WriteString("(function(g){var ill=function(){throw new TypeError('Illegal constructor')};\n")
	def := func(name, parent string) {
		// interfaces are not enumerable on the window (as in browsers)
		defer sb.WriteString("Object.defineProperty(g,'" + name + "',{enumerable:false});\n")
		if parent == "" {
			sb.WriteString("g." + name + "=function " + name + "(){};\n")
			return
		}
		sb.WriteString("g." + name + "=function " + name + "(){ill()};g." + name + ".prototype=Object.create(g." + parent +
			".prototype,{constructor:{value:g." + name + ",writable:true,configurable:true}});Object.setPrototypeOf(g." + name + ",g." + parent + ");\n")
	}
	for _, c := range classTable {
		def(c[0], c[1])
	}
	done := map[string]bool{}
	for _, cls := range htmlTags {
		if !done[cls] {
			done[cls] = true
			def(cls, "HTMLElement")
		}
	}
	for _, cls := range svgTags {
		if !done[cls] {
			done[cls] = true
			def(cls, svgParent(cls))
		}
	}
	sb.WriteString("})(globalThis)")
	if _, err := e.rt.RunScript("pbicert:prelude-classes", sb.String()); err != nil {
		panic(err)
	}
	e.protos = map[string]*goja.Object{}
	g := e.rt.GlobalObject()
	all := append([][2]string{}, classTable...)
	for cls := range done {
		all = append(all, [2]string{cls, ""})
	}
	for _, c := range all {
		e.protos[c[0]] = g.Get(c[0]).ToObject(e.rt).Get("prototype").ToObject(e.rt)
	}
}

func (e *env) protoFor(n *html.Node) *goja.Object {
	switch n.Type {
	case html.TextNode:
		return e.protos["Text"]
	case html.CommentNode:
		return e.protos["Comment"]
	case html.DocumentNode:
		if e.frag[n] {
			return e.protos["DocumentFragment"]
		}
		return e.protos["HTMLDocument"]
	case html.ElementNode:
		if n.Namespace == "svg" {
			if c, ok := svgTags[n.Data]; ok {
				return e.protos[c]
			}
			return e.protos["SVGGraphicsElement"]
		}
		if n.Namespace == "" {
			if c, ok := htmlTags[n.Data]; ok {
				return e.protos[c]
			}
			return e.protos["HTMLElement"]
		}
		return e.protos["Element"]
	}
	return e.protos["Node"]
}

// wrap returns the node's object (null for nil).
func (e *env) wrap(n *html.Node) goja.Value {
	if n == nil {
		return goja.Null()
	}
	if o := e.objs[n]; o != nil {
		return o
	}
	o := e.rt.NewObject()
	_ = o.SetPrototype(e.protoFor(n))
	e.objs[n] = o
	e.nodes[o] = n
	return o
}

// node returns the node behind a value (nil when it is not one).
func (e *env) node(v goja.Value) *html.Node {
	if o, ok := v.(*goja.Object); ok {
		return e.nodes[o]
	}
	return nil
}

func (e *env) state(n *html.Node) *nstate {
	s := e.st[n]
	if s == nil {
		s = &nstate{}
		e.st[n] = s
	}
	return s
}

func (e *env) newElement(tag, ns string) *html.Node {
	n := &html.Node{Type: html.ElementNode}
	switch ns {
	case nsSVG:
		n.Namespace = "svg"
		n.Data = tag
	case nsMath:
		n.Namespace = "math"
		n.Data = tag
	case "", nsHTML:
		n.Data = strings.ToLower(tag)
		n.DataAtom = atom.Lookup([]byte(n.Data))
	default:
		n.Namespace = ns
		n.Data = tag
	}
	return n
}

func (e *env) newFragment() *html.Node {
	n := &html.Node{Type: html.DocumentNode}
	e.frag[n] = true
	return n
}

// newDocument builds the page: <html><head></head><body></body></html>.
func (e *env) newDocument() {
	doc, err := html.Parse(strings.NewReader("<!DOCTYPE html><html lang=\"en\"><head><title>Power BI</title></head><body></body></html>"))
	if err != nil {
		panic(err)
	}
	e.doc = doc
	for c := doc.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.Data == "html" {
			e.htmlEl = c
		}
	}
	for c := e.htmlEl.FirstChild; c != nil; c = c.NextSibling {
		switch c.Data {
		case "head":
			e.head = c
		case "body":
			e.body = c
		}
	}
}

// nodeName is the DOM's nodeName.
func (e *env) nodeName(n *html.Node) string {
	switch n.Type {
	case html.TextNode:
		return "#text"
	case html.CommentNode:
		return "#comment"
	case html.DocumentNode:
		if e.frag[n] {
			return "#document-fragment"
		}
		return "#document"
	case html.DoctypeNode:
		return "html"
	}
	if n.Namespace == "" {
		return strings.ToUpper(n.Data)
	}
	return n.Data
}

func (e *env) nodeType(n *html.Node) int {
	switch n.Type {
	case html.ElementNode:
		return 1
	case html.TextNode:
		return 3
	case html.CommentNode:
		return 8
	case html.DocumentNode:
		if e.frag[n] {
			return 11
		}
		return 9
	case html.DoctypeNode:
		return 10
	}
	return 1
}

func nsURI(n *html.Node) string {
	switch n.Namespace {
	case "":
		return nsHTML
	case "svg":
		return nsSVG
	case "math":
		return nsMath
	}
	return n.Namespace
}

// contains tells whether a is b or an ancestor of b.
func contains(a, b *html.Node) bool {
	for ; b != nil; b = b.Parent {
		if a == b {
			return true
		}
	}
	return false
}

// insert puts child into parent before ref (nil: at the end), moving a
// fragment's children and detaching the child from where it was.
func (e *env) insert(parent, child, ref *html.Node) {
	if child == nil || parent == nil {
		panic(e.rt.NewTypeError("Failed to execute 'insertBefore' on 'Node': parameter is not of type 'Node'."))
	}
	if ref != nil && ref.Parent != parent {
		panic(e.domError("NotFoundError", "The node before which the new node is to be inserted is not a child of this node."))
	}
	if contains(child, parent) {
		panic(e.domError("HierarchyRequestError", "The new child element contains the parent."))
	}
	if e.frag[child] {
		for c := child.FirstChild; c != nil; {
			next := c.NextSibling
			child.RemoveChild(c)
			e.insert(parent, c, ref)
			c = next
		}
		return
	}
	if child == ref {
		return
	}
	if child.Parent != nil {
		child.Parent.RemoveChild(child)
	}
	if ref == nil {
		parent.AppendChild(child)
	} else {
		parent.InsertBefore(child, ref)
	}
	e.inserted(child)
}

// inserted records what a browser would load when an element enters the
// document: script, iframe and the like with a remote source.
func (e *env) inserted(n *html.Node) {
	if n.Type != html.ElementNode || !contains(e.doc, n) {
		return
	}
	walk(n, func(c *html.Node) bool {
		if c.Type == html.ElementNode && c.Data == "script" {
			if src, ok := getAttr(c, "src"); ok && src != "" {
				e.record(Observation{Rule: "NET011", API: "script.src", Target: src, Method: "GET"})
			}
		}
		return true
	})
}

func (e *env) remove(n *html.Node) {
	if n.Parent != nil {
		n.Parent.RemoveChild(n)
	}
}

// walk visits n and its descendants in document order; f returns false to
// skip a node's children.
func walk(n *html.Node, f func(*html.Node) bool) {
	if !f(n) {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func textOf(n *html.Node) string {
	switch n.Type {
	case html.TextNode, html.CommentNode:
		return n.Data
	}
	var sb strings.Builder
	walk(n, func(c *html.Node) bool {
		if c.Type == html.TextNode {
			sb.WriteString(c.Data)
		}
		return c.Type != html.CommentNode
	})
	return sb.String()
}

func (e *env) setText(n *html.Node, s string) {
	switch n.Type {
	case html.TextNode, html.CommentNode:
		n.Data = s
		return
	case html.DocumentNode:
		if !e.frag[n] {
			return
		}
	}
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		n.RemoveChild(c)
		c = next
	}
	if s != "" {
		n.AppendChild(&html.Node{Type: html.TextNode, Data: s})
	}
}

func getAttr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func setAttr(n *html.Node, key, val string) {
	for i := range n.Attr {
		if n.Attr[i].Key == key {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val})
}

func removeAttr(n *html.Node, key string) {
	for i := range n.Attr {
		if n.Attr[i].Key == key {
			n.Attr = append(n.Attr[:i], n.Attr[i+1:]...)
			return
		}
	}
}

// attrKey normalises an attribute name: lower case on HTML elements.
func attrKey(n *html.Node, k string) string {
	if n.Namespace == "" {
		return strings.ToLower(k)
	}
	return k
}

// selector compiles (and caches) a CSS selector; a bad one throws a
// SyntaxError DOMException, which jQuery's feature tests expect.
func (e *env) selector(s string) cascadia.Matcher {
	if sel, ok := e.sels[s]; ok {
		if sel == nil {
			panic(e.domError("SyntaxError", "'"+s+"' is not a valid selector."))
		}
		return sel
	}
	q := strings.ReplaceAll(s, ":scope", ":root")
	sel, err := cascadia.ParseGroup(q)
	if err != nil {
		e.sels[s] = nil
		panic(e.domError("SyntaxError", "'"+s+"' is not a valid selector."))
	}
	e.sels[s] = sel
	return sel
}

// queryAll returns the descendants of root matching sel (root excluded).
func (e *env) queryAll(root *html.Node, s string, first bool) []*html.Node {
	sel := e.selector(s)
	var out []*html.Node
	scoped := strings.Contains(s, ":scope")
	for c := root.FirstChild; c != nil; c = c.NextSibling {
		stop := false
		walk(c, func(d *html.Node) bool {
			if stop {
				return false
			}
			if d.Type == html.ElementNode && e.match(sel, d, root, scoped) {
				out = append(out, d)
				if first {
					stop = true
					return false
				}
			}
			return true
		})
		if stop {
			break
		}
	}
	return out
}

// match runs a selector; for :scope selectors the root stands in as the
// document root during the match.
func (e *env) match(sel cascadia.Matcher, n, scope *html.Node, scoped bool) bool {
	if !scoped || scope == nil || scope.Type != html.ElementNode {
		return sel.Match(n)
	}
	parent, prev, next := scope.Parent, scope.PrevSibling, scope.NextSibling
	scope.Parent, scope.PrevSibling, scope.NextSibling = nil, nil, nil
	defer func() { scope.Parent, scope.PrevSibling, scope.NextSibling = parent, prev, next }()
	return sel.Match(n)
}

func (e *env) domError(name, msg string) *goja.Object {
	ctor, ok := goja.AssertConstructor(e.rt.GlobalObject().Get("DOMException"))
	if ok {
		if o, err := ctor(nil, e.rt.ToValue(msg), e.rt.ToValue(name)); err == nil {
			return o
		}
	}
	o := e.rt.NewGoError(nil)
	o.Set("name", name)
	o.Set("message", msg)
	return o
}

// parseMarkup parses markup in the context of an element (the fragment
// parser of golang.org/x/net/html); scripts in it never run.
func (e *env) parseMarkup(ctx *html.Node, markup string) []*html.Node {
	c := ctx
	if c == nil || c.Type != html.ElementNode {
		c = &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	} else if c.Namespace != "" {
		// markup inside SVG: parse it as foreign content of an <svg>
		c = &html.Node{Type: html.ElementNode, Data: "svg", Namespace: "svg"}
	}
	if c.Data == "template" || c.DataAtom == 0 && c.Namespace == "" {
		c = &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	}
	nodes, err := html.ParseFragment(strings.NewReader(markup), c)
	if err != nil {
		return nil
	}
	return nodes
}

// markup serialises the children of n (innerHTML) or n (outerHTML).
func (e *env) markup(n *html.Node, outer bool) string {
	var sb strings.Builder
	e.syncStyles(n)
	if outer {
		_ = html.Render(&sb, n)
		return sb.String()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		_ = html.Render(&sb, c)
	}
	return sb.String()
}

// syncStyles writes style objects back to style attributes before markup
// is read.
func (e *env) syncStyles(n *html.Node) {
	walk(n, func(c *html.Node) bool {
		if s := e.st[c]; s != nil && s.style != nil {
			if css := e.cssText(s.style); css != "" {
				setAttr(c, "style", css)
			} else {
				removeAttr(c, "style")
			}
		}
		return true
	})
}

func (e *env) clone(n *html.Node, deep bool) *html.Node {
	m := &html.Node{Type: n.Type, Data: n.Data, DataAtom: n.DataAtom, Namespace: n.Namespace}
	if e.frag[n] {
		e.frag[m] = true
	}
	if s := e.st[n]; s != nil && s.style != nil {
		if css := e.cssText(s.style); css != "" {
			setAttr(n, "style", css)
		}
	}
	m.Attr = append([]html.Attribute(nil), n.Attr...)
	if deep {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			m.AppendChild(e.clone(c, true))
		}
	}
	return m
}

func (e *env) nodeArray(ns []*html.Node) goja.Value {
	vals := make([]any, len(ns))
	for i, n := range ns {
		vals[i] = e.wrap(n)
	}
	return e.list(vals)
}

// list makes a NodeList-like array (with item()).
func (e *env) list(vals []any) goja.Value {
	a := e.rt.NewArray(vals...)
	a.Set("item", func(i int) goja.Value {
		if i >= 0 && i < len(vals) {
			return e.rt.ToValue(vals[i])
		}
		return goja.Null()
	})
	return a
}

func children(n *html.Node, elementsOnly bool) []*html.Node {
	var out []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if !elementsOnly || c.Type == html.ElementNode {
			out = append(out, c)
		}
	}
	return out
}
