package analyzer

// Functions called exactly once: the parameters of a local function whose
// only reference is one direct call take that call's arguments, as those
// of an immediately invoked function do (depth.go bindCallParams):
//
//	function g(n) { return window[n]; }
//	g("ev" + "al")("1+1")
//
// folds window[n] to eval; so does g.call(this, "eval") (the arguments after
// the first). The function is a function declaration, or a
// function or arrow expression bound once to a local (const/let/var) and
// called after that binding in walk order; it is not declared at the top
// level (a script's top-level function is a property of the global object,
// a module's may be exported), and its name occurs exactly twice in the
// program (the declaration and the call, across the units of a split
// input): a function passed as a value, assigned to a property, exported
// or called twice is left alone (its parameters stay unknown, and a global
// indexed by one is an unresolved access).

import "github.com/tdewolff/parse/v2/js"

// singleCall is a direct call of a local variable that may be its only
// use (pass 1, in walk order).
type singleCall struct {
	v          *js.Var
	call       *js.CallExpr
	thisGlobal bool
	// early: the variable had no binding yet when the call was met (a
	// function expression called before its binding is initialised)
	early bool
	// viaCall: v.call(t, …), the arguments after the first
	viaCall bool
}

// noteCall records a direct call of v, g(…) or g.call(t, …) (pass 1):
// only variables that occur at most twice in this parse are candidates
// (the count across units is checked when the parameters are bound).
func (w *walker) noteCall(v *js.Var, n *js.CallExpr, viaCall bool) {
	v = varOf(v)
	if v.Uses > 2 || len(n.Args.List) == 0 || viaCall && len(n.Args.List) == 1 {
		return
	}
	switch v.Decl {
	case js.FunctionDecl, js.LexicalDecl, js.VariableDecl:
	default:
		return // a parameter, a global, a function expression's own name (called only inside itself)
	}
	if w.task != nil { // parallel pass 1: replayed in walk order (parwalk.go)
		w.task.events.add(bindEvent{v: v, call: true, viaCall: viaCall, src: bindSrc{expr: n, thisGlobal: w.thisGlobal()}})
		return
	}
	w.p.noteCall(v, n, w.thisGlobal(), viaCall)
}

func (p *Program) noteCall(v *js.Var, n *js.CallExpr, thisGlobal, viaCall bool) {
	b := p.bindings.get(v)
	if b != nil && (b.n != 1 || !isFuncExpr(b.first.expr)) {
		return // bound to something else than a function
	}
	p.singleCalls = append(p.singleCalls, singleCall{v: v, call: n, thisGlobal: thisGlobal, early: b == nil, viaCall: viaCall})
}

func isFuncExpr(e js.IExpr) bool {
	switch unparen(e).(type) {
	case *js.FuncDecl, *js.ArrowFunc:
		return true
	}
	return false
}

// bindSingleCalls binds the parameters of every function called exactly
// once to the arguments of its call, after pass 1 and before the values
// are resolved (the bindings are made in walk order of the calls).
func (p *Program) bindSingleCalls() {
	if len(p.singleCalls) == 0 {
		return
	}
	var top map[*js.Var]bool
	w := p.newWalker(1)
	for _, c := range p.singleCalls {
		if p.uses(c.v) != 2 {
			continue
		}
		b := p.bindings.get(c.v)
		if b == nil || b.n != 1 || b.mutated || b.written || len(b.first.keyList()) > 0 {
			continue
		}
		var params *js.Params
		switch f := unparen(b.first.expr).(type) {
		case *js.FuncDecl:
			if b.first.fn == nil && c.early {
				continue // const g = function…, called before it is bound
			}
			params = &f.Params
		case *js.ArrowFunc:
			if c.early {
				continue
			}
			params = &f.Params
		default:
			continue
		}
		if top == nil {
			top = make(map[*js.Var]bool, len(p.AST.Declared))
			for _, d := range p.AST.Declared {
				top[d] = true
			}
		}
		if top[c.v] {
			continue
		}
		w.thisG[0] = c.thisGlobal
		args := c.call.Args.List
		if c.viaCall {
			if args[0].Rest {
				continue
			}
			args = args[1:]
		}
		w.bindParams(params, args)
	}
	p.singleCalls = nil
}
