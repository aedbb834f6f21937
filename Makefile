# pbicert — see README.md
GO      ?= go
BIN     ?= bin/pbicert
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
PKGS    := ./...

.PHONY: all build test vet fmt-check fuzz demo generate clean

all: build

build:
	$(GO) build -trimpath -ldflags "-s -w -X main.version=$(VERSION)" -o $(BIN) ./cmd/pbicert

fmt-check:
	@out="$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))"; \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet $(PKGS)

# test: formatting, vet, and every test (fuzz seeds run as ordinary tests).
test: fmt-check vet
	$(GO) test -count=1 $(PKGS)

# demo: check the bundled example packages (exit 1: the second one has findings).
demo: build
	./$(BIN) check testdata/packages/example.pbiviz testdata/packages/findings.pbiviz || true

generate:
	$(GO) generate ./...

clean:
	rm -rf bin

include bench/bench.mk
