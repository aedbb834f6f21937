package textpos

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// naive is the convention, byte by byte: \n, \r\n and a lone \r end a
// line; a column counts the bytes that do not continue a UTF-8 sequence.
func naive(src []byte, off int) (int, int) {
	line, col := 1, 1
	for i := 0; i < off; i++ {
		switch b := src[i]; {
		case b == '\n' || b == '\r' && !(i+1 < len(src) && src[i+1] == '\n'):
			line, col = line+1, 1
		case b&0xC0 != 0x80:
			col++
		}
	}
	return line, col
}

func inputs() []string {
	long := strings.Repeat("var é = 'ü€😀';", 3000) // one line of ~57 KB
	return []string{
		"", "a", "\n", "\r\n", "\r", "\r\r\n\n", "a\rb\r\nc\nd", "x\u2028y\u2029z\fw",
		"\xff\x80\xc3", // invalid UTF-8: a stray continuation byte counts for nothing
		long,
		long + "\n" + long + "\r\n" + long + "\r" + long,
		strings.Repeat("x", cpStep-1) + "\r\n" + strings.Repeat("é", cpStep),
		strings.Repeat("x", cpStep) + "\n" + strings.Repeat("y", 2*cpStep+3),
		strings.Repeat("€", cpStep) + "\r",
	}
}

// The table, the one-off conversion and the definition agree everywhere:
// long lines (the checkpoints and the eight-byte count), lines ending at
// checkpoint boundaries, multi-byte characters.
func TestTableAndLineColMatchDefinition(t *testing.T) {
	for n, in := range inputs() {
		src := []byte(in)
		tab := New(src)
		for off := 0; off <= len(src); off += 1 + off/97 {
			wl, wc := naive(src, off)
			if l, c := tab.LineCol(off); l != wl || c != wc {
				t.Fatalf("input %d offset %d: table %d:%d, want %d:%d", n, off, l, c, wl, wc)
			}
			if l, c := LineCol(src, off); l != wl || c != wc {
				t.Fatalf("input %d offset %d: LineCol %d:%d, want %d:%d", n, off, l, c, wl, wc)
			}
		}
	}
}

func TestConventionCases(t *testing.T) {
	cases := []struct {
		src       string
		off       int
		line, col int
	}{
		{"a\rb", 2, 2, 1},     // a lone \r ends a line
		{"a\r\nb", 3, 2, 1},   // \r\n is one break
		{"a\r\nb", 2, 1, 3},   // on the \n of \r\n: still the first line
		{"a\n\rb", 3, 3, 1},   // \n then a lone \r: two breaks
		{"é€😀x", 9, 1, 4},     // columns count characters
		{"a\u2028b", 4, 1, 3}, // U+2028 does not end a line
		{"ab", -3, 1, 1},      // clamped
		{"ab\ncd", 99, 2, 3},  // clamped
	}
	for _, c := range cases {
		if l, col := LineCol([]byte(c.src), c.off); l != c.line || col != c.col {
			t.Errorf("LineCol(%q, %d) = %d:%d, want %d:%d", c.src, c.off, l, col, c.line, c.col)
		}
		if l, col := New([]byte(c.src)).LineCol(c.off); l != c.line || col != c.col {
			t.Errorf("Table(%q).LineCol(%d) = %d:%d, want %d:%d", c.src, c.off, l, col, c.line, c.col)
		}
	}
}

func TestLineStart(t *testing.T) {
	tab := New([]byte("ab\rcd\r\nef\ngh"))
	if got := []int{tab.LineStart(0), tab.LineStart(1), tab.LineStart(2), tab.LineStart(3), tab.LineStart(4), tab.LineStart(9)}; !equal(got, []int{0, 0, 3, 7, 10, 10}) {
		t.Fatalf("line starts %v", got)
	}
	if tab.Lines() != 4 {
		t.Fatalf("lines %d", tab.Lines())
	}
}

func TestECMALineStarts(t *testing.T) {
	src := []byte("a\nb\r\nc\rd\u2028e\u2029f")
	want := []int{0, 2, 5, 7, 11, 15}
	if got := ECMALineStarts(src); !equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	// without U+2028/U+2029 they are the report convention's lines
	for _, in := range inputs() {
		src := []byte(in)
		if bytes.Contains(src, []byte("\u2028")) || bytes.Contains(src, []byte("\u2029")) {
			continue
		}
		starts := ECMALineStarts(src)
		tab := New(src)
		if len(starts) != tab.Lines() {
			t.Fatalf("%d lines, table %d", len(starts), tab.Lines())
		}
		for i, s := range starts {
			if tab.LineStart(i+1) != s {
				t.Fatalf("line %d starts at %d, table %d", i+1, s, tab.LineStart(i+1))
			}
		}
	}
}

func TestCountChars(t *testing.T) {
	for _, in := range inputs() {
		if utf8.ValidString(in) && CountChars([]byte(in)) != utf8.RuneCountInString(in) {
			t.Fatalf("CountChars disagrees with the rune count on valid UTF-8")
		}
	}
}

func FuzzLineCol(f *testing.F) {
	for _, in := range inputs()[:9] {
		f.Add([]byte(in), uint16(1))
	}
	f.Add([]byte("é\r"), uint16(cpStep))
	f.Fuzz(func(t *testing.T, text []byte, rep uint16) {
		n := 1 + int(rep)%4096
		if len(text)*n > 64<<10 {
			n = max(1, (64<<10)/max(1, len(text)))
		}
		src := bytes.Repeat(text, n)
		tab := New(src)
		line, col := 1, 1
		for off := 0; off <= len(src); off++ {
			if l, c := tab.LineCol(off); l != line || c != col {
				t.Fatalf("offset %d of %d: table %d:%d, want %d:%d", off, len(src), l, c, line, col)
			}
			if off%61 == 0 {
				if l, c := LineCol(src, off); l != line || c != col {
					t.Fatalf("offset %d: LineCol %d:%d, want %d:%d", off, l, c, line, col)
				}
			}
			if off == len(src) {
				break
			}
			switch b := src[off]; {
			case b == '\n' || b == '\r' && !(off+1 < len(src) && src[off+1] == '\n'):
				line, col = line+1, 1
			case b&0xC0 != 0x80:
				col++
			}
		}
	})
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
