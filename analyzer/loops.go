package analyzer

// Closed decoding loops: a string built by a loop over constants
//
//	const enc = "kfvpg"; let name = "";
//	for (let i = 0; i < enc.length; i++) name += String.fromCharCode(enc.charCodeAt(i) ^ 3);
//	window[name](url)
//
// is folded by running the loop in the sandbox (Options.Eval), when the
// variable is written only by its initialiser (a constant string) and
// inside one loop, and the loop is closed: every variable it reads is
// declared inside it, is the variable itself, or is a constant (a string,
// a number or an array of them) the folder knows. Anything else leaves the
// variable unknown, as before (window[name] is then an unresolved access).

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/tdewolff/parse/v2/js"
)

// loopWrites are the writes inside a loop of one variable whose first
// source is outside every loop (noted in pass 1). Mutations outside every
// loop and a first source inside one are flags of the binding (mutOut,
// firstInLoop): such a variable is never folded.
type loopWrites struct {
	v    *js.Var
	loop js.IStmt // the outermost loop of the function holding the writes
	// runRoot: the innermost function around the loop that may run more
	// than once per run of its parent (nil: the top level): the loop runs
	// once per run of it (walker.runRoot)
	runRoot js.INode
	multi   bool // writes inside more than one loop
	binds   int  // assignments inside the loop
	mutates int  // compound assignments, ++/--, for-in/of targets inside the loop
}

// maxLoopSource bounds the text of a loop that is evaluated.
const maxLoopSource = 4096

func isLoop(s js.IStmt) bool {
	switch s.(type) {
	case *js.ForStmt, *js.ForInStmt, *js.ForOfStmt, *js.WhileStmt, *js.DoWhileStmt:
		return true
	}
	return false
}

// noteWrite records a write of v's binding b (pass 1 or its replay): in
// loop (nil: outside every loop of its function) under runRoot, a
// mutation or a source (then b has just received it).
func (p *Program) noteWrite(v *js.Var, b *binding, loop js.IStmt, runRoot js.INode, mutate bool) {
	switch {
	case loop == nil:
		if mutate {
			b.mutOut = true
		}
		return
	case b.firstInLoop:
		return
	case mutate && b.n == 0, !mutate && b.n == 1:
		b.firstInLoop = true // no constant initialiser before the loop (most loop counters)
		return
	}
	if p.loopWrites == nil {
		p.loopWrites = map[*binding]*loopWrites{}
	}
	lw := p.loopWrites[b]
	switch {
	case lw == nil:
		lw = &loopWrites{v: v, loop: loop, runRoot: runRoot}
		p.loopWrites[b] = lw
		b.looped = true
	case lw.loop != loop:
		lw.multi = true
	}
	if mutate {
		lw.mutates++
	} else {
		lw.binds++
	}
}

// foldable returns the loop writes of a binding that a loop alone builds
// from one constant initialiser (nil otherwise).
func (p *Program) foldable(b *binding) *loopWrites {
	if !b.looped {
		return nil
	}
	lw := p.loopWrites[b]
	if lw == nil || lw.multi || b.mutOut || b.firstInLoop || b.n >= 8 || int(b.n)-lw.binds != 1 ||
		b.first.expr == nil || len(b.first.keyList()) > 0 {
		return nil
	}
	return lw
}

// loopFold folds the value of a variable built by one closed loop.
func (p *Program) loopFold(b *binding, depth int) (Value, bool) {
	lw := p.foldable(b)
	if lw == nil || p.opts.Eval == nil {
		return Value{}, false
	}
	init := p.resolve(b.first.expr, b.first.thisGlobal, depth+1)
	if init.Kind != Const || init.Num() {
		return Value{}, false // built from a string: counters and sums are not names
	}
	if !lw.runsOnce(b) {
		return Value{}, false
	}
	c := closedCheck{declared: map[*js.Var]bool{}, loop: true}
	c.collect(lw.loop)
	if !c.ok(lw.loop, 0) {
		return Value{}, false
	}
	var body bytes.Buffer
	lw.loop.JS(&body)
	if body.Len() > maxLoopSource {
		return Value{}, false
	}
	var sb strings.Builder
	sb.WriteString("function(){var ")
	sb.WriteString(string(lw.v.Data))
	sb.WriteByte('=')
	sb.WriteString(jsString(init.Str))
	sb.WriteByte(';')
	if !p.writeInputs(&sb, &c, lw.v, lw.loop, depth+1) {
		return Value{}, false
	}
	if p.seenBeforeLoop(lw.runRoot, lw.loop, nil, lw.v) {
		return Value{}, false // read before the loop runs: not its value
	}
	sb.Write(body.Bytes())
	sb.WriteString(";return ")
	sb.WriteString(string(lw.v.Data))
	sb.WriteString("}()")
	code := sb.String()
	s, ok := p.evalKey(code)
	if !ok {
		return Value{}, false
	}
	return Value{Kind: Const, Str: s, Encoded: s != init.Str, EncodedLen: body.Len()}, true
}

// writeInputs declares, before the code the sandbox runs, every free
// variable of the checked code other than skip, as `var name=literal;`
// with its value (loopInput); false when one has no such value, or no
// number where the code uses it as one.
func (p *Program) writeInputs(sb *strings.Builder, c *closedCheck, skip *js.Var, loop js.IStmt, depth int) bool {
	for _, fv := range c.freeList {
		if fv == skip {
			continue
		}
		lit, num, ok := p.loopInput(fv, loop, depth)
		if !ok || c.numVars[fv] && !num {
			return false
		}
		sb.WriteString("var ")
		sb.WriteString(string(fv.Data))
		sb.WriteByte('=')
		sb.WriteString(lit)
		sb.WriteByte(';')
	}
	return true
}

// loopInput returns the JavaScript literal of a variable a loop reads
// from outside: a constant the folder knows (a string, a number, an array
// literal of them bound once and never written through), or a variable
// written only by a constant initialiser and inside the same loop (a
// counter declared before a while loop). num: the literal is a number.
func (p *Program) loopInput(v *js.Var, loop js.IStmt, depth int) (lit string, num, ok bool) {
	if v.Decl == js.NoDecl {
		return "", false, false
	}
	if arr, ok := p.dataObject(v).(*js.ArrayExpr); ok {
		if len(arr.List) > 1024 {
			return "", false, false
		}
		parts := make([]string, 0, len(arr.List))
		for _, el := range arr.List {
			if el.Spread {
				return "", false, false
			}
			r := p.resolve(el.Value, false, depth)
			if r.Kind != Const {
				return "", false, false
			}
			parts = append(parts, constJS(r))
		}
		return "[" + strings.Join(parts, ",") + "]", false, true
	}
	b := p.bindings.get(v)
	if b == nil {
		return "", false, false
	}
	if b.looped {
		// written in a loop: only this one, after one constant initialiser
		if lw := p.foldable(b); lw == nil || lw.loop != loop {
			return "", false, false
		}
		r := p.resolve(b.first.expr, b.first.thisGlobal, depth)
		if r.Kind != Const {
			return "", false, false
		}
		return constJS(r), r.Num(), true
	}
	r := p.resolveVar(v, depth)
	if r.Kind != Const {
		return "", false, false
	}
	return constJS(r), r.Num(), true
}

func constJS(r Value) string {
	if r.Num() {
		return r.Str
	}
	return jsString(r.Str)
}

// jsString quotes s as a JavaScript string literal (JSON's quoting is a
// subset of JavaScript's, U+2028 and U+2029 escaped).
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// maxDecoderSource bounds the text of a decoding function that is run.
const maxDecoderSource = 8192

// decoderFunc returns the function expression a callee denotes: a function
// expression, or a local bound once to one (declarations included).
func (p *Program) decoderFunc(callee js.IExpr) js.IExpr {
	switch f := unparen(callee).(type) {
	case *js.FuncDecl, *js.ArrowFunc:
		return f
	case *js.Var:
		v := varOf(f)
		if v.Decl == js.NoDecl {
			return nil
		}
		b := p.bindings.get(v)
		if b == nil || b.n != 1 || b.mutated || b.first.expr == nil || len(b.first.keyList()) > 0 {
			return nil
		}
		switch g := unparen(b.first.expr).(type) {
		case *js.FuncDecl, *js.ArrowFunc:
			return g
		}
	}
	return nil
}

// decoderCall folds a call of a decoding function with constant arguments
// (function dec(s) { let r = ""; for (…) r += String.fromCharCode(s.charCodeAt(i) ^ 7); return r }
// dec("absdo")) by running it in the sandbox, when the function is closed
// (it reads only its parameters, its own locals and constants the folder
// knows) and looks like a decoder: it works on character codes. Other
// calls are never run.
func (p *Program) decoderCall(n *js.CallExpr, d int) (Value, bool) {
	if p.opts.Eval == nil || len(n.Args.List) == 0 || len(n.Args.List) > 8 {
		return Value{}, false
	}
	fn := p.decoderFunc(n.X)
	if fn == nil {
		return Value{}, false
	}
	// constant arguments first: most calls of local functions have none,
	// and they are the cheap test
	for _, a := range n.Args.List {
		if a.Rest || p.resolve(a.Value, false, d).Kind != Const {
			return Value{}, false
		}
	}
	if !p.isDecoder(fn) {
		return Value{}, false
	}
	var src bytes.Buffer
	fn.JS(&src)
	if src.Len() > maxDecoderSource {
		return Value{}, false
	}
	args := make([]string, 0, len(n.Args.List))
	inputLen := 0
	for _, a := range n.Args.List {
		if a.Rest {
			return Value{}, false
		}
		r := p.resolve(a.Value, false, d)
		if r.Kind != Const {
			return Value{}, false
		}
		args = append(args, constJS(r))
		inputLen += len(r.Str)
	}
	c := closedCheck{declared: map[*js.Var]bool{}, loop: true}
	c.collect(fn)
	if !c.okFunc(fn) {
		return Value{}, false
	}
	var sb strings.Builder
	sb.WriteString("function(){")
	if !p.writeInputs(&sb, &c, nil, nil, d) {
		return Value{}, false
	}
	sb.WriteString("return (")
	sb.Write(src.Bytes())
	sb.WriteString(")(")
	sb.WriteString(strings.Join(args, ","))
	sb.WriteString(")}()")
	s, ok := p.evalKey(sb.String())
	if !ok {
		return Value{}, false
	}
	return Value{Kind: Const, Str: s, Encoded: true, EncodedLen: inputLen}, true
}

// isDecoder reports whether a function works on character codes (a
// charCodeAt or fromCharCode/fromCodePoint member in its body): only such
// functions are run. Memoised per function in this program value (each
// parallel walker and reader has its own).
func (p *Program) isDecoder(fn js.IExpr) bool {
	if r, ok := p.decoders[fn]; ok {
		return r
	}
	found := false
	js.Walk(&charCodeFinder{found: &found}, fn)
	if p.decoders == nil {
		p.decoders = map[js.IExpr]bool{}
	}
	p.decoders[fn] = found
	return found
}

type charCodeFinder struct{ found *bool }

func (f *charCodeFinder) Enter(n js.INode) js.IVisitor {
	if *f.found {
		return nil
	}
	if d, ok := n.(*js.DotExpr); ok {
		if lit, ok := dotName(d.Y); ok {
			switch string(lit.Data) {
			case "charCodeAt", "fromCharCode", "fromCodePoint", "codePointAt":
				*f.found = true
				return nil
			}
		}
	}
	return f
}

func (f *charCodeFinder) Exit(js.INode) {}

// noteThrough records a property written through b's variable (a[i] = …,
// a.push(…)) in loop (nil: outside every loop of its function), pass 1
// or its replay.
func (p *Program) noteThrough(b *binding, loop js.IStmt, runRoot js.INode) {
	if loop == nil {
		b.writtenOut = true
		return
	}
	if b.writtenOut || b.n != 1 {
		return
	}
	if _, ok := unparen(b.first.expr).(*js.ArrayExpr); !ok {
		return // only an array literal bound once is ever folded (arrayLoopJoin)
	}
	if p.arrayLoops == nil {
		p.arrayLoops = map[*binding]*loopWrites{}
	}
	switch aw := p.arrayLoops[b]; {
	case aw == nil:
		p.arrayLoops[b] = &loopWrites{loop: loop, runRoot: runRoot}
	case aw.loop != loop:
		aw.multi = true
	}
}

// arrayLoopJoin folds a.join(sep) where a is an array literal of
// constants filled by one closed loop and written nowhere else
//
//	const out = []; for (let i = 0; i < codes.length; i++) out.push(String.fromCharCode(codes[i]));
//	window[out.join("")](u)
//
// by running the loop in the sandbox. The array must be bound once, never
// reassigned, passed to a function or written outside that loop; the join
// must not be inside the loop (it would see a part of the array); the loop
// must be closed (as loopFold's). Anything else is not folded.
func (p *Program) arrayLoopJoin(n *js.CallExpr, recv js.IExpr, arg func(int) Value, nargs int, d int) (Value, bool) {
	rv, ok := recv.(*js.Var)
	if !ok || p.opts.Eval == nil {
		return Value{}, false
	}
	v := varOf(rv)
	if v.Decl == js.NoDecl || v.Decl == js.ArgumentDecl || p.escaped[v] {
		return Value{}, false
	}
	b := p.bindings.get(v)
	if b == nil || b.n != 1 || b.mutated || !b.written || b.writtenOut || b.first.expr == nil || len(b.first.keyList()) > 0 {
		return Value{}, false
	}
	aw := p.arrayLoops[b]
	if aw == nil || aw.multi {
		return Value{}, false
	}
	arr, ok := unparen(b.first.expr).(*js.ArrayExpr)
	if !ok || len(arr.List) > 1024 {
		return Value{}, false
	}
	sep := ","
	if nargs > 0 {
		s := arg(0)
		if s.Kind != Const {
			return Value{}, false
		}
		sep = s.Str
	}
	if contains(aw.loop, n) {
		return Value{}, false
	}
	if !aw.runsOnce(b) {
		return Value{}, false
	}
	parts := make([]string, 0, len(arr.List))
	for _, el := range arr.List {
		if el.Spread {
			return Value{}, false
		}
		r := p.resolve(el.Value, false, d)
		if r.Kind != Const {
			return Value{}, false
		}
		parts = append(parts, constJS(r))
	}
	c := closedCheck{declared: map[*js.Var]bool{}, loop: true}
	c.collect(aw.loop)
	if !c.ok(aw.loop, 0) {
		return Value{}, false
	}
	var body bytes.Buffer
	aw.loop.JS(&body)
	if body.Len() > maxLoopSource {
		return Value{}, false
	}
	var sb strings.Builder
	sb.WriteString("function(){var ")
	sb.WriteString(string(v.Data))
	sb.WriteString("=[")
	sb.WriteString(strings.Join(parts, ","))
	sb.WriteString("];")
	if !p.writeInputs(&sb, &c, v, aw.loop, d) {
		return Value{}, false
	}
	if p.seenBeforeLoop(aw.runRoot, aw.loop, n, nil) {
		return Value{}, false // joined before the loop runs: not its value
	}
	sb.Write(body.Bytes())
	sb.WriteString(";return ")
	sb.WriteString(string(v.Data))
	sb.WriteString(".join(")
	sb.WriteString(jsString(sep))
	sb.WriteString(")}()")
	s, ok := p.evalKey(sb.String())
	if !ok {
		return Value{}, false
	}
	return Value{Kind: Const, Str: s, Encoded: true, EncodedLen: body.Len()}, true
}

// runsOnce reports whether the loop runs once per value the variable is
// given: the source b starts from (its initialiser, `[]` or "") is inside
// the loop's runRoot, so that each run of the function that may run
// several times starts again from it. A loop in a nested function that
// appends to (or adds to) a variable of an outer one, where that
// function is called in a loop, several times or passed anywhere, may
// have run any number of times before the variable is read: the value is
// not known. An immediately invoked function outside every loop of its
// parent runs once per run of the parent and keeps the parent's runRoot.
func (lw *loopWrites) runsOnce(b *binding) bool {
	return lw.runRoot == nil || contains(lw.runRoot, b.first.expr)
}

// contains reports whether node n is inside root.
func contains(root js.INode, n js.INode) bool {
	found := false
	js.Walk(&nodeFinder{n: n, found: &found}, root)
	return found
}

type nodeFinder struct {
	n     js.INode
	found *bool
}

func (f *nodeFinder) Enter(n js.INode) js.IVisitor {
	if *f.found {
		return nil
	}
	if n == f.n {
		*f.found = true
		return nil
	}
	return f
}

func (f *nodeFinder) Exit(js.INode) {}

// maxOrderScan bounds the nodes orderScan visits before it gives up.
const maxOrderScan = 1 << 16

// orderScan looks, in the straight-line run of root before loop starts,
// for the join call or a read of v: root's own code in the order it runs
// (an if's condition before its branches, a call's arguments before the
// function it invokes immediately) and the functions it invokes
// immediately; other functions run at another time (a callback, a method
// called later) and are not looked into. The loop is the outermost loop of
// its function and no loop of root's run holds it (the walker's runRoot),
// so the order inside other loops does not matter.
type orderScan struct {
	p     *Program
	root  js.INode
	loop  js.IStmt
	call  *js.CallExpr // the join (arrays)
	v     *js.Var      // the variable whose reads are found (strings)
	iifes []js.INode
	// called: local functions called directly before the loop, whose
	// bodies were searched (they run there, wherever they are declared)
	called []js.IExpr
	n      int
	done   bool // the loop was reached
	found  bool // found before the loop, or the scan gave up
}

// seenBeforeLoop reports whether the join call (or, with call nil, a read
// of v) runs before loop in root's run (root nil: the top level), or
// whether that cannot be told within maxOrderScan nodes.
func (p *Program) seenBeforeLoop(root js.INode, loop js.IStmt, call *js.CallExpr, v *js.Var) bool {
	if root == nil {
		if p.AST == nil {
			return true
		}
		root = p.AST
	}
	s := &orderScan{p: p, root: root, loop: loop, call: call, v: v}
	js.Walk(s, root)
	return s.found || !s.done
}

func (s *orderScan) walk(n js.INode) {
	if n != nil && !s.done && !s.found {
		js.Walk(s, n)
	}
}

func (s *orderScan) Enter(n js.INode) js.IVisitor {
	if s.done || s.found {
		return nil
	}
	if s.n++; s.n > maxOrderScan {
		s.found = true
		return nil
	}
	if st, ok := n.(js.IStmt); ok && st == s.loop {
		s.done = true
		return nil
	}
	switch n := n.(type) {
	case *js.IfStmt: // js.Walk visits the branches first
		s.walk(n.Cond)
		s.walk(n.Body)
		s.walk(n.Else)
		return nil
	case *js.TryStmt:
		if n.Body != nil {
			s.walk(n.Body)
		}
		s.walk(n.Binding)
		if n.Catch != nil {
			s.walk(n.Catch)
		}
		if n.Finally != nil {
			s.walk(n.Finally)
		}
		return nil
	case *js.SwitchStmt:
		s.walk(n.Init)
		for i := range n.List {
			s.walk(n.List[i].Cond)
			for _, st := range n.List[i].List {
				s.walk(st)
			}
		}
		return nil
	case *js.WithStmt:
		s.walk(n.Cond)
		s.walk(n.Body)
		return nil
	case *js.CallExpr:
		if n == s.call {
			s.found = true
			return nil
		}
		if f, _ := iifeFunc(n); f != nil {
			s.iifes = append(s.iifes, f) // js.Walk visits the arguments first
		} else if x, ok := unparen(n.X).(*js.Var); ok && varOf(x).Decl != js.NoDecl {
			// a local function called here runs here, before the loop
			// (as its arguments, which js.Walk visits next, do)
			s.calledHere(x)
		}
	case *js.FuncDecl, *js.ArrowFunc, *js.MethodDecl, *js.ClassDecl:
		if n != s.root && !s.iife(n) {
			return nil // runs at another time
		}
	case *js.BindingElement:
		if s.v != nil && isVar(n.Binding, s.v) {
			s.walk(n.Default) // the declaration writes v
			return nil
		}
	case *js.BinaryExpr:
		if s.v != nil && n.Op == js.EqToken && isVar(n.X, s.v) {
			s.walk(n.Y) // an assignment writes v
			return nil
		}
	case *js.Var:
		if s.v != nil && varOf(n) == s.v {
			s.found = true
			return nil
		}
	}
	return s
}

func (s *orderScan) Exit(js.INode) {}

// maxCalledScan bounds the local functions whose bodies one scan searches.
const maxCalledScan = 8

// calledHere searches the body of the local function x denotes (a
// declaration, or a function bound once to a local), called before the
// loop, for the join or a read of v anywhere in it, and the functions it
// calls directly in turn; more than maxCalledScan of them: given up.
func (s *orderScan) calledHere(x *js.Var) {
	fn := s.p.decoderFunc(x)
	if fn == nil {
		return
	}
	for _, f := range s.called {
		if f == fn {
			return
		}
	}
	if len(s.called) >= maxCalledScan {
		s.found = true
		return
	}
	s.called = append(s.called, fn)
	m := &mentionScan{s: s}
	js.Walk(m, fn)
	for _, c := range m.calls {
		if s.found {
			return
		}
		s.calledHere(c)
	}
}

// mentionScan finds the join or a read of v anywhere in a function, and
// collects the locals it calls directly.
type mentionScan struct {
	s     *orderScan
	calls []*js.Var
}

func (m *mentionScan) Enter(n js.INode) js.IVisitor {
	s := m.s
	if s.found {
		return nil
	}
	if s.n++; s.n > maxOrderScan {
		s.found = true
		return nil
	}
	switch n := n.(type) {
	case *js.CallExpr:
		if n == s.call {
			s.found = true
			return nil
		}
		if x, ok := unparen(n.X).(*js.Var); ok && varOf(x).Decl != js.NoDecl {
			m.calls = append(m.calls, x)
		}
	case *js.Var:
		if s.v != nil && varOf(n) == s.v {
			s.found = true
			return nil
		}
	}
	return m
}

func (m *mentionScan) Exit(js.INode) {}

func (s *orderScan) iife(n js.INode) bool {
	for _, f := range s.iifes {
		if f == n {
			return true
		}
	}
	return false
}

// isVar reports whether n is the variable v.
func isVar(n js.INode, v *js.Var) bool {
	x, ok := n.(*js.Var)
	return ok && varOf(x) == v
}
