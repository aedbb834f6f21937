package lint_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/pbicert/pbicert/analyzer"
	"github.com/pbicert/pbicert/internal/gen"
	"github.com/pbicert/pbicert/lint"
	"github.com/pbicert/pbicert/pbiviz"
)

// TestParallelEqualsSequential: a batch checked by several workers, each
// large bundle parsed in parallel pieces, gives the same results, in the
// same order, as one worker parsing each bundle in one piece (run with
// -race to check the shared state of the rules and the analyzer).
func TestParallelEqualsSequential(t *testing.T) {
	dir := t.TempDir()
	var ins []lint.Input
	var large []*pbiviz.Package
	for i := 0; i < 6; i++ {
		v := gen.WithFindings()
		if i%2 == 0 {
			v = gen.Clean()
		}
		v.Seed = int64(i)
		v.Era = []int{5, 5, 3, 1, 5, 2}[i]
		if i < 3 {
			v.FillerBytes = 320 << 10 // above the split threshold (256 KB)
		}
		b := gen.MustBuildPackage(v, gen.ZipOptions{})
		p := filepath.Join(dir, string(rune('a'+i))+".pbiviz")
		require.NoError(t, os.WriteFile(p, b, 0o644))
		ins = append(ins, lint.Input{Path: p, Kind: "package"})
		if i < 3 {
			pkg, err := pbiviz.ReadBytes(b, pbiviz.Limits{})
			require.NoError(t, err)
			large = append(large, pkg)
		}
	}
	// the large bundles really are parsed in pieces with two parse workers
	for i, pkg := range large {
		in, err := lint.Analyze(pkg, lint.Options{Analyzer: analyzer.Options{ParseWorkers: 2}})
		require.NoError(t, err)
		require.Greater(t, in.JS.Units(), 1, "bundle %d was not split", i)
	}
	seq := lint.Check(ins, lint.Options{Workers: 1, Analyzer: analyzer.Options{ParseWorkers: 1}})
	par := lint.Check(ins, lint.Options{Workers: 3, Analyzer: analyzer.Options{ParseWorkers: 2}})
	require.Equal(t, seq, par)
	n := 0
	for i, r := range par {
		require.Equal(t, ins[i].Path, r.Path)
		require.Empty(t, r.Error)
		n += len(r.Findings)
	}
	require.NotZero(t, n, "no findings were compared")
}
