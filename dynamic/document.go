package dynamic

import (
	"strings"

	"github.com/dop251/goja"
	"golang.org/x/net/html"
)

const pageURL = "https://app.powerbi.com/visualsandbox"

// find returns the first element of a tag under n.
func find(n *html.Node, tag string) *html.Node {
	var out *html.Node
	walk(n, func(c *html.Node) bool {
		if out != nil {
			return false
		}
		if c.Type == html.ElementNode && c.Data == tag && c.Namespace == "" {
			out = c
			return false
		}
		return true
	})
	return out
}

// newHTMLDocument parses a whole document (DOMParser, createHTMLDocument).
func (e *env) newHTMLDocument(markup string) *html.Node {
	doc, err := html.Parse(strings.NewReader(markup))
	if err != nil {
		doc, _ = html.Parse(strings.NewReader(""))
	}
	return doc
}

func (e *env) installDocument() {
	p := e.protos["Document"]
	e.installParent(p)
	e.prop(p, "documentElement", func(n *html.Node) goja.Value { return e.wrap(find(n, "html")) }, nil)
	e.prop(p, "head", func(n *html.Node) goja.Value { return e.wrap(find(n, "head")) }, nil)
	e.prop(p, "body", func(n *html.Node) goja.Value { return e.wrap(find(n, "body")) }, nil)
	e.prop(p, "scrollingElement", func(n *html.Node) goja.Value { return e.wrap(find(n, "html")) }, nil)
	e.prop(p, "activeElement", func(n *html.Node) goja.Value { return e.wrap(find(n, "body")) }, nil)
	e.prop(p, "readyState", func(n *html.Node) goja.Value { return e.v("complete") }, nil)
	e.prop(p, "visibilityState", func(n *html.Node) goja.Value { return e.v("visible") }, nil)
	e.prop(p, "hidden", func(n *html.Node) goja.Value { return e.v(false) }, nil)
	e.prop(p, "compatMode", func(n *html.Node) goja.Value { return e.v("CSS1Compat") }, nil)
	e.prop(p, "characterSet", func(n *html.Node) goja.Value { return e.v("UTF-8") }, nil)
	e.prop(p, "charset", func(n *html.Node) goja.Value { return e.v("UTF-8") }, nil)
	e.prop(p, "contentType", func(n *html.Node) goja.Value { return e.v("text/html") }, nil)
	e.prop(p, "dir", func(n *html.Node) goja.Value { return e.v("ltr") }, nil)
	e.prop(p, "URL", func(n *html.Node) goja.Value { return e.v(pageURL) }, nil)
	e.prop(p, "documentURI", func(n *html.Node) goja.Value { return e.v(pageURL) }, nil)
	e.prop(p, "domain", func(n *html.Node) goja.Value { return e.v("app.powerbi.com") }, nil)
	e.prop(p, "referrer", func(n *html.Node) goja.Value { return e.v("") }, nil)
	e.prop(p, "title", func(n *html.Node) goja.Value {
		if t := find(n, "title"); t != nil {
			return e.v(textOf(t))
		}
		return e.v("")
	}, func(n *html.Node, v goja.Value) {
		if t := find(n, "title"); t != nil {
			e.setText(t, e.str(v))
		}
	})
	e.prop(p, "defaultView", func(n *html.Node) goja.Value {
		if n == e.doc {
			return e.win
		}
		return goja.Null()
	}, nil)
	e.prop(p, "location", func(n *html.Node) goja.Value { return e.win.Get("location") }, func(n *html.Node, v goja.Value) {
		e.record(Observation{Rule: "NET012", API: "document.location", Target: e.str(v), Method: "GET"})
	})
	e.prop(p, "currentScript", func(n *html.Node) goja.Value {
		s := e.newElement("script", "")
		return e.wrap(s)
	}, nil)
	e.prop(p, "cookie", func(n *html.Node) goja.Value {
		e.record(Observation{Rule: "STO003", API: "document.cookie", Target: "document.cookie (read)"})
		return e.v("")
	}, func(n *html.Node, v goja.Value) {
		s := e.str(v)
		name, _, _ := strings.Cut(s, "=")
		e.record(Observation{Rule: "STO003", API: "document.cookie", Target: "document.cookie " + clip(strings.TrimSpace(name), 100), Body: clip(s, 500)})
	})
	e.prop(p, "styleSheets", func(n *html.Node) goja.Value { return e.rt.NewArray() }, nil)
	e.prop(p, "fonts", func(n *html.Node) goja.Value { return e.pbi.Get("fonts") }, nil)
	e.prop(p, "implementation", func(n *html.Node) goja.Value {
		o := e.rt.NewObject()
		o.Set("createHTMLDocument", func(title string) goja.Value {
			return e.wrap(e.newHTMLDocument("<!DOCTYPE html><html><head><title>" + html.EscapeString(title) + "</title></head><body></body></html>"))
		})
		o.Set("hasFeature", func() bool { return true })
		o.Set("createDocument", func() goja.Value { return e.wrap(e.newHTMLDocument("")) })
		return o
	}, nil)
	e.method(p, "createElement", func(n *html.Node, c goja.FunctionCall) goja.Value {
		return e.wrap(e.newElement(c.Argument(0).String(), ""))
	})
	e.method(p, "createElementNS", func(n *html.Node, c goja.FunctionCall) goja.Value {
		ns := ""
		if !goja.IsNull(c.Argument(0)) && !goja.IsUndefined(c.Argument(0)) {
			ns = c.Argument(0).String()
		}
		tag := c.Argument(1).String()
		if i := strings.IndexByte(tag, ':'); i >= 0 {
			tag = tag[i+1:]
		}
		return e.wrap(e.newElement(tag, ns))
	})
	e.method(p, "createTextNode", func(n *html.Node, c goja.FunctionCall) goja.Value {
		return e.wrap(&html.Node{Type: html.TextNode, Data: e.str(c.Argument(0))})
	})
	e.method(p, "createComment", func(n *html.Node, c goja.FunctionCall) goja.Value {
		return e.wrap(&html.Node{Type: html.CommentNode, Data: e.str(c.Argument(0))})
	})
	e.method(p, "createDocumentFragment", func(n *html.Node, c goja.FunctionCall) goja.Value { return e.wrap(e.newFragment()) })
	e.method(p, "getElementById", func(n *html.Node, c goja.FunctionCall) goja.Value {
		id := c.Argument(0).String()
		var out *html.Node
		walk(n, func(x *html.Node) bool {
			if out != nil {
				return false
			}
			if x.Type == html.ElementNode {
				if v, ok := getAttr(x, "id"); ok && v == id {
					out = x
					return false
				}
			}
			return true
		})
		return e.wrap(out)
	})
	e.method(p, "getElementsByName", func(n *html.Node, c goja.FunctionCall) goja.Value {
		name := c.Argument(0).String()
		var out []*html.Node
		walk(n, func(x *html.Node) bool {
			if v, ok := getAttr(x, "name"); ok && x.Type == html.ElementNode && v == name {
				out = append(out, x)
			}
			return true
		})
		return e.nodeArray(out)
	})
	e.method(p, "elementFromPoint", func(n *html.Node, c goja.FunctionCall) goja.Value { return goja.Null() })
	e.method(p, "elementsFromPoint", func(n *html.Node, c goja.FunctionCall) goja.Value { return e.rt.NewArray() })
	e.method(p, "hasFocus", func(n *html.Node, c goja.FunctionCall) goja.Value { return e.v(true) })
	e.method(p, "getSelection", func(n *html.Node, c goja.FunctionCall) goja.Value { return e.pbi.Get("selection") })
	e.method(p, "importNode", func(n *html.Node, c goja.FunctionCall) goja.Value {
		if x := e.node(c.Argument(0)); x != nil {
			return e.wrap(e.clone(x, c.Argument(1).ToBoolean()))
		}
		return goja.Null()
	})
	e.method(p, "adoptNode", func(n *html.Node, c goja.FunctionCall) goja.Value {
		if x := e.node(c.Argument(0)); x != nil {
			e.remove(x)
		}
		return c.Argument(0)
	})
	write := func(api string) nfunc {
		return func(n *html.Node, c goja.FunctionCall) goja.Value {
			var sb strings.Builder
			for _, a := range c.Arguments {
				sb.WriteString(e.str(a))
			}
			e.record(Observation{Rule: "DOM003", API: api, Target: clip(sb.String(), 200)})
			return goja.Undefined()
		}
	}
	e.method(p, "write", write("document.write"))
	e.method(p, "writeln", write("document.writeln"))
	e.method(p, "open", func(n *html.Node, c goja.FunctionCall) goja.Value { return e.wrap(n) })
	e.method(p, "close", func(n *html.Node, c goja.FunctionCall) goja.Value { return goja.Undefined() })
	e.method(p, "execCommand", func(n *html.Node, c goja.FunctionCall) goja.Value {
		cmd := strings.ToLower(c.Argument(0).String())
		if cmd == "inserthtml" {
			e.record(Observation{Rule: "DYN006", API: "execCommand insertHTML", Target: clip(e.str(c.Argument(2)), 200)})
		}
		return e.v(false)
	})
	e.method(p, "queryCommandSupported", func(n *html.Node, c goja.FunctionCall) goja.Value { return e.v(false) })
	e.method(p, "createEvent", func(n *html.Node, c goja.FunctionCall) goja.Value {
		mk, _ := goja.AssertFunction(e.pbi.Get("createEvent"))
		v, err := mk(goja.Undefined(), c.Argument(0))
		if err != nil {
			panic(err)
		}
		return v
	})
	e.method(p, "createRange", func(n *html.Node, c goja.FunctionCall) goja.Value { return e.newRange() })
	e.method(p, "createTreeWalker", func(n *html.Node, c goja.FunctionCall) goja.Value { return e.treeWalker(c) })
	e.method(p, "createNodeIterator", func(n *html.Node, c goja.FunctionCall) goja.Value { return e.treeWalker(c) })
	e.method(p, "exitFullscreen", func(n *html.Node, c goja.FunctionCall) goja.Value { return e.pending() })
}

// newRange is a Range whose createContextualFragment is an HTML sink.
func (e *env) newRange() goja.Value {
	o := e.rt.NewObject()
	var ctx *html.Node
	set := func(c goja.FunctionCall) goja.Value {
		if n := e.node(c.Argument(0)); n != nil {
			ctx = n
		}
		return goja.Undefined()
	}
	for _, k := range []string{"selectNode", "selectNodeContents", "setStart", "setEnd", "setStartBefore", "setStartAfter", "setEndBefore", "setEndAfter"} {
		o.Set(k, set)
	}
	o.Set("collapse", func() {})
	o.Set("detach", func() {})
	o.Set("collapsed", true)
	o.Set("getBoundingClientRect", func() goja.Value { return e.rect(0, 0, 0, 0) })
	o.Set("getClientRects", func() goja.Value { return e.rt.NewArray() })
	o.Set("cloneRange", func() goja.Value { return e.newRange() })
	o.Set("createContextualFragment", func(c goja.FunctionCall) goja.Value {
		s := e.str(c.Argument(0))
		e.htmlSink("DOM004", "createContextualFragment", s)
		f := e.newFragment()
		for _, x := range e.parseMarkup(ctx, s) {
			f.AppendChild(x)
		}
		return e.wrap(f)
	})
	return o
}

// treeWalker walks the elements (or all nodes) under a root.
func (e *env) treeWalker(c goja.FunctionCall) goja.Value {
	root := e.node(c.Argument(0))
	show := int64(0xFFFFFFFF)
	if len(c.Arguments) > 1 && !goja.IsUndefined(c.Argument(1)) {
		show = c.Argument(1).ToInteger()
	}
	var list []*html.Node
	if root != nil {
		walk(root, func(n *html.Node) bool {
			if n != root && show&(1<<(e.nodeType(n)-1)) != 0 {
				list = append(list, n)
			}
			return true
		})
	}
	i := -1
	o := e.rt.NewObject()
	o.Set("root", c.Argument(0))
	o.Set("currentNode", c.Argument(0))
	next := func() goja.Value {
		i++
		if i < len(list) {
			v := e.wrap(list[i])
			o.Set("currentNode", v)
			return v
		}
		return goja.Null()
	}
	o.Set("nextNode", next)
	o.Set("firstChild", next)
	o.Set("nextSibling", next)
	o.Set("parentNode", func() goja.Value { return goja.Null() })
	o.Set("previousNode", func() goja.Value { return goja.Null() })
	o.Set("detach", func() {})
	return o
}
