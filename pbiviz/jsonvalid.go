package pbiviz

import (
	"encoding/binary"
)

// validJSON reports whether b is one valid JSON document, with exactly
// encoding/json.Valid's verdict (FuzzValidJSON compares them): bytes of
// 0x80 and above are accepted in strings unchecked, as encoding/json does.
// It is several times faster on a resource whose bulk is one long string
// (content.js): string bodies are scanned eight bytes at a time, and the
// long strings in ls (may be nil), already checked, are skipped.
func validJSON(b []byte, ls longStrings) bool {
	var stack []byte // '{' or '[' of each open container
	i := skipSpace(b, 0)
	for {
		// a value starts at i
		if i >= len(b) {
			return false
		}
		switch c := b[i]; {
		case c == '{' || c == '[':
			closer := byte('}')
			if c == '[' {
				closer = ']'
			}
			i = skipSpace(b, i+1)
			if i < len(b) && b[i] == closer { // empty
				i++
				break
			}
			stack = append(stack, c)
			if c == '{' {
				if i = member(b, i, ls); i < 0 {
					return false
				}
			}
			continue
		case c == '"':
			if i = ls.stringEnd(b, i); i < 0 {
				return false
			}
		case c == '-' || '0' <= c && c <= '9':
			if i = numberEnd(b, i); i < 0 {
				return false
			}
		case c == 't':
			if i = literalEnd(b, i, "true"); i < 0 {
				return false
			}
		case c == 'f':
			if i = literalEnd(b, i, "false"); i < 0 {
				return false
			}
		case c == 'n':
			if i = literalEnd(b, i, "null"); i < 0 {
				return false
			}
		default:
			return false
		}
		// a value ended at i: close containers, or go on to the next value
		for {
			i = skipSpace(b, i)
			if len(stack) == 0 {
				return i == len(b)
			}
			if i >= len(b) {
				return false
			}
			top := stack[len(stack)-1]
			c := b[i]
			if c == ',' {
				i = skipSpace(b, i+1)
				if top == '{' {
					if i = member(b, i, ls); i < 0 {
						return false
					}
				}
				break
			}
			if top == '{' && c == '}' || top == '[' && c == ']' {
				stack = stack[:len(stack)-1]
				i++
				continue
			}
			return false
		}
	}
}

// member checks `"key" :` at i and returns the offset after the colon and
// the spaces that follow it, or -1.
func member(b []byte, i int, ls longStrings) int {
	if i >= len(b) || b[i] != '"' {
		return -1
	}
	if i = ls.stringEnd(b, i); i < 0 {
		return -1
	}
	i = skipSpace(b, i)
	if i >= len(b) || b[i] != ':' {
		return -1
	}
	return skipSpace(b, i+1)
}

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// special reports whether one of the eight bytes of w is below 0x20, a
// quote or a backslash (it may also report a byte after such a byte).
func special(w uint64) bool {
	quote := w ^ (ones * '"')
	bslash := w ^ (ones * '\\')
	return ((w-ones*0x20)&^w|(quote-ones)&^quote|(bslash-ones)&^bslash)&highs != 0
}

// stringEnd checks the body of a string starting at i (after its opening
// quote) and returns the offset after its closing quote, or -1.
func stringEnd(b []byte, i int) int {
	if next, st := stringScan(b, i); st == strDone {
		return next
	}
	return -1
}

// stringEnd is stringEnd for the string whose opening quote is at q, or
// the end of the long string there (a memo is only kept for a valid string).
func (ls longStrings) stringEnd(b []byte, q int) int {
	if s := ls.at(q); s != nil {
		return s.end
	}
	return stringEnd(b, q+1)
}

// What stringScan found.
const (
	strDone = iota // the closing quote: next is the offset after it
	strBad         // a byte or escape no JSON string may hold, at next
	strMore        // b ends inside the string: resume at next with more bytes
)

// stringScan checks the body of a string from i (after its opening quote,
// or where an earlier call said to resume) to the closing quote or the end
// of b. An escape cut by the end of b is left whole for the next call, so
// scanning a prefix and resuming gives the verdict of one scan of the
// whole (followStrings relies on it).
func stringScan(b []byte, i int) (next, st int) {
	for {
		for i+8 <= len(b) && !special(binary.LittleEndian.Uint64(b[i:])) {
			i += 8
		}
		if i >= len(b) {
			return i, strMore
		}
		switch c := b[i]; {
		case c == '"':
			return i + 1, strDone
		case c == '\\':
			if i+1 >= len(b) {
				return i, strMore
			}
			switch b[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				for _, h := range b[i+2 : min(i+6, len(b))] {
					if !isHex(h) {
						return i, strBad
					}
				}
				if i+6 > len(b) {
					return i, strMore
				}
				i += 6
			default:
				return i, strBad
			}
		case c < 0x20:
			return i, strBad
		default:
			i++
		}
	}
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// numberEnd checks a number at i and returns the offset after it, or -1.
func numberEnd(b []byte, i int) int {
	if b[i] == '-' {
		i++
	}
	switch {
	case i >= len(b):
		return -1
	case b[i] == '0':
		i++
	case '1' <= b[i] && b[i] <= '9':
		i = digits(b, i)
	default:
		return -1
	}
	if i < len(b) && b[i] == '.' {
		j := digits(b, i+1)
		if j == i+1 {
			return -1
		}
		i = j
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		j := digits(b, i)
		if j == i {
			return -1
		}
		i = j
	}
	return i
}

func digits(b []byte, i int) int {
	for i < len(b) && '0' <= b[i] && b[i] <= '9' {
		i++
	}
	return i
}

func literalEnd(b []byte, i int, lit string) int {
	if len(b)-i < len(lit) || string(b[i:i+len(lit)]) != lit {
		return -1
	}
	return i + len(lit)
}
