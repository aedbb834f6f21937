package analyzer

import (
	"bytes"

	"github.com/tdewolff/parse/v2/js"
)

// pureGlobals are the built-ins a closed expression may use.
var pureGlobals = map[string]bool{
	"String": true, "Math": true, "Number": true, "parseInt": true, "parseFloat": true, "Array": false,
	"JSON": true, "atob": true, "decodeURIComponent": true, "decodeURI": true, "unescape": true,
	"escape": true, "encodeURIComponent": true, "undefined": true, "NaN": true, "Infinity": true, "Boolean": true,
}

// closedExpr returns the source of e when e is closed: its only free
// variables are pure built-ins, it declares its own locals, and it has no
// loops, classes, generators, async code or property writes on outer
// objects. Such an expression can be evaluated in a sandbox without any
// part of the visual around it.
func closedExpr(e js.IExpr) (string, bool) {
	c := closedCheck{declared: map[*js.Var]bool{}}
	c.collect(e)
	if !c.ok(e, 0) {
		return "", false
	}
	var buf bytes.Buffer
	e.JS(&buf)
	if buf.Len() > 4096 {
		return "", false
	}
	return buf.String(), true
}

type closedCheck struct {
	declared map[*js.Var]bool
}

// collect records the variables declared inside e (parameters, var/let/const).
func (c *closedCheck) collect(e js.INode) {
	js.Walk(collector{c}, e)
}

type collector struct{ c *closedCheck }

func (v collector) Enter(n js.INode) js.IVisitor {
	switch n := n.(type) {
	case *js.Params:
		for _, b := range n.List {
			v.bind(b.Binding)
		}
		if n.Rest != nil {
			v.bind(n.Rest)
		}
	case *js.VarDecl:
		for _, b := range n.List {
			v.bind(b.Binding)
		}
	case *js.FuncDecl:
		if n.Name != nil {
			v.c.declared[varOf(n.Name)] = true
		}
	}
	return v
}

func (v collector) Exit(js.INode) {}

func (v collector) bind(b js.IBinding) {
	switch n := b.(type) {
	case *js.Var:
		v.c.declared[varOf(n)] = true
	case *js.BindingArray:
		for _, el := range n.List {
			v.bind(el.Binding)
		}
		if n.Rest != nil {
			v.bind(n.Rest)
		}
	case *js.BindingObject:
		for _, it := range n.List {
			v.bind(it.Value.Binding)
		}
		if n.Rest != nil {
			v.bind(n.Rest)
		}
	}
}

func (c *closedCheck) ok(n js.INode, depth int) bool {
	if depth > 64 {
		return false
	}
	good := true
	js.Walk(checker{c: c, good: &good}, n)
	return good
}

type checker struct {
	c    *closedCheck
	good *bool
}

func (v checker) Enter(n js.INode) js.IVisitor {
	if !*v.good {
		return nil
	}
	switch n := n.(type) {
	case *js.Var:
		vv := varOf(n)
		if vv.Decl == js.NoDecl {
			name, _ := identName(vv.Data)
			if !pureGlobals[name] {
				*v.good = false
			}
		} else if !v.c.declared[vv] {
			*v.good = false
		}
	case *js.ForStmt, *js.ForInStmt, *js.ForOfStmt, *js.WhileStmt, *js.DoWhileStmt, *js.ClassDecl,
		*js.WithStmt, *js.YieldExpr, *js.TryStmt, *js.NewExpr, *js.LabelledStmt, *js.TemplateExpr:
		*v.good = false
	case *js.FuncDecl:
		if n.Async || n.Generator {
			*v.good = false
		}
	case *js.ArrowFunc:
		if n.Async {
			*v.good = false
		}
	case *js.LiteralExpr:
		if n.TokenType == js.ThisToken || n.TokenType == js.ImportToken || n.TokenType == js.SuperToken {
			*v.good = false
		}
	case *js.UnaryExpr:
		if n.Op == js.AwaitToken || n.Op == js.DeleteToken {
			*v.good = false
		}
	case *js.DotExpr:
		if lit, ok := dotName(n.Y); ok {
			switch string(lit.Data) {
			case "repeat", "padStart", "padEnd", "fill", "constructor", "__proto__", "prototype", "call", "apply", "bind":
				*v.good = false
			}
		} else {
			*v.good = false
		}
	case *js.IndexExpr:
		// computed member names could reach constructor: only literal numbers
		if lit, ok := n.Y.(*js.LiteralExpr); !ok || lit.TokenType == js.StringToken {
			*v.good = false
		}
	}
	if !*v.good {
		return nil
	}
	return v
}

func (v checker) Exit(js.INode) {}
