package analyzer

import "github.com/tdewolff/parse/v2/js"

// htmlArgProps hands notePropWrites the arguments of .html(o.name) calls
// (D3 and jQuery insert them as markup), so that ConstProp knows whether
// every value the program writes to name is a constant: an old chart
// library's legend writes .html(this.legendPlaceSelector) with
// legendPlaceSelector = "\u25cf" set once.
func (p *Program) htmlArgProps(add func(js.IExpr)) {
	for i := range p.Calls {
		c := &p.Calls[i]
		if c.Method == "html" && len(c.Args) == 1 && c.Args[0].Expr != nil && !c.Args[0].Spread {
			add(c.Args[0].Expr)
		}
	}
}
