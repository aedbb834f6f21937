package libs

import (
	"bytes"

	"github.com/pbicert/pbicert/internal/jsslash"
	"strconv"
	"unicode/utf8"
)

// Literal is a string literal of a JavaScript text (a template's quasi
// counts as one when it has no substitution): its decoded value and the
// byte offset of its opening quote.
type Literal struct {
	Value  string
	Offset int
}

// Comment is a block comment worth keeping: a /*! … */ banner or one that
// names a licence.
type Comment struct {
	Text   string
	Offset int
}

// Scan lists the string literals of src (and the banner comments) in one
// token-level pass: strings, templates, comments and regular expressions
// (told from division by the decision the analyzer's scan shares,
// internal/jsslash) are skipped correctly on ordinary code; a confused scan
// only costs literals, never a failure.
// Literals shorter than minLen bytes (decoded) are not listed.
func Scan(src []byte, minLen int, lit func(Literal), banner func(Comment)) {
	// brk: the open brackets, each with what its closing leaves (jsslash),
	// and the open template substitutions (tmplSub)
	brk := make([]jsslash.Closing, 0, 64)
	// s decides whether a '/' starts a regular expression
	s := jsslash.New()
	n := len(src)
	i := 0
	for i < n {
		c := src[i]
		switch class[c] {
		case cSpace:
			i++
		case cIdent:
			j := i + 1
			for j < n && identByte[src[j]] {
				j++
			}
			if c >= '0' && c <= '9' || s.Dot() { // a number, a property name
				s.Operand()
			} else {
				s.Word(src[i:j])
			}
			i = j
		case cSlash:
			switch {
			case i+1 < n && src[i+1] == '/':
				if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
					i += j
				} else {
					i = n
				}
			case i+1 < n && src[i+1] == '*':
				end := n
				if j := bytes.Index(src[i+2:], commentEnd); j >= 0 {
					end = i + 2 + j + 2
				}
				if banner != nil && (i+2 < n && src[i+2] == '!' || containsFold(src[i:end], "@license") || containsFold(src[i:end], "license")) {
					banner(Comment{Text: string(src[i:end]), Offset: i})
				}
				i = end
			case s.Regex():
				i = skipRegex(src, i)
				s.Operand()
			default:
				i++
				s.Punct()
			}
		case cQuote:
			body, end, plain := stringAt(src, i)
			// a decoded literal is never longer than its text: a short
			// one is skipped without decoding it
			if lit != nil && len(body) >= minLen {
				v := string(body)
				if !plain {
					v = unescape(body)
				}
				if len(v) >= minLen {
					lit(Literal{Value: v, Offset: i})
				}
			}
			i = end
			s.Operand()
		case cBacktick:
			var sub bool
			if i, sub = readTemplate(src, i+1, minLen, lit); sub {
				brk = append(brk, tmplSub)
				s.TemplateSub()
			} else {
				s.Operand()
			}
		case cOpenBrace:
			brk = append(brk, s.Open(c))
			i++
		case cCloseBrace:
			if k := len(brk); k > 0 && brk[k-1] == tmplSub {
				// end of a template substitution: the template goes on
				var sub bool
				if i, sub = readTemplate(src, i+1, minLen, lit); sub {
					s.TemplateSub() // the next substitution: tmplSub stays
				} else {
					brk = brk[:k-1]
					s.Operand()
				}
				continue
			}
			s.Closed(pop(&brk))
			i++
		case cOpen:
			brk = append(brk, s.Open(c))
			i++
		case cClose:
			if k := len(brk); k > 0 && brk[k-1] == tmplSub {
				s.Operand() // unbalanced: the substitution stays open
			} else {
				s.Closed(pop(&brk))
			}
			i++
		case cDot:
			if i+2 < n && src[i+1] == '.' && src[i+2] == '.' { // spread
				i += 2
				s.Punct()
			} else { // a member (a number's '.5' is read as one too: an operand)
				s.Member()
			}
			i++
		case cQuestion:
			if i+1 < n && src[i+1] == '.' && !(i+2 < n && src[i+2] >= '0' && src[i+2] <= '9') {
				i++
				s.Member()
			} else {
				s.Punct()
			}
			i++
		case cPlusMinus:
			if i+1 < n && src[i+1] == c {
				i++
				s.IncDec()
			} else {
				s.Punct()
			}
			i++
		case cEq:
			if i+1 < n && src[i+1] == '>' {
				i++
				s.Arrow()
			} else {
				s.Punct()
			}
			i++
		case cSemi:
			s.Semicolon()
			i++
		case cColon:
			s.Colon()
			i++
		case cStar:
			s.Star()
			i++
		default:
			s.Punct()
			i++
		}
	}
}

// tmplSub marks an open template substitution on Scan's bracket stack.
const tmplSub jsslash.Closing = 255

// pop takes the top of the bracket stack (an operand's closing when it is
// empty: unbalanced input).
func pop(brk *[]jsslash.Closing) jsslash.Closing {
	k := len(*brk)
	if k == 0 {
		return jsslash.CloseOperand
	}
	c := (*brk)[k-1]
	*brk = (*brk)[:k-1]
	return c
}

var commentEnd = []byte("*/")

// The classes of bytes that start a token of Scan.
const (
	cOther = iota
	cSpace
	cSlash
	cQuote
	cBacktick
	cOpenBrace
	cCloseBrace
	cIdent
	cOpen      // ( [
	cClose     // ) ]
	cDot       // .
	cQuestion  // ?
	cPlusMinus // + -
	cEq        // =
	cSemi      // ;
	cColon     // :
	cStar      // *
)

var class = func() (t [256]uint8) {
	for c := range t {
		switch b := byte(c); {
		case b == ' ' || b == '\t' || b == '\n' || b == '\r':
			t[c] = cSpace
		case b == '/':
			t[c] = cSlash
		case b == '"' || b == '\'':
			t[c] = cQuote
		case b == '`':
			t[c] = cBacktick
		case b == '{':
			t[c] = cOpenBrace
		case b == '}':
			t[c] = cCloseBrace
		case isIdent(b):
			t[c] = cIdent
		case b == '(' || b == '[':
			t[c] = cOpen
		case b == ')' || b == ']':
			t[c] = cClose
		case b == '.':
			t[c] = cDot
		case b == '?':
			t[c] = cQuestion
		case b == '+' || b == '-':
			t[c] = cPlusMinus
		case b == '=':
			t[c] = cEq
		case b == ';':
			t[c] = cSemi
		case b == ':':
			t[c] = cColon
		case b == '*':
			t[c] = cStar
		}
	}
	return t
}()

// identByte[c]: c may be part of an identifier or a number (every byte of
// a multi-byte UTF-8 sequence counts).
var identByte = func() (t [256]bool) {
	for c := range t {
		t[c] = isIdent(byte(c))
	}
	return t
}()

func isIdent(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func containsFold(b []byte, s string) bool {
	for j := 0; j+len(s) <= len(b); j++ {
		ok := true
		for k := 0; k < len(s); k++ {
			c := b[j+k]
			if c >= 'A' && c <= 'Z' {
				c += 32
			}
			if c != s[k] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func skipRegex(src []byte, i int) int {
	n := len(src)
	i++
	class := false
	for i < n {
		c := src[i]
		switch {
		case c == '\\':
			i += 2
			continue
		case c == '\n':
			return i
		case c == '[':
			class = true
		case c == ']':
			class = false
		case c == '/' && !class:
			i++
			for i < n && isIdent(src[i]) {
				i++
			}
			return i
		}
		i++
	}
	return n
}

// stringAt finds the quoted string at src[i]: its text between the quotes
// (up to the end of the line when unterminated), the offset after the
// closing quote, and whether the text has no escape (it is its own value).
func stringAt(src []byte, i int) (body []byte, end int, plain bool) {
	q := src[i]
	n := len(src)
	j := i + 1
	plain = true
	for j < n {
		c := src[j]
		if c == q || c == '\n' {
			break
		}
		if c == '\\' {
			plain = false
			j++
		}
		j++
	}
	if j > n {
		j = n
	}
	end = j + 1
	if end > n {
		end = n
	}
	return src[i+1 : j], end, plain
}

// readTemplate reads template text from src[i] up to the closing backtick
// or the end of src (returning the offset after it) or up to a
// substitution "${" (returning the offset after the "{" and sub). Each
// quasi is one literal.
func readTemplate(src []byte, i, minLen int, lit func(Literal)) (end int, sub bool) {
	n := len(src)
	start := i
	for j := i; j < n; j++ {
		switch src[j] {
		case '\\':
			j++
		case '`':
			emitQuasi(src, start, j, minLen, lit)
			return j + 1, false
		case '$':
			if j+1 < n && src[j+1] == '{' {
				emitQuasi(src, start, j, minLen, lit)
				return j + 2, true
			}
		}
	}
	return n, false
}

func emitQuasi(src []byte, start, end, minLen int, lit func(Literal)) {
	if lit == nil || end-start < minLen {
		return
	}
	v := unescape(src[start:end])
	if len(v) >= minLen {
		lit(Literal{Value: v, Offset: start - 1})
	}
}

// unescape decodes JavaScript string escapes (invalid ones are kept as written).
func unescape(b []byte) string {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c != '\\' || i+1 >= len(b) {
			out = append(out, c)
			continue
		}
		i++
		switch e := b[i]; e {
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'v':
			out = append(out, '\v')
		case '0':
			out = append(out, 0)
		case '\n':
		case '\r':
			if i+1 < len(b) && b[i+1] == '\n' {
				i++
			}
		case 'x':
			if i+2 < len(b) {
				if v, err := strconv.ParseUint(string(b[i+1:i+3]), 16, 8); err == nil {
					out = utf8.AppendRune(out, rune(v))
					i += 2
					continue
				}
			}
			out = append(out, 'x')
		case 'u':
			if i+1 < len(b) && b[i+1] == '{' {
				if k := indexByte(b, i+2, '}'); k > 0 {
					if v, err := strconv.ParseUint(string(b[i+2:k]), 16, 32); err == nil {
						out = utf8.AppendRune(out, rune(v))
						i = k
						continue
					}
				}
			} else if i+4 < len(b) {
				if v, err := strconv.ParseUint(string(b[i+1:i+5]), 16, 16); err == nil {
					out = utf8.AppendRune(out, rune(v))
					i += 4
					continue
				}
			}
			out = append(out, 'u')
		default:
			out = append(out, e)
		}
	}
	return string(out)
}

func indexByte(b []byte, i int, c byte) int {
	for ; i < len(b); i++ {
		if b[i] == c {
			return i
		}
	}
	return -1
}
