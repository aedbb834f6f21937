package dynamic

import (
	"strconv"
	"strings"

	"github.com/dop251/goja"
	"golang.org/x/net/html"
)

type nfunc func(n *html.Node, c goja.FunctionCall) goja.Value

// method defines a native method on a prototype; calling it on something
// that is not a node throws, as browsers do.
func (e *env) method(proto *goja.Object, name string, f nfunc) {
	fn := e.rt.ToValue(func(c goja.FunctionCall) goja.Value {
		n := e.node(c.This)
		if n == nil {
			panic(e.rt.NewTypeError("Illegal invocation: " + name))
		}
		return f(n, c)
	})
	_ = proto.DefineDataProperty(name, fn, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// prop defines an accessor on a prototype (set may be nil: read-only).
func (e *env) prop(proto *goja.Object, name string, get func(n *html.Node) goja.Value, set func(n *html.Node, v goja.Value)) {
	g := e.rt.ToValue(func(c goja.FunctionCall) goja.Value {
		n := e.node(c.This)
		if n == nil {
			return goja.Undefined()
		}
		return get(n)
	})
	var s goja.Value
	if set != nil {
		s = e.rt.ToValue(func(c goja.FunctionCall) goja.Value {
			if n := e.node(c.This); n != nil {
				set(n, c.Argument(0))
			}
			return goja.Undefined()
		})
	} else {
		s = e.rt.ToValue(func(goja.FunctionCall) goja.Value { return goja.Undefined() })
	}
	_ = proto.DefineAccessorProperty(name, g, s, goja.FLAG_TRUE, goja.FLAG_TRUE)
}

func (e *env) v(x any) goja.Value { return e.rt.ToValue(x) }

// attrProp reflects an attribute as a string property.
func (e *env) attrProp(proto *goja.Object, name, attr string) {
	e.prop(proto, name, func(n *html.Node) goja.Value {
		s, _ := getAttr(n, attr)
		return e.v(s)
	}, func(n *html.Node, v goja.Value) { e.setAttribute(n, attr, e.str(v)) })
}

func (e *env) installNode() {
	p := e.protos["Node"]
	for i, name := range []string{"ELEMENT_NODE", "ATTRIBUTE_NODE", "TEXT_NODE", "CDATA_SECTION_NODE", "ENTITY_REFERENCE_NODE", "ENTITY_NODE",
		"PROCESSING_INSTRUCTION_NODE", "COMMENT_NODE", "DOCUMENT_NODE", "DOCUMENT_TYPE_NODE", "DOCUMENT_FRAGMENT_NODE"} {
		p.Set(name, i+1)
		e.rt.GlobalObject().Get("Node").ToObject(e.rt).Set(name, i+1)
	}
	for k, v := range map[string]int{"DOCUMENT_POSITION_DISCONNECTED": 1, "DOCUMENT_POSITION_PRECEDING": 2, "DOCUMENT_POSITION_FOLLOWING": 4,
		"DOCUMENT_POSITION_CONTAINS": 8, "DOCUMENT_POSITION_CONTAINED_BY": 16} {
		p.Set(k, v)
		e.rt.GlobalObject().Get("Node").ToObject(e.rt).Set(k, v)
	}
	e.prop(p, "nodeType", func(n *html.Node) goja.Value { return e.v(e.nodeType(n)) }, nil)
	e.prop(p, "nodeName", func(n *html.Node) goja.Value { return e.v(e.nodeName(n)) }, nil)
	e.prop(p, "nodeValue", func(n *html.Node) goja.Value {
		if n.Type == html.TextNode || n.Type == html.CommentNode {
			return e.v(n.Data)
		}
		return goja.Null()
	}, func(n *html.Node, v goja.Value) {
		if n.Type == html.TextNode || n.Type == html.CommentNode {
			n.Data = e.str(v)
		}
	})
	e.prop(p, "data", func(n *html.Node) goja.Value {
		if n.Type == html.TextNode || n.Type == html.CommentNode {
			return e.v(n.Data)
		}
		return goja.Undefined()
	}, func(n *html.Node, v goja.Value) {
		if n.Type == html.TextNode || n.Type == html.CommentNode {
			n.Data = e.str(v)
		}
	})
	e.prop(p, "length", func(n *html.Node) goja.Value {
		if n.Type == html.TextNode || n.Type == html.CommentNode {
			return e.v(len([]rune(n.Data)))
		}
		return goja.Undefined()
	}, nil)
	e.prop(p, "parentNode", func(n *html.Node) goja.Value { return e.wrap(n.Parent) }, nil)
	e.prop(p, "parentElement", func(n *html.Node) goja.Value {
		if n.Parent != nil && n.Parent.Type == html.ElementNode {
			return e.wrap(n.Parent)
		}
		return goja.Null()
	}, nil)
	e.prop(p, "childNodes", func(n *html.Node) goja.Value { return e.nodeArray(children(n, false)) }, nil)
	e.prop(p, "firstChild", func(n *html.Node) goja.Value { return e.wrap(n.FirstChild) }, nil)
	e.prop(p, "lastChild", func(n *html.Node) goja.Value { return e.wrap(n.LastChild) }, nil)
	e.prop(p, "nextSibling", func(n *html.Node) goja.Value { return e.wrap(n.NextSibling) }, nil)
	e.prop(p, "previousSibling", func(n *html.Node) goja.Value { return e.wrap(n.PrevSibling) }, nil)
	e.prop(p, "ownerDocument", func(n *html.Node) goja.Value {
		if n == e.doc {
			return goja.Null()
		}
		return e.wrap(e.doc)
	}, nil)
	e.prop(p, "isConnected", func(n *html.Node) goja.Value { return e.v(contains(e.doc, n)) }, nil)
	e.prop(p, "baseURI", func(n *html.Node) goja.Value { return e.v(pageURL) }, nil)
	e.prop(p, "textContent", func(n *html.Node) goja.Value {
		if n == e.doc {
			return goja.Null()
		}
		return e.v(textOf(n))
	}, func(n *html.Node, v goja.Value) {
		s := ""
		if !goja.IsNull(v) && !goja.IsUndefined(v) {
			s = v.String()
		}
		e.setText(n, s)
	})
	e.method(p, "appendChild", func(n *html.Node, c goja.FunctionCall) goja.Value {
		e.insert(n, e.node(c.Argument(0)), nil)
		return c.Argument(0)
	})
	e.method(p, "insertBefore", func(n *html.Node, c goja.FunctionCall) goja.Value {
		e.insert(n, e.node(c.Argument(0)), e.node(c.Argument(1)))
		return c.Argument(0)
	})
	e.method(p, "removeChild", func(n *html.Node, c goja.FunctionCall) goja.Value {
		ch := e.node(c.Argument(0))
		if ch == nil || ch.Parent != n {
			panic(e.domError("NotFoundError", "The node to be removed is not a child of this node."))
		}
		n.RemoveChild(ch)
		return c.Argument(0)
	})
	e.method(p, "replaceChild", func(n *html.Node, c goja.FunctionCall) goja.Value {
		nw, old := e.node(c.Argument(0)), e.node(c.Argument(1))
		if old == nil || old.Parent != n {
			panic(e.domError("NotFoundError", "The node to be replaced is not a child of this node."))
		}
		if nw != old {
			e.insert(n, nw, old)
			n.RemoveChild(old)
		}
		return c.Argument(1)
	})
	e.method(p, "cloneNode", func(n *html.Node, c goja.FunctionCall) goja.Value {
		return e.wrap(e.clone(n, c.Argument(0).ToBoolean()))
	})
	e.method(p, "contains", func(n *html.Node, c goja.FunctionCall) goja.Value {
		o := e.node(c.Argument(0))
		return e.v(o != nil && contains(n, o))
	})
	e.method(p, "hasChildNodes", func(n *html.Node, c goja.FunctionCall) goja.Value { return e.v(n.FirstChild != nil) })
	e.method(p, "getRootNode", func(n *html.Node, c goja.FunctionCall) goja.Value {
		for n.Parent != nil {
			n = n.Parent
		}
		return e.wrap(n)
	})
	e.method(p, "normalize", func(n *html.Node, c goja.FunctionCall) goja.Value { return goja.Undefined() })
	e.method(p, "isSameNode", func(n *html.Node, c goja.FunctionCall) goja.Value { return e.v(e.node(c.Argument(0)) == n) })
	e.method(p, "isEqualNode", func(n *html.Node, c goja.FunctionCall) goja.Value {
		o := e.node(c.Argument(0))
		return e.v(o != nil && e.markup(o, true) == e.markup(n, true))
	})
	e.method(p, "compareDocumentPosition", func(n *html.Node, c goja.FunctionCall) goja.Value {
		o := e.node(c.Argument(0))
		if o == nil || o == n {
			return e.v(0)
		}
		if contains(n, o) {
			return e.v(16 | 4)
		}
		if contains(o, n) {
			return e.v(8 | 2)
		}
		rootN, rootO := n, o
		for rootN.Parent != nil {
			rootN = rootN.Parent
		}
		for rootO.Parent != nil {
			rootO = rootO.Parent
		}
		if rootN != rootO {
			return e.v(1 | 32 | 4)
		}
		following := false
		seenN := false
		walk(rootN, func(x *html.Node) bool {
			if x == n {
				seenN = true
			}
			if x == o {
				following = seenN
				return false
			}
			return true
		})
		if following {
			return e.v(4)
		}
		return e.v(2)
	})
	e.method(p, "lookupNamespaceURI", func(n *html.Node, c goja.FunctionCall) goja.Value { return goja.Null() })

	// CharacterData
	cd := e.protos["CharacterData"]
	e.method(cd, "appendData", func(n *html.Node, c goja.FunctionCall) goja.Value {
		n.Data += c.Argument(0).String()
		return goja.Undefined()
	})
	e.prop(cd, "wholeText", func(n *html.Node) goja.Value { return e.v(n.Data) }, nil)
	e.installChildMethods(cd)
}

// installChildMethods: remove, before, after, replaceWith (ChildNode).
func (e *env) installChildMethods(p *goja.Object) {
	e.method(p, "remove", func(n *html.Node, c goja.FunctionCall) goja.Value {
		e.remove(n)
		return goja.Undefined()
	})
	e.method(p, "before", func(n *html.Node, c goja.FunctionCall) goja.Value {
		if n.Parent != nil {
			for _, x := range e.argNodes(c) {
				e.insert(n.Parent, x, n)
			}
		}
		return goja.Undefined()
	})
	e.method(p, "after", func(n *html.Node, c goja.FunctionCall) goja.Value {
		if n.Parent != nil {
			ref := n.NextSibling
			for _, x := range e.argNodes(c) {
				e.insert(n.Parent, x, ref)
			}
		}
		return goja.Undefined()
	})
	e.method(p, "replaceWith", func(n *html.Node, c goja.FunctionCall) goja.Value {
		if par := n.Parent; par != nil {
			ref := n.NextSibling
			par.RemoveChild(n)
			for _, x := range e.argNodes(c) {
				e.insert(par, x, ref)
			}
		}
		return goja.Undefined()
	})
}

// argNodes turns the arguments of append/prepend/before… into nodes
// (strings become text nodes).
func (e *env) argNodes(c goja.FunctionCall) []*html.Node {
	var out []*html.Node
	for _, a := range c.Arguments {
		if n := e.node(a); n != nil {
			out = append(out, n)
			continue
		}
		out = append(out, &html.Node{Type: html.TextNode, Data: e.str(a)})
	}
	return out
}

// installParent: the ParentNode methods of elements, documents and fragments.
func (e *env) installParent(p *goja.Object) {
	e.prop(p, "children", func(n *html.Node) goja.Value { return e.nodeArray(children(n, true)) }, nil)
	e.prop(p, "childElementCount", func(n *html.Node) goja.Value { return e.v(len(children(n, true))) }, nil)
	e.prop(p, "firstElementChild", func(n *html.Node) goja.Value {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				return e.wrap(c)
			}
		}
		return goja.Null()
	}, nil)
	e.prop(p, "lastElementChild", func(n *html.Node) goja.Value {
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			if c.Type == html.ElementNode {
				return e.wrap(c)
			}
		}
		return goja.Null()
	}, nil)
	e.method(p, "querySelector", func(n *html.Node, c goja.FunctionCall) goja.Value {
		r := e.queryAll(n, c.Argument(0).String(), true)
		if len(r) == 0 {
			return goja.Null()
		}
		return e.wrap(r[0])
	})
	e.method(p, "querySelectorAll", func(n *html.Node, c goja.FunctionCall) goja.Value {
		return e.nodeArray(e.queryAll(n, c.Argument(0).String(), false))
	})
	e.method(p, "getElementsByTagName", func(n *html.Node, c goja.FunctionCall) goja.Value {
		tag := c.Argument(0).String()
		var out []*html.Node
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch, func(d *html.Node) bool {
				if d.Type == html.ElementNode && (tag == "*" || strings.EqualFold(d.Data, tag)) {
					out = append(out, d)
				}
				return true
			})
		}
		return e.nodeArray(out)
	})
	e.method(p, "getElementsByTagNameNS", func(n *html.Node, c goja.FunctionCall) goja.Value {
		tag := c.Argument(1).String()
		var out []*html.Node
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch, func(d *html.Node) bool {
				if d.Type == html.ElementNode && (tag == "*" || d.Data == tag) {
					out = append(out, d)
				}
				return true
			})
		}
		return e.nodeArray(out)
	})
	e.method(p, "getElementsByClassName", func(n *html.Node, c goja.FunctionCall) goja.Value {
		want := strings.Fields(c.Argument(0).String())
		var out []*html.Node
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch, func(d *html.Node) bool {
				if d.Type == html.ElementNode {
					have, _ := getAttr(d, "class")
					hs := strings.Fields(have)
					ok := len(want) > 0
					for _, w := range want {
						found := false
						for _, h := range hs {
							if h == w {
								found = true
							}
						}
						ok = ok && found
					}
					if ok {
						out = append(out, d)
					}
				}
				return true
			})
		}
		return e.nodeArray(out)
	})
	e.method(p, "append", func(n *html.Node, c goja.FunctionCall) goja.Value {
		for _, x := range e.argNodes(c) {
			e.insert(n, x, nil)
		}
		return goja.Undefined()
	})
	e.method(p, "prepend", func(n *html.Node, c goja.FunctionCall) goja.Value {
		ref := n.FirstChild
		for _, x := range e.argNodes(c) {
			e.insert(n, x, ref)
		}
		return goja.Undefined()
	})
	e.method(p, "replaceChildren", func(n *html.Node, c goja.FunctionCall) goja.Value {
		for ch := n.FirstChild; ch != nil; {
			next := ch.NextSibling
			n.RemoveChild(ch)
			ch = next
		}
		for _, x := range e.argNodes(c) {
			e.insert(n, x, nil)
		}
		return goja.Undefined()
	})
}

func (e *env) installElement() {
	p := e.protos["Element"]
	e.installParent(p)
	e.installParent(e.protos["DocumentFragment"])
	e.installChildMethods(p)
	e.prop(p, "tagName", func(n *html.Node) goja.Value { return e.v(e.nodeName(n)) }, nil)
	e.prop(p, "localName", func(n *html.Node) goja.Value { return e.v(n.Data) }, nil)
	e.prop(p, "namespaceURI", func(n *html.Node) goja.Value { return e.v(nsURI(n)) }, nil)
	e.prop(p, "prefix", func(n *html.Node) goja.Value { return goja.Null() }, nil)
	e.attrProp(p, "id", "id")
	e.attrProp(p, "slot", "slot")
	e.prop(p, "className", func(n *html.Node) goja.Value {
		s, _ := getAttr(n, "class")
		if n.Namespace == "svg" {
			o := e.rt.NewObject()
			o.Set("baseVal", s)
			o.Set("animVal", s)
			return o
		}
		return e.v(s)
	}, func(n *html.Node, v goja.Value) { setAttr(n, "class", e.str(v)) })
	e.prop(p, "classList", func(n *html.Node) goja.Value { return e.classList(n) }, func(n *html.Node, v goja.Value) { setAttr(n, "class", e.str(v)) })
	e.prop(p, "attributes", func(n *html.Node) goja.Value {
		vals := make([]any, len(n.Attr))
		for i, a := range n.Attr {
			o := e.rt.NewObject()
			o.Set("name", a.Key)
			o.Set("localName", a.Key)
			o.Set("value", a.Val)
			o.Set("nodeName", a.Key)
			o.Set("nodeValue", a.Val)
			o.Set("specified", true)
			o.Set("namespaceURI", goja.Null())
			vals[i] = o
			_ = i
		}
		a := e.list(vals).ToObject(e.rt)
		a.Set("getNamedItem", func(name string) goja.Value {
			for _, v := range vals {
				if v.(*goja.Object).Get("name").String() == name {
					return v.(*goja.Object)
				}
			}
			return goja.Null()
		})
		return a
	}, nil)
	e.prop(p, "innerHTML", func(n *html.Node) goja.Value { return e.v(e.markup(n, false)) }, func(n *html.Node, v goja.Value) {
		s := e.str(v)
		e.htmlSink("DOM001", "innerHTML", s)
		e.setText(n, "")
		for _, x := range e.parseMarkup(n, s) {
			e.insert(n, x, nil)
		}
	})
	e.prop(p, "outerHTML", func(n *html.Node) goja.Value { return e.v(e.markup(n, true)) }, func(n *html.Node, v goja.Value) {
		s := e.str(v)
		e.htmlSink("DOM001", "outerHTML", s)
		if par := n.Parent; par != nil {
			ref := n.NextSibling
			par.RemoveChild(n)
			for _, x := range e.parseMarkup(par, s) {
				e.insert(par, x, ref)
			}
		}
	})
	e.method(p, "setHTMLUnsafe", func(n *html.Node, c goja.FunctionCall) goja.Value {
		s := e.str(c.Argument(0))
		e.htmlSink("DOM006", "setHTMLUnsafe", s)
		e.setText(n, "")
		for _, x := range e.parseMarkup(n, s) {
			e.insert(n, x, nil)
		}
		return goja.Undefined()
	})
	e.method(p, "insertAdjacentHTML", func(n *html.Node, c goja.FunctionCall) goja.Value {
		s := e.str(c.Argument(1))
		e.htmlSink("DOM002", "insertAdjacentHTML", s)
		e.adjacent(n, c.Argument(0).String(), e.parseMarkup(n, s))
		return goja.Undefined()
	})
	e.method(p, "insertAdjacentElement", func(n *html.Node, c goja.FunctionCall) goja.Value {
		if x := e.node(c.Argument(1)); x != nil {
			e.adjacent(n, c.Argument(0).String(), []*html.Node{x})
		}
		return c.Argument(1)
	})
	e.method(p, "insertAdjacentText", func(n *html.Node, c goja.FunctionCall) goja.Value {
		e.adjacent(n, c.Argument(0).String(), []*html.Node{{Type: html.TextNode, Data: e.str(c.Argument(1))}})
		return goja.Undefined()
	})
	e.method(p, "getAttribute", func(n *html.Node, c goja.FunctionCall) goja.Value {
		k := attrKey(n, c.Argument(0).String())
		if k == "style" {
			e.syncStyles(n)
		}
		if s, ok := getAttr(n, k); ok {
			return e.v(s)
		}
		return goja.Null()
	})
	e.method(p, "getAttributeNS", func(n *html.Node, c goja.FunctionCall) goja.Value {
		k := c.Argument(1).String()
		if s, ok := getAttr(n, k); ok {
			return e.v(s)
		}
		if s, ok := getAttr(n, "xlink:"+k); ok {
			return e.v(s)
		}
		return goja.Null()
	})
	e.method(p, "getAttributeNames", func(n *html.Node, c goja.FunctionCall) goja.Value {
		vals := make([]any, len(n.Attr))
		for i, a := range n.Attr {
			vals[i] = a.Key
		}
		return e.rt.NewArray(vals...)
	})
	e.method(p, "setAttribute", func(n *html.Node, c goja.FunctionCall) goja.Value {
		e.setAttribute(n, attrKey(n, c.Argument(0).String()), e.str(c.Argument(1)))
		return goja.Undefined()
	})
	e.method(p, "setAttributeNS", func(n *html.Node, c goja.FunctionCall) goja.Value {
		k := c.Argument(1).String()
		if i := strings.IndexByte(k, ':'); i >= 0 && c.Argument(0).String() == nsXLink {
			k = "xlink:" + k[i+1:]
		}
		e.setAttribute(n, k, e.str(c.Argument(2)))
		return goja.Undefined()
	})
	e.method(p, "removeAttribute", func(n *html.Node, c goja.FunctionCall) goja.Value {
		k := attrKey(n, c.Argument(0).String())
		removeAttr(n, k)
		if k == "style" {
			if s := e.st[n]; s != nil {
				s.style = nil
			}
		}
		return goja.Undefined()
	})
	e.method(p, "removeAttributeNS", func(n *html.Node, c goja.FunctionCall) goja.Value {
		removeAttr(n, c.Argument(1).String())
		return goja.Undefined()
	})
	e.method(p, "hasAttribute", func(n *html.Node, c goja.FunctionCall) goja.Value {
		_, ok := getAttr(n, attrKey(n, c.Argument(0).String()))
		return e.v(ok)
	})
	e.method(p, "hasAttributeNS", func(n *html.Node, c goja.FunctionCall) goja.Value {
		_, ok := getAttr(n, c.Argument(1).String())
		return e.v(ok)
	})
	e.method(p, "hasAttributes", func(n *html.Node, c goja.FunctionCall) goja.Value { return e.v(len(n.Attr) > 0) })
	e.method(p, "toggleAttribute", func(n *html.Node, c goja.FunctionCall) goja.Value {
		k := attrKey(n, c.Argument(0).String())
		_, has := getAttr(n, k)
		want := !has
		if len(c.Arguments) > 1 {
			want = c.Argument(1).ToBoolean()
		}
		if want {
			setAttr(n, k, "")
		} else {
			removeAttr(n, k)
		}
		return e.v(want)
	})
	matches := func(n *html.Node, c goja.FunctionCall) goja.Value {
		return e.v(e.selector(c.Argument(0).String()).Match(n))
	}
	e.method(p, "matches", matches)
	e.method(p, "webkitMatchesSelector", matches)
	e.method(p, "msMatchesSelector", matches)
	e.method(p, "mozMatchesSelector", matches)
	e.method(p, "closest", func(n *html.Node, c goja.FunctionCall) goja.Value {
		sel := e.selector(c.Argument(0).String())
		for x := n; x != nil; x = x.Parent {
			if x.Type == html.ElementNode && sel.Match(x) {
				return e.wrap(x)
			}
		}
		return goja.Null()
	})
	e.prop(p, "nextElementSibling", func(n *html.Node) goja.Value {
		for c := n.NextSibling; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				return e.wrap(c)
			}
		}
		return goja.Null()
	}, nil)
	e.prop(p, "previousElementSibling", func(n *html.Node) goja.Value {
		for c := n.PrevSibling; c != nil; c = c.PrevSibling {
			if c.Type == html.ElementNode {
				return e.wrap(c)
			}
		}
		return goja.Null()
	}, nil)
	e.installLayout(p)
	e.method(p, "attachShadow", func(n *html.Node, c goja.FunctionCall) goja.Value {
		s := e.state(n)
		if s.shadow == nil {
			s.shadow = e.newFragment()
		}
		o := e.wrap(s.shadow).ToObject(e.rt)
		_ = o.SetPrototype(e.protos["ShadowRoot"])
		o.Set("host", e.wrap(n))
		o.Set("mode", "open")
		return o
	})
	e.prop(p, "shadowRoot", func(n *html.Node) goja.Value {
		if s := e.st[n]; s != nil && s.shadow != nil {
			return e.wrap(s.shadow)
		}
		return goja.Null()
	}, nil)
	for _, name := range []string{"focus", "blur", "scrollIntoView", "scrollTo", "scrollBy", "scroll", "setPointerCapture",
		"releasePointerCapture", "requestPointerLock", "normalize"} {
		e.method(p, name, func(n *html.Node, c goja.FunctionCall) goja.Value { return goja.Undefined() })
	}
	e.method(p, "hasPointerCapture", func(n *html.Node, c goja.FunctionCall) goja.Value { return e.v(false) })
	e.method(p, "requestFullscreen", func(n *html.Node, c goja.FunctionCall) goja.Value { return e.pending() })
	e.method(p, "animate", func(n *html.Node, c goja.FunctionCall) goja.Value {
		o := e.rt.NewObject()
		o.Set("finished", e.pending())
		o.Set("cancel", func() {})
		o.Set("finish", func() {})
		o.Set("play", func() {})
		o.Set("pause", func() {})
		return o
	})
	e.method(p, "getAnimations", func(n *html.Node, c goja.FunctionCall) goja.Value { return e.rt.NewArray() })
}

// adjacent inserts nodes at one of the four positions of insertAdjacent*.
func (e *env) adjacent(n *html.Node, where string, nodes []*html.Node) {
	switch strings.ToLower(where) {
	case "beforebegin":
		if n.Parent != nil {
			for _, x := range nodes {
				e.insert(n.Parent, x, n)
			}
		}
	case "afterbegin":
		ref := n.FirstChild
		for _, x := range nodes {
			e.insert(n, x, ref)
		}
	case "beforeend":
		for _, x := range nodes {
			e.insert(n, x, nil)
		}
	case "afterend":
		if n.Parent != nil {
			ref := n.NextSibling
			for _, x := range nodes {
				e.insert(n.Parent, x, ref)
			}
		}
	default:
		panic(e.domError("SyntaxError", "The value provided ('"+where+"') is not one of 'beforeBegin', 'afterBegin', 'beforeEnd', or 'afterEnd'."))
	}
}

// setAttribute sets an attribute, recording the sinks among attributes:
// inline event handlers, srcdoc, and sources that load remote resources.
func (e *env) setAttribute(n *html.Node, k, v string) {
	lk := strings.ToLower(k)
	switch {
	case strings.HasPrefix(lk, "on") && len(lk) > 2 && n.Namespace == "":
		e.record(Observation{Rule: "DOM008", API: k + " attribute", Target: clip(v, 200)})
	case lk == "srcdoc":
		e.htmlSink("DOM007", "srcdoc", v)
	case lk == "style":
		setAttr(n, k, v)
		if s := e.st[n]; s != nil && s.style != nil {
			e.parseCSSText(s.style, v)
		}
		return
	}
	setAttr(n, k, v)
	e.loadAttr(n, lk, v)
}

// loadAttr records a remote resource an element would load.
func (e *env) loadAttr(n *html.Node, k, v string) {
	tag := n.Data
	var api string
	switch {
	case k == "src" && (tag == "img" || tag == "iframe" || tag == "audio" || tag == "video" || tag == "source" || tag == "embed" || tag == "track" || tag == "frame"):
		api = tag + ".src"
	case k == "src" && tag == "script":
		if contains(e.doc, n) {
			api = "script.src"
		}
	case k == "href" && tag == "link":
		api = "link.href"
	case k == "data" && tag == "object":
		api = "object.data"
	case (k == "href" || k == "xlink:href") && tag == "image" && n.Namespace == "svg":
		api = "image.href"
	case k == "href" && tag == "a":
		if isJSURL(v) {
			e.record(Observation{Rule: "DYN004", API: "javascript: URL", Target: clip(v, 200)})
		}
		return
	}
	if api == "" {
		return
	}
	if isJSURL(v) {
		e.record(Observation{Rule: "DYN004", API: "javascript: URL", Target: clip(v, 200)})
		return
	}
	if remoteURL(v) {
		e.record(Observation{Rule: "NET011", API: api, Target: clip(v, 500), Method: "GET"})
	}
}

func isJSURL(v string) bool {
	return strings.HasPrefix(strings.ToLower(strings.TrimSpace(v)), "javascript:")
}

// remoteURL tells whether loading v would leave the visual (anything but
// data:, blob:, about: and fragments).
func remoteURL(v string) bool {
	s := strings.ToLower(strings.TrimSpace(v))
	if s == "" || strings.HasPrefix(s, "#") {
		return false
	}
	for _, p := range []string{"data:", "blob:", "about:", "javascript:"} {
		if strings.HasPrefix(s, p) {
			return false
		}
	}
	return true
}

// htmlSink records markup written to an HTML sink (only markup: text
// without a tag parses to text and is not an injection).
func (e *env) htmlSink(rule, api, s string) {
	if !strings.Contains(s, "<") {
		return
	}
	e.record(Observation{Rule: rule, API: api, Target: clip(s, 200), Markup: true, Data: e.carries(s, "", nil)})
}

func (e *env) classList(n *html.Node) goja.Value {
	s := e.state(n)
	if s.classList != nil {
		return s.classList
	}
	get := func() []string { v, _ := getAttr(n, "class"); return strings.Fields(v) }
	put := func(cs []string) { setAttr(n, "class", strings.Join(cs, " ")) }
	has := func(cs []string, c string) int {
		for i, x := range cs {
			if x == c {
				return i
			}
		}
		return -1
	}
	o := e.rt.NewObject()
	o.Set("add", func(c goja.FunctionCall) goja.Value {
		cs := get()
		for _, a := range c.Arguments {
			if k := a.String(); has(cs, k) < 0 {
				cs = append(cs, k)
			}
		}
		put(cs)
		return goja.Undefined()
	})
	o.Set("remove", func(c goja.FunctionCall) goja.Value {
		cs := get()
		for _, a := range c.Arguments {
			if i := has(cs, a.String()); i >= 0 {
				cs = append(cs[:i], cs[i+1:]...)
			}
		}
		put(cs)
		return goja.Undefined()
	})
	o.Set("contains", func(k string) bool { return has(get(), k) >= 0 })
	o.Set("toggle", func(c goja.FunctionCall) goja.Value {
		cs := get()
		k := c.Argument(0).String()
		i := has(cs, k)
		want := i < 0
		if len(c.Arguments) > 1 && !goja.IsUndefined(c.Argument(1)) {
			want = c.Argument(1).ToBoolean()
		}
		if want && i < 0 {
			cs = append(cs, k)
		} else if !want && i >= 0 {
			cs = append(cs[:i], cs[i+1:]...)
		}
		put(cs)
		return e.v(want)
	})
	o.Set("replace", func(a, b string) bool {
		cs := get()
		i := has(cs, a)
		if i < 0 {
			return false
		}
		cs[i] = b
		put(cs)
		return true
	})
	o.Set("item", func(i int) goja.Value {
		cs := get()
		if i >= 0 && i < len(cs) {
			return e.v(cs[i])
		}
		return goja.Null()
	})
	o.Set("forEach", func(c goja.FunctionCall) goja.Value {
		fn, ok := goja.AssertFunction(c.Argument(0))
		if ok {
			for i, k := range get() {
				if _, err := fn(c.Argument(1), e.v(k), e.v(i), o); err != nil {
					panic(err)
				}
			}
		}
		return goja.Undefined()
	})
	o.Set("toString", func() string { v, _ := getAttr(n, "class"); return v })
	_ = o.DefineAccessorProperty("length", e.v(func() int { return len(get()) }), nil, goja.FLAG_FALSE, goja.FLAG_TRUE)
	_ = o.DefineAccessorProperty("value", e.v(func() string { v, _ := getAttr(n, "class"); return v }),
		e.v(func(v string) { setAttr(n, "class", v) }), goja.FLAG_FALSE, goja.FLAG_TRUE)
	s.classList = o
	return o
}

func (e *env) dataset(n *html.Node) goja.Value {
	s := e.state(n)
	if s.dataset != nil {
		return s.dataset
	}
	toAttr := func(k string) string {
		var sb strings.Builder
		sb.WriteString("data-")
		for _, r := range k {
			if r >= 'A' && r <= 'Z' {
				sb.WriteByte('-')
				sb.WriteRune(r + 32)
			} else {
				sb.WriteRune(r)
			}
		}
		return sb.String()
	}
	target := e.rt.NewObject()
	px := e.rt.NewProxy(target, &goja.ProxyTrapConfig{
		Get: func(t *goja.Object, k string, r goja.Value) goja.Value {
			if v, ok := getAttr(n, toAttr(k)); ok {
				return e.v(v)
			}
			return goja.Undefined()
		},
		Set: func(t *goja.Object, k string, v goja.Value, r goja.Value) bool {
			setAttr(n, toAttr(k), e.str(v))
			return true
		},
		DeleteProperty: func(t *goja.Object, k string) bool {
			removeAttr(n, toAttr(k))
			return true
		},
	})
	s.dataset = e.rt.ToValue(px).ToObject(e.rt)
	return s.dataset
}

// pending returns a promise that never settles (what a trapped request gets).
func (e *env) pending() goja.Value {
	p, _, _ := e.rt.NewPromise()
	return e.rt.ToValue(p)
}

func (e *env) resolved(v any) goja.Value {
	p, res, _ := e.rt.NewPromise()
	_ = res(v)
	return e.rt.ToValue(p)
}

func atoi(s string) (float64, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "px"))
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}
