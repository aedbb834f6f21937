package rules

import (
	"sort"
)

// posIndex converts offsets in a text other than content.js (CSS, JSON).
type posIndex struct {
	src   []byte
	lines []int
}

func newPosIndex(src []byte) *posIndex {
	p := &posIndex{src: src, lines: []int{0}}
	for i, c := range src {
		if c == '\n' {
			p.lines = append(p.lines, i+1)
		}
	}
	return p
}

func (p *posIndex) at(off int) (int, int) {
	li := sort.Search(len(p.lines), func(i int) bool { return p.lines[i] > off }) - 1
	col := 1
	for i := p.lines[li]; i < off && i < len(p.src); i++ {
		if p.src[i]&0xC0 != 0x80 {
			col++
		}
	}
	return li + 1, col
}
