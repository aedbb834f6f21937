package analyzer

// ES5 classes as TypeScript and Babel emit them:
//
//	var Child = (function (_super) {
//	  __extends(Child, _super);                    // Babel: _inherits(Child, _Base)
//	  function Child() {
//	    var _this = _super.call(this, navigator) || this;
//	    _this.count = 0;
//	    return _this;
//	  }
//	  Child.prototype.m = function () { this.nav.sendBeacon(u); };
//	  return Child;
//	}(Base));
//
// The call of two variables at the top of an immediately invoked function,
// the second its parameter, says that the constructor function declared
// there extends what the parameter receives (pass 1). A field the parent
// constructor sets (this.nav = navigator) is then read in the subclass's
// methods (fieldOf walks the superclasses), `_this` is an alias of `this`,
// fields written through it are fields, and a parent field set from a
// constructor parameter (this.nav = nav) takes, for the subclass, the
// argument the subclass's super call passes there (_super.call(this,
// navigator), or ES6 super(navigator)): one subclass's argument never
// leaks into another's.

import (
	"github.com/tdewolff/parse/v2/js"
)

// classModel is what pass 1 records about ES5 classes and super calls. It
// is written under fieldVars' lock by pass 1 (its parallel tasks too) and
// only read after it.
type classModel struct {
	// extends: the constructor function's variable → the variable (the
	// wrapper's parameter) naming its superclass
	extends map[*js.Var]*js.Var
	// supers: the arguments of the super call of a class's or constructor
	// function's constructor, by owner
	supers map[any]*superCall
	// methods: functions assigned to C.prototype.m (and _proto.m), by
	// owner and name
	methods map[fieldKey]*js.FuncDecl
}

// superCall is the one super call of a constructor.
type superCall struct {
	args    []js.Arg
	forward bool // _super.apply(this, arguments): the constructor's own arguments
	many    bool // more than one super call: the arguments are not known
}

// maxExtendsScan bounds the statements of a wrapper searched for the
// extends call (TypeScript puts it first, Babel first or after the
// constructor).
const maxExtendsScan = 4

// noteExtends finds `__extends(C, S)` / `_inherits(C, S)` among the first
// statements of an immediately invoked function whose first parameter is
// S, C a function declared in the same body (pass 1).
func (w *walker) noteExtends(fn js.IExpr, params *js.Params) {
	f, ok := fn.(*js.FuncDecl)
	if !ok || params == nil || len(params.List) == 0 {
		return
	}
	sup, ok := params.List[0].Binding.(*js.Var)
	if !ok {
		return
	}
	for i, s := range f.Body.List {
		if i >= maxExtendsScan {
			return
		}
		es, ok := s.(*js.ExprStmt)
		if !ok {
			continue
		}
		c, ok := es.Value.(*js.CallExpr)
		if !ok || len(c.Args.List) != 2 || c.Args.List[0].Rest || c.Args.List[1].Rest {
			continue
		}
		child, ok1 := c.Args.List[0].Value.(*js.Var)
		parent, ok2 := c.Args.List[1].Value.(*js.Var)
		if !ok1 || !ok2 || varOf(parent) != varOf(sup) || !declaresFunc(f.Body.List, varOf(child)) {
			continue
		}
		fv := w.p.fields
		fv.mu.Lock()
		if fv.classes.extends == nil {
			fv.classes.extends = map[*js.Var]*js.Var{}
		}
		fv.classes.extends[varOf(child)] = varOf(sup)
		fv.mu.Unlock()
		return
	}
}

// declaresFunc reports whether a function declaration of v is among list.
func declaresFunc(list []js.IStmt, v *js.Var) bool {
	for _, s := range list {
		if f, ok := s.(*js.FuncDecl); ok && f.Name != nil && varOf(f.Name) == v {
			return true
		}
	}
	return false
}

// extendsVar returns the variable naming the superclass of a constructor
// function's owner (nil when none was seen).
func (p *Program) extendsVar(owner any, locked bool) *js.Var {
	v, ok := owner.(*js.Var)
	if !ok || p.fields == nil {
		return nil
	}
	if locked {
		p.fields.mu.Lock()
		defer p.fields.mu.Unlock()
	}
	return p.fields.classes.extends[v]
}

// noteSuperCall records the arguments of a super call in a constructor
// (pass 1): ES6 super(a, b), or _super.call(this, a, b) /
// _super.apply(this, arguments) where _super names the superclass of the
// constructor function being walked.
func (w *walker) noteSuperCall(n *js.CallExpr) {
	owner := w.curOwner()
	if owner == nil {
		return
	}
	var args []js.Arg // a value here: only a matching call allocates its record
	forward := false
	switch x := unparen(n.X).(type) {
	case *js.LiteralExpr:
		if x.TokenType != js.SuperToken {
			return
		}
		args = n.Args.List
	case *js.DotExpr:
		v, ok := x.X.(*js.Var)
		if !ok || len(n.Args.List) == 0 || !isThis(n.Args.List[0].Value) {
			return
		}
		lit, ok := dotName(x.Y)
		if !ok {
			return
		}
		switch string(lit.Data) {
		case "call":
			args = n.Args.List[1:]
		case "apply":
			if len(n.Args.List) != 2 {
				return
			}
			a, ok := n.Args.List[1].Value.(*js.Var)
			if !ok || string(a.Data) != "arguments" {
				return
			}
			forward = true
		default:
			return
		}
		if p := w.p.extendsVar(owner, true); p == nil || p != varOf(v) {
			return
		}
	default:
		return
	}
	fv := w.p.fields
	fv.mu.Lock()
	defer fv.mu.Unlock()
	if fv.classes.supers == nil {
		fv.classes.supers = map[any]*superCall{}
	}
	if old := fv.classes.supers[owner]; old != nil {
		old.many = true
		return
	}
	fv.classes.supers[owner] = &superCall{args: args, forward: forward}
}

func isThis(e js.IExpr) bool {
	t, ok := unparen(e).(*js.LiteralExpr)
	return ok && t.TokenType == js.ThisToken
}

// thisForm reports whether e evaluates to the `this` of a constructor:
// `this`, `X || this` (TypeScript's `_super.call(this) || this`), and,
// when the function's owner extends another (ext), a super call made on
// `this` (Babel's `_this = _super.call(this)`,
// `_possibleConstructorReturn(this, …)`).
func thisForm(e js.IExpr, ext bool) bool {
	switch x := unparen(e).(type) {
	case *js.LiteralExpr:
		return x.TokenType == js.ThisToken
	case *js.BinaryExpr:
		return x.Op == js.OrToken && isThis(x.Y)
	case *js.CallExpr:
		return ext && len(x.Args.List) > 0 && isThis(x.Args.List[0].Value)
	}
	return false
}

// maxOwnerDepth bounds the variables and wrappers followed to a class.
const maxOwnerDepth = 8

// ownerOfExpr returns the owner an expression denotes as a class: a class
// expression, a function (its declared name's variable, as ownerOf), or a
// variable bound once to one, also through a wrapper that returns it
// ((function () { function C() {} …; return C; }())). nil otherwise.
func (p *Program) ownerOfExpr(e js.IExpr, depth int) any {
	if depth > maxOwnerDepth {
		return nil
	}
	switch x := unparen(e).(type) {
	case *js.ClassDecl:
		return x
	case *js.FuncDecl:
		if x.Name != nil {
			return varOf(x.Name)
		}
		return x
	case *js.CallExpr:
		fn, _ := iifeFunc(x)
		f, ok := fn.(*js.FuncDecl)
		if !ok {
			return nil
		}
		var buf [4]js.IExpr
		rets, ok := returnsOf(&f.Body, buf[:0])
		if !ok || len(rets) != 1 {
			return nil
		}
		return p.ownerOfExpr(rets[0], depth+1)
	case *js.Var:
		v := varOf(x)
		if v.Decl == js.NoDecl {
			return nil
		}
		b := p.bindings.get(v)
		if b == nil || b.n != 1 || b.mutated || b.first.expr == nil || len(b.first.keyList()) > 0 {
			return nil
		}
		return p.ownerOfExpr(b.first.expr, depth+1)
	}
	return nil
}

// ctorParams returns the parameters of an owner's constructor: a class's
// constructor method, or the constructor function itself.
func (p *Program) ctorParams(owner any) *js.Params {
	switch o := owner.(type) {
	case *js.ClassDecl:
		for i := range o.List {
			m := o.List[i].Method
			if m != nil && !m.Static && !m.Name.IsComputed() && m.Name.Private == nil && string(m.Name.Literal.Data) == "constructor" {
				return &m.Params
			}
		}
	case *js.FuncDecl:
		return &o.Params
	case *js.Var:
		if b := p.bindings.get(o); b != nil && b.n >= 1 {
			if f, ok := b.first.expr.(*js.FuncDecl); ok && b.first.fn != nil {
				return &f.Params
			}
		}
	}
	return nil
}

// superArg resolves a superclass field whose only source is parameter i
// of the superclass's constructor (this.nav = nav) for an instance of sub,
// the class right below it: the argument sub's super call passes there.
// ok is false when the field is not such a parameter; a field that is one
// but whose argument is not known resolves to nothing.
func (p *Program) superArg(b *binding, owner, sub any, depth int) (Value, bool) {
	if b.n != 1 || b.first.expr == nil || len(b.first.keyList()) > 0 {
		return Value{}, false
	}
	pv, ok := b.first.expr.(*js.Var)
	if !ok || varOf(pv).Decl != js.ArgumentDecl {
		return Value{}, false
	}
	params := p.ctorParams(owner)
	if params == nil {
		return Value{}, false
	}
	idx := -1
	for i := range params.List {
		if v, ok := params.List[i].Binding.(*js.Var); ok && varOf(v) == varOf(pv) {
			idx = i
			break
		}
	}
	if idx < 0 {
		return Value{}, false
	}
	sc := p.fields.classes.supers[sub]
	if sc == nil || sc.many || sc.forward || idx >= len(sc.args) {
		return Value{}, true
	}
	for _, a := range sc.args[:idx+1] {
		if a.Rest {
			return Value{}, true
		}
	}
	saved := p.owner
	p.owner = sub // the argument is evaluated in sub's constructor
	r := p.resolve(sc.args[idx].Value, false, depth)
	p.owner = saved
	return r, true
}

// methodOwner returns the owner of a function assigned to target:
// C.prototype.m = function … (C's variable), or, in Babel's loose mode,
// _proto.m = function … where `var _proto = C.prototype`.
func (w *walker) methodOwner(target js.IExpr) any {
	if o := prototypeOwner(target); o != nil {
		return o
	}
	d, ok := target.(*js.DotExpr)
	if !ok {
		return nil
	}
	v, ok := d.X.(*js.Var)
	if !ok {
		return nil
	}
	v = varOf(v)
	if w.pass == 1 {
		return w.protoAliases[v] // the bindings are not all known yet
	}
	if v.Decl == js.NoDecl {
		return nil
	}
	if b := w.p.bindings.get(v); b != nil && b.n == 1 && !b.mutated && b.first.expr != nil && len(b.first.keyList()) == 0 {
		return protoOf(b.first.expr)
	}
	return nil
}

// protoOf returns C's variable for the expression C.prototype (nil
// otherwise).
func protoOf(e js.IExpr) any {
	d, ok := unparen(e).(*js.DotExpr)
	if !ok {
		return nil
	}
	if lit, ok := dotName(d.Y); !ok || string(lit.Data) != "prototype" {
		return nil
	}
	if v, ok := d.X.(*js.Var); ok && varOf(v).Decl != js.NoDecl {
		return varOf(v)
	}
	return nil
}

// noteProtoAlias remembers, in pass 1, a local bound to C.prototype.
func (w *walker) noteProtoAlias(v *js.Var, e js.IExpr) {
	if o := protoOf(e); o != nil {
		if w.protoAliases == nil {
			w.protoAliases = map[*js.Var]any{}
		}
		w.protoAliases[varOf(v)] = o
	}
}

// createClass makes C the owner of the methods Babel's
// _createClass(C, [{key: "m", value: function m() {…}}]) defines on C's
// prototype (both passes: the object literals are walked next).
func (w *walker) createClass(n *js.CallExpr) {
	c, ok := n.Args.List[0].Value.(*js.Var)
	if !ok || n.Args.List[0].Rest || n.Args.List[1].Rest {
		return
	}
	arr, ok := n.Args.List[1].Value.(*js.ArrayExpr)
	if !ok || len(arr.List) == 0 {
		return
	}
	cv := varOf(c)
	if cv.Decl == js.NoDecl {
		return
	}
	for _, el := range arr.List {
		obj, ok := el.Value.(*js.ObjectExpr)
		if !ok || el.Spread || !hasKeyProp(obj) {
			return
		}
	}
	if w.objOwners == nil {
		w.objOwners = map[*js.ObjectExpr]any{}
	}
	for _, el := range arr.List {
		w.objOwners[el.Value.(*js.ObjectExpr)] = cv
	}
}

// hasKeyProp reports whether an object literal has a `key` property (a
// property descriptor of _createClass).
func hasKeyProp(obj *js.ObjectExpr) bool {
	for _, it := range obj.List {
		if it.Name != nil && !it.Name.IsComputed() && propName(it.Name.Literal) == "key" {
			return true
		}
	}
	return false
}

// objOwner is the owner of the functions in an object literal: the
// literal, or the class _createClass defines them on.
func (w *walker) objOwner(obj *js.ObjectExpr) any {
	if o := w.objOwners[obj]; o != nil {
		return o
	}
	return obj
}

// noteMethod records C.prototype.name = function … (pass 1).
func (w *walker) noteMethod(owner any, target js.IExpr, fn js.IExpr) {
	f, ok := fn.(*js.FuncDecl)
	if !ok || owner == nil {
		return
	}
	d, ok := target.(*js.DotExpr)
	if !ok {
		return
	}
	lit, ok := dotName(d.Y)
	if !ok {
		return
	}
	fv := w.p.fields
	fv.mu.Lock()
	defer fv.mu.Unlock()
	if fv.classes.methods == nil {
		fv.classes.methods = map[fieldKey]*js.FuncDecl{}
	}
	fv.classes.methods[fieldKey{owner, string(lit.Data)}] = f
}

// methodReturn resolves a call of a prototype method on the current
// instance to what the method returns when that is a global API:
// this.getNav() and _super.prototype.getNav.call(this) where a class (or
// its superclass) defines getNav() { return this.nav } with
// this.nav = navigator. The returns are resolved for the instance the
// call is made on (p.owner): a field the subclass does not set is read
// from its superclasses.
func (p *Program) methodReturn(n *js.CallExpr, thisGlobal bool, d int) (Value, bool) {
	if p.fields == nil || p.fields.classes.methods == nil || thisGlobal || p.owner == nil {
		return Value{}, false
	}
	dot, ok := unparen(n.X).(*js.DotExpr)
	if !ok {
		return Value{}, false
	}
	lit, ok := dotName(dot.Y)
	if !ok {
		return Value{}, false
	}
	var owner any
	name := string(lit.Data)
	switch {
	case isThis(dot.X):
		owner = p.owner // this.getNav()
	case name == "call" && len(n.Args.List) > 0 && isThis(n.Args.List[0].Value):
		m, ok := unparen(dot.X).(*js.DotExpr) // _super.prototype.getNav.call(this)
		if !ok {
			return Value{}, false
		}
		ml, ok := dotName(m.Y)
		if !ok {
			return Value{}, false
		}
		c, ok := protoDot(m.X)
		if !ok {
			return Value{}, false
		}
		owner, name = p.ownerOfExpr(c, 0), string(ml.Data)
	default:
		return Value{}, false
	}
	var f *js.FuncDecl
	for range maxSuperDepth {
		if owner == nil {
			return Value{}, false
		}
		if f = p.fields.classes.methods[fieldKey{owner, name}]; f != nil {
			break
		}
		owner = p.superOf(owner)
	}
	if f == nil || p.helpers >= maxHelperDepth {
		return Value{}, false
	}
	p.helpers++
	defer func() { p.helpers-- }()
	var buf [4]js.IExpr
	rets, ok := returnsOf(&f.Body, buf[:0])
	if !ok || len(rets) != 1 {
		return Value{}, false
	}
	v := p.resolve(rets[0], false, d)
	if v.Kind != Global && v.Kind != Unresolved {
		return Value{}, false
	}
	v.Reflective = true
	v.Idiom = ""
	return v, true
}

// protoDot returns C for the expression C.prototype.
func protoDot(e js.IExpr) (js.IExpr, bool) {
	d, ok := unparen(e).(*js.DotExpr)
	if !ok {
		return nil, false
	}
	if lit, ok := dotName(d.Y); !ok || string(lit.Data) != "prototype" {
		return nil, false
	}
	return d.X, true
}
