package analyzer

// Names kept in data: Map tables of strings (new Map([["a", "fetch"]]),
// m.set("a", "eval")) read back with get, and the uses that make a data
// literal unfoldable (a mutating method called on it, or the literal
// handed to a function).

import (
	"sync"
	"sync/atomic"

	"github.com/tdewolff/parse/v2/js"
)

// tableUses are the uses of one variable as the receiver of get, has and
// set (pass 1). A Map bound to the variable is a name table when these
// are all its uses: it is not handed anywhere else, so no other code adds
// to it.
type tableUses struct {
	uses []tableUse // uses as the receiver of get/has/set, in walk order
}

// tableUse is one get/has/set call on a possible name table.
type tableUse struct {
	call   *js.CallExpr
	fn     js.INode // the function holding the call (nil: the top level)
	set    bool
	inLoop bool // inside a loop of fn
}

// mutatingMethods change an array or object in place: a data literal that
// receives one no longer holds its written data.
var mutatingMethods = map[string]bool{
	"push": true, "pop": true, "shift": true, "unshift": true, "splice": true, "sort": true,
	"reverse": true, "fill": true, "copyWithin": true, "set": true, "delete": true, "clear": true, "add": true,
}

// pureReaders take an object as an argument without writing to it: a data
// literal passed to them keeps its data (Object.keys(names)).
var pureReaders = map[string]bool{"Object": true, "JSON": true, "console": true, "Array": true, "String": true, "Math": true, "Number": true}

// callUses records, in pass 1, what a call does to the local variables it
// touches: m.get/has/set on a variable (a possible name table), a mutating
// method called on one (list.push(x)), a variable passed as an argument
// (it escapes: the callee may write through it).
func (w *walker) callUses(n *js.CallExpr) {
	if v, ok := n.X.(*js.Var); ok {
		w.noteCall(v, n, false) // singlecall.go
	} else if dot, ok := n.X.(*js.DotExpr); ok {
		if v, ok := dot.X.(*js.Var); ok {
			if lit, ok := dotName(dot.Y); ok {
				switch m := string(lit.Data); m {
				case "call":
					w.noteCall(v, n, true) // g.call(t, …): singlecall.go
				case "get", "has", "set":
					w.tableUse(v, n, m == "set")
					if m == "set" {
						w.writeThrough(v)
					}
				default:
					if mutatingMethods[m] {
						w.writeThrough(v)
					}
				}
			}
		}
	}
	if r, ok := chainRoot(n.X).(*js.Var); ok && r != n.X && varOf(r).Decl == js.NoDecl && pureReaders[string(r.Data)] {
		return // Object.keys(names), String.fromCharCode.apply(null, codes)
	}
	for _, a := range n.Args.List {
		if v, ok := a.Value.(*js.Var); ok {
			w.escape(v)
		}
	}
}

// escape records v passed to a function (pass 1): a data literal bound to
// it may be written by the callee.
func (w *walker) escape(v *js.Var) {
	v = varOf(v)
	if v.Decl == js.NoDecl || v.Decl == js.ArgumentDecl {
		return
	}
	if w.task != nil {
		w.task.events.add(bindEvent{v: v, escaped: true})
		return
	}
	w.p.escape(v)
}

// escape marks v's binding written, or remembers v when it has none yet
// (a use before the declaration in the text): no binding is made for it.
func (p *Program) escape(v *js.Var) {
	if b := p.bindings.get(v); b != nil {
		b.written = true
		b.writtenOut = true // not a write a loop fold can run
		return
	}
	if p.escaped == nil {
		p.escaped = map[*js.Var]bool{}
	}
	p.escaped[v] = true
}

// tableUse records v as the receiver of get/has/set (pass 1).
func (w *walker) tableUse(v *js.Var, n *js.CallExpr, set bool) {
	v = varOf(v)
	if v.Decl == js.NoDecl || v.Decl == js.ArgumentDecl {
		return
	}
	if w.task != nil {
		w.task.events.add(bindEvent{v: v, ext: &bindExt{table: n, tableSet: set, fn: w.fnNode, loop: w.loop}})
		return
	}
	w.p.addTableUse(v, tableUse{call: n, fn: w.fnNode, set: set, inLoop: w.loop != nil})
}

func (p *Program) addTableUse(v *js.Var, u tableUse) {
	if p.tables == nil {
		p.tables = map[*js.Var]*tableUses{}
	}
	t := p.tables[v]
	if t == nil {
		t = &tableUses{}
		p.tables[v] = t
	}
	t.uses = append(t.uses, u)
}

// uses returns how many times v occurs in the program (its declaration
// included), across the units of a split input.
func (p *Program) uses(v *js.Var) int {
	return int(v.Uses) + p.linkedUses[v]
}

// maxTableEntries bounds the entries of a Map literal that are read.
const maxTableEntries = 256

// tableGet resolves m.get(k) on a name table: a local Map made from an
// array of constant pairs, written only with set, used only with get, has
// and set. The entry's value is what the constructor and every set of the
// same key give it (constants only when they agree), except a set that
// follows the get in straight-line order in the same function, which the
// get does not see (nor does it resolve to that set's value where it
// might see it: in a loop, or on a Map of an outer function).
func (p *Program) tableGet(n *js.CallExpr, recv js.IExpr, thisGlobal bool, d int) (Value, bool) {
	if len(n.Args.List) != 1 || n.Args.List[0].Rest || p.tables == nil {
		return Value{}, false
	}
	rv, ok := unparen(recv).(*js.Var)
	if !ok {
		return Value{}, false
	}
	v := varOf(rv)
	t := p.tables[v]
	if t == nil || v.Decl == js.NoDecl {
		return Value{}, false
	}
	b := p.bindings.get(v)
	if b == nil || b.n != 1 || b.mutated || b.first.expr == nil || len(b.first.keyList()) > 0 {
		return Value{}, false
	}
	ne, ok := unparen(b.first.expr).(*js.NewExpr)
	if !ok || !p.resolve(ne.X, false, d).IsGlobal("Map") {
		return Value{}, false
	}
	if p.uses(v) != 1+len(t.uses) {
		return Value{}, false // the Map is used in other ways: it may be filled elsewhere
	}
	key := p.resolve(n.Args.List[0].Value, thisGlobal, d)
	if key.Kind != Const {
		return Value{}, false
	}
	sameKey := func(e js.IExpr) (bool, bool) {
		k := p.resolve(e, false, d)
		if k.Kind != Const {
			return false, false
		}
		return k.Str == key.Str && k.Num() == key.Num(), true
	}
	var vals []js.IExpr
	if ne.Args != nil && len(ne.Args.List) > 0 {
		if len(ne.Args.List) > 1 || ne.Args.List[0].Rest {
			return Value{}, false
		}
		arr, ok := unparen(ne.Args.List[0].Value).(*js.ArrayExpr)
		if !ok || len(arr.List) > maxTableEntries {
			return Value{}, false
		}
		for _, el := range arr.List {
			pair, ok := unparen(el.Value).(*js.ArrayExpr)
			if el.Spread || !ok || len(pair.List) < 2 || pair.List[0].Spread || pair.List[1].Spread {
				return Value{}, false
			}
			same, ok := sameKey(pair.List[0].Value)
			if !ok {
				return Value{}, false
			}
			if same { // a later entry of the same key replaces an earlier one
				vals = append(vals[:0], pair.List[1].Value)
			}
		}
	}
	get := -1 // this get among the uses
	for i := range t.uses {
		if t.uses[i].call == n {
			get = i
			break
		}
	}
	for i := range t.uses {
		u := &t.uses[i]
		if !u.set {
			continue
		}
		s := u.call
		if len(s.Args.List) < 2 || s.Args.List[0].Rest || s.Args.List[1].Rest {
			return Value{}, false
		}
		same, ok := sameKey(s.Args.List[0].Value)
		if !ok {
			return Value{}, false // a key not known: any entry may be written
		}
		if !same {
			continue
		}
		if get >= 0 && i > get && u.fn == t.uses[get].fn {
			// a set after this get in the same function: not seen by the
			// get when the function makes its own Map and the get is not
			// in a loop of it (straight-line order); otherwise the get
			// may see it from an earlier run or iteration, or not
			if t.uses[get].inLoop || (u.fn != nil && !contains(u.fn, ne)) {
				return Value{}, true
			}
			continue
		}
		vals = append(vals, s.Args.List[1].Value)
	}
	var out Value
	for i, e := range vals {
		r := p.resolve(e, thisGlobal, d)
		switch {
		case i == 0:
			out = r
		case out.Kind == Global || out.Kind == Unresolved:
		case r.Kind == Global || r.Kind == Unresolved:
			out = r
		case out.Kind == Const && r.Kind == Const && out.Str == r.Str:
		default:
			out = Value{}
		}
	}
	if out.Kind == Unknown {
		return Value{}, true // no entry (undefined) or entries that disagree
	}
	out.Reflective = true
	return out, true
}

// depthModel holds what pass 1 records for the deeper value model. It is
// written by pass 1 (and the replay of its parallel tasks) and before the
// values are resolved; after that it is only read, by every copy of the
// program (parallel pass 2 walkers, readers).
type depthModel struct {
	// receivers of get/has/set (names.go)
	tables map[*js.Var]*tableUses
	// uses of variables inside the units of a split input
	linkedUses map[*js.Var]int
	// what `this` is in the function where a source was bound (var s =
	// this, var n = this.nav), by binding and source index (depth.go)
	srcOwners map[srcRef]any
	thisVars  bool // a variable has a source `this` (binding.thisVar says which)
	// writes of variables inside loops (loops.go)
	loopWrites map[*binding]*loopWrites
	// properties written through variables inside loops (a[i] = …,
	// a.push(…)), loops.go
	arrayLoops map[*binding]*loopWrites
	// writes of property names read as HTML (after pass 2; ConstProp)
	propWrites map[string]*propWrites
	// variables passed to a function before they had a binding (escape)
	escaped map[*js.Var]bool
	// direct calls of locals that may be their only use (singlecall.go)
	singleCalls []singleCall
}

// propWrites are the values the program writes to one property name.
type propWrites struct {
	consts []string // constant values, in walk order
	other  bool     // a write of a value that is not constant
	// nodes: writes whose value builds a DOM or jQuery node (nodeValue);
	// strs: a write whose value may be a string; nestedStrs: one that is
	// a key of an object literal nested in another ({options: {helper:
	// "original"}}), which this.helper does not read (NodeProp)
	nodes            int
	strs, nestedStrs bool
}

// notePropWrites (after pass 2, before the model is frozen) finds, for the
// property names read as HTML by a tracked object-literal key
// ({dangerouslySetInnerHTML: {__html: t.nullMessage}}, {innerHTML: o.text})
// on a receiver that is not known, every write of that name in the
// program: object-literal keys, assignments, class fields. ConstProp
// answers from them.
func (p *Program) notePropWrites() {
	var want map[string]*propWrites
	wantName := func(e js.IExpr, any bool) {
		d, ok := unparen(e).(*js.DotExpr)
		if !ok {
			return
		}
		lit, ok := dotName(d.Y)
		if !ok {
			return
		}
		if !any {
			if v := p.resolve(d, false, 0); v.Kind != Member || v.Root == protoRoot || v.Root == protoMethodRoot {
				return // a global, a constant, or a member of something known
			}
		}
		if want == nil {
			want = map[string]*propWrites{}
		}
		name, _ := identName(lit.Data)
		if want[name] == nil {
			want[name] = &propWrites{}
		}
	}
	add := func(e js.IExpr) { wantName(e, false) }
	for _, pr := range p.Props {
		if obj, ok := pr.Value.(*js.ObjectExpr); ok {
			for _, it := range obj.List {
				if !it.Spread && it.Value != nil {
					add(it.Value)
				}
			}
			continue
		}
		add(pr.Value)
	}
	p.htmlArgProps(add, func(e js.IExpr) { wantName(e, true) }) // sel.html(o.name), $(el).append(o.node) (htmlprops.go)
	for _, name := range p.opts.propNames {
		if want == nil {
			want = map[string]*propWrites{}
		}
		if want[name] == nil {
			want[name] = &propWrites{}
		}
	}
	if want != nil {
		if p.siteTasks != nil {
			p.propWritesParallel(want)
		} else {
			v := &propWriteWalker{p: p, want: want}
			p.writeSites.each(v.site)
		}
		p.propWrites = want
	}
	p.writeSites, p.siteTasks = nodeLog{}, nil
}

// propWritesParallel reads the write sites of a parallel pass 2: the sites
// of every task are read by a resolver of their own (own memos, as pass 2's
// walkers), on the workers, and the writes are then added up. Only how many
// constants a name has and whether any write was not constant are read
// (ConstProp; NodeProp: how many nodes, whether any string), so the
// order of the tasks does not matter; they are added
// in walk order all the same.
func (p *Program) propWritesParallel(want map[string]*propWrites) {
	var tasks []*walkTask
	var list func(t *walkTask)
	list = func(t *walkTask) {
		tasks = append(tasks, t)
		for _, sp := range t.splices {
			list(sp.t)
		}
	}
	list(p.siteTasks)
	parts := make([]map[string]*propWrites, len(tasks))
	parts[0] = want
	for i := 1; i < len(tasks); i++ {
		if tasks[i].prog.writeSites.n == 0 {
			continue
		}
		part := make(map[string]*propWrites, len(want))
		for k := range want {
			part[k] = &propWrites{}
		}
		parts[i] = part
	}
	var next atomic.Int64
	work := func() {
		for {
			i := int(next.Add(1)) - 1
			if i >= len(tasks) {
				return
			}
			if parts[i] == nil {
				continue
			}
			v := &propWriteWalker{p: p.walkerCopy(), want: parts[i]}
			tasks[i].prog.writeSites.each(v.site)
		}
	}
	var wg sync.WaitGroup
	for range max(p.workers, 1) - 1 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work()
		}()
	}
	work()
	wg.Wait()
	for _, part := range parts[1:] {
		for k, w := range part {
			if t := want[k]; t != nil {
				t.other = t.other || w.other
				t.consts = append(t.consts, w.consts...)
				t.nodes += w.nodes
				t.strs = t.strs || w.strs
				t.nestedStrs = t.nestedStrs || w.nestedStrs
			}
		}
	}
}

// propWriteWalker notes the writes of the wanted property names at the
// write sites pass 2 recorded.
type propWriteWalker struct {
	p    *Program
	want map[string]*propWrites
	// nested: object literals that are a key's value in another object
	// literal ({options: {helper: "original"}}): their keys are the inner
	// object's properties (NodeProp)
	nested map[*js.ObjectExpr]bool
}

// key returns the entry of the property key or member name l, nil when
// its name is not wanted. Plain names are looked up without a copy.
func (v *propWriteWalker) key(l js.LiteralExpr) *propWrites {
	d := l.Data
	switch l.TokenType {
	case js.StringToken: // as DecodeString
		if len(d) >= 2 && (d[0] == '"' || d[0] == '\'') && d[len(d)-1] == d[0] {
			d = d[1 : len(d)-1]
		}
		if !containsBackslash(d) {
			return v.want[string(d)]
		}
	case js.DecimalToken, js.IntegerToken, js.HexadecimalToken, js.OctalToken, js.BinaryToken:
	default:
		if !containsBackslash(d) {
			return v.want[string(d)]
		}
	}
	return v.want[propName(l)]
}

func (v *propWriteWalker) note(w *propWrites, value js.IExpr, assignOp js.TokenType, nested bool) {
	if w == nil {
		return
	}
	if value == nil || assignOp != js.EqToken {
		w.other = true
		w.strs = w.strs || assignOp == js.AddEqToken
		return
	}
	node, str := v.p.nodeValue(value, 0)
	if node {
		w.nodes++
	}
	r := v.p.resolve(value, false, 0)
	if _, lit := unparen(value).(*js.LiteralExpr); !lit && r.Kind == Const && !r.Num() {
		switch r.Str {
		case "null", "undefined", "true", "false":
		default:
			str = true // a local holding a string
		}
	}
	if str && nested {
		w.nestedStrs = true
	} else if str {
		w.strs = true
	}
	if r.Kind != Const {
		w.other = true
		return
	}
	w.consts = append(w.consts, r.Str)
}

// site notes the writes of one write site: an object literal's keys, an
// assignment to a member, a class's fields.
func (v *propWriteWalker) site(n js.INode) {
	switch n := n.(type) {
	case *js.ObjectExpr:
		for _, it := range n.List {
			if it.Spread || it.Name == nil {
				continue
			}
			if o, ok := it.Value.(*js.ObjectExpr); ok { // sites come outer first
				if v.nested == nil {
					v.nested = map[*js.ObjectExpr]bool{}
				}
				v.nested[o] = true
			}
			var w *propWrites
			if it.Name.IsComputed() {
				k := v.p.resolve(it.Name.Computed, false, 0)
				if k.Kind != Const {
					continue
				}
				w = v.want[k.Str]
			} else {
				w = v.key(it.Name.Literal)
			}
			v.note(w, it.Value, js.EqToken, v.nested[n])
		}
	case *js.BinaryExpr:
		if !isAssignOp(n.Op) {
			break
		}
		switch t := n.X.(type) {
		case *js.DotExpr:
			if lit, ok := dotName(t.Y); ok {
				v.note(v.key(*lit), n.Y, n.Op, false)
			}
		case *js.IndexExpr:
			if k := v.p.resolve(t.Y, false, 0); k.Kind == Const {
				v.note(v.want[k.Str], n.Y, n.Op, false)
			}
		}
	case *js.ClassDecl:
		for i := range n.List {
			if f := n.List[i].Field; f.Name.Literal.Data != nil && !f.Name.IsComputed() && n.List[i].Method == nil && n.List[i].StaticBlock == nil {
				v.note(v.key(f.Name.Literal), f.Init, js.EqToken, false)
			}
		}
	}
}

// ConstProp reports whether every value the program writes to the
// property name is a constant, and returns those values (at least one).
// It knows the names read as HTML by a tracked object-literal key on an
// unknown receiver ({dangerouslySetInnerHTML: {__html: t.nullMessage}});
// for any other name ok is false. A value the host or a data source
// carries under the same name is not a write the program makes: a rule
// that trusts this says so.
func (p *Program) ConstProp(name string) (consts []string, ok bool) {
	w := p.propWrites[name]
	if w == nil || w.other || len(w.consts) == 0 {
		return nil, false
	}
	return w.consts, true
}

// NodeProp reports whether the program writes the property name only
// with values that are not strings, and at least once with a node it
// builds: a jQuery object ($("<div>"), a chain on one), a DOM element
// (document.createElement), or a local helper's call given one; the
// other writes are empty (null), or values of unknown type that are not
// written as strings (a method's result, another property). It knows the
// names given to jQuery's insert methods (.append(this.helper)) and to
// .html(); for any other name it is false. thisRead: the read is
// this.name, which a key of an object literal nested in another
// ({options: {helper: "original"}}, the widget's this.options.helper)
// does not write. jQuery parses a string given to
// .append as markup, never a node.
func (p *Program) NodeProp(name string, thisRead bool) bool {
	w := p.propWrites[name]
	return w != nil && w.nodes > 0 && !w.strs && (thisRead || !w.nestedStrs)
}

// NodeExpr reports whether e builds a DOM or jQuery node (as NodeProp's
// writes) and is never a string.
func (p *Program) NodeExpr(e js.IExpr) bool {
	node, str := p.nodeValue(e, 0)
	return node && !str
}

// domFactories are the document methods that return a new node.
var domFactories = map[string]bool{"document.createElement": true, "document.createElementNS": true,
	"document.createTextNode": true, "document.createDocumentFragment": true}

// nodeValue reads the values e may have (both branches of ?:, both sides
// of || and &&): node, one of them builds a DOM or jQuery node; str, one
// of them is written as a string (a string or template literal, a
// concatenation with one).
func (p *Program) nodeValue(e js.IExpr, d int) (node, str bool) {
	if d > 8 {
		return false, false
	}
	switch n := unparen(e).(type) {
	case *js.CondExpr:
		n1, s1 := p.nodeValue(n.X, d+1)
		n2, s2 := p.nodeValue(n.Y, d+1)
		return n1 || n2, s1 || s2
	case *js.BinaryExpr:
		switch n.Op {
		case js.OrToken, js.AndToken, js.NullishToken:
			n1, s1 := p.nodeValue(n.X, d+1)
			n2, s2 := p.nodeValue(n.Y, d+1)
			return n1 || n2, s1 || s2
		case js.AddToken:
			return false, true // a concatenation may be a string
		}
	case *js.LiteralExpr:
		return false, n.TokenType == js.StringToken
	case *js.TemplateExpr:
		return false, n.Tag == nil
	case *js.CallExpr:
		callee := p.resolve(n.X, false, 0)
		switch {
		case callee.IsGlobal("$") || callee.IsGlobal("jQuery"):
			return true, false
		case callee.Kind == Global && domFactories[callee.Path]:
			return true, false
		case callee.Kind == Global && stringFuncs[callee.Path]:
			return false, true
		}
		if dot, ok := unparen(n.X).(*js.DotExpr); ok {
			lit, ok := dotName(dot.Y)
			if !ok {
				return false, false
			}
			m := string(lit.Data)
			if stringMethods[m] || getterMethods[m] && getter(m, n) {
				return false, true // el.attr("id"), parts.join(""), x.toString()
			}
			// a method called on a node: jQuery's chain ($("<ul>").appendTo(el).hide())
			if node, _ := p.nodeValue(dot.X, d+1); node && (nodeChain[m] || getterMethods[m]) {
				return true, false
			}
			return false, false
		}
		if callee.Kind == Global {
			return false, false
		}
		// a local helper given a node it builds (bindHover($("<div>")))
		for _, a := range n.Args.List {
			if node, _ := p.nodeValue(a.Value, d+1); node && !a.Rest {
				return true, false
			}
		}
	}
	return false, false
}

// nodeChain are jQuery methods that return the set they are called on (or
// a new set of nodes), never a string.
var nodeChain = map[string]bool{"appendTo": true, "prependTo": true, "insertAfter": true, "insertBefore": true,
	"addClass": true, "removeClass": true, "toggleClass": true, "removeAttr": true, "hide": true, "show": true,
	"clone": true, "append": true, "prepend": true, "after": true, "before": true, "on": true, "off": true,
	"bind": true, "unbind": true, "eq": true, "first": true, "last": true, "parent": true, "children": true,
	"find": true, "closest": true, "filter": true, "not": true, "add": true, "empty": true, "uniqueId": true,
	"disableSelection": true}

// getterMethods return the set when they set something and a string when
// they read: el.attr("id", x) is the set, el.attr("id") a string.
var getterMethods = map[string]bool{"attr": true, "css": true, "prop": true, "text": true, "html": true, "val": true}

// getter reports whether a call of a getterMethods method reads: no
// argument, or for attr, css and prop one that is not an object.
func getter(m string, n *js.CallExpr) bool {
	switch len(n.Args.List) {
	case 0:
		return true
	case 1:
		if m == "text" || m == "html" || m == "val" {
			return false
		}
		_, obj := unparen(n.Args.List[0].Value).(*js.ObjectExpr)
		return !obj
	}
	return false
}

// stringMethods and stringFuncs return strings.
var (
	stringMethods = map[string]bool{"toString": true, "join": true, "replace": true, "replaceAll": true, "substr": true,
		"substring": true, "trim": true, "toLowerCase": true, "toUpperCase": true, "toFixed": true, "padStart": true,
		"padEnd": true, "repeat": true, "charAt": true, "concat": true, "slice": true, "format": true, "stringify": true}
	stringFuncs = map[string]bool{"String": true, "JSON.stringify": true, "encodeURIComponent": true, "encodeURI": true,
		"escape": true, "atob": true, "btoa": true, "String.fromCharCode": true, "String.fromCodePoint": true}
)

// dataCall returns the call a local is bound to once and never written
// through, mutated or passed anywhere (const r = ["h", …].reverse()), so
// that a later r.join("") folds the array the call makes.
func (p *Program) dataCall(e js.IExpr) *js.CallExpr {
	if _, ok := e.(*js.Var); !ok {
		return nil // a variable itself, not one in parentheses
	}
	c, _ := p.boundOnce(e).(*js.CallExpr)
	return c
}

// spreadData expands the spread arguments of a call that spread an array
// literal or a data array (f(...codes)); nil when there is none or one
// cannot be expanded.
func (p *Program) spreadData(args []js.Arg) []js.Arg {
	has := false
	for _, a := range args {
		has = has || a.Rest
	}
	if !has {
		return nil
	}
	var out []js.Arg
	for _, a := range args {
		if !a.Rest {
			out = append(out, a)
			continue
		}
		arr, ok := unparen(a.Value).(*js.ArrayExpr)
		if !ok {
			arr, ok = p.dataObject(a.Value).(*js.ArrayExpr)
		}
		if !ok || len(arr.List) > 4096 {
			return nil
		}
		for _, el := range arr.List {
			if el.Spread {
				return nil
			}
			out = append(out, js.Arg{Value: el.Value})
		}
	}
	return out
}
