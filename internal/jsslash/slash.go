// Package jsslash is the regular-expression-versus-division decision of
// pbicert's JavaScript tokenisers (the analyzer's unit scan and nesting
// guard, analyzer/internal/jsscan, and the library scan, internal/libs). A
// '/' that does not open a comment starts a regular expression exactly
// where an expression may start, and divides after an operand. A tokeniser
// keeps one State, moves it with the methods below at every significant
// token, and asks it (Regex) when it meets a '/'. Brackets: Open returns
// what the matching closing bracket leaves; the tokeniser keeps it on its
// bracket stack and hands it to Closed.
//
// The decision is a token-level approximation of the grammar, as every
// scanner without a parser makes it. Known approximations: a case clause's
// expression is followed across operands and operators but not across
// brackets or a ternary; a class expression's heritage is followed across
// words and calls but not across a member access (class extends a.b {}).
// The tests (slash_test.go here, the jsscan and libs tests) hold the hard
// cases.
package jsslash

// State is what the decision knows of the tokens before a position: a set
// of the bits below (kept in a register by both loops).
type State uint16

const (
	sRegex  State = 1 << iota // a '/' here starts a regular expression (an expression or a statement may start here)
	sExpr                     // an expression is expected here, not a statement: a '{' opens an object literal, a function keyword starts a function expression
	sDot                      // after '.' or '?.': a word here is a property name
	sCtl                      // after if, while, for or with: the ')' matching the next '(' ends a statement's head
	sAsync                    // after async: sExpr as it was before it (async function)
	sFnHead                   // in the head of a function expression (its keyword, '*', name)
	sFnBody                   // a '{' here opens the body of a function expression or an arrow
	sLabel                    // after an identifier or default at the start of a statement: a ':' here ends a label or a default clause
	sCase                     // in the expression of a case clause: its ':' ends it (kept across operands and operators, not across brackets or a ternary)
)

func (s State) Regex() bool { return s&sRegex != 0 }
func (s State) Expr() bool  { return s&sExpr != 0 }
func (s State) Dot() bool   { return s&sDot != 0 }

// Closing is what a bracket's closing leaves, recorded when it opens.
type Closing byte

const (
	CloseOperand Closing = iota // ')' ']' '}' ending an operand: an operator follows (a call's arguments, an object literal, a function expression's body)
	CloseStmt                   // '}' ending a block, a class or a function declaration's body, ')' ending the head of if/while/for/with: a statement follows
	CloseParams                 // ')' ending a function expression's parameters: its body follows
)

// New is the state at the start of the input.
func New() State { return sRegex }

// Operand: after an identifier, a number, a string, a template, a regular
// expression.
func (s *State) Operand() { *s &= sCase }

// Punct: after an operator or punctuator that an expression follows
// (, [ = + ? : ! ~ && … and the spread).
func (s *State) Punct() { *s = sRegex | sExpr | *s&sCase }

// Colon: after ':'. It ends a label, a case or a default clause (a
// statement follows); elsewhere (a ternary, a property) an expression.
func (s *State) Colon() {
	if *s&(sLabel|sCase) != 0 {
		*s = sRegex
	} else {
		*s = sRegex | sExpr
	}
}

// Semicolon: after ';' a statement follows.
func (s *State) Semicolon() { *s = sRegex }

// Member: after '.' or '?.'.
func (s *State) Member() { *s = sDot | *s&sCase }

// Arrow: after '=>' an expression or the arrow's body follows.
func (s *State) Arrow() { *s = sRegex | sExpr | sFnBody }

// IncDec: after ++ or --. Where an expression could start it is a prefix
// operator and an operand follows (`++/x/.lastIndex`, never seen in
// practice but grammatical); after an operand it is postfix and an
// operator follows (`a++ / b`).
func (s *State) IncDec() { *s &= sRegex | sExpr }

// Star: after '*' (multiplication, or the generator mark of function*).
func (s *State) Star() {
	if *s&sFnHead == 0 {
		*s = sRegex | sExpr
	}
}

// Word: after the identifier, keyword or number w.
func (s *State) Word(w []byte) {
	if len(w) < 2 { // a minified name (inlined: the common case)
		*s = plainWord[*s&(nStates-1)]
		return
	}
	*s = s.afterWord(w)
}

// nStates: a State is less than this.
const nStates = sCase << 1

// plainWord[s] is the state after a word that is no keyword here (a
// property name, a one-letter name).
var plainWord = func() (t [nStates]State) {
	for s := range State(nStates) {
		t[s] = s.afterWord([]byte("_"))
	}
	return t
}()

// afterWord is Word by value (the state stays in a register of the caller's
// loop).
func (s State) afterWord(w []byte) State {
	switch {
	case s&sDot != 0:
		return s & sCase
	case s&sFnHead != 0: // the function's or class's name, a class's heritage
		return s
	case len(w) < 2 || len(w) > 10: // minified names are not keywords
		if s == sRegex { // at the start of a statement: perhaps a label
			return sLabel
		} else {
			return s & sCase
		}
	}
	switch string(w) { // compared, not copied
	case "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw",
		"yield", "await", "extends":
		return sRegex | sExpr
	case "case":
		return sRegex | sExpr | sCase
	case "class":
		// a class expression's body ends an operand, like a function
		// expression's: its head (name, heritage) is kept as one
		if s&sExpr != 0 {
			return sFnHead | sFnBody
		} else {
			return 0
		}
	case "do", "else":
		return sRegex
	case "function":
		if s&(sExpr|sAsync) != 0 {
			return sFnHead
		} else {
			return 0
		}
	case "async":
		if s&sExpr != 0 {
			return sAsync
		} else {
			return 0
		}
	case "if", "while", "for", "with":
		return sCtl
	default: // an identifier (or default)
		if s == sRegex {
			return sLabel
		} else {
			return s & sCase
		}
	}
}

// Open: at '(', '[' or '{'; it returns what the matching closing bracket
// leaves.
func (s *State) Open(c byte) Closing {
	k := CloseOperand
	switch c {
	case '(':
		if *s&sCtl != 0 {
			k = CloseStmt
		} else if *s&sFnHead != 0 {
			k = CloseParams
		}
	case '{':
		switch {
		case *s&(sFnBody|sExpr) == 0:
			k = CloseStmt
		case *s&sFnBody == 0: // an object literal: a property name follows
			*s = sDot
			return k
		}
		*s = sRegex // a statement or a class member follows
		return k
	}
	*s = sRegex | sExpr
	return k
}

// Closed: at ')', ']' or '}' whose opening bracket returned k.
func (s *State) Closed(k Closing) {
	switch k {
	case CloseStmt:
		*s = sRegex
	case CloseParams:
		*s = sFnBody
	default:
		*s = 0
	}
}

// TemplateSub: after the "${" of a template substitution.
func (s *State) TemplateSub() { *s = sRegex | sExpr }
