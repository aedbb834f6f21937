package sandbox

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestEvalString(t *testing.T) {
	cases := map[string]string{
		`(() => "fe" + "tch")()`:                   "fetch",
		`["h","c","t","e","f"].reverse().join("")`: "fetch",
		`(function(a){return a.map(function(c){return String.fromCharCode(c)}).join("")})([102,101,116,99,104])`: "fetch",
		`atob("ZmV0Y2g=")`: "fetch",
		`"hctef".split("").sort().join("") && "fetch"`: "fetch",
	}
	for code, want := range cases {
		got, ok := EvalString(code, Budget{})
		assert.True(t, ok, code)
		assert.Equal(t, want, got, code)
	}
}

func TestEvalRefuses(t *testing.T) {
	for _, code := range []string{
		`(() => { while (true) {} })()`,  // time budget
		`(function f(){ return f() })()`, // stack limit
		`42`,                             // not a string
		`"a".repeat(1 << 20)`,            // result too long
		`eval("1")`,                      // no eval
		`Function("return 1")()`,         // no Function
		`syntax error (`,                 // parse error
		`typeof window === "undefined" ? "no host" : window.fetch`,
	} {
		// an endless loop or recursion that escaped the budget would hang
		// the test (and fail it at the test timeout): no timing assertion
		budget := Budget{Timeout: 50 * time.Millisecond}
		if code == `typeof window === "undefined" ? "no host" : window.fetch` {
			// the one that must succeed gets room for a loaded machine
			budget.Timeout = 5 * time.Second
		}
		got, ok := EvalString(code, budget)
		if code == `typeof window === "undefined" ? "no host" : window.fetch` {
			assert.True(t, ok)
			assert.Equal(t, "no host", got, "there is no window in the sandbox")
			continue
		}
		assert.False(t, ok, "%s gave %q", code, got)
	}
}

// TestEvaluatorTotal: once the evaluations of one input have used the total
// budget, every further one is refused, even one that would succeed.
func TestEvaluatorTotal(t *testing.T) {
	// 200 ms per evaluation leaves a loaded machine room for the first
	// one; three endless loops then use up the 600 ms total
	eval := NewEvaluator(Budget{Timeout: 200 * time.Millisecond}, 600*time.Millisecond)
	s, ok := eval(`"fe" + "tch"`)
	assert.True(t, ok)
	assert.Equal(t, "fetch", s)
	for i := 0; i < 3; i++ { // each endless loop uses its 200 ms (or what is left)
		_, ok := eval(`(() => { while (true) {} })()`)
		assert.False(t, ok)
	}
	_, ok = eval(`"fe" + "tch"`)
	assert.False(t, ok, "the total budget is used up")
}
