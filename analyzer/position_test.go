package analyzer

import (
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/parser"
	"github.com/pbicert/pbicert/analyzer/internal/jsscan"
	"github.com/stretchr/testify/require"

	"github.com/pbicert/pbicert/internal/gen"
)

// gojaIdents parses src with goja's parser (an independent implementation)
// and returns the byte offset and name of every identifier it records.
func gojaIdents(t testing.TB, src string) map[int]string {
	t.Helper()
	prog, err := parser.ParseFile(nil, "", src, 0)
	require.NoError(t, err, "the oracle must accept the input")
	out := map[int]string{}
	seen := map[uintptr]bool{}
	identT := reflect.TypeOf(ast.Identifier{})
	var visit func(v reflect.Value)
	visit = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if v.IsNil() {
				return
			}
			if seen[v.Pointer()] {
				return
			}
			seen[v.Pointer()] = true
			visit(v.Elem())
		case reflect.Interface:
			if !v.IsNil() {
				visit(v.Elem())
			}
		case reflect.Struct:
			if v.Type() == identT {
				id := v.Interface().(ast.Identifier)
				out[int(id.Idx)-1] = string(id.Name)
				return
			}
			for i := 0; i < v.NumField(); i++ {
				if v.Type().Field(i).IsExported() {
					visit(v.Field(i))
				}
			}
		case reflect.Slice, reflect.Array:
			for i := 0; i < v.Len(); i++ {
				visit(v.Index(i))
			}
		}
	}
	visit(reflect.ValueOf(prog))
	return out
}

// checkPositions asserts that every identifier our position resolver placed
// is an identifier at that exact offset for goja, with the same name, and
// that every reference, call and assignment lies on a token boundary.
func checkPositions(t *testing.T, name, src string) {
	t.Helper()
	p, err := Parse(name, []byte(src), Options{RecordIdents: true})
	require.NoError(t, err)
	oracle := gojaIdents(t, src)
	require.NotEmpty(t, p.Idents, "no identifier placed")
	bad := 0
	for _, off := range p.Idents {
		want, ok := oracle[off]
		end := off
		for end < len(src) && jsscan.IsIdentByte(src[end]) {
			if src[end] == '\\' {
				end++
			}
			end++
		}
		got, _ := identName([]byte(src[off:min(end, len(src))]))
		if !ok || got != want {
			if bad < 10 {
				l, c := p.Position(off)
				t.Errorf("%s: identifier placed at %d:%d (offset %d, %q) is not an identifier for the oracle", name, l, c, off, snippetAt(src, off))
			}
			bad++
		}
	}
	require.Zero(t, bad, "%d misplaced identifiers", bad)
	require.Zero(t, p.Unplaced, "identifiers the resolver could not place (first at offset %d)", p.FirstUnplaced)
}

func snippetAt(src string, off int) string {
	end := min(len(src), off+20)
	return src[off:end]
}

func TestPositionsTricky(t *testing.T) {
	cases := map[string]string{
		"regex after brace":    "function f(a){return a}\n/fetch/.test(x)&&fetch(y);if(a){}/a/g.exec(b)",
		"template":             "var fetch2=1;const s=`fetch ${fetch2} ${`inner ${fetch2}`} fetch`;fetch(s)",
		"comments and strings": "/* fetch(a) */ var a='fetch(a)'; // fetch(a)\nfetch(a) /* a */ ; a",
		"unicode escapes":      "var \\u0061b = 1; \\u0066etch(\\u0061b); fetch(ab)",
		"asi":                  "var a = 1\nvar b = a\n++b\nfetch(a)\n(b)",
		"labels":               "outer: for (var i = 0; i < 3; i++) { inner: for (;;) { if (i) break outer; continue inner } }",
		"object shorthand":     "var a=1,b=2;var o={a,b:b,c(){return a},get d(){return b},[a]:a,...o};fetch(o)",
		"destructuring":        "const {fetch: f, x = fetch, ...rest} = window; const [p, , q = p] = [1,2]; f(x, p, q, rest)",
		"arrows and defaults":  "const g = (a, b = a) => ({a, b}); const h = async x => await x; g(h)",
		"classes":              "class A extends B { #p = 1; static s = A; m(a) { return this.#p + a } static { A.s = 1 } } new A()",
		"optional chaining":    "var w=window;w?.fetch?.(w?.['x'])",
		"comma and groups":     "var a=1;(0,a)(a);((a));[a,(a)]",
		"nested functions":     "function outer(x){function inner(y){return x+y}return inner(x)}outer(1)",
		"for in of":            "for (const k in o) k; for (let v of o) v; for (var z of [1]) z",
		"try catch":            "try { a() } catch (e) { e } finally { a }",
		"switch":               "switch (a) { case b: c; break; default: d }",
		"new and member":       "var X = function(){}; new X(1).y; new (X)(); new X",
		"quoted keys":          `var c=1,o={"catch":function(e){return e},'a b':function(f){return f},"c":c,'d':c};o(c)`,
		"html comment like":    "var a = 1; a<!--b\nfetch(a)",
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) { checkPositions(t, name, src) })
	}
}

func TestPositionsGeneratedBundle(t *testing.T) {
	v := gen.Clean()
	v.FillerBytes = 1200 << 10
	b := gen.BuildJS(v)
	require.GreaterOrEqual(t, len(b.JS), 1<<20)
	checkPositions(t, "generated", b.JS)
}

func TestPositionLineColumn(t *testing.T) {
	src := "a\r\nbé;c\n\n  fetch(x)\rz"
	p, err := Parse("x.js", []byte(src), Options{})
	require.NoError(t, err)
	cases := []struct{ off, line, col int }{
		{0, 1, 1}, {3, 2, 1}, {4, 2, 2}, {7, 2, 4}, {12, 4, 3}, {strings.Index(src, "z"), 5, 1},
	}
	for _, c := range cases {
		l, col := p.Position(c.off)
		require.Equal(t, [2]int{c.line, c.col}, [2]int{l, col}, "offset %d", c.off)
	}
	// a long single line: columns count characters, not bytes
	long := strings.Repeat("é", 10000) + "x"
	p2, err := Parse("y.js", []byte("'"+long+"'"), Options{})
	require.NoError(t, err)
	l, c := p2.Position(len("'") + len(long) - 1)
	require.Equal(t, 1, l)
	require.Equal(t, 10002, c)
}

func TestRefPositionsSorted(t *testing.T) {
	src := "fetch(1);window.fetch(2);self['fetch'](3)"
	p, err := Parse("x.js", []byte(src), Options{})
	require.NoError(t, err)
	var got []int
	for _, r := range p.Refs {
		if r.Path == "fetch" {
			got = append(got, r.Pos)
		}
	}
	require.True(t, sort.IntsAreSorted(got))
	require.Equal(t, []int{0, 9, 25}, got)
}

func TestFunctionStarts(t *testing.T) {
	src := `var o={update:function(e){return e},m(){}};class A{x=1;render(){};static async load(){}}
function f(){return function(){}}var g=(a,b)=>a,h=async c=>c;x=class B{};y?()=>1:0`
	p, err := Parse("t.js", []byte(src), Options{})
	require.NoError(t, err)
	var starts []string
	for _, f := range p.Funcs {
		end := min(len(src), f.Pos+8)
		starts = append(starts, src[f.Pos:end])
	}
	require.Equal(t, []string{"function", "m(){}};c", "class A{", "render()", "load(){}", "function", "function", "(a,b)=>a", "async c=", "class B{", "()=>1:0"}, starts)
	for _, f := range p.Funcs {
		require.Greater(t, f.End, f.Pos)
	}
}

// refLineCol is the definition Program.Position implements (internal/textpos): lines end at \n,
// \r\n or a lone \r; columns count UTF-8 sequences (bytes that are not
// continuation bytes) from the line's start, from 1.
func refLineCol(src []byte, off int) (int, int) {
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

// Positions on long lines (the checkpoints and the eight-byte count), on
// lines ending at chunk boundaries and in multi-byte characters.
func TestPositionsMatchDefinition(t *testing.T) {
	const cpStep = 4096                            // textpos's checkpoint step
	long := strings.Repeat("var é = 'ü€😀';", 3000) // one line of ~57 KB
	inputs := []string{
		"", "a", "\n", "\r\n", "\r", "a\rb\r\nc\nd",
		long,
		long + "\n" + long + "\r\n" + long + "\r" + long,
		strings.Repeat("x", cpStep-1) + "\r\n" + strings.Repeat("é", cpStep),
		strings.Repeat("x", cpStep) + "\n" + strings.Repeat("y", 2*cpStep+3),
		strings.Repeat("€", cpStep) + "\r",
	}
	for n, in := range inputs {
		src := []byte(in)
		p := &Program{Src: src}
		for off := 0; off <= len(src); off += 1 + off/97 {
			l, c := p.Position(off)
			rl, rc := refLineCol(src, off)
			if l != rl || c != rc {
				t.Fatalf("input %d offset %d: got %d:%d, want %d:%d", n, off, l, c, rl, rc)
			}
		}
	}
}
