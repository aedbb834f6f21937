package analyzer

import (
	"strings"

	"github.com/tdewolff/parse/v2/js"
)

// Kind classifies what an expression denotes after resolution.
type Kind uint8

const (
	// Unknown: nothing is known statically.
	Unknown Kind = iota
	// Global: a browser global or a member path of it (Path; "" is the global object itself).
	Global
	// Const: a compile-time constant string (Str); numbers, booleans and
	// null fold to their string form.
	Const
	// Func: a function value written in the code (FuncKind says which).
	Func
	// Element: a DOM element created or selected with a known tag (Tag).
	Element
	// Member: a property of an unknown receiver (Path holds the property
	// name, e.g. "renderingStarted").
	Member
	// Unresolved: a computed access on a global object whose key cannot be
	// folded (Path is the receiver's path).
	Unresolved
)

func (k Kind) String() string {
	return [...]string{"unknown", "global", "const", "func", "element", "member", "unresolved"}[k]
}

// Value is the statically known meaning of an expression.
type Value struct {
	Kind Kind
	// Path is the canonical API path for Global ("fetch",
	// "localStorage.setItem", "" for the global object), the trailing
	// property path for Member, the receiver's path for Unresolved.
	Path string
	// Str is the constant string for Const.
	Str string
	// Root is the global-object alias the path was reached through
	// ("window", "self", "parent", "top", "this", "Function", ...), empty
	// when the path starts at a bare global identifier.
	Root string
	// Escaped: an identifier or key on the path was written with Unicode
	// escapes.
	Escaped bool
	// Computed: a key on the path was computed and folded (window["fe"+"tch"]).
	Computed bool
	// Reflective: the value was reached through Reflect.get, a destructuring
	// pattern, an array element or similar indirection.
	Reflective bool
	// Realm: reached through another realm (iframe.contentWindow).
	Realm bool
	// Idiom names a recognised library idiom that produced this value
	// ("lodash-global-this", "regenerator-runtime", "webpack-global-this").
	Idiom string
	// Tag is the lower-case tag name for Element.
	Tag string
	// FuncKind for Func: "function", "arrow", "async", "generator", "async-generator", "method", "class".
	FuncKind string
	// Encoded: a constant built by decoding (atob, fromCharCode, unescape...).
	Encoded bool
	// EncodedLen is the length of the encoded input when Encoded.
	EncodedLen int
	// Bound is set when the callee was reached with .call/.apply/.bind.
	Bound string
}

// IsGlobal reports whether v is the global path p exactly.
func (v Value) IsGlobal(p string) bool { return v.Kind == Global && v.Path == p }

// IsGlobalObject reports whether v denotes the global object itself.
func (v Value) IsGlobalObject() bool { return v.Kind == Global && v.Path == "" }

// HasPrefix reports whether v is a global path equal to p or under p (p + ".").
func (v Value) HasPrefix(p string) bool {
	return v.Kind == Global && (v.Path == p || strings.HasPrefix(v.Path, p+"."))
}

// IsConst reports whether v is a compile-time constant string.
func (v Value) IsConst() bool { return v.Kind == Const }

// Last returns the last segment of a Global or Member path.
func (v Value) Last() string {
	if i := strings.LastIndexByte(v.Path, '.'); i >= 0 {
		return v.Path[i+1:]
	}
	return v.Path
}

// globalObjectNames are the identifiers that denote the global object.
var globalObjectNames = map[string]bool{
	"window": true, "self": true, "globalThis": true, "top": true, "parent": true, "frames": true,
}

// IsGlobalObjectName reports whether name denotes the global object (window, self, ...).
func IsGlobalObjectName(name string) bool { return globalObjectNames[name] }

// dotName returns the property name literal of a DotExpr's Y.
func dotName(y js.IExpr) (*js.LiteralExpr, bool) {
	switch l := y.(type) {
	case js.LiteralExpr:
		return &l, true
	case *js.LiteralExpr:
		return l, true
	}
	return nil, false
}
