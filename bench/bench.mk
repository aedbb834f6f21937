# bench/bench.mk: performance targets, included from the Makefile
# (`include bench/bench.mk`). See docs/performance.md.
GO        ?= go
BENCHSTAT ?= $(shell command -v benchstat 2>/dev/null || ls $$($(GO) env GOPATH)/bin/benchstat 2>/dev/null)
BENCH     ?= .
COUNT     ?= 5

.PHONY: bench bench-compare bench-profile

# bench: every stage on 100 KB, 1 MB and 6 MB generated bundles, in MB/s, with
# the x-parse overhead ratio over a bare parse, and diff on a 5 MB pair (its
# builds analysed one after the other and in parallel); benchstat summary when installed
# (go install golang.org/x/perf/cmd/benchstat@latest).
bench:
	$(GO) test -run '^$$' -bench '$(BENCH)' -benchmem -count $(COUNT) ./bench/ ./analyzer/ ./diff/ | tee bench.txt
	@if [ -n "$(BENCHSTAT)" ]; then $(BENCHSTAT) bench.txt; else echo "benchstat not installed: go install golang.org/x/perf/cmd/benchstat@latest"; fi

# bench-profile: CPU and memory profiles of the whole check on the 6 MB bundle.
bench-profile:
	$(GO) test -run '^$$' -bench 'Check/6MB' -benchtime 5x -cpuprofile cpu.out -memprofile mem.out -o bench.test ./bench/
	@echo "go tool pprof -top bench.test cpu.out   |   go tool pprof -sample_index=alloc_space -top bench.test mem.out"

# bench-compare: real npm libraries, pbicert vs a bare parse vs Microsoft's
# audit and ESLint (network; cache in .cache/npm, never committed).
bench-compare:
	scripts/bench-compare
