package analyzer

import (
	"os"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestZZPhases(t *testing.T) {
	src, err := os.ReadFile("../.cache/bench-compare/content.js")
	if err != nil {
		t.Skip()
	}
	debug.SetGCPercent(-1)
	keep := &Keep{Roots: map[string]bool{"fetch": true, "XMLHttpRequest": true, "localStorage": true, "eval": true, "document": true}, Methods: map[string]bool{"write": true, "open": true}, Props: map[string]bool{"innerHTML": true, "src": true}}
	opts := Options{Keep: keep}.withDefaults()
	for i := 0; i < 5; i++ {
		runtime.GC()
		t0 := time.Now()
		spans := scanUnits(src, unitMinBytes)
		t1 := time.Now()
		nestingDepth(src, opts.MaxDepth)
		t2 := time.Now()
		sp := parseSplit(src, spans, 2)
		t3 := time.Now()
		prog := newProgram("x", src, sp.root, nil, opts)
		prog.split = sp
		prog.collectBindings()
		t4 := time.Now()
		prog.walk()
		t5 := time.Now()
		t.Logf("scan %v nest %v parse %v bind %v walk %v (bindings %d calls %d)", t1.Sub(t0), t2.Sub(t1), t3.Sub(t2), t4.Sub(t3), t5.Sub(t4), len(prog.bindings), prog.nCalls)
	}
}
