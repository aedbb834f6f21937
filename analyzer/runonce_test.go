package analyzer

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLoopRunOnce: a loop in a nested function that fills an outer array
// is folded only where the function is invoked immediately outside every
// loop of its parent (it runs once before the join), in one piece and
// split into units walked in parallel (the run-once state crosses into a
// unit's task). The fake sandbox folds any loop it is given to "fetch":
// a loop that must not be folded shows up as a call of fetch.
func TestLoopRunOnce(t *testing.T) {
	src := `var once = [], twice = [], looped = [];
(function(){ for (var i = 0; i < 5; i++) once.push("fetch"[i]) })();
function fill(){ for (var i = 0; i < 5; i++) twice.push("fetch"[i]) }
fill(); fill();
for (var n = 0; n < 2; n++) { (function(){ for (var i = 0; i < 5; i++) looped.push("fetch"[i]) })() }
window[once.join("")]("a"); window[twice.join("")]("b"); window[looped.join("")]("c");`
	eval := func(code string) (string, bool) {
		if strings.Contains(code, ".push(") {
			return "fetch", true
		}
		return "", false
	}
	assertFetched(t, src, Options{Eval: eval}, "a")
}

// TestMapGetBeforeSet: a get that precedes the only set of its key in the
// same function does not resolve to the set's value, a get after it does,
// in one piece and split into units (the function a table use is in
// crosses into a unit's task).
func TestMapGetBeforeSet(t *testing.T) {
	src := `var f = function(){ var t = new Map(); var x = t.get("k"); t.set("k", "fetch"); window[x]("a"); var y = t.get("k"); window[y]("b") };
var g = function(){ var u = new Map(); u.set("k", "fetch"); (function(){ window[u.get("k")]("c") })() };`
	assertFetched(t, src, Options{}, "b", "c")
}

// assertFetched parses src in one piece and split into units (base gives
// the other options) and checks that fetch is called with exactly the
// given constant arguments in both.
func assertFetched(t *testing.T, src string, base Options, want ...string) {
	t.Helper()
	exp := map[string]bool{}
	for _, w := range want {
		exp[w] = true
	}
	one, split := base, base
	one.ParseWorkers = 1
	split.ParseWorkers, split.splitMin, split.unitMin = 4, 1, 1
	for name, opts := range map[string]Options{"one-piece": one, "split": split} {
		p, err := Parse("t.js", []byte(src), opts)
		require.NoError(t, err, name)
		if name == "split" {
			require.NotNil(t, p.split, "the input fell back to one piece")
		}
		fetched := map[string]bool{}
		for _, c := range p.Calls {
			if c.Callee.IsGlobal("fetch") && len(c.Args) == 1 {
				fetched[c.Args[0].Str] = true
			}
		}
		assert.Equal(t, exp, fetched, name)
	}
}
