package lint

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pbicert/pbicert/internal/gen"
	"github.com/pbicert/pbicert/rules"
)

// panicRule panics on every input that has content.js.
var panicRule = &rules.Rule{ID: "TST999", Name: "test-panics", Category: rules.Network, Severity: rules.Error,
	Run: func(pass *rules.Pass) {
		if pass.In.JS != nil {
			var m map[string]int
			m["boom"]++ // assignment to a nil map: a runtime panic
		}
	}}

// A panic inside the pipeline is recovered by CheckOne and reported as an
// internal error naming the input, and the rest of the batch still runs.
func TestRecoveredPanicIsInternalErrorWithInputName(t *testing.T) {
	dir := t.TempDir()
	pkg := gen.MustBuildPackage(gen.WithFindings(), gen.ZipOptions{})
	a := filepath.Join(dir, "a.pbiviz")
	require.NoError(t, os.WriteFile(a, pkg, 0o644))
	b := filepath.Join(dir, "b.pbiviz")
	require.NoError(t, os.WriteFile(b, pkg, 0o644))

	// Without the panicking rule the inputs are fine and have findings.
	ok := CheckOne(Input{Path: a, Kind: "package"}, Options{})
	require.Empty(t, ok.Error)
	require.NotEmpty(t, ok.Findings)

	opts := Options{Rules: append([]*rules.Rule{panicRule}, rules.All()...), Workers: 2}
	res := Check([]Input{{Path: a, Kind: "package"}, {Path: b, Kind: "package"}}, opts)
	require.Len(t, res, 2)
	for i, want := range []string{a, b} {
		r := res[i]
		assert.Equal(t, want, r.Path)
		assert.Equal(t, "package", r.Kind)
		assert.True(t, strings.HasPrefix(r.Error, "internal error: "), r.Error)
		assert.Contains(t, r.Error, "assignment to entry in nil map")
		assert.NotContains(t, r.Error, "\n")
		assert.NotNil(t, r.Findings)
		assert.Empty(t, r.Findings)
	}
	s := Summarize(res)
	assert.Equal(t, 2, s.Failed)

	// Standard input goes through the same recovery.
	r := CheckOne(Input{Path: "-", Kind: "stdin"}, Options{Rules: []*rules.Rule{panicRule}, Stdin: bytes.NewReader(pkg)})
	assert.Equal(t, "-", r.Path)
	assert.True(t, strings.HasPrefix(r.Error, "internal error: "), r.Error)
}
