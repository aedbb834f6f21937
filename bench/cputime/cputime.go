// Package cputime is the cpu-ms/op metric of pbicert's benchmarks: on a
// machine shared with other work, CPU time moves far less than wall time
// with the load, so benchmarks report it beside ns/op. Where getrusage
// is missing (Windows) the metric reads 0.
package cputime

import (
	"testing"
	"time"
)

// Report adds the cpu-ms/op metric: the CPU time since start per
// iteration (GC and helper goroutines included).
func Report(b *testing.B, start time.Duration) {
	if b.N > 0 {
		b.ReportMetric(float64(Now()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
	}
}
