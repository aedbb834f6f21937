package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"sync/atomic"
)

// The CLI is short-lived and its heap is dominated by syntax trees that
// stay live until an input is done, so collecting them is mostly wasted
// work. Unless GOGC or GOMEMLIMIT is set in the environment, pbicert runs
// without a GC percentage and with a memory limit sized to the inputs in
// flight: the largest JavaScript input seen, times the inputs analysed at
// once, times the model's memory per input byte, plus a base. Inputs whose
// model fits the limit are never collected; batches and larger inputs are
// collected when the heap reaches it (docs/performance.md has the numbers).
const (
	gcBaseLimit  = 256 << 20 // the least limit
	gcFixed      = 64 << 20  // runtime, reading, reports
	gcBytesPerJS = 64        // peak heap per byte of JavaScript in flight (about 41 on real bundles, 60 on dense generated ones)

	hugeMinJS = 1 << 20 // the least input worth preparing huge pages for
	hugePerJS = 40      // heap prepared per byte of JavaScript in flight
)

var gc struct {
	tuned atomic.Bool
	huge  atomic.Bool  // the heap was prepared for huge pages
	jobs  atomic.Int64 // inputs analysed at once
	live  atomic.Int64 // models alive at once, when more than jobs (diff)
	maxJS atomic.Int64 // largest input seen
}

// tuneGC installs the policy unless the environment sets one.
func tuneGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	gc.tuned.Store(true)
	gc.jobs.Store(int64(runtime.GOMAXPROCS(0)))
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(gcBaseLimit)
}

// gcJobs records how many inputs are analysed at once.
func gcJobs(n int) {
	if n > 0 {
		gc.jobs.Store(int64(n))
	}
}

// gcLive records that n models stay alive together although they are
// built one after the other (diff keeps both builds').
func gcLive(n int) { gc.live.Store(int64(n)) }

// gcInput raises the memory limit for an input of n bytes about to be
// parsed (analyzer.Options.OnInput).
func gcInput(n int) {
	if !gc.tuned.Load() {
		return
	}
	for {
		cur := gc.maxJS.Load()
		if int64(n) <= cur {
			return
		}
		if gc.maxJS.CompareAndSwap(cur, int64(n)) {
			break
		}
	}
	limit := gcLimit(gc.maxJS.Load(), gc.jobs.Load())
	debug.SetMemoryLimit(limit)
	if n >= hugeMinJS && !thpDisabled(os.Getenv("GODEBUG")) && thpAdvised() && gc.huge.CompareAndSwap(false, true) {
		prepareHeap(hugeBallast(int64(n), max(gc.jobs.Load(), gc.live.Load()), limit))
	}
}

// Huge pages. A large input's model is some 40 bytes of heap per byte of
// JavaScript, all of it fresh memory (there is no collection), and the
// kernel's cost of faulting it in 4 KiB pages was about a quarter of the
// CPU time of a check of a 6 MB bundle. Where transparent huge pages are
// given only to memory advised so (the usual "madvise" setting), pbicert
// prepares the heap once, at its first large input: it allocates the
// expected heap as one untouched block, advises it MADV_HUGEPAGE and lets
// one collection free it, so that the model is then allocated inside it
// and faulted in 2 MiB pages. GODEBUG=disablethp=1 (the Go runtime's own
// switch) or a GOGC/GOMEMLIMIT setting turns this off.

// thpDisabled reports whether a GODEBUG value turns the heap's huge pages
// off (disablethp=1, the Go runtime's own setting).
func thpDisabled(godebug string) bool {
	for _, kv := range strings.Split(godebug, ",") {
		if strings.TrimSpace(kv) == "disablethp=1" {
			return true
		}
	}
	return false
}

// hugeBallast is the heap prepared for jobs inputs of n bytes under a
// memory limit: the expected heap, and at most three quarters of the limit,
// so that the free block never brings the runtime near the limit (where it
// would return the block to the kernel).
func hugeBallast(n, jobs, limit int64) int64 {
	return min(hugePerJS*n*max(jobs, 1), limit/4*3)
}

// prepareHeap allocates size bytes, advises them MADV_HUGEPAGE and frees
// them with one collection. The block is never touched: the pages are
// faulted in when the heap reuses them.
func prepareHeap(size int64) {
	b := make([]byte, size)
	adviseHuge(b)
	b = nil
	runtime.GC()
}

// gcLimit is the memory limit for jobs inputs of at most maxJS bytes of
// JavaScript analysed at once.
func gcLimit(maxJS, jobs int64) int64 {
	return max(gcBaseLimit, gcFixed+gcBytesPerJS*maxJS*jobs)
}
