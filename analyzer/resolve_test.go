package analyzer

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// calleePaths returns the resolved global path of every call's callee.
func calleePaths(t *testing.T, src string) []string {
	t.Helper()
	p, err := Parse("t.js", []byte(src), Options{})
	require.NoError(t, err, src)
	var out []string
	for _, c := range p.Calls {
		if c.Callee.Kind == Global {
			out = append(out, c.Callee.Path)
		}
	}
	return out
}

func TestResolveForms(t *testing.T) {
	cases := []struct {
		name, src, nearMiss string
	}{
		{"bare", "fetch(u)", "function f(fetch){fetch(u)}"},
		{"window member", "window.fetch(u)", "var window={fetch(){}};window.fetch(u)"},
		{"computed key", `self["fetch"](u)`, `var self={};self["fetch"](u)`},
		{"comma", "(0, globalThis.fetch)(u)", "(0, obj.fetch)(u)"},
		{"optional", "window?.fetch?.(u)", "let window=null;window?.fetch?.(u)"},
		{"defaultView", "document.defaultView.fetch(u)", "var document={};document.defaultView.fetch(u)"},
		{"window.window", "window.window.fetch(u)", "x.window.fetch(u)"},
		{"top/parent/frames", "top.fetch(u);parent.fetch(u);frames.fetch(u)", "var top={};top.fetch(u)"},
		{"top-level this", "this.fetch(u)", "function F(){this.fetch(u)}"},
		{"arrow keeps this", "(()=>this.fetch(u))()", "({m(){return this.fetch(u)}})"},
		{"Function return this", `Function("return this")().fetch(u)`, `Function("return that")().fetch(u)`},
		{"new Function return this", `new Function("return this")().fetch(u)`, `new Function("return 1")().fetch(u)`},
		{"contentWindow", `document.createElement("iframe").contentWindow.fetch(u)`, `el.contentWindowX.fetch(u)`},
		{"const alias", "const f = fetch; f(u)", "const f = obj.fetch; f(u)"},
		{"var chain", "var a=window.fetch,b=a;b(u)", "var a=window.fetch,b=a;function g(b){b(u)}"},
		{"late assignment", "var a;function g(){a(u)}a=fetch", "var a;function g(a){a(u)}a=fetch"},
		{"destructuring", "const {fetch: f} = window; f(u)", "const {fetch: f} = obj; f(u)"},
		{"destructuring shorthand", "const {fetch} = self; fetch(u)", "const {fetch} = obj; fetch(u)"},
		{"Reflect.get", `Reflect.get(window, "fetch")(u)`, `Reflect.get(obj, "fetch")(u)`},
		{"Reflect.apply", `Reflect.apply(fetch, null, [u])`, `Reflect.apply(obj.fetch, null, [u])`},
		{"call", "fetch.call(window, u)", "obj.fetch.call(window, u)"},
		{"apply", "window.fetch.apply(window, [u])", "x.fetch.apply(window, [u])"},
		{"bind", "var g = fetch.bind(window); g(u)", "var g = x.fetch.bind(window); g(u)"},
		{"array element", "[fetch][0](u)", "[x.fetch][0](u)"},
		{"unicode escape", `\u0066etch(u)`, `var \u0066etch=1;\u0066etch(u)`},
		{"logical or", "var f = window.fetch || polyfill; f(u)", "var f = x.fetch || polyfill; f(u)"},
		{"folded concat", `window["fe"+"tch"](u)`, `window["fe"+tch](u)`},
		{"template", "window[`fetch`](u)", "window[`fe${t}ch`](u)"},
		{"const key", `const k="fetch";window[k](u)`, `let k="fetch";k=other;window[k](u)`},
		{"atob", `self[atob("ZmV0Y2g=")](u)`, `self[atob(k)](u)`},
		{"fromCharCode", `window[String.fromCharCode(102,101,116,99,104)](u)`, `window[String.fromCharCode(n)](u)`},
		{"fromCharCode apply", `window[String.fromCharCode.apply(null,[102,101,116,99,104])](u)`, `window[String.fromCharCode.apply(null,a)](u)`},
		{"reverse", `window["hctef".split("").reverse().join("")](u)`, `window[s.split("").reverse().join("")](u)`},
		{"join", `window[["fe","tch"].join("")](u)`, `window[["fe",t].join("")](u)`},
		{"lowercase", `window["FETCH".toLowerCase()](u)`, `window[s.toLowerCase()](u)`},
		{"concat", `window["fe".concat("tch")](u)`, `window["fe".concat(t)](u)`},
		{"decodeURIComponent", `window[decodeURIComponent("%66etch")](u)`, `window[decodeURIComponent(x)](u)`},
		{"unescape", `window[unescape("%u0066etch")](u)`, `window[unescape(x)](u)`},
		{"catch param shadows", "fetch(u)", "try{}catch(fetch){fetch(u)}"},
		{"class name shadows", "fetch(u)", "class fetch{};new fetch(u)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Contains(t, calleePaths(t, c.src), "fetch", "positive: %s", c.src)
			assert.NotContains(t, calleePaths(t, c.nearMiss), "fetch", "near miss: %s", c.nearMiss)
		})
	}
}

func TestResolvePaths(t *testing.T) {
	cases := map[string]string{
		"window.localStorage.setItem('a',1)":                    "localStorage.setItem",
		"document.defaultView.XMLHttpRequest()":                 "XMLHttpRequest",
		"globalThis.navigator.sendBeacon(u)":                    "navigator.sendBeacon",
		"x.constructor.constructor('c')":                        "Function",
		"(async function(){}).constructor('c')":                 "AsyncFunction",
		"Object.getPrototypeOf(function*(){}).constructor('c')": "GeneratorFunction",
		"Reflect.construct(Function, ['c'])":                    "Function",
		"setTimeout.call(null, 'c')":                            "setTimeout",
	}
	for src, want := range cases {
		assert.Contains(t, calleePaths(t, src), want, src)
	}
}

func TestUnresolvedGlobalKey(t *testing.T) {
	p, err := Parse("t.js", []byte("window[k](u); obj[k](u); self[atob(x)]"), Options{})
	require.NoError(t, err)
	var n int
	for _, r := range p.Refs {
		if r.Kind == Unresolved {
			n++
		}
	}
	assert.Equal(t, 2, n, "window[k] and self[atob(x)] are unresolved; obj[k] is not a global")
}

func TestFoldArguments(t *testing.T) {
	p, err := Parse("t.js", []byte(`const c = "alert(" + 1 + ")"; setTimeout(c, 10); setTimeout(function(){}, 10); function f(s){ setTimeout(s, 1) }`), Options{})
	require.NoError(t, err)
	var kinds []Kind
	for _, c := range p.Calls {
		if c.Callee.IsGlobal("setTimeout") {
			kinds = append(kinds, c.Args[0].Kind)
			if c.Args[0].Kind == Const {
				assert.Equal(t, "alert(1)", c.Args[0].Str)
			}
		}
	}
	assert.Equal(t, []Kind{Const, Func, Unknown}, kinds)
}

func TestIdioms(t *testing.T) {
	p, err := Parse("t.js", []byte(`var g = function(){return this||Function("return this")()}(); new Function("return this")()`), Options{})
	require.NoError(t, err)
	var idioms []string
	for _, r := range p.Refs {
		if r.Idiom != "" {
			idioms = append(idioms, r.Idiom)
		}
	}
	assert.ElementsMatch(t, []string{"lodash-global-this", "webpack-global-this"}, idioms)
}

func TestSyntaxErrorNamesPosition(t *testing.T) {
	_, err := Parse("t.js", []byte("var a = 1;\nvar b = ;\n"), Options{})
	var se *SyntaxError
	require.True(t, errors.As(err, &se), "%v", err)
	assert.Equal(t, 2, se.Line)
	assert.Greater(t, se.Column, 0)
	assert.Contains(t, err.Error(), "line 2")
}

// A syntax error is placed with pbicert's line convention, not the
// parser's: U+2028 inside a string does not end a line, a lone \r does.
func TestSyntaxErrorPositionConvention(t *testing.T) {
	src := "var s = \"\u2028é\";\rvar b = ;\n"
	_, err := Parse("t.js", []byte(src), Options{})
	var se *SyntaxError
	require.True(t, errors.As(err, &se), "%v", err)
	assert.Equal(t, strings.Index(src, ";\n"), se.Offset)
	assert.Equal(t, [2]int{2, 9}, [2]int{se.Line, se.Column})
}

func TestDepthLimit(t *testing.T) {
	deep := make([]byte, 0, 200000)
	for i := 0; i < 100000; i++ {
		deep = append(deep, '(')
	}
	deep = append(deep, '1')
	for i := 0; i < 100000; i++ {
		deep = append(deep, ')')
	}
	_, err := Parse("t.js", deep, Options{})
	var le *LimitError
	require.True(t, errors.As(err, &le), "%v", err)
	assert.Equal(t, "max-depth", le.Flag)
}

func TestCSSScan(t *testing.T) {
	css := `@import url("https://fonts.example.com/a.css");
@import 'local.css';
.a{background:u\72l(//cdn.example.com/x.png)}
@font-face{font-family:F;src:url(https://f.example.com/f.woff2) format("woff2")}
.b{background:url(data:image/png;base64,AAAA)}
.c{content:"unterminated`
	refs := ScanCSS([]byte(css))
	var remote []string
	for _, r := range refs {
		if ClassifyURL(r.URL) == URLRemote {
			remote = append(remote, r.Kind+" "+r.URL)
		}
	}
	assert.Equal(t, []string{"import https://fonts.example.com/a.css", "url //cdn.example.com/x.png", "font-face https://f.example.com/f.woff2"}, remote)
}

func TestSandboxedKeys(t *testing.T) {
	var evaluated []string
	eval := func(code string) (string, bool) {
		evaluated = append(evaluated, code)
		if strings.Contains(code, `"fe" + "tch"`) {
			return "fetch", true
		}
		return "", false
	}
	src := `window[(() => "fe" + "tch")()](u); window[(() => secret)()](u); var secret = "x"; window[(function(){ for(;;){} })()](u)`
	p, err := Parse("t.js", []byte(src), Options{Eval: eval})
	require.NoError(t, err)
	var paths []string
	for _, c := range p.Calls {
		if c.Callee.Kind == Global {
			paths = append(paths, c.Callee.Path)
		}
	}
	assert.Contains(t, paths, "fetch")
	assert.Len(t, evaluated, 1, "only the closed expression is evaluated: %q", evaluated)
}
