package report

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pbicert/pbicert/rules"
)

// Every region has an explicit end at the end of its token, and the
// context region is given only when it is a proper superset (SARIF1008).
func TestSARIFRegions(t *testing.T) {
	type want struct {
		startCol, endCol int
		ctxStart, ctxEnd int // 0: no context region
		byteOff, byteLen int
		wholeLine        bool
	}
	cases := []struct {
		name string
		f    rules.Finding
		want want
	}{
		{"short line: the window is the whole line",
			rules.Finding{Location: rules.Location{Line: 3, Column: 9, Offset: 40}, Snippet: "var get=fetch.bind(window);", Caret: 8},
			want{startCol: 9, endCol: 14, ctxStart: 1, ctxEnd: 28, byteOff: 40, byteLen: 5}},
		{"the line is the token alone: no context",
			rules.Finding{Location: rules.Location{Line: 1, Column: 1, Offset: 0}, Snippet: "fetch", Caret: 0},
			want{startCol: 1, endCol: 6, byteLen: 5}},
		{"cut window on a long line, string token",
			rules.Finding{Location: rules.Location{Line: 1, Column: 1001, Offset: 1000}, Snippet: `…src:url("https://fonts.example.com/a.woff")}…`, Caret: 9},
			want{startCol: 1001, endCol: 1001 + 34, ctxStart: 993, ctxEnd: 993 + 44, byteOff: 1000, byteLen: 34}},
		{"CSS at-rule",
			rules.Finding{Location: rules.Location{Line: 2, Column: 1, Offset: 10}, Snippet: "@font-face{src:url(x)}", Caret: 0},
			want{startCol: 1, endCol: 11, ctxStart: 1, ctxEnd: 23, byteOff: 10, byteLen: 10}},
		{"non-ASCII identifier: columns in characters, length in bytes",
			rules.Finding{Location: rules.Location{Line: 1, Column: 3, Offset: 2}, Snippet: "a=évalué(x)", Caret: 2},
			want{startCol: 3, endCol: 9, ctxStart: 1, ctxEnd: 12, byteOff: 2, byteLen: 8}},
		{"punctuation: one character",
			rules.Finding{Location: rules.Location{Line: 1, Column: 2, Offset: 1}, Snippet: "x[k](1)", Caret: 1},
			want{startCol: 2, endCol: 3, ctxStart: 1, ctxEnd: 8, byteOff: 1, byteLen: 1}},
		{"no snippet: one character",
			rules.Finding{Location: rules.Location{Line: 4, Column: 7, Offset: 30}},
			want{startCol: 7, endCol: 8, byteOff: 30, byteLen: 1}},
		{"no position: the first line as a whole",
			rules.Finding{Location: rules.Location{File: "package-lock.json"}},
			want{wholeLine: true}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, ctx := regions(&c.f)
			require.NotNil(t, r)
			if c.want.wholeLine {
				assert.Equal(t, 1, *r.StartLine)
				assert.Equal(t, 1, *r.EndLine)
				assert.Nil(t, ctx)
				return
			}
			assert.Equal(t, c.f.Location.Line, *r.StartLine)
			require.NotNil(t, r.EndLine)
			assert.Equal(t, c.f.Location.Line, *r.EndLine)
			assert.Equal(t, c.want.startCol, *r.StartColumn, "startColumn")
			require.NotNil(t, r.EndColumn)
			assert.Equal(t, c.want.endCol, *r.EndColumn, "endColumn")
			assert.Equal(t, c.want.byteOff, *r.ByteOffset)
			assert.Equal(t, c.want.byteLen, *r.ByteLength)
			if c.want.ctxStart == 0 {
				assert.Nil(t, ctx)
				return
			}
			require.NotNil(t, ctx)
			assert.Equal(t, c.want.ctxStart, *ctx.StartColumn, "context start")
			assert.Equal(t, c.want.ctxEnd, *ctx.EndColumn, "context end")
			// a proper superset
			assert.LessOrEqual(t, *ctx.StartColumn, *r.StartColumn)
			assert.GreaterOrEqual(t, *ctx.EndColumn, *r.EndColumn)
			assert.True(t, *ctx.StartColumn < *r.StartColumn || *ctx.EndColumn > *r.EndColumn)
		})
	}
}
