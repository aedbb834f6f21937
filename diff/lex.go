package diff

import (
	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/js"
)

// lex returns the significant tokens of src (no whitespace or comments).
//
// A '/' starts a regular expression where an expression may start and
// divides after an operand; the lexer cannot tell, so lex decides
// (slashes). Where the text still cannot be read (a decision gone wrong,
// or a character the lexer refuses), lex gives the character one token of
// its own and lexes on after it: the tokens never stop before the end of
// the source, so no function goes untokenised and compares equal for
// want of tokens.
func lex(src []byte) []rawTok {
	out := make([]rawTok, 0, len(src)/2+16) // minified code: about one token per 2.6 bytes
	var sl slashes
	for base := 0; base < len(src); {
		buf := make([]byte, len(src)-base, len(src)-base+1)
		copy(buf, src[base:])
		l := js.NewLexer(parse.NewInputBytes(buf))
		off := base
		for {
			tt, data := l.Next()
			if (tt == js.DivToken || tt == js.DivEqToken) && sl.regex() {
				tt, data = l.RegExp() // re-reads from the '/' at the same offset
			}
			if tt == js.ErrorToken {
				break
			}
			switch tt {
			case js.WhitespaceToken, js.LineTerminatorToken, js.CommentToken, js.CommentLineTerminatorToken:
			default:
				out = append(out, rawTok{int32(off), int32(off + len(data)), tt})
				sl.next(tt, data)
			}
			off += len(data)
		}
		if off >= len(src) {
			break
		}
		// unreadable here: one token for the character, then on
		n := 1
		for n < len(src)-off && src[off+n]&0xc0 == 0x80 {
			n++
		}
		out = append(out, rawTok{int32(off), int32(off + n), js.ErrorToken})
		sl = slashes{stack: sl.stack}
		base = off + n
	}
	return out
}

// slashes is the regular-expression-versus-division decision of lex, a
// token-level approximation of the grammar. After ')' a '/' divides,
// unless the parenthesis closed the head of if, while, for or with; after
// '}' it divides when the brace closed an object literal or a function or
// class expression, and starts a regular expression when it closed a
// statement (a block, a function or class declaration):
// `if(a){…}/x/.test(s)`. So each bracket remembers, when it opens, what its
// closing leaves. The zero value is the start of a program.
type slashes struct {
	stack []bracket // open brackets (the top level has none)
	top   bracket   // the top level's '?' count
	prev  js.TokenType
	// started: a token was seen
	started bool
	// stmt: a statement may start at the next token
	stmt bool
	// rx: a '/' at the next token starts a regular expression
	rx bool
	// head: the next '(' opens the head of if, while, for, with, switch or
	// catch (hCtl), or a function's parameters (hDecl, hExpr)
	head headKind
	// body: the next '{' at bracket depth bodyDepth opens the body of a
	// function or class declaration (hDecl) or expression (hExpr)
	body      headKind
	bodyDepth int
}

type headKind uint8

const (
	hNone headKind = iota
	hCtl
	hDecl // function or class declaration: its '}' ends a statement
	hExpr // function or class expression: its '}' ends an operand
)

type bracket struct {
	tt js.TokenType
	// stmtAfter: its closing leaves a position where a statement starts
	stmtAfter bool
	// block: a brace holding statements (not an object literal)
	block bool
	// params: the parentheses of a function's parameters (hDecl, hExpr)
	params headKind
	// q: '?' seen at this level and not yet matched by ':'
	q int
}

func (s *slashes) regex() bool { return !s.started || s.rx }

// level is the innermost open bracket (the top level when none is open).
func (s *slashes) level() *bracket {
	if len(s.stack) == 0 {
		s.top.block = true
		return &s.top
	}
	return &s.stack[len(s.stack)-1]
}

func (s *slashes) pop() (bracket, bool) {
	if len(s.stack) == 0 {
		return bracket{}, false
	}
	b := s.stack[len(s.stack)-1]
	s.stack = s.stack[:len(s.stack)-1]
	return b, true
}

// next moves the decision past the token tt.
func (s *slashes) next(tt js.TokenType, _ []byte) {
	stmtHere := !s.started || s.stmt
	rxHere := s.regex()
	// a keyword after '.' or '?.' is a property name
	prop := s.prev == js.DotToken || s.prev == js.OptChainToken
	s.started = true
	s.stmt, s.rx = false, true
	if s.head != hNone && tt != js.OpenParenToken && tt != js.MulToken && !js.IsIdentifierName(tt) {
		s.head = hNone
	}
	switch {
	case tt == js.OpenParenToken:
		b := bracket{tt: tt}
		switch s.head {
		case hCtl:
			b.stmtAfter = true
		case hDecl, hExpr:
			b.params = s.head
		}
		s.head = hNone
		s.stack = append(s.stack, b)
	case tt == js.CloseParenToken:
		b, _ := s.pop()
		if b.params != hNone {
			s.body, s.bodyDepth = b.params, len(s.stack)
		}
		s.stmt, s.rx = b.stmtAfter, b.stmtAfter
	case tt == js.OpenBracketToken || tt == js.TemplateStartToken:
		s.stack = append(s.stack, bracket{tt: tt})
	case tt == js.CloseBracketToken || tt == js.TemplateEndToken:
		s.pop()
		s.rx = false
	case tt == js.OpenBraceToken:
		b := bracket{tt: tt}
		switch {
		case s.body != hNone && s.bodyDepth == len(s.stack):
			b.block, b.stmtAfter = true, s.body == hDecl
		case s.prev == js.ArrowToken:
			b.block = true // an arrow's body ends an operand
		case stmtHere || s.prev == js.CloseParenToken:
			b.block, b.stmtAfter = true, true // a block, a method's body
		}
		if s.bodyDepth == len(s.stack) {
			s.body = hNone
		}
		s.stack = append(s.stack, b)
		s.stmt = b.block
	case tt == js.CloseBraceToken:
		b, ok := s.pop()
		s.stmt, s.rx = b.stmtAfter || !ok, b.stmtAfter || !ok
	case tt == js.SemicolonToken:
		s.stmt = true
	case tt == js.QuestionToken:
		s.level().q++
	case tt == js.ColonToken:
		switch b := s.level(); {
		case b.q > 0:
			b.q-- // a conditional
		case b.block:
			s.stmt = true // a label, case or default
		}
	case tt == js.IncrToken || tt == js.DecrToken:
		// prefix where an operand may start (an operand follows), postfix
		// after an operand (an operator follows)
		s.rx = rxHere
	case prop && js.IsIdentifierName(tt):
		s.rx = false
	case tt == js.IfToken || tt == js.WhileToken || tt == js.ForToken || tt == js.WithToken || tt == js.SwitchToken:
		s.head = hCtl
	case tt == js.CatchToken:
		s.head, s.stmt = hCtl, true // catch (e) {…} or catch {…}
	case tt == js.ElseToken || tt == js.DoToken || tt == js.TryToken || tt == js.FinallyToken:
		s.stmt = true
	case tt == js.FunctionToken:
		s.head = hExpr
		if stmtHere {
			s.head = hDecl
		}
	case tt == js.ClassToken:
		s.body, s.bodyDepth = hExpr, len(s.stack)
		if stmtHere {
			s.body = hDecl
		}
	case tt == js.AsyncToken:
		s.rx = false
		s.stmt = stmtHere // async function at a statement's start declares
	case tt == js.ThisToken || tt == js.SuperToken || tt == js.NullToken || tt == js.TrueToken || tt == js.FalseToken:
		s.rx = false
	case tt == js.StringToken || tt == js.TemplateToken || tt == js.RegExpToken || tt == js.PrivateIdentifierToken || js.IsNumeric(tt):
		s.rx = false
	case js.IsReservedWord(tt):
		// return, typeof, in, new, …: an expression follows
	case js.IsIdentifierName(tt):
		s.rx = false
	}
	s.prev = tt
}
