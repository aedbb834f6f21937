# pbicert — see README.md
GO      ?= go
BIN     ?= bin/pbicert
VERSION ?= $(shell git describe --tags --exact-match --match "v[0-9]*" 2>/dev/null)
PKGS    := ./...

.PHONY: all build test race vet fmt-check fuzz demo diff-demo screenshot generate clean actionlint npm-pack npm-smoke cross release

all: build

build:
	$(GO) build -trimpath -ldflags "-s -w $(if $(VERSION),-X main.version=$(VERSION))" -o $(BIN) ./cmd/pbicert

fmt-check:
	@out="$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))"; \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet $(PKGS)

# test: formatting, vet, and every test (fuzz seeds run as ordinary tests).
test: fmt-check vet
	$(GO) test -count=1 $(PKGS)

# race: the in-process packages under the race detector (parallel batches,
# diff normalisation, project reads).
race:
	$(GO) test -race -count=1 ./analyzer/... ./rules/ ./lint/ ./diff/ ./internal/project/ ./internal/report/ ./internal/config/ ./internal/baseline/ ./internal/sandbox/ ./pbiviz/

# demo: check the bundled example packages (exit 1: the second one has findings).
demo: build
	./$(BIN) check testdata/packages/example.pbiviz testdata/packages/findings.pbiviz || true

# fuzz: each fuzz target briefly (the committed seeds also run in `make test`).
FUZZTIME ?= 20s
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzRead$$' -fuzztime $(FUZZTIME) ./pbiviz
	$(GO) test -run '^$$' -fuzz '^FuzzManifest$$' -fuzztime $(FUZZTIME) ./pbiviz
	$(GO) test -run '^$$' -fuzz '^FuzzValidJSON$$' -fuzztime $(FUZZTIME) ./pbiviz
	$(GO) test -run '^$$' -fuzz '^FuzzAnalyze$$' -fuzztime $(FUZZTIME) ./analyzer
	$(GO) test -run '^$$' -fuzz '^FuzzCSS$$' -fuzztime $(FUZZTIME) ./analyzer
	$(GO) test -run '^$$' -fuzz '^FuzzPositions$$' -fuzztime $(FUZZTIME) ./analyzer
	$(GO) test -run '^$$' -fuzz '^FuzzSplit$$' -fuzztime $(FUZZTIME) ./analyzer
	$(GO) test -run '^$$' -fuzz '^FuzzCheckPackage$$' -fuzztime $(FUZZTIME) ./lint
	$(GO) test -run '^$$' -fuzz '^FuzzCheckResource$$' -fuzztime $(FUZZTIME) ./lint

# diff-demo: render a diverged diff report in headless Chromium and save a screenshot.
diff-demo:
	mkdir -p bin
	PBICERT_DIFF_SCREENSHOT=$(CURDIR)/bin/diff-demo.png $(GO) test -count=1 -run TestHTMLRendersInChromium -v ./diff

# screenshot: the README's picture of check --format html (docs/report.png): the
# rendering test's report (generated packages and a project, with --dynamic) in
# headless Chromium.
screenshot:
	PBICERT_REPORT_SCREENSHOT=$(CURDIR)/docs/report.png $(GO) test -count=1 -run '^TestHTMLReportInChromium$$' -v ./cmd/pbicert

# npm-pack: the npm packages for this machine (pbicert and @pbicert/<os>-<arch>) into dist/npm/.
npm-pack:
	scripts/npm-pack

# npm-smoke: install those packages into a throwaway visual project (no registry) and compare
# `npx pbicert` and the Node API with the Go binary.
npm-smoke:
	scripts/npm-smoke

# cross: compile every release target (linux, darwin: x64, arm64; windows: x64) into dist/bin/.
cross:
	scripts/cross-build

# release: goreleaser (archives, checksums; version from the tag) and the npm packages of every
# target, in dist/release/ and dist/npm/. Publishing is not done here (see scripts/release).
release:
	scripts/release

generate:
	$(GO) generate ./...

# actionlint: the workflows and, through .github/workflows/action.yml which
# uses it, the composite action's metadata (action.yml), with a pinned
# actionlint (shellcheck is used when installed).
ACTIONLINT ?= github.com/rhysd/actionlint/cmd/actionlint@v1.7.12
actionlint:
	$(GO) run $(ACTIONLINT) .github/workflows/*.yml

clean:
	rm -rf bin dist

include bench/bench.mk
