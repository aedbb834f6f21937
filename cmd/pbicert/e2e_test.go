package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pbicert/pbicert/internal/gen"
)

var (
	e2eOnce sync.Once
	e2ePath string
	e2eErr  error
)

// e2eBinary builds the pbicert binary once for the end-to-end tests.
func e2eBinary(t *testing.T) string {
	t.Helper()
	e2eOnce.Do(func() {
		dir, err := os.MkdirTemp("", "pbicert-e2e")
		if err != nil {
			e2eErr = err
			return
		}
		e2ePath = filepath.Join(dir, "pbicert")
		out, err := exec.Command("go", "build", "-o", e2ePath, ".").CombinedOutput()
		if err != nil {
			e2eErr = errors.New(string(out))
		}
	})
	require.NoError(t, e2eErr)
	return e2ePath
}

// runCLI runs the binary and returns stdout, stderr and the exit code.
func runCLI(t *testing.T, stdin []byte, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(e2eBinary(t), args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else {
		require.NoError(t, err)
	}
	return out.String(), errb.String(), code
}

func writePkg(t *testing.T, dir, name string, v gen.Visual) string {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(p, gen.MustBuildPackage(v, gen.ZipOptions{}), 0o644))
	return p
}

// contractDoc mirrors contract.md's check --format json document.
type contractDoc struct {
	Tool struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	} `json:"tool"`
	Results []struct {
		Path   string `json:"path"`
		Kind   string `json:"kind"`
		Visual struct {
			GUID, Name, DisplayName, Version, APIVersion string
		} `json:"visual"`
		Error    *string `json:"error"`
		Findings []struct {
			Rule     string `json:"rule"`
			Name     string `json:"name"`
			Category string `json:"category"`
			API      string `json:"api"`
			Severity string `json:"severity"`
			Message  string `json:"message"`
			Location struct {
				File   string `json:"file"`
				Line   int    `json:"line"`
				Column int    `json:"column"`
				Offset int    `json:"offset"`
			} `json:"location"`
			Snippet string `json:"snippet"`
		} `json:"findings"`
	} `json:"results"`
	Summary struct {
		Inputs   int `json:"inputs"`
		Errors   int `json:"errors"`
		Warnings int `json:"warnings"`
		Infos    int `json:"infos"`
		Failed   int `json:"failed"`
	} `json:"summary"`
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	clean := writePkg(t, dir, "clean.pbiviz", gen.Clean())
	bad := writePkg(t, dir, "findings.pbiviz", gen.WithFindings())
	corrupt := filepath.Join(dir, "corrupt.pbiviz")
	require.NoError(t, os.WriteFile(corrupt, []byte("PK\x03\x04 this is not a zip"), 0o644))

	out, _, code := runCLI(t, nil, "check", clean)
	assert.Equal(t, 0, code, out)
	assert.Contains(t, out, "1 input checked: 0 errors")

	out, _, code = runCLI(t, nil, "check", bad)
	assert.Equal(t, 1, code, out)
	assert.Contains(t, out, "error NET001 no-fetch")

	_, _, code = runCLI(t, nil, "check", "--fail-on", "never", bad)
	assert.Equal(t, 0, code, "--fail-on never")

	out, _, code = runCLI(t, nil, "check", corrupt)
	assert.Equal(t, 2, code, out)
	assert.Contains(t, out, "corrupt.pbiviz")

	_, errOut, code := runCLI(t, nil, "check")
	assert.Equal(t, 2, code, "no PATH is a usage error")
	assert.Contains(t, errOut, "PATH")

	_, errOut, code = runCLI(t, nil, "check", "--format", "yaml", clean)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "unknown format")

	_, _, code = runCLI(t, nil, "check", "--bogus", clean)
	assert.Equal(t, 2, code, "unknown flag")
}

func TestJSONContractAndBatch(t *testing.T) {
	dir := t.TempDir()
	clean := writePkg(t, dir, "a-clean.pbiviz", gen.Clean())
	bad := writePkg(t, dir, "b-findings.pbiviz", gen.WithFindings())
	corrupt := filepath.Join(dir, "c-corrupt.pbiviz")
	require.NoError(t, os.WriteFile(corrupt, []byte{}, 0o644))

	out, _, code := runCLI(t, nil, "check", "--format", "json", clean, bad, corrupt)
	assert.Equal(t, 2, code, "one unreadable input makes the batch exit 2")
	var doc contractDoc
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	require.NoError(t, json.Unmarshal([]byte(out), &doc), out)
	assert.Equal(t, "pbicert", doc.Tool.Name)
	require.Len(t, doc.Results, 3)
	assert.Equal(t, []string{clean, bad, corrupt}, []string{doc.Results[0].Path, doc.Results[1].Path, doc.Results[2].Path}, "stable order")
	for _, r := range doc.Results {
		require.NotNil(t, r.Error, "error is always present")
		assert.Equal(t, "package", r.Kind)
	}
	assert.Empty(t, *doc.Results[0].Error)
	assert.Empty(t, doc.Results[0].Findings)
	assert.Equal(t, "exampleVisual1A2B3C4D5E6F", doc.Results[1].Visual.GUID)
	assert.NotEmpty(t, doc.Results[1].Findings)
	assert.NotEmpty(t, *doc.Results[2].Error)
	assert.Empty(t, doc.Results[2].Findings)
	assert.Equal(t, 3, doc.Summary.Inputs)
	assert.Equal(t, 1, doc.Summary.Failed)

	var fetch bool
	for _, f := range doc.Results[1].Findings {
		assert.Regexp(t, `^[A-Z]{3}[0-9]{3}$`, f.Rule)
		assert.Contains(t, []string{"network", "dynamic-code", "storage", "dom-injection", "obfuscation", "manifest", "requirement"}, f.Category)
		assert.Contains(t, []string{"error", "warning", "info"}, f.Severity)
		if f.Rule == "NET001" {
			fetch = true
			assert.Equal(t, "fetch", f.API)
			assert.Equal(t, "resources/exampleVisual1A2B3C4D5E6F.pbiviz.json#content.js", f.Location.File)
			assert.Greater(t, f.Location.Line, 0)
			assert.Greater(t, f.Location.Column, 0)
			assert.Contains(t, f.Snippet, "fetch(")
		}
	}
	assert.True(t, fetch, "the fetch call is reported")
}

func TestStdinAndOutputFile(t *testing.T) {
	pkg := gen.MustBuildPackage(gen.WithFindings(), gen.ZipOptions{})
	dir := t.TempDir()
	report := filepath.Join(dir, "r.json")
	out, _, code := runCLI(t, pkg, "check", "--format", "json", "--output", report, "-")
	assert.Equal(t, 1, code)
	assert.Empty(t, out, "the report went to the file")
	b, err := os.ReadFile(report)
	require.NoError(t, err)
	var doc contractDoc
	require.NoError(t, json.Unmarshal(b, &doc))
	require.Len(t, doc.Results, 1)
	assert.Equal(t, "-", doc.Results[0].Path)
	assert.NotEmpty(t, doc.Results[0].Findings)
}

func TestFolderSearch(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "dist"), 0o755))
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "node_modules", "x"), 0o755))
	writePkg(t, filepath.Join(dir, "dist"), "v.pbiviz", gen.Clean())
	writePkg(t, filepath.Join(dir, "node_modules", "x"), "skip.pbiviz", gen.WithFindings())
	out, _, code := runCLI(t, nil, "check", "--format", "json", dir)
	assert.Equal(t, 0, code, out)
	var doc contractDoc
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	require.Len(t, doc.Results, 1, "node_modules is skipped")
	assert.True(t, strings.HasSuffix(doc.Results[0].Path, filepath.Join("dist", "v.pbiviz")))
}

func TestTextFormatShowsWindowAndCaret(t *testing.T) {
	v := gen.WithFindings()
	v.FillerBytes = 300 << 10
	dir := t.TempDir()
	p := writePkg(t, dir, "big.pbiviz", v)
	out, _, code := runCLI(t, nil, "check", p)
	assert.Equal(t, 1, code)
	for _, line := range strings.Split(out, "\n") {
		assert.Less(t, len([]rune(line)), 400, "text output never prints a whole minified line")
	}
	assert.Contains(t, out, "^")
	assert.NotContains(t, out, "\x1b[", "no colour when not a terminal")
}

func TestRulesAndVersion(t *testing.T) {
	out, _, code := runCLI(t, nil, "rules")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "NET001")
	assert.Contains(t, out, "no-fetch")
	out, _, code = runCLI(t, nil, "rules", "NET001")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "Why certification cares")
	_, _, code = runCLI(t, nil, "rules", "NOPE999")
	assert.Equal(t, 2, code)
	out, _, code = runCLI(t, nil, "version")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "pbicert ")
}

func TestFormatColonFile(t *testing.T) {
	dir := t.TempDir()
	pkg := writePkg(t, dir, "f.pbiviz", gen.WithFindings())
	jsonOut := filepath.Join(dir, "r.json")
	out, _, code := runCLI(t, nil, "check", "--format", "text", "--format", "json:"+jsonOut, pkg)
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "NET001", "text goes to standard output")
	b, err := os.ReadFile(jsonOut)
	require.NoError(t, err)
	var doc contractDoc
	require.NoError(t, json.Unmarshal(b, &doc))
	assert.Len(t, doc.Results, 1)
}

func TestNoSandbox(t *testing.T) {
	v := gen.Clean()
	v.Modules = []string{`window[(() => "fe" + "tch")()]("https://example.com");`}
	dir := t.TempDir()
	p := writePkg(t, dir, "s.pbiviz", v)
	out, _, code := runCLI(t, nil, "check", p)
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "NET001", "the sandbox recovers the key")
	out, _, code = runCLI(t, nil, "check", "--no-sandbox", p)
	assert.Equal(t, 0, code, out)
	assert.Contains(t, out, "OBF001", "without it the access stays unresolved")
}
