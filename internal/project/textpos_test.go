package project

import (
	"strings"
	"testing"

	"github.com/pbicert/pbicert/analyzer"
	"github.com/pbicert/pbicert/internal/textpos"
)

// A TypeScript source whose lines end with a lone \r and that holds
// U+2028 in a string: esbuild's source map counts U+2028 as a line end,
// the report does not. Findings mapped back through the map, import lines
// and transpile errors all use the report's convention (internal/textpos).
func TestPositionsFollowTheConvention(t *testing.T) {
	text := "const s: string = \"a\u2028b\";\rconst w = window;\r\nw.fetch(\"https://example.com/\");\rimport x from \"lib\";\n"
	f := File{Path: "src/visual.ts", Text: []byte(text)}
	u, err := newSourceUnit(f, analyzer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Index(text, "w.fetch")
	found := false
	for _, c := range u.prog.Calls {
		if c.Method != "fetch" {
			continue
		}
		off, l, col, ok := u.origPos(c.Pos)
		if !ok || off != want {
			t.Fatalf("fetch mapped to offset %d (%v), want %d", off, ok, want)
		}
		wl, wc := textpos.LineCol(f.Text, want)
		if l != wl || col != wc || l != 3 || col != 1 {
			t.Fatalf("fetch at %d:%d, want %d:%d (3:1)", l, col, wl, wc)
		}
		found = true
	}
	if !found {
		t.Fatal("no fetch call")
	}
	if l := importLine(f.Text, "lib"); l != 4 {
		t.Errorf("import on line %d, want 4", l)
	}
	bad := File{Path: "src/bad.ts", Text: []byte("const s = \"\u2028\";\rconst = 1;\n")}
	_, _, err = Transpile(bad)
	if err == nil || !strings.HasPrefix(err.Error(), "src/bad.ts:2:7:") {
		t.Errorf("transpile error %v, want it at src/bad.ts:2:7", err)
	}
}
