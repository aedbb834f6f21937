package rules

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// lastWrapperCustom finds what the last match of a forward search finds.
func TestLastWrapperCustom(t *testing.T) {
	forward := regexp.MustCompile(`custom\s*:\s*(?:!0|true)`)
	for _, src := range []string{
		``, `custom`, `custom:true`, `{custom:!0}`, `custom:false,custom : true`, `custom:true;custom:false`,
		`custom:!0 x custom:true y customs`, "custom\n\t:\n" + strings.Repeat(" ", 100) + "true", `xcustom:!0`,
		`a={custom:!0};b={name:"v",custom:!0,apiVersion:"5.3.0"};customcustom:true`,
	} {
		want := -1
		if ms := forward.FindAllStringIndex(src, -1); len(ms) > 0 {
			want = ms[len(ms)-1][0]
		}
		assert.Equal(t, want, lastWrapperCustom([]byte(src)), "%q", src)
	}
}
