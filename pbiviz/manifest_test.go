package pbiviz

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pbicert/pbicert/internal/gen"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const rn = "resources/x.pbiviz.json"

func manifestErr(t *testing.T, doc string) error {
	t.Helper()
	r, err := ParseManifestJSON(rn, []byte(doc), DefaultLimits())
	require.Error(t, err, doc)
	assert.Nil(t, r)
	assert.NotContains(t, err.Error(), "\n")
	assert.True(t, strings.HasPrefix(err.Error(), rn+": "), "names the entry: %v", err)
	return err
}

func TestManifestInvalidJSON(t *testing.T) {
	assert.EqualError(t, manifestErr(t, `{"visual":{"guid":"a"},}`),
		rn+": invalid JSON at byte 23: invalid character '}' looking for beginning of object key string")
	assert.EqualError(t, manifestErr(t, `{"content":{"js":"abc`), rn+": invalid JSON at byte 21: unexpected end of JSON input")
	assert.EqualError(t, manifestErr(t, ``), rn+": invalid JSON at byte 0: unexpected end of JSON input")
	assert.EqualError(t, manifestErr(t, ` [1,2]`), rn+": invalid JSON at byte 1: expected object, got array")
}

func TestManifestWrongTypes(t *testing.T) {
	cases := map[string]string{
		`{"content":[1,2]}`:                                               "field content: expected object, got array",
		`{"content":{"js":42}}`:                                           "field content.js: expected string, got number",
		`{"capabilities":{"privileges":"WebAccess"}}`:                     "field capabilities.privileges: expected array, got string",
		`{"capabilities":{"privileges":["WebAccess"]}}`:                   "field capabilities.privileges[0]: expected object, got string",
		`{"capabilities":{"privileges":[{"name":7}]}}`:                    "field capabilities.privileges[0].name: expected string, got number",
		`{"capabilities":{"privileges":[{"name":"W","parameters":"*"}]}}`: "field capabilities.privileges[0].parameters: expected array or object, got string",
		`{"capabilities":{"privileges":[{"name":"W","parameters":[1]}]}}`: "field capabilities.privileges[0].parameters[0]: expected string, got number",
		`{"capabilities":[]}`:                                             "field capabilities: expected object, got array",
		`{"visual":"v"}`:                                                  "field visual: expected object, got string",
		`{"visual":{"guid":["g"]}}`:                                       "field visual.guid: expected string, got array",
		`{"author":{"email":true}}`:                                       "field author.email: expected string, got boolean",
		`{"apiVersion":5.1}`:                                              "field apiVersion: expected string, got number",
		`{"externalJS":3}`:                                                "field externalJS: expected array of strings, got number",
		`{"externalJS":["a",null]}`:                                       "field externalJS[1]: expected string, got null",
	}
	for doc, want := range cases {
		err := manifestErr(t, doc)
		assert.Contains(t, err.Error(), ": invalid JSON at byte ", doc)
		assert.Contains(t, err.Error(), want, doc)
	}
	// the offset points into the document, at the offending value
	err := manifestErr(t, `{"a":1,"content":[1,2]}`)
	assert.Contains(t, err.Error(), "at byte 17:")
}

func TestManifestNullsAreAbsent(t *testing.T) {
	r, err := ParseManifestJSON(rn, []byte(`{"visual":null,"content":null,"capabilities":{"privileges":null},"externalJS":null,"apiVersion":null}`), DefaultLimits())
	require.NoError(t, err)
	assert.True(t, r.HasPrivileges)
	assert.Nil(t, r.Privileges)
	assert.Empty(t, r.Content.JS)
}

func TestManifestDeepNesting(t *testing.T) {
	doc := `{"capabilities":{"x":` + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + `}}`
	_, err := ParseManifestJSON(rn, []byte(doc), DefaultLimits())
	var le *LimitError
	require.ErrorAs(t, err, &le)
	assert.Equal(t, LimitJSONDepth, le.Limit)
	assert.Equal(t, "--max-json-depth", le.Flag)
	assert.Equal(t, int64(512), le.Max)
	assert.EqualError(t, err, rn+": JSON nesting deeper than 512 levels at byte 531 (limit max-json-depth; raise with --max-json-depth)")

	// brackets inside strings do not count
	ok := `{"content":{"js":"` + strings.Repeat("[{", 100000) + `"}}`
	r, err := ParseManifestJSON(rn, []byte(ok), DefaultLimits())
	require.NoError(t, err)
	assert.Len(t, r.Content.JS, 200000)

	// and an escaped quote does not end a string
	tricky := `{"content":{"js":"\"` + strings.Repeat("[", 1000) + `"}}`
	_, err = ParseManifestJSON(rn, []byte(tricky), DefaultLimits())
	require.NoError(t, err)

	// the limit can be raised
	lim := DefaultLimits()
	lim.MaxJSONDepth = 2000
	deep := `{"x":` + strings.Repeat("[", 1500) + strings.Repeat("]", 1500) + `}`
	_, err = ParseManifestJSON(rn, []byte(deep), lim)
	assert.NoError(t, err)

	// package.json is checked too
	_, err = ParsePackageJSON([]byte(`{"a":`+strings.Repeat("{\"a\":", 600)+`1`+strings.Repeat("}", 601)), DefaultLimits())
	require.ErrorAs(t, err, &le)
	assert.True(t, strings.HasPrefix(err.Error(), "package.json: "))
}

func TestManifestHugeStrings(t *testing.T) {
	big := strings.Repeat(`x\"y\\n`, 1<<20) // 7 MiB of escapes
	r, err := ParseManifestJSON(rn, []byte(`{"content":{"js":"`+big+`","css":"`+strings.Repeat("z", 10<<20)+`"}}`), DefaultLimits())
	require.NoError(t, err)
	assert.Equal(t, strings.Repeat(`x"y\n`, 1<<20), r.Content.JS)
	assert.Len(t, r.Content.CSS, 10<<20)
}

func TestManifestUnquoteMatchesEncodingJSON(t *testing.T) {
	for _, s := range []string{"", "plain", `a\"b`, `\\`, `\/\b\f\n\r\t`, `\u0041\u00e9\u4e2d`, `\ud83d\ude00`, `\uD83D\uDE00x`, `</script>\u2028`} {
		var want string
		require.NoError(t, json.Unmarshal([]byte(`"`+s+`"`), &want), s)
		assert.Equal(t, want, unquote([]byte(`"`+s+`"`)), s)
	}
}

func TestManifestBOMAndDuplicateKeys(t *testing.T) {
	r, err := ParseManifestJSON(rn, []byte("\xEF\xBB\xBF"+`{"apiVersion":"1.0.0","apiVersion":"5.3.0"}`), DefaultLimits())
	require.NoError(t, err)
	assert.Equal(t, "5.3.0", r.APIVersion, "last key wins, as in JSON.parse")
}

func TestPackageJSONWrongTypes(t *testing.T) {
	b := gen.MustBuildPackage(gen.Visual{}, gen.ZipOptions{PackageJSONOverride: []byte(`{"resources":{"file":"x"}}`)})
	_, err := ReadBytes(b, DefaultLimits())
	assert.EqualError(t, err, "package.json: invalid JSON at byte 13: field resources: expected array, got object")
	b = gen.MustBuildPackage(gen.Visual{}, gen.ZipOptions{PackageJSONOverride: []byte(`{"resources":[{"sourceType":true}]}`)})
	_, err = ReadBytes(b, DefaultLimits())
	assert.Contains(t, err.Error(), "field resources.sourceType: expected string or number, got boolean")
}

// TestManifestLargeConcurrentValidation: resources of a megabyte and more
// are validated beside their decoding; a malformed one must fail exactly
// as validation says, whatever the decoder made of it.
func TestManifestLargeConcurrentValidation(t *testing.T) {
	v := gen.WithFindings()
	v.FillerBytes = 1200 << 10
	good := gen.BuildResourceJSON(v, gen.BuildJS(v))
	require.Greater(t, len(good), 1<<20)
	r, err := ParseManifestJSON(rn, good, DefaultLimits())
	require.NoError(t, err)
	assert.Contains(t, r.Content.JS, "fetch")

	js := strings.Index(string(good), `"js":"`) + 6
	for name, bad := range map[string][]byte{
		"truncated":       good[:len(good)-100],
		"bad escape":      append(append(append([]byte{}, good[:js+10]...), `\q`...), good[js+10:]...),
		"control char":    append(append(append([]byte{}, good[:js+10]...), 0x01), good[js+10:]...),
		"trailing junk":   append(append([]byte{}, good...), `}`...),
		"broken capabils": []byte(strings.Replace(string(good), `"capabilities":{`, `"capabilities":{,`, 1)),
	} {
		want := jsonDoc{name: rn, raw: bad}.validate(DefaultLimits())
		require.Error(t, want, name)
		r, err := ParseManifestJSON(rn, bad, DefaultLimits())
		assert.Nil(t, r, name)
		assert.EqualError(t, err, want.Error(), name)
	}
}
