package jsscan

import (
	"cmp"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/tdewolff/parse/v2/js"
)

// Pipelined split. The scan is the last step before the parse that runs on
// one core; the pipe parses each unit while the scan goes on. A unit is
// handed over when the scan reaches the end of its body: every unit inside
// it has been found by then, so its buffer (its text with those units
// replaced by placeholders) can be built and parsed at once. When the scan
// ends, the text outside every unit is parsed and the units are numbered
// by their start. The split is refused, and the work already done dropped,
// when two spans cross (the scan was confused), when one piece holds most
// of the text, or when a unit does not parse as the function the scan
// found: the input is then parsed in one piece. The parses already done
// are then wasted: on two cores they ran on the core the scan left idle,
// but their memory stays allocated until a collection (when one piece
// holds three quarters of the text, they cover at most the last quarter).

// unitJob is the parse of one unit's buffer.
type unitJob struct {
	buf   []byte
	arrow bool
	ast   *js.AST
	fn    js.IExpr
	err   error
}

func (j *unitJob) parse() {
	j.ast, j.err = safeParse(j.buf)
	if j.err == nil {
		j.fn = unitFunc(j.ast, j.arrow)
	}
}

// pipe receives the units of a scan (pipe.unit) in the order their bodies
// close; its workers parse them meanwhile.
type pipe struct {
	src     []byte
	s       *Split     // units in the order they closed, their markers and segments
	jobs    []*unitJob // by unit
	open    []int      // the units not inside another unit found so far, by start
	queue   chan *unitJob
	pending []*unitJob // jobs the queue had no room for (parsed at the end)
	workers sync.WaitGroup
	cancel  atomic.Bool // the split is refused: workers stop parsing
	crossed bool        // two spans cross: the scan was confused
}

func newPipe(src []byte, workers int) *pipe {
	return newPipeQueue(src, workers, len(src)/UnitMinBytes+64)
}

// newPipeQueue is newPipe with a queue of the given size (tests overflow it).
func newPipeQueue(src []byte, workers, size int) *pipe {
	pl := &pipe{src: src, s: &Split{markers: map[uintptr]int{}, outer: map[*js.Scope]*js.Scope{}, nodes: map[js.INode]int{}},
		queue: make(chan *unitJob, size)}
	// the scan keeps one core busy until it ends
	for range max(workers-1, 1) {
		pl.workers.Add(1)
		go pl.work()
	}
	return pl
}

func (pl *pipe) work() {
	defer pl.workers.Done()
	for j := range pl.queue {
		if !pl.cancel.Load() {
			j.parse()
		}
	}
}

// unit takes the span of a function expression whose body just closed.
func (pl *pipe) unit(sp span) {
	s := pl.s
	id := len(s.units)
	// its children: the open units that start inside it (the last ones)
	k := len(pl.open)
	for k > 0 && s.units[pl.open[k-1]].start >= sp.start {
		if s.units[pl.open[k-1]].start == sp.start {
			pl.crossed = true
		}
		k--
	}
	if k > 0 && s.units[pl.open[k-1]].end > sp.start {
		pl.crossed = true
	}
	children := slices.Clone(pl.open[k:])
	pl.open = append(pl.open[:k], id)
	s.units = append(s.units, unit{span: sp, children: children})
	if pl.crossed || pl.cancel.Load() {
		return // refused: nothing more to parse
	}
	j := &unitJob{buf: s.build(pl.src, sp.start, sp.end, children, true), arrow: sp.arrow}
	pl.jobs = append(pl.jobs, j)
	select {
	case pl.queue <- j:
	default:
		pl.pending = append(pl.pending, j)
	}
}

// abort drops the split: the workers stop and nothing is returned.
func (pl *pipe) abort() {
	pl.cancel.Store(true)
	close(pl.queue)
	pl.workers.Wait()
}

// finish completes the split once the scan ended (ok: it balanced). It
// returns nil when the input is to be parsed in one piece.
func (pl *pipe) finish(ok bool) *Split {
	s := pl.s
	if !ok || pl.crossed || len(s.units) == 0 {
		pl.abort()
		return nil
	}
	top := pl.open
	// worth it only when no single piece holds most of the text
	own := len(pl.src)
	for _, i := range top {
		own -= s.units[i].end - s.units[i].start
	}
	most := own
	for i := range s.units {
		u := &s.units[i]
		n := u.end - u.start
		for _, c := range u.children {
			n -= s.units[c].end - s.units[c].start
		}
		most = max(most, n)
	}
	if most > len(pl.src)*3/4 && len(pl.src) >= SplitMinBytes { // (tests split small inputs whatever)
		pl.abort()
		return nil
	}
	s.rootBuf = s.build(pl.src, 0, len(pl.src), top, false)
	close(pl.queue)
	// this goroutine joins the workers: the text outside the units first
	// (usually the largest piece left), then what is queued
	s.root, s.rootErr = safeParse(s.rootBuf)
	for j := range pl.queue {
		j.parse()
	}
	for _, j := range pl.pending {
		j.parse()
	}
	pl.workers.Wait()
	if s.rootErr != nil {
		return nil
	}
	for _, j := range pl.jobs {
		if j.err != nil || j.fn == nil {
			return nil
		}
	}
	pl.renumber()
	slices.SortFunc(s.segs, func(a, b Seg) int { return cmp.Compare(a.Lo, b.Lo) })
	return s
}

// renumber moves the parsed units into start order, the order of their
// text (placeholders are found by address, so their text keeps the number
// they were built with).
func (pl *pipe) renumber() {
	s := pl.s
	byStart := make([]int, len(s.units))
	for i := range byStart {
		byStart[i] = i
	}
	slices.SortFunc(byStart, func(a, b int) int { return s.units[a].start - s.units[b].start })
	newID := make([]int, len(s.units))
	for n, old := range byStart {
		newID[old] = n
	}
	units := make([]unit, len(s.units))
	for old := range s.units {
		u := s.units[old]
		for k, c := range u.children {
			u.children[k] = newID[c]
		}
		j := pl.jobs[old]
		u.buf, u.ast, u.fn, u.err = j.buf, j.ast, j.fn, j.err
		units[newID[old]] = u
	}
	s.units = units
	for addr, id := range s.markers {
		s.markers[addr] = newID[id]
	}
}

// ScanSplit scans an input that may be split and parses its units (the
// function expressions of at least minUnit bytes) on workers goroutines
// while the scan goes on. It returns the brace table (nil when the scan
// did not balance) and the split, or nil when the input is to be parsed in
// one piece.
func ScanSplit(src []byte, minUnit, workers int) ([]Brace, *Split) {
	sc, sp := scanSplit(src, minUnit, workers)
	return sc.braces, sp
}

// scanSplit is the scan of an input that may be split, with its units
// parsed as they are found (nil split: parse in one piece).
func scanSplit(src []byte, minSize, workers int) (sc scan, sp *Split) {
	if len(src) >= 1<<31-1 {
		return scan{}, nil
	}
	pl := newPipe(src, workers)
	func() {
		defer func() {
			if recover() != nil {
				sc = scan{}
			}
		}()
		sc = scanUnitsTo(src, minSize, pl)
	}()
	return sc, pl.finish(sc.ok)
}
