package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"

	"github.com/pbicert/pbicert/internal/hugepage"
	"github.com/pbicert/pbicert/lint"
)

// Memory. The CLI is short-lived and its heap is dominated by syntax trees
// that stay live until an input is done, so collecting while an input is
// parsed is mostly wasted work. pbicert therefore runs without a GC
// percentage and steers the collector with the memory limit alone:
//
//   - every input about to be parsed reserves its working set (gcBytesPerJS
//     bytes per byte of JavaScript) from a budget derived from the memory
//     of the machine or container (memory.go: half the cgroup limit where
//     there is one, else half the physical memory; GOMEMLIMIT, when set, is
//     the budget). An input whose reservation does not fit waits until
//     others are done, whatever --jobs is; an input alone is always
//     admitted. At most GOMAXPROCS inputs are parsed and analysed at once:
//     the analysis is CPU-bound, so more would only hold more models in
//     memory (--jobs beyond the cores still overlaps reading).
//   - the memory limit is gcFixed plus the reservations in flight (at least
//     gcBaseLimit): an input alone is never collected, and the garbage of
//     finished inputs is collected as soon as the heap reaches the working
//     set of the inputs still in flight.
//
// GOGC set in the environment keeps the runtime's collector (the budget
// still admits the inputs). docs/performance.md has the measurements.
const (
	gcBaseLimit  = 256 << 20 // the least limit
	gcFixed      = 64 << 20  // runtime, reading, reports
	gcBytesPerJS = 64        // peak heap per byte of JavaScript in flight (about 41 on real bundles, 60 on dense generated ones)
)

// memGate admits inputs under a budget of bytes.
type memGate struct {
	mu       sync.Mutex
	cond     *sync.Cond
	budget   int64 // bytes the reservations in flight may add up to
	slots    int   // reservations in flight at most (the cores)
	inflight int64 // reserved bytes
	held     int   // reservations in flight
	peak     int64 // largest inflight seen (tests)
	onChange func(inflight int64)
}

func newMemGate(budget int64, slots int, onChange func(int64)) *memGate {
	g := &memGate{budget: budget, slots: max(slots, 1), onChange: onChange}
	g.cond = sync.NewCond(&g.mu)
	return g
}

// acquire reserves n bytes, waiting while they do not fit the budget or
// every slot is taken.
// force admits at once (a caller that already holds a reservation must
// not wait for others, or two of them could wait for each other).
func (g *memGate) acquire(n int64, force bool) {
	g.mu.Lock()
	for !force && g.held > 0 && (g.inflight+n > g.budget || g.held >= g.slots) {
		g.cond.Wait()
	}
	g.inflight += n
	g.held++
	g.peak = max(g.peak, g.inflight)
	cur := g.inflight
	if g.onChange != nil {
		g.onChange(cur)
	}
	g.mu.Unlock()
}

// fits reports whether a reservation of n bytes would fit the budget now,
// beside those in flight.
func (g *memGate) fits(n int64) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.inflight+n <= g.budget
}

// release returns a reservation of n bytes.
func (g *memGate) release(n int64) { g.releaseKeeping(n, false) }

// releaseKeeping returns a reservation of n bytes; keep leaves the memory
// limit where it is (onChange is not told).
func (g *memGate) releaseKeeping(n int64, keep bool) {
	g.mu.Lock()
	g.inflight -= n
	g.held--
	if g.onChange != nil && !keep {
		g.onChange(g.inflight)
	}
	g.mu.Unlock()
	g.cond.Broadcast()
}

var gc struct {
	tuned  bool // the GC percentage and limit are ours to set
	budget int64
	gate   *memGate
}

// memProfileRate is the runtime's sampling rate of allocations, which
// tuneGC turns off: --memprofile turns it back on (profile.go).
var memProfileRate int

// tuneGC installs the policy (before any input is read). It also stops the
// sampling of allocations for the heap profile, which nothing reads unless
// --memprofile is given: one sample per 512 KiB, each with a stack
// unwind, was about 10 ms of CPU per check on the 6 MB benchmark bundle.
func tuneGC() {
	memProfileRate, runtime.MemProfileRate = runtime.MemProfileRate, 0
	limit := debug.SetMemoryLimit(-1)
	envLimit := os.Getenv("GOMEMLIMIT") != "" && limit < 1<<62
	if envLimit {
		gc.budget = limit
	} else {
		mem, _ := machineMemory()
		gc.budget = mem / 2
	}
	gc.tuned = os.Getenv("GOGC") == ""
	gc.gate = newMemGate(max(gc.budget-gcFixed, gc.budget/2), runtime.GOMAXPROCS(0), setLimit)
	if gc.tuned {
		debug.SetGCPercent(-1)
		setLimit(0)
	}
}

// setLimit sets the memory limit for the reservations in flight.
func setLimit(inflight int64) {
	if gc.tuned {
		debug.SetMemoryLimit(max(min(gcBaseLimit, gc.budget), gcFixed+inflight))
	}
}

// workingSet is the memory reserved for a program of n bytes.
func workingSet(n int) int64 { return gcBytesPerJS * int64(n) }

// gcAdmit reserves the working set of a program of n bytes that an input
// is about to parse (lint.Options.Admit) and returns its release.
func gcAdmit(n int, holding bool) func() { return admit(n, holding, false) }

// gcAdmitLast admits the CLI's only input like gcAdmit, but its release
// leaves the memory limit where it is: lowering it under the finished
// model's heap (~250 MB on the 6 MB bench package) would start a
// collection while the report is written, for memory the exit returns
// anyway. The next admission, if any, sets the limit again.
func gcAdmitLast(n int, holding bool) func() { return admit(n, holding, true) }

func admit(n int, holding, last bool) func() {
	if pre.done != nil && !pre.stop.Swap(true) {
		// the block is freed with one collection on a goroutine of its
		// own: the parse starts at once instead of 2-12 ms later (the
		// collection waits for the touching to stop, then sweeps span by
		// span), and allocates in the block's pages once it is freed
		freed := make(chan struct{})
		pre.freed = freed
		go func() {
			defer close(freed)
			releasePrefault()
			runtime.GC()
		}()
	}
	if gc.gate == nil {
		return func() {}
	}
	w := workingSet(n)
	gc.gate.acquire(w, holding)
	return func() { gc.gate.releaseKeeping(w, last) }
}

// gcParallel reports whether the two builds of a diff, holding n bytes of
// JavaScript in all, may be analysed at the same time: there are at least
// two cores and their working sets fit the budget beside what is in flight.
// Otherwise they are analysed one after the other (diff.Files).
func gcParallel(n int) bool {
	return gc.gate != nil && runtime.GOMAXPROCS(0) > 1 && gc.gate.fits(workingSet(n))
}

// Fresh memory. Without collections every page of a check's heap is fresh
// memory that the kernel faults in at its first touch: about 65,000 faults
// of 4 KiB and 0.2 s of system time on the 6 MB benchmark bundle, most of
// them while both cores parse and walk, which also contend in the kernel
// for them. Reading a single package leaves a core idle: prefault touches a
// block of heap there, page by page, until the read is done (the input's
// first admission), and the block is then freed with one collection (the
// heap is small then), so that the parse allocates in pages already
// faulted in (the runtime clears them itself, far more cheaply). The block
// is advised for transparent huge pages (internal/hugepage): where the kernel
// gives them only to advised memory, 45,000 faults of 4 KiB become about
// 90 of 2 MiB, the touching is done well before the read, and the model's
// walks then miss the TLB far less. docs/performance.md has the
// measurements.
//
// The same goroutine first loads the library fingerprints
// (lint.WarmLibraries, about 14 ms of CPU), which would otherwise be a
// third goroutine beside the read and the touching: the read then shares
// the machine with one goroutine, not two. The block is allocated and
// advised before (cheap: nothing is touched), so that the parse gets huge
// pages even when the read ends before the touching starts.
var pre struct {
	stop  atomic.Bool
	state atomic.Int32  // prefaultLoading, then prefaultTouching or prefaultStopped
	block []byte        // the block, until it is stopped
	done  chan struct{} // closed when the goroutine has stopped touching
	freed chan struct{} // closed when the admission's collection has freed the block
}

// warmLibraries claims the libraries' load (a variable for the tests).
var warmLibraries = lint.WarmLibraries

const (
	prefaultLoading = iota
	prefaultTouching
	prefaultStopped
)

// prefaultBytes bounds the block for a package file of size bytes: a check
// needs about 40 bytes of heap per byte of JavaScript, about 140 per byte
// of a package; the block stays well under that, a quarter of the budget
// and the least memory limit.
func prefaultBytes(size int64) int64 {
	return min(size*100, gc.budget/4, gcBaseLimit)
}

// startPrefault starts touching a block for the CLI's single input, a
// package file of size bytes, while it is read; stopPrefault stops it.
// Only under the CLI's own GC policy, with a core to spare, for packages
// large enough to matter.
func startPrefault(size int64) {
	n := prefaultBytes(size)
	if !gc.tuned || pre.done != nil || runtime.GOMAXPROCS(0) < 2 || n < 16<<20 {
		return
	}
	pre.block = make([]byte, n)
	hugepage.Advise(pre.block) // 2 MiB pages, far fewer faults
	load := warmLibraries()
	done := make(chan struct{})
	pre.done = done
	pre.state.Store(prefaultLoading)
	go func() {
		defer close(done)
		if load != nil {
			load()
		}
		if !pre.state.CompareAndSwap(prefaultLoading, prefaultTouching) {
			return // stopped while loading: the block was never touched here
		}
		b := pre.block
		page := os.Getpagesize()
		for i := 0; i < len(b); i += page {
			if i&(1<<20-1) == 0 {
				if pre.stop.Load() {
					return
				}
				// each MiB, let a goroutine of the read that is ready run
				// (the resource's follower, pbiviz/jsonfollow.go) rather
				// than wait for a preemption
				runtime.Gosched()
			}
			b[i] = 1
		}
	}()
}

// stopPrefault stops the touching and waits for it, but not for the
// libraries' load; it reports whether a block was allocated (it is then
// garbage).
func stopPrefault() bool {
	if pre.done == nil || pre.stop.Swap(true) {
		return false
	}
	releasePrefault()
	return true
}

// releasePrefault, once pre.stop is set, waits for the touching to stop
// (not for the libraries' load) and drops the block.
func releasePrefault() {
	if !pre.state.CompareAndSwap(prefaultLoading, prefaultStopped) {
		<-pre.done // touching: stops within 1 MiB
	}
	pre.block = nil
}
