package main

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pbicert/pbicert/lint"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The gate never lets the reservations in flight exceed the budget or the
// slots, however many goroutines ask at once; an input alone is admitted
// even when it is larger than the budget.
func TestMemGateBounds(t *testing.T) {
	var inflight atomic.Int64
	var worst atomic.Int64
	g := newMemGate(100, 3, nil)
	var wg sync.WaitGroup
	var most atomic.Int64
	var held atomic.Int64
	for i := range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n := int64(10 + i%5*10) // 10..50
			g.acquire(n, false)
			h := held.Add(1)
			most.Store(max(most.Load(), h))
			cur := inflight.Add(n)
			worst.Store(max(worst.Load(), cur))
			time.Sleep(time.Millisecond)
			inflight.Add(-n)
			held.Add(-1)
			g.release(n)
		}()
	}
	wg.Wait()
	assert.LessOrEqual(t, g.peak, int64(100), "reservations in flight")
	assert.LessOrEqual(t, most.Load(), int64(3), "inputs in flight")
	assert.Zero(t, g.inflight)

	// alone, a reservation larger than the budget goes through
	done := make(chan bool)
	go func() { g.acquire(500, false); done <- true }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("an input alone was not admitted")
	}
	// with it in flight, another waits until it is released
	go func() { g.acquire(10, false); done <- true }()
	select {
	case <-done:
		t.Fatal("admitted beyond the budget")
	case <-time.After(50 * time.Millisecond):
	}
	// unless it is forced (a second program of an input already admitted)
	g.acquire(10, true)
	g.release(10)
	g.release(500)
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("not admitted after the release")
	}
}

// The memory limit follows the reservations in flight: it rises when an
// input is admitted and falls back when it is done.
func TestAdmitSetsLimit(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(old)
	saved := gc
	defer func() { gc = saved }()
	gc.tuned, gc.budget = true, 8<<30
	gc.gate = newMemGate(gc.budget-gcFixed, 2, setLimit)
	setLimit(0)
	base := debug.SetMemoryLimit(-1)
	release := gcAdmit(10<<20, false) // a 10 MB bundle
	during := debug.SetMemoryLimit(-1)
	assert.Greater(t, during, base, "limit while a 10 MB bundle is in flight")
	assert.GreaterOrEqual(t, during, int64(40*10<<20), "room for the model of a 10 MB bundle (about 41 bytes a byte on real bundles)")
	release()
	assert.Equal(t, base, debug.SetMemoryLimit(-1), "limit once it is done")
}

func TestCgroupLimit(t *testing.T) {
	root := t.TempDir()
	write := func(rel, s string) {
		p := filepath.Join(root, rel)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(s), 0o644))
	}
	// v2: the group's limit, or an ancestor's when smaller
	write("kubepods/pod1/ctr/memory.max", "2147483648\n")
	write("kubepods/memory.max", "max\n")
	lim, where := cgroupLimit([]byte("0::/kubepods/pod1/ctr\n"), root)
	assert.Equal(t, int64(2<<30), lim)
	assert.Equal(t, filepath.Join(root, "kubepods/pod1/ctr/memory.max"), where)
	write("kubepods/pod1/memory.max", "1073741824\n")
	lim, _ = cgroupLimit([]byte("0::/kubepods/pod1/ctr\n"), root)
	assert.Equal(t, int64(1<<30), lim)
	// v2 inside a container: the group's path is not visible, the root's file is the limit
	lim, _ = cgroupLimit([]byte("0::/elsewhere\n"), filepath.Join(root, "kubepods", "pod1"))
	assert.Equal(t, int64(1<<30), lim)
	// no limit anywhere
	lim, _ = cgroupLimit([]byte("0::/kubepods\n"), root)
	assert.Zero(t, lim)

	// v1: memory controller, "no limit" written as a huge number
	v1 := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(v1, "memory", "docker", "abc"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(v1, "memory", "memory.limit_in_bytes"), []byte("9223372036854771712\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(v1, "memory", "docker", "abc", "memory.limit_in_bytes"), []byte("536870912\n"), 0o644))
	lim, _ = cgroupLimit([]byte("12:cpu,cpuacct:/docker/abc\n4:memory:/docker/abc\n0::/\n"), v1)
	assert.Equal(t, int64(512<<20), lim)
	lim, _ = cgroupLimit([]byte("4:memory:/\n"), v1)
	assert.Zero(t, lim)
}

func TestPhysicalMemory(t *testing.T) {
	p := filepath.Join(t.TempDir(), "meminfo")
	require.NoError(t, os.WriteFile(p, []byte("MemTotal:       24576000 kB\nMemFree:        1000 kB\n"), 0o644))
	assert.Equal(t, int64(24576000)<<10, physicalMemory(p))
	assert.Zero(t, physicalMemory(filepath.Join(t.TempDir(), "none")))
}

// fits: a reservation fits beside those in flight up to the budget, and
// no longer once they leave no room (diff then analyses its builds one
// after the other).
func TestMemGateFits(t *testing.T) {
	g := newMemGate(100, 2, nil)
	assert.True(t, g.fits(100))
	assert.False(t, g.fits(101))
	g.acquire(60, false)
	assert.True(t, g.fits(40))
	assert.False(t, g.fits(41))
	g.release(60)
	assert.True(t, g.fits(100))
}

// The prefault block is touched while the package is read and freed by the
// first admission's collection (run beside the parse): afterwards it is no
// longer part of the heap; a second stop does nothing, and no block is
// touched without the CLI's policy.
func TestPrefaultFreedAtAdmission(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(old)
	saved, savedPre := gc, pre.done
	defer func() { gc, pre.done = saved, savedPre; pre.stop.Store(false) }()
	warmLibraries = func() func() { return nil } // loaded already
	defer func() { warmLibraries = lint.WarmLibraries }()

	gc.tuned, gc.budget = false, 8<<30
	pre.done = nil
	startPrefault(2 << 20)
	assert.Nil(t, pre.done, "touched without the CLI's GC policy")

	gc.tuned, gc.gate = true, newMemGate(8<<30, 2, setLimit)
	pre.stop.Store(false)
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("one CPU: no block is touched")
	}
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	startPrefault(2 << 20) // a 2 MB package: a 200 MB block
	require.NotNil(t, pre.done)
	time.Sleep(20 * time.Millisecond) // the read
	release := gcAdmit(1<<20, false)
	defer release()
	require.NotNil(t, pre.freed)
	<-pre.freed // the collection runs beside the parse
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	assert.Less(t, after.HeapAlloc, before.HeapAlloc+(32<<20), "the block is still live after the admission")
	assert.False(t, stopPrefault(), "stopped twice")
}

// The libraries are loaded on the prefault goroutine before it touches the
// block; a read that ends during the load does not wait for it: the block
// is freed at once and never touched.
func TestPrefaultLoadsLibrariesFirst(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("one CPU: no block is touched")
	}
	old := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(old)
	saved, savedPre := gc, pre.done
	defer func() { gc, pre.done = saved, savedPre; pre.stop.Store(false) }()
	release := make(chan struct{})
	loaded := make(chan struct{})
	warmLibraries = func() func() {
		return func() { <-release; close(loaded) }
	}
	defer func() { warmLibraries = lint.WarmLibraries }()

	gc.tuned, gc.budget, gc.gate = true, 8<<30, newMemGate(8<<30, 2, setLimit)
	pre.done = nil
	pre.stop.Store(false)
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	startPrefault(2 << 20)
	require.NotNil(t, pre.done)
	block := pre.block
	require.Len(t, block, 200<<20)

	stopped := make(chan bool)
	go func() { stopped <- stopPrefault() }()
	select {
	case ok := <-stopped:
		assert.True(t, ok, "a block was allocated")
	case <-time.After(5 * time.Second):
		t.Fatal("stopPrefault waited for the libraries' load")
	}
	assert.Nil(t, pre.block)
	close(release)
	<-loaded
	<-pre.done
	for i := 0; i < len(block); i += 1 << 20 {
		require.Zero(t, block[i], "touched after the stop, at %d", i)
	}
	block = nil
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	assert.Less(t, after.HeapAlloc, before.HeapAlloc+(32<<20), "the block is still live after the stop")
}

// The only input's release leaves the memory limit where its admission put
// it (no collection while the report is written); an ordinary release
// lowers it, and the next admission sets it again.
func TestAdmitLastKeepsTheLimit(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(old)
	saved, savedPre := gc, pre.done
	defer func() { gc, pre.done = saved, savedPre }()
	pre.done = nil // no prefault
	gc.tuned, gc.budget = true, 8<<30
	gc.gate = newMemGate(8<<30, 2, setLimit)
	setLimit(0)
	base := debug.SetMemoryLimit(-1)

	const n = 10 << 20 // a 10 MB program
	admitted := gcFixed + workingSet(n)
	release := gcAdmitLast(n, false)
	assert.Equal(t, admitted, debug.SetMemoryLimit(-1))
	release()
	assert.Equal(t, admitted, debug.SetMemoryLimit(-1), "the only input's release lowered the limit")

	release = gcAdmit(n, false)
	assert.Equal(t, admitted, debug.SetMemoryLimit(-1))
	release()
	assert.Equal(t, base, debug.SetMemoryLimit(-1), "an ordinary release keeps the limit")
	assert.Zero(t, gc.gate.held)
	assert.Zero(t, gc.gate.inflight)
}
