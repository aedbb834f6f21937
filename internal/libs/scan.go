package libs

import (
	"bytes"
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
// (told from division by the previous token) are skipped correctly on
// ordinary code; a confused scan only costs literals, never a failure.
// Literals shorter than minLen bytes (decoded) are not listed.
func Scan(src []byte, minLen int, lit func(Literal), banner func(Comment)) {
	var stack []int // open template substitutions: brace depth inside each
	depth := 0
	var parens []bool // open parentheses: after if/while/for/with (a regex may follow the ')')
	// head: the last token is the word if, while, for or with (kept across
	// spaces and the end of a template substitution, reset by any other
	// token)
	head := false
	// prev is the last significant byte ('a' for an identifier or number
	// that is not a keyword before an expression, 0 at the start)
	var prev byte
	n := len(src)
	i := 0
	for i < n {
		c := src[i]
		switch class[c] {
		case cSpace:
			i++
			continue
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
			case regexAllowed(prev):
				i = skipRegex(src, i)
				prev = 'a'
			default:
				i++
				prev = '/'
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
			prev = 'a'
		case cBacktick:
			i = readTemplate(src, i+1, minLen, lit, func() { stack = append(stack, depth) })
			prev = 'a'
		case cOpenBrace:
			depth++
			prev = c
			i++
		case cCloseBrace:
			if len(stack) > 0 && stack[len(stack)-1] == depth {
				// end of a template substitution: the template goes on
				stack = stack[:len(stack)-1]
				i = readTemplate(src, i+1, minLen, lit, func() { stack = append(stack, depth) })
				prev = 'a'
				continue
			}
			depth--
			prev = c
			i++
		case cIdent:
			j := i + 1
			for j < n && identByte[src[j]] {
				j++
			}
			w := src[i:j]
			if keywordBeforeExpr(w) {
				prev = '('
			} else {
				prev = 'a'
			}
			head = isHead(w)
			i = j
			continue
		default:
			switch c {
			case '(':
				parens = append(parens, prev == 'a' && head)
				prev = c
			case ')':
				prev = 'a'
				if n := len(parens); n > 0 {
					if parens[n-1] {
						prev = ')'
					}
					parens = parens[:n-1]
				}
			case ']':
				prev = 'a'
			default:
				prev = c
			}
			i++
		}
		head = false
	}
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

// isHead: w is a keyword whose parenthesised head a statement (and so
// possibly a regular expression) follows.
func isHead(w []byte) bool {
	switch len(w) {
	case 2, 3, 4, 5:
		switch string(w) {
		case "if", "while", "for", "with":
			return true
		}
	}
	return false
}

func regexAllowed(prev byte) bool {
	switch prev {
	case 'a', '/':
		return false
	}
	return true
}

func keywordBeforeExpr(w []byte) bool {
	if len(w) < 2 || len(w) > 10 {
		return false
	}
	switch string(w) {
	case "return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw", "instanceof", "yield", "await":
		return true
	}
	return false
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
// (returning the offset after it) or up to a substitution "${" (calling
// open and returning the offset after the "{"). Each quasi is one literal.
func readTemplate(src []byte, i, minLen int, lit func(Literal), open func()) int {
	n := len(src)
	start := i
	for j := i; j < n; j++ {
		switch src[j] {
		case '\\':
			j++
		case '`':
			emitQuasi(src, start, j, minLen, lit)
			return j + 1
		case '$':
			if j+1 < n && src[j+1] == '{' {
				emitQuasi(src, start, j, minLen, lit)
				open()
				return j + 2
			}
		}
	}
	return n
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
