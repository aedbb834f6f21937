package pbiviz

import (
	"bytes"
	"sort"
	"sync"
	"unsafe"

	"github.com/pbicert/pbicert/internal/hugepage"
)

// Following a resource while it inflates. A multi-megabyte pbiviz.json is
// almost all one string, content.js: checking it (validJSON, checkDepth),
// skipping it (objectFields, twice) and decoding it (unquote) took about
// 6 ms of the read after the inflate. followStrings does that work on
// another goroutine while the inflate is still producing the bytes, and
// leaves what it found in a longStrings; the decoder then looks each string
// up before scanning it.
//
// A longString is a memo of pure functions of the bytes from its opening
// quote: stringEnd, skipStringBody (the same end for a valid string: every
// backslash of a valid body belongs to a complete escape) and unquote. It
// holds whatever the decoder believes about where strings start: in a
// document the follower misreads (malformed JSON) a memo is merely never
// looked up, or looked up where its answer is still the right one.

// longMin is the least body length a string is followed and decoded for.
var longMin = 256 << 10 // a variable for the tests

// longString is one string of at least longMin bytes of a document.
type longString struct {
	start, end int    // the opening quote's offset; the offset after the closing quote
	text       string // the decoded body: unquote(raw[start:end])
}

// longStrings are the long strings of one document, in order of start.
type longStrings []longString

// at returns the memo of the string whose opening quote is at i, or nil.
func (ls longStrings) at(i int) *longString {
	if len(ls) == 0 {
		return nil
	}
	k := sort.Search(len(ls), func(k int) bool { return ls[k].start >= i })
	if k < len(ls) && ls[k].start == i {
		return &ls[k]
	}
	return nil
}

// shift moves the memos by d bytes (the BOM stripped before the document).
func (ls longStrings) shift(d int) longStrings {
	out := make(longStrings, 0, len(ls))
	for _, s := range ls {
		if s.start+d >= 0 {
			out = append(out, longString{s.start + d, s.end + d, s.text})
		}
	}
	return out
}

// progress publishes how much of a buffer an inflate has written.
type progress struct {
	mu    sync.Mutex
	cond  sync.Cond
	n     int  // bytes written
	final bool // the writer is done (n stays)
}

func newProgress() *progress {
	p := &progress{}
	p.cond.L = &p.mu
	return p
}

// set records that n bytes are written; final that no more will be.
func (p *progress) set(n int, final bool) {
	p.mu.Lock()
	p.n, p.final = n, final
	p.mu.Unlock()
	p.cond.Broadcast()
}

// wait blocks until more than n bytes are written or the writer is done,
// and returns what is written.
func (p *progress) wait(n int) (int, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for p.n <= n && !p.final {
		p.cond.Wait()
	}
	return p.n, p.final
}

// followStrings scans b as its bytes are written (pr), finds the strings
// of at least longMin bytes, checks them (stringScan) and decodes them
// (unquoteTo) chunk by chunk, and returns them once the writer is done. It
// reads only the bytes pr has published. It stops at the first malformed
// string: the decoder then finds the error on its own.
func followStrings(b []byte, pr *progress) longStrings {
	var ls longStrings
	var arena []byte // the decoded long strings, one after the other
	i := 0           // outside strings
	n, final := pr.wait(0)
	for {
		j := bytes.IndexByte(b[i:n], '"')
		if j < 0 {
			if final {
				return ls
			}
			i = n
			n, final = pr.wait(n)
			continue
		}
		start := i + j
		p, dec := start+1, -1 // dec: the next body byte to decode, once long
		mark := len(arena)
		for {
			next, st := stringScan(b[:n], p)
			if st == strBad {
				return ls
			}
			if dec < 0 && next-start > longMin {
				if arena == nil {
					// the decoded bodies are no longer than the rest of the document
					arena = hugepage.Bytes(len(b) - start)[:0]
				}
				dec = start + 1
			}
			body := next
			if st == strDone {
				body = next - 1
			}
			if dec >= 0 {
				var rest []byte
				arena, rest = unquoteTo(arena, b[dec:body], st != strDone)
				dec = body - len(rest)
			}
			if st == strDone {
				if dec >= 0 {
					text := arena[mark:]
					ls = append(ls, longString{start, next, unsafe.String(unsafe.SliceData(text), len(text))})
				}
				i = next
				break
			}
			if final {
				return ls // unterminated
			}
			p = next
			n, final = pr.wait(n)
		}
	}
}
