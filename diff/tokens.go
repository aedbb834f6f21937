package diff

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/tdewolff/parse/v2/js"

	"github.com/pbicert/pbicert/analyzer"
)

// tokKind classifies a token of the normalised stream.
type tokKind uint8

const (
	kPunct  tokKind = iota // punctuators, operators, reserved words
	kLocal                 // a local name: compared by binding position
	kGlobal                // an undeclared (global) name
	kProp                  // a property or object key name
	kLit                   // string, number, template, regexp
	kFunc                  // placeholder for a nested function
)

// token flags.
const (
	// fBlock: a '{' or '}' of a block or function body (not an object literal)
	fBlock uint8 = 1 << iota
	// fColon: the ':' added when a shorthand property {x} is expanded to {x: x}
	fColon
	// fZero: the number literal 0 (set by normalise)
	fZero
	// literal kinds (kLit only)
	fStr
	fNum
	fTpl
	fRe
	// fBad: part of a call the certified build cannot make (REQ005: a
	// call of undefined or of a literal)
	fBad
)

// token is one token of a function: 16 bytes, its text a window of the
// build's source (see store.text), its normalised form hashed in
// function.ids.
type token struct {
	off   int32 // byte offset of the text in the source (kFunc: the nested function's start)
	n     int32 // length of the text (kFunc: index of the nested function in store.fns)
	api   int32 // 1 + index in store.apis of the network API this token belongs to; 0: none
	kind  tokKind
	flags uint8
}

// store holds what the tokens of one build refer to.
type store struct {
	src  string   // the source (token texts are substrings of it)
	srcb []byte   // the same bytes
	apis []string // network API names (token.api)
	fns  []*function
	// prog is the program reduced to its source and functions (FuncName)
	prog *analyzer.Program
	sc   scratch
}

// text returns t as written ("ƒ" for a nested function).
func (s *store) text(t token) string {
	switch {
	case t.kind == kFunc:
		return "ƒ"
	case t.flags&fColon != 0:
		return ":"
	}
	return s.src[t.off : t.off+t.n]
}

// pnorm returns the text of a punctuator or reserved word, "" for any other token.
func (s *store) pnorm(t token) string {
	if t.kind != kPunct {
		return ""
	}
	return s.text(t)
}

// api returns the network API t belongs to, "" if none.
func (s *store) api(t token) string {
	if t.api == 0 {
		return ""
	}
	return s.apis[t.api-1]
}

// function is one function of a build, with its normalised token stream.
type function struct {
	s    *store
	idx  int    // index into Program.Funcs; -1 for top-level code
	name string // set by ensure
	kind string
	pos  int
	// disp holds the tokens as written, nested functions as one kFunc
	// token: a window of the build's single token array.
	disp []token
	hash uint64 // of the normalised stream
	// dispOf is the index in disp of each normalised token, ids its hash:
	// kept only for the functions that differ (see ensure).
	dispOf []int32
	ids    []uint64
	ready  bool
}

// ensure names f and keeps its normalised stream (dispOf, ids), for a
// function that has no identical twin in the other build.
func (f *function) ensure() {
	if f.ready {
		return
	}
	f.ready = true
	if f.idx >= 0 {
		f.name = f.s.prog.FuncName(f.idx)
	}
	f.normalise(&f.s.sc, true)
}

// ntoks is the length of the normalised stream.
func (f *function) ntoks() int { return len(f.dispOf) }

// tok returns the i-th normalised token.
func (f *function) tok(i int) token { return f.disp[f.dispOf[i]] }

// rawTok is a significant token of the whole source (12 bytes).
type rawTok struct {
	start, end int32
	tt         js.TokenType
}

var objectAfterWords = map[string]bool{"return": true, "typeof": true, "void": true, "delete": true, "case": true,
	"throw": true, "in": true, "instanceof": true, "yield": true, "await": true, "new": true, "var": true, "let": true, "const": true, "of": true}

// funcMeta is what the diff keeps of an analyzer.FuncInfo.
type funcMeta struct {
	kind string
	pos  int
}

// splitter assigns the tokens of a build to its functions. It walks the
// tokens twice with the same logic: first counting the tokens of each
// function, then writing them into one array where each function owns a
// contiguous window (no per-function slices grown by append).
type splitter struct {
	s       *store
	toks    []rawTok
	netAPI  []int32
	bad     []bool
	globals map[string]bool
	fns     []*function
	count   []int   // pass 1: tokens per function
	cur     []int   // pass 2: next write position per function
	out     []token // pass 2: the build's token array
	last    []token // last token given to each function
	hasLast []bool
}

func (w *splitter) put(fid int, t token) {
	if w.out == nil {
		w.count[fid]++
	} else {
		w.out[w.cur[fid]] = t
		w.cur[fid]++
	}
	w.last[fid], w.hasLast[fid] = t, true
}

// splitFuncs assigns the tokens to the functions of fns (index 0 is the
// top-level code, fns[i+1] is funcs[i]), nested functions appearing as one
// placeholder token, and sets each function's disp window.
func splitFuncs(s *store, funcs []funcMeta, toks []rawTok, netAPI []int32, bad []bool, globals map[string]bool) {
	fns := s.fns
	// token spans of the functions, recomputed on the tokens from the
	// analyzer's start offsets (which may point a few separators early).
	startTok := make([]int, len(funcs))
	endTok := make([]int, len(funcs))
	for i, f := range funcs {
		p := sort.Search(len(toks), func(k int) bool { return int(toks[k].start) >= f.pos })
		startTok[i], endTok[i] = funcSpan(toks, p, f.kind)
	}
	order := make([]int, len(funcs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return funcs[order[a]].pos < funcs[order[b]].pos })
	sort.SliceStable(order, func(a, b int) bool { return startTok[order[a]] < startTok[order[b]] })
	w := &splitter{s: s, toks: toks, netAPI: netAPI, bad: bad, globals: globals, fns: fns,
		count: make([]int, len(fns)), last: make([]token, len(fns)), hasLast: make([]bool, len(fns))}
	w.walk(funcs, order, startTok, endTok)
	total := 0
	w.cur = make([]int, len(fns))
	for i, n := range w.count {
		w.cur[i] = total
		total += n
	}
	w.out = make([]token, total)
	clear(w.last)
	clear(w.hasLast)
	w.walk(funcs, order, startTok, endTok)
	for i, f := range fns {
		end := w.cur[i]
		f.disp = w.out[end-w.count[i] : end : end]
	}
}

func (w *splitter) walk(funcs []funcMeta, order, startTok, endTok []int) {
	toks, s, fns, netAPI, globals := w.toks, w.s, w.fns, w.netAPI, w.globals
	// open functions, innermost last
	stack := []int{0}
	next := 0
	braces := make([][]bool, len(fns)) // per function: stack of '{' kinds (true: object literal)
	for ti := 0; ti < len(toks); ti++ {
		t := toks[ti]
		for len(stack) > 1 && ti >= endTok[fns[stack[len(stack)-1]].idx] {
			stack = stack[:len(stack)-1]
		}
		for next < len(order) && startTok[order[next]] <= ti {
			fi := order[next]
			next++
			if endTok[fi] <= ti {
				continue // empty span
			}
			w.put(stack[len(stack)-1], token{off: int32(funcs[fi].pos), n: int32(fi + 1), kind: kFunc, api: netAPI[ti]})
			stack = append(stack, fi+1)
		}
		fid := stack[len(stack)-1]
		text := s.src[t.start:t.end]
		tk := token{off: t.start, n: t.end - t.start, api: netAPI[ti]}
		var prevTT js.TokenType = js.ErrorToken
		prevText := ""
		if w.hasLast[fid] {
			p := w.last[fid]
			prevText = s.text(p)
			if p.kind == kPunct {
				prevTT = toks[ti-1].tt
			} else {
				prevTT = js.IdentifierToken
			}
		}
		bs := braces[fid]
		inObject := len(bs) > 0 && bs[len(bs)-1]
		switch {
		case t.tt == js.OpenBraceToken:
			obj := prevTT == js.OpenParenToken || prevTT == js.OpenBracketToken || prevTT == js.CommaToken ||
				prevTT == js.ColonToken || prevTT == js.QuestionToken || prevTT == js.EllipsisToken ||
				js.IsOperator(prevTT) || (js.IsReservedWord(prevTT) && objectAfterWords[prevText]) ||
				prevText == "let" || prevText == "of"
			braces[fid] = append(bs, obj)
			tk.kind = kPunct
			if !obj {
				tk.flags |= fBlock
			}
		case t.tt == js.CloseBraceToken:
			block := true
			if len(bs) > 0 {
				block = !bs[len(bs)-1]
				braces[fid] = bs[:len(bs)-1]
			}
			if block {
				tk.flags |= fBlock
			}
			tk.kind = kPunct
		case t.tt == js.StringToken:
			tk.kind, tk.flags = kLit, fStr
		case js.IsNumeric(t.tt):
			tk.kind, tk.flags = kLit, fNum
		case t.tt == js.TemplateToken || t.tt == js.TemplateStartToken || t.tt == js.TemplateMiddleToken || t.tt == js.TemplateEndToken:
			tk.kind, tk.flags = kLit, fTpl
		case t.tt == js.RegExpToken:
			tk.kind, tk.flags = kLit, fRe
		case t.tt == js.PrivateIdentifierToken:
			tk.kind = kProp
		case js.IsIdentifierName(t.tt) && (prevTT == js.DotToken || prevTT == js.OptChainToken):
			// a property, also when it is spelt like a reserved word (p.catch, p.delete)
			tk.kind = kProp
		case t.tt == js.IdentifierToken:
			var nextTT js.TokenType = js.ErrorToken
			if ti+1 < len(toks) {
				nextTT = toks[ti+1].tt
			}
			switch {
			case prevTT == js.DotToken || prevTT == js.OptChainToken:
				tk.kind = kProp
			case inObject && nextTT == js.ColonToken && (prevTT == js.OpenBraceToken || prevTT == js.CommaToken):
				tk.kind = kProp
			case inObject && (prevTT == js.OpenBraceToken || prevTT == js.CommaToken) && (nextTT == js.CommaToken || nextTT == js.CloseBraceToken || nextTT == js.EqToken):
				// shorthand {x}: expand to {x: x} so that renaming keeps it equal
				w.put(fid, token{off: t.start, n: t.end - t.start, kind: kProp})
				w.put(fid, token{off: t.start, kind: kPunct, flags: fColon})
				if w.out != nil && globals[text] {
					tk.kind = kGlobal
				} else {
					tk.kind = kLocal
				}
			case w.out != nil && globals[text]: // (counting: any name will do)
				tk.kind = kGlobal
			default:
				tk.kind = kLocal
			}
		default:
			tk.kind = kPunct
		}
		if w.bad[ti] {
			tk.flags |= fBad
		}
		w.put(fid, tk)
	}
}

// normNumber returns a canonical form of a numeric literal.
func normNumber(s string) string {
	s = strings.ReplaceAll(s, "_", "")
	if strings.HasSuffix(s, "n") {
		return s
	}
	var v float64
	var err error
	if len(s) > 2 && s[0] == '0' && (s[1]|0x20 == 'x' || s[1]|0x20 == 'o' || s[1]|0x20 == 'b') {
		var u uint64
		u, err = strconv.ParseUint(s, 0, 64)
		v = float64(u)
	} else {
		v, err = strconv.ParseFloat(s, 64)
	}
	if err != nil || math.IsInf(v, 0) {
		return s
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// scratch holds the buffers normalise reuses from one function to the next.
type scratch struct {
	match, keep, names []int
	drop               []bool
	stack              []int
	dispOf             []int32
	top                map[string]int
	num                []byte
}

func grow[T any](b []T, n int) []T {
	if cap(b) < n {
		return make([]T, n, n+n/4)
	}
	b = b[:n]
	clear(b)
	return b
}

// normalise drops formatting-only tokens, numbers local names by first
// occurrence and hashes the stream into f.hash; with keep, it also keeps
// the stream (f.dispOf, f.ids).
func (f *function) normalise(sc *scratch, keep bool) {
	s, d := f.s, f.disp
	sc.match = matchBrackets(s, d, sc.match, &sc.stack)
	drop := f.layoutTokens(sc)
	kept := sc.keep[:0]
	for i, t := range d {
		if drop[i] {
			continue
		}
		if t.kind == kPunct {
			switch s.text(t) {
			case ";":
				continue
			case ",":
				if i+1 < len(d) && d[i+1].kind == kPunct {
					if n := s.text(d[i+1]); n == "}" || n == "]" || n == ")" {
						continue // trailing comma
					}
				}
			}
		}
		kept = append(kept, i)
	}
	sc.keep = kept
	// drop parentheses that only wrap a nested function: ((e)=>…) vs (e)=>…,
	// f((function(){…})) vs f(function(){…}); not the parentheses of a call
	// (after a name, `)`, `]`, this or super)
	dispOf := sc.dispOf[:0]
	for k := 0; k < len(kept); k++ {
		t := d[kept[k]]
		if t.kind == kPunct && s.text(t) == "(" && k+2 < len(kept) && d[kept[k+1]].kind == kFunc {
			if c := d[kept[k+2]]; c.kind == kPunct && s.text(c) == ")" {
				prevEnds := false
				if n := len(dispOf); n > 0 {
					p := d[dispOf[n-1]]
					pt := s.text(p)
					prevEnds = p.kind != kPunct || pt == ")" || pt == "]" || pt == "this" || pt == "super"
				}
				if !prevEnds {
					dispOf = append(dispOf, int32(kept[k+1]))
					k += 2
					continue
				}
			}
		}
		dispOf = append(dispOf, int32(kept[k]))
	}
	sc.dispOf = dispOf
	names := f.localNumbers(sc)
	if keep {
		f.dispOf = append([]int32(nil), dispOf...)
		f.ids = make([]uint64, len(dispOf))
	}
	h := uint64(fnvOffset)
	for i, di := range dispOf {
		id := f.tokID(sc, di, names[di])
		if keep {
			f.ids[i] = id
		}
		h ^= id + 0x9e3779b97f4a7c15
		h *= fnvPrime
	}
	f.hash = h ^ uint64(len(dispOf))
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashStr(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

func hashBytes(h uint64, s []byte) uint64 {
	for _, c := range s {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

// tokID hashes the normalised form of the display token di (FNV-1a, 64
// bits, over the kind and the normalised text): local names by their
// number ("$3"), strings by value ("s…"), numbers by value ("n…"),
// templates and regular expressions as written ("t…", "r…"), nested
// functions by kind ("ƒarrow"), anything else as written. It marks the
// number 0 (a stub value) with fZero.
func (f *function) tokID(sc *scratch, di int32, local int) uint64 {
	s := f.s
	t := &f.disp[di]
	h := uint64(fnvOffset)
	h ^= uint64(t.kind)
	h *= fnvPrime
	switch t.kind {
	case kLocal:
		sc.num = strconv.AppendInt(append(sc.num[:0], '$'), int64(local), 10)
		return hashBytes(h, sc.num)
	case kFunc:
		return hashStr(hashStr(h, "ƒ"), s.fns[t.n].kind)
	case kLit:
		text := s.text(*t)
		switch {
		case t.flags&fStr != 0:
			return hashStr(hashStr(h, "s"), analyzer.DecodeString(s.srcb[t.off:t.off+t.n]))
		case t.flags&fNum != 0:
			n := normNumber(text)
			if n == "0" {
				t.flags |= fZero
			}
			return hashStr(hashStr(h, "n"), n)
		case t.flags&fTpl != 0:
			return hashStr(hashStr(h, "t"), text)
		default:
			return hashStr(hashStr(h, "r"), text)
		}
	}
	return hashStr(h, s.text(*t))
}

func bracketDelta(tt js.TokenType) int {
	switch tt {
	case js.OpenBraceToken, js.OpenParenToken, js.OpenBracketToken, js.TemplateStartToken:
		return 1
	case js.CloseBraceToken, js.CloseParenToken, js.CloseBracketToken, js.TemplateEndToken:
		return -1
	}
	return 0
}

// funcSpan returns the token span [st, en) of the function of the given
// kind whose start the analyzer placed at or a few tokens before p.
func funcSpan(toks []rawTok, p int, kind string) (int, int) {
	n := len(toks)
	if p >= n {
		return n, n
	}
	switch kind {
	case "class":
		for p < n && toks[p].tt != js.ClassToken {
			p++
		}
		q := p
		for q < n && toks[q].tt != js.OpenBraceToken {
			if bracketDelta(toks[q].tt) > 0 {
				q = matchClose(toks, q)
				continue
			}
			q++
		}
		return p, matchClose(toks, q)
	case "arrow", "async-arrow":
		q := p
		for q < n && toks[q].tt != js.ArrowToken {
			q++
		}
		if q >= n || q == 0 {
			return p, p
		}
		st := q - 1
		if toks[st].tt == js.CloseParenToken {
			st = matchOpen(toks, st)
		}
		if st > 0 && toks[st-1].tt == js.AsyncToken {
			st--
		}
		e := q + 1
		if e < n && toks[e].tt == js.OpenBraceToken {
			return st, matchClose(toks, e)
		}
		for e < n {
			d := bracketDelta(toks[e].tt)
			if d > 0 {
				e = matchClose(toks, e)
				continue
			}
			if d < 0 || toks[e].tt == js.CommaToken || toks[e].tt == js.SemicolonToken {
				break
			}
			e++
		}
		return st, e
	}
	st := p
	if kind != "method" && kind != "getter" && kind != "setter" {
		for q := p; q < n && q < p+8; q++ {
			if toks[q].tt == js.FunctionToken {
				st = q
				if q > 0 && toks[q-1].tt == js.AsyncToken {
					st = q - 1
				}
				break
			}
		}
	} else {
		for q := p; q < n && q < p+24; q++ {
			if methodAt(toks, q) {
				st = q
				for st > p && isModifier(toks[st-1]) {
					st--
				}
				break
			}
		}
	}
	q := st
	for q < n && toks[q].tt != js.OpenParenToken {
		if toks[q].tt == js.OpenBracketToken {
			q = matchClose(toks, q)
			continue
		}
		q++
	}
	q = matchClose(toks, q)
	for q < n && toks[q].tt != js.OpenBraceToken {
		q++
	}
	return st, matchClose(toks, q)
}

// matchOpen returns the index of the bracket opening the one closing at i.
func matchOpen(toks []rawTok, i int) int {
	depth := 0
	for j := i; j >= 0; j-- {
		depth -= bracketDelta(toks[j].tt)
		if depth == 0 {
			return j
		}
	}
	return 0
}

// layoutTokens marks tokens whose presence depends on how the code was
// printed: parentheses around a lone arrow parameter, the { return … }
// around an arrow's expression body, parentheses around a whole arrow body,
// and the braces of blocks holding a single statement.
func (f *function) layoutTokens(sc *scratch) []bool {
	d, s := f.disp, f.s
	sc.drop = grow(sc.drop, len(d))
	drop := sc.drop
	is := func(i int, p string) bool { return i >= 0 && i < len(d) && d[i].kind == kPunct && s.text(d[i]) == p }
	match := sc.match
	// new X → new X(): drop empty argument lists after new
	for i := range d {
		if !is(i, "new") {
			continue
		}
		j := i + 1
		for j < len(d) && (d[j].kind == kLocal || d[j].kind == kGlobal || d[j].kind == kProp || is(j, ".")) {
			j++
		}
		if is(j, "(") && is(j+1, ")") {
			drop[j], drop[j+1] = true, true
		}
	}
	// function bodies keep their braces
	body := -1
	for i := range d {
		if is(i, "{") {
			if f.kind != "arrow" && f.kind != "async-arrow" && f.kind != "class" || i > 0 && is(i-1, "=>") {
				body = i
			}
			break
		}
	}
	last := len(d) - 1
	if f.kind == "arrow" || f.kind == "async-arrow" {
		a := -1
		for i := range d {
			if is(i, "=>") {
				a = i
				break
			}
		}
		if a >= 3 && is(a-1, ")") && is(a-3, "(") && d[a-2].kind == kLocal && match[a-3] == a-1 {
			drop[a-1], drop[a-3] = true, true
		}
		body := a + 1
		if a >= 0 && is(body, "{") && is(body+1, "return") && match[body] == last {
			drop[body], drop[body+1], drop[last] = true, true, true
			body += 2
			end := last - 1
			if is(end, ";") {
				drop[end] = true
				end--
			}
			last = end
		}
		if a >= 0 && is(body, "(") && match[body] == last {
			drop[body], drop[last] = true, true
		}
	}
	for i, t := range d {
		if t.flags&fBlock == 0 || !is(i, "{") || match[i] < 0 || i == body {
			continue
		}
		j := match[i]
		single := true
		depth := 0
		for k := i + 1; k < j; k++ {
			if d[k].kind != kPunct {
				continue
			}
			switch s.text(d[k]) {
			case "(", "[", "{":
				depth++
			case ")", "]", "}":
				depth--
			case ";":
				if depth == 0 && k != j-1 {
					single = false
				}
			}
			if !single {
				break
			}
		}
		if single {
			drop[i], drop[j] = true, true
		}
	}
	return drop
}

// matchBrackets returns (in buf) the index of the matching bracket of
// each token of d, -1 if none.
func matchBrackets(s *store, d []token, buf []int, stackBuf *[]int) []int {
	match := grow(buf, len(d))
	stack := (*stackBuf)[:0]
	for i, t := range d {
		match[i] = -1
		if t.kind != kPunct {
			continue
		}
		switch s.text(t) {
		case "(", "[", "{":
			stack = append(stack, i)
		case ")", "]", "}":
			if n := len(stack); n > 0 {
				match[i], match[stack[n-1]] = stack[n-1], i
				stack = stack[:n-1]
			}
		}
	}
	*stackBuf = stack
	return match
}

// localNumbers numbers the local names of the display stream by first
// occurrence, giving block-scoped declarations (let, const, catch
// parameters) their own number until the end of their block, so that a
// minifier reusing a name in an inner block does not matter.
func (f *function) localNumbers(sc *scratch) []int {
	d, match, s := f.disp, sc.match, f.s
	is := func(i int, p string) bool { return i >= 0 && i < len(d) && d[i].kind == kPunct && s.text(d[i]) == p }
	type scope struct {
		end   int
		names map[string]int
	}
	if sc.top == nil {
		sc.top = map[string]int{}
	}
	top := sc.top
	clear(top)
	var scopes []scope
	blocks := sc.stack[:0] // open '{' indices
	next := 0
	sc.names = grow(sc.names, len(d))
	out := sc.names
	declare := func(name string, end int) {
		if len(scopes) > 0 && scopes[len(scopes)-1].end == end {
			scopes[len(scopes)-1].names[name] = next
		} else {
			scopes = append(scopes, scope{end, map[string]int{name: next}})
		}
		next++
	}
	blockEnd := func() int {
		if n := len(blocks); n > 0 && match[blocks[n-1]] > 0 {
			return match[blocks[n-1]]
		}
		return len(d)
	}
	// statement end from i: the matching } of a block, or the next ; at depth 0
	stmtEnd := func(i int) int {
		if is(i, "{") && match[i] > 0 {
			return match[i]
		}
		depth := 0
		for k := i; k < len(d); k++ {
			switch {
			case is(k, "("), is(k, "["), is(k, "{"):
				depth++
			case is(k, ")"), is(k, "]"), is(k, "}"):
				depth--
				if depth < 0 {
					return k
				}
			case is(k, ";") && depth == 0:
				return k
			}
		}
		return len(d)
	}
	for i, t := range d {
		for len(scopes) > 0 && scopes[len(scopes)-1].end < i {
			scopes = scopes[:len(scopes)-1]
		}
		if is(i, "{") {
			blocks = append(blocks, i)
		} else if is(i, "}") && len(blocks) > 0 {
			blocks = blocks[:len(blocks)-1]
		}
		if (is(i, "let") || is(i, "const")) && i+1 < len(d) && d[i+1].kind == kLocal {
			end := blockEnd()
			if is(i-1, "(") && is(i-2, "for") && match[i-1] > 0 {
				end = stmtEnd(match[i-1] + 1)
			}
			// every declarator at depth 0 of this declaration
			depth := 0
			for k := i + 1; k < len(d); k++ {
				if depth == 0 && d[k].kind == kLocal && (k == i+1 || is(k-1, ",")) {
					declare(s.text(d[k]), end)
				}
				if is(k, "(") || is(k, "[") || is(k, "{") {
					depth++
				} else if is(k, ")") || is(k, "]") || is(k, "}") {
					depth--
				} else if kind := d[k].kind; kind == kFunc {
					continue
				}
				if depth < 0 || depth == 0 && (is(k, ";") || is(k, "in") || is(k, "of")) {
					break
				}
			}
		}
		if is(i, "catch") && is(i+1, "(") && i+2 < len(d) && d[i+2].kind == kLocal && match[i+1] > 0 {
			declare(s.text(d[i+2]), stmtEnd(match[i+1]+1))
		}
		if t.kind != kLocal {
			continue
		}
		text := s.text(t)
		found := false
		for k := len(scopes) - 1; k >= 0; k-- {
			if n, ok := scopes[k].names[text]; ok {
				out[i], found = n, true
				break
			}
		}
		if !found {
			n, ok := top[text]
			if !ok {
				n = next
				next++
				top[text] = n
			}
			out[i] = n
		}
	}
	sc.stack = blocks
	return out
}

var notMethodNames = map[js.TokenType]bool{js.IfToken: true, js.ForToken: true, js.WhileToken: true, js.SwitchToken: true,
	js.CatchToken: true, js.WithToken: true, js.FunctionToken: true, js.ReturnToken: true}

// methodAt reports whether a method definition name(…){ starts at q.
func methodAt(toks []rawTok, q int) bool {
	t := toks[q].tt
	j := q + 1
	switch {
	case t == js.OpenBracketToken:
		j = matchClose(toks, q)
	case t == js.StringToken || js.IsNumeric(t) || t == js.PrivateIdentifierToken:
	case js.IsIdentifierName(t) && !notMethodNames[t]:
	default:
		return false
	}
	if j >= len(toks) || toks[j].tt != js.OpenParenToken {
		return false
	}
	j = matchClose(toks, j)
	return j < len(toks) && toks[j].tt == js.OpenBraceToken
}

func isModifier(t rawTok) bool {
	switch t.tt {
	case js.StaticToken, js.AsyncToken, js.GetToken, js.SetToken, js.MulToken:
		return true
	}
	return false
}
