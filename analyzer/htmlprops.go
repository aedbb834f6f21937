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
func (p *Program) htmlArgProps(add func(js.IExpr)) {
	for i := range p.Calls {
		c := &p.Calls[i]
		switch {
		case c.Method == "html" && len(c.Args) == 1 && c.Args[0].Expr != nil && !c.Args[0].Spread:
			add(c.Args[0].Expr)
		case (c.Method == "attr" || c.Method == "setAttribute") && len(c.Args) == 2 && c.Args[1].Expr != nil &&
			c.Args[0].Kind == Const && urlAttrs[strings.ToLower(c.Args[0].Str)]:
			add(c.Args[1].Expr)
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

// urlAttrs are the attributes and properties through which an element
// loads a URL.
var urlAttrs = map[string]bool{"src": true, "srcset": true, "href": true, "data": true, "poster": true, "xlink:href": true}
