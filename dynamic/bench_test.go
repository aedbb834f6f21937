package dynamic

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/pbicert/pbicert/internal/gen"
	"github.com/pbicert/pbicert/lint"
	"github.com/pbicert/pbicert/pbiviz"
	"github.com/pbicert/pbicert/rules"
)

// BenchmarkCheck measures what --dynamic adds to a check of a typical
// visual (a generated package with 512 KB of library-like code): the
// static check alone, then static plus the dynamic run in a child process.
// docs/dynamic.md quotes it with the real-corpus times of TestRealVisuals.
// Besides wall time it reports cpu-ms/op (user+system time of this process
// and its children), which a loaded machine does not inflate.
func BenchmarkCheck(b *testing.B) {
	v := gen.WithFindings()
	v.FillerBytes = 512 << 10
	pkg, err := pbiviz.ReadBytes(gen.MustBuildPackage(v, gen.ZipOptions{}), pbiviz.DefaultLimits())
	if err != nil {
		b.Fatal(err)
	}
	b.Run("static", func(b *testing.B) {
		c := startCPU()
		for b.Loop() {
			lint.CheckPackage("bench.pbiviz", pkg, lint.Options{})
		}
		c.report(b)
	})
	b.Run("dynamic", func(b *testing.B) {
		opts := lint.Options{Dynamic: func(in *rules.Input, r *lint.Result) {
			Check(context.Background(), Runner{}, Limits{}, in, r, nil)
		}}
		c := startCPU()
		for b.Loop() {
			r := lint.CheckPackage("bench.pbiviz", pkg, opts)
			if r.Dynamic == nil || r.Dynamic.Error != "" {
				b.Fatalf("dynamic: %+v", r.Dynamic)
			}
		}
		c.report(b)
	})
	b.Run("run-in-process", func(b *testing.B) {
		in := Input{JS: pkg.Resource.Content.JS, Capabilities: pkg.Resource.Capabilities, GUID: pkg.Resource.Visual.GUID, APIVersion: pkg.Resource.APIVersion}
		c := startCPU()
		for b.Loop() {
			if rep := Run(in, Limits{}); rep.Error != "" {
				b.Fatal(rep.Error)
			}
		}
		c.report(b)
	})
}

type cpuClock struct{ start time.Duration }

func cpuNow() time.Duration {
	var t time.Duration
	for _, who := range []int{syscall.RUSAGE_SELF, syscall.RUSAGE_CHILDREN} {
		var ru syscall.Rusage
		if syscall.Getrusage(who, &ru) == nil {
			t += time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		}
	}
	return t
}

func startCPU() cpuClock { return cpuClock{cpuNow()} }

func (c cpuClock) report(b *testing.B) {
	b.ReportMetric(float64(cpuNow()-c.start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}
