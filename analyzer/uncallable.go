package analyzer

import "github.com/tdewolff/parse/v2/js"

// uncallable says what a call's callee is when calling it throws a
// TypeError whatever the run: "undefined", "null", "a number", "a string",
// "a boolean", "an array literal", "an object literal", "a regular
// expression", or "a method of undefined"/"a method of null" when the
// callee is a property of one of those. "" otherwise. Locals count when
// their only value is undefined or null (const n = undefined; n.open()),
// which is what `pbiviz package --certification-fix` leaves behind.
func (p *Program) uncallable(callee js.IExpr, optional bool) string {
	if optional {
		return ""
	}
	switch n := unparen(callee).(type) {
	case *js.DotExpr:
		if !n.Optional {
			if k := p.uncallableValue(n.X, true); k == "undefined" || k == "null" {
				return "a method of " + k
			}
		}
		return ""
	case *js.IndexExpr:
		if !n.Optional {
			if k := p.uncallableValue(n.X, true); k == "undefined" || k == "null" {
				return "a method of " + k
			}
		}
		return ""
	}
	return p.uncallableValue(callee, true)
}

func (p *Program) uncallableValue(e js.IExpr, local bool) string {
	switch n := unparen(e).(type) {
	case *js.LiteralExpr:
		switch {
		case n.TokenType == js.NullToken:
			return "null"
		case n.TokenType == js.TrueToken || n.TokenType == js.FalseToken:
			return "a boolean"
		case js.IsNumeric(n.TokenType):
			return "a number"
		case n.TokenType == js.StringToken:
			return "a string"
		case n.TokenType == js.RegExpToken:
			return "a regular expression"
		}
	case *js.TemplateExpr:
		if n.Tag == nil {
			return "a string"
		}
	case *js.UnaryExpr:
		switch n.Op {
		case js.VoidToken:
			return "undefined"
		case js.NotToken:
			return "a boolean"
		case js.TypeofToken:
			return "a string"
		}
	case *js.ArrayExpr:
		return "an array literal"
	case *js.ObjectExpr:
		return "an object literal"
	case *js.Var:
		v := varOf(n)
		if v.Decl == js.NoDecl {
			if name, _ := identName(v.Data); name == "undefined" {
				return "undefined"
			}
			return ""
		}
		if !local || v.Decl != js.VariableDecl && v.Decl != js.LexicalDecl {
			return "" // parameters get their values from the callers
		}
		b := p.bindings.get(v)
		if b == nil || b.n != 1 || b.mutated || b.first.keys != nil || b.first.fn != nil || b.first.expr == nil {
			return ""
		}
		if k := p.uncallableValue(b.first.expr, false); k == "undefined" || k == "null" {
			return k
		}
	}
	return ""
}
