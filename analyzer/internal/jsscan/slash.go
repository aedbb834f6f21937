package jsscan

// The regular-expression-versus-division decision. A '/' that does not
// open a comment starts a regular expression exactly where an expression
// may start, and divides after an operand. Both tokenisers of this package
// (the scan, scan.go, and the nesting guard, guard.go) keep one slash
// value, move it with the methods below at every significant token, and
// ask it (s.regex) when they meet a '/'. Nothing else in either of them
// decides. slash_test.go holds the hard cases, run through both.
//
// The decision is a token-level approximation of the grammar, as every
// scanner without a parser makes it; where it is wrong the scan refuses
// the split or gives the brace table up (the analyzer then parses in one
// piece) and the guard miscounts one line's depth.

// slash is what the decision knows of the tokens before a position: a set
// of the bits below (one byte, kept in a register by both loops).
type slash uint8

const (
	sRegex  slash = 1 << iota // a '/' here starts a regular expression (an expression or a statement may start here)
	sExpr                     // an expression is expected here, not a statement: a '{' opens an object literal, a function keyword starts a function expression
	sDot                      // after '.' or '?.': a word here is a property name
	sCtl                      // after if, while, for or with: the ')' matching the next '(' ends a statement's head
	sAsync                    // after async: sExpr as it was before it (async function)
	sFnHead                   // in the head of a function expression (its keyword, '*', name)
	sFnBody                   // a '{' here opens the body of a function expression or an arrow
)

func (s slash) regex() bool { return s&sRegex != 0 }
func (s slash) expr() bool  { return s&sExpr != 0 }
func (s slash) dot() bool   { return s&sDot != 0 }

// closing is what a bracket's closing leaves, recorded when it opens.
type closing byte

const (
	closeOperand closing = iota // ')' ']' '}' ending an operand: an operator follows (a call's arguments, an object literal, a function expression's body)
	closeStmt                   // '}' ending a block, a class or a function declaration's body, ')' ending the head of if/while/for/with: a statement follows
	closeParams                 // ')' ending a function expression's parameters: its body follows
)

// newSlash is the state at the start of the input.
func newSlash() slash { return sRegex }

// operand: after an identifier, a number, a string, a template, a regular
// expression.
func (s *slash) operand() { *s = 0 }

// punct: after an operator or punctuator that an expression follows
// (, [ = + ? : ! ~ && … and the spread).
func (s *slash) punct() { *s = sRegex | sExpr }

// semicolon: after ';' a statement follows.
func (s *slash) semicolon() { *s = sRegex }

// member: after '.' or '?.'.
func (s *slash) member() { *s = sDot }

// arrow: after '=>' an expression or the arrow's body follows.
func (s *slash) arrow() { *s = sRegex | sExpr | sFnBody }

// incDec: after ++ or --. Where an expression could start it is a prefix
// operator and an operand follows (`++/x/.lastIndex`, never seen in
// practice but grammatical); after an operand it is postfix and an
// operator follows (`a++ / b`).
func (s *slash) incDec() { *s &= sRegex | sExpr }

// star: after '*' (multiplication, or the generator mark of function*).
func (s *slash) star() {
	if *s&sFnHead == 0 {
		*s = sRegex | sExpr
	}
}

// word: after the identifier, keyword or number w.
func (s *slash) word(w []byte) {
	switch {
	case *s&sDot != 0:
		*s = 0
		return
	case *s&sFnHead != 0: // the function's name
		return
	case len(w) < 2 || len(w) > 10: // minified names are not keywords
		*s = 0
		return
	}
	switch string(w) { // compared, not copied
	case "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw",
		"case", "yield", "await", "extends":
		*s = sRegex | sExpr
	case "do", "else":
		*s = sRegex
	case "function":
		if *s&(sExpr|sAsync) != 0 {
			*s = sFnHead
		} else {
			*s = 0
		}
	case "async":
		if *s&sExpr != 0 {
			*s = sAsync
		} else {
			*s = 0
		}
	case "if", "while", "for", "with":
		*s = sCtl
	default:
		*s = 0
	}
}

// open: at '(', '[' or '{'; it returns what the matching closing bracket
// leaves.
func (s *slash) open(c byte) closing {
	k := closeOperand
	switch c {
	case '(':
		if *s&sCtl != 0 {
			k = closeStmt
		} else if *s&sFnHead != 0 {
			k = closeParams
		}
	case '{':
		if *s&(sFnBody|sExpr) == 0 {
			k = closeStmt
		}
		*s = sRegex // a statement, a property or a class member follows
		return k
	}
	*s = sRegex | sExpr
	return k
}

// closed: at ')', ']' or '}' whose opening bracket returned k.
func (s *slash) closed(k closing) {
	switch k {
	case closeStmt:
		*s = sRegex
	case closeParams:
		*s = sFnBody
	default:
		*s = 0
	}
}

// templateSub: after the "${" of a template substitution.
func (s *slash) templateSub() { *s = sRegex | sExpr }

// traceRegex, when set (tests), is told the offset of every '/' taken for
// the start of a regular expression.
var traceRegex func(at int)
