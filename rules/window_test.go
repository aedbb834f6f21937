package rules

import (
	"bytes"
	"strings"
	"testing"

	"github.com/pbicert/pbicert/internal/textpos"
)

func TestSourceWindow(t *testing.T) {
	win := func(src string, needle string) *Window {
		t.Helper()
		off := strings.Index(src, needle)
		if off < 0 {
			t.Fatalf("%q not in source", needle)
		}
		l, _ := textpos.LineCol([]byte(src), off)
		return SourceWindow([]byte(src), off, l, 2, 40)
	}
	t.Run("lines around, terminators of every kind", func(t *testing.T) {
		w := win("a1\r\nb2\rc3\nfetch(u)\n\nd4\ne5\n", "fetch")
		want := []string{"b2", "c3", "fetch(u)", "", "d4"}
		if w.First != 2 || w.Hit != 2 || w.Caret != 0 || strings.Join(w.Lines, "|") != strings.Join(want, "|") {
			t.Errorf("got %+v, want First 2, Hit 2, lines %q", w, want)
		}
	})
	t.Run("start of file, trailing blank lines dropped", func(t *testing.T) {
		w := win("x=eval(s)\n\n", "eval")
		if w.First != 1 || w.Hit != 0 || w.Caret != 2 || len(w.Lines) != 1 {
			t.Errorf("got %+v", w)
		}
	})
	t.Run("neighbours cut at the same columns", func(t *testing.T) {
		src := strings.Repeat("a", 50) + "\n" + strings.Repeat("b", 30) + "fetch(u)" + strings.Repeat("b", 30) + "\n" + strings.Repeat("c", 80)
		w := win(src, "fetch")
		if len(w.Lines) != 3 || w.Hit != 1 {
			t.Fatalf("got %+v", w)
		}
		// the finding is at column 30 (> 2/3 of 40): cut from 30-13
		if w.Lines[1] != "…"+strings.Repeat("b", 13)+"fetch(u)"+strings.Repeat("b", 19)+"…" || w.Caret != 14 {
			t.Errorf("hit line %q caret %d", w.Lines[1], w.Caret)
		}
		if w.Lines[0] != "…"+strings.Repeat("a", 33) || w.Lines[2] != "…"+strings.Repeat("c", 40)+"…" {
			t.Errorf("neighbours %q", w.Lines)
		}
		if []rune(w.Lines[1])[w.Caret] != 'f' {
			t.Errorf("caret %d does not point at the finding in %q", w.Caret, w.Lines[1])
		}
	})
	t.Run("minified: one long line, no neighbours, bounded", func(t *testing.T) {
		src := "/*banner*/\n" + strings.Repeat("x;", 100000) + "fetch(u);" + strings.Repeat("y;", 100000) + "\nz"
		w := win(src, "fetch")
		if len(w.Lines) != 1 || w.First != 2 || !strings.HasPrefix(w.Lines[0], "…") || !strings.HasSuffix(w.Lines[0], "…") {
			t.Fatalf("got %+v", w)
		}
		if []rune(w.Lines[0])[w.Caret] != 'f' {
			t.Errorf("caret %d does not point at the finding in %q", w.Caret, w.Lines[0])
		}
	})
	t.Run("a long neighbour ends the window on its side", func(t *testing.T) {
		src := strings.Repeat("m", 3*windowScan) + "\nfetch(u)\nok"
		w := win(src, "fetch")
		if w.Hit != 0 || w.First != 2 || strings.Join(w.Lines, "|") != "fetch(u)|ok" {
			t.Errorf("got %+v", w)
		}
	})
	t.Run("control characters and invalid UTF-8", func(t *testing.T) {
		src := []byte("\x01é\xffeval(s)")
		off := bytes.Index(src, []byte("eval"))
		w := SourceWindow(src, off, 1, 2, 40)
		if w.Lines[0] != " é\uFFFDeval(s)" || []rune(w.Lines[0])[w.Caret] != 'e' {
			t.Errorf("got %q caret %d", w.Lines[0], w.Caret)
		}
	})
	if SourceWindow([]byte("ab"), 5, 1, 2, 40) != nil {
		t.Error("offset outside the source gave a window")
	}
}

func TestSourceWindowSkipsEmptyNeighbours(t *testing.T) {
	src := []byte(strings.Repeat("x", 200) + "fetch(u)" + "\n}\n")
	off := 200
	w := SourceWindow(src, off, 1, 2, 40)
	if len(w.Lines) != 1 {
		t.Errorf("a neighbour with nothing in the window's columns was kept: %q", w.Lines)
	}
}
