package rules_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/pbicert/pbicert/internal/gen"
	"github.com/pbicert/pbicert/lint"
	"github.com/pbicert/pbicert/pbiviz"
)

// TestModelKeepLosesNothing: the rules find exactly the same things whether
// the analyzer records every fact or only what rules.ModelKeep asks for.
func TestModelKeepLosesNothing(t *testing.T) {
	files, err := filepath.Glob("testdata/src/*/*.js")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		v := gen.Clean()
		v.Modules = []string{string(src)}
		pkg, err := pbiviz.ReadBytes(gen.MustBuildPackage(v, gen.ZipOptions{}), pbiviz.Limits{})
		require.NoError(t, err)
		kept := lint.CheckPackage(f, pkg, lint.Options{})
		all := lint.CheckPackage(f, pkg, lint.Options{KeepAll: true})
		require.Equal(t, all.Findings, kept.Findings, f)
	}
}
