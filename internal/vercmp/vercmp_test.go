package vercmp

import "testing"

func TestCompare(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"4.7.0", "5.11.0", -1}, // numeric, not textual: 11 > 7
		{"5.11.0", "5.2.0", 1},
		{"5.3.0", "5.3.0", 0},
		{"4.7", "4.7.0", 0},         // missing parts are 0
		{"v7.9.0", "7.9.0", 0},      // a leading v
		{"1.0.0-beta", "1.0.0", -1}, // a pre-release before its release
		{"1.0.0", "1.0.0-rc.1", 1},
		{"1.0.0-alpha", "1.0.0-beta", -1},
		{"1.0.0+build.5", "1.0.0", 0}, // build metadata
		{"3.5.17", "4.0.0", -1},
		{"10.0.0", "9.9.9", 1},
		{"2.x", "2.0", 0}, // a part without digits is 0
	} {
		if got := Compare(tc.a, tc.b); got != tc.want {
			t.Errorf("Compare(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := Compare(tc.b, tc.a); got != -tc.want {
			t.Errorf("Compare(%q, %q) = %d, want %d (antisymmetric)", tc.b, tc.a, got, -tc.want)
		}
		if got := Less(tc.a, tc.b); got != (tc.want < 0) {
			t.Errorf("Less(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
}
