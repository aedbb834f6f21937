package main

import (
	"regexp"
	"runtime/debug"
	"strings"
)

// version is the release tag, set at build time by the release build and
// `make build` on a tagged commit (-ldflags "-X main.version=v0.2.0"); empty
// otherwise. Read it through pbicertVersion.
var version string

// pbicertVersion is the one version pbicert reports (pbicert version,
// --version, tool.version in JSON and SARIF): the tag given by ldflags;
// else the module version recorded by `go install …@v0.2.0`; else
// dev+<commit> (and +dirty) from the VCS stamp of a build in a checkout;
// else dev. A leading "v" is dropped: "0.2.0".
func pbicertVersion() string {
	bi, _ := debug.ReadBuildInfo()
	return resolveVersion(version, bi)
}

func resolveVersion(tag string, bi *debug.BuildInfo) string {
	if tag = strings.TrimSpace(tag); tag != "" {
		return strings.TrimPrefix(tag, "v")
	}
	if bi == nil {
		return "dev"
	}
	if v := bi.Main.Version; releaseRe.MatchString(v) && !pseudoRe.MatchString(v) {
		return strings.TrimPrefix(v, "v")
	}
	var rev string
	dirty := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "dev"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	v := "dev+" + rev
	if dirty {
		v += ".dirty"
	}
	return v
}

// releaseRe is a module version without build metadata (v0.2.0,
// v1.0.0-rc.1); pseudoRe a pseudo-version (v0.0.0-20261204163500-ea54a03abcde,
// the form golang.org/x/mod/module documents), which Go stamps on builds of
// untagged commits.
var (
	releaseRe = regexp.MustCompile(`^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$`)
	pseudoRe  = regexp.MustCompile(`^v[0-9]+\.(0\.0-|[0-9]+\.[0-9]+-([^+]*\.)?0\.)[0-9]{14}-[A-Za-z0-9]+(\+.*)?$`)
)
