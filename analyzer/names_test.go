package analyzer

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pbicert/pbicert/internal/sandbox"
)

// calledPaths lists the callees of src's calls that are globals
// ("global:fetch") or unresolved accesses on the global object.
func calledPaths(t *testing.T, src string, opts Options) []string {
	t.Helper()
	p, err := Parse("t.js", []byte(src), opts)
	require.NoError(t, err, src)
	var out []string
	for _, c := range p.Calls {
		if c.Callee.Kind == Global || c.Callee.Kind == Unresolved {
			out = append(out, c.Callee.Kind.String()+":"+c.Callee.Path)
		}
	}
	return out
}

func TestLoopFoldNeedsTheSandbox(t *testing.T) {
	src := `const enc = "absdo"; let n = "";
for (let i = 0; i < enc.length; i++) n += String.fromCharCode(enc.charCodeAt(i) ^ 7);
window[n](u);`
	var evals []string
	eval := sandbox.NewEvaluator(sandbox.Budget{}, 0)
	with := calledPaths(t, src, Options{Eval: func(code string) (string, bool) {
		evals = append(evals, code)
		return eval(code)
	}})
	assert.Contains(t, with, "global:fetch")
	require.Len(t, evals, 1, "one evaluation of the loop")
	assert.True(t, strings.HasPrefix(evals[0], `function(){var n="";var enc="absdo";for`), evals[0])
	// without a sandbox nothing is run: the access is unresolved
	assert.Contains(t, calledPaths(t, src, Options{}), "unresolved:")
}

func TestLoopFoldRefusesOpenLoops(t *testing.T) {
	eval := func(code string) (string, bool) {
		t.Errorf("evaluated an open loop: %s", code)
		return "", false
	}
	for _, src := range []string{
		// reads a parameter
		`function f(k){ let n=""; for (let i=0;i<3;i++) n += String.fromCharCode(k.charCodeAt(i)); window[n](u) }`,
		// reads a global that is not a pure built-in
		`let n=""; for (let i=0;i<3;i++) n += location.href[i]; window[n](u)`,
		// written outside the loop too
		`let n=""; for (let i=0;i<3;i++) n += "a"; n += x; window[n](u)`,
		// two loops
		`let n=""; for (let i=0;i<3;i++) n += "a"; for (let i=0;i<3;i++) n += "b"; window[n](u)`,
		// a string key that could spell constructor
		`const s="abc"; let n=""; for (let i=0;i<3;i++) n += s["len"+"gth"]; window[n](u)`,
		// a free variable used as an index that holds a string
		`const k="constructor"; let n=""; for (let i=0;i<1;i++) n += n[k]; window[n](u)`,
		// returns from inside the loop
		`function g(){ let n=""; for (let i=0;i<3;i++) { n += "a"; return n } window[n](u) }`,
		// a counter: numbers are not names
		`let n=0; for (let i=0;i<3;i++) n += i; window[n](u)`,
	} {
		calledPaths(t, src, Options{Eval: eval})
	}
}

func TestMapTable(t *testing.T) {
	cases := []struct{ src, want string }{
		{`const m = new Map([["a","fetch"]]); window[m.get("a")](u)`, "global:fetch"},
		{`const m = new Map([["a","x"],["a","fetch"]]); window[m.get("a")](u)`, "global:fetch"},
		{`const m = new Map(); m.set("a","fetch"); window[m.get("a")](u)`, "global:fetch"},
		{`const m = new Map(); function f(){ return window[m.get("a")](u) } m.set("a","fetch");`, "global:fetch"},
		// not folded: escapes, unknown keys, reassigned, another constructor, disagreeing values
		{`const m = new Map([["a","fetch"]]); g(m); window[m.get("a")](u)`, "unresolved:"},
		{`const m = new Map([["a","fetch"]]); const n = m; window[m.get("a")](u)`, "unresolved:"},
		{`const m = new Map([["a","fetch"]]); m.set(k, "eval"); window[m.get("a")](u)`, "unresolved:"},
		{`let m = new Map([["a","fetch"]]); m = other; window[m.get("a")](u)`, "unresolved:"},
		{`const m = new WeakMap([["a","fetch"]]); window[m.get("a")](u)`, "unresolved:"},
		{`const m = new Map([["a","fetch"]]); m.set("a","eval"); window[m.get("a")](u)`, "unresolved:"},
		{`const m = new Map([[1,"fetch"]]); window[m.get("1")](u)`, "unresolved:"},
	}
	for _, c := range cases {
		assert.Contains(t, calledPaths(t, c.src, Options{}), c.want, c.src)
	}
}

func TestFieldsThroughAliasesAndSuperclasses(t *testing.T) {
	cases := []struct{ src, want string }{
		{`class A { constructor(){ this.n = navigator } m(){ const s = this; s.n.sendBeacon(u) } }`, "global:navigator.sendBeacon"},
		{`class A { constructor(){ this.n = navigator } m(){ var self = this; return () => function(){ self.n.sendBeacon(u) } } }`, "global:navigator.sendBeacon"},
		{`class A { constructor(){ this.n = navigator } } class B extends A { m(){ this.n.sendBeacon(u) } }`, "global:navigator.sendBeacon"},
		{`class A { n = navigator } const B = class extends A {}; class C extends B { m(){ this.n.sendBeacon(u) } }`, "global:navigator.sendBeacon"},
		{`class A { constructor(){ this.n = navigator } m(){ const {n: x} = this; x.sendBeacon(u) } }`, "global:navigator.sendBeacon"},
	}
	for _, c := range cases {
		assert.Contains(t, calledPaths(t, c.src, Options{}), c.want, c.src)
	}
	for _, src := range []string{
		`class A { constructor(){ this.n = navigator } } class B extends A { constructor(){ super(); this.n = client } m(){ this.n.sendBeacon(u) } }`,
		`class A { constructor(){ this.n = navigator } } class B { m(){ const s = this; s.n.sendBeacon(u) } }`,
		`class A { constructor(){ this.n = navigator } m(){ let s = this; s = other; s.n.sendBeacon(u) } }`,
	} {
		assert.NotContains(t, calledPaths(t, src, Options{}), "global:navigator.sendBeacon", src)
	}
}

func TestDecoderCall(t *testing.T) {
	dec := `function dec(s, k) { let r = ""; for (let i = 0; i < s.length; i++) r += String.fromCharCode(s.charCodeAt(i) ^ k); return r }`
	var evals int
	ev := sandbox.NewEvaluator(sandbox.Budget{}, 0)
	opts := Options{Eval: func(code string) (string, bool) { evals++; return ev(code) }}
	assert.Contains(t, calledPaths(t, dec+`; window[dec("absdo", 7)](u)`, opts), "global:fetch")
	assert.Equal(t, 1, evals)
	for _, src := range []string{
		dec + `; window[dec(x, 7)](u)`, // an argument not known
		`function d(s) { let r = ""; for (let i = 0; i < s.length; i++) r += String.fromCharCode(s.charCodeAt(i) ^ key); return r }; window[d("absdo")](u)`, // reads a global
		`function d(s) { return this.map[s] + String.fromCharCode(1) }; window[d("a")](u)`,                                                                  // this
		`function d(s) { return "x" + s }; window[d("fetch")](u)`,                                                                                           // not a decoder: never run
	} {
		evals = 0
		assert.Contains(t, calledPaths(t, src, opts), "unresolved:", src)
		assert.Zero(t, evals, src)
	}
}
