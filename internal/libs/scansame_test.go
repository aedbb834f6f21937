package libs

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/pbicert/pbicert/internal/gen"
)

// scanBoth runs Scan and the reference scan on src and reports where they
// differ (literals and banners, in order).
func scanBoth(t testing.TB, name string, src []byte, minLen int) {
	var got, want []Literal
	var gotB, wantB []Comment
	Scan(src, minLen, func(l Literal) { got = append(got, l) }, func(c Comment) { gotB = append(gotB, c) })
	refScan(src, minLen, func(l Literal) { want = append(want, l) }, func(c Comment) { wantB = append(wantB, c) })
	if !reflect.DeepEqual(got, want) {
		for i := 0; i < len(got) || i < len(want); i++ {
			if i >= len(got) || i >= len(want) || got[i] != want[i] {
				var g, w any
				if i < len(got) {
					g = got[i]
				}
				if i < len(want) {
					w = want[i]
				}
				t.Fatalf("%s (minLen %d): literal %d: Scan %+v, reference %+v (%d and %d literals)", name, minLen, i, g, w, len(got), len(want))
			}
		}
	}
	if !reflect.DeepEqual(gotB, wantB) {
		t.Fatalf("%s (minLen %d): banners %+v, reference %+v", name, minLen, gotB, wantB)
	}
}

// TestScanSame: the fast scan lists exactly what the reference scan lists on
// the rule testdata, a generated bundle, hard cases, and the real-library
// bundle of scripts/bench-compare when it is there.
func TestScanSame(t *testing.T) {
	srcs := map[string][]byte{}
	files, _ := filepath.Glob("../../rules/testdata/src/*/*.js")
	if len(files) == 0 {
		t.Fatal("no rule testdata found")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs[f] = b
	}
	srcs["generated"] = []byte(gen.BuildJS(gen.WithFindings()).JS)
	for _, s := range []string{
		"if (a) /re/.test(b); while(x)/'/g; for(;;)/\"/; with(o)/`/",
		"`a ${ if } b`(/x/)", "`${`${'inner'}`}` + 'after string'", "x = a\n/ b /g; 'str'",
		`"unterminated` + "\n" + `'next one'`, `"ends in a backslash\`, "'\\\n'", `"\u{1F600}\x41\u00e9\q\0"`,
		"return/'x'/.source; typeof/'y'/; instanceof /z/", "/* license */ /*! banner */ /* LICENSE */ /* no",
		"a/*x*//'q'/", "é = 'ünïcode'; ident\u2028 'x'", "iff (a) /b/ 'c'", "for\n(x) /'/; 'z'", "(a) / 'b' / c",
	} {
		srcs["case "+s] = []byte(s)
	}
	if b, err := os.ReadFile("../../.cache/bench-compare/content.js"); err == nil {
		srcs["real bundle"] = b
	}
	for name, src := range srcs {
		for _, minLen := range []int{0, 1, 5, 6} {
			scanBoth(t, name, src, minLen)
		}
	}
}

func FuzzScanSame(f *testing.F) {
	for _, s := range []string{"var a = 'x'", "if (a) /re/.test(b)", "`a ${ b } c`", `"\u0041\x42"`, "/*! x */ /* license */", "a / b / 'c'"} {
		f.Add(s, 1)
	}
	f.Fuzz(func(t *testing.T, s string, minLen int) {
		if minLen < 0 || minLen > 64 || strings.Count(s, "`") > 64 {
			return
		}
		scanBoth(t, "fuzz", []byte(s), minLen)
	})
}
