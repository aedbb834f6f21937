// Package textpos is pbicert's one line and column convention: every
// position a report shows (JavaScript, CSS, JSON, TypeScript sources,
// syntax and limit errors) is computed here.
//
// The convention (docs/contract.md: "line and column are 1-based, column
// in characters of that line"):
//
//   - A line ends at "\n", at "\r\n" (one break) or at a lone "\r": the
//     breaks every editor and diff viewer honours. U+2028 and U+2029 do not
//     end a line (editors show them inside the line; in bundles they occur
//     only in string literals and comments), nor does a form feed.
//   - A column counts characters from the start of the line, from 1: the
//     bytes that do not continue a UTF-8 sequence (bytes other than
//     10xxxxxx). On valid UTF-8 that is the number of code points; a stray
//     continuation byte counts for nothing.
//   - Offsets are 0-based byte offsets; out-of-range offsets are clamped to
//     the ends of the text.
//
// Source maps are the one exception, because their producer defines them:
// esbuild numbers the lines of a map with the ECMAScript line terminators
// (U+2028 and U+2029 too). ECMALineStarts reads those lines; what is then
// reported is converted back with this package's convention.
package textpos

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"sort"
)

// Table converts offsets of one text quickly, also on multi-megabyte
// lines (minified bundles): it keeps the start of every line and, every
// cpStep bytes, the column at that byte.
type Table struct {
	src   []byte
	lines []int   // start offset of each line
	cps   []int32 // cps[k]: characters before byte k*cpStep on its line
}

const cpStep = 4096

// New builds the table of src (about 1 ms for 6 MB of minified code).
func New(src []byte) *Table {
	t := &Table{src: src, lines: []int{0}}
	col := int32(0)
	t.cps = make([]int32, 0, len(src)/cpStep+1)
	for base := 0; base < len(src); base += cpStep {
		t.cps = append(t.cps, col)
		chunk := src[base:min(base+cpStep, len(src))]
		if bytes.IndexByte(chunk, '\n') < 0 && bytes.IndexByte(chunk, '\r') < 0 {
			col += int32(CountChars(chunk)) // one long line (minified code)
			continue
		}
		for i := base; i < base+len(chunk); i++ {
			b := src[i]
			switch {
			case b == '\n':
				t.lines = append(t.lines, i+1)
				col = 0
			case b == '\r':
				if i+1 < len(src) && src[i+1] == '\n' {
					col++ // the \n will start the line
					continue
				}
				t.lines = append(t.lines, i+1)
				col = 0
			case b&0xC0 != 0x80:
				col++
			}
		}
	}
	return t
}

// LineCol returns the 1-based line and column of byte offset off.
func (t *Table) LineCol(off int) (line, col int) {
	off = max(0, min(off, len(t.src)))
	li := sort.Search(len(t.lines), func(i int) bool { return t.lines[i] > off }) - 1
	start := t.lines[li]
	// the checkpoint before off, when it lies on off's line
	cp := off / cpStep * cpStep
	if cp > start && cp/cpStep < len(t.cps) {
		col = int(t.cps[cp/cpStep])
	} else {
		cp, col = start, 0
	}
	return li + 1, col + CountChars(t.src[cp:off]) + 1
}

// Lines returns the number of lines of the text (at least 1).
func (t *Table) Lines() int { return len(t.lines) }

// LineStart returns the offset where the 1-based line starts (clamped to
// the first and last lines).
func (t *Table) LineStart(line int) int {
	return t.lines[max(0, min(line-1, len(t.lines)-1))]
}

// LineCol converts one offset without a table: for error paths and small
// texts (it reads the text up to off).
func LineCol(src []byte, off int) (line, col int) {
	off = max(0, min(off, len(src)))
	line, start := 1, 0
	for i := 0; i < off; i++ {
		switch src[i] {
		case '\n':
			line, start = line+1, i+1
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				continue
			}
			line, start = line+1, i+1
		}
	}
	return line, CountChars(src[start:off]) + 1
}

// CountChars counts the characters of b: the bytes that start a UTF-8
// sequence (all but the 10xxxxxx continuation bytes), eight at a time.
func CountChars(b []byte) int {
	n := len(b)
	i := 0
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i:])
		n -= bits.OnesCount64(w & ^(w << 1) & 0x8080808080808080)
	}
	for ; i < len(b); i++ {
		if b[i]&0xC0 == 0x80 {
			n--
		}
	}
	return n
}

// ECMALineStarts returns the offset of each line of src as ECMAScript (and
// esbuild's source maps) count lines: a line ends at "\n", "\r\n", a lone
// "\r", U+2028 or U+2029. Only for reading source maps; report positions
// with Table or LineCol.
func ECMALineStarts(src []byte) []int {
	out := []int{0}
	for i := 0; i < len(src); i++ {
		switch c := src[i]; {
		case c == '\n':
			out = append(out, i+1)
		case c == '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			out = append(out, i+1)
		case c == 0xE2 && i+2 < len(src) && src[i+1] == 0x80 && (src[i+2] == 0xA8 || src[i+2] == 0xA9):
			i += 2
			out = append(out, i+1)
		}
	}
	return out
}
