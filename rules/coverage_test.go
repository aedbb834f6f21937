package rules_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/pbicert/pbicert/rules"
)

// The testdata sources are divided into sections by comments:
//
//	// positive: NET006 NET007    plain cases: each listed rule has a want in the section
//	// evasion: NET006            evasive forms: each listed rule has a want in the section
//	// near-miss: NET006          look-alikes: no line of the section wants a listed rule
//
// A section runs to the next section comment. Any text after the rule IDs is
// free. Lines before the first section comment count as positive cases for
// the rules they want.

var (
	sectionRe = regexp.MustCompile(`^\s*//\s*(positive|evasion|near-miss):(.*)$`)
	ruleIDRe  = regexp.MustCompile(`\b[A-Z]{3}[0-9]{3}\b`)
)

// coverage counts, per rule, the sections of each kind that hold a case.
type coverage struct {
	positive, evasion, nearMiss map[string]int
	problems                    []string
}

type section struct {
	kind  string
	rules []string
	line  int
	wants map[string]int // rule -> wants in the section
	code  int            // code lines in the section
}

// scanCoverage reads one testdata source.
func scanCoverage(name, src string, cov *coverage) {
	var cur *section
	flush := func() {
		if cur == nil {
			return
		}
		for _, r := range cur.rules {
			switch cur.kind {
			case "positive", "evasion":
				if cur.wants[r] == 0 {
					cov.problems = append(cov.problems, fmt.Sprintf("%s:%d: %s section for %s has no want for it", name, cur.line, cur.kind, r))
					continue
				}
				if cur.kind == "evasion" {
					cov.evasion[r]++
				} else {
					cov.positive[r]++
				}
			case "near-miss":
				switch {
				case cur.wants[r] > 0:
					cov.problems = append(cov.problems, fmt.Sprintf("%s:%d: near-miss section for %s has a want for it", name, cur.line, r))
				case cur.code == 0:
					cov.problems = append(cov.problems, fmt.Sprintf("%s:%d: near-miss section for %s holds no code", name, cur.line, r))
				default:
					cov.nearMiss[r]++
				}
			}
		}
	}
	for i, line := range strings.Split(src, "\n") {
		if m := sectionRe.FindStringSubmatch(line); m != nil {
			flush()
			cur = &section{kind: m[1], rules: ruleIDRe.FindAllString(m[2], -1), line: i + 1, wants: map[string]int{}}
			if len(cur.rules) == 0 {
				cov.problems = append(cov.problems, fmt.Sprintf("%s:%d: %s section names no rule", name, i+1, m[1]))
			}
			continue
		}
		wants, _ := parseWants(line)
		trim := strings.TrimSpace(line)
		if trim != "" && !strings.HasPrefix(trim, "//") {
			if cur != nil {
				cur.code++
			}
		}
		for _, w := range wants {
			if cur == nil {
				cov.positive[w.rule]++
			} else {
				cur.wants[w.rule]++
				if cur.kind != "positive" && !slices.Contains(cur.rules, w.rule) {
					// a want for another rule inside an evasion or
					// near-miss section still shows the rule fires
					cov.positive[w.rule]++
				}
			}
		}
	}
	flush()
}

// TestEveryRuleHasCases: every rule that reads code has a positive case, an
// evasion and a near miss in rules/testdata/src, marked by section comments.
// Manifest rules have their table test (manifest_test.go); rules that read
// no code (the repository rules) run on projects only.
func TestEveryRuleHasCases(t *testing.T) {
	files, err := filepath.Glob("testdata/src/*/*.js")
	require.NoError(t, err)
	cov := &coverage{positive: map[string]int{}, evasion: map[string]int{}, nearMiss: map[string]int{}}
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		scanCoverage(f, string(b), cov)
	}
	var missing []string
	for _, r := range rules.All() {
		if r.Category == rules.Manifest || r.Needs.Inputs&(rules.JS|rules.CSS) == 0 {
			continue
		}
		var lacks []string
		if cov.positive[r.ID] == 0 {
			lacks = append(lacks, "a positive case (a want)")
		}
		if cov.evasion[r.ID] == 0 {
			lacks = append(lacks, "an evasion (`// evasion: "+r.ID+"` section with a want)")
		}
		if cov.nearMiss[r.ID] == 0 {
			lacks = append(lacks, "a near miss (`// near-miss: "+r.ID+"` section without a want)")
		}
		if len(lacks) > 0 {
			missing = append(missing, fmt.Sprintf("%s %s lacks %s", r.ID, r.Name, strings.Join(lacks, ", ")))
		}
	}
	sort.Strings(missing)
	for _, p := range cov.problems {
		t.Error(p)
	}
	for _, m := range missing {
		t.Error(m)
	}
}

// TestCoverageSections checks the section convention itself.
func TestCoverageSections(t *testing.T) {
	cov := &coverage{positive: map[string]int{}, evasion: map[string]int{}, nearMiss: map[string]int{}}
	scanCoverage("a.js", `fetch(u); // want "NET001"
// evasion: NET001 aliases
const f = fetch; // want "NET001"
f(u);
eval(x); // want "DYN001"
// near-miss: NET001 DYN001
client.fetch(u);
// near-miss: NET003
`, cov)
	require.Equal(t, map[string]int{"NET001": 1, "DYN001": 1}, cov.positive)
	require.Equal(t, map[string]int{"NET001": 1}, cov.evasion)
	require.Equal(t, map[string]int{"NET001": 1, "DYN001": 1}, cov.nearMiss)
	require.Equal(t, []string{"a.js:8: near-miss section for NET003 holds no code"}, cov.problems)

	cov = &coverage{positive: map[string]int{}, evasion: map[string]int{}, nearMiss: map[string]int{}}
	scanCoverage("b.js", "// near-miss: NET001\nfetch(u); // want \"NET001\"\n// evasion: NET002\nx();\n", cov)
	require.Equal(t, []string{
		"b.js:1: near-miss section for NET001 has a want for it",
		"b.js:3: evasion section for NET002 has no want for it",
	}, cov.problems)
}
