package pbiviz

import (
	"bytes"
	"compress/flate"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/pbicert/pbicert/internal/gen"
	"github.com/pbicert/pbicert/internal/hugepage"
	"github.com/pbicert/pbicert/internal/textpos"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func mustRead(t *testing.T, b []byte) *Package {
	t.Helper()
	p, err := ReadBytes(b, DefaultLimits())
	require.NoError(t, err)
	return p
}

func readErr(t *testing.T, b []byte, lim Limits) error {
	t.Helper()
	p, err := ReadBytes(b, lim)
	require.Error(t, err)
	assert.Nil(t, p)
	assert.NotContains(t, err.Error(), "\n", "errors are one line")
	return err
}

func TestReadEveryEra(t *testing.T) {
	for _, era := range []int{1, 2, 3, 5} {
		t.Run(strings.Repeat("era", 1)+string(rune('0'+era)), func(t *testing.T) {
			v := gen.Visual{Era: era, Minify: era%2 == 1, FillerBytes: 30 << 10, Seed: int64(era)}
			p := mustRead(t, gen.MustBuildPackage(v, gen.ZipOptions{}))
			assert.Equal(t, resName, p.ResourcePath)
			assert.Equal(t, []string{"package.json", "resources/", resName}, p.Entries)
			assert.Equal(t, gen.DefaultGUID, p.Resource.Visual.GUID)
			assert.Equal(t, gen.DefaultGUID, p.PackageJSON.Visual.GUID)
			assert.Equal(t, "5", string(p.PackageJSON.Resources[0].SourceType))
			assert.Equal(t, "rId0", p.PackageJSON.Metadata.PBIVizJSON.ResourceID)
			assert.Equal(t, gen.EraAPIVersion(era), p.Resource.APIVersion)
			assert.Equal(t, gen.DefaultAuthorEmail, p.Resource.Author.Email)
			assert.Equal(t, gen.BuildJS(v).JS, p.Resource.Content.JS, "content.js is the exact text")
			assert.Contains(t, p.Resource.Content.CSS, ".exampleVisual{")
			assert.True(t, strings.HasPrefix(p.Resource.Content.IconBase64, "data:image/png;base64,"))
			assert.Equal(t, era == 5, p.Resource.HasPrivileges, "privileges exist from API 4.6")
			if era == 1 {
				assert.Len(t, p.Resource.ExternalJS, 2)
			} else {
				assert.Equal(t, []string{}, p.Resource.ExternalJS)
			}
			assert.True(t, json.Valid(p.Resource.Capabilities))
		})
	}
}

func TestReadCleanAndFindings(t *testing.T) {
	p := mustRead(t, gen.MustBuildPackage(gen.Clean(), gen.ZipOptions{}))
	assert.True(t, p.Resource.HasPrivileges)
	assert.Empty(t, p.Resource.Privileges)

	f := mustRead(t, gen.MustBuildPackage(gen.WithFindings(), gen.ZipOptions{}))
	require.Len(t, f.Resource.Privileges, 1)
	w := f.Resource.Privileges[0]
	assert.Equal(t, "WebAccess", w.Name)
	assert.True(t, w.Essential)
	assert.Equal(t, []string{"https://api.contoso.com", "https://*.contoso-cdn.net"}, w.Origins)
}

func TestReadBOMStoreAndNoResourcesDir(t *testing.T) {
	for _, o := range []gen.ZipOptions{{BOM: true}, {Store: true}, {NoResourcesDir: true}, {BOM: true, Store: true, NoResourcesDir: true}} {
		p := mustRead(t, gen.MustBuildPackage(gen.Visual{}, o))
		assert.Equal(t, gen.DefaultGUID, p.Resource.Visual.GUID)
		assert.Equal(t, gen.DefaultGUID, p.PackageJSON.Visual.GUID)
		assert.False(t, bytes.HasPrefix(p.ResourceRaw, bom), "BOM stripped from the resource")
		assert.False(t, bytes.HasPrefix(p.PackageJSONRaw, bom), "BOM stripped from package.json")
		assert.Equal(t, !o.NoResourcesDir, slices.Contains(p.Entries, "resources/"))
	}
}

func TestReadNoPackageJSON(t *testing.T) {
	p := mustRead(t, gen.MustBuildPackage(gen.Visual{}, gen.ZipOptions{OmitPackageJSON: true}))
	assert.False(t, p.HasPackageJSON)
	assert.Equal(t, resName, p.ResourcePath)
	assert.Equal(t, gen.DefaultGUID, p.Resource.Visual.GUID)
}

func TestReadPackageJSONWithoutResourcesFallsBack(t *testing.T) {
	b := gen.MustBuildPackage(gen.Visual{}, gen.ZipOptions{PackageJSONOverride: []byte(`{"version":"1.0.0.0"}`)})
	assert.Equal(t, resName, mustRead(t, b).ResourcePath)
}

func TestReadPrefersMetadataResourceID(t *testing.T) {
	pj := `{"resources":[{"resourceId":"rId1","sourceType":"7","file":"resources/other.pbiviz.json"},` +
		`{"resourceId":"rId0","sourceType":5,"file":"resources/` + gen.DefaultGUID + `.pbiviz.json"}],` +
		`"metadata":{"pbivizjson":{"resourceId":"rId0"}}}`
	b := gen.MustBuildPackage(gen.Visual{}, gen.ZipOptions{PackageJSONOverride: []byte(pj),
		ExtraEntries: map[string][]byte{"resources/other.pbiviz.json": []byte(`{}`)}})
	assert.Equal(t, resName, mustRead(t, b).ResourcePath)
}

func TestReadUnknownKeysAndMissingOptional(t *testing.T) {
	res := `{"futureKey":{"a":[1,2,{"b":null}]},"visual":{"guid":"g1","newField":true},"apiVersion":"5.11.0",` +
		`"content":{"js":"var a=1;","extra":1},"capabilities":{"dataRoles":[],"somethingNew":{}}}`
	p := mustRead(t, gen.MustBuildPackage(gen.Visual{}, gen.ZipOptions{ResourceOverride: []byte(res)}))
	assert.Equal(t, "g1", p.Resource.Visual.GUID)
	assert.Equal(t, "var a=1;", p.Resource.Content.JS)
	assert.Empty(t, p.Resource.Content.CSS)
	assert.False(t, p.Resource.HasPrivileges)
	assert.Nil(t, p.Resource.ExternalJS)
	assert.Nil(t, p.Resource.Dependencies)
}

func TestReadPrivilegesParameters(t *testing.T) {
	privs := `[{"name":"WebAccess","essential":true,"parameters":["https://*.contoso.com","*"]},` +
		`{"name":"AADAuthentication","parameters":{"COM":"https://contoso.com/api","CN":"https://contoso.cn/api"}},` +
		`{"name":"LocalStorage","essential":false},{"name":"ExportContent","parameters":[]}]`
	p := mustRead(t, gen.MustBuildPackage(gen.Visual{Privileges: json.RawMessage(privs)}, gen.ZipOptions{}))
	require.Len(t, p.Resource.Privileges, 4)
	assert.Equal(t, []string{"https://*.contoso.com", "*"}, p.Resource.Privileges[0].Origins)
	aad := p.Resource.Privileges[1]
	assert.Nil(t, aad.Origins)
	var audiences map[string]string
	require.NoError(t, json.Unmarshal(aad.Parameters, &audiences))
	assert.Equal(t, "https://contoso.com/api", audiences["COM"])
	assert.Nil(t, p.Resource.Privileges[2].Parameters)
	assert.Equal(t, []string{}, p.Resource.Privileges[3].Origins)
}

func TestReadExternalJSForms(t *testing.T) {
	for in, want := range map[string][]string{`null`: nil, `"lib.js"`: {"lib.js"}, `["a.js","b.js"]`: {"a.js", "b.js"}} {
		r, err := ParseManifestJSON("r.json", []byte(`{"externalJS":`+in+`}`), DefaultLimits())
		require.NoError(t, err, in)
		assert.Equal(t, want, r.ExternalJS, in)
	}
}

func TestReadPackageJSONPointingOutside(t *testing.T) {
	for _, file := range []string{"../evil.pbiviz.json", "/etc/x.pbiviz.json", "other/x.pbiviz.json",
		"resources/../../x.pbiviz.json", `resources\x.pbiviz.json`, "package.json"} {
		pj := `{"resources":[{"resourceId":"rId0","sourceType":5,"file":` + strings.ReplaceAll(jsonQuote(file), `\`, `\\`) + `}]}`
		err := readErr(t, gen.MustBuildPackage(gen.Visual{}, gen.ZipOptions{PackageJSONOverride: []byte(pj)}), DefaultLimits())
		assert.Contains(t, err.Error(), "points outside resources/", file)
		assert.Contains(t, err.Error(), "package.json resources[0].file", file)
	}
}

func jsonQuote(s string) string { return `"` + s + `"` }

func TestReadResourcePathPointingNowhere(t *testing.T) {
	pj := `{"resources":[{"resourceId":"rId0","sourceType":5,"file":"resources/missing.pbiviz.json"}]}`
	err := readErr(t, gen.MustBuildPackage(gen.Visual{}, gen.ZipOptions{PackageJSONOverride: []byte(pj)}), DefaultLimits())
	assert.EqualError(t, err, `package.json resources[0].file "resources/missing.pbiviz.json": no such entry in the package`)
}

func TestReadPre2017Format(t *testing.T) {
	b := zipOf(t, entry{name: "package.json", data: []byte(`{"version":"1.0.0"}`)}, entry{name: "visual.js", data: []byte("x")})
	assert.EqualError(t, readErr(t, b, DefaultLimits()), "no resources/*.pbiviz.json: pre-2017 package format is not supported")
}

func TestReadTwoResourcesWithoutPackageJSON(t *testing.T) {
	b := zipOf(t, entry{name: "resources/a.pbiviz.json", data: []byte(`{}`)}, entry{name: "resources/b.pbiviz.json", data: []byte(`{}`)})
	assert.Contains(t, readErr(t, b, DefaultLimits()).Error(), "2 resources/*.pbiviz.json entries")
}

func TestReadNotAZipEmptyTruncated(t *testing.T) {
	assert.EqualError(t, readErr(t, nil, DefaultLimits()), "empty file")
	assert.EqualError(t, readErr(t, []byte("<html>not a package</html>"), DefaultLimits()), "not a zip archive")
	assert.EqualError(t, readErr(t, []byte("P"), DefaultLimits()), "not a zip archive")

	full := gen.MustBuildPackage(gen.Clean(), gen.ZipOptions{})
	for _, n := range []int{4, 30, len(full) / 2, len(full) - 10} {
		err := readErr(t, full[:n], DefaultLimits())
		assert.Contains(t, err.Error(), "truncated", "cut at %d", n)
	}
}

func TestReadCorruptEntry(t *testing.T) {
	b := zipOf(t, entry{name: resName, data: validResource(), store: true})
	// flip a byte inside the stored resource: the CRC no longer matches
	i := bytes.Index(b, []byte(`"visual"`))
	require.Positive(t, i)
	b[i+1] = 'V'
	assert.EqualError(t, readErr(t, b, DefaultLimits()), "zip entry "+resName+" is corrupt (checksum mismatch)")
}

func TestReadBadEntryNames(t *testing.T) {
	cases := map[string]string{
		"../evil.txt":          "path contains '..'",
		"resources/../../x":    "path contains '..'",
		"/etc/passwd":          "absolute path",
		"C:/windows/x":         "absolute path",
		`resources\x.js`:       "contains a backslash",
		"resources/a\x00b.txt": "contains a NUL byte",
	}
	for name, want := range cases {
		b := gen.MustBuildPackage(gen.Visual{}, gen.ZipOptions{ExtraEntries: map[string][]byte{name: []byte("x")}})
		err := readErr(t, b, DefaultLimits())
		assert.Contains(t, err.Error(), want, "%q", name)
		assert.Contains(t, err.Error(), "zip entry", "%q", name)
	}
}

func TestReadDuplicateEntries(t *testing.T) {
	b := gen.MustBuildPackage(gen.Visual{}, gen.ZipOptions{ExtraEntries: map[string][]byte{"package.json": []byte(`{}`)}})
	assert.EqualError(t, readErr(t, b, DefaultLimits()), "duplicate zip entry package.json")
	b = zipOf(t, entry{name: resName, data: validResource()}, entry{name: "resources//" + gen.DefaultGUID + ".pbiviz.json", data: []byte("{}")})
	assert.Contains(t, readErr(t, b, DefaultLimits()).Error(), "duplicate zip entry")
}

func TestReadZipBombDeclared(t *testing.T) {
	// Headers tell the truth: 1 GiB of zeros in about 1 MB. Refused before inflating.
	z := deflatedZeros(t, 1<<30)
	b := zipOf(t, entry{name: "package.json", data: validPackageJSON()},
		entry{name: resName, raw: z, declaredSize: 1 << 30, crc: zerosCRC()})
	err := readErr(t, b, DefaultLimits())
	var le *LimitError
	require.ErrorAs(t, err, &le)
	assert.Equal(t, LimitEntryBytes, le.Limit)
	assert.Equal(t, "--max-entry-bytes", le.Flag)
	assert.Equal(t, int64(1<<30), le.Value)
	assert.EqualError(t, err, "zip entry "+resName+" expands beyond 268435456 bytes (limit max-entry-bytes; raise with --max-entry-bytes)")

	// The same entry as an extra file nobody reads is refused too.
	b = zipOf(t, entry{name: "package.json", data: validPackageJSON()}, entry{name: resName, data: validResource()},
		entry{name: "assets/bomb.bin", raw: z, declaredSize: 1 << 30, crc: zerosCRC()})
	require.ErrorAs(t, readErr(t, b, DefaultLimits()), &le)

	// With the entry limit raised, the ratio limit still refuses it.
	lim := DefaultLimits()
	lim.MaxEntryBytes, lim.MaxTotalBytes = 2<<30, 2<<30
	require.ErrorAs(t, readErr(t, b, lim), &le)
	assert.Equal(t, LimitRatio, le.Limit)
	assert.Contains(t, le.Error(), "compression ratio")
}

func TestReadZipBombLyingHeaders(t *testing.T) {
	// Headers claim 1 MiB; the stream inflates to 1 GiB. Reading stops right
	// after the declared size, so the test is fast and allocates ~1 MiB.
	z := deflatedZeros(t, 1<<30)
	b := zipOf(t, entry{name: "package.json", data: validPackageJSON()},
		entry{name: resName, raw: z, declaredSize: 1 << 20, crc: 0})
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	err := readErr(t, b, DefaultLimits())
	runtime.ReadMemStats(&after)
	assert.EqualError(t, err, "zip entry "+resName+" expands beyond its declared size of 1048576 bytes")
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(16<<20), "bounded memory")
}

func TestReadRatioLimitAppliesAbove1MiB(t *testing.T) {
	small := zipOf(t, entry{name: resName, data: append([]byte(`{"style":"`+strings.Repeat(" ", 512<<10)), `"}`...)})
	mustRead(t, small) // ratio ~1000, but only 512 KiB: allowed

	big := zipOf(t, entry{name: resName, data: append([]byte(`{"style":"`+strings.Repeat(" ", 8<<20)), `"}`...)})
	var le *LimitError
	require.ErrorAs(t, readErr(t, big, DefaultLimits()), &le)
	assert.Equal(t, LimitRatio, le.Limit)
	lim := DefaultLimits()
	lim.MaxRatio = 100000
	_, err := ReadBytes(big, lim)
	assert.NoError(t, err, "raising --max-ratio lets it through")
}

func TestReadEntryTotalAndFileLimits(t *testing.T) {
	b := gen.MustBuildPackage(gen.Clean(), gen.ZipOptions{})
	var le *LimitError

	lim := DefaultLimits()
	lim.MaxEntries = 2
	require.ErrorAs(t, readErr(t, b, lim), &le)
	assert.Equal(t, LimitEntries, le.Limit)
	assert.Equal(t, int64(3), le.Value)

	lim = DefaultLimits()
	lim.MaxEntryBytes = 10 << 10
	require.ErrorAs(t, readErr(t, b, lim), &le)
	assert.Equal(t, LimitEntryBytes, le.Limit)
	assert.Contains(t, le.Error(), "zip entry "+resName)

	lim = DefaultLimits()
	lim.MaxTotalBytes = 20 << 10
	require.ErrorAs(t, readErr(t, b, lim), &le)
	assert.Equal(t, LimitTotalBytes, le.Limit)

	lim = DefaultLimits()
	lim.MaxFileBytes = 1000
	require.ErrorAs(t, readErr(t, b, lim), &le)
	assert.Equal(t, LimitFileBytes, le.Limit)
	assert.Equal(t, "--max-file-bytes", le.Flag)
}

func TestReadInvalidUTF8InContentKept(t *testing.T) {
	res := []byte("{\"content\":{\"js\":\"var s='\xff\xfe';\\u00e9\\ud83d\\ude00\\ud800x\",\"css\":\"a{}\"}}")
	p := mustRead(t, zipOf(t, entry{name: resName, data: res}))
	assert.Equal(t, "var s='\xff\xfe';é😀\ufffdx", p.Resource.Content.JS)
	assert.Equal(t, "a{}", p.Resource.Content.CSS)
}

func TestReadHugeString(t *testing.T) {
	// a 24 MiB content.js inside the limits is read exactly
	js := strings.Repeat("a", 24<<20)
	res := []byte(`{"content":{"js":"` + js + `"}}`)
	lim := DefaultLimits()
	lim.MaxRatio = 1 << 20
	p, err := ReadBytes(zipOf(t, entry{name: resName, data: res, store: true}), lim)
	require.NoError(t, err)
	assert.Len(t, p.Resource.Content.JS, 24<<20)
}

func TestOpenFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "visual.pbiviz")
	require.NoError(t, os.WriteFile(path, gen.MustBuildPackage(gen.Clean(), gen.ZipOptions{}), 0o644))
	p, err := OpenFile(path, DefaultLimits())
	require.NoError(t, err)
	assert.Equal(t, gen.DefaultGUID, p.Resource.Visual.GUID)

	bad := filepath.Join(dir, "bad.pbiviz")
	require.NoError(t, os.WriteFile(bad, []byte("nope"), 0o644))
	_, err = OpenFile(bad, DefaultLimits())
	assert.EqualError(t, err, "not a zip archive")
	_, err = OpenFile(filepath.Join(dir, "missing.pbiviz"), DefaultLimits())
	require.Error(t, err)
	assert.NotContains(t, err.Error(), dir, "the caller prefixes the path")
	assert.True(t, errors.Is(err, os.ErrNotExist))
	_, err = OpenFile(dir, DefaultLimits())
	assert.EqualError(t, err, "is a directory, not a .pbiviz file")
}

func TestCapabilitiesAndPrivilegePos(t *testing.T) {
	p := mustRead(t, gen.MustBuildPackage(gen.WithFindings(), gen.ZipOptions{}))
	line, col, off := p.CapabilitiesPos("privileges")
	assert.Equal(t, 1, line)
	assert.Equal(t, `"privileges"`, string(p.ResourceRaw[off:off+12]))
	assert.Equal(t, off+1, col, "ASCII: column is offset+1")
	_, _, off = p.CapabilitiesPos("WebAccess")
	assert.Equal(t, `"WebAccess"`, string(p.ResourceRaw[off:off+11]))
	pos := p.PrivilegePos("WebAccess")
	assert.Equal(t, off, pos.Offset)
	_, _, capsOff := p.CapabilitiesPos("noSuchKey")
	assert.Equal(t, `{"dataRoles"`, string(p.ResourceRaw[capsOff:capsOff+12]), "falls back to the start of capabilities")
	// a "privileges" string in content.js, before capabilities, is not picked
	q := mustRead(t, gen.MustBuildPackage(gen.Visual{Modules: []string{`var s="privileges";`}}, gen.ZipOptions{}))
	_, _, o1 := q.CapabilitiesPos("privileges")
	assert.Greater(t, o1, bytes.Index(q.ResourceRaw, []byte(`"capabilities"`)))
	assert.Equal(t, Pos{1, 1, 0}, (&Package{ResourceRaw: []byte(`{}`)}).PrivilegePos("WebAccess"))
}

func TestLineCol(t *testing.T) {
	text := []byte("ab\nçd\xffe\nx")
	l, c := LineCol(text, 0)
	assert.Equal(t, [2]int{1, 1}, [2]int{l, c})
	l, c = LineCol(text, bytes.IndexByte(text, 'e'))
	assert.Equal(t, [2]int{2, 4}, [2]int{l, c}, "ç is one character, the invalid byte one")
	l, c = LineCol(text, 1000)
	assert.Equal(t, [2]int{3, 2}, [2]int{l, c})
	// the one convention (internal/textpos): a lone \r ends a line
	cr := []byte("{\r\"a\": 1,\r\n\"b\": \"\u2028\", \"c\": 2}")
	l, c = LineCol(cr, bytes.Index(cr, []byte(`"c"`)))
	assert.Equal(t, [2]int{3, 11}, [2]int{l, c})
	l, c = textpos.LineCol(cr, bytes.Index(cr, []byte(`"c"`)))
	assert.Equal(t, [2]int{3, 11}, [2]int{l, c})
}

func TestDeflatedZerosHelper(t *testing.T) {
	z := deflatedZeros(t, 4<<20)
	n, err := io.Copy(io.Discard, flate.NewReader(bytes.NewReader(z)))
	require.NoError(t, err)
	assert.Equal(t, int64(4<<20), n)
}

func BenchmarkRead(b *testing.B) {
	data := gen.MustBuildPackage(gen.Visual{Minify: true, Seed: 1, FillerBytes: 6 << 20}, gen.ZipOptions{})
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadBytes(data, DefaultLimits()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkZipBomb measures how fast a 1 GiB bomb is refused: on its
// declared size (headers tell the truth), and after its declared size
// (headers lie: 1 MiB declared).
func BenchmarkZipBomb(b *testing.B) {
	z := deflatedZeros(b, 1<<30)
	for _, c := range []struct {
		name     string
		declared uint64
		crc      uint32
	}{{"declared", 1 << 30, zerosCRC()}, {"lying", 1 << 20, 0}} {
		data := zipOf(b, entry{name: "package.json", data: validPackageJSON()},
			entry{name: resName, raw: z, declaredSize: c.declared, crc: c.crc})
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ReadBytes(data, DefaultLimits()); err == nil {
					b.Fatal("bomb accepted")
				}
			}
		})
	}
}

func TestReadCommittedExamples(t *testing.T) {
	for _, name := range []string{"example", "findings", "era1", "era2", "era3"} {
		p, err := OpenFile(filepath.Join("..", "testdata", "packages", name+".pbiviz"), DefaultLimits())
		require.NoError(t, err, name)
		assert.Equal(t, gen.DefaultGUID, p.Resource.Visual.GUID, name)
		assert.Contains(t, p.Resource.Content.JS, "renderingStarted", name)
		assert.Equal(t, name == "findings", len(p.Resource.Privileges) == 1, name)
	}
}

// storedBlocks returns a DEFLATE stream holding data in stored blocks of n
// bytes each: a valid stream several times larger than its data when n is
// small.
func storedBlocks(data []byte, n int) []byte {
	var out []byte
	for len(data) > 0 {
		k := min(n, len(data))
		final := byte(0)
		if k == len(data) {
			final = 1
		}
		out = append(out, final, byte(k), byte(k>>8), ^byte(k), ^byte(k>>8))
		out = append(out, data[:k]...)
		data = data[k:]
	}
	return out
}

// A deflated entry is read whole into memory before inflating when its
// compressed size is plausible (at most its declared size plus 1 KiB), and
// streamed from the file otherwise: both give the same bytes, and both
// check the declared size and the CRC.
func TestReadDeflatePaths(t *testing.T) {
	res := validResource()
	crc := crc32.ChecksumIEEE(res)
	var small bytes.Buffer
	fw, err := flate.NewWriter(&small, flate.BestCompression)
	require.NoError(t, err)
	_, _ = fw.Write(res)
	require.NoError(t, fw.Close())
	bloated := storedBlocks(res, 3) // about 2.7 times the data
	require.Greater(t, uint64(len(bloated)), uint64(len(res))+1024, "the streamed path")

	for name, z := range map[string][]byte{"read whole": small.Bytes(), "streamed": bloated} {
		b := zipOf(t, entry{name: resName, raw: z, declaredSize: uint64(len(res)), crc: crc})
		p, err := ReadBytes(b, DefaultLimits())
		require.NoError(t, err, name)
		assert.Equal(t, string(res), string(p.ResourceRaw), name)

		b = zipOf(t, entry{name: resName, raw: z, declaredSize: uint64(len(res)), crc: crc ^ 1})
		assert.EqualError(t, readErr(t, b, DefaultLimits()), "zip entry "+resName+" is corrupt (checksum mismatch)", name)

		b = zipOf(t, entry{name: resName, raw: z[:len(z)/2], declaredSize: uint64(len(res)), crc: crc})
		assert.EqualError(t, readErr(t, b, DefaultLimits()), "zip entry "+resName+" is truncated", name)

		b = zipOf(t, entry{name: resName, raw: z, declaredSize: uint64(len(res)) - 1, crc: crc})
		assert.EqualError(t, readErr(t, b, DefaultLimits()),
			fmt.Sprintf("zip entry %s expands beyond its declared size of %d bytes", resName, len(res)-1), name)
	}
}

// A resource of several megabytes is inflated into a buffer aligned for
// huge pages (internal/hugepage) and its content.js decoded into another:
// the text is exact, escapes included.
func TestReadMultiMegabyteResource(t *testing.T) {
	var sb strings.Builder
	for i := 0; sb.Len() < 5<<20; i++ {
		fmt.Fprintf(&sb, "v%d=\"x\\\"%d\";\n", i, i*7919%100003)
	}
	js := sb.String() + "é😀"
	q, err := json.Marshal(js)
	require.NoError(t, err)
	res := []byte(`{"content":{"js":` + string(q) + `,"css":"a{}"},"apiVersion":"5.1.0"}`)
	require.Greater(t, len(res), 4<<20)
	p := mustRead(t, zipOf(t, entry{name: resName, data: res}))
	assert.Equal(t, js, p.Resource.Content.JS)
	assert.Equal(t, string(res), string(p.ResourceRaw))
	assert.Equal(t, "5.1.0", p.Resource.APIVersion)
	assert.Zero(t, uintptr(unsafe.Pointer(unsafe.SliceData(p.ResourceRaw)))%hugepage.Size, "resource buffer not aligned")
	assert.Zero(t, uintptr(unsafe.Pointer(unsafe.StringData(p.Resource.Content.JS)))%hugepage.Size, "content.js not aligned")
}
