package analyzer

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/pbicert/pbicert/internal/gen"
)

// fuzzOptions keep a fuzzing run small but use the real depth guard.
var fuzzOptions = Options{MaxBytes: 1 << 20, MaxDepth: 300}

// jsSeeds are small valid, tricky and broken JavaScript inputs.
func jsSeeds() map[string]string {
	small := gen.BuildJS(gen.Visual{Minify: true, CSS: "a{}", Modules: []string{`var w=window;w.fetch("https://x");`}}).JS
	return map[string]string{
		"generated":      small,
		"aliases":        `var g=globalThis,k="fe"+"tch";g[k]("u");(0,eval)("1");new Function("a","b");setTimeout("x()",1)`,
		"regex-division": "a = b / c / d; x = /[/]\\//g.test(y); if (z) /re/.exec(q)\n`t${a/2}${`n${/x/}`}`",
		"syntax-error":   "function f( { return 1 }",
		"deep-ok":        strings.Repeat("(", 250) + "1" + strings.Repeat(")", 250),
		"deep-too-deep":  strings.Repeat("[", 400) + strings.Repeat("]", 400),
		"deep-funcs":     strings.Repeat("function f(){", 120) + strings.Repeat("}", 120),
		"deep-unary":     "x=" + strings.Repeat("!", 400) + "y",
		"deep-ternary":   "x=" + strings.Repeat("a?", 400) + "b" + strings.Repeat(":c", 400),
		"nul":            "var a = \"\x00\";\x00 b()",
		"lone-surrogate": `var s = "\ud800"; var t = '\udc00x'; window[s]()`,
		"invalid-utf8":   "var \xff\xfe = 1; a(\"\xc3\")",
		"unterminated":   "var s = 'abc",
		"template-open":  "`abc${",
		"crlf":           "a()\r\nb()\rc()\u2028d()",
		"destructuring":  `const {fetch:f, localStorage} = window; f(localStorage.getItem("k"))`,
		"classes":        `class A extends B { #p = 1; static { this.x = document.cookie } get [k]() { return super.y?.(1) ?? 2 } }`,
		"async":          `async function* g(){ for await (const x of y) yield* await import("./m") }`,
	}
}

func cssSeeds() map[string]string {
	return map[string]string{
		"urls":          `a{background:url(https://x/a.png)} @import "b.css"; @font-face{src:url('f.woff')}`,
		"escaped":       `a{background:u\72l(http://e/x)} b{c:\75rl( "y" )}`,
		"unterminated":  `a{content:"abc`,
		"comment-open":  `a{} /* never closed`,
		"nested":        `@media x{@supports y{a{b:url(data:image/png;base64,AA==)}}}`,
		"bad-bytes":     "a{b:\x00\xff url(\xc3)}",
		"import-url":    `@import url("http://x/y.css") screen;`,
		"unclosed-func": `a{b:url(`,
	}
}

type posSeed struct {
	text string
	rep  uint16
}

func posSeeds() map[string]posSeed {
	return map[string]posSeed{
		"ascii":     {"ab\ncd\n", 0},
		"crlf":      {"a\r\nb\rc\n\r\n", 3},
		"multibyte": {"é€😀\nx", 0},
		"invalid":   {"\xff\x80\xc3\n\xe2\x82", 2},
		"long-line": {"abcdefghé", 1200}, // crosses several 4096-byte checkpoints
		"long-mixed": {
			"ab\r\n€", 2000},
		"empty": {"", 0},
	}
}

// checkProgram asserts the invariants every parsed program keeps.
func checkProgram(t *testing.T, p *Program, src []byte) {
	t.Helper()
	in := func(what string, off int) {
		if off < 0 || off > len(src) {
			t.Fatalf("%s offset %d outside the source (%d bytes)", what, off, len(src))
		}
	}
	for _, r := range p.Refs {
		in("ref "+r.Path, r.Pos)
		p.Position(r.Pos)
	}
	for _, c := range p.Calls {
		in("call", c.Pos)
		for _, a := range c.Args {
			in("argument", a.Pos)
		}
	}
	for _, a := range p.Assigns {
		in("assign", a.Pos)
		in("assign rhs", a.RHSPos)
	}
	for _, s := range p.Strings {
		in("string", s.Pos)
	}
	for _, f := range p.Funcs {
		in("func start", f.Pos)
		in("func end", f.End)
		if f.End < f.Pos {
			t.Fatalf("function ends at %d before it starts at %d", f.End, f.Pos)
		}
	}
	for _, m := range p.Members {
		in("member", m.Pos)
	}
}

func FuzzAnalyze(f *testing.F) {
	for _, s := range jsSeeds() {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		p, err := Parse("f.js", src, fuzzOptions)
		if err != nil {
			if strings.ContainsRune(err.Error(), '\n') {
				t.Fatalf("multi-line error: %q", err)
			}
			if strings.HasPrefix(err.Error(), "internal error") {
				t.Fatalf("recovered panic: %v", err)
			}
			return
		}
		checkProgram(t, p, src)
	})
}

func FuzzCSS(f *testing.F) {
	for _, s := range cssSeeds() {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		for _, r := range ScanCSS(text) {
			if r.Pos < 0 || r.Pos > len(text) {
				t.Fatalf("%s %q at offset %d outside the text (%d bytes)", r.Kind, r.URL, r.Pos, len(text))
			}
		}
	})
}

// naivePositions computes, byte by byte, the 1-based line and column of
// every offset 0..len(src): \n, \r\n and a lone \r end a line; a column
// counts characters, i.e. bytes that do not continue a UTF-8 sequence.
func naivePositions(src []byte) (lines, cols []int) {
	lines, cols = make([]int, len(src)+1), make([]int, len(src)+1)
	line, col := 1, 1
	for i := 0; i <= len(src); i++ {
		lines[i], cols[i] = line, col
		if i == len(src) {
			break
		}
		switch c := src[i]; {
		case c == '\n':
			line, col = line+1, 1
		case c == '\r' && (i+1 >= len(src) || src[i+1] != '\n'):
			line, col = line+1, 1
		case c&0xC0 != 0x80:
			col++
		}
	}
	return lines, cols
}

func FuzzPositions(f *testing.F) {
	for _, s := range posSeeds() {
		f.Add([]byte(s.text), s.rep)
	}
	f.Fuzz(func(t *testing.T, text []byte, rep uint16) {
		n := 1 + int(rep)%4096
		if len(text)*n > 256<<10 {
			n = max(1, (256<<10)/max(1, len(text)))
		}
		src := bytes.Repeat(text, n)
		lines, cols := naivePositions(src)
		p := &Program{Src: src}
		for off := 0; off <= len(src); off++ {
			l, c := p.Position(off)
			if l != lines[off] || c != cols[off] {
				t.Fatalf("offset %d of %d: got %d:%d, want %d:%d", off, len(src), l, c, lines[off], cols[off])
			}
		}
		// Out-of-range offsets clamp to the ends.
		if l, c := p.Position(-5); l != 1 || c != 1 {
			t.Fatalf("offset -5: got %d:%d, want 1:1", l, c)
		}
		if l, c := p.Position(len(src) + 5); l != lines[len(src)] || c != cols[len(src)] {
			t.Fatalf("offset past the end: got %d:%d", l, c)
		}
		// On valid UTF-8 a column is a rune count.
		if utf8.Valid(src) {
			for _, off := range []int{len(src), len(src) / 2, len(src) / 3} {
				if off < len(src) && (!utf8.RuneStart(src[off]) || (src[off] == '\n' && off > 0 && src[off-1] == '\r')) {
					continue // inside a character, or between \r and \n
				}
				start := bytes.LastIndexAny(src[:off], "\r\n") + 1
				if want := utf8.RuneCount(src[start:off]) + 1; cols[off] != want {
					t.Fatalf("offset %d: naive column %d, rune count %d", off, cols[off], want)
				}
			}
		}
	})
}

// TestAnalyzerFuzzSeeds regenerates the committed seed corpora under
// testdata/fuzz when PBICERT_WRITE_SEEDS=1; otherwise it checks that every
// seed is committed and up to date.
func TestAnalyzerFuzzSeeds(t *testing.T) {
	write := os.Getenv("PBICERT_WRITE_SEEDS") == "1"
	files := map[string]string{}
	for name, s := range jsSeeds() {
		files[filepath.Join("FuzzAnalyze", name)] = fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", s)
	}
	for name, s := range cssSeeds() {
		files[filepath.Join("FuzzCSS", name)] = fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", s)
	}
	for name, s := range posSeeds() {
		files[filepath.Join("FuzzPositions", name)] = fmt.Sprintf("go test fuzz v1\n[]byte(%q)\nuint16(%d)\n", s.text, s.rep)
	}
	for name, content := range files {
		path := filepath.Join("testdata", "fuzz", name)
		if write {
			require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
			require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
			continue
		}
		got, err := os.ReadFile(path)
		require.NoError(t, err, "missing seed %s: run PBICERT_WRITE_SEEDS=1 go test -run TestAnalyzerFuzzSeeds ./analyzer", path)
		require.Equal(t, content, string(got), "stale seed %s: run PBICERT_WRITE_SEEDS=1 go test -run TestAnalyzerFuzzSeeds ./analyzer", path)
	}
}
