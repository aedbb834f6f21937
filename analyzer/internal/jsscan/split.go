package jsscan

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"sync"
	"unsafe"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/js"
)

// Sizes of the split: inputs smaller than SplitMinBytes are parsed as one
// piece; function expressions smaller than UnitMinBytes stay in their
// parent's text (tests lower both with Options.splitMin and unitMin). 4 KB
// makes units of the webpack modules of application code as well as of
// whole libraries; on the real 6 MB bundle 16 KB and 4 KB take the same
// time, on generated bundles of 4-7 KB modules 4 KB takes 0.49 s instead of
// 0.68 s.
const (
	SplitMinBytes = 256 << 10
	UnitMinBytes  = 4 << 10
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
}

// seg maps a piece of a parse buffer back to the source: bytes
// [lo, lo+n) of memory hold src[off:off+n].
type Seg struct {
	Lo, N uintptr
	Off   int
}

// split is a parse in units.
type Split struct {
	units   []unit
	root    *js.AST // the parse of the text outside every unit
	rootBuf []byte
	rootErr error
	segs    []Seg           // sorted by lo
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
func (s *Split) build(src []byte, lo, hi int, children []int, wrap bool) []byte {
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
			s.segs = append(s.segs, Seg{Lo: uintptr(unsafe.Pointer(&buf[:len(buf)+1][len(buf)])), N: uintptr(b - a), Off: a})
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
func (s *Split) marker(body *js.BlockStmt) int {
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

// UnitOf returns the unit grafted at node n, or -1.
func (s *Split) UnitOf(n js.INode) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if id, ok := s.nodes[n]; ok {
		return id
	}
	return -1
}

func (s *Split) IsUnit(n js.INode) bool { return s.UnitOf(n) >= 0 }

// GraftFunc replaces a placeholder function by its unit's function, once.
func (s *Split) GraftFunc(n *js.FuncDecl) {
	s.graft(n, &n.Body, func(fn js.IExpr) *js.BlockStmt {
		f, ok := fn.(*js.FuncDecl)
		if !ok {
			return nil
		}
		*n = *f
		return &f.Body
	})
}

// GraftArrow is GraftFunc for arrow functions.
func (s *Split) GraftArrow(n *js.ArrowFunc) {
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
func (s *Split) graft(n js.INode, body *js.BlockStmt, swap func(js.IExpr) *js.BlockStmt) {
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
func (s *Split) link(u *unit, body, around *js.Scope) {
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
func (s *Split) lookup(sc *js.Scope, name []byte) *js.Var {
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
func (s *Split) Globals() []*js.Var {
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

// Root returns the parse of the text outside every unit, with a
// placeholder function where each top unit was. The walker grafts the
// units in (GraftFunc, GraftArrow) as it meets their placeholders.
func (s *Split) Root() *js.AST { return s.root }

// Len returns the number of units; they are numbered by their start.
func (s *Split) Len() int { return len(s.units) }

// End returns the offset just after unit id's text (its closing brace).
func (s *Split) End(id int) int { return s.units[id].end }

// Complete reports whether the walk grafted every unit exactly once where
// the parser put its placeholder. When it did not, the split's tree is not
// the tree of the input: parse in one piece.
func (s *Split) Complete() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return !s.failed && s.grafted == len(s.units)
}

// Find returns the segment holding address p (of a byte slice the parser
// took from one of the split's buffers), or false.
func (s *Split) Find(p uintptr) (Seg, bool) {
	i := sort.Search(len(s.segs), func(i int) bool { return s.segs[i].Lo+s.segs[i].N > p })
	if i < len(s.segs) && s.segs[i].Lo <= p {
		return s.segs[i], true
	}
	return Seg{}, false
}

// LinkedUses returns, for each variable declared outside a unit and used
// inside one, how many uses the units hold: the parser counted them on the
// unit's own free variable (linked to the declaration by the graft), not
// on the declaration's. A declaration's Uses plus this is the count one
// parse would have given. Call it once every unit is grafted.
func (s *Split) LinkedUses() map[*js.Var]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out map[*js.Var]int
	for i := range s.units {
		if s.units[i].ast == nil {
			continue
		}
		for _, v := range s.units[i].ast.BlockStmt.Scope.Undeclared {
			if v.Link == nil {
				continue
			}
			d := v.Link
			for d.Link != nil {
				d = d.Link
			}
			if out == nil {
				out = map[*js.Var]int{}
			}
			out[d] += int(v.Uses)
		}
	}
	return out
}
