package analyzer

import (
	"fmt"
	"strings"
	"testing"
)

// TestHelperCyclesEnd: helpers whose returns call each other (recursion
// through two returns each) once made helperReturn follow the cycle to the
// depth bound without memoising anything, exponentially: a real 6 MB bundle
// never finished. Helpers are now followed maxHelperDepth levels deep. (A
// regression shows as this test hanging until the test timeout: it did,
// without the bound.) A value within the bound is still found.
func TestHelperCyclesEnd(t *testing.T) {
	var sb strings.Builder
	const n = 12
	for i := 0; i < n; i++ {
		fmt.Fprintf(&sb, "function h%d(x){ return x ? h%d(x-1) : h%d(x+1) }\n", i, (i+1)%n, (i+2)%n)
	}
	sb.WriteString("function h12(x){ return x ? window : h0(x) }\n")
	sb.WriteString("function g(x){ return x > 9 ? h12(x) : h0(x) }\n")
	for i := 0; i < 50; i++ {
		fmt.Fprintf(&sb, "h%d(%d).fetch(u);\n", i%n, i)
	}
	sb.WriteString("g(1).fetch(u);\n")
	got := calleePaths(t, sb.String())
	found := false
	for _, p := range got {
		if p == "fetch" {
			found = true
		}
	}
	if !found {
		t.Errorf("g(1).fetch(u): g can return window through h12, want fetch among %v", got)
	}
}
