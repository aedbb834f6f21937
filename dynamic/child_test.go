package dynamic

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/pbicert/pbicert/internal/gen"
	"github.com/pbicert/pbicert/lint"
	"github.com/pbicert/pbicert/pbiviz"
	"github.com/pbicert/pbicert/rules"
)

// The child process: a batch with a visual that loops forever, one that
// allocates without bound, one that throws in update and one with
// findings. Each bad one gives a one-line dynamic error naming the phase,
// within its budget; the parent stays small; the good one is still
// reported with what it did. The budget is CPU time and the wall-time
// limit is far away, so nothing here depends on how busy the machine is:
// the loop always meets its budget in update (load and create take a few
// milliseconds of CPU), the allocation always meets the memory ceiling
// (192 MiB take well under a second of CPU), and the others never come
// near either.
func TestBoundedBatch(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	const memLimit = 192 << 20
	lim := Limits{Budget: 2 * time.Second, Wall: 10 * time.Minute, Memory: memLimit}
	loop := visual("", `        for (;;) {}`)
	alloc := visual("", `        const keep = [];
        for (let n = 0; ; n++) keep.push(new Float64Array(1 << 21).fill(n));`)
	throws := visual("", `        throw new Error("boom in update");`)
	good := gen.WithFindings()
	good.FillerBytes = 4 << 10
	dir := t.TempDir()
	var ins []lint.Input
	for i, v := range []gen.Visual{loop, alloc, throws, good} {
		b, err := gen.BuildPackage(v, gen.ZipOptions{})
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, string(rune('a'+i))+".pbiviz")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		ins = append(ins, lint.Input{Path: p, Kind: "package"})
	}
	opts := lint.Options{Workers: 2, Dynamic: func(in *rules.Input, r *lint.Result) {
		l := lim
		if filepath.Base(r.Path) == "b.pbiviz" {
			// the allocating visual must meet the memory ceiling, not the budget
			l.Budget = 30 * time.Second
		}
		Check(context.Background(), Runner{}, l, in, r, nil)
	}}
	res := lint.Check(ins, opts)
	want := []string{
		"update: CPU time budget of 2s exceeded (infinite loop?)",
		"update: memory ceiling of 192 MiB exceeded",
		"update: Error: boom in update (content.js:",
		"",
	}
	for i, r := range res {
		if r.Error != "" || r.Dynamic == nil {
			t.Fatalf("%s: error %q, dynamic %+v", r.Path, r.Error, r.Dynamic)
		}
		got := r.Dynamic.Error
		if strings.Contains(got, "\n") || !strings.HasPrefix(got, want[i]) || (want[i] == "" && got != "") {
			t.Errorf("%s: dynamic error %q, want prefix %q", filepath.Base(r.Path), got, want[i])
		}
	}
	if len(observed(res[3], "NET001")) != 1 {
		t.Errorf("the good visual after the bad ones: %+v", res[3].Findings)
	}
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil {
		if peak := ru.Maxrss << 10; peak > memLimit {
			t.Errorf("parent peak RSS %d MiB over the child's limit", peak>>20)
		}
	}
}

// The parent's backstops: a child that never interrupts itself is killed
// when its CPU time passes 3 × the budget + 2 s, and one that makes no
// progress when the wall-time limit passes; each gives a one-line error.
func TestParentStopsAChild(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc: the parent enforces the wall-time limit only")
	}
	spin := Runner{Command: []string{"/bin/sh", "-c", "while :; do :; done"}}
	rep := spin.Exec(context.Background(), Input{}, Limits{Budget: 100 * time.Millisecond, Wall: 10 * time.Minute})
	if rep.Error != "load: CPU time budget of 100ms exceeded (the sandbox was stopped)" {
		t.Errorf("spinning child: %q", rep.Error)
	}
	idle := Runner{Command: []string{"/bin/sh", "-c", "exec sleep 600"}}
	rep = idle.Exec(context.Background(), Input{}, Limits{Budget: time.Hour, Wall: 200 * time.Millisecond})
	if rep.Error != "load: wall time limit of 200ms exceeded (the sandbox was stopped)" {
		t.Errorf("idle child: %q", rep.Error)
	}
}

// In process, the budget is the CPU time of the runtime's thread: an
// infinite loop in update meets it in update.
func TestCPUBudgetInProcess(t *testing.T) {
	v := visual("", `        for (;;) {}`)
	rep := Run(Input{JS: gen.BuildJS(v).JS, GUID: gen.DefaultGUID}, Limits{Budget: 300 * time.Millisecond, Wall: 10 * time.Minute})
	if _, ok := threadCPU(); !ok {
		t.Skip("no thread CPU clock here")
	}
	if rep.Error != "update: CPU time budget of 300ms exceeded (infinite loop?)" || strings.Join(rep.Completed, ",") != "load,constructor" {
		t.Errorf("error %q, completed %v", rep.Error, rep.Completed)
	}
}

// Nothing in the runtime reaches the network or the filesystem: requests to
// a live local server never arrive, source maps named by the code are never
// read, and no host object offers files or processes.
func TestNoNetworkNoFilesystem(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer srv.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			hits.Add(1)
			c.Close()
		}
	}()
	// a source map that would break the load if goja read it
	bad := filepath.Join(t.TempDir(), "content.js.map")
	if err := os.WriteFile(bad, []byte("not a source map"), 0o644); err != nil {
		t.Fatal(err)
	}
	u := srv.URL + "/leak"
	ws := "ws://" + ln.Addr().String() + "/ws"
	v := visual("", `        fetch("`+u+`?f=1");
        const x = new XMLHttpRequest(); x.open("GET", "`+u+`?x=1"); x.send();
        new WebSocket("`+ws+`");
        const img = document.createElement("img"); img.src = "`+u+`?i=1"; this.root.appendChild(img);
        const s = document.createElement("script"); s.src = "`+u+`?s=1"; document.head.appendChild(s);
        const f = new XMLHttpRequest(); f.open("GET", "file:///etc/passwd"); f.send();
        if (f.responseText !== "" || f.status !== 0) throw new Error("file read: " + f.responseText);
        for (const name of ["require", "process", "Deno", "Bun", "module", "os", "fs"]) {
            if (typeof globalThis[name] !== "undefined") throw new Error("host object reachable: " + name);
        }`)
	js := gen.BuildJS(v).JS + "\n//# sourceMappingURL=" + bad + "\n"
	rep := Runner{}.Exec(context.Background(), Input{JS: js, GUID: gen.DefaultGUID}, Limits{Budget: 5 * time.Second})
	requireAll(t, rep)
	time.Sleep(50 * time.Millisecond)
	if n := hits.Load(); n != 0 {
		t.Fatalf("%d connections reached the local servers", n)
	}
	targets := map[string]bool{}
	for _, o := range rep.Observations {
		targets[o.Rule+" "+o.Target] = true
	}
	for _, w := range []string{"NET001 " + u + "?f=1", "NET002 " + u + "?x=1", "NET003 " + ws, "NET011 " + u + "?i=1", "NET011 " + u + "?s=1", "NET002 file:///etc/passwd"} {
		if !targets[w] {
			t.Errorf("not recorded: %s (have %v)", w, targets)
		}
	}
}

// A package read from disk through the CLI's path: the hook runs the child
// and the result carries the dynamic summary.
func TestCheckThroughChild(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	b := gen.MustBuildPackage(gen.Clean(), gen.ZipOptions{})
	pkg, err := pbiviz.ReadBytes(b, pbiviz.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	r := lint.CheckPackage("clean.pbiviz", pkg, lint.Options{Dynamic: func(in *rules.Input, r *lint.Result) {
		Check(context.Background(), Runner{}, Limits{}, in, r, nil)
	}})
	if r.Dynamic == nil || r.Dynamic.Error != "" || len(r.Dynamic.Completed) != 6 || r.Dynamic.RenderingEvents != "reported" {
		t.Fatalf("dynamic: %+v", r.Dynamic)
	}
}
