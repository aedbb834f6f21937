package jsscan

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// regexStarts runs both tokenisers over src and returns the offsets each
// took for the start of a regular expression.
func regexStarts(t *testing.T, src string) (scanned, guarded []int) {
	t.Helper()
	var got []int
	traceRegex = func(at int) { got = append(got, at) }
	defer func() { traceRegex = nil }()
	sc := scanUnits([]byte(src), 1)
	assert.True(t, sc.ok, "the scan balances %q", src)
	scanned, got = got, nil
	NestingDepth([]byte(src), 1000)
	return scanned, got
}

// The hard cases of the regular-expression-versus-division decision, run
// through both tokenisers (the scan and the nesting guard), which share it
// (slash.go). In each case '@' marks a '/' that starts a regular
// expression; every other '/' divides.
func TestSlashDecision(t *testing.T) {
	for _, tc := range []string{
		// division chains
		"a / b / c",
		"x = a / b / c; y = @re/g",
		"x = 1 / 2 / 3, y = .5 / 2 / z, w = 0x1f / 2 / v",
		"x = 'a' / 2 / y, z = \"b\" / 2 / w",
		"x = a\n/ b / c", // no semicolon is inserted before '/'
		"x = a /* / */ / b / c // / d",
		"x = this / 2 / y, z = null / 2 / w",
		"x = a.return / 2 / b, y = a.typeof / 2 / c",
		// ')' ends an operand, or the head of if/while/for/with
		"f(x) / 2 / y",
		"(a) / b / c",
		"if (a) @re/.test(b)",
		"while (x) @a/.exec(y)",
		"for (;;) @x/.test(y)",
		"with (o) @x/.test(y)",
		"if (f(a)) @x/.test(b); else @y/.test(c)",
		// ']' always ends an operand
		"x = [1] / 2 / y",
		"x = a[0] / 2 / y",
		"[@x/, @y/]",
		// '}' after a block or a declaration's body: a statement follows
		"{ a() } @re/.test(s)",
		"if (a) { b() } @x/.test(c)",
		"function f() {} @re/.test(s)",
		"async function f() {} @re/.test(s)",
		"function* g() {} @re/.test(s)",
		"class A { m() {} } @re/.test(s)",
		// '}' after an object literal or a function expression: an operator
		"x = { a: 1 } / 2 / y",
		"x = { a: { b: 1 } } / 2 / y",
		"x = function () {} / 2 / y",
		"x = function f() { return 1 } / 2 / y",
		"x = function* g() {} / 2 / y",
		"x = async function () {} / 2 / y",
		"x = (() => {}) / 2 / y",
		"x = f(function () {} / 2 / y)",
		"a = b => { return @x/ }",
		"a = async (b) => { return @x/ }",
		// a class expression's body ends an operand, a declaration's a statement
		"x = class {} / 2 / y",
		"x = class A { m() {} } / 2 / y",
		"x = class A extends B { } / 2 / y",
		"x = class extends f(a) { } / 2 / y",
		"f(class { static x = @re/ } / 2)",
		"class A extends B {} @re/.test(s)",
		"export default class {} @re/.test(s)",
		"x = { class: 1 } / 2 / y",
		// labels, case and default clauses: a ':' there ends a head, a block follows
		"l: { } @re/.test(s)",
		"e: { break e } @re/.test(s)",
		"a(); loop: for (;;) { } @x/.test(s)",
		"switch (a) { case 1: { } @re/.test(s) }",
		"switch (a) { case b.c: { } @re/.test(s) }",
		"switch (a) { case -1: { } @re/.test(s); default: { } @y/.test(s) }",
		"switch (a) { case \"x\": { } @re/.test(s) }",
		// near misses: the ':' of a ternary or a property, then an object literal
		"x = a ? b : { } / 2 / y",
		"x = { l: { } / 2 / y }",
		"x = { a: 1, default: { } / 2 }",
		"x = { case: { } / 2 }",
		"l ? m : { } / 2",
		"switch (a) { case 1: x = b ? c : { } / 2 }",
		// ++ and --: postfix after an operand, prefix where one may start
		"a++ / b / c",
		"a-- / 2 / b",
		"x = a[i]++ / 2 / y",
		"++@x/.lastIndex",
		"x = -@re/.lastIndex + !@y/.test(s)",
		// keywords after which an expression follows
		"function f() { return @x/.test(y) }",
		"x = typeof @x/",
		"switch (a) { case @x/.source: }",
		"x = y in @re/",
		"do @x/.test(s); while (0)",
		"throw @x/",
		"function* g() { yield @x/ }",
		"async function f() { await @x/ }",
		// other operators
		"a ? @x/ : @y/",
		"a?.b / 2 / c",
		"x = a ?? @x/",
		"x = a => @x/",
		"f(...@x/.source)",
		// templates: their substitutions are expressions, their end an operand
		"`${a / b / c}` + @x/.source",
		"`a${ @x/.source }b` / 2 / c",
		"`${ {a: 1} }` / 2 / x",
		"`${ `${ @x/ }` }` / 2 / y",
	} {
		src := strings.ReplaceAll(tc, "@", "/")
		var want []int
		for i := range tc {
			if tc[i] == '@' {
				want = append(want, i)
			}
		}
		scanned, guarded := regexStarts(t, src)
		assert.Equal(t, want, scanned, "scan: %s", src)
		assert.Equal(t, want, guarded, "guard: %s", src)
	}
}

// A '/' read the wrong way can hide brackets from both tokenisers; read the
// right way, the brace table and the depth see them.
func TestSlashBrackets(t *testing.T) {
	src := "x = a++ / (b) / {c: 1}.c; if (y) /[({]/.test(z)"
	assert.Len(t, Braces([]byte(src)), 1, "the object's braces, not the class's")
	d, _ := NestingDepth([]byte(src), 100)
	assert.Equal(t, 1, d)
}

// FuzzSlash: wherever the scan balances, the two tokenisers take the same
// slashes for regular expressions (they share the decision; nothing else
// may tell them apart), and neither panics on any input.
func FuzzSlash(f *testing.F) {
	for _, s := range []string{"a / b / c", "if (a) /x/.test(b)", "x = function () {} / 2 / y", "a++ / b / c",
		"`${ {a: 1} }` / 2 / x", "class A { m() {} } /re/.test(s)", "x = async function* g() {} / 2", "f(...[/x/])"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var got []int
		traceRegex = func(at int) { got = append(got, at) }
		defer func() { traceRegex = nil }()
		sc := scanUnits([]byte(src), 1)
		scanned := got
		got = nil
		NestingDepth([]byte(src), 1<<30)
		if sc.ok && !slices.Equal(scanned, got) {
			t.Fatalf("%q: the scan took %v for regular expressions, the guard %v", src, scanned, got)
		}
	})
}
