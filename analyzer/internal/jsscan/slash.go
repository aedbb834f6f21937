package jsscan

import "github.com/pbicert/pbicert/internal/jsslash"

// The regular-expression-versus-division decision, shared with the library
// scan (internal/libs): internal/jsslash. Both tokenisers of this package
// (the scan, scan.go, and the nesting guard, guard.go) keep one slash
// value, move it with the methods below at every significant token, and
// ask it (s.regex) when they meet a '/'. Nothing else in either of them
// decides. slash_test.go holds the hard cases, run through both. Where the
// decision is wrong the scan refuses the split or gives the brace table up
// (the analyzer then parses in one piece) and the guard miscounts one
// line's depth.

// slash is the decision's state (the wrappers below are inlined).
type slash jsslash.State

// closing is what a bracket's closing leaves, recorded when it opens.
type closing = jsslash.Closing

const (
	closeOperand = jsslash.CloseOperand
	closeStmt    = jsslash.CloseStmt
)

func newSlash() slash                { return slash(jsslash.New()) }
func (s slash) regex() bool          { return jsslash.State(s).Regex() }
func (s slash) expr() bool           { return jsslash.State(s).Expr() }
func (s slash) dot() bool            { return jsslash.State(s).Dot() }
func (s *slash) operand()            { (*jsslash.State)(s).Operand() }
func (s *slash) punct()              { (*jsslash.State)(s).Punct() }
func (s *slash) colon()              { (*jsslash.State)(s).Colon() }
func (s *slash) semicolon()          { (*jsslash.State)(s).Semicolon() }
func (s *slash) member()             { (*jsslash.State)(s).Member() }
func (s *slash) arrow()              { (*jsslash.State)(s).Arrow() }
func (s *slash) incDec()             { (*jsslash.State)(s).IncDec() }
func (s *slash) star()               { (*jsslash.State)(s).Star() }
func (s *slash) word(w []byte)       { (*jsslash.State)(s).Word(w) }
func (s *slash) open(c byte) closing { return (*jsslash.State)(s).Open(c) }
func (s *slash) closed(k closing)    { (*jsslash.State)(s).Closed(k) }
func (s *slash) templateSub()        { (*jsslash.State)(s).TemplateSub() }

// traceRegex, when set (tests), is told the offset of every '/' taken for
// the start of a regular expression.
var traceRegex func(at int)
