package rules

import (
	"strings"
	"unicode/utf8"

	"github.com/pbicert/pbicert/result"
)

// The code window of a finding (the HTML report): lines before and after,
// and its width in bytes.
const (
	WindowLines = 2
	WindowWidth = 120
)

// windowScan bounds every search for a line's start or end: a minified
// bundle is one line of megabytes, and a window must cost the same there.
const windowScan = 4096

// SourceWindow returns up to around lines before and after the line of
// offset in src (line is that line's number), each cut to the same byte
// columns (width wide, the finding a third of the way in, or from the start
// of the line when it fits) with … where cut, and the finding's character
// column. Lines follow internal/textpos's convention (\n, \r\n, lone \r). A
// neighbour line whose start or end lies further than windowScan bytes away
// ends the window on that side, so a minified bundle gets the cut line
// alone, and so does a neighbour with nothing in the window's columns. nil
// when offset is outside src.
func SourceWindow(src []byte, offset, line, around, width int) *result.Window {
	if offset < 0 || offset > len(src) || line < 1 || width < 8 {
		return nil
	}
	ls, ok := lineStart(src, offset)
	if !ok {
		// a long line: cut around the finding, no neighbours
		from := offset - width/3
		text, caret := cut(src[:lineEnd(src, offset, from+width+1)], from, from+width, offset)
		return &result.Window{First: line, Lines: []string{text}, Caret: caret}
	}
	col := offset - ls
	from, to := 0, width
	if col > width*2/3 {
		from, to = col-width/3, col-width/3+width
	}
	hitEnd := lineEnd(src, ls, ls+to+1)
	hit, caret := cut(src[ls:hitEnd], from, to, col)
	var before []string
	for s, i := ls, 0; i < around && s > 0; i++ {
		e := s - 1 // the terminator's last byte
		if src[e] == '\n' && e > 0 && src[e-1] == '\r' {
			e--
		}
		ps, ok := lineStart(src, e)
		if !ok {
			break
		}
		pe := lineEnd(src, ps, ps+to+1)
		if from > 0 && pe-ps <= from {
			break // nothing of it in the window's columns
		}
		before = append(before, cutText(src[ps:pe], from, to))
		s = ps
	}
	w := &result.Window{First: line - len(before)}
	for i := len(before) - 1; i >= 0; i-- {
		w.Lines = append(w.Lines, before[i])
	}
	w.Hit, w.Caret = len(w.Lines), caret
	w.Lines = append(w.Lines, hit)
	// the lines after: find the hit line's terminator, bounded
	e := hitEnd
	for i := 0; i < around; i++ {
		e = lineEnd(src, e, e+windowScan)
		if e >= len(src) {
			break
		}
		if src[e] != '\n' && src[e] != '\r' {
			break // too far to the next line
		}
		s := e + 1
		if src[e] == '\r' && s < len(src) && src[s] == '\n' {
			s++
		}
		if s >= len(src) {
			break
		}
		e = lineEnd(src, s, s+to+1)
		if from > 0 && e-s <= from {
			break // nothing of it in the window's columns
		}
		w.Lines = append(w.Lines, cutText(src[s:e], from, to))
	}
	// trailing empty lines say nothing
	for len(w.Lines) > w.Hit+1 && strings.TrimSpace(w.Lines[len(w.Lines)-1]) == "" {
		w.Lines = w.Lines[:len(w.Lines)-1]
	}
	return w
}

// lineStart is the start of offset's line, when it is at most windowScan
// bytes before offset.
func lineStart(src []byte, offset int) (int, bool) {
	for i := offset - 1; i >= 0 && i >= offset-windowScan; i-- {
		if src[i] == '\n' || src[i] == '\r' {
			return i + 1, true
		}
	}
	if offset <= windowScan {
		return 0, true
	}
	return 0, false
}

// lineEnd is the offset of the first line terminator at or after from, or
// limit (at most len(src)) when there is none before it.
func lineEnd(src []byte, from, limit int) int {
	limit = min(limit, len(src))
	for i := max(from, 0); i < limit; i++ {
		if src[i] == '\n' || src[i] == '\r' {
			return i
		}
	}
	return max(limit, from)
}

func cutText(line []byte, from, to int) string {
	t, _ := cut(line, from, to, 0)
	return t
}

// cut returns line[from:to] (clamped, moved to character boundaries) with …
// where it was cut, control characters but tabs shown as spaces, and the
// character column of at in the result.
func cut(line []byte, from, to, at int) (string, int) {
	from = max(from, 0)
	to = min(to, len(line))
	for from < len(line) && from > 0 && !utf8.RuneStart(line[from]) {
		from++
	}
	for to < len(line) && to > from && !utf8.RuneStart(line[to]) {
		to--
	}
	var b strings.Builder
	caret := 0
	if from > 0 {
		b.WriteString("…")
		caret = 1
	}
	if from < to {
		seg := line[from:to]
		if at >= from {
			caret += utf8.RuneCountInString(strings.ToValidUTF8(string(seg[:min(at-from, len(seg))]), "\uFFFD"))
		}
		b.WriteString(strings.Map(func(r rune) rune {
			if r < 0x20 && r != '\t' || r == 0x7f {
				return ' '
			}
			return r
		}, strings.ToValidUTF8(string(seg), "\uFFFD")))
	}
	if to < len(line) {
		b.WriteString("…")
	}
	return b.String(), caret
}
