package libs

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The regular-expression-versus-division decision of Scan (shared with the
// analyzer's scan: internal/jsslash) on the hard cases. Every case holds
// only "ok" literals; a '/' read the wrong way hides one (a division read
// as a regex swallows the "ok" between the slashes) or makes a literal of
// code (a regex /"/ read as a division opens a string at its quote).
func TestScanSlash(t *testing.T) {
	for _, src := range []string{
		// '}' ending an operand: an object literal, a function or class
		// expression's body, inside a template substitution
		`x = {a: "ok"} / "ok" / y`,
		`x = {a: {b: 1}} / "ok" / y`,
		"x = `${ {a: 1} / \"ok\" / 2 }`",
		"x = `${ a }` / \"ok\" / y",
		`x = function () {} / "ok" / y`,
		`x = function f() { return 1 } / "ok" / y`,
		`x = async function* () {} / "ok" / y`,
		`x = class {} / "ok" / y`,
		`x = class A extends B { m() {} } / "ok" / y`,
		`x = (() => {}) / "ok" / y`,
		`x = a ? b : {} / "ok" / y`,
		// near misses: '}' ending a block or a declaration, a label, a clause
		`{ a() } /"/.test("ok")`,
		`if (a) { b() } /"/.test("ok")`,
		`function f() {} /"/.test("ok")`,
		`class A { m() {} } /"/.test("ok")`,
		`l: {} /"/.test("ok")`,
		`switch (a) { case 1: {} /"/.test("ok"); default: {} /"/.test("ok") }`,
		// postfix ++ and -- end an operand; prefix ones start one
		`a++ / "ok" / b`,
		`a-- / "ok" / b`,
		`x = a[i]++ / "ok" / y`,
		`x = ++/"/.lastIndex + "ok".length`,
		// a property name after '.' or '?.' is never a keyword
		`o.return / "ok" / 2`,
		`a.if / "ok" / b`,
		`x.in / "ok" / y`,
		`a?.case / "ok" / b`,
		`x = a.typeof / "ok" / b`,
		// near misses: the keywords themselves
		`function f() { return /"/.test("ok") }`,
		`if (a) /"/.test("ok")`,
		`x = typeof /"/ + "ok"`,
		`x = y in /"/ && "ok"`,
	} {
		var got []string
		Scan([]byte(src), 1, func(l Literal) { got = append(got, l.Value) }, nil)
		want := make([]string, strings.Count(src, `"ok"`))
		for i := range want {
			want[i] = "ok"
		}
		assert.Equal(t, want, got, "%s", src)
	}
}
