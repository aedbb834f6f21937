package analyzer

import (
	"encoding/base64"
	"math"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tdewolff/parse/v2/js"
)

// binding records what a variable is assigned, for alias and constant flow.
type binding struct {
	v       *js.Var   // the variable (bindTable)
	first   bindSrc   // the first source (most variables have exactly one)
	more    []bindSrc // further sources
	n       uint8     // number of sources
	mutated bool      // compound assignment, ++/--, for-in/of target, catch parameter
	written bool      // a property written through it (names.a = …, list[i] = …)
	active  bool      // being resolved (cycle guard)
	val     *Value    // the memoised result (nil until resolved)
	// loops.go: a mutation outside every loop; the first source inside a loop;
	// a property written through it outside every loop, or it passed to a function
	mutOut, firstInLoop, writtenOut bool
	// owned: a source has an owner in srcOwners (depth.go); looped: the
	// binding has loopWrites (loops.go). Both spare a map lookup per source.
	owned, looped bool
	// thisVar: a source is a non-global `this` (var self = this), depth.go
	thisVar bool
}

// src returns source i.
func (b *binding) src(i int) *bindSrc {
	if i == 0 {
		return &b.first
	}
	return &b.more[i-1]
}

var unknownValue = &Value{}

// bindSrc is one value flowing into a variable: expr, then the keys of a
// destructuring pattern applied in order.
type bindSrc struct {
	expr       js.IExpr
	keys       *[]bindKey // nil but in destructuring (a pointer: bindings and pass 1 events are many)
	fn         *Value     // set for function and class declarations
	thisGlobal bool
}

// keyList returns the source's destructuring keys.
func (s *bindSrc) keyList() []bindKey {
	if s.keys == nil {
		return nil
	}
	return *s.keys
}

// identIndex numbers the 64 ASCII identifier characters; twoByteNames
// holds every two-character name made of them (minified code is full of
// them), so that identName does not allocate one string per use.
var (
	identIndex   [256]uint16
	twoByteNames [64 * 64]string
)

func init() {
	const chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$"
	for i := range len(chars) {
		identIndex[chars[i]] = uint16(i)
	}
	for i := range len(chars) {
		for j := range len(chars) {
			twoByteNames[i<<6|j] = chars[i:i+1] + chars[j:j+1]
		}
	}
}

// bindKey is a key of a destructuring pattern: a name, or a computed key
// folded when the value is resolved.
type bindKey struct {
	name string
	expr js.IExpr
}

// maxResolveDepth bounds recursion through expressions and aliases.
const maxResolveDepth = 200

func varOf(v *js.Var) *js.Var {
	for v.Link != nil {
		v = v.Link
	}
	return v
}

// identName returns the identifier's name with Unicode escapes decoded and
// whether it had any.
func identName(b []byte) (string, bool) {
	if len(b) == 2 {
		if s := twoByteNames[identIndex[b[0]]<<6|identIndex[b[1]]]; s != "" && s[0] == b[0] && s[1] == b[1] {
			return s, false // minified names: no allocation
		}
	}
	if !containsBackslash(b) {
		return string(b), false
	}
	return decodeEscapes(string(b), false), true
}

func containsBackslash(b []byte) bool {
	for _, c := range b {
		if c == '\\' {
			return true
		}
	}
	return false
}

// Resolve returns what expression e denotes. thisGlobal says whether `this`
// at e is the global object (top level, outside non-arrow functions).
// Once Parse has returned it writes nothing into the program and may be
// called from several goroutines.
func (p *Program) Resolve(e js.IExpr, thisGlobal bool) Value {
	if p.frozen {
		p = p.reader()
	}
	return p.resolve(e, thisGlobal, 0)
}

// Fold returns the constant string value of e, if it has one. Like Resolve,
// it writes nothing into a program Parse returned.
func (p *Program) Fold(e js.IExpr) (string, bool) {
	if p.frozen {
		p = p.reader()
	}
	v := p.resolve(e, false, 0)
	return v.Str, v.Kind == Const
}

func (p *Program) resolveVar(v *js.Var, depth int) Value {
	v = varOf(v)
	if v.Decl == js.NoDecl {
		name, esc := identName(v.Data)
		if globalObjectNames[name] {
			return Value{Kind: Global, Root: name, Escaped: esc}
		}
		if name == "undefined" {
			return Value{Kind: Unknown}
		}
		return Value{Kind: Global, Path: name, Escaped: esc}
	}
	b := p.bindings.get(v)
	if b == nil {
		return Value{}
	}
	return p.resolveBinding(b, depth)
}

// resolveBinding returns the value of a variable's binding, memoised.
func (p *Program) resolveBinding(b *binding, depth int) Value {
	if b.val != nil {
		return *b.val
	}
	if p.copied {
		// every value is resolved before parallel pass 2: a walker
		// resolving one itself would race with the others
		panic("analyzer: a pass 2 walker resolved a variable")
	}
	if b.active {
		return Value{}
	}
	if depth > maxResolveDepth {
		p.depthCuts++
		return Value{}
	}
	b.active = true
	var out Value
	have, skipped, unknownKey := false, false, false
	for i := 0; i < int(b.n); i++ {
		s := b.src(i)
		var r Value
		if s.fn != nil {
			r = *s.fn
		} else {
			var keys []bindKey
			r, keys = p.resolveSrc(b, i, s, depth+1)
			for _, k := range keys {
				name := k.name
				if k.expr != nil {
					f := p.resolve(k.expr, false, depth+1)
					if f.Kind != Const {
						// an unknown computed key: the variable is
						// written with something unknown
						skipped = true
						break
					}
					name = f.Str
				}
				r = p.member(r, name, false, false)
				r.Reflective = true
			}
			if skipped {
				skipped, unknownKey = false, true
				continue
			}
		}
		if !have {
			out, have = r, true
			continue
		}
		// several sources: keep an API (recall), constants only when equal
		switch {
		case out.Kind == Global || out.Kind == Unresolved:
		case r.Kind == Global || r.Kind == Unresolved:
			out = r
		case out.Kind == Const && r.Kind == Const && out.Str == r.Str:
		case out.Kind == Element && r.Kind == Element && out.Tag == r.Tag:
		case out == (Value{}) && r.Kind == Element && r.Tag != "":
			// an element of a known tag or something unknown (webpack's
			// loader reuses a found <script> or creates one): the element
			out = r
		default:
			if out.Kind != Element {
				out = Value{}
			}
		}
	}
	if (b.mutated || unknownKey) && out.Kind == Const {
		out = Value{}
	}
	if b.n > 0 && out.Kind == Unknown && p.loopWrites != nil {
		if r, ok := p.loopFold(b, depth); ok {
			out = r // a string built by a closed loop (loops.go)
		}
	}
	b.active = false
	if out.Kind == Unknown && out == (Value{}) {
		b.val = unknownValue
	} else {
		b.val = p.keepValue(out) // only known values are copied to the heap
	}
	return out
}

func unparen(e js.IExpr) js.IExpr {
	for {
		switch g := e.(type) {
		case *js.GroupExpr:
			e = g.X
		case *js.CommaExpr:
			if len(g.List) == 0 {
				return e
			}
			e = g.List[len(g.List)-1]
		default:
			return e
		}
	}
}

type callKey struct {
	n          *js.CallExpr
	thisGlobal bool
}

func (p *Program) resolve(e js.IExpr, thisGlobal bool, depth int) Value {
	if e == nil {
		return Value{}
	}
	if depth >= maxResolveDepth-nearDepth {
		p.nearCuts++ // the walker reuses no value resolved this deep (resolveClean)
		if depth > maxResolveDepth {
			p.depthCuts++
			return Value{}
		}
	}
	d := depth + 1
	switch n := e.(type) {
	case *js.Var:
		return p.resolveVar(n, d)
	case *js.LiteralExpr:
		return literalValue(n, thisGlobal)
	case *js.TemplateExpr:
		if n.Tag != nil {
			return Value{}
		}
		var sb strings.Builder
		for _, part := range n.List {
			sb.WriteString(templateText(part.Value))
			v := p.resolve(part.Expr, thisGlobal, d)
			if v.Kind != Const {
				return Value{}
			}
			sb.WriteString(v.Str)
		}
		sb.WriteString(templateText(n.Tail))
		return Value{Kind: Const, Str: sb.String()}
	case *js.GroupExpr:
		return p.resolve(n.X, thisGlobal, d)
	case *js.CommaExpr:
		if len(n.List) == 0 {
			return Value{}
		}
		return p.resolve(n.List[len(n.List)-1], thisGlobal, d)
	case *js.CondExpr:
		x := p.resolve(n.X, thisGlobal, d)
		y := p.resolve(n.Y, thisGlobal, d)
		if x.Kind == Global {
			return x
		}
		if y.Kind == Global {
			return y
		}
		if x.Kind == Const && y.Kind == Const && x.Str == y.Str {
			return x
		}
		return Value{}
	case *js.BinaryExpr:
		return p.resolveBinary(n, thisGlobal, d)
	case *js.DotExpr:
		lit, ok := dotName(n.Y)
		if !ok {
			return Value{}
		}
		name, esc := identName(lit.Data)
		if t, ok := n.X.(*js.LiteralExpr); ok && t.TokenType == js.ThisToken && !thisGlobal {
			if v, ok := p.fieldOf(p.owner, name, d); ok {
				return v
			}
		} else if v, ok := p.aliasField(n.X, name, d); ok {
			return v // const s = this; s.nav
		}
		if obj := p.dataObject(n.X); obj != nil {
			if v, ok := p.dataMember(obj, name, thisGlobal, d); ok {
				return v
			}
		}
		rx := p.resolve(n.X, thisGlobal, d)
		return p.member(rx, name, false, esc)
	case *js.IndexExpr:
		if arr, ok := unparen(n.X).(*js.ArrayExpr); ok {
			if k := p.resolve(n.Y, thisGlobal, d); k.Kind == Const {
				if i, err := strconv.Atoi(k.Str); err == nil && i >= 0 && i < len(arr.List) && !arr.List[i].Spread {
					r := p.resolve(arr.List[i].Value, thisGlobal, d)
					r.Reflective = true
					return r
				}
			}
			return Value{}
		}
		if obj := p.dataObject(n.X); obj != nil {
			if k := p.resolve(n.Y, thisGlobal, d); k.Kind == Const {
				if v, ok := p.dataMember(obj, k.Str, thisGlobal, d); ok {
					return v
				}
			}
		}
		rx := p.resolve(n.X, thisGlobal, d)
		k := p.resolve(n.Y, thisGlobal, d)
		if k.Kind != Const && rx.Kind == Global && (rx.Path == "" || rx.Realm) && p.opts.Eval != nil {
			key := n.Y
			if e := p.boundOnce(n.Y); e != nil {
				key = e // const name = codes.map(…).join(""); window[name]
			}
			if code, ok := closedExpr(key); ok {
				if s, ok := p.evalKey(code); ok {
					k = Value{Kind: Const, Str: s, Encoded: true, EncodedLen: len(code)}
				}
			}
		}
		if k.Kind == Const && isDigits(k.Str) && rx.Kind != Global {
			// "a|b".split("|")[1], const r = [...].reverse(); r[0]
			c, _ := unparen(n.X).(*js.CallExpr)
			if c == nil {
				c = p.dataCall(n.X)
			}
			if c != nil {
				if elems, ok := p.constArray(c, thisGlobal, d); ok {
					if i, err := strconv.Atoi(k.Str); err == nil && i < len(elems) {
						return Value{Kind: Const, Str: elems[i], Reflective: true, Encoded: true, EncodedLen: len(elems)}
					}
				}
			}
		}
		if rx.Kind == Element && (k.Kind != Const || isDigits(k.Str)) {
			// an item of getElementsByTagName("script"): an element of that tag
			return rx
		}
		if k.Kind != Const {
			if rx.Kind == Global && (rx.Path == "" || rx.Realm) {
				return Value{Kind: Unresolved, Path: rx.Path, Root: rx.Root, Realm: rx.Realm}
			}
			if rx.Kind == Global {
				// localStorage[k]: still the receiver's API
				return Value{Kind: Member, Path: rx.Path + ".[]"}
			}
			return Value{}
		}
		r := p.member(rx, k.Str, true, false)
		if k.Encoded {
			r.Encoded, r.EncodedLen = true, k.EncodedLen
		}
		return r
	case *js.CallExpr:
		return p.callValue(n, thisGlobal, d, nil)
	case *js.NewExpr:
		c := p.resolve(n.X, thisGlobal, d)
		switch {
		case c.IsGlobal("Image"):
			return Value{Kind: Element, Tag: "img"}
		case c.IsGlobal("Audio"):
			return Value{Kind: Element, Tag: "audio"}
		case c.IsGlobal("Function") && n.Args != nil:
			if s, ok := p.constArgs(n.Args.List, d); ok && isReturnThis(s) {
				return Value{Kind: Func, FuncKind: "global-this-factory"}
			}
		}
		return Value{}
	case *js.FuncDecl:
		return funcValue(n.Async, n.Generator, "function")
	case *js.ArrowFunc:
		return funcValue(n.Async, false, "arrow")
	case *js.MethodDecl:
		return funcValue(n.Async, n.Generator, "method")
	case *js.ClassDecl:
		return Value{Kind: Func, FuncKind: "class"}
	case *js.UnaryExpr:
		switch n.Op {
		case js.NegToken, js.PosToken:
			x := p.resolve(n.X, thisGlobal, d)
			if x.Kind == Const {
				if f, err := strconv.ParseFloat(x.Str, 64); err == nil {
					if n.Op == js.NegToken {
						f = -f
					}
					return Value{Kind: Const, Str: formatNumber(f)}
				}
			}
		case js.NotToken:
			// !0 / !1 fold to booleans
			x := p.resolve(n.X, thisGlobal, d)
			if x.Kind == Const {
				if x.Str == "0" || x.Str == "" || x.Str == "false" || x.Str == "null" {
					return Value{Kind: Const, Str: "true"}
				}
				return Value{Kind: Const, Str: "false"}
			}
		}
		return Value{}
	}
	return Value{}
}

// callValue is resolve's case of a call at depth d-1, memoised from pass 2
// on; callee, when not nil, is the value of n.X that resolve would compute
// at depth d (see resolveClean).
func (p *Program) callValue(n *js.CallExpr, thisGlobal bool, d int, callee *Value) Value {
	k := callKey{n, thisGlobal}
	if p.shared != nil { // a reader of a frozen program
		if r, ok := p.shared[k]; ok {
			return *r
		}
		if p.callMemo == nil {
			p.callMemo = map[callKey]*Value{}
		}
	}
	if p.callMemo == nil {
		return p.resolveCall(n, thisGlobal, d, callee)
	}
	// Memoised once bindings are complete (pass 2 and later): the
	// walker resolves every call of a chain, and each resolution
	// re-resolves the calls inside it, which was quadratic on long
	// chains and nested calls of real libraries.
	if r, ok := p.callMemo[k]; ok {
		return *r
	}
	cuts := p.depthCuts
	r := p.resolveCall(n, thisGlobal, d, callee)
	if callee != nil && p.copied {
		// a parallel pass 2 walker's own value of a maximal call
		// (resolveCallWith): asked again for 1,596 of 95,642 such calls on
		// the bench bundle (then resolved once more and kept), and the
		// walker's memo is dropped after the walk
	} else if p.depthCuts != cuts {
		// cut short by the depth bound: true here, maybe not where
		// the call is asked for with more room
	} else if r == (Value{}) {
		p.callMemo[k] = unknownValue // most calls: no 144-byte copy each
	} else {
		v := r
		p.callMemo[k] = &v
	}
	return r
}

// nearDepth: a resolution that went deeper than maxResolveDepth-nearDepth
// might be cut when started a few levels deeper.
const nearDepth = 4

// resolveClean is Resolve (from the walker, before Parse returns) that also
// reports whether the value is the same when resolved again during the same
// pass 2 walk, also one level deeper (as resolveCall resolves a callee): no
// resolution under it was cut or came near the depth bound, so neither the
// level it starts at nor the call memo (filled only with uncut values)
// changes it. Variable values are all known in pass 2.
func (p *Program) resolveClean(e js.IExpr, thisGlobal bool) (Value, bool) {
	cuts, near := p.depthCuts, p.nearCuts
	v := p.resolve(e, thisGlobal, 0)
	return v, p.depthCuts == cuts && p.nearCuts == near
}

// resolveCallWith is Resolve(n, thisGlobal) for the walker with the callee's
// value already resolved clean (resolveClean).
func (p *Program) resolveCallWith(n *js.CallExpr, thisGlobal bool, callee *Value) Value {
	return p.callValue(n, thisGlobal, 1, callee)
}

func funcValue(async, gen bool, kind string) Value {
	switch {
	case async && gen:
		kind = "async-generator"
	case async:
		kind = "async"
	case gen:
		kind = "generator"
	}
	return Value{Kind: Func, FuncKind: kind}
}

func isReturnThis(args []string) bool {
	if len(args) != 1 {
		return false
	}
	s := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(args[0]), ";"))
	return s == "return this"
}

func (p *Program) constArgs(args []js.Arg, d int) ([]string, bool) {
	out := make([]string, 0, len(args))
	for _, a := range args {
		if a.Rest {
			return nil, false
		}
		v := p.resolve(a.Value, false, d)
		if v.Kind != Const {
			return nil, false
		}
		out = append(out, v.Str)
	}
	return out, true
}

func (p *Program) resolveBinary(n *js.BinaryExpr, thisGlobal bool, d int) Value {
	switch n.Op {
	case js.EqToken:
		return p.resolve(n.Y, thisGlobal, d)
	case js.OrToken, js.NullishToken:
		x := p.resolve(n.X, thisGlobal, d)
		if x.Kind == Global || x.Kind == Element || x.Kind == Unresolved {
			return x
		}
		y := p.resolve(n.Y, thisGlobal, d)
		if y.Kind == Global {
			return y
		}
		return Value{}
	case js.AndToken:
		return p.resolve(n.Y, thisGlobal, d)
	case js.AddToken:
		// fold a left-nested chain iteratively
		var terms []js.IExpr
		var e js.IExpr = n
		for {
			b, ok := e.(*js.BinaryExpr)
			if !ok || b.Op != js.AddToken {
				break
			}
			terms = append(terms, b.Y)
			e = b.X
		}
		terms = append(terms, e)
		acc := Value{}
		for i := len(terms) - 1; i >= 0; i-- {
			v := p.resolve(terms[i], thisGlobal, d)
			if v.Kind != Const {
				return Value{}
			}
			if i == len(terms)-1 {
				acc = v
				continue
			}
			if isNumeric(acc.Str) && isNumeric(v.Str) && !acc.Encoded && !v.Encoded && acc.Num() && v.Num() {
				a, _ := strconv.ParseFloat(acc.Str, 64)
				b, _ := strconv.ParseFloat(v.Str, 64)
				acc = Value{Kind: Const, Str: formatNumber(a + b), Root: "num"}
				continue
			}
			acc = Value{Kind: Const, Str: acc.Str + v.Str, Encoded: acc.Encoded || v.Encoded, EncodedLen: acc.EncodedLen + v.EncodedLen}
		}
		return acc
	}
	return Value{}
}

// Num reports whether a Const came from a numeric literal or arithmetic.
func (v Value) Num() bool { return v.Kind == Const && v.Root == "num" }

func isNumeric(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

// smallInts are the decimal forms of 0-99, so that the most common number
// literals fold without allocating.
var smallInts = func() (t [100]string) {
	for i := range t {
		t[i] = strconv.Itoa(i)
	}
	return t
}()

// plainInt returns the folded form of a number literal written as plain
// decimal digits without a leading zero (0, 1, 42, 1000): the digits
// themselves, which is what formatNumber makes of them below 10^15.
func plainInt(b []byte) (string, bool) {
	if len(b) == 0 || len(b) > 15 || len(b) > 1 && b[0] == '0' {
		return "", false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return "", false
		}
		n = n*10 + int(c-'0')
	}
	if n < len(smallInts) {
		return smallInts[n], true
	}
	return string(b), true
}

func formatNumber(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1e21 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// member resolves rx.name.
func (p *Program) member(rx Value, name string, computed, escaped bool) Value {
	if v, ok := p.reflectMember(rx, name); ok {
		return v
	}
	switch rx.Kind {
	case Global:
		if rx.Bound != "" && (name == "call" || name == "apply" || name == "bind") {
			// Function.apply.call(f, …), Function.bind.apply(f, …): the
			// method of Function.prototype runs with f as its receiver, so
			// f is what is called; the global is not
			return Value{Kind: Member, Path: rx.Bound, Bound: name, Root: protoRoot}
		}
		r := rx
		r.Computed = rx.Computed || computed
		r.Escaped = rx.Escaped || escaped
		r.Bound = ""
		switch {
		case rx.Path == "":
			if globalObjectNames[name] || name == "opener" {
				if r.Root == "" || name == "parent" || name == "top" || name == "opener" {
					r.Root = name
				}
				return r
			}
			r.Path = name
		case rx.Path == "document" && name == "defaultView":
			r.Path, r.Root = "", "document.defaultView"
		case (name == "call" || name == "apply" || name == "bind") && rx.Path == "Function.prototype":
			// the method itself, taken to be called on some other function
			return Value{Kind: Member, Path: name, Root: protoMethodRoot}
		case (name == "call" || name == "apply" || name == "bind") && rx.Path != "Reflect" && !strings.HasSuffix(rx.Path, ".prototype"):
			r.Bound = name
		case name == "constructor" && rx.Path != "":
			r.Path = "constructor"
			r.Kind = Member
		default:
			r.Path = rx.Path + "." + name
		}
		return r
	case Element:
		switch name {
		case "contentWindow":
			return Value{Kind: Global, Realm: true, Root: rx.Tag + ".contentWindow"}
		case "contentDocument":
			return Value{Kind: Global, Path: "document", Realm: true, Root: rx.Tag + ".contentDocument"}
		}
		return Value{Kind: Member, Path: name}
	case Func:
		if rx.Bound != "" && (name == "call" || name == "apply" || name == "bind") {
			return Value{Kind: Member, Path: rx.Bound, Bound: name, Root: protoRoot}
		}
		if name == "constructor" {
			return Value{Kind: Global, Path: ctorOf(rx.FuncKind), Reflective: true}
		}
		if name == "call" || name == "apply" || name == "bind" {
			r := rx
			r.Bound = name
			return r
		}
		return Value{Kind: Member, Path: name}
	case Member:
		if rx.Root == protoMethodRoot && (name == "call" || name == "apply" || name == "bind") {
			return Value{Kind: Member, Path: rx.Path, Bound: name, Root: protoRoot}
		}
		if name == "constructor" && rx.Last() == "constructor" {
			return Value{Kind: Global, Path: "Function", Reflective: true}
		}
		if name == "contentWindow" {
			return Value{Kind: Global, Realm: true, Root: "contentWindow"}
		}
		return Value{Kind: Member, Path: name}
	case Const:
		if name == "length" {
			return Value{Kind: Const, Str: strconv.Itoa(utf8.RuneCountInString(rx.Str)), Root: "num"}
		}
		if name == "constructor" {
			return Value{Kind: Member, Path: "constructor"}
		}
		return Value{Kind: Member, Path: name, Str: rx.Str, Root: "const-receiver"}
	}
	if name == "contentWindow" {
		return Value{Kind: Global, Realm: true, Root: "contentWindow"}
	}
	return Value{Kind: Member, Path: name}
}

// protoRoot marks a method of Function.prototype reached through another
// one (Function.apply.call, f.bind.apply): Path is the inner method, Bound
// the outer one, and the function really called is the first argument.
const protoRoot = "Function.prototype"

// protoMethodRoot marks Function.prototype.call/apply/bind taken as a value.
const protoMethodRoot = "Function.prototype."

// ProtoIndirect reports whether v is a Function.prototype method invoked
// through another (Function.apply.call(f, …)); inner is the method applied
// to the first argument ("apply", "call", "bind"), outer how it is invoked.
func (v Value) ProtoIndirect() (inner, outer string, ok bool) {
	if v.Kind == Member && v.Root == protoRoot {
		return v.Path, v.Bound, true
	}
	return "", "", false
}

func ctorOf(kind string) string {
	switch kind {
	case "async":
		return "AsyncFunction"
	case "generator":
		return "GeneratorFunction"
	case "async-generator":
		return "AsyncGeneratorFunction"
	}
	return "Function"
}

// resolveCall handles calls whose result is statically known.
func (p *Program) resolveCall(n *js.CallExpr, thisGlobal bool, d int, pre *Value) Value {
	// Function("return this")() and new Function("return this")()
	switch x := unparen(n.X).(type) {
	case *js.CallExpr:
		c := p.resolve(x.X, thisGlobal, d)
		if c.IsGlobal("Function") {
			if s, ok := p.constArgs(x.Args.List, d); ok && isReturnThis(s) {
				return Value{Kind: Global, Root: "Function(\"return this\")()", Idiom: "lodash-global-this"}
			}
		}
	case *js.NewExpr:
		if v := p.resolve(x, thisGlobal, d); v.Kind == Func && v.FuncKind == "global-this-factory" {
			return Value{Kind: Global, Root: "new Function(\"return this\")()", Idiom: "webpack-global-this"}
		}
	}
	var callee Value
	if pre != nil {
		callee = *pre
	} else {
		callee = p.resolve(n.X, thisGlobal, d)
	}
	args := n.Args.List
	if callee.Kind != Global && callee.Kind != Func && p.owner != nil {
		if v, ok := p.methodReturn(n, thisGlobal, d); ok {
			return v // this.getNav(), _super.prototype.getNav.call(this) (classes.go)
		}
	}
	if callee.Kind == Func && callee.Bound == "" {
		if v, ok := p.helperReturn(n, thisGlobal, d); ok {
			return v
		}
		if v, ok := p.decoderCall(n, d); ok {
			return v // dec("absdo"): a closed decoding function (loops.go)
		}
	}
	if v, ok := p.reflectCall(n, callee, len(args), func(i int) Value {
		if i >= len(args) || args[i].Rest {
			return Value{}
		}
		return p.resolve(args[i].Value, thisGlobal, d)
	}, thisGlobal, d); ok {
		return v
	}
	if callee.Kind == Global && callee.Bound == "call" && len(args) > 0 {
		args = args[1:]
		callee.Bound = ""
	}
	argVal := func(i int) Value {
		if i >= len(args) || args[i].Rest {
			return Value{}
		}
		return p.resolve(args[i].Value, thisGlobal, d)
	}
	if callee.Kind == Global && callee.Bound == "" {
		switch callee.Path {
		case "Reflect.get":
			if len(args) >= 2 {
				k := argVal(1)
				if k.Kind == Const {
					r := p.member(argVal(0), k.Str, true, false)
					r.Reflective = true
					return r
				}
				if o := argVal(0); o.IsGlobalObject() {
					return Value{Kind: Unresolved, Root: o.Root}
				}
			}
			return Value{}
		case "Object.getPrototypeOf", "Reflect.getPrototypeOf":
			if v := argVal(0); v.Kind == Func {
				return Value{Kind: Func, FuncKind: v.FuncKind, Reflective: true}
			}
			return Value{}
		case "document.createElement", "document.createElementNS":
			i := 0
			if callee.Path == "document.createElementNS" {
				i = 1
			}
			if t := argVal(i); t.Kind == Const {
				return Value{Kind: Element, Tag: strings.ToLower(t.Str)}
			}
			return Value{Kind: Element}
		case "document.querySelector", "document.getElementsByTagName", "document.body.appendChild", "document.head.appendChild":
			if t := argVal(0); t.Kind == Const && isSimpleTag(t.Str) {
				return Value{Kind: Element, Tag: strings.ToLower(t.Str)}
			}
			if t := argVal(0); t.Kind == Element {
				return t
			}
			return Value{}
		case "open":
			// window.open(…) returns the new window: another realm whose
			// document, location and postMessage are reached through it
			return Value{Kind: Global, Realm: true, Root: "window.open()"}
		case "atob":
			if v := argVal(0); v.Kind == Const {
				if s, ok := decodeBase64(v.Str); ok {
					return Value{Kind: Const, Str: s, Encoded: true, EncodedLen: len(v.Str)}
				}
			}
			return Value{}
		case "decodeURIComponent", "decodeURI", "unescape":
			if v := argVal(0); v.Kind == Const {
				var s string
				var err error
				if callee.Path == "unescape" {
					s = decodeEscapes(strings.ReplaceAll(v.Str, "%u", "\\u"), true)
				} else {
					s, err = url.PathUnescape(v.Str)
				}
				if err == nil {
					return Value{Kind: Const, Str: s, Encoded: v.Encoded || s != v.Str, EncodedLen: len(v.Str)}
				}
			}
			return Value{}
		case "String":
			if v := argVal(0); v.Kind == Const {
				return v
			}
			return Value{}
		case "String.fromCharCode", "String.fromCodePoint":
			if spread := p.spreadData(args); spread != nil {
				args = spread // String.fromCharCode(...codes)
			}
			var sb strings.Builder
			for i := range args {
				v := argVal(i)
				f, err := strconv.ParseFloat(v.Str, 64)
				if v.Kind != Const || err != nil || f < 0 || f > 0x10FFFF {
					return Value{}
				}
				sb.WriteRune(rune(int(f)))
			}
			return Value{Kind: Const, Str: sb.String(), Encoded: true, EncodedLen: len(args) * 3}
		}
	}
	// String.fromCharCode.apply(null, [..])
	if callee.Kind == Global && callee.Bound == "apply" && callee.Path == "String.fromCharCode" && len(args) == 2 {
		list := unparen(args[1].Value)
		if arr, ok := p.dataObject(list).(*js.ArrayExpr); ok {
			list = arr // String.fromCharCode.apply(null, codes)
		}
		if arr, ok := list.(*js.ArrayExpr); ok {
			var sb strings.Builder
			for _, el := range arr.List {
				v := p.resolve(el.Value, thisGlobal, d)
				f, err := strconv.ParseFloat(v.Str, 64)
				if el.Spread || v.Kind != Const || err != nil || f < 0 || f > 0x10FFFF {
					return Value{}
				}
				sb.WriteRune(rune(int(f)))
			}
			return Value{Kind: Const, Str: sb.String(), Encoded: true, EncodedLen: len(arr.List) * 3}
		}
	}
	if callee.Kind == Global && callee.Bound == "bind" {
		callee.Bound = ""
		return callee
	}
	if inner, _, ok := callee.ProtoIndirect(); ok && inner == "bind" && len(args) > 0 && !args[0].Rest {
		// Function.bind.apply(f, [null, …]) / .call(f, null, …) binds f
		r := p.resolve(args[0].Value, thisGlobal, d)
		r.Bound = ""
		r.Reflective = true
		return r
	}
	if callee.Kind == Func && callee.Bound == "bind" {
		callee.Bound = ""
		return callee
	}
	if callee.Kind == Global && callee.Bound == "" && (callee.Path == "$" || callee.Path == "jQuery") && len(args) > 0 {
		// $(…) wraps elements: $("<img>") creates one of a known tag
		if t := argVal(0); t.Kind == Const {
			return Value{Kind: Element, Tag: markupTag(t.Str)}
		} else if t.Kind == Element {
			return t
		}
		return Value{Kind: Element}
	}
	// String and array methods on constants
	if dot, ok := unparen(n.X).(*js.DotExpr); ok {
		lit, ok := dotName(dot.Y)
		if !ok {
			return Value{}
		}
		method := string(lit.Data)
		if method == "get" {
			if v, ok := p.tableGet(n, dot.X, thisGlobal, d); ok {
				return v
			}
		}
		if selectionMethods[method] || method == "append" || method == "insert" || method == "appendTo" {
			if v, ok := p.selectionCall(dot.X, method, argVal, len(args), thisGlobal, d); ok {
				return v
			}
		}
		recvExpr := unparen(dot.X)
		if arr, ok := p.dataObject(recvExpr).(*js.ArrayExpr); ok {
			recvExpr = arr
		} else if c := p.dataCall(recvExpr); c != nil {
			recvExpr = c // const r = [...].reverse(); r.join("")
		} else if method == "join" && p.arrayLoops != nil {
			if v, ok := p.arrayLoopJoin(n, recvExpr, argVal, len(args), d); ok {
				return v // filled by a closed loop (loops.go)
			}
		}
		if arr, ok := recvExpr.(*js.ArrayExpr); ok {
			elems := make([]string, 0, len(arr.List))
			for _, el := range arr.List {
				v := p.resolve(el.Value, thisGlobal, d)
				if el.Spread || v.Kind != Const {
					return Value{}
				}
				elems = append(elems, v.Str)
			}
			return arrayMethod(elems, method, argVal, len(args), false)
		}
		if inner, ok := recvExpr.(*js.CallExpr); ok {
			if elems, ok := p.constArray(inner, thisGlobal, d); ok {
				return arrayMethod(elems, method, argVal, len(args), true)
			}
		}
		recv := p.resolve(dot.X, thisGlobal, d)
		if recv.Kind == Const {
			return stringMethod(recv, method, argVal, len(args))
		}
	}
	return Value{}
}

// selectionMethods return their receiver (D3 and jQuery chains):
// sel.attr("class", c).style(…) is still sel.
var selectionMethods = map[string]bool{"attr": true, "style": true, "classed": true, "property": true, "on": true,
	"call": true, "each": true, "datum": true, "addClass": true, "removeClass": true, "css": true, "prop": true,
	"toggleClass": true, "height": true, "width": true, "show": true, "hide": true}

// oneArgSetters are jQuery methods that return their receiver with one
// argument (or none: show, hide); with none, height and width are getters.
var oneArgSetters = map[string]bool{"addClass": true, "removeClass": true, "toggleClass": true, "height": true, "width": true, "show": true, "hide": true}

// selectionCall resolves a D3/jQuery chain step on an element selection:
// sel.append("img") and sel.insert("img") select a new element of that tag
// (D3), sel.attr(…) and the like return sel.
func (p *Program) selectionCall(recvExpr js.IExpr, method string, arg func(int) Value, nargs int, thisGlobal bool, d int) (Value, bool) {
	if method == "append" || method == "insert" {
		if nargs == 0 {
			return Value{}, false
		}
		t := arg(0)
		if t.Kind != Const {
			return Value{}, false
		}
		tag := t.Str
		if i := strings.IndexByte(tag, ':'); i >= 0 { // d3 v3 "svg:rect"
			tag = tag[i+1:]
		}
		if !isSimpleTag(tag) {
			return Value{}, false
		}
		return Value{Kind: Element, Tag: strings.ToLower(tag)}, true
	}
	switch {
	case oneArgSetters[method] && (nargs >= 1 || method == "show" || method == "hide"):
	case nargs < 2 && method != "each" && method != "call":
		return Value{}, false // getters: sel.attr("src") is a string
	}
	r := p.resolve(recvExpr, thisGlobal, d)
	if r.Kind == Element {
		return r, true
	}
	return Value{}, false
}

// markupTag returns the tag of markup that is one element ("<img>",
// "<span/>", "<div></div>"), "" otherwise.
func markupTag(s string) string {
	s = strings.TrimSpace(s)
	if len(s) < 3 || s[0] != '<' {
		return ""
	}
	end := strings.IndexAny(s, " />")
	if end < 0 {
		return ""
	}
	tag := s[1:end]
	if !isSimpleTag(tag) {
		return ""
	}
	return strings.ToLower(tag)
}

// constArray folds calls that yield arrays of constant strings:
// "abc".split(""), [..].reverse(), "abc".split("").reverse().
func (p *Program) constArray(n *js.CallExpr, thisGlobal bool, d int) ([]string, bool) {
	if d >= maxResolveDepth-nearDepth {
		p.nearCuts++
		if d > maxResolveDepth {
			p.depthCuts++
			return nil, false
		}
	}
	dot, ok := unparen(n.X).(*js.DotExpr)
	if !ok {
		return nil, false
	}
	lit, ok := dotName(dot.Y)
	if !ok {
		return nil, false
	}
	method := string(lit.Data)
	switch method {
	case "split", "reverse", "slice":
	case "keys", "values": // Object.keys({fetch: 1}), Object.values(names)
		return p.objectNames(dot.X, method == "keys", n.Args.List, thisGlobal, d)
	case "from": // Array.from("lave")
		if x, ok := unparen(dot.X).(*js.Var); !ok || varOf(x).Decl != js.NoDecl || string(x.Data) != "Array" || len(n.Args.List) != 1 || n.Args.List[0].Rest {
			return nil, false
		}
		v := p.resolve(n.Args.List[0].Value, thisGlobal, d+1)
		if v.Kind != Const || v.Num() {
			return nil, false
		}
		return strings.Split(v.Str, ""), true
	default:
		return nil, false
	}
	var elems []string
	splitRecv := func() ([]string, bool) {
		if method != "split" {
			return nil, false
		}
		recv := p.resolve(dot.X, thisGlobal, d+1)
		if recv.Kind != Const || len(n.Args.List) != 1 {
			return nil, false
		}
		sep := p.resolve(n.Args.List[0].Value, thisGlobal, d+1)
		if sep.Kind != Const {
			return nil, false
		}
		return strings.Split(recv.Str, sep.Str), true
	}
	recv := unparen(dot.X)
	if arr, ok := p.dataObject(recv).(*js.ArrayExpr); ok {
		recv = arr
	} else if c := p.dataCall(recv); c != nil {
		recv = c
	}
	switch r := recv.(type) {
	case *js.ArrayExpr:
		for _, el := range r.List {
			v := p.resolve(el.Value, thisGlobal, d+1)
			if v.Kind != Const || el.Spread && v.Num() {
				return nil, false
			}
			if el.Spread { // [..."lave"]
				elems = append(elems, strings.Split(v.Str, "")...)
				continue
			}
			elems = append(elems, v.Str)
		}
	case *js.CallExpr:
		e, ok := p.constArray(r, thisGlobal, d+1)
		if !ok {
			return splitRecv()
		}
		elems = e
	default:
		return splitRecv()
	}
	switch method {
	case "reverse":
		out := make([]string, len(elems))
		for i, s := range elems {
			out[len(elems)-1-i] = s
		}
		return out, true
	case "slice":
		return p.sliceArgs(elems, n.Args.List, thisGlobal, d)
	}
	return nil, false
}

// objectNames folds Object.keys / Object.values of a data object literal
// (one written in place, or a local bound once to one and never written
// through) whose keys are names (an integer-like key would change the
// order) and, for values, whose values are constants.
func (p *Program) objectNames(recv js.IExpr, keys bool, args []js.Arg, thisGlobal bool, d int) ([]string, bool) {
	if x, ok := unparen(recv).(*js.Var); !ok || varOf(x).Decl != js.NoDecl || string(x.Data) != "Object" || len(args) != 1 || args[0].Rest {
		return nil, false
	}
	obj, ok := p.dataObject(args[0].Value).(*js.ObjectExpr)
	if !ok {
		if obj, ok = unparen(args[0].Value).(*js.ObjectExpr); !ok {
			return nil, false
		}
	}
	if len(obj.List) > maxTableEntries {
		return nil, false
	}
	out := make([]string, 0, len(obj.List))
	for _, it := range obj.List {
		if it.Spread || it.Name == nil || it.Name.IsComputed() {
			return nil, false
		}
		name := propName(it.Name.Literal)
		if _, num := atoiSmall(name); num || name == "" {
			return nil, false
		}
		if keys {
			out = append(out, name)
			continue
		}
		v := p.resolve(it.Value, thisGlobal, d+1)
		if v.Kind != Const {
			return nil, false
		}
		out = append(out, v.Str)
	}
	return out, true
}

// sliceArgs applies slice(start, end) with constant integer arguments
// (negative ones count from the end, as in JavaScript).
func (p *Program) sliceArgs(elems []string, args []js.Arg, thisGlobal bool, d int) ([]string, bool) {
	if len(args) > 2 {
		return nil, false
	}
	bound := [2]int{0, len(elems)}
	for i, a := range args {
		v := p.resolve(a.Value, thisGlobal, d+1)
		x, err := strconv.Atoi(v.Str)
		if a.Rest || v.Kind != Const || err != nil {
			return nil, false
		}
		if x < 0 {
			x += len(elems)
		}
		bound[i] = min(max(x, 0), len(elems))
	}
	if bound[1] < bound[0] {
		return []string{}, true
	}
	return elems[bound[0]:bound[1]], true
}

func arrayMethod(elems []string, method string, arg func(int) Value, nargs int, _ bool) Value {
	switch method {
	case "join":
		sep := ","
		if nargs > 0 {
			s := arg(0)
			if s.Kind != Const {
				return Value{}
			}
			sep = s.Str
		}
		return Value{Kind: Const, Str: strings.Join(elems, sep), Encoded: true, EncodedLen: len(elems)}
	}
	return Value{}
}

func stringMethod(recv Value, method string, arg func(int) Value, nargs int) Value {
	s := recv.Str
	mk := func(r string) Value {
		return Value{Kind: Const, Str: r, Encoded: recv.Encoded || r != s, EncodedLen: max(recv.EncodedLen, len(s))}
	}
	intArg := func(i int, def int) (int, bool) {
		if i >= nargs {
			return def, true
		}
		v := arg(i)
		f, err := strconv.ParseFloat(v.Str, 64)
		if v.Kind != Const || err != nil {
			return 0, false
		}
		return int(f), true
	}
	switch method {
	case "toLowerCase", "toLocaleLowerCase":
		return mk(strings.ToLower(s))
	case "toUpperCase", "toLocaleUpperCase":
		return mk(strings.ToUpper(s))
	case "trim":
		return mk(strings.TrimSpace(s))
	case "toString", "valueOf":
		return recv
	case "concat":
		out := s
		for i := 0; i < nargs; i++ {
			v := arg(i)
			if v.Kind != Const {
				return Value{}
			}
			out += v.Str
		}
		return mk(out)
	case "replace", "replaceAll":
		if nargs != 2 {
			return Value{}
		}
		a, b := arg(0), arg(1)
		if a.Kind != Const || b.Kind != Const {
			return Value{}
		}
		if method == "replace" {
			return mk(strings.Replace(s, a.Str, b.Str, 1))
		}
		return mk(strings.ReplaceAll(s, a.Str, b.Str))
	case "slice", "substring", "substr":
		r := []rune(s)
		a, ok1 := intArg(0, 0)
		var b int
		var ok2 bool
		if method == "substr" {
			var l int
			l, ok2 = intArg(1, len(r))
			if a < 0 {
				a += len(r)
			}
			b = a + l
		} else {
			b, ok2 = intArg(1, len(r))
			if method == "slice" {
				if a < 0 {
					a += len(r)
				}
				if b < 0 {
					b += len(r)
				}
			}
		}
		if !ok1 || !ok2 {
			return Value{}
		}
		a = min(max(a, 0), len(r))
		b = min(max(b, 0), len(r))
		if method == "substring" && a > b {
			a, b = b, a
		}
		if a > b {
			return mk("")
		}
		return mk(string(r[a:b]))
	case "charAt":
		i, ok := intArg(0, 0)
		r := []rune(s)
		if !ok || i < 0 || i >= len(r) {
			return Value{}
		}
		return mk(string(r[i]))
	case "repeat":
		i, ok := intArg(0, 0)
		if !ok || i < 0 || i*len(s) > 1<<20 {
			return Value{}
		}
		return mk(strings.Repeat(s, i))
	}
	return Value{}
}

func isSimpleTag(s string) bool {
	if s == "" || len(s) > 20 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

func decodeBase64(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil {
			return string(b), true
		}
	}
	return "", false
}

func literalValue(n *js.LiteralExpr, thisGlobal bool) Value {
	switch n.TokenType {
	case js.StringToken:
		return Value{Kind: Const, Str: DecodeString(n.Data)}
	case js.ThisToken:
		if thisGlobal {
			return Value{Kind: Global, Root: "this"}
		}
		return Value{}
	case js.TrueToken:
		return Value{Kind: Const, Str: "true"}
	case js.FalseToken:
		return Value{Kind: Const, Str: "false"}
	case js.NullToken:
		return Value{Kind: Const, Str: "null"}
	case js.DecimalToken, js.IntegerToken, js.HexadecimalToken, js.OctalToken, js.BinaryToken:
		if s, ok := plainInt(n.Data); ok {
			return Value{Kind: Const, Str: s, Root: "num"}
		}
		s := strings.ReplaceAll(string(n.Data), "_", "")
		var f float64
		var err error
		switch {
		case len(s) > 2 && (s[1] == 'x' || s[1] == 'X' || s[1] == 'o' || s[1] == 'O' || s[1] == 'b' || s[1] == 'B'):
			var u uint64
			u, err = strconv.ParseUint(s[2:], map[byte]int{'x': 16, 'X': 16, 'o': 8, 'O': 8, 'b': 2, 'B': 2}[s[1]], 64)
			f = float64(u)
		default:
			f, err = strconv.ParseFloat(s, 64)
		}
		if err != nil {
			return Value{}
		}
		return Value{Kind: Const, Str: formatNumber(f), Root: "num"}
	}
	return Value{}
}

// templateText decodes a template chunk as the lexer returns it (with its
// delimiters: `…${, }…${, }…`).
func templateText(b []byte) string {
	s := string(b)
	s = strings.TrimPrefix(s, "`")
	s = strings.TrimPrefix(s, "}")
	s = strings.TrimSuffix(s, "${")
	s = strings.TrimSuffix(s, "`")
	return decodeEscapes(s, true)
}

// DecodeString decodes a quoted JavaScript string literal.
func DecodeString(b []byte) string {
	if len(b) >= 2 && (b[0] == '"' || b[0] == '\'') && b[len(b)-1] == b[0] {
		b = b[1 : len(b)-1]
	}
	if !containsBackslash(b) {
		return string(b)
	}
	return decodeEscapes(string(b), true)
}

// decodeEscapes decodes \u, \x and (when str) the other string escapes.
func decodeEscapes(s string, str bool) string {
	var sb strings.Builder
	sb.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			sb.WriteByte(c)
			continue
		}
		i++
		switch e := s[i]; e {
		case 'u':
			if i+1 < len(s) && s[i+1] == '{' {
				j := strings.IndexByte(s[i:], '}')
				if j > 0 {
					if v, err := strconv.ParseUint(s[i+2:i+j], 16, 32); err == nil {
						sb.WriteRune(rune(v))
						i += j
						continue
					}
				}
			} else if i+4 < len(s) {
				if v, err := strconv.ParseUint(s[i+1:i+5], 16, 32); err == nil {
					sb.WriteRune(rune(v))
					i += 4
					continue
				}
			}
			sb.WriteByte('u')
		case 'x':
			if str && i+2 < len(s) {
				if v, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
					sb.WriteRune(rune(v))
					i += 2
					continue
				}
			}
			sb.WriteByte('x')
		case 'n':
			sb.WriteByte('\n')
		case 't':
			sb.WriteByte('\t')
		case 'r':
			sb.WriteByte('\r')
		case 'b':
			sb.WriteByte('\b')
		case 'f':
			sb.WriteByte('\f')
		case 'v':
			sb.WriteByte('\v')
		case '0':
			sb.WriteByte(0)
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
		case '\n':
		default:
			sb.WriteByte(e)
		}
	}
	return sb.String()
}

type evalResult struct {
	s  string
	ok bool
}

// evalKey evaluates a closed key expression once per distinct source text.
func (p *Program) evalKey(code string) (string, bool) {
	if p.evals == nil {
		p.evals = map[string]evalResult{}
	}
	if r, ok := p.evals[code]; ok {
		return r.s, r.ok
	}
	s, ok := p.opts.Eval(code)
	p.evals[code] = evalResult{s, ok}
	return s, ok
}
