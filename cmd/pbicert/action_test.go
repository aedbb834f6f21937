package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/pbicert/pbicert/internal/gen"
)

// actionStep is a step of the composite action (action.yml).
type actionStep struct {
	Name string            `yaml:"name"`
	ID   string            `yaml:"id"`
	Run  string            `yaml:"run"`
	Env  map[string]string `yaml:"env"`
}

func actionSteps(t *testing.T) map[string]actionStep {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "action.yml"))
	require.NoError(t, err)
	var a struct {
		Runs struct {
			Using string       `yaml:"using"`
			Steps []actionStep `yaml:"steps"`
		} `yaml:"runs"`
	}
	require.NoError(t, yaml.Unmarshal(b, &a))
	require.Equal(t, "composite", a.Runs.Using)
	steps := map[string]actionStep{}
	for _, s := range a.Runs.Steps {
		steps[s.ID] = s
	}
	return steps
}

// runStep runs a step's script with bash and the given environment (the
// step's ${{ }} expressions are replaced by env values the test gives).
func runStep(t *testing.T, s actionStep, env map[string]string) (string, map[string]string, int) {
	t.Helper()
	dir := t.TempDir()
	outFile := filepath.Join(dir, "github_output")
	require.NoError(t, os.WriteFile(outFile, nil, 0o644))
	cmd := exec.Command("bash", "-e", "-c", s.Run)
	cmd.Env = append(os.Environ(), "GITHUB_OUTPUT="+outFile, "RUNNER_TEMP="+dir, "RUNNER_OS=Linux", "RUNNER_ARCH="+map[string]string{"amd64": "X64", "arm64": "ARM64"}[runtime.GOARCH])
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else {
		require.NoError(t, err)
	}
	outputs := map[string]string{}
	b, _ := os.ReadFile(outFile)
	for _, l := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(l, "="); ok {
			outputs[k] = v
		}
	}
	return out.String(), outputs, code
}

// fakeRelease lays out a release as the release build publishes it
// (v<version>/pbicert_<version>_<os>_<arch>.tar.gz and checksums.txt)
// holding the test binary, and returns its file:// base address.
func fakeRelease(t *testing.T, version string) (base, archive string) {
	t.Helper()
	bin, err := os.ReadFile(e2eBinary(t))
	require.NoError(t, err)
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	require.NoError(t, tw.WriteHeader(&tar.Header{Name: "pbicert", Mode: 0o755, Size: int64(len(bin))}))
	_, err = tw.Write(bin)
	require.NoError(t, err)
	require.NoError(t, tw.Close())
	require.NoError(t, gz.Close())
	root := t.TempDir()
	rel := filepath.Join(root, "v"+version)
	require.NoError(t, os.MkdirAll(rel, 0o755))
	archive = fmt.Sprintf("pbicert_%s_linux_%s.tar.gz", version, runtime.GOARCH)
	require.NoError(t, os.WriteFile(filepath.Join(rel, archive), buf.Bytes(), 0o644))
	sum := sha256.Sum256(buf.Bytes())
	checksums := fmt.Sprintf("%x  %s\n%x  pbicert_%s_windows_amd64.zip\n", sum, archive, sha256.Sum256([]byte("other")), version)
	require.NoError(t, os.WriteFile(filepath.Join(rel, "checksums.txt"), []byte(checksums), 0o644))
	return "file://" + root, archive
}

// The action installs the checksummed release binary of its own version
// (no Go toolchain), and exposes the exit code and the report paths.
func TestActionInstallsChecksummedReleaseAndExposesOutputs(t *testing.T) {
	if runtime.GOOS != "linux" || (runtime.GOARCH != "amd64" && runtime.GOARCH != "arm64") {
		t.Skip("the action's scripts are exercised on Linux")
	}
	for _, tool := range []string{"bash", "curl", "tar", "sha256sum"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skip(tool + " is not installed")
		}
	}
	steps := actionSteps(t)
	for id, s := range steps {
		if s.Run != "" {
			out, err := exec.Command("bash", "-n", "-c", s.Run).CombinedOutput()
			require.NoError(t, err, "step %s: %s", id, out)
		}
	}
	install, check := steps["install"], steps["check"]
	assert.NotContains(t, install.Run, "go install", "nothing is compiled")
	base, archive := fakeRelease(t, "0.9.9")

	// the version comes from the ref the action is used at
	out, outputs, code := runStep(t, install, map[string]string{"PBICERT_ACTION_REF": "v0.9.9", "PBICERT_DOWNLOAD": base})
	require.Equal(t, 0, code, out)
	assert.Equal(t, "0.9.9", outputs["version"])
	require.FileExists(t, outputs["path"])
	assert.Contains(t, out, "pbicert ", "the installed binary runs")

	// or from the version input when the action is pinned to a branch
	_, _, code = runStep(t, install, map[string]string{"PBICERT_ACTION_REF": "main", "PBICERT_VERSION": "0.9.9", "PBICERT_DOWNLOAD": base})
	assert.Equal(t, 0, code)
	out, _, code = runStep(t, install, map[string]string{"PBICERT_ACTION_REF": "main", "PBICERT_DOWNLOAD": base})
	assert.Equal(t, 2, code)
	assert.Contains(t, out, "not a release tag: set the version input")

	// the archive's hash is an output (the value to pin); without a pin
	// the step says what the release's own checksums.txt proves
	out, outputs, code = runStep(t, install, map[string]string{"PBICERT_ACTION_REF": "v0.9.9", "PBICERT_DOWNLOAD": base})
	require.Equal(t, 0, code, out)
	sum := outputs["archive-sha256"]
	require.Regexp(t, `^[0-9a-f]{64}$`, sum)
	assert.Contains(t, out, "checked against the checksums.txt of the same release only")
	// pinned: one hash, or checksums.txt lines for a matrix of runners
	for _, pin := range []string{sum, strings.ToUpper(sum) + "\n", fmt.Sprintf("%x  pbicert_0.9.9_windows_amd64.zip\n%s  %s\n", sha256.Sum256([]byte("x")), sum, archive)} {
		out, _, code = runStep(t, install, map[string]string{"PBICERT_ACTION_REF": "v0.9.9", "PBICERT_DOWNLOAD": base, "PBICERT_SHA256": pin})
		assert.Equal(t, 0, code, out)
		assert.Contains(t, out, "matches the pinned sha256")
	}
	other := fmt.Sprintf("%x", sha256.Sum256([]byte("another build")))
	for pin, msg := range map[string]string{
		other: "the sha256 input pins " + other,
		fmt.Sprintf("%s  pbicert_0.9.9_windows_amd64.zip", sum): "pins no hash for " + archive,
		"not-a-hash":       "pins no hash for " + archive,
		other + "\n" + sum: "pins no hash for " + archive, // two bare hashes: which one?
	} {
		out, _, code = runStep(t, install, map[string]string{"PBICERT_ACTION_REF": "v0.9.9", "PBICERT_DOWNLOAD": base, "PBICERT_SHA256": pin})
		assert.Equal(t, 2, code, out)
		assert.Contains(t, out, msg)
	}

	// a release whose archive and checksums.txt were both replaced: the
	// release's own checksums.txt cannot tell (the limit docs/ci.md states);
	// the pin does
	root := strings.TrimPrefix(base, "file://")
	forged := []byte("a forged archive")
	require.NoError(t, os.WriteFile(filepath.Join(root, "v0.9.9", archive), forged, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(root, "v0.9.9", "checksums.txt"), fmt.Appendf(nil, "%x  %s\n", sha256.Sum256(forged), archive), 0o644))
	out, _, _ = runStep(t, install, map[string]string{"PBICERT_ACTION_REF": "v0.9.9", "PBICERT_DOWNLOAD": base})
	assert.NotContains(t, out, "checksum mismatch", "unpinned, the forged archive passes the checksum (it fails later only because it is not a tar)")
	out, _, code = runStep(t, install, map[string]string{"PBICERT_ACTION_REF": "v0.9.9", "PBICERT_DOWNLOAD": base, "PBICERT_SHA256": sum})
	assert.Equal(t, 2, code, out)
	assert.Contains(t, out, "the release is not the one you pinned")
	base, archive = fakeRelease(t, "0.9.9")

	// a tampered archive is refused
	tampered := strings.TrimPrefix(base, "file://")
	require.NoError(t, os.WriteFile(filepath.Join(tampered, "v0.9.9", archive), []byte("not the release"), 0o644))
	out, _, code = runStep(t, install, map[string]string{"PBICERT_ACTION_REF": "v0.9.9", "PBICERT_DOWNLOAD": base})
	assert.NotEqual(t, 0, code)
	assert.Contains(t, out, "checksum mismatch")

	// the check step: annotations on standard output, reports in files,
	// the exit code and the paths of the reports written as outputs
	dir := t.TempDir()
	pkg := writePkg(t, dir, "f.pbiviz", gen.WithFindings())
	sarif, junit := filepath.Join(dir, "r.sarif"), filepath.Join(dir, "r.xml")
	out, outputs, code = runStep(t, check, map[string]string{"PBICERT": e2eBinary(t), "PBICERT_PATHS": pkg,
		"PBICERT_FAIL_ON": "error", "PBICERT_MIN_SEVERITY": "info", "PBICERT_CONFIG": "", "PBICERT_BASELINE": "",
		"PBICERT_SARIF": sarif, "PBICERT_JUNIT": junit, "PBICERT_JSON": ""})
	require.Equal(t, 0, code, "the step records the exit code and goes on: %s", out)
	assert.Equal(t, "1", outputs["exit-code"])
	assert.Equal(t, sarif, outputs["sarif"])
	assert.Equal(t, junit, outputs["junit"])
	assert.Equal(t, "", outputs["json"])
	assert.Contains(t, out, "::error file=")
	assert.FileExists(t, sarif)
	assert.FileExists(t, junit)
}
