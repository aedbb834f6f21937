package lint_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/pbicert/pbicert/internal/gen"
	"github.com/pbicert/pbicert/lint"
)

// TestParallelEqualsSequential: a batch checked by several workers gives
// the same results, in the same order, as one worker (run with -race to
// check the shared state of the rules and the analyzer).
func TestParallelEqualsSequential(t *testing.T) {
	dir := t.TempDir()
	var ins []lint.Input
	for i := 0; i < 8; i++ {
		v := gen.WithFindings()
		if i%2 == 0 {
			v = gen.Clean()
		}
		v.Seed = int64(i)
		p := filepath.Join(dir, string(rune('a'+i))+".pbiviz")
		require.NoError(t, os.WriteFile(p, gen.MustBuildPackage(v, gen.ZipOptions{}), 0o644))
		ins = append(ins, lint.Input{Path: p, Kind: "package"})
	}
	seq := lint.Check(ins, lint.Options{Workers: 1})
	par := lint.Check(ins, lint.Options{Workers: 4})
	require.Equal(t, seq, par)
	for i, r := range par {
		require.Equal(t, ins[i].Path, r.Path)
		require.Empty(t, r.Error)
	}
}
