package pbiviz

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pbicert/pbicert/internal/gen"
)

func TestLegacyLayoutIsRead(t *testing.T) {
	b, err := gen.BuildLegacyPackage(gen.WithFindings())
	require.NoError(t, err)
	p, err := ReadBytes(b, Limits{})
	require.NoError(t, err)
	assert.True(t, p.Legacy)
	assert.Equal(t, "resources/project.js", p.JSPath)
	assert.Equal(t, "resources/project.css", p.CSSPath)
	assert.Equal(t, "package.json", p.ResourcePath)
	assert.Contains(t, p.Resource.Content.JS, "fetch(")
	assert.NotEmpty(t, p.Resource.Content.CSS)
	assert.Equal(t, gen.DefaultGUID, p.Resource.Visual.GUID)
	assert.Empty(t, p.Resource.APIVersion)
	assert.Nil(t, p.Resource.Capabilities)

	// a modern package is never read as legacy
	m, err := ReadBytes(gen.MustBuildPackage(gen.Clean(), gen.ZipOptions{}), Limits{})
	require.NoError(t, err)
	assert.False(t, m.Legacy)
}

func TestLegacyLayoutErrorsNameTheEntry(t *testing.T) {
	pj := `{"version":"1.0.0","resources":[{"resourceId":"rId0","sourceType":5,"file":"resources/project.ts"},` +
		`{"resourceId":"rId1","sourceType":0,"file":"resources/project.js"}],"visual":{"guid":"old1"},` +
		`"code":{"typeScript":{"resourceId":"rId0"},"javaScript":{"resourceId":"rId1"}}}`
	// project.js listed but absent: a clear error, not "invalid JSON"
	_, err := ReadBytes(zipOf(t, entry{name: "package.json", data: []byte(pj)}, entry{name: "resources/project.ts", data: []byte("/** See project.js **/")}), Limits{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `code.javaScript "resources/project.js": no such entry in the package (pre-2018 package format)`)
	assert.NotContains(t, err.Error(), "JSON")

	// a path outside resources/ is refused
	bad := strings.Replace(pj, `"file":"resources/project.js"`, `"file":"../x.js"`, 1)
	_, err = ReadBytes(zipOf(t, entry{name: "package.json", data: []byte(bad)}), Limits{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "points outside resources/")

	// without "code", a resource of sourceType 0 ending in .js is the code
	nocode := `{"version":"1.0.0","resources":[{"resourceId":"a","sourceType":0,"file":"resources/project.js"}],"visual":{"guid":"old2"}}`
	p, err := ReadBytes(zipOf(t, entry{name: "package.json", data: []byte(nocode)}, entry{name: "resources/project.js", data: []byte("var x=1;")}), Limits{})
	require.NoError(t, err)
	assert.True(t, p.Legacy)
	assert.Equal(t, "var x=1;", p.Resource.Content.JS)
}
