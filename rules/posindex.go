package rules

import "github.com/pbicert/pbicert/internal/textpos"

// posIndex converts offsets in a text other than content.js (CSS, JSON)
// with pbicert's one line and column convention (internal/textpos).
type posIndex struct{ t *textpos.Table }

func newPosIndex(src []byte) *posIndex { return &posIndex{textpos.New(src)} }

func (p *posIndex) at(off int) (int, int) { return p.t.LineCol(off) }
