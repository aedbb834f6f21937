package rules

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
)

// hotUpdateIndex finds what bytes.Index finds, also next to near misses.
func TestHotUpdateIndex(t *testing.T) {
	for _, s := range []string{"", ".hot-update.json", "x.hot-update.json", "hot-update.json", "-update.json.hot-update.json",
		"a.hot-update.jso", ".hat-update.json .hot-update.json", "..hot-update.json", ".ho-update.json", "-update.json"} {
		assert.Equal(t, bytes.Index([]byte(s), []byte(".hot-update.json")), hotUpdateIndex([]byte(s)), "%q", s)
	}
}
