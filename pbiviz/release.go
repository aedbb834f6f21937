package pbiviz

import (
	"encoding/binary"

	"github.com/pbicert/pbicert/internal/hugepage"
)

// releaseMargin is how much of each end of a long string's body
// ReleaseLongStrings keeps: every reader of ResourceRaw other than the
// scans below looks at most a few KiB around a line's ends or a finding's
// offset (rules.Snippet, rules.SourceWindow), and no finding points inside
// a string of the resource that long.
const releaseMargin = 64 << 10

// releasePage is the unit of ReleaseLongStrings' ASCII test.
const releasePage = 4096

// ReleaseLongStrings hands back to the operating system the memory of the
// long strings of ResourceRaw (content.js, about the whole resource of a
// large package) once they are decoded into Resource: a check then holds
// content.js once instead of twice (about 6 MB less resident memory on the
// 6 MB benchmark bundle). It reports how many bytes it released.
//
// Only pages that hold nothing but ASCII, inside a string body, at least
// releaseMargin bytes from either end, are released; they read as zeros
// afterwards. Everything that reads ResourceRaw after Read still answers
// as before: LineCol counts line terminators (none in a valid JSON string)
// and characters (an ASCII byte and a zero are one character each), the
// structural scans skip long strings through their memos, a search for a
// quoted key cannot match inside a body (its quotes are escaped), and the
// snippets and windows around a position read near its line's ends.
// Call it only when nothing reads the bytes of those bodies any more; a
// Package without long strings (small resources, projects) is unchanged.
func (p *Package) ReleaseLongStrings() int {
	n := 0
	for _, s := range p.long {
		lo, hi := s.start+1+releaseMargin, s.end-1-releaseMargin
		if hi-lo < 4*releasePage || lo < 0 || hi > len(p.ResourceRaw) {
			continue
		}
		// release the runs of ASCII pages (aligned within the slice; Release
		// rounds each run inward to the kernel's pages)
		lo = (lo + releasePage - 1) / releasePage * releasePage
		run := lo
		for i := lo; i+releasePage <= hi; i += releasePage {
			if !ascii(p.ResourceRaw[i : i+releasePage]) {
				if i > run {
					n += hugepage.Release(p.ResourceRaw[run:i])
				}
				run = i + releasePage
			}
		}
		end := lo + (hi-lo)/releasePage*releasePage
		if end > run {
			n += hugepage.Release(p.ResourceRaw[run:end])
		}
	}
	return n
}

// ascii reports whether b (a multiple of 8 bytes long) is all ASCII.
func ascii(b []byte) bool {
	var or uint64
	for i := 0; i+8 <= len(b); i += 8 {
		or |= binary.LittleEndian.Uint64(b[i:])
	}
	return or&0x8080808080808080 == 0
}
