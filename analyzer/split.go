package analyzer

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"sync"
	"unsafe"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/js"
)

// Parallel parsing. A multi-megabyte bundle is mostly large function
// expressions: webpack module factories, UMD wrappers, library closures.
// scanUnits finds them with a token-level scan (no parse); the pipe
// (pipe.go) parses each one on its own, in parallel and while the scan goes
// on, as "(" + its text + ")", while the enclosing text is parsed with a
// short placeholder function in its place. Pass 1 grafts every parsed
// function into its placeholder the first time it meets it (split.graft),
// so that the rest of the analyzer sees one ordinary syntax tree;
// parwalk.go walks the units in parallel.
//
// Nothing here has to be right for the result to be right: a unit is only
// grafted where the parser itself found its placeholder function (checked
// by the address of the marker string), a unit must parse as exactly one
// function of the kind found by the scan, and if anything does not hold
// (a scan confused by a regular expression, a unit that does not parse, a
// placeholder the walker never reached) the input is parsed again as one
// piece.

// span is a function expression found by the scan: src[start:end] is its
// whole text (from "function", "async" or the arrow's parameters to the
// closing brace of its body).
type span struct {
	start, end int
	arrow      bool
}

// scan is what scanUnits finds.
type scan struct {
	spans  []span  // function expressions of at least minSize bytes, by start (nested ones included; none when piped)
	braces []brace // every {…} pair, by opening offset
	ok     bool    // false: the scan did not balance (parse in one piece, no brace table)
}

// brace is a pair of matching curly braces: offsets of '{' and '}'.
type brace struct{ open, close int32 }

// closing returns the offset of the '}' matching the '{' at open, or -1.
func closing(braces []brace, open int) int {
	i := sort.Search(len(braces), func(i int) bool { return int(braces[i].open) >= open })
	if i < len(braces) && int(braces[i].open) == open {
		return int(braces[i].close)
	}
	return -1
}

// scanUnits scans src once, without parsing: it finds the function
// expressions worth parsing on their own and the matching braces. Inputs
// over 2 GiB are not scanned (offsets are 32-bit).
func scanUnits(src []byte, minSize int) scan { return scanUnitsTo(src, minSize, nil) }

// scanUnitsTo is scanUnits handing each function expression it finds to
// pl (when not nil) as soon as its body closes, instead of listing it.
func scanUnitsTo(src []byte, minSize int, pl *pipe) scan {
	type frame struct {
		kind      byte  // '(', '[', '{', or '$' for a template substitution
		brace     int32 // '{': its index in braces
		fnStart   int32 // '(' of function parameters, '{' of a function body: the function's start; else -1
		fnExpr    bool  // that function is an expression
		arrow     bool  // '{' of an arrow body
		object    bool  // '{' opened where an expression is expected (an object literal)
		kwBefore  bool  // '(' after if, while, for or with: a regular expression may follow ')'
		openStart int32 // '(': where an arrow with these parameters starts (the '(' or a preceding async)
		openExpr  bool  // '(': an arrow with these parameters would be an expression
	}
	n := len(src)
	stack := make([]frame, 0, 256)
	var out []span
	braces := make([]brace, 0, n/64)
	// regexOK: a '/' here starts a regular expression. exprOK: a function
	// keyword here starts a function expression (not a declaration).
	regexOK, exprOK := true, false
	afterDot := false // the previous token was '.' or '?.': a word here is a property name
	// the previous token when it matters
	const (
		pOther = iota
		pIdent
		pClose // ')'
		pFunc  // function keyword, its '*' or its name
	)
	prev := pOther
	// pIdent: where the identifier starts and ends, exprOK before it (or
	// before a preceding async: the start of "async x => {}"), and whether
	// it is "async" itself
	identStart, identEnd := int32(-1), int32(-1)
	identExpr, identAsync := false, false
	var closed frame     // pClose: the frame just closed
	fnStart := int32(-1) // pFunc: start of the pending function
	fnExpr := false
	bodyStart := int32(-1) // a function body '{' is expected next
	bodyExpr, bodyArrow := false, false

	for i := 0; i < n; i++ {
		c := src[i]
		switch c {
		case ' ', '\t', '\n', '\r', '\f', '\v':
			continue
		}
		pendingBody := bodyStart
		bodyStart = -1
		switch {
		case identByte[c] || c == '#': // the most common token first
			j := i + 1
			for j < n && identByte[src[j]] {
				j++
			}
			if c >= '0' && c <= '9' { // a number (with '.', exponents handled as operators)
				i = j - 1
				regexOK, exprOK, prev, afterDot = false, false, pOther, false
				continue
			}
			w := src[i:j]
			if afterDot { // a property name
				i = j - 1
				regexOK, exprOK, prev, afterDot = false, false, pOther, false
				continue
			}
			const (
				kwNone = iota
				kwFunction
				kwExpr // an expression follows
				kwStmt // a statement follows
			)
			kw := kwNone
			if len(w) >= 2 && len(w) <= 10 { // minified names are not keywords
				switch string(w) {
				case "function":
					kw = kwFunction
				case "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw",
					"case", "yield", "await", "extends":
					kw = kwExpr
				case "do", "else":
					kw = kwStmt
				}
			}
			switch kw {
			case kwFunction:
				start, expr := int32(i), exprOK
				if prev == pIdent && identAsync {
					start, expr = identStart, identExpr
				}
				fnStart, fnExpr = start, expr
				prev = pFunc
				regexOK, exprOK = false, false
				i = j - 1
				continue
			case kwExpr:
				regexOK, exprOK, prev = true, true, pOther
			case kwStmt:
				regexOK, exprOK, prev = true, false, pOther
			default:
				if prev == pFunc { // the function's name
					i = j - 1
					continue
				}
				start, expr := int32(i), exprOK
				if prev == pIdent && identAsync { // async x => {}
					start, expr = identStart, identExpr
				}
				identStart, identEnd, identExpr, identAsync = start, int32(j), expr, string(w) == "async"
				prev = pIdent
				regexOK, exprOK = false, false
			}
			i = j - 1
		case c == '/' && i+1 < n && src[i+1] == '/':
			i = skipLineComment(src, i)
			bodyStart = pendingBody // comments are not tokens
			continue
		case c == '/' && i+1 < n && src[i+1] == '*':
			i = skipBlockComment(src, i)
			bodyStart = pendingBody
			continue
		case c == '\'' || c == '"':
			var ok bool
			if i, ok = skipString(src, i, true); !ok {
				return scan{}
			}
			regexOK, exprOK, prev, afterDot = false, false, pOther, false
		case c == '`':
			j := skipTemplate(src, i+1)
			if j < 0 {
				return scan{}
			}
			i = j
			if src[i] == '$' {
				i++ // at '{'
				stack = append(stack, frame{kind: '$', fnStart: -1})
				regexOK, exprOK, prev, afterDot = true, true, pOther, false
				continue
			}
			regexOK, exprOK, prev, afterDot = false, false, pOther, false
		case c == '/' && regexOK:
			i++
			var ok bool
			if i, ok = skipRegex(src, i); !ok {
				return scan{}
			}
			for i+1 < n && isIdentByte(src[i+1]) {
				i++
			}
			regexOK, exprOK, prev, afterDot = false, false, pOther, false
		case c == '(':
			f := frame{kind: '(', fnStart: -1, openStart: int32(i), openExpr: exprOK}
			switch prev {
			case pFunc:
				f.fnStart, f.fnExpr = fnStart, fnExpr
			case pIdent:
				if identAsync {
					f.openStart, f.openExpr = identStart, identExpr
				} else if w := string(src[identStart:identEnd]); w == "if" || w == "while" || w == "for" || w == "with" {
					f.kwBefore = true
				}
			}
			stack = append(stack, f)
			regexOK, exprOK, prev, afterDot = true, true, pOther, false
		case c == '[':
			stack = append(stack, frame{kind: '[', fnStart: -1})
			regexOK, exprOK, prev, afterDot = true, true, pOther, false
		case c == '{':
			f := frame{kind: '{', fnStart: -1, object: exprOK}
			if pendingBody >= 0 {
				f = frame{kind: '{', fnStart: pendingBody, fnExpr: bodyExpr, arrow: bodyArrow}
			}
			f.brace = int32(len(braces))
			braces = append(braces, brace{open: int32(i), close: -1})
			stack = append(stack, f)
			regexOK, exprOK, prev, afterDot = true, false, pOther, false
		case c == ')' || c == ']' || c == '}':
			if len(stack) == 0 {
				return scan{}
			}
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			open := byte('(')
			if c == ']' {
				open = '['
			} else if c == '}' {
				open = '{'
				if f.kind == '$' {
					open = '$'
				}
			}
			if f.kind != open {
				return scan{}
			}
			prev, afterDot = pOther, false
			if f.kind == '{' {
				braces[f.brace].close = int32(i)
			}
			switch {
			case c == ')':
				regexOK, exprOK = f.kwBefore, false
				prev, closed = pClose, f
				if f.fnStart >= 0 {
					bodyStart, bodyExpr, bodyArrow = f.fnStart, f.fnExpr, false
				}
			case c == ']':
				regexOK, exprOK = false, false
			case f.kind == '$':
				j := skipTemplate(src, i+1)
				if j < 0 {
					return scan{}
				}
				i = j
				if src[i] == '$' {
					i++
					stack = append(stack, frame{kind: '$', fnStart: -1})
					regexOK, exprOK = true, true
					continue
				}
				regexOK, exprOK = false, false
			case f.fnStart >= 0:
				if f.fnExpr && i+1-int(f.fnStart) >= minSize {
					sp := span{start: int(f.fnStart), end: i + 1, arrow: f.arrow}
					if pl != nil {
						pl.unit(sp)
					} else {
						out = append(out, sp)
					}
				}
				// after a declaration a statement (maybe a regular
				// expression) follows; after an expression, an operator
				regexOK, exprOK = !f.fnExpr && !f.arrow, false
			default:
				regexOK, exprOK = !f.object, false
			}
		case c == '=' && i+1 < n && src[i+1] == '>':
			i++
			switch prev {
			case pClose:
				bodyStart, bodyExpr = closed.openStart, closed.openExpr
			case pIdent:
				bodyStart, bodyExpr = identStart, identExpr
			}
			bodyArrow = true
			regexOK, exprOK, prev, afterDot = true, true, pOther, false
		case c == '*' && prev == pFunc:
			// function* keeps the pending function
		case c == '.':
			if i+1 < n && src[i+1] >= '0' && src[i+1] <= '9' { // .5
				i++
				for i+1 < n && isIdentByte(src[i+1]) {
					i++
				}
				regexOK, exprOK, prev, afterDot = false, false, pOther, false
				continue
			}
			if i+2 < n && src[i+1] == '.' && src[i+2] == '.' { // spread
				i += 2
				regexOK, exprOK, prev, afterDot = true, true, pOther, false
				continue
			}
			regexOK, exprOK, prev, afterDot = false, false, pOther, true
		case c == '?' && i+1 < n && src[i+1] == '.' && !(i+2 < n && src[i+2] >= '0' && src[i+2] <= '9'):
			i++
			regexOK, exprOK, prev, afterDot = false, false, pOther, true
		case (c == '+' || c == '-') && i+1 < n && src[i+1] == c:
			i++
			// a++ / b: postfix is followed by an operator
			regexOK, exprOK, prev, afterDot = false, false, pOther, false
		case c == ';':
			regexOK, exprOK, prev, afterDot = true, false, pOther, false
		default:
			// any other operator or punctuation: an expression follows
			regexOK, exprOK, prev, afterDot = true, true, pOther, false
		}
	}
	if len(stack) != 0 {
		return scan{}
	}
	// candidates were appended when their body closed: inner ones first
	sortSpans(out)
	return scan{spans: out, braces: braces, ok: true}
}

// safeScan is scanUnits, with nothing found (a parse in one piece, no
// brace table) should it ever panic.
func safeScan(src []byte, minSize int) (sc scan) {
	defer func() {
		if recover() != nil {
			sc = scan{}
		}
	}()
	if len(src) >= 1<<31-1 {
		return scan{}
	}
	return scanUnits(src, minSize)
}

// identByte marks the bytes of identifiers, numbers and keywords.
var identByte = func() (t [256]bool) {
	for c := range 256 {
		t[c] = isIdentByte(byte(c))
	}
	return t
}()

func sortSpans(s []span) {
	slices.SortFunc(s, func(a, b span) int { return cmp.Compare(a.start, b.start) })
}

// Sizes of the split: inputs smaller than splitMinBytes are parsed as one
// piece; function expressions smaller than unitMinBytes stay in their
// parent's text (tests lower both with Options.splitMin and unitMin). 4 KB
// makes units of the webpack modules of application code as well as of
// whole libraries; on the real 6 MB bundle 16 KB and 4 KB take the same
// time, on generated bundles of 4-7 KB modules 4 KB takes 0.49 s instead of
// 0.68 s.
const (
	splitMinBytes = 256 << 10
	unitMinBytes  = 4 << 10
)

// unit is a function expression parsed on its own.
type unit struct {
	span
	children []int    // units directly inside it, by start
	buf      []byte   // its parse input: "(" + text with children replaced + ")"
	ast      *js.AST  // the parse of buf
	fn       js.IExpr // the *js.FuncDecl or *js.ArrowFunc of ast
	err      error    // parse error
	grafted  bool
	nFuncs   int // functions of its own (not in its child units), counted by pass 1
	nCalls   int // calls of its own, counted by pass 1
}

// seg maps a piece of a parse buffer back to the source: bytes
// [lo, lo+n) of memory hold src[off:off+n].
type seg struct {
	lo, n uintptr
	off   int
}

// split is a parse in units.
type split struct {
	units   []unit
	root    *js.AST // the parse of the text outside every unit
	rootBuf []byte
	rootErr error
	segs    []seg           // sorted by lo
	markers map[uintptr]int // address of a placeholder's marker string -> unit
	outer   map[*js.Scope]*js.Scope
	nodes   map[js.INode]int // grafted function node -> unit
	mu      sync.Mutex       // guards outer, nodes, grafted, failed and units' graft state (parallel pass 1)
	grafted int
	failed  bool // a placeholder did not match its unit: parse as one piece
}

// placeholder returns the text that stands for unit id in its parent's
// buffer and the offset of its marker string in it.
func placeholder(id int, arrow bool) (string, int) {
	head := "function(){"
	if arrow {
		head = "()=>{"
	}
	return head + `"pbicert:` + strconv.Itoa(id) + `"}`, len(head)
}

// build fills one parse buffer: src[lo:hi] with the listed units replaced
// by placeholders, in parentheses when wrap.
func (s *split) build(src []byte, lo, hi int, children []int, wrap bool) []byte {
	size := hi - lo + 3
	for _, c := range children {
		ph, _ := placeholder(c, s.units[c].arrow)
		size += len(ph) - (s.units[c].end - s.units[c].start)
	}
	buf := make([]byte, 0, size)
	if wrap {
		buf = append(buf, '(')
	}
	piece := func(a, b int) {
		if a < b {
			s.segs = append(s.segs, seg{lo: uintptr(unsafe.Pointer(&buf[:len(buf)+1][len(buf)])), n: uintptr(b - a), off: a})
			buf = append(buf, src[a:b]...)
		}
	}
	at := lo
	for _, c := range children {
		u := &s.units[c]
		piece(at, u.start)
		ph, mark := placeholder(c, u.arrow)
		s.markers[uintptr(unsafe.Pointer(&buf[:len(buf)+mark+1][len(buf)+mark]))] = c
		buf = append(buf, ph...)
		at = u.end
	}
	piece(at, hi)
	if wrap {
		buf = append(buf, ')')
	}
	return buf
}

// safeParse parses one buffer (its spare capacity takes the parser's NUL).
func safeParse(buf []byte) (ast *js.AST, err error) {
	defer func() {
		if r := recover(); r != nil {
			ast, err = nil, fmt.Errorf("internal error while parsing: %v", r)
		}
	}()
	return js.Parse(parse.NewInputBytes(buf), js.Options{})
}

// unitFunc returns the function of "(function…)" or "(…=>{…})", or nil
// when the unit parsed as something else.
func unitFunc(ast *js.AST, arrow bool) js.IExpr {
	if len(ast.List) != 1 {
		return nil
	}
	es, ok := ast.List[0].(*js.ExprStmt)
	if !ok {
		return nil
	}
	g, ok := es.Value.(*js.GroupExpr)
	if !ok {
		return nil
	}
	switch f := g.X.(type) {
	case *js.FuncDecl:
		if !arrow {
			return f
		}
	case *js.ArrowFunc:
		if arrow {
			return f
		}
	}
	return nil
}

// marker returns the unit whose placeholder body is body, or -1.
func (s *split) marker(body *js.BlockStmt) int {
	if len(body.List) != 1 {
		return -1
	}
	var data []byte
	switch st := body.List[0].(type) {
	case *js.DirectivePrologueStmt:
		data = st.Value
	case *js.ExprStmt:
		if lit, ok := st.Value.(*js.LiteralExpr); ok {
			data = lit.Data
		}
	}
	if len(data) == 0 {
		return -1
	}
	id, ok := s.markers[uintptr(unsafe.Pointer(&data[0]))]
	if !ok {
		return -1
	}
	return id
}

// unitOf returns the unit grafted at node n, or -1.
func (s *split) unitOf(n js.INode) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if id, ok := s.nodes[n]; ok {
		return id
	}
	return -1
}

func (s *split) isUnit(n js.INode) bool { return s.unitOf(n) >= 0 }

// graftFunc replaces a placeholder function by its unit's function, once.
func (s *split) graftFunc(n *js.FuncDecl) {
	s.graft(n, &n.Body, func(fn js.IExpr) *js.BlockStmt {
		f, ok := fn.(*js.FuncDecl)
		if !ok {
			return nil
		}
		*n = *f
		return &f.Body
	})
}

// graftArrow is graftFunc for arrow functions.
func (s *split) graftArrow(n *js.ArrowFunc) {
	s.graft(n, &n.Body, func(fn js.IExpr) *js.BlockStmt {
		f, ok := fn.(*js.ArrowFunc)
		if !ok {
			return nil
		}
		*n = *f
		return &f.Body
	})
}

// graft grafts the unit whose placeholder body is body (in node n): swap
// copies the unit's function into n and returns the unit's own body, or
// nil when the unit is not a function of n's kind.
func (s *split) graft(n js.INode, body *js.BlockStmt, swap func(js.IExpr) *js.BlockStmt) {
	id := s.marker(body)
	if id < 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u := &s.units[id]
	if u.grafted {
		s.failed = true
		return
	}
	around := body.Scope.Parent // before swap overwrites n
	own := swap(u.fn)
	if own == nil {
		s.failed = true
		return
	}
	s.nodes[n] = id
	s.link(u, &own.Scope, around)
}

// link (with s.mu held) resolves the free variables of a grafted unit (body: its function's
// scope) in the scopes around its placeholder, as the parser would have in
// one piece: a name declared there becomes that variable; others stay
// global.
func (s *split) link(u *unit, body, around *js.Scope) {
	u.grafted = true
	s.grafted++
	// the unit's global scope, where its scope chains end (the parser's
	// own object: AST.BlockStmt.Scope is a copy of it)
	global := body
	for global.Parent != nil {
		global = global.Parent
	}
	s.outer[global] = around
	for _, v := range global.Undeclared {
		if v.Link != nil || v.Decl != js.NoDecl {
			continue
		}
		if d := s.lookup(around, v.Data); d != nil && d != v {
			v.Link = d
		}
	}
}

// lookup finds the variable a name declares in scope sc or around it,
// crossing from a unit to the scopes around its placeholder.
func (s *split) lookup(sc *js.Scope, name []byte) *js.Var {
	for sc != nil {
		if v := declaredIn(sc, name); v != nil {
			return v
		}
		if sc.Parent == nil {
			sc = s.outer[sc]
			continue
		}
		sc = sc.Parent
	}
	return nil
}

func declaredIn(sc *js.Scope, name []byte) *js.Var {
	if sc.VarIndices != nil {
		idx := sc.VarIndices[string(name)]
		for i := len(idx) - 1; i >= 0; i-- {
			if idx[i] >= 0 {
				return sc.Declared[idx[i]]
			}
		}
		return nil
	}
	for i := len(sc.Declared) - 1; i >= 0; i-- {
		if v := sc.Declared[i]; bytes.Equal(v.Data, name) {
			return v
		}
	}
	return nil
}

// globals returns the free variables of the grafted units that no scope
// declares (the parser would have listed them as undeclared).
func (s *split) globals() []*js.Var {
	var out []*js.Var
	for i := range s.units {
		for _, v := range s.units[i].ast.BlockStmt.Scope.Undeclared {
			if v.Link == nil && v.Decl == js.NoDecl {
				out = append(out, v)
			}
		}
	}
	return out
}

// find returns the segment holding address p.
func (s *split) find(p uintptr) (seg, bool) {
	i := sort.Search(len(s.segs), func(i int) bool { return s.segs[i].lo+s.segs[i].n > p })
	if i < len(s.segs) && s.segs[i].lo <= p {
		return s.segs[i], true
	}
	return seg{}, false
}
