package gen

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCommittedExamplesAreUpToDate regenerates testdata/packages in memory and
// compares byte for byte, so the committed files cannot drift from the
// generator. Fix with: go run ./internal/gen/cmd/genexamples
func TestCommittedExamplesAreUpToDate(t *testing.T) {
	files, err := Examples()
	require.NoError(t, err)
	assert.Len(t, files, 5)
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join("..", "..", "testdata", "packages", name))
		require.NoError(t, err, "run: go run ./internal/gen/cmd/genexamples")
		assert.True(t, string(want) == string(got), "%s is stale: run go run ./internal/gen/cmd/genexamples", name)
	}
}
