package pbiviz

import (
	"bytes"
	"errors"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"github.com/pbicert/pbicert/internal/hugepage"
	"github.com/pbicert/pbicert/internal/textpos"
)

// JSONDepthAt returns the offset of the first '[' or '{' nested deeper
// than max in a JSON document (strings skipped), or -1: checked before a
// decoder that recurses sees the bytes.
func JSONDepthAt(raw []byte, max int) int { return checkDepth(raw, max, nil) }

// checkDepth scans raw once, counting [ and { nesting outside strings, and
// returns the byte offset where depth first exceeds max (or -1). It runs
// before encoding/json sees the bytes, so a 100,000-deep document costs one
// linear scan and no recursion. ls (may be nil) are the document's long
// strings, skipped at once.
func checkDepth(raw []byte, max int, ls longStrings) int {
	depth := 0
	for i := 0; i < len(raw); i++ {
		switch raw[i] {
		case '"':
			i = ls.skip(raw, i) - 1
		case '[', '{':
			depth++
			if depth > max {
				return i
			}
		case ']', '}':
			depth--
		}
	}
	return -1
}

// skip returns the offset just after the closing quote of the string
// whose opening quote is at q (len(b)+1 when unterminated):
// skipStringBody, or the end of the long string there.
func (ls longStrings) skip(b []byte, q int) int {
	if s := ls.at(q); s != nil {
		return s.end
	}
	return skipStringBody(b, q+1)
}

// skipStringBody returns the offset just after the closing quote of the
// string whose body starts at i (len(b)+1 when unterminated).
func skipStringBody(b []byte, i int) int {
	start := i
	for {
		j := bytes.IndexByte(b[i:], '"')
		if j < 0 {
			return len(b) + 1
		}
		i += j
		n := 0 // backslashes right before the quote
		for k := i - 1; k >= start && b[k] == '\\'; k-- {
			n++
		}
		if n%2 == 0 {
			return i + 1
		}
		i++
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func skipSpace(b []byte, i int) int {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	return i
}

var errWalk = errors.New("malformed JSON")

// valueEnd returns the end offset of the JSON value starting at i (after
// spaces). Containers are skipped iteratively; ls (may be nil) are the
// document's long strings.
func valueEnd(b []byte, i int, ls longStrings) (int, error) {
	i = skipSpace(b, i)
	if i >= len(b) {
		return 0, errWalk
	}
	switch b[i] {
	case '"':
		e := ls.skip(b, i)
		if e > len(b) {
			return 0, errWalk
		}
		return e, nil
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				j = ls.skip(b, j) - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1, nil
				}
			}
		}
		return 0, errWalk
	}
	j := i
	for j < len(b) && !isSpace(b[j]) && b[j] != ',' && b[j] != '}' && b[j] != ']' {
		j++
	}
	if j == i {
		return 0, errWalk
	}
	return j, nil
}

// span is a JSON value in a document: raw[Start:End].
type span struct{ Start, End int }

// members calls fn for each member of the object starting at i (after
// spaces) with its unescaped key, the key's offset and the value's span.
// fn returns false to stop.
func members(b []byte, i int, ls longStrings, fn func(key string, keyOff int, v span) bool) error {
	i = skipSpace(b, i)
	if i >= len(b) || b[i] != '{' {
		return errWalk
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return nil
	}
	for {
		i = skipSpace(b, i)
		if i >= len(b) || b[i] != '"' {
			return errWalk
		}
		ke, err := valueEnd(b, i, ls)
		if err != nil {
			return err
		}
		key := unquote(b[i:ke])
		keyOff := i
		i = skipSpace(b, ke)
		if i >= len(b) || b[i] != ':' {
			return errWalk
		}
		vs := skipSpace(b, i+1)
		ve, err := valueEnd(b, vs, ls)
		if err != nil {
			return err
		}
		if !fn(key, keyOff, span{vs, ve}) {
			return nil
		}
		i = skipSpace(b, ve)
		if i >= len(b) {
			return errWalk
		}
		if b[i] == '}' {
			return nil
		}
		if b[i] != ',' {
			return errWalk
		}
		i++
	}
}

// elements calls fn for each element of the array starting at i.
func elements(b []byte, i int, ls longStrings, fn func(idx int, v span) bool) error {
	i = skipSpace(b, i)
	if i >= len(b) || b[i] != '[' {
		return errWalk
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == ']' {
		return nil
	}
	for n := 0; ; n++ {
		vs := skipSpace(b, i)
		ve, err := valueEnd(b, vs, ls)
		if err != nil {
			return err
		}
		if !fn(n, span{vs, ve}) {
			return nil
		}
		i = skipSpace(b, ve)
		if i >= len(b) {
			return errWalk
		}
		if b[i] == ']' {
			return nil
		}
		if b[i] != ',' {
			return errWalk
		}
		i++
	}
}

// objectFields returns the members of the object at i, the last one winning
// for duplicate keys (as in JSON.parse).
func objectFields(b []byte, i int, ls longStrings) (map[string]span, error) {
	m := map[string]span{}
	err := members(b, i, ls, func(k string, _ int, v span) bool { m[k] = v; return true })
	return m, err
}

// kind names the JSON type of the value starting at b[0].
func kind(b []byte) string {
	if len(b) == 0 {
		return "nothing"
	}
	switch b[0] {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}

func isNull(b []byte) bool { return len(b) == 0 || string(b) == "null" }

// unquote decodes the JSON string token q (with its quotes). Unlike
// encoding/json it keeps invalid UTF-8 bytes as they are, so offsets in the
// decoded text match the visual's real source; lone UTF-16 surrogates
// become U+FFFD. q must be a complete string token.
func unquote(q []byte) string {
	if len(q) < 2 {
		return ""
	}
	s := q[1 : len(q)-1]
	if bytes.IndexByte(s, '\\') < 0 {
		return string(s)
	}
	var out []byte
	if len(s) >= hugepage.Min {
		out = hugepage.Bytes(len(s))[:0] // content.js: faulted in 2 MiB at a time
	} else {
		out = make([]byte, 0, len(s))
	}
	out, _ = unquoteTo(out, s, false)
	return unsafe.String(unsafe.SliceData(out), len(out)) // out is not written again
}

// unquoteTo appends the decoding of the string body s to out. When partial
// (s is a prefix of the body), an escape starting in the last 12 bytes of s
// (a surrogate pair is 12 bytes) is left undecoded and returned as rest, to
// be decoded with what follows: decoding a body in such pieces gives the
// bytes of decoding it at once.
func unquoteTo(out, s []byte, partial bool) (_, rest []byte) {
	for len(s) > 0 {
		j := bytes.IndexByte(s, '\\')
		if j < 0 {
			out = append(out, s...)
			break
		}
		out = append(out, s[:j]...)
		s = s[j:]
		if partial && len(s) < 12 {
			return out, s
		}
		if len(s) < 2 {
			break
		}
		c := s[1]
		s = s[2:]
		switch c {
		case 'n':
			out = append(out, '\n')
		case 't':
			out = append(out, '\t')
		case 'r':
			out = append(out, '\r')
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'u':
			r, ok := hex4(s)
			if !ok {
				out = utf8.AppendRune(out, utf8.RuneError)
				continue
			}
			s = s[4:]
			if utf16.IsSurrogate(r) {
				if len(s) >= 6 && s[0] == '\\' && s[1] == 'u' {
					if r2, ok := hex4(s[2:]); ok {
						if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
							out = utf8.AppendRune(out, d)
							s = s[6:]
							continue
						}
					}
				}
				r = utf8.RuneError
			}
			out = utf8.AppendRune(out, r)
		default: // '"', '\\', '/'
			out = append(out, c)
		}
	}
	return out, nil
}

func hex4(s []byte) (rune, bool) {
	if len(s) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range s[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// LineCol converts a 0-based byte offset in text to a 1-based line and a
// 1-based column counted in characters, with pbicert's one convention
// (internal/textpos: lines end at \n, \r\n or a lone \r). Offsets past
// the end are clamped.
func LineCol(text []byte, offset int) (line, col int) {
	return textpos.LineCol(text, offset)
}
