package jsscan

import (
	"cmp"
	"slices"
	"sort"
)

// Parallel parsing. A multi-megabyte bundle is mostly large function
// expressions: webpack module factories, UMD wrappers, library closures.
// scanUnits finds them with a token-level scan (no parse); the pipe
// (pipe.go) parses each one on its own, in parallel and while the scan goes
// on, as "(" + its text + ")", while the enclosing text is parsed with a
// short placeholder function in its place. Pass 1 grafts every parsed
// function into its placeholder the first time it meets it (split.graft),
// so that the rest of the analyzer sees one ordinary syntax tree;
// the analyzer's parwalk.go walks the units in parallel.
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
	braces []Brace // every {…} pair, by opening offset
	ok     bool    // false: the scan did not balance (parse in one piece, no brace table)
}

// brace is a pair of matching curly braces: offsets of '{' and '}'.
type Brace struct{ open, close int32 }

// closing returns the offset of the '}' matching the '{' at open, or -1.
func Closing(braces []Brace, open int) int {
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
		kind      byte    // '(', '[', '{', or '$' for a template substitution
		brace     int32   // '{': its index in braces
		fnStart   int32   // '(' of function parameters, '{' of a function body: the function's start; else -1
		fnExpr    bool    // that function is an expression
		arrow     bool    // '{' of an arrow body
		after     closing // what its closing leaves (slash.go)
		openStart int32   // '(': where an arrow with these parameters starts (the '(' or a preceding async)
		openExpr  bool    // '(': an arrow with these parameters would be an expression
	}
	n := len(src)
	stack := make([]frame, 0, 256)
	var out []span
	braces := make([]Brace, 0, n/64)
	// s decides whether a '/' starts a regular expression (slash.go);
	// s.expr(): a function keyword here starts a function expression (not a
	// declaration)
	s := newSlash()
	// the previous token when it matters
	const (
		pOther = iota
		pIdent
		pClose // ')'
		pFunc  // function keyword, its '*' or its name
	)
	prev := pOther
	// pIdent: where the identifier starts, s.expr() before it (or
	// before a preceding async: the start of "async x => {}"), and whether
	// it is "async" itself
	identStart := int32(-1)
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
				s.operand()
				prev = pOther
				continue
			}
			w := src[i:j]
			if s.dot() { // a property name
				i = j - 1
				s.operand()
				prev = pOther
				continue
			}
			exprBefore := s.expr()
			s.word(w)
			switch {
			case len(w) == 8 && string(w) == "function":
				start, expr := int32(i), exprBefore
				if prev == pIdent && identAsync {
					start, expr = identStart, identExpr
				}
				fnStart, fnExpr = start, expr
				prev = pFunc
			case s.regex(): // a keyword that an expression or a statement follows
				prev = pOther
			case prev == pFunc: // the function's name
			default:
				start, expr := int32(i), exprBefore
				if prev == pIdent && identAsync { // async x => {}
					start, expr = identStart, identExpr
				}
				identStart, identExpr, identAsync = start, expr, string(w) == "async"
				prev = pIdent
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
			s.operand()
			prev = pOther
		case c == '`':
			j := skipTemplate(src, i+1)
			if j < 0 {
				return scan{}
			}
			i = j
			if src[i] == '$' {
				i++ // at '{'
				stack = append(stack, frame{kind: '$', fnStart: -1})
				s.templateSub()
				prev = pOther
				continue
			}
			s.operand()
			prev = pOther
		case c == '/' && s.regex():
			if traceRegex != nil {
				traceRegex(i)
			}
			i++
			var ok bool
			if i, ok = skipRegex(src, i); !ok {
				return scan{}
			}
			for i+1 < n && IsIdentByte(src[i+1]) {
				i++
			}
			s.operand()
			prev = pOther
		case c == '(':
			f := frame{kind: '(', fnStart: -1, openStart: int32(i), openExpr: s.expr()}
			switch prev {
			case pFunc:
				f.fnStart, f.fnExpr = fnStart, fnExpr
			case pIdent:
				if identAsync {
					f.openStart, f.openExpr = identStart, identExpr
				}
			}
			f.after = s.open(c)
			stack = append(stack, f)
			prev = pOther
		case c == '[':
			stack = append(stack, frame{kind: '[', fnStart: -1, after: s.open(c)})
			prev = pOther
		case c == '{':
			f := frame{kind: '{', fnStart: -1}
			if pendingBody >= 0 {
				f = frame{kind: '{', fnStart: pendingBody, fnExpr: bodyExpr, arrow: bodyArrow}
			}
			f.after = s.open(c)
			f.brace = int32(len(braces))
			braces = append(braces, Brace{open: int32(i), close: -1})
			stack = append(stack, f)
			prev = pOther
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
			prev = pOther
			if f.kind == '{' {
				braces[f.brace].close = int32(i)
			}
			switch {
			case c == ')':
				s.closed(f.after)
				prev, closed = pClose, f
				if f.fnStart >= 0 {
					bodyStart, bodyExpr, bodyArrow = f.fnStart, f.fnExpr, false
				}
			case c == ']':
				s.closed(f.after)
			case f.kind == '$':
				j := skipTemplate(src, i+1)
				if j < 0 {
					return scan{}
				}
				i = j
				if src[i] == '$' {
					i++
					stack = append(stack, frame{kind: '$', fnStart: -1})
					s.templateSub()
					continue
				}
				s.operand()
			case f.fnStart >= 0:
				if f.fnExpr && i+1-int(f.fnStart) >= minSize {
					sp := span{start: int(f.fnStart), end: i + 1, arrow: f.arrow}
					if pl != nil {
						pl.unit(sp)
					} else {
						out = append(out, sp)
					}
				}
				s.closed(f.after)
			default:
				s.closed(f.after)
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
			s.arrow()
			prev = pOther
		case c == '*' && prev == pFunc:
			// function* keeps the pending function
			s.star()
		case c == '.':
			if i+1 < n && src[i+1] >= '0' && src[i+1] <= '9' { // .5
				i++
				for i+1 < n && IsIdentByte(src[i+1]) {
					i++
				}
				s.operand()
				prev = pOther
				continue
			}
			if i+2 < n && src[i+1] == '.' && src[i+2] == '.' { // spread
				i += 2
				s.punct()
				prev = pOther
				continue
			}
			s.member()
			prev = pOther
		case c == '?' && i+1 < n && src[i+1] == '.' && !(i+2 < n && src[i+2] >= '0' && src[i+2] <= '9'):
			i++
			s.member()
			prev = pOther
		case (c == '+' || c == '-') && i+1 < n && src[i+1] == c:
			i++
			s.incDec()
			prev = pOther
		case c == ';':
			s.semicolon()
			prev = pOther
		case c == ':':
			s.colon()
			prev = pOther
		default:
			// any other operator or punctuation: an expression follows
			s.punct()
			prev = pOther
		}
	}
	if len(stack) != 0 {
		return scan{}
	}
	// candidates were appended when their body closed: inner ones first
	sortSpans(out)
	return scan{spans: out, braces: braces, ok: true}
}

// Units returns how many function expressions of at least minSize bytes
// the scan finds in src (the units ScanSplit would parse on their own).
func Units(src []byte, minSize int) int { return len(safeScan(src, minSize).spans) }

// Braces scans src and returns its table of matching braces (nil when the
// scan did not balance or the input is over 2 GiB): the walker ends each
// function exactly after its closing brace.
func Braces(src []byte) []Brace { return safeScan(src, 1<<62).braces }

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
		t[c] = IsIdentByte(byte(c))
	}
	return t
}()

func sortSpans(s []span) {
	slices.SortFunc(s, func(a, b span) int { return cmp.Compare(a.start, b.start) })
}
