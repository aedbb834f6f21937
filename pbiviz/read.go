package pbiviz

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path"
	"strings"

	"github.com/klauspost/compress/flate" // the standard library's inflater, about twice as fast

	"github.com/pbicert/pbicert/internal/hugepage"
)

// Package is a .pbiviz read into memory.
type Package struct {
	PackageJSON    PackageJSON // typed package.json (zero when absent)
	PackageJSONRaw []byte      // package.json bytes after BOM strip (nil when absent)
	HasPackageJSON bool

	ResourcePath string   // zip entry of the pbiviz.json resource, e.g. "resources/abc.pbiviz.json"
	Resource     Resource // typed resource
	ResourceRaw  []byte   // exact bytes of the resource (after BOM strip; ReleaseLongStrings zeroes the inside of its long strings)

	Entries []string // zip entry names, in archive order

	// Legacy is true for the pre-2018 layout (legacy.go): JSPath and
	// CSSPath are then the entries read as content.js and content.css
	// ("resources/project.js"), ResourcePath and ResourceRaw are
	// package.json's, and there are no capabilities or apiVersion.
	Legacy          bool
	JSPath, CSSPath string

	long longStrings // the long strings of ResourceRaw, when followed (jsonfollow.go)
}

var bom = []byte("\xEF\xBB\xBF")

func stripBOM(b []byte) []byte { return bytes.TrimPrefix(b, bom) }

// OpenFile reads the package at path. The file is read through an
// io.ReaderAt: only the entries needed are decompressed into memory.
func OpenFile(name string, lim Limits) (*Package, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, cleanOSError(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, cleanOSError(err)
	}
	if st.IsDir() {
		return nil, errors.New("is a directory, not a .pbiviz file")
	}
	return Read(f, st.Size(), lim)
}

// cleanOSError drops the file name from an *os.PathError (callers prefix it).
func cleanOSError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

// ReadBytes reads a package held in memory.
func ReadBytes(b []byte, lim Limits) (*Package, error) {
	return Read(bytes.NewReader(b), int64(len(b)), lim)
}

// Read reads a package of the given size from r.
func Read(r io.ReaderAt, size int64, lim Limits) (p *Package, err error) {
	defer func() {
		// archive/zip and encoding/json are not expected to panic, but a
		// linter must never crash on hostile input.
		if rec := recover(); rec != nil {
			p, err = nil, fmt.Errorf("internal error reading package: %v", rec)
		}
	}()
	lim = lim.withDefaults()
	if size == 0 {
		return nil, errors.New("empty file")
	}
	if size < 0 {
		return nil, errors.New("invalid size")
	}
	if size > lim.MaxFileBytes {
		return nil, limitErr(LimitFileBytes, size, lim.MaxFileBytes, "package is %d bytes, more than %d", size, lim.MaxFileBytes)
	}
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, zipOpenError(r, size, err)
	}
	if zr == nil {
		return nil, errors.New("not a zip archive")
	}
	if len(zr.File) > lim.MaxEntries {
		return nil, limitErr(LimitEntries, int64(len(zr.File)), int64(lim.MaxEntries),
			"package has %d zip entries, more than %d", len(zr.File), lim.MaxEntries)
	}
	p = &Package{Entries: make([]string, 0, len(zr.File))}
	byName := make(map[string]*zip.File, len(zr.File))
	var declaredTotal uint64
	for _, f := range zr.File {
		if err := checkEntryName(f.Name); err != nil {
			return nil, err
		}
		key := strings.TrimSuffix(path.Clean(f.Name), "/")
		if _, dup := byName[key]; dup {
			return nil, fmt.Errorf("duplicate zip entry %s", quoteName(f.Name))
		}
		byName[key] = f
		p.Entries = append(p.Entries, f.Name)
		if err := checkDeclared(f, lim); err != nil {
			return nil, err
		}
		declaredTotal += f.UncompressedSize64
		if declaredTotal > uint64(lim.MaxTotalBytes) {
			return nil, limitErr(LimitTotalBytes, clampInt64(declaredTotal), lim.MaxTotalBytes,
				"zip entries expand beyond %d bytes in total", lim.MaxTotalBytes)
		}
	}
	rd := &entryReader{lim: lim, size: size}

	// package.json
	if f := byName["package.json"]; f != nil && !f.FileInfo().IsDir() {
		raw, err := rd.read(f)
		if err != nil {
			return nil, err
		}
		p.PackageJSONRaw = stripBOM(raw)
		p.HasPackageJSON = true
		if err := decodePackageJSON(p.PackageJSONRaw, lim, &p.PackageJSON); err != nil {
			return nil, err
		}
	}

	if legacy, err := readLegacy(p, byName, rd); legacy || err != nil {
		if err != nil {
			return nil, err
		}
		return p, nil
	}
	resPath, err := locateResource(p, byName)
	if err != nil {
		return nil, err
	}
	p.ResourcePath = resPath
	raw, long, err := rd.readFollowed(byName[resPath])
	if err != nil {
		return nil, err
	}
	p.ResourceRaw = stripBOM(raw)
	if len(p.ResourceRaw) < len(raw) {
		long = long.shift(len(p.ResourceRaw) - len(raw))
	}
	p.long = long
	if err := decodeResource(resPath, p.ResourceRaw, lim, &p.Resource, long); err != nil {
		return nil, err
	}
	return p, nil
}

// zipOpenError explains why archive/zip refused the file.
func zipOpenError(r io.ReaderAt, size int64, err error) error {
	var head [4]byte
	n, _ := r.ReadAt(head[:], 0)
	if n >= 2 && head[0] == 'P' && head[1] == 'K' {
		switch {
		case errors.Is(err, zip.ErrFormat):
			return errors.New("truncated or corrupt zip archive (no valid central directory)")
		case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
			return errors.New("truncated zip archive")
		}
		return fmt.Errorf("corrupt zip archive: %s", strings.TrimPrefix(err.Error(), "zip: "))
	}
	if errors.Is(err, zip.ErrFormat) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return errors.New("not a zip archive")
	}
	return fmt.Errorf("reading zip archive: %s", strings.TrimPrefix(err.Error(), "zip: "))
}

// checkEntryName refuses names that could escape a folder or confuse tools.
func checkEntryName(name string) error {
	q := quoteName(name)
	switch {
	case name == "":
		return errors.New("zip entry with an empty name")
	case strings.IndexByte(name, 0) >= 0:
		return fmt.Errorf("zip entry %s: name contains a NUL byte", q)
	case strings.Contains(name, `\`):
		return fmt.Errorf("zip entry %s: name contains a backslash", q)
	case strings.HasPrefix(name, "/") || (len(name) >= 2 && name[1] == ':' && isLetter(name[0])):
		return fmt.Errorf("zip entry %s: absolute path", q)
	}
	for el := range strings.SplitSeq(name, "/") {
		if el == ".." {
			return fmt.Errorf("zip entry %s: path contains '..'", q)
		}
	}
	return nil
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// quoteName prints an entry name safely on one line.
func quoteName(name string) string {
	if len(name) > 200 {
		name = name[:200] + "…"
	}
	for _, c := range []byte(name) {
		if c < 0x20 || c == 0x7F || c == '"' || c == ' ' {
			return fmt.Sprintf("%q", name)
		}
	}
	return name
}

func clampInt64(u uint64) int64 {
	if u > 1<<62 {
		return 1 << 62
	}
	return int64(u)
}

// checkDeclared checks the sizes declared in the central directory, before
// anything is decompressed.
func checkDeclared(f *zip.File, lim Limits) error {
	q := quoteName(f.Name)
	if f.Flags&0x1 != 0 {
		return fmt.Errorf("zip entry %s is encrypted", q)
	}
	if f.UncompressedSize64 > uint64(lim.MaxEntryBytes) {
		return limitErr(LimitEntryBytes, clampInt64(f.UncompressedSize64), lim.MaxEntryBytes,
			"zip entry %s expands beyond %d bytes", q, lim.MaxEntryBytes)
	}
	if u, c := f.UncompressedSize64, f.CompressedSize64; u > ratioThreshold && float64(u) > float64(c)*float64(lim.MaxRatio) {
		ratio := clampInt64(u)
		if c > 0 {
			ratio = clampInt64(u / c)
		}
		return limitErr(LimitRatio, ratio, int64(lim.MaxRatio),
			"zip entry %s has a compression ratio of %d (%d bytes from %d)", q, ratio, u, c)
	}
	return nil
}

// entryReader decompresses entries under the limits, counting the total.
type entryReader struct {
	lim   Limits
	size  int64 // of the archive
	total int64

	// follow, when set, is started with the output buffer, and progress
	// says how much of it is written (readFollowed)
	follow   func(buf []byte)
	progress *progress
}

// followMin is the least declared size of a resource followed while it
// inflates (followStrings).
const followMin = 1 << 20

// readFollowed reads f like read; from followMin bytes on, followStrings
// scans the bytes on another goroutine as they are inflated, and its long
// strings are returned with them.
func (er *entryReader) readFollowed(f *zip.File) ([]byte, longStrings, error) {
	if f.UncompressedSize64 < followMin {
		b, err := er.read(f)
		return b, nil, err
	}
	pr := newProgress()
	found := make(chan longStrings, 1)
	er.follow = func(buf []byte) {
		go func() {
			var ls longStrings
			defer func() {
				if recover() != nil {
					ls = nil // the decoder does it all itself: a linter never crashes on input
				}
				found <- ls
			}()
			ls = followStrings(buf, pr)
		}()
	}
	er.progress = pr
	defer func() { er.follow, er.progress = nil, nil }()
	b, err := er.read(f)
	if err != nil {
		return nil, nil, err // the follower ends by itself (the progress is final)
	}
	return b, <-found, nil
}

// read decompresses f into memory. The compressed bytes are read raw and
// inflated here into a buffer of the declared size (itself already checked
// against MaxEntryBytes and MaxTotalBytes) plus one byte, so an entry whose
// headers lie is refused after at most that many bytes. The CRC-32 is
// checked.
func (er *entryReader) read(f *zip.File) ([]byte, error) {
	q := quoteName(f.Name)
	raw, err := f.OpenRaw()
	if err != nil {
		if errors.Is(err, zip.ErrFormat) {
			return nil, fmt.Errorf("zip entry %s is corrupt (bad local file header)", q)
		}
		return nil, fmt.Errorf("zip entry %s: %s", q, strings.TrimPrefix(err.Error(), "zip: "))
	}
	var src io.Reader
	switch f.Method {
	case zip.Store:
		src = raw
	case zip.Deflate:
		if c := f.CompressedSize64; c <= f.UncompressedSize64+1024 && c <= uint64(er.size) {
			// the compressed bytes in one read (not one system call per
			// 4 KiB); only for a compressed size the archive and the
			// declared size make plausible, so bounded by both
			comp := make([]byte, c)
			m, err := io.ReadFull(raw, comp)
			if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
				return nil, fmt.Errorf("zip entry %s is corrupt: %s", q, err)
			}
			src = bytes.NewReader(comp[:m]) // short: inflating says truncated
		}
		if src == nil {
			src = raw
		}
		fr := flate.NewReader(src)
		defer fr.Close()
		src = fr
	default:
		return nil, fmt.Errorf("zip entry %s uses unsupported compression method %d", q, f.Method)
	}
	declared := int64(f.UncompressedSize64) // checked against the limits by checkDeclared
	bound := min(declared, er.lim.MaxEntryBytes, er.lim.MaxTotalBytes-er.total)
	var buf []byte
	if bound+1 >= hugepage.Min && int64(int(bound+1)) == bound+1 { // (an int on 32-bit systems)
		buf = hugepage.Bytes(int(bound + 1)) // a multi-megabyte resource, faulted in 2 MiB at a time
	} else {
		buf = make([]byte, bound+1)
	}
	n, crc := 0, uint32(0)
	var publish func(final bool)
	if er.follow != nil {
		er.follow(buf)
		published := 0
		publish = func(final bool) {
			if final || n-published >= 256<<10 {
				er.progress.set(n, final)
				published = n
			}
		}
		defer publish(true) // the follower ends even if inflating panics (Read recovers)
	}
	err = nil
	for n < len(buf) {
		m, rerr := src.Read(buf[n:])
		crc = crc32.Update(crc, crc32.IEEETable, buf[n:n+m]) // while the bytes are in cache
		n += m
		if publish != nil {
			publish(false)
		}
		if rerr != nil {
			if rerr != io.EOF {
				err = rerr
			}
			break
		}
	}
	if publish != nil {
		publish(true)
	}
	er.total += int64(n)
	switch {
	case int64(n) > er.lim.MaxEntryBytes:
		return nil, limitErr(LimitEntryBytes, int64(n), er.lim.MaxEntryBytes,
			"zip entry %s expands beyond %d bytes", q, er.lim.MaxEntryBytes)
	case er.total > er.lim.MaxTotalBytes:
		return nil, limitErr(LimitTotalBytes, er.total, er.lim.MaxTotalBytes,
			"zip entries expand beyond %d bytes in total", er.lim.MaxTotalBytes)
	case int64(n) > declared:
		return nil, fmt.Errorf("zip entry %s expands beyond its declared size of %d bytes", q, declared)
	}
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("zip entry %s is truncated", q)
		}
		return nil, fmt.Errorf("zip entry %s is corrupt: %s", q, strings.TrimPrefix(err.Error(), "flate: "))
	}
	if int64(n) != declared {
		return nil, fmt.Errorf("zip entry %s is truncated (%d of %d bytes)", q, n, declared)
	}
	if f.CRC32 != 0 && crc != f.CRC32 { // 0: not recorded by the writer
		return nil, fmt.Errorf("zip entry %s is corrupt (checksum mismatch)", q)
	}
	return buf[:n], nil
}

// locateResource finds the pbiviz.json resource entry.
func locateResource(p *Package, byName map[string]*zip.File) (string, error) {
	pj := p.PackageJSON
	if p.HasPackageJSON && len(pj.Resources) > 0 {
		idx := -1
		want := pj.Metadata.PBIVizJSON.ResourceID
		for i, r := range pj.Resources {
			if r.File != "" && want != "" && r.ResourceID == want {
				idx = i
				break
			}
		}
		if idx < 0 {
			for i, r := range pj.Resources {
				if r.File != "" && string(r.SourceType) == "5" {
					idx = i
					break
				}
			}
		}
		if idx < 0 {
			for i, r := range pj.Resources {
				if strings.HasSuffix(r.File, ".pbiviz.json") {
					idx = i
					break
				}
			}
		}
		if idx >= 0 {
			file := pj.Resources[idx].File
			field := fmt.Sprintf("package.json resources[%d].file %s", idx, quoteJSON(file))
			clean := path.Clean(strings.TrimPrefix(file, "./"))
			if strings.Contains(file, `\`) || strings.HasPrefix(file, "/") || !strings.HasPrefix(clean, "resources/") ||
				strings.Contains("/"+file+"/", "/../") {
				return "", fmt.Errorf("%s points outside resources/", field)
			}
			f := byName[clean]
			if f == nil || f.FileInfo().IsDir() {
				return "", fmt.Errorf("%s: no such entry in the package", field)
			}
			return f.Name, nil
		}
	}
	var found []string
	for _, name := range p.Entries {
		if strings.HasPrefix(name, "resources/") && strings.HasSuffix(name, ".pbiviz.json") &&
			!strings.Contains(name[len("resources/"):], "/") {
			found = append(found, name)
		}
	}
	switch len(found) {
	case 0:
		return "", errors.New("no resources/*.pbiviz.json: pre-2017 package format is not supported")
	case 1:
		return found[0], nil
	}
	return "", fmt.Errorf("%d resources/*.pbiviz.json entries and no package.json resource to choose one (%s)",
		len(found), strings.Join(found, ", "))
}

func quoteJSON(s string) string {
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return fmt.Sprintf("%q", s)
}
