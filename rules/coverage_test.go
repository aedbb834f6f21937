package rules_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pbicert/pbicert/rules"
)

// coveredElsewhere are rules whose cases live in other tests.
var coveredElsewhere = map[string]string{
	"REQ001": "whole-program: requirement_test.go, internal/gencategories and project tests",
	"REQ002": "whole-program: requirement_test.go",
	"REQ003": "whole-program: requirement_test.go (map comment at the end vs. inside a library)",
}

// TestEveryRuleHasCases: every rule that reads code has at least two
// expected findings in the want testdata (a plain case and an evasive or
// second form), and every testdata file holds near misses (lines without a
// want) next to its cases. Manifest rules have their table test
// (manifest_test.go); repository rules run on projects (project tests).
func TestEveryRuleHasCases(t *testing.T) {
	files, err := filepath.Glob("testdata/src/*/*.js")
	require.NoError(t, err)
	count := map[string]int{}
	wantRe := regexp.MustCompile(`"([A-Z]{3}[0-9]{3})[":@]`)
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		code, plain := 0, 0
		for _, line := range strings.Split(string(b), "\n") {
			trim := strings.TrimSpace(line)
			if trim == "" || strings.HasPrefix(trim, "//") {
				continue
			}
			code++
			i := strings.Index(line, "want ")
			if i < 0 {
				plain++
				continue
			}
			for _, m := range wantRe.FindAllStringSubmatch(line[i:], -1) {
				count[m[1]]++
			}
		}
		if code > 3 {
			assert.Greater(t, plain, 0, "%s has no near-miss lines (lines without a want)", f)
		}
	}
	for _, r := range rules.All() {
		if r.Category == rules.Manifest || strings.HasPrefix(r.ID, "REQ1") || strings.HasPrefix(r.ID, "MAN1") {
			continue
		}
		if why, ok := coveredElsewhere[r.ID]; ok {
			t.Logf("%s: %s", r.ID, why)
			continue
		}
		assert.GreaterOrEqual(t, count[r.ID], 2, "%s %s needs a case and an evasion in rules/testdata/src", r.ID, r.Name)
	}
}
