package rules_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pbicert/pbicert/internal/gen"
	"github.com/pbicert/pbicert/lint"
	"github.com/pbicert/pbicert/pbiviz"
	"github.com/pbicert/pbicert/rules"
)

// MAN016: a package without package.json is reported, and its resource is
// still analysed.
func TestMissingPackageJSON(t *testing.T) {
	check := func(t *testing.T, v gen.Visual, o gen.ZipOptions) lint.Result {
		t.Helper()
		pkg, err := pbiviz.ReadBytes(gen.MustBuildPackage(v, o), pbiviz.DefaultLimits())
		require.NoError(t, err)
		r := lint.CheckPackage("t.pbiviz", pkg, lint.Options{})
		require.Empty(t, r.Error)
		return r
	}
	count := func(r lint.Result, rule string) (n int) {
		for _, f := range r.Findings {
			if f.Rule == rule {
				n++
			}
		}
		return n
	}
	// positive: absent; the code is still analysed (NET001 of the findings visual)
	r := check(t, gen.WithFindings(), gen.ZipOptions{OmitPackageJSON: true})
	require.Equal(t, 1, count(r, "MAN016"))
	for _, f := range r.Findings {
		if f.Rule == "MAN016" {
			assert.Equal(t, "package.json", f.Location.File)
			assert.Equal(t, "error", f.Severity.String())
			assert.Contains(t, f.Message, "resources/")
		}
	}
	assert.NotZero(t, count(r, "NET001"), "the resource is analysed")
	assert.Equal(t, "exampleVisual1A2B3C4D5E6F", r.Visual.GUID, "the visual is named from the resource")

	// evasion: a folder named package.json, or one in another folder, is not the file
	r = check(t, gen.Clean(), gen.ZipOptions{OmitPackageJSON: true, ExtraEntries: map[string][]byte{"package.json/": nil}})
	assert.Equal(t, 1, count(r, "MAN016"), "folder entry package.json/")
	r = check(t, gen.Clean(), gen.ZipOptions{OmitPackageJSON: true, ExtraEntries: map[string][]byte{"resources/package.json": []byte(`{}`)}})
	assert.Equal(t, 1, count(r, "MAN016"), "resources/package.json")

	// near-miss: present (also empty of fields, which other rules judge), and a source project
	assert.Zero(t, count(check(t, gen.Clean(), gen.ZipOptions{}), "MAN016"))
	assert.Zero(t, count(check(t, gen.Clean(), gen.ZipOptions{PackageJSONOverride: []byte(`{}`)}), "MAN016"))
	pkg, err := pbiviz.ReadProjectManifest("pbiviz.json", []byte(`{"visual":{"guid":"g","name":"n","version":"1.0.0.0"},"apiVersion":"5.11.0"}`), "capabilities.json", []byte(`{}`), pbiviz.DefaultLimits())
	require.NoError(t, err)
	require.False(t, pkg.HasPackageJSON)
	in := &rules.Input{Manifest: pkg, Project: true, ManifestFile: "pbiviz.json"}
	for _, f := range rules.Run(in, nil, nil) {
		assert.NotEqual(t, "MAN016", f.Rule, "a project is not a package")
	}
}
