package analyzer

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pbicert/pbicert/internal/gen"
)

// TestFuncAtSearch: FuncAt's binary search over the nested functions finds
// the function the scan of every function finds, at every offset of the
// rule testdata, a generated bundle (split and in one piece) and the real
// libraries of the npm cache when it is there (PBICERT_NPM_DIR, as
// TestPositionsRealLibraries).
func TestFuncAtSearch(t *testing.T) {
	srcs := map[string][]byte{}
	files, _ := filepath.Glob("../rules/testdata/src/*/*.js")
	require.NotEmpty(t, files)
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		srcs[f] = b
	}
	srcs["generated"] = []byte(gen.BuildJS(gen.WithFindings()).JS)
	dir := os.Getenv("PBICERT_NPM_DIR")
	if dir == "" {
		dir = filepath.Join("..", ".cache", "npm", "node_modules")
	}
	for _, f := range []string{"d3/dist/d3.min.js", "jquery/dist/jquery.min.js", "lodash/lodash.min.js", "moment/min/moment.min.js"} {
		if b, err := os.ReadFile(filepath.Join(dir, f)); err == nil {
			srcs[f] = b
		}
	}
	searched := 0
	for name, src := range srcs {
		for _, opts := range []Options{{ParseWorkers: 1}, splitOpts()} {
			p, err := Parse(name, src, opts)
			if err != nil {
				continue // testdata that is refused on purpose
			}
			if p.nested {
				searched++
			}
			step := max(1, len(src)/20000)
			for off := -1; off <= len(src); off += step {
				if got, want := p.FuncAt(off), funcAtScan(p.Funcs, off); got != want {
					t.Fatalf("%s (split %v): FuncAt(%d) = %d, the scan finds %d", name, p.split != nil, off, got, want)
				}
			}
			for _, f := range p.Funcs { // at and around every boundary
				for _, off := range []int{f.Pos - 1, f.Pos, f.Pos + 1, f.End - 1, f.End, f.End + 1} {
					if got, want := p.FuncAt(off), funcAtScan(p.Funcs, off); got != want {
						t.Fatalf("%s (split %v): FuncAt(%d) = %d, the scan finds %d", name, p.split != nil, off, got, want)
					}
				}
			}
		}
	}
	assert.Greater(t, searched, len(srcs), "FuncAt searched in too few programs (their functions were not nested in order)")
}

// TestFuncsNested: funcsNested refuses functions out of order, overlapping,
// or with a parent that is not the immediate enclosing one.
func TestFuncsNested(t *testing.T) {
	ok := []FuncInfo{{Pos: 0, End: 100, Parent: -1}, {Pos: 10, End: 50, Parent: 0}, {Pos: 20, End: 30, Parent: 1}, {Pos: 60, End: 70, Parent: 0}, {Pos: 200, End: 210, Parent: -1}}
	assert.True(t, funcsNested(ok))
	for name, fs := range map[string][]FuncInfo{
		"out of order":   {{Pos: 10, End: 20, Parent: -1}, {Pos: 0, End: 5, Parent: -1}},
		"same start":     {{Pos: 0, End: 20, Parent: -1}, {Pos: 0, End: 10, Parent: 0}},
		"overlapping":    {{Pos: 0, End: 20, Parent: -1}, {Pos: 10, End: 30, Parent: 0}},
		"wrong parent":   {{Pos: 0, End: 100, Parent: -1}, {Pos: 10, End: 50, Parent: 0}, {Pos: 20, End: 30, Parent: 0}},
		"parent outside": {{Pos: 0, End: 10, Parent: -1}, {Pos: 20, End: 30, Parent: 0}},
	} {
		assert.False(t, funcsNested(fs), name)
	}
}
