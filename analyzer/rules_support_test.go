package analyzer

import "testing"

// Shorthand destructuring of a global object ({fetch} = self) is the binding
// site of an alias: it must be a Ref at the key, like {fetch: f} = self.
func TestShorthandDestructuringRef(t *testing.T) {
	for _, tc := range []struct {
		src, path string
		col       int
	}{
		{"const { fetch } = self;", "fetch", 9},
		{"const {a, fetch} = window;", "fetch", 11},
		{"function q(){ let {localStorage} = window; }", "localStorage", 20},
		{"const { fetch: f } = self;", "fetch", 9},
	} {
		prog, err := Parse("t.js", []byte(tc.src), Options{})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, r := range prog.Refs {
			if r.Kind == Global && r.Path == tc.path {
				if _, c := prog.Position(r.Pos); c == tc.col {
					found = true
				}
			}
		}
		if !found {
			t.Errorf("%q: no Ref to %s at column %d; refs: %+v", tc.src, tc.path, tc.col, prog.Refs)
		}
	}
	// a shorthand key destructured from an ordinary object is not a global
	prog, err := Parse("t.js", []byte("const { fetch } = obj; fetch(u);"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range prog.Refs {
		if r.Path == "fetch" {
			t.Errorf("unexpected Ref to fetch from a user object: %+v", r)
		}
	}
}

// Reflect.apply(el.method, el, [...]) and el["method"].call(el, ...) call the method: the Call carries its
// name, receiver and the arguments of the array.
func TestReflectApplyMethod(t *testing.T) {
	for _, src := range []string{
		`Reflect.apply(el.insertAdjacentHTML, el, ["beforeend", h]);`,
		`Reflect.apply(el["insertAdjacent" + "HTML"], el, ["beforeend", h]);`,
		`el["insertAdjacent" + "HTML"].call(el, "beforeend", h);`,
		`el["insertAdjacentHTML"].apply(el, ["beforeend", h]);`,
	} {
		prog, err := Parse("t.js", []byte(`const el = document.createElement("div");`+src), Options{})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, c := range prog.Calls {
			if c.Method == "insertAdjacentHTML" && len(c.Args) == 2 && c.Args[0].Str == "beforeend" && c.Receiver.Tag == "div" {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: no insertAdjacentHTML call with its two arguments; calls: %+v", src, prog.Calls)
		}
	}
}
