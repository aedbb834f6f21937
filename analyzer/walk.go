package analyzer

import (
	"strings"
	"unsafe"

	"github.com/pbicert/pbicert/analyzer/internal/jsscan"

	"github.com/tdewolff/parse/v2/js"
)

// walker traverses the AST strictly in source order. Pass 1 collects
// variable bindings; pass 2 computes exact positions with a cursor over the
// source and records the model's facts.
type walker struct {
	p *Program
	// the parse buffer piece of the last leaf: memory [segLo, segLo+segN)
	// holds Src[segOff:]; other pieces are found in p.split
	segLo, segN uintptr
	segOff      int
	pass        int
	cur         int
	fn          []int
	thisG       []bool
	depth       int
	maxDepth    int
	forceVar    int // position to use for the next Var (object shorthand)
	posStack    []int
	slab        []binding
	lastLeaf    int // offset of the last object key placed
	nameHint    string
	// parallel pass 2 (parwalk.go): the task this walker runs and the
	// unit function it starts at (not handed on)
	par  *parWalk
	task *walkTask
	root js.INode
	// pass 1 counts what pass 2 records, so that pass 2 allocates each
	// slice once (no growslice garbage on multi-megabyte bundles).
	nCalls, nFuncs, nAssigns int
	// factories: parameters of an immediately invoked function that
	// receive a function expression (UMD's factory), pass 1
	factories map[*js.Var]*js.Params
	// owners: what `this` is an instance of in each open function (a
	// class, a constructor function's variable, an object literal), for
	// this.<field>; nextOwner is handed to the next function pushed
	owners    []any
	nextOwner any
	// loop: the outermost loop statement open in the current function
	// (pass 1, loops.go)
	loop js.IStmt
	// runRoot: the innermost open function that may run more than once
	// per run of the function around it (nil: the top level), pass 1;
	// a function immediately invoked outside every loop of its parent
	// runs exactly once per run of the parent and has the parent's
	// (loops.go). iife: the function expression the call being walked
	// invokes immediately.
	runRoot js.INode
	iife    js.INode
	// fnNode: the open function (nil: the top level), pass 1 (names.go)
	fnNode js.INode
	// frames1: loop, runRoot and fnNode of the enclosing functions (pass 1)
	frames1 []frame1
	// thisAliases: locals bound to a non-global `this` (var _this = …
	// || this) and the owner, for fields written through them (pass 1)
	thisAliases map[*js.Var]any
	// protoAliases: locals bound to C.prototype (Babel's _proto), pass 1;
	// objOwners: object literals whose methods _createClass puts on a
	// class (classes.go)
	protoAliases map[*js.Var]any
	objOwners    map[*js.ObjectExpr]any
}

// frame1 is what pass 1 keeps of an enclosing function.
type frame1 struct {
	loop    js.IStmt
	runRoot js.INode
	fn      js.INode
}

type depthError struct{}

func (p *Program) newWalker(pass int) *walker {
	w := &walker{p: p, pass: pass, thisG: []bool{true}, fn: []int{-1}, maxDepth: p.opts.MaxDepth * 8, forceVar: -1}
	if p.split == nil && len(p.buf) > 0 {
		w.segLo, w.segN = uintptr(unsafe.Pointer(&p.buf[:1][0])), uintptr(len(p.Src))
	}
	return w
}

func (w *walker) run() (err error) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(depthError); ok {
				err = &LimitError{What: "syntax tree nested too deeply", Flag: "max-depth", Value: w.depth, Max: w.maxDepth}
				return
			}
			panic(r)
		}
	}()
	for _, s := range w.p.AST.List {
		w.stmt(s)
	}
	return nil
}

func (p *Program) collectBindings() error {
	w := p.newWalker(1)
	if p.inUnits() {
		if err := p.collectParallel(w); err != nil {
			return err
		}
	} else if err := w.run(); err != nil {
		return err
	}
	p.nCalls = w.nCalls
	if p.inUnits() {
		return nil // parallel pass 2 sizes the facts when it puts them together
	}
	if w.nCalls > 0 && p.opts.Keep == nil {
		p.Calls = make([]Call, 0, w.nCalls)
	}
	if w.nFuncs > 0 {
		p.Funcs = make([]FuncInfo, 0, w.nFuncs)
	}
	if w.nAssigns > 0 && p.opts.Keep == nil {
		p.Assigns = make([]Assign, 0, w.nAssigns)
	}
	return nil
}

// inUnits reports whether the passes walk the input's units in parallel.
func (p *Program) inUnits() bool { return p.split != nil && p.workers > 1 }

func (p *Program) walk() error {
	// Every variable's value is resolved before pass 2, in the order pass 1
	// met the bindings: pass 2 then only reads them, so the model does not
	// depend on the order in which pass 2 (or its parallel walkers) asks.
	// calls resolved: about a third of the bindings on real bundles
	// (31,245 for 94,823 bindings on the bench bundle, 0.31-0.33 on the 8
	// largest public packages); sized once, the map is not split as it grows
	p.callMemo = make(map[callKey]*Value, len(p.order)*3/8)
	if p.split != nil {
		p.linkedUses = p.split.LinkedUses()
	}
	p.bindSingleCalls() // singlecall.go: before the values are resolved
	p.resolveValues()
	p.order = nil
	p.valSlab = nil
	if p.inUnits() {
		if done, err := p.walkParallel(p.workers); done {
			if err == nil {
				p.notePropWrites()
			}
			return err
		}
	}
	p.callMemo = make(map[callKey]*Value, p.nCalls)
	err := p.newWalker(2).run()
	p.owner = nil // Resolve after Parse knows no enclosing function
	if err == nil {
		p.notePropWrites()
	}
	return err
}

// resolveValues resolves every binding's value, in the order pass 1 made
// the bindings (the values phase).
func (p *Program) resolveValues() {
	for _, b := range p.order {
		p.resolveBinding(b, 0)
	}
}

// keepValue copies a binding's known value to the heap, from slabs: one
// allocation per 256 values (on the 6 MB bench bundle 15,500 of the
// 95,000 bindings have one).
func (p *Program) keepValue(v Value) *Value {
	if len(p.valSlab) == cap(p.valSlab) {
		p.valSlab = make([]Value, 0, 256)
	}
	p.valSlab = append(p.valSlab, v)
	return &p.valSlab[len(p.valSlab)-1]
}

func (w *walker) enter() {
	w.depth++
	if w.depth > w.maxDepth {
		panic(depthError{})
	}
}

func (w *walker) leave() { w.depth-- }

func (w *walker) thisGlobal() bool { return w.thisG[len(w.thisG)-1] }
func (w *walker) curFunc() int     { return w.fn[len(w.fn)-1] }

// ---- positions ----

// leaf returns the offset of a byte slice that lies in the input, or -1.
func (w *walker) leaf(b []byte) int {
	if len(b) == 0 {
		return -1
	}
	ptr := uintptr(unsafe.Pointer(&b[0]))
	d := ptr - w.segLo
	if d >= w.segN {
		if w.p.split == nil {
			return -1
		}
		sg, ok := w.p.split.Find(ptr)
		if !ok {
			return -1
		}
		w.segLo, w.segN, w.segOff = sg.Lo, sg.N, sg.Off
		d = ptr - sg.Lo
	}
	off := w.segOff + int(d)
	if w.pass == 2 && off >= w.cur {
		end := off + len(b)
		// quoted property keys are sliced without their quotes
		if src := w.p.Src; off > 0 && end < len(src) && (src[off-1] == '"' || src[off-1] == '\'') && src[end] == src[off-1] {
			end++
		}
		w.cur = end
	}
	return off
}

func (w *walker) skipSpace(i int) int {
	src := w.p.Src
	for i < len(src) {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			i++
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			for i < len(src) && src[i] != '\n' && src[i] != '\r' {
				i++
			}
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			j := i + 2
			for j+1 < len(src) && !(src[j] == '*' && src[j+1] == '/') {
				j++
			}
			i = j + 2
		case c == 0xC2 && i+1 < len(src) && src[i+1] == 0xA0: // NBSP
			i += 2
		case c == 0xEF && i+2 < len(src) && src[i+1] == 0xBB && src[i+2] == 0xBF: // BOM
			i += 3
		case c == 0xE2 && i+2 < len(src) && src[i+1] == 0x80 && (src[i+2] == 0xA8 || src[i+2] == 0xA9 || src[i+2] <= 0x8A): // LS, PS, spaces
			i += 3
		default:
			return i
		}
	}
	return i
}

// token returns the extent of the token at i (after skipSpace) and whether
// it is a word (identifier or keyword).
func (w *walker) token(i int) (end int, word bool) {
	src := w.p.Src
	c := src[i]
	switch {
	case jsscan.IsIdentByte(c) && !(c >= '0' && c <= '9'):
		j := i
		for j < len(src) && jsscan.IsIdentByte(src[j]) {
			if src[j] == '\\' {
				j++
			}
			j++
		}
		if j > len(src) {
			j = len(src)
		}
		return j, true
	case c >= '0' && c <= '9' || c == '.' && i+1 < len(src) && src[i+1] >= '0' && src[i+1] <= '9':
		j := i + 1
		for j < len(src) && (jsscan.IsIdentByte(src[j]) || src[j] == '.' || ((src[j] == '+' || src[j] == '-') && (src[j-1] == 'e' || src[j-1] == 'E'))) {
			j++
		}
		return j, false
	case c == '"' || c == '\'':
		j := i + 1
		for j < len(src) && src[j] != c {
			if src[j] == '\\' {
				j++
			}
			j++
		}
		return min(j+1, len(src)), false
	}
	return i + 1, false
}

const maxScanTokens = 256

// ident finds the identifier name at or after the cursor and moves past it.
func (w *walker) ident(name []byte) int {
	if w.pass != 2 {
		return -1
	}
	src := w.p.Src
	i := w.cur
	for n := 0; n < maxScanTokens; n++ {
		i = w.skipSpace(i)
		if i >= len(src) {
			return -1
		}
		end, word := w.token(i)
		if word && end-i == len(name) && string(src[i:end]) == string(name) {
			w.cur = end
			return i
		}
		i = end
	}
	return -1
}

// identVar places a variable's identifier (and records it for the oracle).
func (w *walker) identVar(name []byte) int {
	at := w.ident(name)
	if w.pass == 2 && w.p.opts.RecordIdents {
		if at >= 0 {
			w.p.Idents = append(w.p.Idents, at)
		} else {
			if w.p.Unplaced == 0 {
				w.p.FirstUnplaced = w.cur
			}
			w.p.Unplaced++
		}
	}
	return at
}

// punct finds the punctuator c at or after the cursor and moves past it.
func (w *walker) punct(c byte) int {
	if w.pass != 2 {
		return -1
	}
	src := w.p.Src
	i := w.cur
	for n := 0; n < maxScanTokens; n++ {
		i = w.skipSpace(i)
		if i >= len(src) {
			return -1
		}
		if src[i] == c {
			w.cur = i + 1
			return i
		}
		end, _ := w.token(i)
		i = end
	}
	return -1
}

// seq finds "=>" after the cursor and moves past it.
func (w *walker) arrow() {
	if w.pass != 2 {
		return
	}
	src := w.p.Src
	i := w.cur
	for n := 0; n < maxScanTokens; n++ {
		i = w.skipSpace(i)
		if i+1 >= len(src) {
			return
		}
		if src[i] == '=' && src[i+1] == '>' {
			w.cur = i + 2
			return
		}
		end, _ := w.token(i)
		i = end
	}
}

// next returns the offset of the next token after the cursor, without moving.
func (w *walker) next() int {
	if w.pass != 2 {
		return -1
	}
	return w.skipSpace(w.cur)
}

// closers moves the cursor over a run of closing punctuation (function ends).
func (w *walker) closers() int {
	if w.pass != 2 {
		return -1
	}
	src := w.p.Src
	i := w.skipSpace(w.cur)
	for i < len(src) && (src[i] == '}' || src[i] == ')') {
		i++
		if src[i-1] == '}' {
			break
		}
		i = w.skipSpace(i)
	}
	w.cur = max(w.cur, i)
	return i
}

// ---- statements ----

func (w *walker) block(b *js.BlockStmt) {
	for _, s := range b.List {
		w.stmt(s)
	}
}

func (w *walker) stmt(s js.IStmt) {
	if s == nil {
		return
	}
	w.enter()
	if w.pass == 1 && w.loop == nil && isLoop(s) {
		w.loop = s
		w.stmtIn(s)
		w.loop = nil
	} else {
		w.stmtIn(s)
	}
	w.depth--
}

func (w *walker) stmtIn(s js.IStmt) {
	switch n := s.(type) {
	case *js.BlockStmt:
		w.block(n)
	case *js.ExprStmt:
		w.expr(n.Value, Read, true)
	case *js.VarDecl:
		w.varDecl(n)
	case *js.IfStmt:
		w.punct('(')
		w.expr(n.Cond, Read, true)
		w.stmt(n.Body)
		w.stmt(n.Else)
	case *js.DoWhileStmt:
		w.stmt(n.Body)
		w.punct('(')
		w.expr(n.Cond, Read, true)
	case *js.WhileStmt:
		w.punct('(')
		w.expr(n.Cond, Read, true)
		w.stmt(n.Body)
	case *js.ForStmt:
		w.punct('(')
		w.expr(n.Init, Read, true)
		w.expr(n.Cond, Read, true)
		w.expr(n.Post, Read, true)
		if n.Body != nil {
			w.stmt(n.Body)
		}
	case *js.ForInStmt:
		w.punct('(')
		w.forTarget(n.Init)
		w.expr(n.Value, Read, true)
		if n.Body != nil {
			w.stmt(n.Body)
		}
	case *js.ForOfStmt:
		w.punct('(')
		if w.pass == 1 {
			w.bindForOf(n)
		}
		w.forTarget(n.Init)
		w.expr(n.Value, Read, true)
		if n.Body != nil {
			w.stmt(n.Body)
		}
	case *js.SwitchStmt:
		w.punct('(')
		w.expr(n.Init, Read, true)
		for i := range n.List {
			c := &n.List[i]
			w.expr(c.Cond, Read, true)
			for _, s := range c.List {
				w.stmt(s)
			}
		}
	case *js.ReturnStmt:
		w.expr(n.Value, Read, true)
	case *js.ThrowStmt:
		w.expr(n.Value, Read, true)
	case *js.WithStmt:
		if at := w.ident([]byte("with")); at >= 0 {
			w.p.Withs = append(w.p.Withs, at)
		} else if w.pass == 2 {
			w.p.Withs = append(w.p.Withs, w.next())
		}
		w.punct('(')
		w.expr(n.Cond, Read, true)
		w.stmt(n.Body)
	case *js.LabelledStmt:
		w.leaf(n.Label)
		w.stmt(n.Value)
	case *js.TryStmt:
		if n.Body != nil {
			w.block(n.Body)
		}
		if n.Binding != nil {
			w.binding(n.Binding, nil, true)
		}
		if n.Catch != nil {
			w.block(n.Catch)
		}
		if n.Finally != nil {
			w.block(n.Finally)
		}
	case *js.FuncDecl:
		w.function(n, "")
	case *js.ClassDecl:
		w.class(n)
	case *js.ExportStmt:
		if n.Decl != nil {
			w.expr(n.Decl, Read, true)
		}
	case *js.DirectivePrologueStmt:
		w.leaf(n.Value)
	}
}

func (w *walker) forTarget(e js.IExpr) {
	switch n := e.(type) {
	case *js.VarDecl:
		for i := range n.List {
			w.binding(n.List[i].Binding, nil, true)
			w.expr(n.List[i].Default, Read, true)
		}
	case *js.Var:
		if w.pass == 1 {
			w.mutate(n)
		}
		w.expr(n, Assigned, true)
	default:
		w.expr(e, Assigned, true)
	}
}

// newBinding hands out bindings from slabs: one allocation per 512.
func (w *walker) newBinding() *binding {
	if len(w.slab) == cap(w.slab) {
		w.slab = make([]binding, 0, 512)
	}
	w.slab = w.slab[:len(w.slab)+1]
	b := &w.slab[len(w.slab)-1]
	w.p.order = append(w.p.order, b)
	return b
}

func (w *walker) mutate(v *js.Var) {
	v = varOf(v)
	if v.Decl == js.NoDecl {
		return
	}
	if w.task != nil { // parallel pass 1: replayed in walk order (parwalk.go)
		ev := bindEvent{v: v, mutate: true}
		if w.loop != nil {
			ev.ext = &bindExt{loop: w.loop, runRoot: w.runRoot}
		}
		w.task.events.add(ev)
		return
	}
	b := w.binding1(v)
	b.mutated = true
	w.p.noteWrite(v, b, w.loop, w.runRoot, true)
}

// writeThrough records a property written through v (v.a = …, v[i] = …):
// an object or array literal bound to v no longer holds its data.
func (w *walker) writeThrough(v *js.Var) {
	v = varOf(v)
	if v.Decl == js.NoDecl || v.Decl == js.ArgumentDecl {
		return
	}
	if w.task != nil {
		ev := bindEvent{v: v, written: true}
		if w.loop != nil {
			ev.ext = &bindExt{loop: w.loop, runRoot: w.runRoot}
		}
		w.task.events.add(ev)
		return
	}
	b := w.binding1(v)
	b.written = true
	w.p.noteThrough(b, w.loop, w.runRoot)
}

func (w *walker) bind(v *js.Var, src bindSrc) {
	v = varOf(v)
	if v.Decl == js.NoDecl {
		return
	}
	owner := w.thisSrcOwner(v, src)
	if w.task != nil {
		ev := bindEvent{v: v, src: src}
		if owner != nil || w.loop != nil {
			ev.ext = &bindExt{owner: owner, loop: w.loop, runRoot: w.runRoot}
		}
		w.task.events.add(ev)
		return
	}
	b := w.binding1(v)
	b.add(src)
	w.p.srcOwner(v, b, owner)
	w.p.noteWrite(v, b, w.loop, w.runRoot, false)
}

// binding1 returns v's binding, made on first use (pass 1).
func (w *walker) binding1(v *js.Var) *binding {
	b := w.p.bindings.get(v)
	if b == nil {
		b = w.newBinding()
		w.p.bindings.set(v, b)
	}
	return b
}

// add records one more source of a variable: the first eight are kept,
// more make it mutated.
func (b *binding) add(src bindSrc) {
	switch {
	case b.n == 0:
		b.first = src
		b.n = 1
	case b.n < 8:
		b.more = append(b.more, src)
		b.n++
	default:
		b.mutated = true
	}
}

func (w *walker) varDecl(d *js.VarDecl) {
	for i := range d.List {
		el := &d.List[i]
		if w.pass == 1 {
			if el.Default != nil {
				w.bindPattern(el.Binding, bindSrc{expr: el.Default, thisGlobal: w.thisGlobal()})
			} else if d.InForInOf {
				w.mutatePattern(el.Binding)
			}
		}
		var src *Value
		if w.pass == 2 && el.Default != nil {
			if _, isVar := el.Binding.(*js.Var); !isVar {
				v := w.p.Resolve(el.Default, w.thisGlobal())
				src = &v
			}
		}
		w.binding(el.Binding, src, d.InForInOf)
		if el.Default != nil {
			w.expr(el.Default, Read, true)
		}
	}
}

func (w *walker) bindPattern(b js.IBinding, src bindSrc) {
	switch n := b.(type) {
	case *js.Var:
		w.bind(n, src)
	case *js.BindingObject:
		for _, it := range n.List {
			if it.Key == nil {
				continue
			}
			// a computed key is folded when the value is resolved, once
			// every binding is known (pass 1 resolves nothing)
			key := bindKey{expr: it.Key.Computed}
			if !it.Key.IsComputed() {
				key = bindKey{name: propName(it.Key.Literal)}
			}
			s := src
			ks := append(append([]bindKey(nil), src.keyList()...), key)
			s.keys = &ks
			w.bindPattern(it.Value.Binding, s)
			if it.Value.Default != nil {
				w.bindPattern(it.Value.Binding, bindSrc{expr: it.Value.Default, thisGlobal: src.thisGlobal})
			}
		}
		if n.Rest != nil {
			w.mutate(n.Rest)
		}
	case *js.BindingArray:
		for i, el := range n.List {
			s := src
			ks := append(append([]bindKey(nil), src.keyList()...), bindKey{name: itoa(i)})
			s.keys = &ks
			w.bindPattern(el.Binding, s)
		}
		if n.Rest != nil {
			w.mutatePattern(n.Rest)
		}
	}
}

func (w *walker) mutatePattern(b js.IBinding) {
	switch n := b.(type) {
	case *js.Var:
		w.mutate(n)
	case *js.BindingObject:
		for _, it := range n.List {
			w.mutatePattern(it.Value.Binding)
		}
		if n.Rest != nil {
			w.mutate(n.Rest)
		}
	case *js.BindingArray:
		for _, el := range n.List {
			w.mutatePattern(el.Binding)
		}
		if n.Rest != nil {
			w.mutatePattern(n.Rest)
		}
	}
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return formatNumber(float64(i))
}

func propName(l js.LiteralExpr) string {
	switch l.TokenType {
	case js.StringToken:
		return DecodeString(l.Data)
	case js.DecimalToken, js.IntegerToken, js.HexadecimalToken, js.OctalToken, js.BinaryToken:
		v := literalValue(&l, false)
		if v.Kind == Const {
			return v.Str
		}
	}
	name, _ := identName(l.Data)
	return name
}

// binding walks a declaration target; src is the resolved value being
// destructured (pass 2) so that keys naming an API are reported.
func (w *walker) binding(b js.IBinding, src *Value, forInOf bool) {
	if b == nil {
		return
	}
	w.enter()
	defer w.leave()
	switch n := b.(type) {
	case *js.Var:
		w.identVar(n.Data)
		if w.pass == 1 && forInOf {
			w.mutate(n)
		}
	case *js.BindingArray:
		w.punct('[')
		for i, el := range n.List {
			var s *Value
			if src != nil {
				v := Value{}
				s = &v
			}
			_ = i
			w.binding(el.Binding, s, forInOf)
			w.expr(el.Default, Read, true)
		}
		w.binding(n.Rest, nil, forInOf)
	case *js.BindingObject:
		w.punct('{')
		for _, it := range n.List {
			var keyVal *Value
			if it.Key != nil {
				if it.Key.IsComputed() {
					w.punct('[')
					w.expr(it.Key.Computed, Read, true)
					if src != nil {
						if k, ok := w.p.Fold(it.Key.Computed); ok {
							v := w.p.member(*src, k, true, false)
							keyVal = &v
						}
					}
				} else {
					at := w.leaf(it.Key.Literal.Data)
					if v, ok := it.Value.Binding.(*js.Var); ok && at < 0 && string(v.Data) == string(it.Key.Literal.Data) {
						// shorthand {fetch}: the parser copies the key; the
						// binding's name is the source text
						nx := w.skipSpace(w.cur)
						if nx < len(w.p.Src) && w.p.Src[nx] == ',' {
							nx = w.skipSpace(nx + 1)
						}
						if nx+len(v.Data) <= len(w.p.Src) && string(w.p.Src[nx:nx+len(v.Data)]) == string(v.Data) {
							at = nx
							w.cur = nx + len(v.Data)
						}
					}
					if w.pass == 2 && at >= 0 && w.p.members.has(it.Key.Literal.Data) {
						w.member(string(it.Key.Literal.Data), at)
					}
					if v, ok := it.Value.Binding.(*js.Var); ok && at >= 0 && string(v.Data) == string(it.Key.Literal.Data) {
						if nx := w.skipSpace(w.cur); nx < len(w.p.Src) && w.p.Src[nx] != ':' {
							w.forceVar = at
						}
					}
					if src != nil {
						name, esc := identName(it.Key.Literal.Data)
						if it.Key.Literal.TokenType == js.StringToken {
							name = DecodeString(it.Key.Literal.Data)
						}
						v := w.p.member(*src, name, false, esc)
						v.Reflective = true
						keyVal = &v
						if at >= 0 && (v.Kind == Global || v.Kind == Unresolved) && v.Path != "" {
							w.addRef(v, at, Read, nil)
						}
					}
				}
			}
			if vv, ok := it.Value.Binding.(*js.Var); ok && w.forceVar >= 0 {
				w.forceVar = -1
				_ = vv
			} else {
				w.binding(it.Value.Binding, keyVal, forInOf)
			}
			w.expr(it.Value.Default, Read, true)
		}
		if n.Rest != nil {
			w.identVar(n.Rest.Data)
		}
	}
}

// ---- functions and classes ----

func (w *walker) pushFunc(kind, name string, node js.INode, start int, arrow bool, params, stmts int) {
	if w.pass == 2 {
		w.p.Funcs = append(w.p.Funcs, FuncInfo{Name: name, Kind: kind, Pos: start, Parent: w.curFunc(), Node: node, Params: params, Stmts: stmts})
		w.fn = append(w.fn, len(w.p.Funcs)-1)
	} else {
		w.nFuncs++
	}
	if arrow {
		w.thisG = append(w.thisG, w.thisGlobal())
	} else {
		w.thisG = append(w.thisG, false)
	}
	w.owners = append(w.owners, w.ownerOf(node, arrow))
	w.nextOwner = nil
	if w.pass == 1 {
		w.frames1 = append(w.frames1, frame1{w.loop, w.runRoot, w.fnNode})
		if node != w.iife || w.loop != nil {
			w.runRoot = node
		}
		w.iife, w.loop, w.fnNode = nil, nil, node
	}
	if w.pass == 2 {
		w.p.owner = w.owners[len(w.owners)-1]
	}
}

// popFunc ends the current function. open is the offset of its body's
// '{' (-1 when unknown): with the brace table of the scan, the function
// ends exactly after the matching '}' and the cursor goes there.
func (w *walker) popFunc(open int) {
	if len(w.owners) > 0 {
		w.owners = w.owners[:len(w.owners)-1]
	}
	if w.pass == 1 && len(w.frames1) > 0 {
		f := w.frames1[len(w.frames1)-1]
		w.loop, w.runRoot, w.fnNode = f.loop, f.runRoot, f.fn
		w.frames1 = w.frames1[:len(w.frames1)-1]
	}
	if w.pass == 2 {
		w.p.owner = w.curOwner()
	}
	if w.pass == 2 {
		i := w.fn[len(w.fn)-1]
		w.fn = w.fn[:len(w.fn)-1]
		c := -1
		if open >= 0 && w.p.braces != nil {
			c = jsscan.Closing(w.p.braces, open)
		}
		if c >= 0 {
			w.cur = max(w.cur, c+1)
			w.p.Funcs[i].End = w.cur
		} else {
			w.p.Funcs[i].End = max(w.closers(), w.cur)
		}
	}
	w.thisG = w.thisG[:len(w.thisG)-1]
}

func stableName(b []byte) string {
	if len(b) <= 2 {
		return "" // minified names change between builds
	}
	n, _ := identName(b)
	return n
}

func (w *walker) function(n *js.FuncDecl, hint string) {
	if w.p.split != nil {
		w.p.split.GraftFunc(n)
		if w.splice(n, hint) {
			return
		}
	}
	start := w.exprStart()
	name := hint
	if n.Name != nil && name == "" {
		name = stableName(n.Name.Data)
	}
	if w.pass == 1 && n.Name != nil {
		v := funcValue(n.Async, n.Generator, "function")
		w.bind(n.Name, bindSrc{fn: &v, expr: n}) // expr: the body, for helperReturn
	}
	w.pushFunc(funcValue(n.Async, n.Generator, "function").FuncKind, name, n, start, false, len(n.Params.List), len(n.Body.List))
	if n.Name != nil {
		w.identVar(n.Name.Data)
	}
	w.params(&n.Params)
	open := w.punct('{')
	w.block(&n.Body)
	w.popFunc(open)
}

func (w *walker) params(ps *js.Params) {
	w.punct('(')
	for i := range ps.List {
		w.binding(ps.List[i].Binding, nil, false)
		w.expr(ps.List[i].Default, Read, true)
	}
	w.binding(ps.Rest, nil, false)
}

func (w *walker) arrowFunc(n *js.ArrowFunc) int {
	if w.p.split != nil {
		w.p.split.GraftArrow(n)
		if w.par != nil && n != w.root && w.p.split.IsUnit(n) {
			start := w.exprStart()
			w.splice(n, w.takeHint())
			return start
		}
	}
	start := w.exprStart()
	w.pushFunc(funcValue(n.Async, false, "arrow").FuncKind, w.takeHint(), n, start, true, len(n.Params.List), len(n.Body.List))
	for i := range n.Params.List {
		w.binding(n.Params.List[i].Binding, nil, false)
		w.expr(n.Params.List[i].Default, Read, true)
	}
	w.binding(n.Params.Rest, nil, false)
	w.arrow()
	open := -1
	if w.pass == 2 {
		// a body in braces (an expression body cannot start with one)
		if i := w.skipSpace(w.cur); i < len(w.p.Src) && w.p.Src[i] == '{' {
			open = i
		}
	}
	w.block(&n.Body)
	w.popFunc(open)
	return start
}

func (w *walker) takeHint() string {
	h := w.nameHint
	w.nameHint = ""
	return h
}

func (w *walker) method(m *js.MethodDecl, className string) {
	name, start := w.classNamePos(m.Name)
	if start < 0 {
		start = w.next()
	}
	full := name
	if className != "" && name != "" {
		full = className + "." + name
	}
	kind := "method"
	if m.Get && w.pass == 1 && len(m.Body.List) == 1 {
		if r, ok := m.Body.List[0].(*js.ReturnStmt); ok && name != "" {
			w.bindField(name, r.Value) // get nav() { return navigator }
		}
	}
	if m.Get {
		kind = "getter"
	} else if m.Set {
		kind = "setter"
	}
	w.pushFunc(kind, full, m, start, false, len(m.Params.List), len(m.Body.List))
	w.params(&m.Params)
	open := w.punct('{')
	w.block(&m.Body)
	w.popFunc(open)
}

// className walks a class element name and returns it ("" when computed).
func (w *walker) className(n js.ClassElementName) string {
	name, _ := w.classNamePos(n)
	return name
}

// classNamePos is className with the offset of the name (-1 when unknown).
func (w *walker) classNamePos(n js.ClassElementName) (string, int) {
	if n.Private != nil {
		return "#" + string(n.Private.Data), -1
	}
	if n.IsComputed() {
		at := w.punct('[')
		w.expr(n.Computed, Read, true)
		if w.pass != 2 {
			return "", at // names are pass 2's
		}
		if k, ok := w.p.Fold(n.Computed); ok {
			return k, at
		}
		return "", at
	}
	at := w.leaf(n.Literal.Data)
	return propName(n.Literal), at
}

// exprStart returns the offset where the expression after the cursor
// starts, skipping the operators and keywords of the enclosing construct
// (= , : ? return …) that the walk has not consumed. The cursor does not move.
func (w *walker) exprStart() int {
	if w.pass != 2 {
		return -1
	}
	src := w.p.Src
	i := w.cur
	for n := 0; n < 16; n++ {
		i = w.skipSpace(i)
		if i >= len(src) {
			return -1
		}
		c := src[i]
		if strings.IndexByte("=,:?!&|+-*%<>~^;)]}", c) >= 0 {
			i++
			continue
		}
		if jsscan.IsIdentByte(c) && !(c >= '0' && c <= '9') {
			end, _ := w.token(i)
			switch string(src[i:end]) {
			case "return", "yield", "await", "typeof", "void", "delete", "case", "default", "else", "do", "in", "of",
				"instanceof", "throw", "export", "extends":
				i = end
				continue
			}
		}
		return i
	}
	return w.skipSpace(w.cur)
}

func (w *walker) class(n *js.ClassDecl) int {
	if w.pass == 2 && len(n.List) > 0 {
		w.p.writeSites.add(n) // its fields, for ConstProp (names.go)
	}
	start := w.exprStart()
	name := ""
	if n.Name != nil {
		name = stableName(n.Name.Data)
		if w.pass == 1 {
			v := Value{Kind: Func, FuncKind: "class"}
			w.bind(n.Name, bindSrc{fn: &v, expr: n}) // expr: the class, for its superclass (depth.go)
		}
		w.identVar(n.Name.Data)
	}
	if name == "" {
		name = w.takeHint()
	}
	w.expr(n.Extends, Read, true)
	open := w.punct('{') // the class body
	w.pushFunc("class", name, n, start, false, 0, len(n.List))
	for i := range n.List {
		el := &n.List[i]
		switch {
		case el.StaticBlock != nil:
			w.block(el.StaticBlock)
		case el.Method != nil:
			w.method(el.Method, name)
		default:
			fname := w.className(el.Field.Name)
			if w.pass == 1 && !el.Field.Static && el.Field.Name.Private == nil {
				w.bindField(fname, el.Field.Init) // class C { nav = navigator }
			}
			w.expr(el.Field.Init, Read, true)
		}
	}
	w.popFunc(open)
	return start
}
