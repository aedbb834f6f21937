package project

import (
	"encoding/json"
	"fmt"
	"sort"
	"unicode/utf8"

	"github.com/pbicert/pbicert/internal/textpos"
)

// segment is one decoded source-map mapping: a generated column (UTF-16
// units, 0-based) on a generated line mapped to an original position.
type segment struct {
	genCol  int
	src     int // index in sources, -1 when the segment maps nowhere
	line    int // original line, 0-based
	col     int // original column, UTF-16 units, 0-based
	hasOrig bool
}

// sourceMap is a decoded source map (version 3), lines of segments sorted
// by generated column.
type sourceMap struct {
	Sources []string
	lines   [][]segment
}

// parseSourceMap decodes a version 3 source map ("mappings" in Base64 VLQ).
func parseSourceMap(raw []byte) (*sourceMap, error) {
	var m struct {
		Version  int      `json:"version"`
		Sources  []string `json:"sources"`
		Mappings string   `json:"mappings"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("source map: %w", err)
	}
	if m.Version != 3 {
		return nil, fmt.Errorf("source map: version %d is not 3", m.Version)
	}
	sm := &sourceMap{Sources: m.Sources}
	var src, line, col int
	cur := []segment{}
	s := m.Mappings
	genCol := 0
	for i := 0; i <= len(s); {
		if i == len(s) || s[i] == ';' {
			sort.SliceStable(cur, func(a, b int) bool { return cur[a].genCol < cur[b].genCol })
			sm.lines = append(sm.lines, cur)
			cur = []segment{}
			genCol = 0
			i++
			if i > len(s) {
				break
			}
			continue
		}
		if s[i] == ',' {
			i++
			continue
		}
		var f [5]int
		n := 0
		for i < len(s) && s[i] != ',' && s[i] != ';' {
			v, next, err := vlq(s, i)
			if err != nil {
				return nil, err
			}
			if n < 5 {
				f[n] = v
			}
			n++
			i = next
		}
		if n != 1 && n != 4 && n != 5 {
			return nil, fmt.Errorf("source map: segment with %d fields", n)
		}
		genCol += f[0]
		seg := segment{genCol: genCol, src: -1}
		if n >= 4 {
			src += f[1]
			line += f[2]
			col += f[3]
			seg.src, seg.line, seg.col, seg.hasOrig = src, line, col, true
		}
		cur = append(cur, seg)
	}
	return sm, nil
}

const b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

var b64val = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := 0; i < len(b64); i++ {
		t[b64[i]] = int8(i)
	}
	return
}()

// vlq decodes one Base64 VLQ value at s[i:].
func vlq(s string, i int) (int, int, error) {
	v, shift := 0, 0
	for {
		if i >= len(s) {
			return 0, i, fmt.Errorf("source map: truncated VLQ")
		}
		d := b64val[s[i]]
		if d < 0 {
			return 0, i, fmt.Errorf("source map: invalid character %q in mappings", s[i])
		}
		i++
		v |= int(d&31) << shift
		shift += 5
		if shift > 60 {
			return 0, i, fmt.Errorf("source map: VLQ overflow")
		}
		if d&32 == 0 {
			break
		}
	}
	if v&1 != 0 {
		return -(v >> 1), i, nil
	}
	return v >> 1, i, nil
}

// lookup returns the segment covering generated (line, col) (0-based, col
// in UTF-16 units): the last segment at or before col on that line, else
// the last mapped segment of an earlier line.
func (m *sourceMap) lookup(line, col int) (segment, bool) {
	if line >= len(m.lines) {
		line = len(m.lines) - 1
		col = 1 << 30
	}
	for l := line; l >= 0; l-- {
		segs := m.lines[l]
		i := sort.Search(len(segs), func(k int) bool { return segs[k].genCol > col }) - 1
		for ; i >= 0; i-- {
			if segs[i].hasOrig {
				s := segs[i]
				if l != line {
					s.genCol = -1 // not on the same line: no column delta
				}
				return s, true
			}
		}
		col = 1 << 30
	}
	return segment{}, false
}

// lineStarts lists the byte offset of each line of b as a source map
// numbers them: esbuild ends a line at \n, \r\n, a lone \r, U+2028 and
// U+2029 (the ECMAScript line terminators).
func lineStarts(b []byte) []int { return textpos.ECMALineStarts(b) }

// utf16Col converts the byte range line[0:n] to UTF-16 units.
func utf16Col(line []byte) int {
	n := 0
	for len(line) > 0 {
		r, size := utf8.DecodeRune(line)
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
		line = line[size:]
	}
	return n
}

// byteAtUTF16 returns the byte offset in line of UTF-16 column col (clamped
// to the line's end, before any \r).
func byteAtUTF16(line []byte, col int) int {
	n, off := 0, 0
	for off < len(line) && n < col {
		if line[off] == '\r' || line[off] == '\n' {
			break
		}
		r, size := utf8.DecodeRune(line[off:])
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
		off += size
	}
	return off
}
