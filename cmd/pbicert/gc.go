package main

import (
	"os"
	"runtime"
	"runtime/debug"
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
)

var gc struct {
	tuned atomic.Bool
	jobs  atomic.Int64 // inputs analysed at once
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
	debug.SetMemoryLimit(gcLimit(gc.maxJS.Load(), gc.jobs.Load()))
}

// gcLimit is the memory limit for jobs inputs of at most maxJS bytes of
// JavaScript analysed at once.
func gcLimit(maxJS, jobs int64) int64 {
	return max(gcBaseLimit, gcFixed+gcBytesPerJS*maxJS*jobs)
}
