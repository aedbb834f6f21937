package lint

import (
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Only an input's first program waits for admission: the others (a
// project's files, parsed in parallel) say they hold one, or two inputs
// each waiting for a second program could wait for each other. Every
// admission is released once.
func TestAdmittingOneWaiterPerInput(t *testing.T) {
	var waiting, released atomic.Int32
	opts := Options{Admit: func(n int, holding bool) func() {
		if !holding {
			waiting.Add(1)
		}
		return func() { released.Add(1) }
	}}
	release := admitting(&opts)
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() { defer wg.Done(); opts.Analyzer.OnInput(100) }()
	}
	wg.Wait()
	release()
	assert.Equal(t, int32(1), waiting.Load())
	assert.Equal(t, int32(16), released.Load())
	release() // twice is harmless
	assert.Equal(t, int32(16), released.Load())
}
