package analyzer

// Deeper values: parameters bound by immediately invoked functions, fields
// of `this` (assigned, class fields, getters), values returned by small
// helpers, and names kept in object and array literals.

import (
	"sync"

	"github.com/tdewolff/parse/v2/js"
)

// fieldVars are synthetic variables, one per property name written on
// `this` for one owner (this.nav = navigator in a constructor, class
// fields, getters): their bindings collect every value written there and
// are resolved with the other variables before pass 2. The owner is what
// `this` is an instance of: the class, the constructor function's
// variable (its prototype methods share it), or the object literal.
type fieldVars struct {
	mu      sync.Mutex
	m       map[fieldKey]*js.Var
	classes classModel // ES5 classes and super calls (classes.go)
}

type fieldKey struct {
	owner any
	name  string
}

func (f *fieldVars) get(owner any, name string, create bool) *js.Var {
	f.mu.Lock()
	defer f.mu.Unlock()
	k := fieldKey{owner, name}
	v := f.m[k]
	if v == nil && create {
		if f.m == nil {
			f.m = map[fieldKey]*js.Var{}
		}
		v = &js.Var{Data: []byte("this." + name), Decl: js.VariableDecl}
		f.m[k] = v
	}
	return v
}

// curOwner is what `this` is an instance of in the current function (nil
// unknown).
func (w *walker) curOwner() any {
	if len(w.owners) == 0 {
		return nil
	}
	return w.owners[len(w.owners)-1]
}

// ownerOf says what `this` is an instance of in a function being entered.
func (w *walker) ownerOf(node js.INode, arrow bool) any {
	if arrow {
		return w.curOwner()
	}
	if w.nextOwner != nil {
		return w.nextOwner
	}
	switch n := node.(type) {
	case *js.ClassDecl:
		return n
	case *js.MethodDecl:
		return w.curOwner() // a class method: the class
	case *js.FuncDecl:
		if n.Name != nil {
			return varOf(n.Name) // function C() { this.x = … }; C.prototype.m = …
		}
	}
	return node
}

// prototypeOwner returns C's variable for C.prototype.m (nil otherwise).
func prototypeOwner(target js.IExpr) any {
	d, ok := target.(*js.DotExpr)
	if !ok {
		return nil
	}
	proto, ok := d.X.(*js.DotExpr)
	if !ok {
		return nil
	}
	if lit, ok := dotName(proto.Y); !ok || string(lit.Data) != "prototype" {
		return nil
	}
	if v, ok := proto.X.(*js.Var); ok {
		return varOf(v)
	}
	return nil
}

// bindField records value as a source of this.name (pass 1).
func (w *walker) bindField(name string, value js.IExpr) {
	owner := w.curOwner()
	if name == "" || value == nil || owner == nil {
		return
	}
	w.bind(w.p.fields.get(owner, name, true), bindSrc{expr: value, thisGlobal: false})
}

// maxSuperDepth bounds the superclasses searched for a field.
const maxSuperDepth = 8

// fieldOf resolves this.name for an instance of owner: a global API
// written there (this.nav = navigator in the constructor) wherever the
// owner's methods read it, or in a superclass of a class
// (class B extends A: A's constructor wrote it).
func (p *Program) fieldOf(owner any, name string, depth int) (Value, bool) {
	if owner == nil || p.fields == nil {
		return Value{}, false
	}
	var sub any // the class right below owner in the chain walked
	for range maxSuperDepth {
		if v := p.fields.get(owner, name, false); v != nil {
			b := p.bindings.get(v)
			if b == nil {
				return Value{}, false
			}
			var r Value
			if sub == nil {
				r = p.resolveBinding(b, depth)
			} else if a, ok := p.superArg(b, owner, sub, depth); ok {
				r = a // this.nav = nav in the parent, super(navigator) below
			} else {
				r = p.resolveBinding(b, depth)
			}
			if r.Kind == Global || r.Kind == Unresolved {
				r.Reflective = true
				return r, true
			}
			return Value{}, false
		}
		sub = owner
		if owner = p.superOf(owner); owner == nil {
			break
		}
	}
	return Value{}, false
}

// superOf returns the class a class extends, when the extends clause names
// a class expression or a variable bound once to a class; for a
// constructor function, the one its ES5 wrapper extends (classes.go); nil
// otherwise.
func (p *Program) superOf(owner any) any {
	switch c := owner.(type) {
	case *js.ClassDecl:
		if c.Extends == nil {
			return nil
		}
		return p.ownerOfExpr(c.Extends, 0)
	case *js.Var:
		if s := p.extendsVar(c, false); s != nil {
			return p.ownerOfExpr(s, 0)
		}
	}
	return nil
}

// srcRef names one source of a binding.
type srcRef struct {
	b *binding
	i int
}

// thisSrcOwner returns what `this` is for a source rooted at a non-global
// `this` (var s = this; var n = this.nav; const {nav} = this), nil for
// other sources (pass 1).
func (w *walker) thisSrcOwner(v *js.Var, src bindSrc) any {
	if src.expr == nil || src.fn != nil {
		return nil
	}
	if d, ok := src.expr.(*js.DotExpr); ok && w.pass == 1 {
		if _, ok := d.X.(*js.Var); ok {
			w.noteProtoAlias(v, d) // var _proto = C.prototype
		}
	}
	if src.thisGlobal {
		return nil
	}
	switch t := chainRoot(unparen(src.expr)).(type) {
	case *js.LiteralExpr:
		if t.TokenType != js.ThisToken {
			return nil
		}
	case *js.BinaryExpr: // var _this = _super.call(this) || this
		if !thisForm(t, false) {
			return nil
		}
	case *js.CallExpr: // _this = _super.call(this) in a subclass (Babel)
		if !thisForm(t, true) || w.p.extendsVar(w.curOwner(), true) == nil {
			return nil
		}
	default:
		return nil
	}
	owner := w.curOwner()
	if owner != nil && thisForm(src.expr, true) {
		if w.thisAliases == nil {
			w.thisAliases = map[*js.Var]any{}
		}
		w.thisAliases[v] = owner // _this.x = … writes a field (pass 1)
	}
	return owner
}

// aliasFieldWrite records v.name = value where v is a local alias of a
// non-global `this` (_this.beacon = navigator in a constructor), pass 1.
func (w *walker) aliasFieldWrite(v *js.Var, name string, value js.IExpr) {
	owner := w.thisAliases[varOf(v)]
	if owner == nil || name == "" || value == nil {
		return
	}
	w.bind(w.p.fields.get(owner, name, true), bindSrc{expr: value, thisGlobal: false})
}

// srcOwner records the owner of v's last source (pass 1, or its replay).
func (p *Program) srcOwner(v *js.Var, b *binding, owner any) {
	if owner == nil || b.n == 0 || b.mutated && b.n == 8 {
		return
	}
	if p.srcOwners == nil {
		p.srcOwners = map[srcRef]any{}
	}
	i := int(b.n) - 1
	p.srcOwners[srcRef{b, i}] = owner
	b.owned = true
	if thisForm(b.src(i).expr, true) { // the walker checked the extends for a call
		p.thisVars, b.thisVar = true, true // var self = this
	}
}

// resolveSrc resolves source i of b (its expression, and the destructuring
// keys still to apply) in the owner of the function where it was bound,
// so that `this.nav` there reads the field: var n = this.nav (a field
// through a local), const {nav} = this.
func (p *Program) resolveSrc(b *binding, i int, s *bindSrc, depth int) (Value, []bindKey) {
	keys := s.keyList()
	if len(keys) > 0 && keys[0].expr == nil {
		// const {k} = names, const [first] = list, const {k} = {k: "fetch"}:
		// a member of a data literal
		obj := p.dataObject(s.expr)
		if obj == nil {
			switch x := unparen(s.expr).(type) {
			case *js.ObjectExpr, *js.ArrayExpr:
				obj = x
			}
		}
		if obj != nil {
			if r, ok := p.dataMember(obj, keys[0].name, s.thisGlobal, depth); ok {
				return r, keys[1:]
			}
		}
	}
	if !b.owned {
		return p.resolve(s.expr, s.thisGlobal, depth), keys
	}
	owner, ok := p.srcOwners[srcRef{b, i}]
	if !ok {
		return p.resolve(s.expr, s.thisGlobal, depth), keys
	}
	saved := p.owner
	p.owner = owner
	defer func() { p.owner = saved }()
	if t, ok := unparen(s.expr).(*js.LiteralExpr); ok && t.TokenType == js.ThisToken && len(keys) > 0 && keys[0].expr == nil {
		if r, ok := p.fieldOf(owner, keys[0].name, depth); ok {
			return r, keys[1:] // const {nav} = this
		}
	}
	return p.resolve(s.expr, s.thisGlobal, depth), keys
}

// aliasField resolves s.name where s is a local bound once to a non-global
// `this` (const s = this / var self = this, read in a nested function too):
// the field of the owner where s was bound.
func (p *Program) aliasField(x js.IExpr, name string, depth int) (Value, bool) {
	owner := p.thisAliasOwner(x)
	if owner == nil {
		return Value{}, false
	}
	return p.fieldOf(owner, name, depth)
}

// thisAlias reports whether x is a local bound once to a non-global `this`.
func (p *Program) thisAlias(x js.IExpr) bool { return p.thisAliasOwner(x) != nil }

func (p *Program) thisAliasOwner(x js.IExpr) any {
	if !p.thisVars {
		return nil
	}
	v, ok := x.(*js.Var)
	if !ok {
		return nil
	}
	v = varOf(v)
	b := p.bindings.get(v)
	if b == nil || !b.thisVar || b.n != 1 || b.mutated || len(b.first.keyList()) > 0 {
		return nil
	}
	if !thisForm(b.first.expr, true) { // recorded only where it is one
		return nil
	}
	return p.srcOwners[srcRef{b, 0}]
}

// iifeFunc returns the function an immediately invoked call runs and the
// arguments its parameters receive: (function(t){…})(window),
// !function(t){…}(window), (function(t){…}).call(this, window).
func iifeFunc(n *js.CallExpr) (fn js.IExpr, args []js.Arg) {
	callee := unparen(n.X)
	args = n.Args.List
	if dot, ok := callee.(*js.DotExpr); ok {
		lit, ok := dotName(dot.Y)
		if !ok || string(lit.Data) != "call" || len(args) == 0 {
			return nil, nil
		}
		callee, args = unparen(dot.X), args[1:]
	}
	switch callee.(type) {
	case *js.FuncDecl, *js.ArrowFunc:
		return callee, args
	}
	return nil, nil
}

// bindCallParams binds the parameters of an immediately invoked function
// to its arguments (pass 1), and remembers parameters that receive a
// function expression, so that a call of that parameter inside the body
// (UMD: factory(global)) binds the factory's parameters in turn.
func (w *walker) bindCallParams(n *js.CallExpr) {
	if fn, args := iifeFunc(n); fn != nil {
		w.iife = fn                // runs once per run of this function (loops.go)
		params := w.funcParams(fn) // a split unit is grafted first
		w.bindParams(params, args)
		if len(args) > 0 {
			w.noteExtends(fn, params) // __extends(C, _super) (classes.go)
		}
		for i, a := range args {
			if i >= len(params.List) || a.Rest {
				break
			}
			pv, ok := params.List[i].Binding.(*js.Var)
			if !ok {
				continue
			}
			if fp := w.funcParams(a.Value); fp != nil {
				if w.factories == nil {
					w.factories = map[*js.Var]*js.Params{}
				}
				w.factories[varOf(pv)] = fp
			}
		}
		return
	}
	switch x := n.X.(type) {
	case *js.Var:
		if w.factories != nil {
			if fp := w.factories[varOf(x)]; fp != nil {
				w.bindParams(fp, n.Args.List)
			}
		}
	case *js.LiteralExpr, *js.DotExpr: // super(…), _super.call(this, …)
		if len(w.owners) > 0 {
			w.noteSuperCall(n)
		}
	}
}

// funcParams returns the parameters of a function expression (grafting a
// split unit first, so that its own parameters are bound).
func (w *walker) funcParams(e js.IExpr) *js.Params {
	switch f := unparen(e).(type) {
	case *js.FuncDecl:
		if w.p.split != nil {
			w.p.split.GraftFunc(f)
		}
		return &f.Params
	case *js.ArrowFunc:
		if w.p.split != nil {
			w.p.split.GraftArrow(f)
		}
		return &f.Params
	}
	return nil
}

func (w *walker) bindParams(params *js.Params, args []js.Arg) {
	for i := range params.List {
		if i >= len(args) || args[i].Rest {
			return
		}
		if pv, ok := params.List[i].Binding.(*js.Var); ok {
			w.bind(pv, bindSrc{expr: args[i].Value, thisGlobal: w.thisGlobal()})
		}
	}
}

// maxHelperStmts bounds the helpers whose return value is followed: small
// functions (getWindow() { return window }), so that a call never walks a
// large body.
const maxHelperStmts = 6

// maxHelperDepth bounds helpers followed inside one another's returns.
const maxHelperDepth = 3

// returnsOf collects the return expressions of a small function body
// (ifs, blocks and try included, nested functions not). ok is false when
// the body is too large or a return has no value.
func returnsOf(body *js.BlockStmt, out []js.IExpr) ([]js.IExpr, bool) {
	if len(body.List) > maxHelperStmts {
		return nil, false
	}
	var rec func(s js.IStmt, depth int) bool
	rec = func(s js.IStmt, depth int) bool {
		if depth > 4 || len(out) > 4 {
			return false
		}
		switch n := s.(type) {
		case *js.ReturnStmt:
			if n.Value == nil {
				return false
			}
			out = append(out, n.Value)
		case *js.IfStmt:
			return rec(n.Body, depth+1) && (n.Else == nil || rec(n.Else, depth+1))
		case *js.BlockStmt:
			for _, x := range n.List {
				if !rec(x, depth+1) {
					return false
				}
			}
		case *js.TryStmt:
			if n.Body != nil && !rec(n.Body, depth+1) {
				return false
			}
			if n.Catch != nil && !rec(n.Catch, depth+1) {
				return false
			}
		}
		return true
	}
	for _, s := range body.List {
		if !rec(s, 0) {
			return nil, false
		}
	}
	return out, len(out) > 0
}

// calledFunc returns the body of the function a callee denotes: a
// function expression, or a variable bound once to one (function
// declarations included).
func (p *Program) calledFunc(callee js.IExpr) (body *js.BlockStmt, arrow bool) {
	switch f := unparen(callee).(type) {
	case *js.FuncDecl:
		return &f.Body, false
	case *js.ArrowFunc:
		return &f.Body, true
	case *js.Var:
		v := varOf(f)
		if v.Decl == js.NoDecl {
			return nil, false
		}
		b := p.bindings.get(v)
		if b == nil || b.n != 1 || b.mutated {
			return nil, false
		}
		if b.first.expr != nil && len(b.first.keyList()) == 0 {
			switch g := unparen(b.first.expr).(type) {
			case *js.FuncDecl:
				return &g.Body, false
			case *js.ArrowFunc:
				return &g.Body, true
			}
		}
	}
	return nil, false
}

// helperReturn resolves a call of a small local helper to what it returns
// when that is a global API (getWindow() → the global object,
// nav() → navigator), several levels deep through the depth bound.
func (p *Program) helperReturn(n *js.CallExpr, thisGlobal bool, d int) (Value, bool) {
	// helpers calling helpers: a few levels, never a walk of the call graph
	if p.helpers >= maxHelperDepth {
		// counted as a cut: what was resolved under it depends on the
		// level the chain was entered at, so none of it is memoised
		p.depthCuts++
		return Value{}, false
	}
	body, arrow := p.calledFunc(n.X)
	if body == nil {
		return Value{}, false
	}
	p.helpers++
	defer func() { p.helpers-- }()
	var buf [4]js.IExpr
	rets, ok := returnsOf(body, buf[:0])
	if !ok {
		return Value{}, false
	}
	tg := arrow && thisGlobal
	var out Value
	for i, r := range rets {
		v := p.resolve(r, tg, d)
		if v.Kind != Global && v.Kind != Unresolved {
			if v.Kind == Unknown && len(rets) > 1 {
				continue // typeof window < "u" ? window : void 0 and the like
			}
			return Value{}, false
		}
		if i == 0 || out.Kind != Global {
			out = v
		}
	}
	if out.Kind != Global && out.Kind != Unresolved {
		return Value{}, false
	}
	out.Reflective = true
	out.Idiom = "" // the idiom is reported where it is, inside the helper
	return out, true
}

// boundOnce returns the value (without parentheses) a declared variable
// is bound to once and never written through, mutated or passed anywhere;
// nil for anything else.
func (p *Program) boundOnce(e js.IExpr) js.IExpr {
	x, v := p.boundOnceLocal(e)
	if x == nil || p.escaped[v] {
		return nil
	}
	return x
}

// boundOnceLocal is boundOnce without the test that the variable is passed
// nowhere (a map lookup), and the variable.
func (p *Program) boundOnceLocal(e js.IExpr) (js.IExpr, *js.Var) {
	v, ok := unparen(e).(*js.Var)
	if !ok {
		return nil, nil
	}
	v = varOf(v)
	if v.Decl == js.NoDecl {
		return nil, nil
	}
	b := p.bindings.get(v)
	if b == nil || b.n != 1 || b.mutated || b.written || b.first.expr == nil || len(b.first.keyList()) > 0 {
		return nil, nil
	}
	return unparen(b.first.expr), v
}

// dataObject returns the object or array literal a variable is bound to
// once and never written through (const names = {a: "fetch"}).
func (p *Program) dataObject(e js.IExpr) js.IExpr {
	// the kind first: most variables bound once hold something else, and
	// the escape test is a map lookup (every member access asks)
	switch x, v := p.boundOnceLocal(e); x.(type) {
	case *js.ObjectExpr, *js.ArrayExpr:
		if !p.escaped[v] {
			return x
		}
	}
	return nil
}

// dataMember resolves obj.key / obj[key] / arr[i] on a data literal.
func (p *Program) dataMember(lit js.IExpr, key string, thisGlobal bool, d int) (Value, bool) {
	switch x := lit.(type) {
	case *js.ObjectExpr:
		var found js.IExpr
		for _, it := range x.List {
			if it.Spread {
				return Value{}, false
			}
			if it.Name == nil {
				continue
			}
			name := ""
			if it.Name.IsComputed() {
				k := p.resolve(it.Name.Computed, thisGlobal, d)
				if k.Kind != Const {
					return Value{}, false
				}
				name = k.Str
			} else {
				name = propName(it.Name.Literal)
			}
			if name == key {
				found = it.Value
			}
		}
		if found == nil {
			return Value{}, false
		}
		r := p.resolve(found, thisGlobal, d)
		r.Reflective = true
		return r, true
	case *js.ArrayExpr:
		i, ok := atoiSmall(key)
		if !ok || i >= len(x.List) {
			return Value{}, false
		}
		for _, el := range x.List[:i+1] {
			if el.Spread {
				return Value{}, false
			}
		}
		r := p.resolve(x.List[i].Value, thisGlobal, d)
		r.Reflective = true
		return r, true
	}
	return Value{}, false
}

func atoiSmall(s string) (int, bool) {
	if s == "" || len(s) > 6 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// bindForOf binds the variable of for (const x of [a, b]) to each element
// of the array literal (pass 1). The variable is also mutated (a for-of
// target), so constants are dropped and an API among the elements is kept:
// for (const w of [window, self]) w.fetch(u).
func (w *walker) bindForOf(n *js.ForOfStmt) {
	arr, ok := unparen(n.Value).(*js.ArrayExpr)
	if !ok || len(arr.List) == 0 || len(arr.List) > 8 {
		return
	}
	var v *js.Var
	switch t := n.Init.(type) {
	case *js.VarDecl:
		if len(t.List) == 1 {
			v, _ = t.List[0].Binding.(*js.Var)
		}
	case *js.Var:
		v = t
	}
	if v == nil {
		return
	}
	for _, el := range arr.List {
		if el.Spread {
			return
		}
	}
	for _, el := range arr.List {
		w.bind(v, bindSrc{expr: el.Value, thisGlobal: w.thisGlobal()})
	}
}
