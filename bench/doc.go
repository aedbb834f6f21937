// Package bench is pbicert's cross-stage benchmark harness: it measures each
// stage of a check (reading the package, building the program model, running
// the rules, writing reports) on deterministic generated bundles of 100 KB,
// 1 MB and 6 MB, next to a bare parse of the same bytes with
// tdewolff/parse/v2/js, so that the overhead over the parser is visible in
// every run. See docs/performance.md and `make bench`.
//
// The package holds no production code: everything lives in its tests and
// in the small commands under bench/ used by scripts/bench-compare.
package bench
