package analyzer

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tdewolff/parse/v2/js"

	"github.com/pbicert/pbicert/analyzer/internal/jsscan"
	"github.com/pbicert/pbicert/internal/gen"
)

// dumpModel renders every fact of a program (syntax nodes by type only, as
// two parses never share nodes) and its undeclared names.
func dumpModel(p *Program) string {
	var b strings.Builder
	for _, r := range p.Refs {
		r.Node = nil
		fmt.Fprintf(&b, "ref %+v\n", r)
	}
	for _, c := range p.Calls {
		c.Node = nil
		args := slices.Clone(c.Args)
		for i := range args {
			args[i].Expr = nil
		}
		c.Args = args
		fmt.Fprintf(&b, "call %+v\n", c)
	}
	for _, a := range p.Assigns {
		a.Node = nil
		fmt.Fprintf(&b, "assign %+v\n", a)
	}
	for _, s := range p.Strings {
		fmt.Fprintf(&b, "string %+v\n", s)
	}
	for _, f := range p.Funcs {
		typ := fmt.Sprintf("%T", f.Node)
		f.Node = nil
		fmt.Fprintf(&b, "func %s %+v\n", typ, f)
	}
	for _, m := range p.Members {
		fmt.Fprintf(&b, "member %+v\n", m)
	}
	for _, pr := range p.Props {
		typ := fmt.Sprintf("%T", pr.Value)
		pr.Value = nil
		fmt.Fprintf(&b, "prop %s %+v\n", typ, pr)
	}
	fmt.Fprintf(&b, "withs %v\nidents %v\nunplaced %d %d\n", p.Withs, p.Idents, p.Unplaced, p.FirstUnplaced)
	var globals []string
	for _, v := range p.AST.Undeclared {
		globals = append(globals, string(v.Data))
	}
	slices.Sort(globals)
	fmt.Fprintf(&b, "globals %v\n", slices.Compact(globals))
	// the property writes behind ConstProp (their order is not read)
	for _, name := range slices.Sorted(maps.Keys(p.propWrites)) {
		w := p.propWrites[name]
		fmt.Fprintf(&b, "propwrites %q other=%v consts=%q\n", name, w.other, slices.Sorted(slices.Values(w.consts)))
	}
	return b.String()
}

// splitOpts splits every function expression of any input into its own
// unit: the hardest test of grafting, scope linking and positions.
func splitOpts() Options {
	return Options{ParseWorkers: 4, RecordIdents: true, splitMin: 1, unitMin: 1}
}

// sameModel parses src in one piece and split into units and fails unless
// both give the same error or the same model. It reports whether the split
// was used (false: the input fell back to one piece).
func sameModel(t *testing.T, name string, src []byte) bool {
	t.Helper()
	one, err1 := Parse(name, src, Options{ParseWorkers: 1, RecordIdents: true})
	two, err2 := Parse(name, src, splitOpts())
	if err1 != nil || err2 != nil {
		require.Equal(t, fmt.Sprint(err1), fmt.Sprint(err2), "%s: errors differ", name)
		return false
	}
	require.Nil(t, one.split)
	if a, b := dumpModel(one), dumpModel(two); a != b {
		al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
		for i := 0; i < len(al) && i < len(bl); i++ {
			if al[i] != bl[i] {
				t.Fatalf("%s: models differ at line %d:\none piece: %s\nsplit:     %s", name, i, al[i], bl[i])
			}
		}
		t.Fatalf("%s: models differ in length: %d vs %d lines", name, len(al), len(bl))
	}
	if two.split != nil {
		require.True(t, two.parallel, "%s: pass 2 fell back to one walk", name)
	}
	return two.split != nil
}

func TestSplitSameModelRuleTestdata(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "rules", "testdata", "src", "*", "*.js"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	used := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		split := sameModel(t, f, src)
		// a file with function expressions must really be split
		if jsscan.Units(src, 1) > 0 {
			assert.True(t, split, "%s fell back to one piece", f)
			used++
		}
	}
	assert.Greater(t, used, 4)
}

func TestSplitSameModelSeeds(t *testing.T) {
	for name, src := range jsSeeds() {
		sameModel(t, name, []byte(src))
	}
	for name, src := range splitCases {
		sameModel(t, name, []byte(src))
	}
}

func TestSplitSameModelGenerated(t *testing.T) {
	for era := 1; era <= 5; era++ {
		v := gen.WithFindings()
		v.Era = era
		v.Seed = int64(era)
		v.FillerBytes = 64 << 10
		v.Minify = era%2 == 0
		src := []byte(gen.BuildJS(v).JS)
		require.True(t, sameModel(t, fmt.Sprintf("era%d", era), src), "era %d bundle did not split", era)
	}
}

// TestSplitSameModelRealLibraries compares on real minified libraries when
// the local npm cache has them (see TestPositionsRealLibraries), once with
// every function split and once with the default sizes.
func TestSplitSameModelRealLibraries(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	dir := os.Getenv("PBICERT_NPM_DIR")
	if dir == "" {
		dir = filepath.Join("..", ".cache", "npm", "node_modules")
	}
	ran := 0
	for _, f := range []string{"jquery/dist/jquery.min.js", "lodash/lodash.min.js", "moment/min/moment.min.js", "d3/dist/d3.min.js"} {
		src, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			continue
		}
		ran++
		require.True(t, sameModel(t, f, src), "%s did not split", f)
	}
	if ran == 0 {
		t.Skip("no npm cache with real libraries (run scripts/bench-compare or set PBICERT_NPM_DIR)")
	}
}

// splitCases are inputs that a token scan can get wrong: the split must
// either find the right functions or fall back to one piece, never change
// the model.
var splitCases = map[string]string{
	"regex-braces":      `var a = function(){ return /[}{'"]/.test(x) }, b = function(){ return "}" + '{' }`,
	"regex-after-if":    `var f = function(x){ if (x) /}/.exec(x); return x / 2 / 3 }; f(1)`,
	"regex-after-block": `function g(){} /}/.test(a); var h = function(){ return {} / 1 }`,
	"template":          "var t = function(){ return `a${ function(){ return `}${1}` }() }b` }, u = x => { return `${{a:1}.a}` }",
	"comments":          "var c = function(){ /* function(){ */ return 1 // }\n }, d = function(){ return '/*' }",
	"strings":           `var s = "function(){", t = function(){ return 'function(){}' }`,
	"method-named-fn":   `var o = { a: 1, function(){ return fetch("x") } }; o.function()`,
	"async-method":      `var o = { b: 2, async function(){ await fetch("x") } }`,
	"label":             `lbl: function named(){ fetch("x") }`,
	"decl":              `function d(){ return function(){ fetch("y") } } d()()`,
	"property-fn":       `a.function(function(){ fetch(1) }); a?.function(() => { fetch(2) })`,
	"async-arrows":      `var p = async () => { await fetch("a") }, q = async x => { await x }, r = async function(){ await r }`,
	"generator":         `var g = function*(){ yield function(){ return 1 } }, h = function* named(){ yield* g() }`,
	"closures":          `var f = fetch, k = "ev" + "al"; (function(){ var w = window; (function(){ f(w[k]("1")) })() })(); function later(){ return f } var late = function(){ later()(x) }`,
	"shadowing":         `var fetch = 1; (function(){ fetch("x"); var fetch2 = window.fetch; (() => { fetch2("y") })() })()`,
	"hoisted":           `(function(){ (function(){ z("a") })(); var z = window.eval })()`,
	"block-scope":       `{ let q = window.fetch; (function(){ q("u") })() } (function(){ q("v") })()`,
	"catch":             `try {} catch (e) { (function(){ e.innerHTML = x })() }`,
	"params":            `var f = function(a = window.fetch, {b} = window){ return () => { a(b) } }`,
	"this":              `(function(){ this.fetch("x"); (() => { this.eval("y") })() })(); var m = { n: function(){ return this } }`,
	"division-paren":    `var a = (function(){ return 4 })() / 2 / (function(){ return 1 })()`,
	"iife-new":          `new function(){ this.x = window.open }; !function(){ document.write(1) }()`,
	"object-division":   `x = {} / function(){ return 1 } / 2`,
	"nested-templates":  "var n = function(){ return `${`${`${function(){ return '`' }()}`}`}` }",
	"unicode":           "var ä = function(){ return 'ü' }, \u00e9t\u00e9 = () => { return ä() }",
	"escaped-ident":     `var f\u0065tch = function(){ return window.f\u0065tch }`,
	"class":             `var C = class extends (function(){ return Object })() { m(){ return function(){ eval("1") } } }`,
	"with":              `(function(){ with (window) { (function(){ fetch("w") })() } })()`,
	"unbalanced":        `var a = function(){ return /[/ }`,
	"syntax-in-unit":    `var a = function(){ return + }; var b = function(){ return 1 }`,
	"crlf-units":        "var a = function(){\r\n return 1\r\n}\r\nvar b = () => {\u2028 return 2 }",
	"hashbang":          "#!/usr/bin/env node\nvar a = function(){ return 1 }",
	"html-comment":      "var a = function(){ return 1 } <!-- x\nvar b = function(){ return 2 }",
}

// TestSplitUsed checks that the ordinary cases do split (the fallback would
// make the equality tests pass without exercising the split at all).
func TestSplitUsed(t *testing.T) {
	for _, name := range []string{"regex-braces", "regex-after-if", "template", "comments", "strings",
		"decl", "property-fn", "async-arrows", "generator", "closures", "shadowing", "hoisted",
		"block-scope", "catch", "params", "this", "division-paren", "iife-new", "nested-templates",
		"class", "with", "crlf-units"} {
		p, err := Parse(name, []byte(splitCases[name]), splitOpts())
		require.NoError(t, err, name)
		assert.NotNil(t, p.split, "%s: fell back to one piece", name)
	}
}

// FuzzSplit: for any input, parsing split and in one piece agree.
func FuzzSplit(f *testing.F) {
	for _, s := range jsSeeds() {
		f.Add([]byte(s))
	}
	for _, s := range splitCases {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 1<<16 {
			return
		}
		one, err1 := Parse("fuzz.js", src, Options{ParseWorkers: 1, RecordIdents: true})
		two, err2 := Parse("fuzz.js", src, splitOpts())
		if err1 != nil {
			if err2 == nil && strings.Contains(err1.Error(), "too many nested") {
				return // a unit's nesting starts at zero: the split accepts deeper code
			}
			require.Equal(t, err1.Error(), fmt.Sprint(err2))
			return
		}
		require.NoError(t, err2)
		require.Equal(t, dumpModel(one), dumpModel(two))
	})
}

// TestSplitSameModelOverflow: more units than the pipe's queue holds
// (jsscan's TestPipeQueueOverflow overflows it) still give the one-piece
// model.
func TestSplitSameModelOverflow(t *testing.T) {
	var b strings.Builder
	b.WriteString("var fs = [")
	for i := range 300 {
		fmt.Fprintf(&b, "function(a){ return a.x%d + %d }, ", i, i)
	}
	b.WriteString("];\nfs[0](window).fetch('https://example.com/');")
	assert.True(t, sameModel(t, "overflow", []byte(b.String())), "split")
}

// TestPass1ResolvesNothing: pass 1 only collects bindings. A value resolved
// (and memoised) while sources were still being collected would depend on
// the walk order, and parallel pass 1 could not reproduce it.
func TestPass1ResolvesNothing(t *testing.T) {
	src := []byte(`var k = "fe" + "tch", o = {[k]: 1}; const {[k]: f} = window; class C { [k]() {} }
		var x = {}; x[k] = 2; let [a, {[k + ""]: b}] = [window, window]; f(b)`)
	for _, workers := range []int{1, 4} {
		opts := Options{ParseWorkers: workers, splitMin: 1, unitMin: 1}.withDefaults()
		p, err := Parse("x.js", src, opts)
		require.NoError(t, err)
		q := newProgram("x.js", src, p.AST, nil, opts)
		q.braces = p.braces
		require.NoError(t, q.collectBindings())
		require.NotZero(t, q.bindings.len())
		q.bindings.each(func(v *js.Var, b *binding) {
			assert.Nil(t, b.val, "%s resolved in pass 1", v.Data)
		})
		// and the computed keys are folded once everything is known
		found := false
		for _, c := range p.Calls {
			if c.Callee.Path == "fetch" {
				found = true
			}
		}
		assert.True(t, found, "f(b) is a call of fetch")
	}
}

// TestSplitNestingVerdict: the nesting guard runs beside the serial phase of the walks of a
// split input, and its verdict still wins, with the same error as in one
// piece.
func TestSplitNestingVerdict(t *testing.T) {
	src := []byte("var f = function(){ return " + strings.Repeat("[", 30) + strings.Repeat("]", 30) + " }, g = () => { h() }")
	one, err1 := Parse("x.js", src, Options{ParseWorkers: 1, MaxDepth: 20})
	opts := splitOpts()
	opts.MaxDepth = 20
	two, err2 := Parse("x.js", src, opts)
	require.Error(t, err1)
	assert.Nil(t, one)
	assert.Nil(t, two)
	assert.EqualError(t, err2, err1.Error())
	var le *LimitError
	require.ErrorAs(t, err2, &le)
	assert.Equal(t, "max-depth", le.Flag)

	// an input that falls back to one piece (its scan does not balance, it
	// does not even parse): the guard runs beside that parse, and still wins
	bad := []byte("var f = function(){ return " + strings.Repeat("[", 30) + strings.Repeat("]", 30) + " }; }")
	_, err1 = Parse("x.js", bad, Options{ParseWorkers: 1, MaxDepth: 20})
	_, err2 = Parse("x.js", bad, opts)
	require.ErrorAs(t, err1, &le)
	assert.EqualError(t, err2, err1.Error())
}

// TestSplitFallsBack: inputs where the scan is wrong or a unit does not
// parse are parsed in one piece (their models are compared in
// TestSplitSameModelSeeds).
func TestSplitFallsBack(t *testing.T) {
	for _, name := range []string{"method-named-fn", "async-method", "unbalanced", "syntax-in-unit"} {
		p, err := Parse(name, []byte(splitCases[name]), splitOpts())
		if err == nil {
			assert.Nil(t, p.split, "%s: split although the scan was wrong", name)
		}
	}
}

// TestExactFunctionEnds: with the scan's brace table every function,
// arrow, method and class body ends just after its own closing brace, also
// when nested blocks close right before it.
func TestExactFunctionEnds(t *testing.T) {
	src := "function first(){ if (a) { b() } }\nvar g = x => { for (;;) { if (y) { z() } } };\n" +
		"class Klass extends D { meth() { if (x) { y() } } static { q() } }\nvar o = { key1() { return { a: 1 } } };"
	for _, opts := range []Options{{ParseWorkers: 1}, splitOpts()} {
		p, err := Parse("x.js", []byte(src), opts)
		require.NoError(t, err)
		ends := map[string]int{}
		for _, fn := range p.Funcs {
			ends[fn.Name] = fn.End
		}
		for name, text := range map[string]string{
			"first":      "function first(){ if (a) { b() } }",
			"Klass":      "class Klass extends D { meth() { if (x) { y() } } static { q() } }",
			"Klass.meth": "meth() { if (x) { y() } }",
			"key1":       "key1() { return { a: 1 } }",
		} {
			i := strings.Index(src, text)
			require.GreaterOrEqual(t, i, 0)
			assert.Equal(t, i+len(text), ends[name], "end of %s", name)
		}
		// the arrow is anonymous: the only function starting at "x =>"
		for _, fn := range p.Funcs {
			if fn.Kind == "arrow" {
				assert.Equal(t, strings.Index(src, "};\nclass"), fn.End-1, "end of the arrow")
			}
		}
	}
}

// TestIdleStarted: Options.Idle is started exactly once per Parse, on a
// split input (at the serial phase of the walks), on an input parsed in one
// piece, and on one that falls back to one piece; a hook that blocks does
// not hold Parse back.
func TestIdleStarted(t *testing.T) {
	split := []byte("var f = function(){ return a + b }, g = () => { h() }; f(g)")
	for _, tc := range []struct {
		name string
		src  []byte
		opts Options
	}{
		{"split", split, splitOpts()},
		{"one piece", split, Options{ParseWorkers: 1}},
		{"fallback", []byte(splitCases["syntax-in-unit"]), splitOpts()},
	} {
		var calls atomic.Int32
		release := make(chan struct{})
		done := make(chan struct{}, 2)
		tc.opts.Idle = func() {
			calls.Add(1)
			<-release // a slow hook: Parse must not wait for it
			done <- struct{}{}
		}
		_, _ = Parse(tc.name, tc.src, tc.opts)
		close(release)
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: Idle not started", tc.name)
		}
		time.Sleep(10 * time.Millisecond) // a second start would have run by now
		assert.Equal(t, int32(1), calls.Load(), "%s: Idle started %d times", tc.name, calls.Load())
	}
}

// TestParallelWorkersExit: the workers of the parallel passes run the
// units of many splits and leave when Parse returns (no goroutine outlives
// it, whatever the number of units).
func TestParallelWorkersExit(t *testing.T) {
	var sb strings.Builder
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&sb, "var f%d = function(a){ return a.b%d(function(){ return %d }) };\n", i, i, i)
	}
	src := []byte(sb.String())
	before := runtime.NumGoroutine()
	for i := 0; i < 20; i++ {
		p, err := Parse("units.js", src, splitOpts())
		require.NoError(t, err)
		require.NotNil(t, p.split, "fell back to one piece")
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond) // an exiting worker may still be returning
	}
	assert.LessOrEqual(t, runtime.NumGoroutine(), before, "workers left running")
}
