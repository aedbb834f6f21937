package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
)

// startProfiles starts the measurement flags --cpuprofile, --memprofile and
// --trace (hidden; docs/performance.md): a CPU profile of the whole check,
// an allocation profile written when it ends, and an execution trace (go
// tool trace: which goroutines run when, so which phases are serial; with
// --cpuprofile too, the trace holds the CPU samples with their times).
// stop writes and closes them.
func startProfiles(cpu, mem, tr string) (stop func() error, err error) {
	var cpuFile, traceFile *os.File
	if mem != "" && memProfileRate > 0 {
		runtime.MemProfileRate = memProfileRate // off unless asked (tuneGC)
	}
	if tr != "" {
		if traceFile, err = os.Create(tr); err != nil {
			return nil, fmt.Errorf("--trace: %v", err)
		}
		if err = trace.Start(traceFile); err != nil {
			traceFile.Close()
			return nil, fmt.Errorf("--trace: %v", err)
		}
	}
	if cpu != "" {
		if cpuFile, err = os.Create(cpu); err != nil {
			return nil, fmt.Errorf("--cpuprofile: %v", err)
		}
		if err = pprof.StartCPUProfile(cpuFile); err != nil {
			cpuFile.Close()
			if traceFile != nil {
				trace.Stop()
				traceFile.Close()
			}
			return nil, fmt.Errorf("--cpuprofile: %v", err)
		}
	}
	return func() error {
		if traceFile != nil {
			trace.Stop()
			if err := traceFile.Close(); err != nil {
				return fmt.Errorf("--trace: %v", err)
			}
		}
		if cpuFile != nil {
			pprof.StopCPUProfile()
			if err := cpuFile.Close(); err != nil {
				return fmt.Errorf("--cpuprofile: %v", err)
			}
		}
		if mem == "" {
			return nil
		}
		f, err := os.Create(mem)
		if err != nil {
			return fmt.Errorf("--memprofile: %v", err)
		}
		runtime.GC() // the profile's numbers up to date (the check is done)
		if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
			f.Close()
			return fmt.Errorf("--memprofile: %v", err)
		}
		return f.Close()
	}, nil
}
