package analyzer

import (
	"strings"

	"github.com/tdewolff/parse/v2/js"
)

func isAssignOp(op js.TokenType) bool {
	switch op {
	case js.EqToken, js.AddEqToken, js.SubEqToken, js.MulEqToken, js.DivEqToken, js.ModEqToken,
		js.ExpEqToken, js.LtLtEqToken, js.GtGtEqToken, js.GtGtGtEqToken, js.BitAndEqToken,
		js.BitOrEqToken, js.BitXorEqToken, js.AndEqToken, js.OrEqToken, js.NullishEqToken:
		return true
	}
	return false
}

// addRef records a reference to a global API path.
func (w *walker) addRef(v Value, pos int, use UseKind, node js.IExpr) {
	if w.pass != 2 || pos < 0 {
		return
	}
	if !w.p.opts.Keep.ref(v) {
		return
	}
	w.p.Refs = append(w.p.Refs, Ref{Value: v, Pos: pos, Use: use, Func: w.curFunc(), Node: node})
}

// resolved is one clean resolution (resolveClean) of node under thisGlobal
// tg by the pass 2 walker: a callee walked as a maximal chain, whose value
// the call's record and the call's own resolution then reuse instead of
// resolving it twice more.
type resolved struct {
	node js.IExpr
	tg   bool
	v    Value
}

// resolveRef resolves a maximal chain e and keeps its value when clean.
func (w *walker) resolveRef(e js.IExpr, tg bool) Value {
	v, clean := w.p.resolveClean(e, tg)
	if clean {
		w.p.lastRef = resolved{node: e, tg: tg, v: v}
	}
	return v
}

// callee returns the value of callee x under tg, and whether it is clean:
// the one maybeRef kept while x was walked (the caller emptied the slot
// before), or resolved now.
func (w *walker) callee(x js.IExpr, tg bool) (Value, bool) {
	if r := &w.p.lastRef; r.node == x && r.tg == tg {
		return r.v, true
	}
	return w.p.resolveClean(x, tg)
}

// maybeRef records e when it directly denotes an API (not a bare local alias).
func (w *walker) maybeRef(e js.IExpr, pos int, use UseKind) {
	if w.pass != 2 || pos < 0 {
		return
	}
	if v, ok := e.(*js.Var); ok && varOf(v).Decl != js.NoDecl {
		return
	}
	// a member of a local alias of an API (const st = navigator.storage;
	// st.persist()) was reported where the alias was bound; aliases of the
	// global object itself (const w = window; w.fetch()) are reported here.
	if root, ok := chainRoot(e).(*js.Var); ok && varOf(root).Decl != js.NoDecl {
		rv := w.p.Resolve(root, w.thisGlobal())
		if rv.Kind == Global && rv.Path != "" {
			// unless a consumer asked for a longer path under the alias's
			// (const n = navigator; n.sendBeacon(u) for navigator.sendBeacon)
			if w.p.prefixes[rv.Path] {
				if v := w.resolveRef(e, w.thisGlobal()); v.Kind == Global && w.p.throughAlias(v.Path, rv.Path) {
					w.addRef(v, pos, use, e)
				}
			}
			return
		}
		// a chain on a local that is not an API cannot become one unless it
		// goes through another realm or a constructor (checked cheaply
		// before the whole chain is resolved)
		if (rv.Kind == Unknown || rv.Kind == Member || rv.Kind == Const) && plainChain(e) && !w.p.thisAlias(root) && !reflectValue(rv) {
			return
		}
	}
	v := w.resolveRef(e, w.thisGlobal())
	if v.Kind == Global || v.Kind == Unresolved {
		w.addRef(v, pos, use, e)
	}
}

func (w *walker) member(name string, pos int) {
	if w.pass == 2 && w.p.opts.Members[name] {
		w.p.Members = append(w.p.Members, MemberAccess{Name: name, Pos: pos, Func: w.curFunc()})
	}
}

// expr walks e in source order and returns its start offset (-1 unknown, or in pass 1).
func (w *walker) expr(e js.IExpr, use UseKind, maximal bool) int {
	if e == nil {
		return -1
	}
	// no defer: this is the hottest function; a depth panic unwinds the
	// whole walk, so the counter need not be restored on that path
	w.enter()
	at := w.exprIn(e, use, maximal)
	w.depth--
	return at
}

func (w *walker) exprIn(e js.IExpr, use UseKind, maximal bool) int {
	switch n := e.(type) {
	case *js.Var:
		var at int
		if w.forceVar >= 0 {
			at, w.forceVar = w.forceVar, -1
			if w.pass == 2 && w.p.opts.RecordIdents {
				w.p.Idents = append(w.p.Idents, at)
			}
		} else {
			at = w.identVar(n.Data)
		}
		if maximal {
			w.maybeRef(n, at, use)
		}
		return at
	case *js.LiteralExpr:
		at := w.leaf(n.Data)
		if at < 0 && len(n.Data) > 0 {
			at = w.ident(n.Data)
		}
		if w.pass == 2 {
			switch n.TokenType {
			case js.StringToken:
				if at >= 0 && w.p.opts.Keep.raw(n.Data) {
					if v := DecodeString(n.Data); w.p.opts.Keep.str(v) {
						w.p.Strings = append(w.p.Strings, StringLit{Pos: at, Value: v})
					}
				}
			case js.ThisToken:
				if maximal {
					w.maybeRef(n, at, use)
				}
			}
		}
		return at
	case *js.TemplateExpr:
		start := -1
		if n.Tag != nil {
			start = w.expr(n.Tag, Called, true)
		}
		for i, part := range n.List {
			at := w.leaf(part.Value)
			if i == 0 && start < 0 {
				start = at
			}
			w.expr(part.Expr, Read, true)
		}
		at := w.leaf(n.Tail)
		if start < 0 {
			start = at
		}
		if w.pass == 2 && n.Tag == nil && start >= 0 {
			v := w.p.Resolve(n, false)
			if v.Kind == Const && len(n.List) == 0 && w.p.opts.Keep.str(v.Str) {
				w.p.Strings = append(w.p.Strings, StringLit{Pos: start, Value: v.Str})
			}
		}
		return start
	case *js.GroupExpr:
		start := w.punct('(')
		w.expr(n.X, use, maximal)
		return start
	case *js.CommaExpr:
		start := -1
		for i, x := range n.List {
			var at int
			if i == len(n.List)-1 {
				at = w.expr(x, use, maximal)
			} else {
				at = w.expr(x, Read, true)
			}
			if i == 0 {
				start = at
			}
		}
		return start
	case *js.ArrayExpr:
		start := w.punct('[')
		for _, el := range n.List {
			w.expr(el.Value, Read, true)
		}
		return start
	case *js.ObjectExpr:
		return w.object(n)
	case *js.DotExpr:
		start := w.expr(n.X, Read, false)
		if lit, ok := dotName(n.Y); ok {
			at := w.leaf(lit.Data)
			if w.pass == 2 && w.p.members.has(lit.Data) {
				w.member(string(lit.Data), at)
			}
		}
		if maximal {
			w.maybeRef(n, start, use)
		}
		return start
	case *js.IndexExpr:
		start := w.expr(n.X, Read, false)
		w.punct('[')
		kat := w.expr(n.Y, Read, true)
		if w.pass == 2 {
			if lit, ok := n.Y.(*js.LiteralExpr); ok && lit.TokenType == js.StringToken {
				if name := DecodeString(lit.Data); w.p.members.has([]byte(name)) {
					w.member(name, kat)
				}
			}
		}
		if maximal {
			w.maybeRef(n, start, use)
		}
		return start
	case *js.CallExpr:
		return w.call(n, use, maximal)
	case *js.NewExpr:
		start := w.ident([]byte("new"))
		if w.pass == 2 {
			w.p.lastRef.node = nil // pass 1 walkers share the program
		}
		at := w.expr(n.X, Constructed, true)
		if start < 0 {
			start = at
		}
		var args []js.Arg
		var pos []int
		base := len(w.posStack)
		if n.Args != nil {
			w.punct('(')
			args = n.Args.List
			pos, base = w.args(args)
		}
		if w.pass == 2 {
			tg := w.thisGlobal()
			cv, _ := w.callee(n.X, tg)
			w.recordCall(n, n.X, &cv, args, pos, start, true, false)
		} else {
			w.recordCall(n, n.X, nil, args, pos, start, true, false)
		}
		w.popArgs(base)
		return start
	case *js.UnaryExpr:
		switch n.Op {
		case js.PostIncrToken, js.PostDecrToken:
			if v, ok := n.X.(*js.Var); ok && w.pass == 1 {
				w.mutate(v)
			}
			return w.expr(n.X, Assigned, true)
		case js.TypeofToken:
			start := w.ident([]byte("typeof"))
			w.expr(n.X, Typeof, true)
			return start
		case js.PreIncrToken, js.PreDecrToken:
			if v, ok := n.X.(*js.Var); ok && w.pass == 1 {
				w.mutate(v)
			}
			start := w.next()
			w.expr(n.X, Assigned, true)
			return start
		}
		start := w.next()
		w.expr(n.X, Read, true)
		return start
	case *js.BinaryExpr:
		if isAssignOp(n.Op) {
			return w.assign(n)
		}
		// walk a left-nested chain iteratively: a+b+c+...
		spine := []*js.BinaryExpr{n}
		x := n.X
		for {
			b, ok := x.(*js.BinaryExpr)
			if !ok || isAssignOp(b.Op) || len(spine) > 1<<20 {
				break
			}
			spine = append(spine, b)
			x = b.X
		}
		start := w.expr(x, Read, true)
		for i := len(spine) - 1; i >= 0; i-- {
			w.expr(spine[i].Y, Read, true)
		}
		return start
	case *js.CondExpr:
		start := w.expr(n.Cond, Read, true)
		w.expr(n.X, Read, true)
		w.expr(n.Y, Read, true)
		return start
	case *js.YieldExpr:
		start := w.next()
		w.expr(n.X, Read, true)
		return start
	case *js.ArrowFunc:
		return w.arrowFunc(n)
	case *js.FuncDecl:
		start := w.exprStart()
		w.function(n, w.takeHint())
		return start
	case *js.ClassDecl:
		return w.class(n)
	case *js.VarDecl:
		start := w.next()
		w.varDecl(n)
		return start
	}
	return w.next()
}

func (w *walker) object(n *js.ObjectExpr) int {
	if w.pass == 2 && len(n.List) > 0 {
		w.p.writeSites.add(n) // its keys, for ConstProp (names.go)
	}
	start := w.punct('{')
	for i := range n.List {
		pr := &n.List[i]
		if pr.Spread {
			w.expr(pr.Value, Read, true)
			continue
		}
		if m, ok := pr.Value.(*js.MethodDecl); ok && pr.Name == nil {
			w.nextOwner = n
			w.method(m, "")
			continue
		}
		key := ""
		if pr.Name != nil {
			if pr.Name.IsComputed() {
				w.lastLeaf = w.punct('[')
				w.expr(pr.Name.Computed, Read, true)
				if w.pass == 2 { // pass 1 resolves nothing
					key, _ = w.p.Fold(pr.Name.Computed)
				}
			} else {
				at := w.leaf(pr.Name.Literal.Data)
				w.lastLeaf = at
				key = propName(pr.Name.Literal)
				if v, ok := pr.Value.(*js.Var); ok && at >= 0 && string(v.Data) == string(pr.Name.Literal.Data) && w.pass == 2 {
					if nx := w.skipSpace(w.cur); nx >= len(w.p.Src) || w.p.Src[nx] != ':' {
						w.forceVar = at
					}
				}
			}
		}
		switch pr.Value.(type) {
		case *js.FuncDecl, *js.ArrowFunc, *js.ClassDecl:
			if len(key) > 0 {
				w.nameHint = key
			}
		}
		if _, ok := pr.Value.(*js.FuncDecl); ok {
			w.nextOwner = w.objOwner(n) // {init: function () { this.x = … }}
		}
		if w.pass == 2 && key != "" && (w.p.opts.Keep == nil || w.p.opts.Keep.Props[key]) {
			w.p.Props = append(w.p.Props, PropInit{Name: key, Pos: w.lastLeaf, Value: pr.Value, Func: w.curFunc()})
		}
		w.expr(pr.Value, Read, true)
		w.nameHint = ""
		w.forceVar = -1
		w.expr(pr.Init, Read, true)
	}
	return start
}

// args walks call arguments and returns their start offsets. The slice
// lives on the walker's position stack: it is valid until popArgs(base).
func (w *walker) args(list []js.Arg) (pos []int, base int) {
	base = len(w.posStack)
	for _, a := range list {
		at := w.expr(a.Value, Read, true)
		if w.pass == 2 {
			w.posStack = append(w.posStack, at)
		}
	}
	if w.pass != 2 {
		return nil, base
	}
	return w.posStack[base:], base
}

func (w *walker) popArgs(base int) { w.posStack = w.posStack[:base] }

func (w *walker) call(n *js.CallExpr, use UseKind, maximal bool) int {
	var start int
	if w.pass == 2 {
		w.p.lastRef.node = nil // pass 1 walkers share the program
	}
	if lit, ok := n.X.(*js.LiteralExpr); ok && lit.TokenType == js.ImportToken {
		start = w.ident([]byte("import"))
		w.addRef(Value{Kind: Global, Path: "import()"}, start, Called, n)
	} else {
		if w.pass == 1 {
			w.bindCallParams(n)
			w.callUses(n)
		}
		if len(n.Args.List) == 2 || len(n.Args.List) == 3 {
			w.createClass(n) // _createClass(C, [{key, value: function …}])
		}
		start = w.expr(n.X, Called, true)
	}
	w.punct('(')
	pos, base := w.args(n.Args.List)
	if w.pass != 2 {
		w.recordCall(n, n.X, nil, n.Args.List, pos, start, false, n.Optional)
		w.popArgs(base)
		return start
	}
	// the callee is resolved once (maybeRef kept it when it walked it as
	// a maximal chain) for the call's record and the call's own value
	tg := w.thisGlobal()
	cv, clean := w.callee(n.X, tg)
	w.recordCall(n, n.X, &cv, n.Args.List, pos, start, false, n.Optional)
	w.popArgs(base)
	if maximal {
		var v Value
		if clean {
			v = w.p.resolveCallWith(n, tg, &cv)
		} else {
			v = w.p.Resolve(n, tg)
		}
		if (v.Kind == Global && (v.Path != "" || v.Idiom != "")) || v.Kind == Unresolved {
			w.addRef(v, start, use, n)
		}
	}
	return start
}

// recordCall records a call in pass 2 (counts it in pass 1); calleeVal is
// the value of callee, resolved by the caller.
func (w *walker) recordCall(node js.IExpr, callee js.IExpr, calleeVal *Value, args []js.Arg, pos []int, start int, isNew, optional bool) {
	if w.pass != 2 {
		w.nCalls++
		return
	}
	tg := w.thisGlobal()
	c := Call{Pos: start, New: isNew, Func: w.curFunc(), Node: node, Optional: optional}
	c.Callee = *calleeVal
	w.setterAssign(&c, args, pos, tg)
	var recv js.IExpr
	if dot, ok := unparen(callee).(*js.DotExpr); ok {
		if lit, ok := dotName(dot.Y); ok {
			c.Method, _ = identName(lit.Data)
		}
		recv = dot.X
	} else if idx, ok := unparen(callee).(*js.IndexExpr); ok {
		if k, ok := w.p.Fold(idx.Y); ok {
			c.Method = k
		}
		recv = idx.X
	}
	// el.insertAdjacentHTML.call(el, …) / .apply(el, [...]): the method is
	// the inner name, its receiver the inner object, the arguments shifted
	var via string
	if (c.Method == "call" || c.Method == "apply") && c.Callee.Kind != Global {
		switch inner := unparen(recv).(type) {
		case *js.DotExpr:
			if lit, ok := dotName(inner.Y); ok {
				via = c.Method
				c.Method, _ = identName(lit.Data)
				recv = inner.X
			}
		case *js.IndexExpr: // el["insertAdjacent" + "HTML"].call(el, …)
			if k, ok := w.p.Fold(inner.Y); ok {
				via = c.Method
				c.Method = k
				recv = inner.X
			}
		}
	}
	// Function.apply.call(f, t, args), Function.call.call(f, t, a…): f is
	// called (a bind through them only makes a function)
	indirect := ""
	if inner, outer, ok := c.Callee.ProtoIndirect(); ok {
		if inner == "bind" || outer != "call" || len(args) == 0 || args[0].Rest {
			return
		}
		indirect = inner
		c.Callee = w.p.Resolve(args[0].Value, tg)
		c.Callee.Reflective = true
		c.Callee.Bound = ""
		w.protoIndirectRef(&c, args, tg)
		c.Method, recv = "", nil
		if dot, ok := unparen(args[0].Value).(*js.DotExpr); ok {
			if lit, ok := dotName(dot.Y); ok {
				c.Method, _ = identName(lit.Data)
				recv = dot.X
			}
		}
	}
	m := c.Method
	if c.Callee.Kind == Global && (c.Callee.Bound == "call" || c.Callee.Bound == "apply") {
		m = innerMethod(c.Callee.Path)
	}
	// Reflect.apply and Reflect.construct calls are unwrapped below into the
	// call they make: the filter applies to that one
	c.Uncallable = w.p.uncallable(callee, optional)
	if k := w.p.opts.Keep; k != nil && !k.Methods[m] && (c.Callee.Kind != Global || !k.ref(c.Callee)) &&
		!c.Callee.IsGlobal("Reflect.apply") && !c.Callee.IsGlobal("Reflect.construct") && c.Uncallable == "" {
		return
	}
	if recv != nil {
		c.Receiver = w.p.Resolve(recv, tg)
	}
	mk := func(list []js.Arg, pos []int) []Arg {
		out := make([]Arg, 0, len(list))
		for i, a := range list {
			at := -1
			if i < len(pos) {
				at = pos[i]
			}
			out = append(out, Arg{Value: w.p.Resolve(a.Value, tg), Pos: at, Expr: a.Value, Spread: a.Rest})
		}
		return out
	}
	expand := func(a js.Arg, at int) []Arg {
		if arr, ok := unparen(a.Value).(*js.ArrayExpr); ok {
			out := make([]Arg, 0, len(arr.List))
			for _, el := range arr.List {
				out = append(out, Arg{Value: w.p.Resolve(el.Value, tg), Pos: at, Expr: el.Value, Spread: el.Spread})
			}
			return out
		}
		return []Arg{{Pos: at, Expr: a.Value, Spread: true}}
	}
	switch {
	case indirect == "call":
		if len(args) > 2 {
			c.Args = mk(args[2:], pos[2:])
		}
	case indirect == "apply":
		if len(args) > 2 {
			c.Args = expand(args[2], pos[2])
		}
	case c.Callee.Kind == Global && c.Callee.Bound == "bind":
		return // f.bind(…) makes a function; its calls are recorded where they happen
	case c.Callee.Kind == Global && c.Callee.Bound == "call":
		c.Callee.Bound = ""
		if len(args) > 0 {
			c.Callee = receiverOf(c.Callee, w.p.Resolve(args[0].Value, tg))
			c.Args = mk(args[1:], pos[1:])
			w.protoCallRefs(&c, pos[0]) // one finding per call site (reflectpaths.go)
		}
		c.Method = innerMethod(c.Callee.Path)
	case c.Callee.Kind == Global && c.Callee.Bound == "apply":
		c.Callee.Bound = ""
		if len(args) > 0 {
			c.Callee = receiverOf(c.Callee, w.p.Resolve(args[0].Value, tg))
			w.protoCallRefs(&c, pos[0])
		}
		if len(args) > 1 {
			c.Args = expand(args[1], pos[1])
		}
		c.Method = innerMethod(c.Callee.Path)
	case c.Callee.IsGlobal("Reflect.apply") && len(args) >= 1:
		c.Callee = w.p.Resolve(args[0].Value, tg)
		c.Callee.Reflective = true
		c.Method = ""
		// Reflect.apply(el.insertAdjacentHTML, el, [...]): a method call,
		// as el.insertAdjacentHTML(...) would record it
		{
			switch f := unparen(args[0].Value).(type) {
			case *js.DotExpr:
				if lit, ok := dotName(f.Y); ok {
					c.Method, _ = identName(lit.Data)
					c.Receiver = w.p.Resolve(f.X, tg)
				}
			case *js.IndexExpr:
				if k, ok := w.p.Fold(f.Y); ok {
					c.Method = k
					c.Receiver = w.p.Resolve(f.X, tg)
				}
			}
		}
		if len(args) > 2 {
			c.Args = expand(args[2], pos[2])
		}
	case c.Callee.IsGlobal("Reflect.construct") && len(args) >= 1:
		c.Callee = w.p.Resolve(args[0].Value, tg)
		c.Callee.Reflective = true
		c.New = true
		c.Method = ""
		if len(args) > 1 {
			c.Args = expand(args[1], pos[1])
		}
	case via == "call":
		if len(args) > 0 {
			c.Args = mk(args[1:], pos[1:])
		}
	case via == "apply":
		if len(args) > 1 {
			c.Args = expand(args[1], pos[1])
		}
	default:
		c.Args = mk(args, pos)
	}
	w.p.Calls = append(w.p.Calls, c)
}

func (w *walker) assign(n *js.BinaryExpr) int {
	if w.pass == 1 {
		switch x := n.X.(type) {
		case *js.Var:
			if n.Op == js.EqToken {
				w.bind(x, bindSrc{expr: n.Y, thisGlobal: w.thisGlobal()})
			} else {
				w.mutate(x)
			}
		case *js.DotExpr:
			if lit, ok := x.X.(*js.LiteralExpr); ok && lit.TokenType == js.ThisToken && !w.thisGlobal() && n.Op == js.EqToken {
				if name, ok := dotName(x.Y); ok {
					w.bindField(string(name.Data), n.Y) // this.nav = navigator
				}
			} else if v, ok := x.X.(*js.Var); ok {
				w.writeThrough(v) // names.a = …: the literal no longer holds the data
				if w.thisAliases != nil && n.Op == js.EqToken {
					if name, ok := dotName(x.Y); ok {
						w.aliasFieldWrite(v, string(name.Data), n.Y) // _this.nav = navigator
					}
				}
			}
		case *js.IndexExpr:
			if v, ok := x.X.(*js.Var); ok {
				w.writeThrough(v)
			}
		}
	}
	if w.pass == 2 {
		switch n.X.(type) {
		case *js.DotExpr, *js.IndexExpr:
			w.p.writeSites.add(n) // a property written, for ConstProp (names.go)
		}
	}
	tg := w.thisGlobal()
	a := Assign{Op: string(n.Op.Bytes()), Node: n}
	switch x := n.X.(type) {
	case *js.DotExpr:
		a.Pos = w.expr(x.X, Read, false)
		if lit, ok := dotName(x.Y); ok {
			at := w.leaf(lit.Data)
			a.Prop, _ = identName(lit.Data)
			w.member(a.Prop, at)
		}
		w.maybeRef(x, a.Pos, Assigned)
	case *js.IndexExpr:
		a.Pos = w.expr(x.X, Read, false)
		w.punct('[')
		w.expr(x.Y, Read, true)
		if w.pass == 2 { // pass 1 resolves nothing
			a.Prop, _ = w.p.Fold(x.Y)
		}
		w.maybeRef(x, a.Pos, Assigned)
	default:
		a.Pos = w.expr(n.X, Assigned, true)
	}
	if w.pass == 2 {
		if dot, ok := n.X.(*js.DotExpr); ok {
			a.Receiver = w.p.Resolve(dot.X, tg)
		} else if idx, ok := n.X.(*js.IndexExpr); ok {
			a.Receiver = w.p.Resolve(idx.X, tg)
		}
		a.Target = w.p.Resolve(n.X, tg)
	}
	switch n.Y.(type) {
	case *js.FuncDecl, *js.ArrowFunc, *js.ClassDecl:
		if a.Prop != "" {
			w.nameHint = a.Prop
		}
	}
	if _, ok := n.Y.(*js.FuncDecl); ok {
		w.nextOwner = w.methodOwner(n.X) // C.prototype.m = function () { this.x … }
		if w.pass == 1 && w.nextOwner != nil {
			w.noteMethod(w.nextOwner, n.X, n.Y) // for this.m() (classes.go)
		}
	}
	a.RHSPos = w.expr(n.Y, Read, true)
	w.nameHint = ""
	if w.pass == 2 {
		if k := w.p.opts.Keep; k != nil && !k.Props[a.Prop] && a.Target.Kind != Global && a.Receiver.Kind != Global {
			return a.Pos
		}
		a.RHS = w.p.Resolve(n.Y, tg)
		a.Func = w.curFunc()
		w.p.Assigns = append(w.p.Assigns, a)
	} else {
		w.nAssigns++
	}
	return a.Pos
}

// chainRoot returns the innermost receiver of a member chain (a.b[c].d → a).
func chainRoot(e js.IExpr) js.IExpr {
	for {
		switch n := e.(type) {
		case *js.DotExpr:
			e = n.X
		case *js.IndexExpr:
			e = n.X
		case *js.GroupExpr:
			e = n.X
		default:
			return e
		}
	}
}

// plainChain reports whether a member chain only uses literal property
// names that cannot lead to a global (no contentWindow, contentDocument,
// constructor, and no computed keys).
func plainChain(e js.IExpr) bool {
	for {
		switch n := e.(type) {
		case *js.DotExpr:
			lit, ok := dotName(n.Y)
			if !ok {
				return false
			}
			switch string(lit.Data) {
			case "contentWindow", "contentDocument", "constructor", "defaultView", "ownerDocument":
				return false
			}
			e = n.X
		case *js.IndexExpr:
			return false
		case *js.GroupExpr:
			e = n.X
		default:
			return true
		}
	}
}

// innerMethod is the method name of a global path called through
// .call/.apply (el.insertAdjacentHTML → "insertAdjacentHTML"; fetch → "").
func innerMethod(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[i+1:]
	}
	return ""
}
