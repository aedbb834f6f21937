package diff

import (
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/js"

	"github.com/pbicert/pbicert/analyzer"
)

// babelLike reprints src the way a regenerating printer such as Babel's
// (used by `pbiviz package --certification-fix`) differs from a minifier,
// without any help from esbuild: tdewolff's printer (one statement per
// line, arrow bodies as blocks) after rewriting the tree so that every
// printing choice the issue lists comes out the other way: `new X()`,
// `true`/`false` for `!0`/`!1`, `undefined` for `void 0`, numbers spelled
// out (1e3 → 1000), strings in single quotes, quoted object keys,
// `a["b"]` for `a.b`, comma sequences split into statements, declaration
// lists split, braces around every if/else/loop body, parentheses around
// conditional arguments.
func babelLike(t testing.TB, src string) string {
	t.Helper()
	ast, err := js.Parse(parse.NewInputString(src), js.Options{})
	if err != nil {
		t.Fatalf("babelLike: %v", err)
	}
	rw := &reprinter{seen: map[uintptr]bool{}}
	rw.node(reflect.ValueOf(&ast.BlockStmt))
	out := ast.JSString()
	if _, err := js.Parse(parse.NewInputString(out), js.Options{}); err != nil {
		t.Fatalf("babelLike output does not parse: %v\n%s", err, out)
	}
	return out
}

type reprinter struct{ seen map[uintptr]bool }

var (
	iexpr = reflect.TypeOf((*js.IExpr)(nil)).Elem()
	istmt = reflect.TypeOf((*js.IStmt)(nil)).Elem()
	skipT = map[reflect.Type]bool{reflect.TypeOf(js.Scope{}): true, reflect.TypeOf(&js.Scope{}): true,
		reflect.TypeOf(&js.Var{}): true, reflect.TypeOf(js.VarArray{}): true}
)

// node rewrites everything under v (a pointer, struct, slice or interface).
func (r *reprinter) node(v reflect.Value) {
	if skipT[v.Type()] {
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() || r.seen[v.Pointer()] {
			return
		}
		r.seen[v.Pointer()] = true
		r.node(v.Elem())
		if b, ok := v.Interface().(*js.BlockStmt); ok {
			b.List = splitStmts(b.List)
		}
		r.stmtFixes(v.Interface())
	case reflect.Interface:
		if v.IsNil() {
			return
		}
		r.node(v.Elem())
		if v.Type() == iexpr && v.CanSet() {
			if e := rewriteExpr(v.Interface().(js.IExpr)); e != nil {
				v.Set(reflect.ValueOf(e))
			}
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if f := v.Field(i); f.CanSet() || f.Kind() == reflect.Struct {
				r.node(f)
			}
		}
		if v.Type() == reflect.TypeOf(js.Args{}) {
			for i, a := range v.Interface().(js.Args).List {
				if _, ok := a.Value.(*js.CondExpr); ok {
					v.Field(0).Index(i).Field(0).Set(reflect.ValueOf(js.IExpr(&js.GroupExpr{X: a.Value})))
				}
			}
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			r.node(v.Index(i))
		}
	}
}

// rewriteExpr returns the expression printed the other way, nil to keep e.
func rewriteExpr(e js.IExpr) js.IExpr {
	switch n := e.(type) {
	case *js.UnaryExpr:
		if l, ok := n.X.(*js.LiteralExpr); ok && (l.TokenType == js.DecimalToken || l.TokenType == js.IntegerToken) {
			switch {
			case n.Op == js.NotToken && string(l.Data) == "0":
				return &js.LiteralExpr{TokenType: js.TrueToken, Data: []byte("true")}
			case n.Op == js.NotToken && string(l.Data) == "1":
				return &js.LiteralExpr{TokenType: js.FalseToken, Data: []byte("false")}
			case n.Op == js.VoidToken && string(l.Data) == "0":
				return &js.LiteralExpr{TokenType: js.IdentifierToken, Data: []byte("undefined")}
			}
		}
	case *js.LiteralExpr:
		switch n.TokenType {
		case js.DecimalToken, js.IntegerToken:
			if v, err := strconv.ParseFloat(string(n.Data), 64); err == nil && v == math.Trunc(v) && v < 1e15 {
				n.Data = []byte(strconv.FormatFloat(v, 'f', -1, 64))
			}
		case js.StringToken:
			n.Data = []byte(singleQuoted(analyzer.DecodeString(n.Data)))
		}
	case *js.DotExpr:
		var name []byte
		switch l := n.Y.(type) {
		case *js.LiteralExpr:
			name = l.Data
		case js.LiteralExpr:
			name = l.Data
		}
		if name != nil && !n.Optional && name[0] != '#' {
			return &js.IndexExpr{X: n.X, Y: &js.LiteralExpr{TokenType: js.StringToken, Data: []byte(singleQuoted(string(name)))}, Prec: n.Prec}
		}
	case *js.NewExpr:
		if n.Args == nil {
			n.Args = &js.Args{}
		}
	case *js.ObjectExpr:
		for i := range n.List {
			p := &n.List[i]
			if p.Name == nil || p.Name.IsComputed() || p.Init != nil {
				continue
			}
			if _, ok := p.Value.(*js.MethodDecl); ok {
				continue
			}
			switch l := p.Name.Literal; {
			case l.TokenType == js.IdentifierToken || js.IsReservedWord(l.TokenType):
				p.Name.Literal = js.LiteralExpr{TokenType: js.StringToken, Data: []byte(singleQuoted(string(l.Data)))}
			case l.TokenType == js.StringToken:
				p.Name.Literal.Data = []byte(singleQuoted(analyzer.DecodeString(l.Data)))
			}
		}
	}
	return nil
}

// stmtFixes puts braces around every single-statement body.
func (r *reprinter) stmtFixes(n any) {
	wrap := func(s js.IStmt) js.IStmt {
		if s == nil {
			return nil
		}
		switch s.(type) {
		case *js.BlockStmt, *js.IfStmt:
			return s
		}
		return &js.BlockStmt{List: []js.IStmt{s}}
	}
	switch n := n.(type) {
	case *js.IfStmt:
		if _, ok := n.Body.(*js.IfStmt); ok {
			n.Body = &js.BlockStmt{List: []js.IStmt{n.Body}}
		}
		n.Body = wrap(n.Body)
		n.Else = wrap(n.Else)
	case *js.WhileStmt:
		n.Body = wrap(n.Body)
	case *js.DoWhileStmt:
		n.Body = wrap(n.Body)
	}
}

// splitStmts splits comma sequences and declaration lists into statements.
func splitStmts(list []js.IStmt) []js.IStmt {
	var out []js.IStmt
	for _, s := range list {
		switch n := s.(type) {
		case *js.ExprStmt:
			if c, ok := n.Value.(*js.CommaExpr); ok {
				for _, e := range c.List {
					out = append(out, &js.ExprStmt{Value: e})
				}
				continue
			}
		case *js.VarDecl:
			if len(n.List) > 1 && !n.InFor && !n.InForInOf {
				for _, b := range n.List {
					out = append(out, &js.VarDecl{TokenType: n.TokenType, List: []js.BindingElement{b}, Scope: n.Scope})
				}
				continue
			}
		}
		out = append(out, s)
	}
	return out
}

func singleQuoted(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for _, r := range s {
		switch r {
		case '\'':
			b.WriteString(`\'`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\u2028', '\u2029':
			b.WriteString(`\u` + strconv.FormatInt(int64(r), 16))
		default:
			if r < 0x20 {
				b.WriteString(`\x` + strconv.FormatInt(int64(r)+0x100, 16)[1:])
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('\'')
	return b.String()
}

// The reprint really differs in every listed way (the test of the printer
// itself: a reprint equal to its input would prove nothing).
func TestBabelLikeReprintDiffers(t *testing.T) {
	src := `var o={a:1,"b-c":!0},n=new Foo;function f(e){if(e)return void 0;return a.b.c(e?1:2),x=1e3,"q"}const g=e=>e*2;`
	out := babelLike(t, src)
	for _, want := range []string{"new Foo()", "true", "undefined", "1000", "'q'", "'a':", "['b']['c']", "(e ? 1 : 2)", "var n", "if (e) {", "return e * 2"} {
		if !strings.Contains(out, want) {
			t.Errorf("reprint lacks %q:\n%s", want, out)
		}
	}
	if strings.Count(out, "var ") != 2 {
		t.Errorf("declaration list not split:\n%s", out)
	}
}

// A minifier (terser, as webpack runs it) keeps function expressions
// passed as arguments in parentheses, `f((function(t){…}))`, a hint for
// the engine's lazy parsing; Babel's regeneration in
// `pbiviz package --certification-fix` prints `f(function (t) {…})`, and
// esbuild's canonical print keeps whichever it was given. Seen on a real
// certification-fixed 6 MB bundle (scripts/diff-bench: plotly.js's
// downloadImage, mapbox-gl's loadJSON, a Promise polyfill's
// `new this((function(e,r){…}))`, …). The two compare equal.
func TestParenthesisedFunctionArgumentIsPrinting(t *testing.T) {
	dir := t.TempDir()
	v := uncertifiedVisual(0)
	wrapped := `globalThis.__exampleEach=function(e,r){["a","b"].forEach((function(t){t in e&&(r[t]=e[t])})),Promise.resolve(e).then((function(n){r.n=n})).catch((function(){r.n=null})),setTimeout((()=>{r.t=1}),0)};globalThis.__exampleReject=function(t){return new this((function(e,r){r(t)}))};`
	bare := `globalThis.__exampleEach=function(e,r){["a","b"].forEach(function(t){t in e&&(r[t]=e[t])}),Promise.resolve(e).then(function(n){r.n=n}).catch(function(){r.n=null}),setTimeout(()=>{r.t=1},0)};globalThis.__exampleReject=function(t){return new this(function(e,r){r(t)})};`
	v.Modules = append(v.Modules, wrapped)
	u := buildVariant(t, dir, "u.pbiviz", v, variant{})
	c := buildVariant(t, dir, "c.pbiviz", v, variant{replace: map[string]string{wrapped: bare}})
	r := compareFiles(t, c, u)
	if r.Verdict != Consistent || len(r.Code.Unexplained) != 0 || r.Code.Identical != r.Code.Functions {
		t.Fatalf("verdict %s, %d/%d identical, unexplained %+v", r.Verdict, r.Code.Identical, r.Code.Functions, r.Code.Unexplained)
	}
	// near miss: a function passed where none was is a real change
	c2 := buildVariant(t, dir, "c2.pbiviz", v, variant{replace: map[string]string{wrapped: strings.Replace(bare, "setTimeout(()=>{r.t=1},0)", "setTimeout(()=>{r.t=2},0)", 1)}})
	if r := compareFiles(t, c2, u); r.Verdict != Diverged {
		t.Fatalf("changed constant: verdict %s", r.Verdict)
	}
}
