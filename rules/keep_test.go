package rules_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/pbicert/pbicert/internal/gen"
	"github.com/pbicert/pbicert/lint"
	"github.com/pbicert/pbicert/pbiviz"
	"github.com/pbicert/pbicert/rules"
)

func testdataPackages(t *testing.T) map[string]*pbiviz.Package {
	files, err := filepath.Glob("testdata/src/*/*.js")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	out := map[string]*pbiviz.Package{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		_, opts := parseWants(string(src))
		pkg, err := pbiviz.ReadBytes(gen.MustBuildPackage(testVisual(string(src), opts), gen.ZipOptions{}), pbiviz.Limits{})
		require.NoError(t, err)
		out[f] = pkg
	}
	return out
}

// TestModelKeepLosesNothing: the rules find exactly the same things whether
// the analyzer records every fact or only what rules.ModelKeep asks for.
func TestModelKeepLosesNothing(t *testing.T) {
	for f, pkg := range testdataPackages(t) {
		kept := lint.CheckPackage(f, pkg, lint.Options{})
		all := lint.CheckPackage(f, pkg, lint.Options{KeepAll: true})
		require.Empty(t, kept.Error, f)
		require.Equal(t, all.Findings, kept.Findings, f)
	}
}

// TestRulesDeclareTheirNeeds runs every rule alone on a model built only
// from what its Needs declare (the model filter, host members and dotted
// paths of that one rule) and on the full model (every fact, every rule's
// members and paths): a rule that reads a fact it did not declare finds
// less on the first and fails here.
func TestRulesDeclareTheirNeeds(t *testing.T) {
	pkgs := testdataPackages(t)
	full := map[string]*rules.Input{}
	for f, pkg := range pkgs {
		in, err := lint.Analyze(pkg, lint.Options{KeepAll: true})
		require.NoError(t, err)
		full[f] = in
	}
	for _, r := range rules.All() {
		one := []*rules.Rule{r}
		for f, pkg := range pkgs {
			in, err := lint.Analyze(pkg, lint.Options{Rules: one})
			require.NoError(t, err)
			got := rules.Run(in, one, nil)
			want := rules.Run(full[f], one, nil)
			require.Equal(t, want, got, "%s on %s: the rule reads facts its Needs do not declare", r.ID, f)
		}
	}
}
