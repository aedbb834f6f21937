package libs

// The library scan as it was before it was made faster (no allocation per
// identifier or short literal, table lookups; its regex decision is now the
// shared one, internal/jsslash, as Scan's): the reference that
// TestScanSame and FuzzScanSame hold the fast one to.

import (
	"strconv"
	"unicode/utf8"

	"github.com/pbicert/pbicert/internal/jsslash"
)

// refScan is Scan before: it lists the string literals of src (and the banner comments) in one
// token-level pass: strings, templates, comments and regular expressions
// (told from division by the shared decision, internal/jsslash, as Scan
// tells them) are skipped correctly on
// ordinary code; a confused scan only costs literals, never a failure.
// Literals shorter than minLen bytes (decoded) are not listed.
func refScan(src []byte, minLen int, lit func(Literal), banner func(Comment)) {
	var brk []jsslash.Closing // open brackets; refTmpl: an open template substitution
	s := jsslash.New()
	n := len(src)
	open := func() {
		brk = append(brk, refTmpl)
		s.TemplateSub()
	}
	afterTemplate := func(i int) {
		if i == n || src[i-1] == '`' {
			s.Operand()
		}
	}
	top := func() jsslash.Closing {
		if len(brk) == 0 {
			return jsslash.CloseOperand
		}
		return brk[len(brk)-1]
	}
	popTop := func() jsslash.Closing {
		k := top()
		if len(brk) > 0 {
			brk = brk[:len(brk)-1]
		}
		return k
	}
	i := 0
	for i < n {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
			continue
		case c == '/' && i+1 < n && src[i+1] == '/':
			for i < n && src[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < n && src[i+1] == '*':
			end := refIndexFrom(src, i+2, "*/")
			if end < 0 {
				end = n
			} else {
				end += 2
			}
			if banner != nil && (i+2 < n && src[i+2] == '!' || refContainsFold(src[i:end], "@license") || refContainsFold(src[i:end], "license")) {
				banner(Comment{Text: string(src[i:end]), Offset: i})
			}
			i = end
		case c == '"' || c == '\'':
			v, end := refReadString(src, i)
			if lit != nil && len(v) >= minLen {
				lit(Literal{Value: v, Offset: i})
			}
			i = end
			s.Operand()
		case c == '`':
			i = refReadTemplate(src, i+1, minLen, lit, open)
			afterTemplate(i)
		case c == '/':
			if s.Regex() {
				i = refSkipRegex(src, i)
				s.Operand()
			} else {
				i++
				s.Punct()
			}
		case c == '{' || c == '(' || c == '[':
			brk = append(brk, s.Open(c))
			i++
		case c == '}':
			if top() == refTmpl {
				// end of a template substitution: the template goes on
				popTop()
				i = refReadTemplate(src, i+1, minLen, lit, open)
				afterTemplate(i)
				continue
			}
			s.Closed(popTop())
			i++
		case c == ')' || c == ']':
			if top() == refTmpl {
				s.Operand()
			} else {
				s.Closed(popTop())
			}
			i++
		case refIsIdent(c):
			j := i
			for j < n && refIsIdent(src[j]) {
				j++
			}
			if c >= '0' && c <= '9' {
				s.Operand()
			} else {
				s.Word(src[i:j])
			}
			i = j
		default:
			two := ""
			if i+1 < n {
				two = string(src[i : i+2])
			}
			switch {
			case string(src[i:min(i+3, n)]) == "...":
				i += 2
				s.Punct()
			case c == '.':
				s.Member()
			case two == "?." && !(i+2 < n && src[i+2] >= '0' && src[i+2] <= '9'):
				i++
				s.Member()
			case two == "++" || two == "--":
				i++
				s.IncDec()
			case two == "=>":
				i++
				s.Arrow()
			case c == ';':
				s.Semicolon()
			case c == ':':
				s.Colon()
			case c == '*':
				s.Star()
			default:
				s.Punct()
			}
			i++
		}
	}
}

const refTmpl jsslash.Closing = 200

func refIsIdent(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func refIndexFrom(src []byte, i int, s string) int {
	for j := i; j+len(s) <= len(src); j++ {
		if src[j] == s[0] && string(src[j:j+len(s)]) == s {
			return j
		}
	}
	return -1
}

func refContainsFold(b []byte, s string) bool {
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

func refSkipRegex(src []byte, i int) int {
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
			for i < n && refIsIdent(src[i]) {
				i++
			}
			return i
		}
		i++
	}
	return n
}

// readString reads the quoted string at src[i] and returns its decoded value
// and the offset after the closing quote (or the end of the line).
func refReadString(src []byte, i int) (string, int) {
	q := src[i]
	n := len(src)
	j := i + 1
	plain := true
	for j < n && src[j] != q && src[j] != '\n' {
		if src[j] == '\\' {
			plain = false
			j++
		}
		j++
	}
	if j > n {
		j = n
	}
	body := src[i+1 : j]
	end := j + 1
	if end > n {
		end = n
	}
	if plain {
		return string(body), end
	}
	return refUnescape(body), end
}

// readTemplate reads template text from src[i] up to the closing backtick
// (returning the offset after it) or up to a substitution "${" (calling
// open and returning the offset after the "{"). Each quasi is one literal.
func refReadTemplate(src []byte, i, minLen int, lit func(Literal), open func()) int {
	n := len(src)
	start := i
	for j := i; j < n; j++ {
		switch src[j] {
		case '\\':
			j++
		case '`':
			refEmitQuasi(src, start, j, minLen, lit)
			return j + 1
		case '$':
			if j+1 < n && src[j+1] == '{' {
				refEmitQuasi(src, start, j, minLen, lit)
				open()
				return j + 2
			}
		}
	}
	return n
}

func refEmitQuasi(src []byte, start, end, minLen int, lit func(Literal)) {
	if lit == nil || end-start < minLen {
		return
	}
	v := refUnescape(src[start:end])
	if len(v) >= minLen {
		lit(Literal{Value: v, Offset: start - 1})
	}
}

// unescape decodes JavaScript string escapes (invalid ones are kept as written).
func refUnescape(b []byte) string {
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
				if k := refIndexByte(b, i+2, '}'); k > 0 {
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

func refIndexByte(b []byte, i int, c byte) int {
	for ; i < len(b); i++ {
		if b[i] == c {
			return i
		}
	}
	return -1
}
