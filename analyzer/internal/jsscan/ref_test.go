package jsscan

import (
	"slices"
	"unsafe"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/js"

	"github.com/pbicert/pbicert/internal/libs"
)

// The reference tokenisation of the differential fuzz (FuzzRefScanners):
// tdewolff's parser says where regular expressions are (its lexer cannot
// tell them from division alone, its parser does), and its lexer, told so
// at those offsets, gives every string, template part and regex.

// refTokens is where tdewolff's tokens start, by kind.
type refTokens struct {
	regex   []int // the opening '/' of each regular expression
	literal []int // each string's opening quote; each template part's '`' or '}'
}

// reference tokenises src with tdewolff; ok is false when it does not
// parse (the scanners are held to tdewolff on valid JavaScript only).
func reference(src []byte) (ref refTokens, ok bool) {
	buf := make([]byte, len(src), len(src)+1) // room for the NUL: the parser's slices point into buf
	copy(buf, src)
	ast, err := js.Parse(parse.NewInputBytes(buf), js.Options{})
	if err != nil {
		return ref, false
	}
	base := uintptr(unsafe.Pointer(unsafe.SliceData(buf)))
	regexAt := map[int]bool{}
	js.Walk(regexVisitor(func(data []byte) {
		p := uintptr(unsafe.Pointer(unsafe.SliceData(data)))
		if p < base || p >= base+uintptr(len(buf)) {
			panic("tdewolff's regex is not a slice of the input")
		}
		regexAt[int(p-base)] = true
	}), ast)

	buf2 := make([]byte, len(src), len(src)+1)
	copy(buf2, src)
	l := js.NewLexer(parse.NewInputBytes(buf2))
	off := 0
	for {
		tt, data := l.Next()
		if tt == js.ErrorToken {
			break
		}
		start := off
		if (tt == js.DivToken || tt == js.DivEqToken) && regexAt[start] {
			tt, data = l.RegExp()
		}
		off = start + len(data)
		switch tt {
		case js.RegExpToken:
			ref.regex = append(ref.regex, start)
		case js.StringToken, js.TemplateToken, js.TemplateStartToken, js.TemplateMiddleToken, js.TemplateEndToken:
			ref.literal = append(ref.literal, start)
		}
	}
	if off != len(src) || len(ref.regex) != len(regexAt) {
		return ref, false // the lexer did not follow the parser: no reference
	}
	return ref, true
}

// regexVisitor calls its function with every regular expression literal.
type regexVisitor func(data []byte)

func (v regexVisitor) Enter(n js.INode) js.IVisitor {
	if l, ok := n.(*js.LiteralExpr); ok && l.TokenType == js.RegExpToken {
		v(l.Data)
	}
	return v
}

func (v regexVisitor) Exit(js.INode) {}

// ours is what the three hand-written tokenisers make of src: the regex
// starts of the unit scan (ok: it balanced) and of the nesting guard, and
// the literals of the library scan.
func ours(src []byte) (scanRegex []int, scanOK bool, guardRegex, literal []int) {
	var got []int
	traceRegex = func(at int) { got = append(got, at) }
	defer func() { traceRegex = nil }()
	sc := scanUnits(src, 1)
	scanRegex, got = got, nil
	NestingDepth(src, 1<<30)
	guardRegex = got
	libs.Scan(src, 0, func(l libs.Literal) { literal = append(literal, l.Offset) }, nil)
	return scanRegex, sc.ok, guardRegex, literal
}

// sameInts: a and b hold the same offsets (nil and empty alike).
func sameInts(a, b []int) bool { return slices.Equal(a, b) || len(a) == 0 && len(b) == 0 }
