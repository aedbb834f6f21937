package main

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pbicert/pbicert/internal/gen"
)

// TestStressBatch checks a few hundred generated packages of mixed sizes,
// one in eight hostile (corrupt zip, bomb, path traversal, bad JSON,
// unparsable and deeply nested code, no package.json, not a zip), through
// the binary with 16 jobs under a 200 MiB budget: every input is reported
// exactly once, each hostile one as it should be, and the peak memory stays
// near the budget and no higher than with 2 jobs plus the largest input's
// working set.
func TestStressBatch(t *testing.T) {
	count := 240
	if testing.Short() {
		count = 80
	}
	dir := t.TempDir()
	batch := gen.Batch(gen.BatchOptions{Seed: 3, Count: count, MinBytes: 4 << 10, MaxBytes: 400 << 10, Large: 2 << 20, Hostile: 8})
	kinds := map[string]string{}
	maxJS := 0
	for _, p := range batch {
		require.NoError(t, os.WriteFile(filepath.Join(dir, p.Name), p.Data, 0o644))
		kinds[filepath.Join(dir, p.Name)] = p.Hostile
		maxJS = max(maxJS, p.JSBytes)
	}
	// The peak is measured by /usr/bin/time: the rusage Go reads for a
	// child it started counts the parent's own pages (the child is cloned
	// with the parent's memory until it runs exec).
	timeBin, timeErr := exec.LookPath("/usr/bin/time")
	run := func(jobs string) (map[string]int, int64) {
		args := []string{e2eBinary(t), "check", "--format", "json", "--fail-on", "never", "--jobs", jobs, dir}
		rssFile := filepath.Join(t.TempDir(), "rss")
		if timeErr == nil {
			args = append([]string{timeBin, "-f", "%M", "-o", rssFile}, args...)
		}
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Env = append(os.Environ(), "GOMEMLIMIT=200MiB", "GOGC=")
		out, err := cmd.Output()
		var ee *exec.ExitError
		if err != nil && !(errors.As(err, &ee) && ee.ExitCode() == 2) { // 2: some inputs could not be read
			t.Fatalf("pbicert: %v", err)
		}
		var doc struct {
			Results []struct {
				Path     string `json:"path"`
				Error    string `json:"error"`
				Findings []struct {
					Rule string `json:"rule"`
				} `json:"findings"`
			} `json:"results"`
			Summary struct {
				Inputs int `json:"inputs"`
			} `json:"summary"`
		}
		require.NoError(t, json.Unmarshal(out, &doc))
		seen := map[string]int{}
		for _, r := range doc.Results {
			seen[r.Path]++
			kind, known := kinds[r.Path]
			require.True(t, known, "unknown path %s", r.Path)
			switch kind {
			case "":
				assert.Empty(t, r.Error, r.Path)
			case "no-package-json":
				assert.Empty(t, r.Error, r.Path)
				rules := map[string]bool{}
				for _, f := range r.Findings {
					rules[f.Rule] = true
				}
				assert.True(t, rules["MAN016"], "%s: MAN016", r.Path)
			case "deep-js":
				// refused by the nesting guard or analysed: either way once
			default:
				assert.NotEmpty(t, r.Error, "%s (%s) should be an input error", r.Path, kind)
			}
		}
		assert.Equal(t, len(batch), doc.Summary.Inputs)
		var rss int64
		if timeErr == nil {
			b, err := os.ReadFile(rssFile)
			require.NoError(t, err)
			lines := strings.Fields(string(b)) // "Command exited with non-zero status 2" may come first
			kib, err := strconv.ParseInt(lines[len(lines)-1], 10, 64)
			require.NoError(t, err, "/usr/bin/time wrote %q", b)
			rss = kib << 10
		}
		return seen, rss
	}
	seen16, rss16 := run("16")
	assert.Len(t, seen16, len(batch))
	for p, n := range seen16 {
		assert.Equal(t, 1, n, "%s reported %d times", p, n)
	}
	_, rss2 := run("2")
	if timeErr != nil {
		t.Skip("/usr/bin/time is missing (Debian: apt-get install time): peak memory not measured; every input was reported once")
	}
	t.Logf("peak RSS: --jobs 16 %d MiB, --jobs 2 %d MiB, largest content.js %d KB", rss16>>20, rss2>>20, maxJS>>10)
	assert.LessOrEqual(t, rss16, int64(300<<20), "peak with a 200 MiB budget")
	assert.LessOrEqual(t, rss16, rss2+workingSet(maxJS), "--jobs 16 against --jobs 2 plus the largest input's working set")
}
