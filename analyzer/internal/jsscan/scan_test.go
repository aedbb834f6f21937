package jsscan

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/pbicert/pbicert/bench/cputime"
	"github.com/pbicert/pbicert/internal/gen"
)

func TestScanUnits(t *testing.T) {
	text := func(src string, s []span) []string {
		var out []string
		for _, sp := range s {
			out = append(out, src[sp.start:sp.end])
		}
		return out
	}
	for _, tc := range []struct {
		src  string
		want []string
	}{
		{`a = function(){ b }`, []string{`function(){ b }`}},
		{`function d(){ return function(e){} }`, []string{`function(e){}`}},
		{`x(async (a, b) => { c }, async d => { e }, f => { g }, (h) => i)`, []string{`async (a, b) => { c }`, `async d => { e }`, `f => { g }`}},
		{`o = { k: function*named(){ }, m(){ }, function(){ } }`, []string{`function*named(){ }`, `function(){ }`}},
		{`s = "function(){}" + '{' + /}/.source; t = function(){ }`, []string{`function(){ }`}},
		{"u = `${function(){ }}`", []string{`function(){ }`}},
		{`if (a) /{/.test(b); v = function(){ }`, []string{`function(){ }`}},
		{`a.function(function(){ })`, []string{`function(){ }`}},
		{`w = function(){ `, nil},
		{`w = function(){ } }`, nil},
	} {
		assert.Equal(t, tc.want, text(tc.src, scanUnits([]byte(tc.src), 1).spans), tc.src)
	}
}

// The brace table pairs every curly brace, also around strings, regular
// expressions, comments and templates that hold braces; an unbalanced
// input has none.
func TestBraces(t *testing.T) {
	src := "function f(){ var s = '}', r = /{/, t = `${ {a:1} }}`; /* } */ if (x) { y() } }"
	br := Braces([]byte(src))
	assert.Len(t, br, 3, "the braces of a template substitution are not listed")
	assert.Equal(t, len(src)-1, Closing(br, strings.Index(src, "{")))
	assert.Equal(t, strings.Index(src, "} }}`"), Closing(br, strings.Index(src, "{a")))
	assert.Equal(t, strings.LastIndex(src, "} }"), Closing(br, strings.Index(src, "{ y")))
	assert.Equal(t, -1, Closing(br, 3), "no brace opens there")
	assert.Nil(t, Braces([]byte("function f(){")))
	assert.Nil(t, Braces([]byte("a = 1 }")))
	assert.Equal(t, 0, Units([]byte(src), 1), "a declaration is not a unit")
	assert.Equal(t, 1, Units([]byte("x = "+src), 1), "an expression is")
}

// The guard counts brackets, template substitutions, conditional
// operators and runs of unary operators, and stops once past max.
func TestNestingDepth(t *testing.T) {
	for _, tc := range []struct {
		src   string
		depth int
	}{
		{"a", 0},
		{"f(g([1]))", 3},
		{"a ? b ? c : d : e", 2},
		{"x = !!!-~y", 6},
		{"s = '(((' + /[(]{3}/.source + `${ ( 1 ) }`", 2},
		{"// (((\n/* ((( */ a", 0},
	} {
		d, _ := NestingDepth([]byte(tc.src), 100)
		assert.Equal(t, tc.depth, d, tc.src)
	}
	deep := strings.Repeat("(", 50) + strings.Repeat(")", 50)
	d, at := NestingDepth([]byte(deep), 10)
	assert.Equal(t, 11, d, "stops once past max")
	assert.Equal(t, 10, at)
}

// BenchmarkScanUnits measures the split scan on a generated 1 MB bundle.
func BenchmarkScanUnits(b *testing.B) {
	v := gen.WithFindings()
	v.FillerBytes = 1 << 20
	src := []byte(gen.BuildJS(v).JS)
	b.SetBytes(int64(len(src)))
	start := cputime.Now()
	for b.Loop() {
		if len(scanUnits(src, UnitMinBytes).spans) == 0 {
			b.Fatal("no units")
		}
	}
	cputime.Report(b, start)
}

// BenchmarkNestingDepth measures the nesting guard on the same bundle.
func BenchmarkNestingDepth(b *testing.B) {
	v := gen.WithFindings()
	v.FillerBytes = 1 << 20
	src := []byte(gen.BuildJS(v).JS)
	b.SetBytes(int64(len(src)))
	start := cputime.Now()
	for b.Loop() {
		if d, _ := NestingDepth(src, 1000); d == 0 {
			b.Fatal("no depth")
		}
	}
	cputime.Report(b, start)
}
