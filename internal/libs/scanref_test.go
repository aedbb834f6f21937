package libs

// The library scan as it was before it was made faster (no allocation per
// identifier or short literal, table lookups): the reference that
// TestScanSame and FuzzScanSame hold the fast one to.

import (
	"strconv"
	"unicode/utf8"
)

// refScan is Scan before: it lists the string literals of src (and the banner comments) in one
// token-level pass: strings, templates, comments and regular expressions
// (told from division by the previous token) are skipped correctly on
// ordinary code; a confused scan only costs literals, never a failure.
// Literals shorter than minLen bytes (decoded) are not listed.
func refScan(src []byte, minLen int, lit func(Literal), banner func(Comment)) {
	type tmpl struct{ depth int }
	var stack []tmpl // open template substitutions: brace depth inside each
	depth := 0
	var parens []bool // open parentheses: after if/while/for/with (a regex may follow the ')')
	var lastWord string
	// prev is the last significant byte ('a' for an identifier or number
	// that is not a keyword before an expression, 0 at the start)
	var prev byte
	n := len(src)
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
			prev = 'a'
		case c == '`':
			i = refReadTemplate(src, i+1, minLen, lit, func() { stack = append(stack, tmpl{depth}) })
			prev = 'a'
		case c == '/':
			if refRegexAllowed(prev) {
				i = refSkipRegex(src, i)
				prev = 'a'
			} else {
				i++
				prev = '/'
			}
		case c == '{':
			depth++
			prev = c
			i++
		case c == '}':
			if len(stack) > 0 && stack[len(stack)-1].depth == depth {
				// end of a template substitution: the template goes on
				stack = stack[:len(stack)-1]
				i = refReadTemplate(src, i+1, minLen, lit, func() { stack = append(stack, tmpl{depth}) })
				prev = 'a'
				continue
			}
			depth--
			prev = c
			i++
		case refIsIdent(c):
			j := i
			for j < n && refIsIdent(src[j]) {
				j++
			}
			if refKeywordBeforeExpr(src[i:j]) {
				prev = '('
			} else {
				prev = 'a'
			}
			lastWord = string(src[i:j])
			i = j
			continue
		default:
			switch c {
			case '(':
				parens = append(parens, prev == 'a' && (lastWord == "if" || lastWord == "while" || lastWord == "for" || lastWord == "with"))
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
		lastWord = ""
	}
}

func refIsIdent(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func refRegexAllowed(prev byte) bool {
	switch prev {
	case 'a', '/':
		return false
	}
	return true
}

func refKeywordBeforeExpr(w []byte) bool {
	switch string(w) {
	case "return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw", "instanceof", "yield", "await":
		return true
	}
	return false
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
