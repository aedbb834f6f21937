package main

import (
	"runtime/debug"
	"testing"
)

func TestResolveVersion(t *testing.T) {
	vcs := func(main string, rev, modified string) *debug.BuildInfo {
		bi := &debug.BuildInfo{Main: debug.Module{Path: "github.com/pbicert/pbicert", Version: main}}
		if rev != "" {
			bi.Settings = append(bi.Settings, debug.BuildSetting{Key: "vcs.revision", Value: rev},
				debug.BuildSetting{Key: "vcs.modified", Value: modified})
		}
		return bi
	}
	const rev = "ea54a032b895550328818cc55ab476a349ef5d9b"
	for _, c := range []struct {
		tag  string
		bi   *debug.BuildInfo
		want string
	}{
		{"v0.3.0", vcs("v0.0.0-20261204163355-ea54a032b895", rev, "false"), "0.3.0"}, // the tag wins
		{"0.3.0", nil, "0.3.0"},
		{"", vcs("v0.2.1", "", ""), "0.2.1"},                                              // go install …@v0.2.1
		{"", vcs("v1.0.0-rc.1", "", ""), "1.0.0-rc.1"},                                    // a pre-release tag
		{"", vcs("v0.0.0-20261204163355-ea54a032b895", rev, "false"), "dev+ea54a032b895"}, // untagged commit
		{"", vcs("v0.2.2-0.20261204163355-ea54a032b895", rev, "false"), "dev+ea54a032b895"},
		{"", vcs("v0.2.1+dirty", rev, "true"), "dev+ea54a032b895.dirty"},
		{"", vcs("(devel)", rev, "true"), "dev+ea54a032b895.dirty"},
		{"", vcs("(devel)", "", ""), "dev"},
		{"", nil, "dev"},
	} {
		if got := resolveVersion(c.tag, c.bi); got != c.want {
			t.Errorf("resolveVersion(%q, %v) = %q, want %q", c.tag, c.bi.Main.Version, got, c.want)
		}
	}
}
