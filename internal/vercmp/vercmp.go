// Package vercmp compares dotted version numbers: the one comparison of
// pbicert's manifest rules (API versions), the library identification
// (umbrella versions) and the fingerprint generator (npm versions).
package vercmp

import "strings"

// Compare returns -1, 0 or 1 as version a is lower than, equal to or
// higher than b. Versions are dot-separated numbers ("5.11.0"), missing
// parts count as 0 ("4.7" is "4.7.0"), a part's leading digits are its
// number, and a leading "v" and "+build" metadata are ignored. A
// pre-release ("1.0.0-beta") sorts before its release, and pre-release
// tags compare as text.
func Compare(a, b string) int {
	na, ta := split(a)
	nb, tb := split(b)
	as, bs := strings.Split(na, "."), strings.Split(nb, ".")
	for i := 0; i < max(len(as), len(bs)); i++ {
		var x, y int
		if i < len(as) {
			x = number(as[i])
		}
		if i < len(bs) {
			y = number(bs[i])
		}
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	switch {
	case ta == tb:
		return 0
	case ta == "":
		return 1 // a release after its pre-releases
	case tb == "":
		return -1
	case ta < tb:
		return -1
	}
	return 1
}

// Less reports whether version a is lower than b (Compare(a, b) < 0).
func Less(a, b string) bool { return Compare(a, b) < 0 }

// split returns the numbers of a version and its pre-release tag.
func split(v string) (nums, tag string) {
	v = strings.TrimPrefix(strings.TrimSpace(v), "v")
	v, _, _ = strings.Cut(v, "+")
	nums, tag, _ = strings.Cut(v, "-")
	return nums, tag
}

// number is the value of the leading digits of s (0 when there are none).
func number(s string) int {
	n := 0
	for i := 0; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
