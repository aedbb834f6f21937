package dynamic

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/pbicert/pbicert/pbiviz"
)

// TestRealVisuals runs every .pbiviz under $PBICERT_VISUALS (public packages
// in a local cache that is never committed) through the child process and
// prints, per package, the phases completed, the first error and the time;
// then the rate of packages that completed update(). Skipped without the
// variable (CI uses generated packages only). docs/dynamic.md quotes it.
func TestRealVisuals(t *testing.T) {
	dir := os.Getenv("PBICERT_VISUALS")
	if dir == "" {
		t.Skip("set PBICERT_VISUALS to a folder of .pbiviz files")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.pbiviz"))
	// PBICERT_DYNAMIC_LIBS: scripts to run first (as --dynamic-lib), separated by ":"
	var libs []Lib
	for _, p := range filepath.SplitList(os.Getenv("PBICERT_DYNAMIC_LIBS")) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		libs = append(libs, Lib{Name: filepath.Base(p), JS: string(b)})
	}
	sort.Strings(files)
	type row struct {
		name      string
		jsBytes   int
		rep       *Report
		readError string
	}
	rows := make([]row, len(files))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i, f := range files {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			rows[i].name = filepath.Base(f)
			pkg, err := pbiviz.OpenFile(f, pbiviz.DefaultLimits())
			if err != nil {
				rows[i].readError = err.Error()
				return
			}
			js := pkg.Resource.Content.JS
			rows[i].jsBytes = len(js)
			rows[i].rep = Runner{}.Exec(context.Background(), Input{JS: js, Capabilities: pkg.Resource.Capabilities, GUID: pkg.Resource.Visual.GUID, Libs: libs, APIVersion: pkg.Resource.APIVersion},
				Limits{Budget: 10 * time.Second})
		}()
	}
	wg.Wait()
	ran, updated := 0, 0
	var small, smallCPU, peaks []int64
	crashes, stopped := 0, 0
	reasons := map[string]int{}
	byRule := map[string]int{}
	all := 0
	events := map[string]int{}
	for _, r := range rows {
		if r.rep == nil {
			fmt.Printf("%-70s unreadable: %s\n", r.name, r.readError)
			continue
		}
		ran++
		rulesSeen := map[string]bool{}
		for _, o := range r.rep.Observations {
			k := o.Rule
			if o.ReportData {
				k += " with report data"
			}
			rulesSeen[k] = true
		}
		for k := range rulesSeen {
			byRule[k]++
		}
		if len(r.rep.Completed) == 6 {
			all++
		}
		if contains2(r.rep.Completed, PhaseUpdate) {
			if r.rep.UpdateEvents["renderingStarted"] > 0 && r.rep.UpdateEvents["renderingFinished"] > 0 {
				events["reported"]++
			} else {
				events["missing"]++
			}
		}
		ok := contains2(r.rep.Completed, PhaseUpdate)
		if ok {
			updated++
		} else {
			reasons[reason(r.rep.Error)]++
		}
		peaks = append(peaks, r.rep.PeakRSS)
		if strings.Contains(r.rep.Error, "runtime crash") {
			crashes++
		}
		if strings.Contains(r.rep.Error, "(the sandbox was stopped)") {
			stopped++
		}
		if r.jsBytes < 1<<20 {
			small = append(small, r.rep.Millis)
			smallCPU = append(smallCPU, r.rep.CPUMillis)
		}
		fmt.Printf("%-70s %8d B %6d ms %5d cpu-ms %-45s %s\n", r.name, r.jsBytes, r.rep.Millis, r.rep.CPUMillis, strings.Join(r.rep.Completed, ","), r.rep.Error)
	}
	sort.Slice(small, func(i, j int) bool { return small[i] < small[j] })
	sort.Slice(smallCPU, func(i, j int) bool { return smallCPU[i] < smallCPU[j] })
	fmt.Printf("\n%d packages read, %d completed update() (%.1f%%)\n", ran, updated, 100*float64(updated)/float64(max(ran, 1)))
	pct := func(xs []int64, p int) int64 { return xs[min(len(xs)-1, len(xs)*p/100)] }
	if len(small) > 0 {
		fmt.Printf("under 1 MB of JS: %d packages, wall time of the child median %d ms, p90 %d ms, p95 %d ms, max %d ms; CPU time median %d ms, p90 %d ms, p95 %d ms, max %d ms\n",
			len(small), pct(small, 50), pct(small, 90), pct(small, 95), small[len(small)-1], pct(smallCPU, 50), pct(smallCPU, 90), pct(smallCPU, 95), smallCPU[len(smallCPU)-1])
	}
	if len(peaks) > 0 {
		sort.Slice(peaks, func(i, j int) bool { return peaks[i] < peaks[j] })
		var ru syscall.Rusage
		_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		fmt.Printf("peak RSS of a child: median %d MiB, p95 %d MiB, max %d MiB; of the parent (this test process) %d MiB\n",
			pct(peaks, 50)>>20, pct(peaks, 95)>>20, peaks[len(peaks)-1]>>20, ru.Maxrss>>10)
	}
	fmt.Printf("runtime crashes: %d; children stopped by the parent (CPU backstop, wall-time limit, memory ceiling): %d\n", crashes, stopped)
	fmt.Printf("%d completed every phase; rendering events after update: %v\n", all, events)
	var obs []string
	for k, n := range byRule {
		obs = append(obs, fmt.Sprintf("%4d  %s", n, k))
	}
	sort.Sort(sort.Reverse(sort.StringSlice(obs)))
	fmt.Println("packages with observations, by rule:\n" + strings.Join(obs, "\n"))
	var rs []string
	for k, n := range reasons {
		rs = append(rs, fmt.Sprintf("%4d  %s", n, k))
	}
	sort.Sort(sort.Reverse(sort.StringSlice(rs)))
	fmt.Println("first errors of the others:\n" + strings.Join(rs, "\n"))
}

// reason shortens an error to its kind (phase and message without positions).
func reason(e string) string {
	if i := strings.Index(e, " (content.js:"); i >= 0 {
		e = e[:i]
	}
	return clip(e, 110)
}
