package bench

import (
	"os"
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"github.com/pbicert/pbicert/lint"
	"github.com/pbicert/pbicert/pbiviz"
	"github.com/pbicert/pbicert/rules"
)

func TestZZCLI(t *testing.T) {
	data, err := os.ReadFile("../.cache/bench-compare/bench.pbiviz")
	if err != nil {
		t.Skip()
	}
	debug.SetGCPercent(-1)
	for i := 0; i < 4; i++ {
		runtime.GC()
		t0 := time.Now()
		pkg, _ := pbiviz.ReadBytes(data, pbiviz.DefaultLimits())
		t1 := time.Now()
		ri, err := lint.Analyze(pkg, lint.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t2 := time.Now()
		rules.Run(ri, rules.All(), nil)
		t3 := time.Now()
		t.Logf("read %v analyze %v rules %v total %v", t1.Sub(t0), t2.Sub(t1), t3.Sub(t2), t3.Sub(t0))
	}
}
