package analyzer

import (
	"strings"

	"github.com/tdewolff/parse/v2/js"
)

// htmlArgProps hands notePropWrites the arguments of .html(o.name) calls
// (D3 and jQuery insert them as markup), so that ConstProp knows whether
// every value the program writes to name is a constant: an old chart
// library's legend writes .html(this.legendPlaceSelector) with
// legendPlaceSelector = "\u25cf" set once. It also hands it the URLs
// given to an element's src-like attribute through a property
// (img.attr("src", this.imageurl), el.src = o.url), so that a URL field
// set once to a remote constant is known as one.
//
// want is handed the members given to jQuery's insert methods
// (.append(this.helper)), whatever they resolve to, so that NodeProp
// knows whether every write of the name is a node.
func (p *Program) htmlArgProps(add, want func(js.IExpr)) {
	for i := range p.Calls {
		c := &p.Calls[i]
		switch {
		case c.Method == "html" && len(c.Args) == 1 && c.Args[0].Expr != nil && !c.Args[0].Spread:
			add(c.Args[0].Expr)
		case (c.Method == "attr" || c.Method == "setAttribute") && len(c.Args) == 2 && c.Args[1].Expr != nil &&
			c.Args[0].Kind == Const && urlAttrs[strings.ToLower(c.Args[0].Str)]:
			add(c.Args[1].Expr)
		case len(c.Args) >= 1 && c.Args[0].Expr != nil && !c.Args[0].Spread:
			if insertMethods[c.Method] {
				if d, ok := unparen(c.Args[0].Expr).(*js.DotExpr); ok {
					want(d) // $(el).append(this.helper): NodeProp
					continue
				}
			}
			p.markupMembers(c.Args[0].Expr, add) // $("<div id='" + this._id + "'>")
		}
	}
	for i := range p.Assigns {
		a := &p.Assigns[i]
		if urlAttrs[a.Prop] && a.Op == "=" {
			if b, ok := a.Node.(*js.BinaryExpr); ok {
				add(b.Y)
			}
		}
	}
}

// insertMethods are jQuery's methods that parse a string argument as markup.
var insertMethods = map[string]bool{"append": true, "prepend": true, "after": true, "before": true,
	"replaceWith": true, "wrap": true, "wrapAll": true, "wrapInner": true}

// urlAttrs are the attributes and properties through which an element
// loads a URL.
var urlAttrs = map[string]bool{"src": true, "srcset": true, "href": true, "data": true, "poster": true, "xlink:href": true}

// markupMembers hands add the member reads of a concatenation that starts
// markup (a literal holding '<' among its terms).
func (p *Program) markupMembers(e js.IExpr, add func(js.IExpr)) {
	b, ok := unparen(e).(*js.BinaryExpr)
	if !ok || b.Op != js.AddToken {
		return
	}
	var terms [16]js.IExpr
	list := addTerms(b, terms[:0])
	if list == nil {
		return
	}
	markup := false
	for _, t := range list {
		if l, ok := unparen(t).(*js.LiteralExpr); ok && l.TokenType == js.StringToken && strings.IndexByte(string(l.Data), '<') >= 0 {
			markup = true
			break
		}
	}
	if !markup {
		return
	}
	for _, t := range list {
		if _, ok := unparen(t).(*js.DotExpr); ok {
			add(t)
		}
	}
}

// addTerms flattens a + b + c (nil past 16 terms).
func addTerms(e js.IExpr, out []js.IExpr) []js.IExpr {
	if b, ok := unparen(e).(*js.BinaryExpr); ok && b.Op == js.AddToken {
		out = addTerms(b.X, out)
		if out == nil {
			return nil
		}
		return addTerms(b.Y, out)
	}
	if len(out) >= 16 {
		return nil
	}
	return append(out, e)
}
