package pbiviz

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// follow runs followStrings over doc while a writer publishes it in steps
// of 1..maxStep bytes (seeded), as the inflate does.
func follow(doc []byte, seed int64, maxStep int) longStrings {
	buf := make([]byte, len(doc)+1) // the reader's buffer: declared size + 1
	pr := newProgress()
	found := make(chan longStrings, 1)
	go func() { found <- followStrings(buf, pr) }()
	r := rand.New(rand.NewSource(seed))
	n := 0
	for n < len(doc) {
		k := min(len(doc)-n, 1+r.Intn(maxStep))
		copy(buf[n:], doc[n:n+k])
		n += k
		pr.set(n, false)
	}
	pr.set(n, true)
	return <-found
}

// checkMemos fails unless every memo is what stringEnd, skipStringBody and
// unquote say at its offset.
func checkMemos(t *testing.T, doc []byte, ls longStrings) {
	t.Helper()
	for k, s := range ls {
		require.Equal(t, byte('"'), doc[s.start], "memo %d does not start at a quote", k)
		require.Equal(t, stringEnd(doc, s.start+1), s.end, "memo %d: end", k)
		require.Equal(t, skipStringBody(doc, s.start+1), s.end, "memo %d: skip", k)
		require.Equal(t, unquote(doc[s.start:s.end]), s.text, "memo %d: text", k)
		if k > 0 {
			require.Greater(t, s.start, ls[k-1].start, "memos out of order")
		}
	}
}

// decodeBoth decodes doc without and with the memos: the results and
// errors must be the same.
func decodeBoth(t *testing.T, doc []byte, ls longStrings) {
	t.Helper()
	var plain, followed Resource
	errPlain := decodeResource("r.json", doc, fuzzLimits, &plain, nil)
	errFollowed := decodeResource("r.json", doc, fuzzLimits, &followed, ls)
	require.Equal(t, errPlain, errFollowed)
	require.True(t, reflect.DeepEqual(plain, followed), "resources differ:\n%+v\n%+v", plain, followed)
	require.Equal(t, checkDepth(doc, 64, nil), checkDepth(doc, 64, ls))
	require.Equal(t, validJSON(doc, nil), validJSON(doc, ls))
	fa, ea := objectFields(doc, skipSpace(doc, 0), nil)
	fb, eb := objectFields(doc, skipSpace(doc, 0), ls)
	require.Equal(t, ea, eb)
	require.Equal(t, fa, fb)
}

// longDocs are resources whose strings are long (longMin is lowered to 16
// bytes), with escapes, surrogate pairs and invalid strings placed where
// the writer's steps cut them.
var longDocs = []string{
	`{"content":{"js":"var a = \"x\\y\";\n\t\u00e9\ud83d\ude00 and more text to pass sixteen","css":"a{}"},"apiVersion":"5.1.0"}`,
	`{"visual":{"name":"a long visual name here"},"content":{"js":"\ud800\u0041 lone surrogate, then \ud83d\ude00 pair \\\\\" q"}}`,
	`{"content":{"js":"` + strings.Repeat(`\"\\\/\b\f\n\r\t\u0041\ud83d\ude00`, 20) + `"},"capabilities":{"privileges":[{"name":"WebAccess","parameters":["https://a long origin.example"]}]}}`,
	`{"content":{"js":"a string that is long enough but has a bad escape \x here"}}`,
	`{"content":{"js":"a string that is long enough and a control ` + "\x01" + ` byte"}}`,
	`{"content":{"js":"a long string with a cut unicode escape at the end \u00`,
	`{"content":{"js":"a long string never closed ........................`,
	`{"a":"` + strings.Repeat("x", 100) + `", "b": [1, "` + strings.Repeat("y", 40) + `\u12"], "c":"` + strings.Repeat("z", 30) + `"}`,
	"\xEF\xBB\xBF" + `{"content":{"js":"after a byte order mark, long enough"}}`,
	`{"content":{"js":"invalid utf-8 ` + "\xff\xfe" + ` kept as it is, long enough"}}`,
	`["a top-level array with a long string in it", {"k":"` + strings.Repeat("v", 50) + `"}]`,
	`{"content":{"js":"x"}, "content":{"js":"a duplicate key, the last one wins, long"}}`,
}

func TestFollowStrings(t *testing.T) {
	defer func(m int) { longMin = m }(longMin)
	longMin = 16
	for i, doc := range longDocs {
		for seed := int64(0); seed < 40; seed++ {
			ls := follow([]byte(doc), seed, 1+int(seed%13))
			checkMemos(t, []byte(doc), ls)
			decodeBoth(t, stripBOM([]byte(doc)), ls.shift(len(stripBOM([]byte(doc)))-len(doc)))
			if i < 3 {
				require.NotEmpty(t, ls, "doc %d: no long string followed", i)
			}
		}
	}
	// a valid document: every string of at least longMin bytes is followed
	ls := follow([]byte(longDocs[2]), 1, 7)
	assert.Len(t, ls, 2) // content.js and the origin
}

func FuzzFollow(f *testing.F) {
	for _, d := range longDocs {
		f.Add([]byte(d), int64(1), uint8(5))
	}
	for _, d := range manifestSeeds() {
		f.Add([]byte(d), int64(2), uint8(64))
	}
	f.Fuzz(func(t *testing.T, doc []byte, seed int64, step uint8) {
		defer func(m int) { longMin = m }(longMin)
		longMin = 8
		ls := follow(doc, seed, 1+int(step))
		checkMemos(t, doc, ls)
		raw := stripBOM(doc)
		decodeBoth(t, raw, ls.shift(len(raw)-len(doc)))
	})
}
