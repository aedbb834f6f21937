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
	// loop: a loop statement is checked (loops.go): loops are allowed, and
	// variables declared outside it are listed in free (the caller binds
	// them to constants or gives up) instead of failing the check
	loop     bool
	free     map[*js.Var]bool
	freeList []*js.Var
	numVars  map[*js.Var]bool // free variables used as computed keys: they must hold numbers
	fn       bool             // a whole function is checked (okFunc): return is allowed
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
			if !v.c.loop {
				*v.good = false
			} else if !v.c.free[vv] {
				if v.c.free == nil {
					v.c.free = map[*js.Var]bool{}
				}
				v.c.free[vv] = true
				v.c.freeList = append(v.c.freeList, vv)
			}
		}
	case *js.ForStmt, *js.ForInStmt, *js.ForOfStmt, *js.WhileStmt, *js.DoWhileStmt:
		if !v.c.loop {
			*v.good = false
		}
	case *js.ReturnStmt:
		if v.c.loop && !v.c.fn {
			*v.good = false // it would return from the evaluated wrapper
		}
	case *js.ClassDecl, *js.WithStmt, *js.YieldExpr, *js.TryStmt, *js.NewExpr, *js.LabelledStmt, *js.TemplateExpr:
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
		if lit, ok := n.Y.(*js.LiteralExpr); ok && lit.TokenType != js.StringToken {
			break
		}
		if !v.c.loop || !v.c.numericKey(n.Y, 0) {
			*v.good = false
		}
	}
	if !*v.good {
		return nil
	}
	return v
}

func (v checker) Exit(js.INode) {}

// numericKey reports whether a computed key in a loop is an index: a
// number, a variable declared inside the loop (its counter) or arithmetic
// on those (i % key.length), never a concatenation that could spell
// "constructor".
func (c *closedCheck) numericKey(e js.IExpr, depth int) bool {
	if depth > 8 {
		return false
	}
	switch n := e.(type) {
	case *js.LiteralExpr:
		return n.TokenType != js.StringToken && n.TokenType != js.ThisToken
	case *js.Var:
		v := varOf(n)
		if c.declared[v] {
			return true
		}
		if v.Decl == js.NoDecl {
			return false
		}
		if c.numVars == nil {
			c.numVars = map[*js.Var]bool{}
		}
		c.numVars[v] = true // declared outside: the caller checks it holds a number
		return true
	case *js.GroupExpr:
		return c.numericKey(n.X, depth+1)
	case *js.DotExpr:
		lit, ok := dotName(n.Y)
		return ok && string(lit.Data) == "length"
	case *js.BinaryExpr:
		switch n.Op {
		case js.ModToken, js.SubToken, js.MulToken, js.DivToken, js.BitAndToken, js.BitOrToken, js.BitXorToken,
			js.LtLtToken, js.GtGtToken, js.GtGtGtToken:
			return c.numericKey(n.X, depth+1) && c.numericKey(n.Y, depth+1)
		}
	}
	return false
}

// okFunc checks a whole function in loop mode: its own return statements
// are its result (only returns of functions nested in it would be wrong,
// and those are part of their own bodies), so they are allowed here.
func (c *closedCheck) okFunc(fn js.IExpr) bool {
	c.fn = true
	defer func() { c.fn = false }()
	return c.ok(fn, 0)
}
