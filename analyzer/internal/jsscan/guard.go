package jsscan

// NestingDepth scans JavaScript text once, without parsing, and returns the
// deepest nesting of brackets, template substitutions, conditional operators
// and runs of prefix operators, stopping early once max is exceeded. The
// parser and the walker recurse on nesting, so deeper inputs are refused
// before they can exhaust the stack. Strings, comments, templates and
// regular expressions (told from division as the scan tells them: slash.go)
// are skipped.
func NestingDepth(src []byte, max int) (depth, at int) {
	type frame struct {
		template bool    // this level was opened by ${ inside a template
		after    closing // what its closing bracket leaves (slash.go)
		ternary  int     // open ? (and right-associative = and =>) at this level
	}
	stack := make([]frame, 1, 64)
	best := 0
	s := newSlash() // s.regex(): a '/' here starts a regular expression
	unary := 0
	n := len(src)
	check := func(i int) bool {
		d := len(stack) - 1 + stack[len(stack)-1].ternary + unary
		if d > best {
			best, at = d, i
		}
		return best > max
	}
	for i := 0; i < n; i++ {
		c := src[i]
		switch {
		case c == ' ' || '\t' <= c && c <= '\r': // \t \n \v \f \r
			if c == '\n' {
				stack[len(stack)-1].ternary = 0
			}
			continue
		case c == '/' && i+1 < n && src[i+1] == '/':
			i = skipLineComment(src, i)
			continue
		case c == '/' && i+1 < n && src[i+1] == '*':
			i = skipBlockComment(src, i)
			continue
		case c == '\'' || c == '"':
			i, _ = skipString(src, i, false)
			s.operand()
			unary = 0
		case c == '`':
			i = skipTemplate(src, i+1)
			if i < 0 {
				return best, at
			}
			if i < n && src[i] == '$' { // stopped at ${: enter substitution
				i++ // at '{'
				stack = append(stack, frame{template: true})
				if check(i) {
					return best, at
				}
				s.templateSub()
				continue
			}
			s.operand()
			unary = 0
		case c == '/' && s.regex():
			if traceRegex != nil {
				traceRegex(i)
			}
			i++
			i, _ = skipRegex(src, i)
			for i+1 < n && IsIdentByte(src[i+1]) {
				i++
			}
			s.operand()
			unary = 0
		case c == '(' || c == '[' || c == '{':
			stack = append(stack, frame{after: s.open(c)})
			unary = 0
			if check(i) {
				return best, at
			}
		case c == ')' || c == ']' || c == '}':
			after := closeOperand // an unmatched bracket
			if c == '}' {
				after = closeStmt
			}
			if len(stack) > 1 {
				top := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				after = top.after
				if top.template && c == '}' {
					// back inside the template text
					j := skipTemplate(src, i+1)
					if j < 0 {
						return best, at
					}
					i = j
					if i < n && src[i] == '$' {
						i++
						stack = append(stack, frame{template: true})
						if check(i) {
							return best, at
						}
						s.templateSub()
						continue
					}
					s.operand() // the template's end
					unary = 0
					continue
				}
			}
			s.closed(after)
			unary = 0
		case c == '?':
			if i+1 < n && src[i+1] == '.' && !(i+2 < n && src[i+2] >= '0' && src[i+2] <= '9') {
				i++
				s.member()
				continue
			}
			if i+1 < n && src[i+1] == '?' {
				i++
				s.punct()
				continue
			}
			stack[len(stack)-1].ternary++
			if check(i) {
				return best, at
			}
			s.punct()
		case c == ':':
			if t := &stack[len(stack)-1]; t.ternary > 0 {
				t.ternary--
			}
			s.colon()
		case c == '=' && !(i+1 < n && src[i+1] == '='):
			if i+1 < n && src[i+1] == '>' {
				i++
				s.arrow()
			} else {
				s.punct()
			}
			stack[len(stack)-1].ternary++
			if check(i) {
				return best, at
			}
			continue
		case c == '-' || c == '+':
			if i+1 < n && src[i+1] == c { // ++ or --
				i++
				if !s.regex() { // postfix
					s.incDec()
					continue
				}
				s.incDec()
			} else if !s.regex() { // binary
				s.punct()
				continue
			} else {
				s.punct()
			}
			unary++ // prefix
			if check(i) {
				return best, at
			}
			continue
		case c == '!' || c == '~':
			s.punct()
			if i+1 < n && src[i+1] == '=' {
				continue
			}
			unary++
			if check(i) {
				return best, at
			}
		case c == ',' || c == ';':
			stack[len(stack)-1].ternary = 0
			unary = 0
			if c == ';' {
				s.semicolon()
			} else {
				s.punct()
			}
		case identByte[c] || c == '#':
			j := i + 1
			for j < n && identByte[src[j]] {
				j++
			}
			word := src[i:j]
			i = j - 1
			if c >= '0' && c <= '9' {
				s.operand()
			} else {
				s.word(word)
			}
			if !s.regex() {
				unary = 0
			} else if isUnaryKeyword(word) {
				unary++
				if check(i) {
					return best, at
				}
			}
		case c == '.':
			switch {
			case i+1 < n && src[i+1] >= '0' && src[i+1] <= '9': // .5
				i++
				for i+1 < n && IsIdentByte(src[i+1]) {
					i++
				}
				s.operand()
			case i+2 < n && src[i+1] == '.' && src[i+2] == '.': // spread
				i += 2
				s.punct()
			default:
				s.member()
			}
		case c == '*':
			s.star()
		default:
			// operators and other punctuation: an expression may follow
			s.punct()
		}
	}
	return best, at
}

// skipLineComment returns the index of the newline ending the // comment
// at i (or len(src)).
func skipLineComment(src []byte, i int) int {
	for i < len(src) && src[i] != '\n' {
		i++
	}
	return i
}

// skipBlockComment returns the index of the '/' closing the /* comment at i.
func skipBlockComment(src []byte, i int) int {
	i += 2
	for i+1 < len(src) && !(src[i] == '*' && src[i+1] == '/') {
		i++
	}
	return i + 1
}

// skipString returns the index of the quote closing the string literal at
// i; ok is false when the input ends first or, with strict, a line ends
// first (end is then where it stopped).
func skipString(src []byte, i int, strict bool) (end int, ok bool) {
	c := src[i]
	for i++; i < len(src) && src[i] != c; i++ {
		if src[i] == '\\' {
			i++
		} else if strict && src[i] == '\n' {
			return i, false
		}
	}
	return i, i < len(src)
}

// skipRegex returns the index of the '/' closing the regular expression
// whose body starts at i; ok is false when a line or the input ends first
// (end is then where it stopped).
func skipRegex(src []byte, i int) (end int, ok bool) {
	inClass := false
	for ; i < len(src) && src[i] != '\n'; i++ {
		switch src[i] {
		case '\\':
			i++
		case '[':
			inClass = true
		case ']':
			inClass = false
		case '/':
			if !inClass {
				return i, true
			}
		}
	}
	return i, false
}

// skipTemplate skips template text from i (just after ` or }) to the
// closing backtick (returning the index of it) or to a "${" (returning the
// index of '$'). It returns -1 at end of input.
func skipTemplate(src []byte, i int) int {
	for i < len(src) {
		switch src[i] {
		case '\\':
			i += 2
			continue
		case '`':
			return i
		case '$':
			if i+1 < len(src) && src[i+1] == '{' {
				return i
			}
		}
		i++
	}
	return -1
}

func IsIdentByte(c byte) bool {
	return c == '_' || c == '$' || c == '\\' || c >= 0x80 ||
		(c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}

// isUnaryKeyword reports whether w is a keyword that starts a unary
// expression (the guard counts runs of them).
func isUnaryKeyword(w []byte) bool {
	switch string(w) {
	case "typeof", "void", "delete", "await", "new", "yield":
		return true
	}
	return false
}
