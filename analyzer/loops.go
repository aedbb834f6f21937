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
	v       *js.Var
	loop    js.IStmt // the outermost loop of the function holding the writes
	multi   bool     // writes inside more than one loop
	binds   int      // assignments inside the loop
	mutates int      // compound assignments, ++/--, for-in/of targets inside the loop
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
// loop (nil: outside every loop of its function), a mutation or a source
// (then b has just received it).
func (p *Program) noteWrite(v *js.Var, b *binding, loop js.IStmt, mutate bool) {
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
		lw = &loopWrites{v: v, loop: loop}
		p.loopWrites[b] = lw
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
	for _, fv := range c.freeList {
		if fv == lw.v {
			continue
		}
		lit, num, ok := p.loopInput(fv, lw.loop, depth+1)
		if !ok || c.numVars[fv] && !num {
			return Value{}, false
		}
		sb.WriteString("var ")
		sb.WriteString(string(fv.Data))
		sb.WriteByte('=')
		sb.WriteString(lit)
		sb.WriteByte(';')
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
	b := p.bindings[v]
	if b == nil {
		return "", false, false
	}
	if p.loopWrites[b] != nil {
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
