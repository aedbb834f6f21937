package pbiviz

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"sync"
	"testing"

	"github.com/pbicert/pbicert/internal/gen"
	"github.com/stretchr/testify/require"
)

// entry is a zip entry for zipOf: either data (deflated by archive/zip) or
// a raw deflate stream written with the given header values.
type entry struct {
	name  string
	data  []byte
	store bool

	raw          []byte // pre-compressed DEFLATE data, written as is
	declaredSize uint64 // uncompressed size written in the headers for raw
	crc          uint32
}

func zipOf(t testing.TB, entries ...entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		if e.raw != nil {
			w, err := zw.CreateRaw(&zip.FileHeader{Name: e.name, Method: zip.Deflate, CRC32: e.crc,
				CompressedSize64: uint64(len(e.raw)), UncompressedSize64: e.declaredSize})
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

const resName = "resources/" + gen.DefaultGUID + ".pbiviz.json"

// validPackageJSON and validResource describe the default generated visual.
func validPackageJSON() []byte { return gen.BuildPackageJSON(gen.Visual{}) }

func validResource() []byte {
	v := gen.Visual{Minify: true}
	return gen.BuildResourceJSON(v, gen.BuildJS(v))
}

// deflatedZeros returns a DEFLATE stream of n zero bytes (n a multiple of
// 1 MiB) without compressing n bytes: one 1 MiB block, sync-flushed so it
// ends byte-aligned, is repeated, then an empty final stored block closes
// the stream. 1 GiB of zeros becomes about 1 MB.
func deflatedZeros(t testing.TB, n int64) []byte {
	const chunk = 1 << 20
	var one bytes.Buffer
	w, err := flate.NewWriter(&one, flate.BestCompression)
	require.NoError(t, err)
	_, err = w.Write(make([]byte, chunk))
	require.NoError(t, err)
	require.NoError(t, w.Flush())
	out := bytes.Repeat(one.Bytes(), int(n/chunk))
	return append(out, 0x01, 0x00, 0x00, 0xff, 0xff)
}

var (
	crcOnce  sync.Once
	crcOfGiB uint32
)

// zerosCRC returns the CRC-32 of 1 GiB of zeros.
func zerosCRC() uint32 {
	crcOnce.Do(func() {
		z := make([]byte, 1<<20)
		var c uint32
		for range 1024 {
			c = crc32.Update(c, crc32.IEEETable, z)
		}
		crcOfGiB = c
	})
	return crcOfGiB
}
