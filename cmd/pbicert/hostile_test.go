package main

// Hostile and broken inputs through the built binary: every failure is a
// one-line error naming the input, the entry and the problem, with exit
// code 2, and the rest of a batch still runs.

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pbicert/pbicert/internal/gen"
)

var resEntry = gen.ResourceName(gen.Visual{})

// hzEntry is a zip entry written by hostileZip: data (deflated unless
// store), or a raw DEFLATE stream with the declared size given.
type hzEntry struct {
	name     string
	data     []byte
	store    bool
	raw      []byte
	declared uint64
}

func hostileZip(t testing.TB, entries ...hzEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		if e.raw != nil {
			w, err := zw.CreateRaw(&zip.FileHeader{Name: e.name, Method: zip.Deflate,
				CompressedSize64: uint64(len(e.raw)), UncompressedSize64: e.declared})
			require.NoError(t, err)
			_, err = w.Write(e.raw)
			require.NoError(t, err)
			continue
		}
		m := zip.Deflate
		if e.store {
			m = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: m})
		require.NoError(t, err)
		_, err = w.Write(e.data)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// zeroStream returns a DEFLATE stream of n zero bytes (n a multiple of
// 1 MiB) without compressing n bytes: one sync-flushed 1 MiB block repeated,
// then an empty final stored block.
func zeroStream(t testing.TB, n int64) []byte {
	t.Helper()
	const chunk = 1 << 20
	var one bytes.Buffer
	w, err := flate.NewWriter(&one, flate.BestCompression)
	require.NoError(t, err)
	_, err = w.Write(make([]byte, chunk))
	require.NoError(t, err)
	require.NoError(t, w.Flush())
	return append(bytes.Repeat(one.Bytes(), int(n/chunk)), 0x01, 0x00, 0x00, 0xff, 0xff)
}

// validEntries are the package.json and resource of the default visual.
func validEntries() []hzEntry {
	v := gen.Visual{Minify: true}
	return []hzEntry{
		{name: "package.json", data: gen.BuildPackageJSON(v)},
		{name: resEntry, data: gen.BuildResourceJSON(v, gen.BuildJS(v))},
	}
}

// resourceWith is the default visual's resource with content.js and content.css replaced.
func resourceWith(js, css string) []byte {
	return gen.BuildResourceJSON(gen.Visual{Minify: true, CSS: css}, gen.Bundle{JS: js})
}

func pkgWithResource(res []byte) []byte {
	// Stored, not deflated: synthetic code repeats itself so much that its
	// compression ratio would hit --max-ratio first.
	return gen.MustBuildPackage(gen.Visual{}, gen.ZipOptions{Store: true, ResourceOverride: res})
}

func writeFile(t testing.TB, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(p, b, 0o644))
	return p
}

// checked is the outcome of checking one input in JSON and in text.
type checked struct {
	code     int
	err      string // results[0].error
	findings int
	apis     []string
	cols     []int
	textLine string // the text report's line for the error, when any
}

// checkInput runs check on one path in JSON and then in text, asserts the
// contract's shape of an input error (when there is one) and returns it.
func checkInput(t *testing.T, path string, args ...string) checked {
	t.Helper()
	out, stderr, code := runCLI(t, nil, append(append([]string{"check", "--format", "json"}, args...), path)...)
	var doc contractDoc
	require.NoError(t, json.Unmarshal([]byte(out), &doc), "JSON output must stay valid: %s %s", out, stderr)
	require.Len(t, doc.Results, 1)
	r := doc.Results[0]
	require.NotNil(t, r.Error)
	c := checked{code: code, err: *r.Error, findings: len(r.Findings)}
	for _, f := range r.Findings {
		c.apis = append(c.apis, f.API)
		c.cols = append(c.cols, f.Location.Column)
	}
	text, _, tcode := runCLI(t, nil, append(append([]string{"check"}, args...), path)...)
	assert.Equal(t, code, tcode, "text and JSON runs disagree on the exit code")
	if c.err != "" {
		assert.Equal(t, 2, code, "an input error exits 2")
		assert.Equal(t, 1, doc.Summary.Failed)
		assert.Empty(t, r.Findings)
		assert.NotContains(t, c.err, "\n", "the error is one line")
		assert.NotContains(t, c.err, "internal error", "no panic may reach the user")
		want := path + ": error: " + c.err
		for _, l := range strings.Split(text, "\n") {
			if strings.HasPrefix(l, path+": ") {
				c.textLine = l
			}
		}
		assert.Equal(t, want, c.textLine, "text output:\n%s", text)
	}
	return c
}

// wantError asserts an input error containing every part.
func wantError(t *testing.T, c checked, parts ...string) {
	t.Helper()
	require.NotEmpty(t, c.err, "expected an input error")
	for _, p := range parts {
		assert.Contains(t, c.err, p)
	}
}

func TestHostileZipBombs(t *testing.T) {
	dir := t.TempDir()
	gib := zeroStream(t, 1<<30)

	// Honest headers: 1 GiB declared, refused before decompressing.
	honest := writeFile(t, dir, "honest-bomb.pbiviz", hostileZip(t, append(validEntries()[:1],
		hzEntry{name: resEntry, raw: gib, declared: 1 << 30})...))
	c := checkInput(t, honest)
	wantError(t, c, "zip entry "+resEntry, "expands beyond 268435456 bytes", "max-entry-bytes", "raise with --max-entry-bytes")

	// Raising the entry limit reaches the compression ratio limit.
	c = checkInput(t, honest, "--max-entry-bytes", "2147483648", "--max-total-bytes", "2147483648")
	wantError(t, c, "zip entry "+resEntry, "compression ratio", "raise with --max-ratio")

	// Lying headers: 1 GiB of zeros declared as 1000 bytes; inflation stops
	// after the declared size.
	liar := writeFile(t, dir, "lying-bomb.pbiviz", hostileZip(t, append(validEntries()[:1],
		hzEntry{name: resEntry, raw: gib, declared: 1000})...))
	c = checkInput(t, liar)
	wantError(t, c, "zip entry "+resEntry, "expands beyond its declared size of 1000 bytes")

	// Many entries of 200 MiB each, with the ratio limit lifted: the total limit.
	mib200 := zeroStream(t, 200<<20)
	var ents []hzEntry
	for i := range 5 {
		ents = append(ents, hzEntry{name: fmt.Sprintf("assets/pad%d.bin", i), raw: mib200, declared: 200 << 20})
	}
	many := writeFile(t, dir, "many-bomb.pbiviz", hostileZip(t, append(validEntries(), ents...)...))
	c = checkInput(t, many, "--max-ratio", "100000")
	wantError(t, c, "zip entries expand beyond 536870912 bytes in total", "raise with --max-total-bytes")

	// Too many entries.
	var lots []hzEntry
	for i := range 100 {
		lots = append(lots, hzEntry{name: fmt.Sprintf("assets/%d", i), data: []byte("x"), store: true})
	}
	c = checkInput(t, writeFile(t, dir, "entries.pbiviz", hostileZip(t, append(validEntries(), lots...)...)))
	wantError(t, c, "102 zip entries, more than 64", "raise with --max-entries")
}

// BenchmarkZipBombRefused measures the time and peak memory of the binary
// refusing a 1 GiB zip bomb (honest and lying headers).
func BenchmarkZipBombRefused(b *testing.B) {
	bin := benchBinary(b)
	dir := b.TempDir()
	gib := zeroStream(b, 1<<30)
	for _, bc := range []struct {
		name     string
		declared uint64
	}{{"honest", 1 << 30}, {"lying", 1000}} {
		p := writeFile(b, dir, bc.name+".pbiviz", hostileZip(b, append(validEntries()[:1],
			hzEntry{name: resEntry, raw: gib, declared: bc.declared})...))
		b.Run(bc.name, func(b *testing.B) {
			var maxRSS int64
			for b.Loop() {
				cmd := exec.Command(bin, "check", "--format", "json", p)
				out, _ := cmd.Output()
				if cmd.ProcessState.ExitCode() != 2 || !bytes.Contains(out, []byte(resEntry)) {
					b.Fatalf("bomb not refused: %s", out)
				}
				if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
					maxRSS = max(maxRSS, ru.Maxrss)
				}
			}
			b.ReportMetric(float64(maxRSS)/1024, "peak-RSS-MiB")
		})
	}
}

func benchBinary(b *testing.B) string {
	b.Helper()
	p := filepath.Join(b.TempDir(), "pbicert")
	out, err := exec.Command("go", "build", "-o", p, ".").CombinedOutput()
	require.NoError(b, err, string(out))
	return p
}

func TestHostileEntryNames(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, entry, want string
	}{
		{"dotdot", "resources/../../evil.js", "path contains '..'"},
		{"absolute", "/etc/evil", "absolute path"},
		{"drive", "C:/evil", "absolute path"},
		{"backslash", `resources\evil.pbiviz.json`, "name contains a backslash"},
		{"nul", "resources/a\x00.pbiviz.json", "name contains a NUL byte"},
		{"duplicate", "package.json", "duplicate zip entry package.json"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := writeFile(t, dir, tc.name+".pbiviz", hostileZip(t, append(validEntries(), hzEntry{name: tc.entry, data: []byte("{}")})...))
			c := checkInput(t, p)
			wantError(t, c, "zip entry", tc.want)
			if tc.name != "nul" {
				assert.Contains(t, c.err, tc.entry)
			} else {
				assert.Contains(t, c.err, `\x00`, "the NUL byte is shown escaped")
			}
		})
	}
}

func TestHostileArchives(t *testing.T) {
	dir := t.TempDir()
	valid := gen.MustBuildPackage(gen.WithFindings(), gen.ZipOptions{})
	v := gen.Visual{Minify: true}
	for _, tc := range []struct {
		name  string
		data  []byte
		parts []string
	}{
		{"truncated", valid[:len(valid)/2], []string{"truncated"}},
		{"not-a-zip", []byte("this is a text file, not a package\n"), []string{"not a zip archive"}},
		{"empty", nil, []string{"empty file"}},
		{"no-package-json-no-resource", hostileZip(t, hzEntry{name: "assets/icon.png", data: []byte("png")}),
			[]string{"no resources/*.pbiviz.json"}},
		{"resource-nowhere", gen.MustBuildPackage(v, gen.ZipOptions{PackageJSONOverride: []byte(
			`{"resources":[{"resourceId":"rId0","sourceType":5,"file":"resources/missing.pbiviz.json"}]}`)}),
			[]string{"package.json resources[0].file", "resources/missing.pbiviz.json", "no such entry"}},
		{"resource-outside", gen.MustBuildPackage(v, gen.ZipOptions{PackageJSONOverride: []byte(
			`{"resources":[{"resourceId":"rId0","sourceType":5,"file":"../outside.pbiviz.json"}]}`)}),
			[]string{"package.json resources[0].file", "../outside.pbiviz.json", "points outside resources/"}},
		{"resource-absolute", gen.MustBuildPackage(v, gen.ZipOptions{PackageJSONOverride: []byte(
			`{"resources":[{"resourceId":"rId0","sourceType":5,"file":"/tmp/x.pbiviz.json"}]}`)}),
			[]string{"package.json resources[0].file", "points outside resources/"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantError(t, checkInput(t, writeFile(t, dir, tc.name+".pbiviz", tc.data)), tc.parts...)
		})
	}

	// A package without package.json but with one resource is still checked.
	c := checkInput(t, writeFile(t, dir, "no-package-json.pbiviz", gen.MustBuildPackage(gen.WithFindings(), gen.ZipOptions{OmitPackageJSON: true})))
	assert.Empty(t, c.err)
	assert.NotZero(t, c.findings)
}

func TestHostileJSON(t *testing.T) {
	dir := t.TempDir()
	v := gen.Visual{Minify: true}
	res := gen.BuildResourceJSON(v, gen.BuildJS(v))
	deep := strings.Repeat("[", 100000) + strings.Repeat("]", 100000)
	for _, tc := range []struct {
		name  string
		opts  gen.ZipOptions
		parts []string
	}{
		{"invalid-resource", gen.ZipOptions{ResourceOverride: res[:len(res)/2]}, []string{resEntry, "invalid JSON at byte"}},
		{"invalid-package-json", gen.ZipOptions{PackageJSONOverride: []byte(`{"resources":[{"file":}]}`)}, []string{"package.json", "invalid JSON at byte 22"}},
		{"content-array", gen.ZipOptions{ResourceOverride: []byte(`{"visual":{"guid":"x"},"content":["var a"],"capabilities":{}}`)}, []string{resEntry, "content"}},
		{"privileges-string", gen.ZipOptions{ResourceOverride: []byte(`{"content":{"js":"a()"},"capabilities":{"privileges":"WebAccess"}}`)}, []string{resEntry, "privileges"}},
		{"deep-resource", gen.ZipOptions{ResourceOverride: []byte(`{"a":` + deep + `}`)}, []string{resEntry, "JSON nesting deeper than 512 levels", "raise with --max-json-depth"}},
		{"deep-package-json", gen.ZipOptions{PackageJSONOverride: []byte(`{"a":` + deep + `}`)}, []string{"package.json", "raise with --max-json-depth"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantError(t, checkInput(t, writeFile(t, dir, tc.name+".pbiviz", gen.MustBuildPackage(v, tc.opts))), tc.parts...)
		})
	}

	// Accepted: a byte order mark, invalid UTF-8 inside strings, huge strings.
	t.Run("bom", func(t *testing.T) {
		c := checkInput(t, writeFile(t, dir, "bom.pbiviz", gen.MustBuildPackage(gen.WithFindings(), gen.ZipOptions{BOM: true})))
		assert.Empty(t, c.err)
		assert.NotZero(t, c.findings)
	})
	t.Run("invalid-utf8", func(t *testing.T) {
		r := bytes.Replace(resourceWith(`var s="x";fetch(s)`, "a{}"), []byte(`var s=\"x\"`), []byte("var s=\\\"\xff\xfe\\\""), 1)
		c := checkInput(t, writeFile(t, dir, "utf8.pbiviz", pkgWithResource(r)))
		assert.Empty(t, c.err)
		assert.Contains(t, c.apis, "fetch")
	})
	t.Run("huge-string", func(t *testing.T) {
		huge := strings.Repeat("é", 10<<20) // 20 MB description
		r := bytes.Replace(res, []byte(`"description":`), []byte(`"description":"`+huge+`","x":`), 1)
		c := checkInput(t, writeFile(t, dir, "huge.pbiviz", pkgWithResource(r)))
		assert.Empty(t, c.err)
	})
}

func TestHostileJS(t *testing.T) {
	dir := t.TempDir()
	js := func(name, code string) string {
		return writeFile(t, dir, name+".pbiviz", pkgWithResource(resourceWith(code, "a{}")))
	}
	jsFile := resEntry + "#content.js"

	c := checkInput(t, js("syntax", "var a = 1;\nvar b = (2;\n"))
	wantError(t, c, jsFile+": syntax error at line 2, column 11")

	for name, code := range map[string]string{
		"parens":    strings.Repeat("(", 100000) + "1" + strings.Repeat(")", 100000),
		"arrays":    strings.Repeat("[", 100000) + strings.Repeat("]", 100000),
		"functions": strings.Repeat("function f(){", 100000) + strings.Repeat("}", 100000),
		"arrows":    "x=" + strings.Repeat("a=>", 100000) + "1",
		"unary":     "x=" + strings.Repeat("!", 100000) + "y",
	} {
		t.Run("deep-"+name, func(t *testing.T) {
			p := js(name, code)
			wantError(t, checkInput(t, p), jsFile+": code nested too deeply at line 1", "raise with --max-depth")
			// With our limit lifted the parser's own nesting guard still
			// refuses the input: no stack overflow.
			c := checkInput(t, p, "--max-depth", "100000000")
			wantError(t, c, jsFile+": code nested too deeply at line 1, column ")
			assert.Regexp(t, `too many nested (expressions|statements) \(the JavaScript parser accepts`, c.err)
		})
	}

	// Statement nesting and long operator chains: refused or analysed, never a crash.
	for name, code := range map[string]string{
		"ifs":      strings.Repeat("if(a)", 100000) + "b();",
		"else-ifs": "if(a)b();" + strings.Repeat("else if(a)b();", 100000),
		"labels":   strings.Repeat("l:", 100000) + "b();",
		"members":  "x" + strings.Repeat(".a", 100000) + ";fetch(1)",
		"plus":     "x=1" + strings.Repeat("+1", 100000) + ";fetch(1)",
		"classes":  "x=" + strings.Repeat("class extends ", 100000) + "B{}" + strings.Repeat("{}", 100000),
	} {
		t.Run("long-"+name, func(t *testing.T) {
			c := checkInput(t, js(name, code))
			if c.err != "" {
				wantError(t, c, jsFile+": ")
				if !strings.Contains(c.err, "raise with --max-depth") {
					// the parser's own nesting guard
					assert.Contains(t, c.err, ": code nested too deeply at line 1, column ")
					assert.Regexp(t, `too many nested (expressions|statements) \(the JavaScript parser accepts`, c.err)
				}
			}
		})
	}

	t.Run("50MB-line", func(t *testing.T) {
		// One 50 MB line of calls with long string arguments, ending with a
		// fetch. (Denser code costs more: 50 MB of a.b(1,"x"); is 3.5 million
		// calls and takes tens of seconds; see the report of issue 5.)
		unit := `a.b(1,"` + strings.Repeat("xyzzy", 200) + `");`
		line := strings.Repeat(unit, (50<<20)/len(unit)) + "fetch(u)"
		p := js("long-line", line)
		c := checkInput(t, p)
		require.Empty(t, c.err)
		assert.Contains(t, c.apis, "fetch")
		assert.Contains(t, c.cols, len(line)-len("fetch(u)")+1, "the column is exact on a 50 MB line")

		c = checkInput(t, p, "--max-js-bytes", "10000000")
		wantError(t, c, jsFile+": JavaScript too large", "> 10000000", "raise with --max-js-bytes")
	})

	t.Run("nul", func(t *testing.T) {
		c := checkInput(t, js("nul-string", "var s=\"a\x00b\";fetch(s)"))
		assert.Empty(t, c.err)
		assert.Contains(t, c.apis, "fetch")
		c = checkInput(t, js("nul-bare", "var s=1;\n \x00 fetch(s)"))
		wantError(t, c, jsFile+": syntax error at line 2")
	})

	t.Run("lone-surrogates", func(t *testing.T) {
		// As a JS escape inside content.js, and as a JSON escape in the resource.
		c := checkInput(t, js("surrogate-js", `var s="\ud800",t='\udc00';window.fetch(s+t)`))
		assert.Empty(t, c.err)
		assert.Contains(t, c.apis, "fetch")
		r := bytes.Replace(resourceWith(`var s="X";fetch(s)`, "a{}"), []byte(`X`), []byte(`\ud800`), 1)
		c = checkInput(t, writeFile(t, dir, "surrogate-json.pbiviz", pkgWithResource(r)))
		assert.Empty(t, c.err)
		assert.Contains(t, c.apis, "fetch")
	})
}

func TestHostileCSS(t *testing.T) {
	dir := t.TempDir()
	for name, css := range map[string]string{
		"string":  `a{background:url(https://cdn.example.com/x.png)} b{content:"never closed`,
		"comment": `a{background:url(https://cdn.example.com/x.png)} /* never closed`,
		"url":     `a{background:url(https://cdn.example.com/x.png)} b{c:url(`,
	} {
		t.Run(name, func(t *testing.T) {
			c := checkInput(t, writeFile(t, dir, name+".pbiviz", pkgWithResource(resourceWith("var a=1", css))))
			assert.Empty(t, c.err)
			assert.NotZero(t, c.findings, "the remote url() before the broken part is still found")
		})
	}
}

func TestHostileBatch(t *testing.T) {
	dir := t.TempDir()
	v := gen.Visual{Minify: true}
	broken := [][]byte{
		nil,
		[]byte("not a zip"),
		gen.MustBuildPackage(gen.WithFindings(), gen.ZipOptions{})[:500],
		hostileZip(t, append(validEntries(), hzEntry{name: "../x", data: []byte("x")})...),
		hostileZip(t, append(validEntries(), hzEntry{name: "package.json", data: []byte("{}")})...),
		gen.MustBuildPackage(v, gen.ZipOptions{ResourceOverride: []byte(`{"content":`)}),
		gen.MustBuildPackage(v, gen.ZipOptions{ResourceOverride: []byte(`{"content":[]}`)}),
		pkgWithResource(resourceWith("var a = (;", "a{}")),
		pkgWithResource(resourceWith(strings.Repeat("[", 5000), "a{}")),
		gen.MustBuildPackage(v, gen.ZipOptions{PackageJSONOverride: []byte(`{"resources":[{"sourceType":5,"file":"../a.pbiviz.json"}]}`)}),
	}
	var paths []string
	for i := range 20 {
		var b []byte
		if i%2 == 0 {
			b = gen.MustBuildPackage(gen.WithFindings(), gen.ZipOptions{})
		} else {
			b = broken[i/2]
		}
		paths = append(paths, writeFile(t, dir, fmt.Sprintf("p%02d.pbiviz", i), b))
	}
	out, _, code := runCLI(t, nil, append([]string{"check", "--format", "json"}, paths...)...)
	assert.Equal(t, 2, code)
	var doc contractDoc
	require.NoError(t, json.Unmarshal([]byte(out), &doc), out)
	require.Len(t, doc.Results, 20)
	errs, withFindings := 0, 0
	for i, r := range doc.Results {
		assert.Equal(t, paths[i], r.Path)
		require.NotNil(t, r.Error)
		if *r.Error != "" {
			errs++
			assert.Equal(t, 1, i%2, "%s failed: %s", r.Path, *r.Error)
			assert.NotContains(t, *r.Error, "\n")
			assert.Empty(t, r.Findings)
		} else if len(r.Findings) > 0 {
			withFindings++
		}
	}
	assert.Equal(t, 10, errs)
	assert.Equal(t, 10, withFindings)
	assert.Equal(t, 20, doc.Summary.Inputs)
	assert.Equal(t, 10, doc.Summary.Failed)

	text, _, tcode := runCLI(t, nil, append([]string{"check"}, paths...)...)
	assert.Equal(t, 2, tcode)
	n := 0
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, ": error: ") && strings.HasPrefix(l, dir) {
			n++
		}
	}
	assert.Equal(t, 10, n, text)
}
