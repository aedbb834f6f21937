package dynamic

import (
	"errors"
	"reflect"
	"strings"
	"unsafe"

	"github.com/dop251/goja"
	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/unistring"
)

// Direct eval. Webpack's eval devtool (and visuals that hide code) call
// eval(code) where the code reads the caller's locals, so eval must stay
// direct: goja performs a direct eval when the callee is the runtime's
// %eval% object. The run makes its recording wrapper (prelude.js) that
// object, so calls through aliases (window["ev"+"al"], (0, eval)) reach
// the wrapper, which records and evaluates globally, and direct calls keep
// their scope; direct calls are recorded by rewriting eval(x) in the syntax
// tree to eval(evalHook(x)), positions unchanged.
//
// The hook is a global lexical binding (a top-level const), which is not a
// property of the global object, under a name no JavaScript source can
// spell (it holds a space): the visual can neither enumerate it nor reach
// it by name; only the rewritten calls refer to it.
const evalHook = "pbicert eval"

// defineHidden binds name (which need not be a valid identifier) to v as a
// global lexical constant.
func defineHidden(rt *goja.Runtime, name string, v goja.Value) error {
	const tmp, placeholder = "__pbicertHidden", "pbicertHiddenName"
	g := rt.GlobalObject()
	if err := g.Set(tmp, v); err != nil {
		return err
	}
	defer g.Delete(tmp)
	prog, err := goja.Parse("pbicert:hidden.js", "const "+placeholder+" = "+tmp+";")
	if err != nil {
		return err
	}
	decl, ok := prog.Body[0].(*ast.LexicalDeclaration)
	if !ok || len(decl.List) != 1 {
		return errors.New("unexpected syntax tree")
	}
	id, ok := decl.List[0].Target.(*ast.Identifier)
	if !ok {
		return errors.New("unexpected syntax tree")
	}
	id.Name = unistring.String(name)
	p, err := goja.CompileAST(prog, false)
	if err != nil {
		return err
	}
	_, err = rt.RunProgram(p)
	return err
}

// setDirectEval makes fn the object goja treats as %eval% (an unexported
// field: goja has no API for it; the goja version is pinned in go.mod and
// TestEvalOfDecodedPayload fails if this stops working).
func setDirectEval(rt *goja.Runtime, fn *goja.Object) bool {
	g := reflect.ValueOf(rt).Elem().FieldByName("global")
	if !g.IsValid() {
		return false
	}
	f := g.FieldByName("Eval")
	if !f.IsValid() || f.Type() != reflect.TypeOf(fn) {
		return false
	}
	reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem().Set(reflect.ValueOf(fn))
	return true
}

// hookDirectEvals rewrites every direct call eval(x) in prog to
// eval(__pbicertEval(x)).
func hookDirectEvals(prog *ast.Program, src string) {
	if !strings.Contains(src, "eval") {
		return
	}
	seen := map[uintptr]bool{}
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
			if c, ok := v.Interface().(*ast.CallExpression); ok {
				if id, ok := c.Callee.(*ast.Identifier); ok && id.Name == "eval" && len(c.ArgumentList) > 0 {
					arg := c.ArgumentList[0]
					c.ArgumentList[0] = &ast.CallExpression{
						Callee:           &ast.Identifier{Name: unistring.String(evalHook), Idx: arg.Idx0()},
						LeftParenthesis:  arg.Idx0(),
						ArgumentList:     []ast.Expression{arg},
						RightParenthesis: arg.Idx1(),
					}
				}
			}
			visit(v.Elem())
		case reflect.Interface:
			if !v.IsNil() {
				visit(v.Elem())
			}
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				if f := v.Field(i); f.CanInterface() || f.Kind() == reflect.Pointer || f.Kind() == reflect.Slice || f.Kind() == reflect.Interface || f.Kind() == reflect.Struct {
					visit(f)
				}
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				visit(v.Index(i))
			}
		}
	}
	visit(reflect.ValueOf(prog))
}
