// Package analyzer builds pbicert's program model: it parses a bundle once
// with tdewolff/parse, resolves scopes, global-object aliases, single
// assignments and constant expressions, and records the facts every rule
// needs (references to browser APIs, calls, assignments, string literals)
// with exact positions. Rules read the model; they never walk the tree.
package analyzer

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/pbicert/pbicert/analyzer/internal/jsscan"
	"github.com/pbicert/pbicert/internal/textpos"
	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/js"
)

// Options bound the resources the analyzer spends on one input.
type Options struct {
	// Members names the properties whose accesses are recorded in
	// Program.Members (e.g. "eventService"), whatever the receiver.
	Members map[string]bool
	// Paths are dotted API paths ("navigator.sendBeacon") whose uses
	// through a local alias of their namespace (const n = navigator;
	// n.sendBeacon(u)) are recorded as Refs at the use. Without them such a
	// use is covered by the Ref where the alias is bound ("navigator"),
	// which names only the namespace.
	Paths map[string]bool
	// Keep, when set, limits what the model records to what its consumers
	// need (nil records everything): see Keep.
	Keep *Keep
	// Eval, when set, evaluates a closed key expression the folder could
	// not reduce (window[(() => "fe" + "tch")()]) in a sandbox and returns
	// its string value. Only expressions proven closed are passed.
	Eval func(code string) (string, bool)
	// RecordIdents records the offset of every identifier the position
	// resolver placed (Program.Idents); used by the position oracle tests.
	RecordIdents bool
	// MaxBytes is the largest JavaScript input accepted (default 64 MiB).
	MaxBytes int
	// MaxDepth is the deepest nesting of brackets and expressions accepted
	// (default 1500): deeper code is refused instead of exhausting the stack.
	MaxDepth int
	// ParseWorkers is how many goroutines parse one large input (its large
	// function expressions in parallel): 0 means GOMAXPROCS, 1 parses in
	// one piece.
	ParseWorkers int
	// OnInput, when set, is called with the size of each input before it
	// is parsed (the CLI sizes its memory limit with it).
	OnInput func(bytes int)
	// Idle, when set, is started once per Parse when a core is free for
	// work that does not need the model (lint identifies the libraries
	// there): when the walks of a split parse enter their serial phase
	// (pass 1's replay and the variable values; it then runs after the
	// nesting guard, on the guard's goroutine), or as the parse starts, on
	// a goroutine of its own, when the input is parsed in one piece. It is
	// not started when Parse fails before.
	Idle func()

	splitMin, unitMin int      // tests: split smaller inputs into smaller units
	propNames         []string // tests: more property names notePropWrites wants
}

// Keep selects the facts worth recording. Memory and time go down a lot
// on multi-megabyte bundles when references to Math, Object, JSON... and
// calls of uninteresting methods are not recorded.
type Keep struct {
	// Roots: a Ref is kept when the first segment of its path is here (or
	// when it is unresolved, written with escapes, or a known idiom).
	Roots map[string]bool
	// Methods: a call is kept when its method name is here, or when its
	// callee is a global kept by Roots.
	Methods map[string]bool
	// Props: an assignment is kept when it writes one of these properties
	// (or writes a global, or a property of a global).
	Props map[string]bool
	// StringMarks: a string literal is kept when it contains one of these.
	StringMarks []string
}

func (k *Keep) ref(v Value) bool {
	if k == nil || v.Kind != Global || v.Escaped || v.Idiom != "" || v.Realm {
		return true
	}
	root := v.Path
	if i := strings.IndexByte(root, '.'); i >= 0 {
		root = root[:i]
	}
	return k.Roots[root]
}

// raw is a quick test on a literal's source bytes: escapes are kept for
// the decoded test.
func (k *Keep) raw(b []byte) bool {
	if k == nil || bytes.IndexByte(b, '\\') >= 0 {
		return true
	}
	for _, m := range k.StringMarks {
		if bytes.Contains(b, []byte(m)) {
			return true
		}
	}
	return false
}

func (k *Keep) str(s string) bool {
	if k == nil {
		return true
	}
	for _, m := range k.StringMarks {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

// DefaultOptions returns the documented defaults.
func DefaultOptions() Options { return Options{MaxBytes: 64 << 20, MaxDepth: 1500} }

func (o Options) withDefaults() Options {
	d := DefaultOptions()
	if o.MaxBytes <= 0 {
		o.MaxBytes = d.MaxBytes
	}
	if o.MaxDepth <= 0 {
		o.MaxDepth = d.MaxDepth
	}
	return o
}

// LimitError reports a resource limit that an input exceeded.
type LimitError struct {
	What  string // human description
	Flag  string // the flag that raises it
	Value int
	Max   int
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("%s (%d > %d; raise with --%s)", e.What, e.Value, e.Max, e.Flag)
}

// SyntaxError is a JavaScript parse error with its position.
type SyntaxError struct {
	Line, Column, Offset int
	Msg                  string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("syntax error at line %d, column %d: %s", e.Line, e.Column, e.Msg)
}

// UseKind says how a reference is used by its parent expression.
type UseKind uint8

const (
	// Read is any other use (passed as a value, tested, returned...).
	Read UseKind = iota
	// Called: the callee of a call.
	Called
	// Constructed: the callee of new.
	Constructed
	// Assigned: the target of an assignment.
	Assigned
	// Typeof: the operand of typeof (feature detection).
	Typeof
)

func (u UseKind) String() string {
	return [...]string{"read", "call", "new", "assign", "typeof"}[u]
}

// Ref is a maximal expression that directly denotes a browser global or a
// member path of it. A bare local alias of an API (const f = fetch; f())
// is not a Ref: its binding site is.
type Ref struct {
	Value
	Pos  int // byte offset of the start of the expression
	Use  UseKind
	Func int // index into Program.Funcs of the enclosing function, -1 at top level
	Node js.IExpr
}

// Arg is one argument of a call, resolved.
type Arg struct {
	Value
	Pos    int
	Expr   js.IExpr
	Spread bool
}

// Call is a call or new expression with its callee resolved (also through
// local aliases, .call/.apply/.bind and Reflect.apply/construct).
type Call struct {
	Callee   Value
	Pos      int // start of the callee expression
	New      bool
	Args     []Arg
	Method   string // last property name when the callee is a member expression
	Receiver Value  // resolved receiver of a member call
	Func     int
	Node     js.IExpr
	Optional bool
	// Uncallable says what the callee is when calling it always throws a
	// TypeError ("undefined", "null", "a number", "a method of undefined",
	// …); "" otherwise. Such calls are recorded whatever Options.Keep says.
	Uncallable string
}

// Assign is an assignment to a variable or member.
type Assign struct {
	Pos      int    // start of the target
	Prop     string // property name (folded) when the target is a member, "" otherwise
	Receiver Value  // resolved receiver when the target is a member
	Target   Value  // the target itself, resolved (e.g. Global "location.href")
	RHS      Value
	RHSPos   int
	Op       string
	Func     int
	Node     js.IExpr
}

// StringLit is a string or template literal (without substitutions) with its decoded value.
type StringLit struct {
	Pos   int
	Value string
}

// FuncInfo is a function, method, arrow or class body in the program.
type FuncInfo struct {
	Name   string // stable name where known (method/property/declared name), "" otherwise
	Kind   string
	Pos    int // start offset
	End    int // offset just after its last token
	Parent int // enclosing function, -1 at top level
	Node   js.INode
	Params int
	Stmts  int
}

// PropInit is a property written in an object literal.
type PropInit struct {
	Name  string
	Pos   int // offset of the key
	Value js.IExpr
	Func  int
}

// MemberAccess is an access to a named property on any receiver (.eventService).
type MemberAccess struct {
	Name string
	Pos  int
	Func int
}

// Program is the shared model of one JavaScript input.
type Program struct {
	File string
	Src  []byte // the exact input text (offsets refer to it); read-only: it may share memory with a string
	AST  *js.AST

	Refs    []Ref
	Calls   []Call
	Assigns []Assign
	Strings []StringLit
	Withs   []int // offsets of with statements
	Funcs   []FuncInfo
	Members []MemberAccess
	// Props are object-literal properties with a tracked key
	// ({dangerouslySetInnerHTML: …}, {innerHTML: …}).
	Props []PropInit
	// Idents holds the offset of every identifier placed, when
	// Options.RecordIdents is set.
	Idents []int
	// Unplaced counts identifiers the resolver could not place (RecordIdents).
	Unplaced int
	// FirstUnplaced is the cursor offset at the first unplaced identifier.
	FirstUnplaced int

	buf        []byte        // the parser's buffer (same bytes as Src), parsed in one piece
	split      *jsscan.Split // or the units parsed in parallel
	unitCounts []unitCount   // by unit: what pass 1 counted in it
	serial     func()        // called when the walks enter their serial phase (the nesting guard starts there)
	pos        *textpos.Table
	bindings   *bindTable
	callMemo   map[callKey]*Value // resolved calls, from pass 2 on
	nCalls     int                // calls counted by pass 1
	order      []*binding         // bindings in the order pass 1 made them
	valSlab    []Value            // the values phase's slab of known values (keepValue)
	// depthCuts counts resolutions cut short by maxResolveDepth: a call
	// whose resolution was cut is not memoised
	depthCuts int
	nearCuts  int            // resolutions near maxResolveDepth (resolveClean)
	lastRef   resolved       // the pass 2 walker's last clean resolution (walk_expr.go)
	workers   int            // goroutines for a split input's pass 2
	braces    []jsscan.Brace // matching braces (nil when the scan failed)
	parallel  bool           // pass 2 ran in parallel tasks (tests)
	copied    bool           // a parallel pass 2 walker's copy (reads variable values only)
	opts      Options
	evals     map[string]evalResult
	members   *nameSet
	// prefixes are the proper prefixes of opts.Paths ("navigator" for
	// "navigator.sendBeacon"): an alias bound to one of them is followed
	prefixes   map[string]bool
	fields     *fieldVars        // this.<name> sources (depth.go)
	owner      any               // pass 2: the walker's current this owner (depth.go)
	depthModel                   // pass 1 facts of depth.go, names.go and loops.go (shared by readers)
	helpers    int               // helper returns being followed (depth.go)
	decoders   map[js.IExpr]bool // functions that work on character codes (loops.go), per program value
	// frozen: Parse has returned; the model is complete and read-only, and
	// Resolve and Fold work on a reader (see reader)
	frozen bool
	// shared is the frozen program's call memo, read (never written) by its
	// readers
	shared map[callKey]*Value
	// writeSites: the nodes that write property names (object literals,
	// member assignments, classes with fields), recorded by pass 2 in walk
	// order for notePropWrites; siteTasks: the tasks of a parallel pass 2,
	// each with its own sites
	writeSites nodeLog
	siteTasks  *walkTask
	// nested: Funcs are in order of Pos, each inside its parent and either
	// inside or after the one before (freeze checks it): FuncAt searches
	nested bool
}

// freeze completes the model when Parse returns: the position table is
// built, and from now on nothing writes into the program, so its consumers
// (the rules, in parallel) may read it from any goroutine.
func (p *Program) freeze() {
	if p.pos == nil {
		p.pos = textpos.New(p.Src)
	}
	p.nested = funcsNested(p.Funcs)
	p.frozen = true
}

// funcsNested reports whether fs are in strictly increasing order of Pos
// and form a tree of intervals whose Parent links are the immediate
// enclosing ones (one pass with a stack of the open functions).
func funcsNested(fs []FuncInfo) bool {
	var open []int
	for i, f := range fs {
		if f.End < f.Pos || i > 0 && f.Pos <= fs[i-1].Pos {
			return false
		}
		for len(open) > 0 && f.Pos >= fs[open[len(open)-1]].End {
			open = open[:len(open)-1]
		}
		parent := -1
		if len(open) > 0 {
			parent = open[len(open)-1]
			if f.End > fs[parent].End { // overlaps the enclosing one
				return false
			}
		}
		if f.Parent != parent {
			return false
		}
		open = append(open, i)
	}
	return true
}

// reader is a view of a frozen program for one resolution: it shares the
// model, the variable values (all resolved before pass 2) and the call memo
// of the walks, and keeps its own memos, so that Resolve and Fold write
// nothing shared.
func (p *Program) reader() *Program {
	return &Program{File: p.File, Src: p.Src, AST: p.AST, buf: p.buf, split: p.split, braces: p.braces, opts: p.opts,
		bindings: p.bindings, members: p.members, prefixes: p.prefixes, fields: p.fields, depthModel: p.depthModel, owner: p.owner, shared: p.callMemo, copied: true}
}

// Parse parses src once and builds the model. file names the input in
// error messages and locations.
func Parse(file string, src []byte, opts Options) (prog *Program, err error) {
	opts = opts.withDefaults()
	if len(src) > opts.MaxBytes {
		return nil, &LimitError{What: "JavaScript too large", Flag: "max-js-bytes", Value: len(src), Max: opts.MaxBytes}
	}
	if opts.OnInput != nil {
		opts.OnInput(len(src))
	}
	workers := opts.ParseWorkers
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	// the nesting guard (--max-depth) reports its result on nested
	nested := make(chan error, 1)
	guard := func() {
		defer func() {
			if recover() != nil {
				nested <- nil
			}
		}()
		if d, at := jsscan.NestingDepth(src, opts.MaxDepth); d > opts.MaxDepth {
			l, c := textpos.LineCol(src, at)
			nested <- &LimitError{What: fmt.Sprintf("code nested too deeply at line %d, column %d", l, c), Flag: "max-depth", Value: d, Max: opts.MaxDepth}
			return
		}
		nested <- nil
	}
	defer func() {
		if r := recover(); r != nil {
			prog, err = nil, fmt.Errorf("internal error while parsing: %v", r)
		}
		if err == nil && prog != nil {
			prog.freeze()
		}
	}()
	splitMin, unitMin := jsscan.SplitMinBytes, jsscan.UnitMinBytes
	if opts.splitMin > 0 {
		splitMin, unitMin = opts.splitMin, opts.unitMin
	}
	// An input that may be split is scanned with its units parsed as they
	// are found (pipe.go), and the guard runs later, on the core that the
	// serial phases of the walks leave idle (the parser and the walker bound
	// their own recursion). Its verdict wins over any other result.
	parallel := workers > 1 && len(src) >= splitMin
	var guardOnce sync.Once
	var idleStarted atomic.Bool
	startGuard := func() { guardOnce.Do(func() { go guard() }) }
	claimIdle := func() bool { return opts.Idle != nil && idleStarted.CompareAndSwap(false, true) }
	startIdle := func() {
		if claimIdle() {
			go opts.Idle()
		}
	}
	// the serial phase of a split input leaves one core free: the guard and
	// then Idle run there one after the other, on one goroutine (a third
	// runnable goroutine would take time from the replay and the values)
	startSerial := func() {
		started := false
		guardOnce.Do(func() {
			started = true
			go func() {
				guard()
				if claimIdle() {
					opts.Idle()
				}
			}()
		})
		if !started {
			startIdle()
		}
	}
	guarded := false
	verdict := func() error { // the guard's verdict, once
		if guarded {
			return nil
		}
		guarded = true
		startGuard()
		return <-nested
	}
	var braces []jsscan.Brace
	var sp *jsscan.Split
	if parallel {
		braces, sp = jsscan.ScanSplit(src, unitMin, workers)
	} else {
		// the scan gives every function its exact end (the brace table)
		braces = jsscan.Braces(src)
		if nerr := verdict(); nerr != nil {
			return nil, nerr
		}
	}
	if sp != nil {
		prog, ok, werr := splitWalk(file, src, sp, braces, opts, workers, startSerial)
		if nerr := verdict(); nerr != nil {
			return nil, nerr
		}
		if ok {
			return prog, werr
		}
		// a placeholder the walker did not meet: parse in one piece
	}
	// in one piece, with the guard beside the parse when it has not run yet
	startGuard()
	startIdle()
	// The parser needs a NUL after the input; give it spare capacity so it
	// works on our own copy and every literal slice points into buf.
	buf := make([]byte, len(src), len(src)+1)
	copy(buf, src)
	ast, perr := js.Parse(parse.NewInputBytes(buf), js.Options{})
	if nerr := verdict(); nerr != nil {
		return nil, nerr
	}
	if perr != nil {
		var pe *parse.Error
		if errors.As(perr, &pe) {
			if strings.HasPrefix(pe.Message, "too many nested") {
				// tdewolff refuses about 1000 levels of nesting (and chains of
				// 1000 operators) itself, whatever --max-depth says
				return nil, fmt.Errorf("code nested too deeply at line %d, column %d: %s (the JavaScript parser accepts about %d levels of nesting or operators in one chain)",
					pe.Line, pe.Column, pe.Message, js.NestedExprLimit)
			}
			off := parserOffset(src, pe.Line, pe.Column)
			l, c := textpos.LineCol(src, off)
			return nil, &SyntaxError{Line: l, Column: c, Offset: off, Msg: pe.Message}
		}
		return nil, fmt.Errorf("syntax error: %v", perr)
	}
	prog = newProgram(file, src, ast, buf, opts)
	prog.braces = braces
	if err := prog.collectBindings(); err != nil {
		return nil, err
	}
	if err := prog.walk(); err != nil {
		return nil, err
	}
	return prog, nil
}

// splitWalk builds the model of a split parse. ok is false when a unit was
// not grafted (the input must then be parsed in one piece).
func splitWalk(file string, src []byte, sp *jsscan.Split, braces []jsscan.Brace, opts Options, workers int, serial func()) (prog *Program, ok bool, err error) {
	prog = newProgram(file, src, sp.Root(), nil, opts)
	prog.split, prog.workers, prog.braces, prog.serial = sp, workers, braces, serial
	if err := prog.collectBindings(); err != nil {
		return nil, true, err
	}
	if !sp.Complete() {
		return nil, false, nil
	}
	prog.AST.Undeclared = append(prog.AST.Undeclared, sp.Globals()...)
	if err := prog.walk(); err != nil {
		return nil, true, err
	}
	return prog, true, nil
}

func newProgram(file string, src []byte, ast *js.AST, buf []byte, opts Options) *Program {
	return &Program{File: file, Src: src, AST: ast, buf: buf, opts: opts,
		bindings: newBindTable(len(src) / 64), members: newNameSet(opts.Members), prefixes: pathPrefixes(opts.Paths), fields: &fieldVars{}}
}

// pathPrefixes lists the proper prefixes, cut at dots, of dotted paths.
func pathPrefixes(paths map[string]bool) map[string]bool {
	var out map[string]bool
	for p := range paths {
		for i := 0; i < len(p); i++ {
			if p[i] == '.' {
				if out == nil {
					out = map[string]bool{}
				}
				out[p[:i]] = true
			}
		}
	}
	return out
}

// throughAlias reports whether path, reached through a local alias of
// the namespace alias, is or lies under one of opts.Paths longer than alias.
func (p *Program) throughAlias(path, alias string) bool {
	if len(path) <= len(alias) || path[len(alias)] != '.' || path[:len(alias)] != alias {
		return false
	}
	for i := len(alias) + 1; i <= len(path); i++ {
		if i == len(path) || path[i] == '.' {
			if p.opts.Paths[path[:i]] {
				return true
			}
		}
	}
	return false
}

// Position converts a byte offset into a 1-based line and a 1-based column
// counted in characters of that line, with pbicert's one convention
// (internal/textpos: lines end at \n, \r\n or a lone \r).
func (p *Program) Position(offset int) (line, col int) {
	if p.pos == nil { // not frozen yet (tests of a walk)
		return textpos.New(p.Src).LineCol(offset)
	}
	return p.pos.LineCol(offset)
}

// FuncAt returns the index of the innermost function containing offset, or -1.
func (p *Program) FuncAt(offset int) int {
	if p.nested {
		// the innermost function holding offset is the last one starting
		// at or before it, or the first of its ancestors that holds it
		i := sort.Search(len(p.Funcs), func(i int) bool { return p.Funcs[i].Pos > offset }) - 1
		for i >= 0 && offset >= p.Funcs[i].End {
			i = p.Funcs[i].Parent
		}
		return i
	}
	return funcAtScan(p.Funcs, offset)
}

// funcAtScan is FuncAt by looking at every function: the one holding
// offset that starts last (the later one on a tie).
func funcAtScan(fs []FuncInfo, offset int) int {
	best := -1
	for i, f := range fs {
		if f.Pos <= offset && offset < f.End {
			if best < 0 || f.Pos >= fs[best].Pos {
				best = i
			}
		}
	}
	return best
}

// FuncName returns a stable dotted name for function i ("Visual.update",
// "<module>" at top level); anonymous functions are named by their parent
// and their ordinal among its anonymous children.
func (p *Program) FuncName(i int) string {
	if i < 0 || i >= len(p.Funcs) {
		return "<top>"
	}
	var parts []string
	for j := i; j >= 0 && len(parts) < 6; j = p.Funcs[j].Parent {
		n := p.Funcs[j].Name
		if n == "" || isDigits(n) {
			continue // anonymous, or a webpack module id (changes between builds)
		}
		if len(parts) > 0 && strings.HasPrefix(parts[len(parts)-1], n+".") {
			continue // a class around its method "Class.method"
		}
		parts = append(parts, n)
	}
	if len(parts) == 0 {
		return "<anonymous>"
	}
	for a, b := 0, len(parts)-1; a < b; a, b = a+1, b-1 {
		parts[a], parts[b] = parts[b], parts[a]
	}
	out := parts[0]
	for _, s := range parts[1:] {
		out += "." + s
	}
	return out
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// parserOffset returns the byte offset of a tdewolff error position. The
// parser counts lines its own way (U+2028 and U+2029 end a line too) and
// columns in runes; the offset is converted back with pbicert's
// convention (internal/textpos).
func parserOffset(src []byte, line, col int) int {
	i := 0
	for l := 1; l < line && i < len(src); {
		c := src[i]
		switch {
		case c == '\n':
			l++
		case c == '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			l++
		case c == 0xE2 && i+2 < len(src) && src[i+1] == 0x80 && (src[i+2] == 0xA8 || src[i+2] == 0xA9):
			i += 2
			l++
		}
		i++
	}
	for k := 1; k < col && i < len(src); k++ {
		_, size := utf8.DecodeRune(src[i:])
		i += size
	}
	return min(i, len(src))
}
