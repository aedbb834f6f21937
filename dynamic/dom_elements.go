package dynamic

import (
	"strings"

	"github.com/dop251/goja"
	"golang.org/x/net/html"
)

// size is the layout box the run pretends an element has: explicit pixel
// sizes (style or attributes), percentages of the parent, else the
// parent's width and, for containers, its height; an HTML block that
// holds only text (a title, a label) is as high as its lines.
func (e *env) size(n *html.Node, depth int) (float64, float64) {
	if n == nil || depth > 64 {
		return e.vw, e.vh
	}
	if n == e.doc || n == e.htmlEl || n == e.body {
		return e.vw, e.vh
	}
	if n.Type != html.ElementNode {
		if n.Type == html.TextNode {
			return float64(len([]rune(n.Data))) * 6, 14
		}
		return 0, 0
	}
	if n.Data == "text" || n.Data == "tspan" || n.Data == "span" || n.Data == "label" {
		t := textOf(n)
		return float64(len([]rune(t))) * 6, 14
	}
	pw, ph := -1.0, -1.0
	dim := func(name string, parent func() float64) float64 {
		if s := e.st[n]; s != nil && s.style != nil {
			if v := s.style.Get(name); v != nil && !goja.IsUndefined(v) {
				str := v.String()
				if strings.HasSuffix(str, "%") {
					if f, ok := atoi(strings.TrimSuffix(str, "%")); ok {
						return parent() * f / 100
					}
				}
				if f, ok := atoi(str); ok {
					return f
				}
			}
		}
		if a, ok := getAttr(n, name); ok {
			if strings.HasSuffix(a, "%") {
				if f, ok := atoi(strings.TrimSuffix(a, "%")); ok {
					return parent() * f / 100
				}
			}
			if f, ok := atoi(a); ok {
				return f
			}
		}
		return -1
	}
	parentW := func() float64 {
		if pw < 0 {
			pw, ph = e.size(n.Parent, depth+1)
		}
		return pw
	}
	parentH := func() float64 {
		if pw < 0 {
			pw, ph = e.size(n.Parent, depth+1)
		}
		return ph
	}
	w := dim("width", parentW)
	h := dim("height", parentH)
	if w < 0 {
		if n.Data == "canvas" {
			w = 300
		} else {
			w = parentW()
		}
	}
	if h < 0 {
		switch n.Data {
		case "canvas":
			h = 150
		case "div", "svg", "g", "section", "main", "article", "foreignObject", "table", "body", "html":
			if fh, ok := e.flowHeight(n, depth); ok && n.Namespace == "" {
				h = fh
			} else {
				h = parentH()
			}
		default:
			h = 16
		}
	}
	return w, h
}

// lineHeight is the height of a line of text in an HTML block.
const lineHeight = 16

// flowHeight is the height of an HTML block whose content is text: a line
// per run of text and inline elements, the blocks inside it stacked. ok is
// false for an empty block and for one that holds anything else (SVG,
// canvas, images, elements of an explicit height), which keeps the parent's
// height: containers of graphics fill the space they are given.
func (e *env) flowHeight(n *html.Node, depth int) (h float64, ok bool) {
	if depth > 64 {
		return 0, false
	}
	inline := false
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				inline, ok = true, true
			}
		case html.ElementNode:
			if c.Namespace != "" || e.explicitHeight(c) {
				return 0, false
			}
			switch c.Data {
			case "span", "a", "b", "i", "em", "strong", "small", "label", "sub", "sup", "u", "font", "abbr", "code", "mark", "s":
				if c.FirstChild != nil {
					if _, fine := e.flowHeight(c, depth+1); !fine {
						return 0, false
					}
				}
				inline, ok = true, true
			case "br":
				if inline {
					h += lineHeight
				}
				inline = false
			case "div", "p", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section", "header", "footer", "article", "nav", "blockquote", "pre":
				ch, fine := e.flowHeight(c, depth+1)
				if !fine {
					return 0, false
				}
				if inline {
					h += lineHeight
					inline = false
				}
				h += ch
				ok = true
			default:
				return 0, false
			}
		}
	}
	if inline {
		h += lineHeight
	}
	return h, ok
}

// explicitHeight tells whether an element's height is set by its style or
// its attribute.
func (e *env) explicitHeight(n *html.Node) bool {
	if s := e.st[n]; s != nil && s.style != nil {
		if v := s.style.Get("height"); v != nil && !goja.IsUndefined(v) && v.String() != "" && v.String() != "auto" {
			return true
		}
	}
	_, ok := getAttr(n, "height")
	return ok
}

func (e *env) rect(x, y, w, h float64) *goja.Object {
	o := e.rt.NewObject()
	for k, v := range map[string]float64{"x": x, "y": y, "width": w, "height": h, "top": y, "left": x, "right": x + w, "bottom": y + h} {
		o.Set(k, v)
	}
	o.Set("toJSON", func(c goja.FunctionCall) goja.Value { return o })
	return o
}

func (e *env) installLayout(p *goja.Object) {
	e.method(p, "getBoundingClientRect", func(n *html.Node, c goja.FunctionCall) goja.Value {
		w, h := e.size(n, 0)
		return e.rect(0, 0, w, h)
	})
	e.method(p, "getClientRects", func(n *html.Node, c goja.FunctionCall) goja.Value {
		w, h := e.size(n, 0)
		return e.rt.NewArray(e.rect(0, 0, w, h))
	})
	for _, k := range []string{"clientWidth", "offsetWidth", "scrollWidth"} {
		e.prop(p, k, func(n *html.Node) goja.Value { w, _ := e.size(n, 0); return e.v(w) }, nil)
	}
	for _, k := range []string{"clientHeight", "offsetHeight", "scrollHeight"} {
		e.prop(p, k, func(n *html.Node) goja.Value { _, h := e.size(n, 0); return e.v(h) }, nil)
	}
	for _, k := range []string{"clientTop", "clientLeft", "offsetTop", "offsetLeft"} {
		e.prop(p, k, func(n *html.Node) goja.Value { return e.v(0) }, nil)
	}
	e.prop(p, "offsetParent", func(n *html.Node) goja.Value {
		if n.Parent != nil && n.Parent.Type == html.ElementNode {
			return e.wrap(n.Parent)
		}
		return goja.Null()
	}, nil)
	e.prop(p, "scrollTop", func(n *html.Node) goja.Value { return e.v(e.state(n).scrollTop) },
		func(n *html.Node, v goja.Value) { e.state(n).scrollTop = v.ToFloat() })
	e.prop(p, "scrollLeft", func(n *html.Node) goja.Value { return e.v(e.state(n).scrollLft) },
		func(n *html.Node, v goja.Value) { e.state(n).scrollLft = v.ToFloat() })
}

func (e *env) installHTMLElement() {
	p := e.protos["HTMLElement"]
	sp := e.protos["SVGElement"]
	for _, q := range []*goja.Object{p, sp} {
		e.prop(q, "style", func(n *html.Node) goja.Value { return e.styleOf(n) }, func(n *html.Node, v goja.Value) {
			e.parseCSSText(e.styleOf(n), e.str(v))
		})
		e.prop(q, "dataset", func(n *html.Node) goja.Value { return e.dataset(n) }, nil)
		e.attrProp(q, "tabIndex", "tabindex")
	}
	for _, k := range []string{"title", "dir", "lang", "accessKey", "role"} {
		e.attrProp(p, k, strings.ToLower(k))
	}
	e.prop(p, "hidden", func(n *html.Node) goja.Value { _, ok := getAttr(n, "hidden"); return e.v(ok) }, func(n *html.Node, v goja.Value) {
		if v.ToBoolean() {
			setAttr(n, "hidden", "")
		} else {
			removeAttr(n, "hidden")
		}
	})
	e.prop(p, "draggable", func(n *html.Node) goja.Value { v, _ := getAttr(n, "draggable"); return e.v(v == "true") },
		func(n *html.Node, v goja.Value) { setAttr(n, "draggable", e.str(v)) })
	e.prop(p, "contentEditable", func(n *html.Node) goja.Value {
		v, ok := getAttr(n, "contenteditable")
		if !ok {
			v = "inherit"
		}
		return e.v(v)
	},
		func(n *html.Node, v goja.Value) { setAttr(n, "contenteditable", e.str(v)) })
	e.prop(p, "isContentEditable", func(n *html.Node) goja.Value { return e.v(false) }, nil)
	e.prop(p, "innerText", func(n *html.Node) goja.Value { return e.v(textOf(n)) }, func(n *html.Node, v goja.Value) { e.setText(n, e.str(v)) })
	e.prop(p, "outerText", func(n *html.Node) goja.Value { return e.v(textOf(n)) }, nil)
	e.method(p, "click", func(n *html.Node, c goja.FunctionCall) goja.Value {
		e.fire(n, "click")
		return goja.Undefined()
	})

	// form controls
	value := func(n *html.Node) goja.Value {
		if s := e.st[n]; s != nil && s.value != nil {
			return e.v(*s.value)
		}
		if n.Data == "textarea" || n.Data == "select" {
			return e.v(textOf(n))
		}
		v, _ := getAttr(n, "value")
		return e.v(v)
	}
	setValue := func(n *html.Node, v goja.Value) { s := e.str(v); e.state(n).value = &s }
	for _, tag := range []string{"HTMLInputElement", "HTMLTextAreaElement", "HTMLSelectElement", "HTMLOptionElement", "HTMLButtonElement"} {
		q := e.protos[tag]
		e.prop(q, "value", value, setValue)
		for _, k := range []string{"name", "type", "placeholder"} {
			e.attrProp(q, k, k)
		}
		for _, k := range []string{"disabled", "readOnly", "required", "selected", "multiple"} {
			attr := strings.ToLower(k)
			e.prop(q, k, func(n *html.Node) goja.Value { _, ok := getAttr(n, attr); return e.v(ok) }, func(n *html.Node, v goja.Value) {
				if v.ToBoolean() {
					setAttr(n, attr, "")
				} else {
					removeAttr(n, attr)
				}
			})
		}
		e.method(q, "select", func(n *html.Node, c goja.FunctionCall) goja.Value { return goja.Undefined() })
		e.method(q, "setSelectionRange", func(n *html.Node, c goja.FunctionCall) goja.Value { return goja.Undefined() })
		e.method(q, "checkValidity", func(n *html.Node, c goja.FunctionCall) goja.Value { return e.v(true) })
	}
	in := e.protos["HTMLInputElement"]
	e.prop(in, "checked", func(n *html.Node) goja.Value { return e.v(e.state(n).checked) }, func(n *html.Node, v goja.Value) { e.state(n).checked = v.ToBoolean() })
	sel := e.protos["HTMLSelectElement"]
	e.prop(sel, "options", func(n *html.Node) goja.Value { return e.nodeArray(e.queryAll(n, "option", false)) }, nil)
	e.prop(sel, "selectedIndex", func(n *html.Node) goja.Value { return e.v(0) }, func(n *html.Node, v goja.Value) {})

	// elements that load resources: the src/href properties go through the traps
	for tag, attrs := range map[string][]string{
		"HTMLImageElement": {"src", "srcset", "alt", "crossOrigin"}, "HTMLScriptElement": {"src", "type", "async", "defer", "crossOrigin", "charset", "integrity", "noModule"},
		"HTMLIFrameElement": {"src", "name", "sandbox", "allow"}, "HTMLLinkElement": {"href", "rel", "type", "media", "as", "crossOrigin"},
		"HTMLAnchorElement": {"href", "target", "download", "rel"}, "HTMLMediaElement": {"src"}, "HTMLVideoElement": {"src", "poster"},
		"HTMLAudioElement": {"src"}, "HTMLSourceElement": {"src", "type"}, "HTMLEmbedElement": {"src", "type"}, "HTMLObjectElement": {"data", "type"},
		"HTMLBaseElement": {"href"}, "HTMLStyleElement": {"media", "type"}, "HTMLMetaElement": {"content", "name"},
	} {
		q := e.protos[tag]
		for _, k := range attrs {
			e.attrProp(q, k, strings.ToLower(k))
		}
	}
	ifr := e.protos["HTMLIFrameElement"]
	e.prop(ifr, "srcdoc", func(n *html.Node) goja.Value { v, _ := getAttr(n, "srcdoc"); return e.v(v) }, func(n *html.Node, v goja.Value) {
		e.setAttribute(n, "srcdoc", e.str(v))
	})
	e.prop(ifr, "contentWindow", func(n *html.Node) goja.Value { return goja.Null() }, nil)
	e.prop(ifr, "contentDocument", func(n *html.Node) goja.Value { return goja.Null() }, nil)
	img := e.protos["HTMLImageElement"]
	e.prop(img, "complete", func(n *html.Node) goja.Value { return e.v(true) }, nil)
	for _, k := range []string{"naturalWidth", "naturalHeight"} {
		e.prop(img, k, func(n *html.Node) goja.Value { return e.v(0) }, nil)
	}
	e.method(img, "decode", func(n *html.Node, c goja.FunctionCall) goja.Value { return e.pending() })
	for _, tag := range []string{"HTMLImageElement", "HTMLCanvasElement", "HTMLVideoElement"} {
		q := e.protos[tag]
		for _, k := range []string{"width", "height"} {
			key := k
			e.prop(q, key, func(n *html.Node) goja.Value {
				if v, ok := getAttr(n, key); ok {
					if f, ok := atoi(v); ok {
						return e.v(f)
					}
				}
				if n.Data == "canvas" {
					if key == "width" {
						return e.v(300)
					}
					return e.v(150)
				}
				return e.v(0)
			}, func(n *html.Node, v goja.Value) { setAttr(n, key, e.str(v)) })
		}
	}
	a := e.protos["HTMLAnchorElement"]
	for _, k := range []string{"protocol", "host", "hostname", "pathname", "search", "hash", "port", "origin"} {
		key := k
		e.prop(a, key, func(n *html.Node) goja.Value {
			h, _ := getAttr(n, "href")
			return e.v(urlPart(h, key))
		}, nil)
	}
	st := e.protos["HTMLStyleElement"]
	e.prop(st, "sheet", func(n *html.Node) goja.Value { return e.styleSheet() }, nil)
	e.prop(e.protos["HTMLLinkElement"], "sheet", func(n *html.Node) goja.Value { return e.styleSheet() }, nil)
	tpl := e.protos["HTMLTemplateElement"]
	e.prop(tpl, "content", func(n *html.Node) goja.Value {
		f := e.newFragment()
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f.AppendChild(e.clone(c, true))
		}
		return e.wrap(f)
	}, nil)
	e.installTable()
	e.installCanvas()
	e.installSVG()
}

// installTable: the table API (createTHead, insertRow, insertCell, rows, cells).
func (e *env) installTable() {
	t := e.protos["HTMLTableElement"]
	section := func(tag string) nfunc {
		return func(n *html.Node, c goja.FunctionCall) goja.Value {
			for x := n.FirstChild; x != nil; x = x.NextSibling {
				if x.Type == html.ElementNode && x.Data == tag {
					return e.wrap(x)
				}
			}
			s := e.newElement(tag, "")
			if tag == "thead" || tag == "caption" {
				e.insert(n, s, n.FirstChild)
			} else {
				e.insert(n, s, nil)
			}
			return e.wrap(s)
		}
	}
	e.method(t, "createTHead", section("thead"))
	e.method(t, "createTFoot", section("tfoot"))
	e.method(t, "createCaption", section("caption"))
	e.method(t, "createTBody", func(n *html.Node, c goja.FunctionCall) goja.Value {
		s := e.newElement("tbody", "")
		e.insert(n, s, nil)
		return e.wrap(s)
	})
	for _, k := range []string{"deleteTHead", "deleteTFoot", "deleteCaption"} {
		tag := map[string]string{"deleteTHead": "thead", "deleteTFoot": "tfoot", "deleteCaption": "caption"}[k]
		e.method(t, k, func(n *html.Node, c goja.FunctionCall) goja.Value {
			for x := n.FirstChild; x != nil; x = x.NextSibling {
				if x.Type == html.ElementNode && x.Data == tag {
					n.RemoveChild(x)
					break
				}
			}
			return goja.Undefined()
		})
	}
	e.prop(t, "tHead", func(n *html.Node) goja.Value { return e.wrap(childTag(n, "thead")) }, nil)
	e.prop(t, "tFoot", func(n *html.Node) goja.Value { return e.wrap(childTag(n, "tfoot")) }, nil)
	e.prop(t, "tBodies", func(n *html.Node) goja.Value { return e.nodeArray(e.queryAll(n, ":scope > tbody", false)) }, nil)
	rowsOf := func(n *html.Node) []*html.Node {
		var out []*html.Node
		walk(n, func(x *html.Node) bool {
			if x != n && x.Type == html.ElementNode {
				if x.Data == "tr" {
					out = append(out, x)
					return false
				}
				return x.Data == "thead" || x.Data == "tbody" || x.Data == "tfoot"
			}
			return x == n
		})
		return out
	}
	insertRow := func(n *html.Node, c goja.FunctionCall) goja.Value {
		parent := n
		if n.Data == "table" {
			if b := childTag(n, "tbody"); b != nil {
				parent = b
			} else if len(rowsOf(n)) == 0 {
				b := e.newElement("tbody", "")
				e.insert(n, b, nil)
				parent = b
			}
		}
		rows := rowsOf(n)
		row := e.newElement("tr", "")
		i := -1
		if len(c.Arguments) > 0 {
			i = int(c.Argument(0).ToInteger())
		}
		if i >= 0 && i < len(rows) {
			e.insert(rows[i].Parent, row, rows[i])
		} else {
			e.insert(parent, row, nil)
		}
		return e.wrap(row)
	}
	deleteRow := func(n *html.Node, c goja.FunctionCall) goja.Value {
		rows := rowsOf(n)
		i := int(c.Argument(0).ToInteger())
		if i == -1 {
			i = len(rows) - 1
		}
		if i >= 0 && i < len(rows) {
			e.remove(rows[i])
		}
		return goja.Undefined()
	}
	for _, q := range []*goja.Object{t, e.protos["HTMLTableSectionElement"]} {
		e.method(q, "insertRow", insertRow)
		e.method(q, "deleteRow", deleteRow)
		e.prop(q, "rows", func(n *html.Node) goja.Value { return e.nodeArray(rowsOf(n)) }, nil)
	}
	r := e.protos["HTMLTableRowElement"]
	cells := func(n *html.Node) []*html.Node {
		var out []*html.Node
		for x := n.FirstChild; x != nil; x = x.NextSibling {
			if x.Type == html.ElementNode && (x.Data == "td" || x.Data == "th") {
				out = append(out, x)
			}
		}
		return out
	}
	e.prop(r, "cells", func(n *html.Node) goja.Value { return e.nodeArray(cells(n)) }, nil)
	e.prop(r, "rowIndex", func(n *html.Node) goja.Value { return e.v(-1) }, nil)
	e.method(r, "insertCell", func(n *html.Node, c goja.FunctionCall) goja.Value {
		cs := cells(n)
		td := e.newElement("td", "")
		i := -1
		if len(c.Arguments) > 0 {
			i = int(c.Argument(0).ToInteger())
		}
		if i >= 0 && i < len(cs) {
			e.insert(n, td, cs[i])
		} else {
			e.insert(n, td, nil)
		}
		return e.wrap(td)
	})
	e.method(r, "deleteCell", func(n *html.Node, c goja.FunctionCall) goja.Value {
		cs := cells(n)
		if i := int(c.Argument(0).ToInteger()); i >= 0 && i < len(cs) {
			e.remove(cs[i])
		}
		return goja.Undefined()
	})
	e.prop(e.protos["HTMLTableCellElement"], "cellIndex", func(n *html.Node) goja.Value { return e.v(0) }, nil)
	for _, k := range []string{"colSpan", "rowSpan"} {
		attr := strings.ToLower(k)
		e.prop(e.protos["HTMLTableCellElement"], k, func(n *html.Node) goja.Value {
			f, ok := atoi(attrOr(n, attr, "1"))
			if !ok {
				f = 1
			}
			return e.v(f)
		}, func(n *html.Node, v goja.Value) { setAttr(n, attr, e.str(v)) })
	}
}

func childTag(n *html.Node, tag string) *html.Node {
	for x := n.FirstChild; x != nil; x = x.NextSibling {
		if x.Type == html.ElementNode && x.Data == tag {
			return x
		}
	}
	return nil
}

// styleSheet is an inert CSSStyleSheet.
func (e *env) styleSheet() goja.Value {
	o := e.rt.NewObject()
	rules := e.rt.NewArray()
	o.Set("cssRules", rules)
	o.Set("rules", rules)
	o.Set("insertRule", func(c goja.FunctionCall) goja.Value { return e.v(0) })
	o.Set("deleteRule", func(c goja.FunctionCall) goja.Value { return goja.Undefined() })
	o.Set("addRule", func(c goja.FunctionCall) goja.Value { return e.v(-1) })
	o.Set("replaceSync", func(c goja.FunctionCall) goja.Value { return goja.Undefined() })
	return o
}

func (e *env) installCanvas() {
	q := e.protos["HTMLCanvasElement"]
	e.method(q, "getContext", func(n *html.Node, c goja.FunctionCall) goja.Value {
		kind := c.Argument(0).String()
		if kind != "2d" {
			return goja.Null()
		}
		s := e.state(n)
		if s.ctx == nil {
			mk, _ := goja.AssertFunction(e.pbi.Get("canvasContext"))
			v, err := mk(goja.Undefined(), e.wrap(n))
			if err != nil {
				panic(err)
			}
			s.ctx = v.ToObject(e.rt)
		}
		return s.ctx
	})
	e.method(q, "toDataURL", func(n *html.Node, c goja.FunctionCall) goja.Value {
		return e.v("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=")
	})
	e.method(q, "toBlob", func(n *html.Node, c goja.FunctionCall) goja.Value {
		if fn, ok := goja.AssertFunction(c.Argument(0)); ok {
			e.clock.add(&timer{fn: fn, this: goja.Undefined(), args: []goja.Value{goja.Null()}, phase: e.phase}, 0)
		}
		return goja.Undefined()
	})
	e.method(q, "transferControlToOffscreen", func(n *html.Node, c goja.FunctionCall) goja.Value {
		panic(e.domError("NotSupportedError", "OffscreenCanvas is not available"))
	})
}

func (e *env) installSVG() {
	p := e.protos["SVGElement"]
	e.prop(p, "ownerSVGElement", func(n *html.Node) goja.Value {
		for x := n.Parent; x != nil; x = x.Parent {
			if x.Type == html.ElementNode && x.Data == "svg" {
				return e.wrap(x)
			}
		}
		return goja.Null()
	}, nil)
	e.prop(p, "viewportElement", func(n *html.Node) goja.Value { return goja.Null() }, nil)
	g := e.protos["SVGGraphicsElement"]
	e.method(g, "getBBox", func(n *html.Node, c goja.FunctionCall) goja.Value {
		w, h := e.size(n, 0)
		x, _ := atoi(attrOr(n, "x", "0"))
		y, _ := atoi(attrOr(n, "y", "0"))
		return e.rect(x, y, w, h)
	})
	matrix := func() *goja.Object {
		m := e.rt.NewObject()
		for k, v := range map[string]float64{"a": 1, "b": 0, "c": 0, "d": 1, "e": 0, "f": 0} {
			m.Set(k, v)
		}
		m.Set("inverse", func() *goja.Object { return m })
		m.Set("multiply", func() *goja.Object { return m })
		m.Set("translate", func() *goja.Object { return m })
		m.Set("scale", func() *goja.Object { return m })
		return m
	}
	e.method(g, "getCTM", func(n *html.Node, c goja.FunctionCall) goja.Value { return matrix() })
	e.method(g, "getScreenCTM", func(n *html.Node, c goja.FunctionCall) goja.Value { return matrix() })
	e.prop(g, "transform", func(n *html.Node) goja.Value {
		bv := e.rt.NewObject()
		bv.Set("numberOfItems", 0)
		bv.Set("consolidate", func() goja.Value { return goja.Null() })
		bv.Set("getItem", func() goja.Value { return goja.Null() })
		bv.Set("clear", func() {})
		bv.Set("appendItem", func(v goja.Value) goja.Value { return v })
		bv.Set("createSVGTransformFromMatrix", func(m goja.Value) goja.Value {
			t := e.rt.NewObject()
			t.Set("matrix", m)
			return t
		})
		o := e.rt.NewObject()
		o.Set("baseVal", bv)
		o.Set("animVal", bv)
		return o
	}, nil)
	svg := e.protos["SVGSVGElement"]
	e.method(svg, "createSVGPoint", func(n *html.Node, c goja.FunctionCall) goja.Value {
		pt := e.rt.NewObject()
		pt.Set("x", 0)
		pt.Set("y", 0)
		pt.Set("matrixTransform", func(c goja.FunctionCall) goja.Value { return pt })
		return pt
	})
	e.method(svg, "createSVGMatrix", func(n *html.Node, c goja.FunctionCall) goja.Value { return matrix() })
	e.method(svg, "createSVGTransform", func(n *html.Node, c goja.FunctionCall) goja.Value {
		t := e.rt.NewObject()
		t.Set("matrix", matrix())
		t.Set("setTranslate", func() {})
		t.Set("setScale", func() {})
		t.Set("setRotate", func() {})
		return t
	})
	for _, k := range []string{"width", "height", "x", "y"} {
		key := k
		e.prop(svg, key, func(n *html.Node) goja.Value {
			var val float64
			w, h := e.size(n, 0)
			switch key {
			case "width":
				val = w
			case "height":
				val = h
			}
			bv := e.rt.NewObject()
			bv.Set("value", val)
			bv.Set("valueAsString", attrOr(n, key, ""))
			o := e.rt.NewObject()
			o.Set("baseVal", bv)
			o.Set("animVal", bv)
			return o
		}, nil)
	}
	e.prop(svg, "viewBox", func(n *html.Node) goja.Value {
		bv := e.rt.NewObject()
		f := strings.Fields(strings.ReplaceAll(attrOr(n, "viewBox", ""), ",", " "))
		for i, k := range []string{"x", "y", "width", "height"} {
			v := 0.0
			if i < len(f) {
				v, _ = atoi(f[i])
			}
			bv.Set(k, v)
		}
		o := e.rt.NewObject()
		o.Set("baseVal", bv)
		return o
	}, nil)
	for _, k := range []string{"suspendRedraw", "unsuspendRedraw", "forceRedraw", "pauseAnimations", "unpauseAnimations"} {
		e.method(svg, k, func(n *html.Node, c goja.FunctionCall) goja.Value { return e.v(0) })
	}
	tc := e.protos["SVGTextContentElement"]
	e.method(tc, "getComputedTextLength", func(n *html.Node, c goja.FunctionCall) goja.Value {
		return e.v(float64(len([]rune(textOf(n)))) * 6)
	})
	e.method(tc, "getSubStringLength", func(n *html.Node, c goja.FunctionCall) goja.Value {
		return e.v(c.Argument(1).ToFloat() * 6)
	})
	e.method(tc, "getNumberOfChars", func(n *html.Node, c goja.FunctionCall) goja.Value { return e.v(len([]rune(textOf(n)))) })
	e.method(tc, "getStartPositionOfChar", func(n *html.Node, c goja.FunctionCall) goja.Value {
		pt := e.rt.NewObject()
		pt.Set("x", c.Argument(0).ToFloat()*6)
		pt.Set("y", 0)
		return pt
	})
	e.method(tc, "getExtentOfChar", func(n *html.Node, c goja.FunctionCall) goja.Value {
		return e.rect(c.Argument(0).ToFloat()*6, 0, 6, 14)
	})
	geo := e.protos["SVGGeometryElement"]
	e.method(geo, "getTotalLength", func(n *html.Node, c goja.FunctionCall) goja.Value { return e.v(100) })
	e.method(geo, "getPointAtLength", func(n *html.Node, c goja.FunctionCall) goja.Value {
		pt := e.rt.NewObject()
		pt.Set("x", c.Argument(0).ToFloat())
		pt.Set("y", 0)
		return pt
	})
	e.method(geo, "isPointInFill", func(n *html.Node, c goja.FunctionCall) goja.Value { return e.v(false) })
	e.method(geo, "isPointInStroke", func(n *html.Node, c goja.FunctionCall) goja.Value { return e.v(false) })
}

func attrOr(n *html.Node, k, def string) string {
	if v, ok := getAttr(n, k); ok {
		return v
	}
	return def
}
