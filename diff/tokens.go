package diff

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/tdewolff/parse/v2"
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

// token is one token of a function's normalised stream.
type token struct {
	text string // as written (for display)
	norm string // normalised form (local names: "" until numbered)
	api  string // network API this token belongs to (reference or call), "" otherwise
	off  int32  // byte offset in the source
	fn   int32  // for kFunc: index of the nested function
	kind tokKind
	// block: a '{' or '}' of a block or function body (not an object literal)
	block bool
}

// function is one function of a build, with its normalised token stream.
type function struct {
	idx    int // index into Program.Funcs; -1 for top-level code
	name   string
	kind   string
	pos    int
	toks   []token
	ids    []uint64 // hashed normalised tokens
	disp   []token  // tokens as written, for display
	dispOf []int    // index in disp of each normalised token
	match  []int    // matching bracket of each display token, -1 if none
	hash   uint64
	netRef bool // contains a network reference
}

// regexpAfter reports whether a '/' after prev starts a regular expression.
func regexpAfter(prev js.TokenType, prevText []byte) bool {
	switch {
	case prev == js.ErrorToken:
		return true
	case prev == js.CloseParenToken || prev == js.CloseBracketToken || prev == js.CloseBraceToken:
		return false
	case js.IsPunctuator(prev) || js.IsOperator(prev):
		return true
	case js.IsReservedWord(prev):
		switch string(prevText) {
		case "this", "super", "null", "true", "false":
			return false
		}
		return true
	}
	return false
}

// rawTok is a significant token of the whole source.
type rawTok struct {
	tt         js.TokenType
	start, end int
}

// lex returns the significant tokens of src (no whitespace or comments).
func lex(src []byte) []rawTok {
	buf := make([]byte, len(src), len(src)+1)
	copy(buf, src)
	l := js.NewLexer(parse.NewInputBytes(buf))
	out := make([]rawTok, 0, len(src)/3+16) // minified code: about one token per 3 bytes
	off := 0
	prev := js.ErrorToken
	var prevText []byte
	for {
		tt, data := l.Next()
		if (tt == js.DivToken || tt == js.DivEqToken) && regexpAfter(prev, prevText) {
			tt, data = l.RegExp()
			off -= 0 // RegExp re-reads from the '/' at the same offset
		}
		if tt == js.ErrorToken {
			return out
		}
		switch tt {
		case js.WhitespaceToken, js.LineTerminatorToken, js.CommentToken, js.CommentLineTerminatorToken:
		default:
			out = append(out, rawTok{tt, off, off + len(data)})
			prev, prevText = tt, data
		}
		off += len(data)
	}
}

var objectAfterWords = map[string]bool{"return": true, "typeof": true, "void": true, "delete": true, "case": true,
	"throw": true, "in": true, "instanceof": true, "yield": true, "await": true, "new": true, "var": true, "let": true, "const": true, "of": true}

// splitFuncs assigns the tokens of prog to its functions (index 0 is the
// top-level code), nested functions appearing as one placeholder token.
func splitFuncs(prog *analyzer.Program, toks []rawTok, netAPI []string, globals map[string]bool) []*function {
	src := string(prog.Src) // one copy: token texts are substrings of it
	order := make([]int, len(prog.Funcs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return prog.Funcs[order[a]].Pos < prog.Funcs[order[b]].Pos })
	fns := make([]*function, len(prog.Funcs)+1)
	fns[0] = &function{idx: -1, name: "<top>", kind: "top"}
	for i, f := range prog.Funcs {
		fns[i+1] = &function{idx: i, name: prog.FuncName(i), kind: f.Kind, pos: f.Pos}
	}
	// token spans of the functions, recomputed on the tokens from the
	// analyzer's start offsets (which may point a few separators early).
	startTok := make([]int, len(prog.Funcs))
	endTok := make([]int, len(prog.Funcs))
	for i, f := range prog.Funcs {
		p := sort.Search(len(toks), func(k int) bool { return toks[k].start >= f.Pos })
		startTok[i], endTok[i] = funcSpan(toks, p, f.Kind)
	}
	sort.SliceStable(order, func(a, b int) bool { return startTok[order[a]] < startTok[order[b]] })
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
			cur := fns[stack[len(stack)-1]]
			cur.toks = append(cur.toks, token{text: "ƒ", norm: "ƒ" + prog.Funcs[fi].Kind, off: int32(prog.Funcs[fi].Pos), kind: kFunc, fn: int32(fi + 1), api: netAPI[ti]})
			stack = append(stack, fi+1)
		}
		fid := stack[len(stack)-1]
		f := fns[fid]
		text := src[t.start:t.end]
		tk := token{text: text, off: int32(t.start), api: netAPI[ti]}
		var prevTT js.TokenType = js.ErrorToken
		prevText := ""
		if n := len(f.toks); n > 0 {
			p := f.toks[n-1]
			prevText = p.text
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
			tk.kind, tk.norm, tk.block = kPunct, text, !obj
		case t.tt == js.CloseBraceToken:
			tk.block = true
			if len(bs) > 0 {
				tk.block = !bs[len(bs)-1]
				braces[fid] = bs[:len(bs)-1]
			}
			tk.kind, tk.norm = kPunct, text
		case t.tt == js.StringToken:
			tk.kind, tk.norm = kLit, "s"+analyzer.DecodeString(prog.Src[t.start:t.end])
		case js.IsNumeric(t.tt):
			tk.kind, tk.norm = kLit, "n"+normNumber(text)
		case t.tt == js.TemplateToken || t.tt == js.TemplateStartToken || t.tt == js.TemplateMiddleToken || t.tt == js.TemplateEndToken:
			tk.kind, tk.norm = kLit, "t"+text
		case t.tt == js.RegExpToken:
			tk.kind, tk.norm = kLit, "r"+text
		case t.tt == js.PrivateIdentifierToken:
			tk.kind, tk.norm = kProp, text
		case js.IsIdentifier(t.tt) && (prevTT == js.DotToken || prevTT == js.OptChainToken):
			tk.kind, tk.norm = kProp, text
		case t.tt == js.IdentifierToken:
			var nextTT js.TokenType = js.ErrorToken
			if ti+1 < len(toks) {
				nextTT = toks[ti+1].tt
			}
			switch {
			case prevTT == js.DotToken || prevTT == js.OptChainToken:
				tk.kind, tk.norm = kProp, text
			case inObject && nextTT == js.ColonToken && (prevTT == js.OpenBraceToken || prevTT == js.CommaToken):
				tk.kind, tk.norm = kProp, text
			case inObject && (prevTT == js.OpenBraceToken || prevTT == js.CommaToken) && (nextTT == js.CommaToken || nextTT == js.CloseBraceToken || nextTT == js.EqToken):
				// shorthand {x}: expand to {x: x} so that renaming keeps it equal
				f.toks = append(f.toks, token{text: "", norm: text, off: int32(t.start), kind: kProp}, token{text: "", norm: ":", off: int32(t.start), kind: kPunct})
				if globals[text] {
					tk.kind, tk.norm = kGlobal, text
				} else {
					tk.kind = kLocal
				}
			case globals[text]:
				tk.kind, tk.norm = kGlobal, text
			default:
				tk.kind = kLocal
			}
		default:
			tk.kind, tk.norm = kPunct, text
		}
		f.toks = append(f.toks, tk)
	}
	return fns
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

// normalise drops formatting-only tokens, numbers local names by first
// occurrence and hashes the stream.
func (f *function) normalise() {
	f.disp = f.toks
	f.match = matchBrackets(f.disp)
	drop := f.layoutTokens()
	keep := make([]int, 0, len(f.disp))
	for i, t := range f.disp {
		if drop[i] {
			continue
		}
		if t.kind == kPunct {
			switch t.norm {
			case ";":
				continue
			case ",":
				if i+1 < len(f.disp) && f.disp[i+1].kind == kPunct {
					if n := f.disp[i+1].norm; n == "}" || n == "]" || n == ")" {
						continue // trailing comma
					}
				}
			}
		}
		keep = append(keep, i)
	}
	// drop parentheses that only wrap a nested function: ((e)=>…) vs (e)=>…
	f.dispOf = make([]int, 0, len(keep))
	for k := 0; k < len(keep); k++ {
		t := f.disp[keep[k]]
		if t.kind == kPunct && t.norm == "(" && k+2 < len(keep) && f.disp[keep[k+1]].kind == kFunc {
			if c := f.disp[keep[k+2]]; c.kind == kPunct && c.norm == ")" {
				prevEnds := false
				if n := len(f.dispOf); n > 0 {
					p := f.disp[f.dispOf[n-1]]
					prevEnds = p.kind != kPunct || p.norm == ")" || p.norm == "]"
				}
				if !prevEnds {
					f.dispOf = append(f.dispOf, keep[k+1])
					k += 2
					continue
				}
			}
		}
		f.dispOf = append(f.dispOf, keep[k])
	}
	names := f.localNumbers()
	f.toks = make([]token, len(f.dispOf))
	f.ids = make([]uint64, len(f.dispOf))
	h := uint64(14695981039346656037)
	for i, di := range f.dispOf {
		t := f.disp[di]
		if t.kind == kLocal {
			t.norm = "$" + strconv.Itoa(names[di])
		}
		f.toks[i] = t
		id := tokID(t.kind, t.norm)
		f.ids[i] = id
		h ^= id + 0x9e3779b97f4a7c15
		h *= 1099511628211
		if t.api != "" {
			f.netRef = true
		}
	}
	f.hash = h ^ uint64(len(f.ids))
}

// tokID hashes a normalised token (FNV-1a, 64 bits).
func tokID(k tokKind, s string) uint64 {
	h := uint64(14695981039346656037)
	h ^= uint64(k)
	h *= 1099511628211
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
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
func (f *function) layoutTokens() []bool {
	d := f.disp
	drop := make([]bool, len(d))
	is := func(i int, s string) bool { return i >= 0 && i < len(d) && d[i].kind == kPunct && d[i].norm == s }
	match := f.match
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
		if !t.block || !is(i, "{") || match[i] < 0 || i == body {
			continue
		}
		j := match[i]
		single := true
		depth := 0
		for k := i + 1; k < j; k++ {
			if d[k].kind != kPunct {
				continue
			}
			switch d[k].norm {
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

func matchBrackets(d []token) []int {
	match := make([]int, len(d))
	var stack []int
	for i, t := range d {
		match[i] = -1
		if t.kind != kPunct {
			continue
		}
		switch t.norm {
		case "(", "[", "{":
			stack = append(stack, i)
		case ")", "]", "}":
			if n := len(stack); n > 0 {
				match[i], match[stack[n-1]] = stack[n-1], i
				stack = stack[:n-1]
			}
		}
	}
	return match
}

// localNumbers numbers the local names of the display stream by first
// occurrence, giving block-scoped declarations (let, const, catch
// parameters) their own number until the end of their block, so that a
// minifier reusing a name in an inner block does not matter.
func (f *function) localNumbers() []int {
	d, match := f.disp, f.match
	is := func(i int, s string) bool { return i >= 0 && i < len(d) && d[i].kind == kPunct && d[i].norm == s }
	type scope struct {
		end   int
		names map[string]int
	}
	top := map[string]int{}
	var scopes []scope
	var blocks []int // open '{' indices
	next := 0
	out := make([]int, len(d))
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
					declare(d[k].text, end)
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
			declare(d[i+2].text, stmtEnd(match[i+1]+1))
		}
		if t.kind != kLocal {
			continue
		}
		found := false
		for k := len(scopes) - 1; k >= 0; k-- {
			if n, ok := scopes[k].names[t.text]; ok {
				out[i], found = n, true
				break
			}
		}
		if !found {
			n, ok := top[t.text]
			if !ok {
				n = next
				next++
				top[t.text] = n
			}
			out[i] = n
		}
	}
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
