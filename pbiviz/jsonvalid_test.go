package pbiviz

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

var validJSONCases = []string{
	``, ` `, `{}`, `[]`, `{"a":1}`, ` { "a" : [ 1 , 2 , { } ] , "b" : "x" } `, `[1,]`, `{"a":1,}`, `{,}`, `[,1]`,
	`{"a"}`, `{"a":}`, `{1:2}`, `{"a" 1}`, `[1 2]`, `[1,2`, `{"a":1`, `[[[]]]`, `[[[]]`, `[]]`, `{}}`, `{}{}`,
	`"abc"`, `"ab`, `"a\"b"`, `"a\\"`, `"a\\\"`, `"\u00e9"`, `"\u00g9"`, `"\u00e"`, `"\x"`, `"\/\b\f\n\r\t"`,
	"\"a\tb\"", "\"a\x01b\"", "\"a\x7fb\"", "\"\xff\xfe\"", "\"\xe9t\xe9 caf\xc3\xa9\"",
	`0`, `-0`, `-`, `01`, `1.`, `1.5`, `.5`, `1e5`, `1E+5`, `1e-5`, `1e`, `1e+`, `-1.5e10`, `--1`, `+1`, `1.5.5`,
	`true`, `false`, `null`, `tru`, `nul`, `nulll`, `True`, `[true,false,null]`, `truefalse`,
	"{\"a\":\r\n\t1}", "\v1", "1\x00", `"` + strings.Repeat("abcdefgh", 20) + `"`,
	`"` + strings.Repeat("abcdefg\\", 3) + `"`, `"` + strings.Repeat("a", 15) + "\x1f" + `"`,
}

// The fast validator's verdict is encoding/json's.
func TestValidJSON(t *testing.T) {
	for _, c := range validJSONCases {
		assert.Equal(t, json.Valid([]byte(c)), validJSON([]byte(c), nil), "%q", c)
	}
}

func FuzzValidJSON(f *testing.F) {
	for _, c := range validJSONCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := validJSON(b, nil), json.Valid(b); got != want {
			t.Fatalf("validJSON(%q) = %v, encoding/json says %v", b, got, want)
		}
	})
}
