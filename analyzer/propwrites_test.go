package analyzer

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/tdewolff/parse/v2/js"

	"github.com/pbicert/pbicert/internal/gen"
)

// oracleWrites is the whole-tree walk that collected the property writes
// behind ConstProp before pass 2 recorded their sites: every object-literal
// key, member assignment and class field of the tree, for every name.
type oracleWrites struct {
	p    *Program
	want map[string]*propWrites
}

func (v *oracleWrites) entry(name string) *propWrites {
	if v.want[name] == nil {
		v.want[name] = &propWrites{}
	}
	return v.want[name]
}

func (v *oracleWrites) note(w *propWrites, value js.IExpr, assignOp js.TokenType) {
	if value == nil || assignOp != js.EqToken {
		w.other = true
		return
	}
	r := v.p.resolve(value, false, 0)
	if r.Kind != Const {
		w.other = true
		return
	}
	w.consts = append(w.consts, r.Str)
}

func (v *oracleWrites) Enter(n js.INode) js.IVisitor {
	switch n := n.(type) {
	case *js.ObjectExpr:
		for _, it := range n.List {
			if it.Spread || it.Name == nil {
				continue
			}
			name := ""
			if it.Name.IsComputed() {
				k := v.p.resolve(it.Name.Computed, false, 0)
				if k.Kind != Const {
					continue
				}
				name = k.Str
			} else {
				name = propName(it.Name.Literal)
			}
			v.note(v.entry(name), it.Value, js.EqToken)
		}
	case *js.BinaryExpr:
		if !isAssignOp(n.Op) {
			break
		}
		switch t := n.X.(type) {
		case *js.DotExpr:
			if lit, ok := dotName(t.Y); ok {
				v.note(v.entry(propName(*lit)), n.Y, n.Op)
			}
		case *js.IndexExpr:
			if k := v.p.resolve(t.Y, false, 0); k.Kind == Const {
				v.note(v.entry(k.Str), n.Y, n.Op)
			}
		}
	case *js.ClassDecl:
		for i := range n.List {
			if f := n.List[i].Field; f.Name.Literal.Data != nil && !f.Name.IsComputed() && n.List[i].Method == nil && n.List[i].StaticBlock == nil {
				v.note(v.entry(propName(f.Name.Literal)), f.Init, js.EqToken)
			}
		}
	}
	return v
}

func (v *oracleWrites) Exit(js.INode) {}

func oracleOf(p *Program) map[string]*propWrites {
	v := &oracleWrites{p: p.walkerCopy(), want: map[string]*propWrites{}}
	js.Walk(v, p.AST)
	return v.want
}

// samePropWrites checks that the writes notePropWrites reads from pass 2's
// sites are those of a walk of the whole tree, for every property name the
// input writes, parsed in one piece and split.
//
// The node writes NodeProp reads (how many, whether any string) must be
// the same in one piece and split (each task's walker counts its own).
func samePropWrites(t *testing.T, name string, src []byte) {
	t.Helper()
	type nodeWrites struct {
		nodes            int
		strs, nestedStrs bool
	}
	var first map[string]nodeWrites
	for _, opts := range []Options{{ParseWorkers: 1}, splitOpts()} {
		p, err := Parse(name, src, opts)
		if err != nil {
			return
		}
		names := slices.Sorted(func(yield func(string) bool) {
			for k := range oracleOf(p) {
				if !yield(k) {
					return
				}
			}
		})
		opts.propNames = names
		p, err = Parse(name, src, opts)
		require.NoError(t, err)
		oracle := oracleOf(p)
		for _, k := range names {
			got, want := p.propWrites[k], oracle[k]
			require.NotNil(t, got, "%s: %q not collected", name, k)
			require.Equal(t, want.other, got.other, "%s (workers %d): %q written with a value not constant", name, opts.ParseWorkers, k)
			require.Equal(t, slices.Sorted(slices.Values(want.consts)), slices.Sorted(slices.Values(got.consts)), "%s (workers %d): constants written to %q", name, opts.ParseWorkers, k)
		}
		nw := map[string]nodeWrites{}
		for _, k := range names {
			w := p.propWrites[k]
			nw[k] = nodeWrites{w.nodes, w.strs, w.nestedStrs}
		}
		if first == nil {
			first = nw
		} else {
			require.Equal(t, first, nw, "%s: node writes in one piece and split", name)
		}
	}
}

func TestPropWritesSameAsTreeWalk(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "rules", "testdata", "src", "*", "*.js"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		samePropWrites(t, f, src)
	}
	for name, src := range jsSeeds() {
		samePropWrites(t, name, []byte(src))
	}
	for name, src := range splitCases {
		samePropWrites(t, name, []byte(src))
	}
	for era := 1; era <= 5; era += 2 {
		v := gen.WithFindings()
		v.Era, v.Seed, v.FillerBytes, v.Minify = era, int64(era), 32<<10, era%2 == 0
		samePropWrites(t, fmt.Sprintf("era%d", era), []byte(gen.BuildJS(v).JS))
	}
	if testing.Short() {
		return
	}
	dir := os.Getenv("PBICERT_NPM_DIR")
	if dir == "" {
		dir = filepath.Join("..", ".cache", "npm", "node_modules")
	}
	for _, f := range []string{"jquery/dist/jquery.min.js", "d3/dist/d3.min.js"} {
		if src, err := os.ReadFile(filepath.Join(dir, f)); err == nil {
			samePropWrites(t, f, src)
		}
	}
}
