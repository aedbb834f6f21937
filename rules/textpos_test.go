package rules

import (
	"strings"
	"testing"

	"github.com/pbicert/pbicert/internal/textpos"
)

// CSS positions and the line of a minified source follow the one
// convention (internal/textpos): a lone \r ends a line, U+2028 does not.
func TestPositionsFollowTheConvention(t *testing.T) {
	css := []byte(".a{}\r.b{content:\"\u2028\"}\r\n@import url(https://example.com/x.css);")
	off := strings.Index(string(css), "@import")
	l, c := newPosIndex(css).at(off)
	wl, wc := textpos.LineCol(css, off)
	if l != 3 || c != 1 || l != wl || c != wc {
		t.Fatalf("CSS position %d:%d, textpos %d:%d, want 3:1", l, c, wl, wc)
	}
	src := []byte("// header\r// second\r" + strings.Repeat("x=1;", minifiedLineLen) + "\r")
	if _, line := MinifiedReason("src/a.js", src); line != 3 {
		t.Fatalf("minified line %d, want 3", line)
	}
	hex := []byte("a\rb\r\nvar _0x1a2b = 1;")
	if _, at := countHexIdents(hex); at != 3 {
		t.Fatalf("hex identifier on line %d, want 3", at)
	}
}
