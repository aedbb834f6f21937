package analyzer

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestPositionsRealLibraries runs the position oracle over real minified
// libraries when a local npm cache holds them (scripts/bench-compare fills
// .cache/npm; or set PBICERT_NPM_DIR to a node_modules folder). Nothing
// third-party is committed: without the cache the test is skipped.
func TestPositionsRealLibraries(t *testing.T) {
	dir := os.Getenv("PBICERT_NPM_DIR")
	if dir == "" {
		dir = filepath.Join("..", ".cache", "npm", "node_modules")
	}
	files := []string{"d3/dist/d3.min.js", "jquery/dist/jquery.min.js", "lodash/lodash.min.js",
		"moment/min/moment.min.js", "echarts/dist/echarts.min.js", "axios/dist/axios.min.js", "plotly.js-dist-min/plotly.min.js"}
	ran := 0
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			continue
		}
		ran++
		t.Run(f, func(t *testing.T) {
			p, err := Parse(f, b, Options{RecordIdents: true, MaxBytes: 64 << 20})
			require.NoError(t, err)
			require.Zero(t, p.Unplaced, "first unplaced identifier near offset %d", p.FirstUnplaced)
			if len(b) < 600<<10 { // the reflective goja oracle is slow on the largest files
				checkPositions(t, f, string(b))
			}
		})
	}
	if ran == 0 {
		t.Skip("no npm cache with real libraries (run scripts/bench-compare or set PBICERT_NPM_DIR)")
	}
}
