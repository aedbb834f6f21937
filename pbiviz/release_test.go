package pbiviz

import (
	"bytes"
	"os"
	"runtime"
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ReleaseLongStrings drops the ASCII pages inside content.js's body, away
// from its ends, and nothing read from the package changes: the decoded
// content.js, the positions after the body on the same line, the bytes near
// the body's ends and every page that holds a non-ASCII byte.
func TestReleaseLongStrings(t *testing.T) {
	line := `var s=\"privileges\",t=1;\n`
	half := strings.Repeat(line, (1<<20)/len(line))
	body := half + "é" + half + half // a non-ASCII page in the middle
	res := []byte(`{"content":{"js":"` + body + `","css":"a{}"},"capabilities":{"dataRoles":[],"privileges":[{"name":"WebAccess","essential":true}]}}`)
	lim := DefaultLimits()
	lim.MaxRatio = 1 << 20
	p, err := ReadBytes(zipOf(t, entry{name: resName, data: res}), lim)
	require.NoError(t, err)
	require.Len(t, p.long, 1, "content.js is followed")
	js := strings.Clone(p.Resource.Content.JS)
	before := bytes.Clone(p.ResourceRaw)
	l1, c1, o1 := p.CapabilitiesPos("privileges")
	l2, c2, o2 := p.CapabilitiesPos("WebAccess")
	pp := p.PrivilegePos("WebAccess")
	lc := func(off int) [2]int { l, c := LineCol(p.ResourceRaw, off); return [2]int{l, c} }
	end := lc(len(p.ResourceRaw))
	key := bytes.Index(p.ResourceRaw, []byte(`"capabilities"`))

	n := p.ReleaseLongStrings()
	if runtime.GOOS != "linux" {
		assert.Zero(t, n)
		return
	}
	require.Greater(t, n, len(body)/2, "most of the body is released")
	assert.Less(t, n, len(body)-2*releaseMargin+1)

	assert.Equal(t, js, p.Resource.Content.JS)
	l, c, o := p.CapabilitiesPos("privileges")
	assert.Equal(t, [3]int{l1, c1, o1}, [3]int{l, c, o})
	l, c, o = p.CapabilitiesPos("WebAccess")
	assert.Equal(t, [3]int{l2, c2, o2}, [3]int{l, c, o})
	assert.Equal(t, pp, p.PrivilegePos("WebAccess"))
	assert.Equal(t, end, lc(len(p.ResourceRaw)))
	assert.Equal(t, key, bytes.Index(p.ResourceRaw, []byte(`"capabilities"`)))

	s, e := p.long[0].start, p.long[0].end
	assert.Equal(t, before[:s+1+releaseMargin], p.ResourceRaw[:s+1+releaseMargin], "the head and the body's first bytes")
	assert.Equal(t, before[e-1-releaseMargin:], p.ResourceRaw[e-1-releaseMargin:], "the body's last bytes and the tail")
	mid := bytes.Index(before, []byte("é"))
	// the kernel's pages holding é's two bytes
	base := int(uintptr(unsafe.Pointer(unsafe.SliceData(p.ResourceRaw))))
	pg := (base+mid)&^(os.Getpagesize()-1) - base
	pe := (base+mid+1)&^(os.Getpagesize()-1) - base + os.Getpagesize()
	assert.Equal(t, before[pg:pe], p.ResourceRaw[pg:pe], "the pages holding é are kept")
	zeros := 0
	for i := s + 1 + releaseMargin; i < e-1-releaseMargin; i++ {
		if p.ResourceRaw[i] == 0 {
			zeros++
		}
	}
	assert.Equal(t, n, zeros, "released pages read as zeros, nothing else changed")
	diff := 0
	for i := range before {
		if before[i] != p.ResourceRaw[i] && p.ResourceRaw[i] != 0 {
			diff++
		}
	}
	assert.Zero(t, diff)

	// small resources have no long strings: nothing to release
	q := mustRead(t, zipOf(t, entry{name: resName, data: validResource()}))
	assert.Zero(t, q.ReleaseLongStrings())
}
