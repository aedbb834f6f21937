package dynamic

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// ChildArg is the hidden subcommand a pbicert binary (or a test binary
// whose TestMain calls MaybeChild) runs a visual under.
const ChildArg = "__pbicert-dynamic-child"

type request struct {
	Input  Input  `json:"input"`
	Limits Limits `json:"limits"`
}

// phaseHook, when set (in the child), hears each phase as it starts.
var phaseHook func(string)

// MaybeChild runs the child side and exits when the process was started
// as a dynamic child (os.Args[1] == ChildArg); otherwise it returns.
func MaybeChild() {
	if len(os.Args) > 1 && os.Args[1] == ChildArg {
		os.Exit(ChildMain(os.Stdin, os.Stdout, os.Stderr))
	}
}

// ChildMain reads one request on r, runs it and writes the report on w.
// Phases are announced on status ("phase NAME" lines) so that the parent
// can name the phase when it has to stop the child.
func ChildMain(r io.Reader, w, status io.Writer) int {
	var req request
	if err := json.NewDecoder(r).Decode(&req); err != nil {
		fmt.Fprintln(status, "pbicert dynamic child: bad request:", err)
		return 2
	}
	lim := req.Limits.withDefaults()
	// the ceiling is the parent's: a soft limit here only slows a runaway down
	_ = debug.SetGCPercent(100)
	phaseHook = func(p string) { fmt.Fprintln(status, "phase", p) }
	rep := Run(req.Input, lim)
	if err := json.NewEncoder(w).Encode(rep); err != nil {
		return 2
	}
	return 0
}

// Runner starts children: Command is the program and arguments that reach
// MaybeChild (default: this executable with ChildArg).
type Runner struct {
	Command []string
	// Poll is how often the child's resident memory is read (default 10 ms).
	Poll time.Duration
}

// Exec runs one visual in a child process. The child interrupts its own
// run at the CPU-time budget and reports what it saw; the parent kills it
// when its resident memory passes lim.Memory, when the process's CPU time
// passes a backstop (3 × Budget + 2 s: the child's own interrupt did not
// work) or when the wall-time limit (plus a grace period) passes. It never returns nil; failures are the
// report's Error, on one line.
func (rn Runner) Exec(ctx context.Context, in Input, lim Limits) *Report {
	lim = lim.withDefaults()
	start := time.Now()
	var peak atomic.Int64
	fail := func(msg string) *Report {
		return &Report{Completed: []string{}, Error: msg, Millis: time.Since(start).Milliseconds(), PeakRSS: peak.Load()}
	}
	argv := rn.Command
	if len(argv) == 0 {
		exe, err := os.Executable()
		if err != nil {
			return fail("cannot start the sandbox: " + err.Error())
		}
		argv = []string{exe, ChildArg}
	}
	payload, err := json.Marshal(request{Input: in, Limits: lim})
	if err != nil {
		return fail("cannot encode the run: " + err.Error())
	}
	grace := 3 * time.Second
	ctx, cancel := context.WithTimeout(ctx, lim.Wall+grace)
	cpuLimit := 3*lim.Budget + 2*time.Second
	defer cancel()
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Stdin = bytes.NewReader(payload)
	cmd.Dir = os.TempDir()
	// nothing from the parent's environment but what Go needs
	cmd.Env = []string{"GOMAXPROCS=2", "GOTRACEBACK=single"}
	var out capped
	out.max = 64 << 20
	cmd.Stdout = &out
	pr, pw := io.Pipe()
	cmd.Stderr = pw
	var phase atomic.Value
	phase.Store(PhaseLoad)
	var errTail capped
	errTail.max = 64 << 10
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		sc := bufio.NewScanner(pr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			if p, ok := strings.CutPrefix(line, "phase "); ok {
				phase.Store(p)
				continue
			}
			errTail.Write([]byte(line + "\n"))
		}
		_, _ = io.Copy(io.Discard, pr)
	}()
	if err := cmd.Start(); err != nil {
		pw.Close()
		wg.Wait()
		return fail("cannot start the sandbox: " + err.Error())
	}
	var memKilled, cpuKilled atomic.Bool
	stop := make(chan struct{})
	poll := rn.Poll
	if poll <= 0 {
		poll = 10 * time.Millisecond
	}
	go func() {
		t := time.NewTicker(poll)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				rss := residentBytes(cmd.Process.Pid)
				if rss > peak.Load() {
					peak.Store(rss)
				}
				if rss > lim.Memory {
					memKilled.Store(true)
					_ = cmd.Process.Kill()
					return
				}
				if processCPU(cmd.Process.Pid) > cpuLimit {
					cpuKilled.Store(true)
					_ = cmd.Process.Kill()
					return
				}
			}
		}
	}()
	werr := cmd.Wait()
	close(stop)
	pw.Close()
	wg.Wait()
	ph := phase.Load().(string)
	if ph == PhaseResize {
		ph = PhaseUpdate
	}
	switch {
	case memKilled.Load():
		return fail(fmt.Sprintf("%s: memory ceiling of %d MiB exceeded (the sandbox was stopped)", ph, lim.Memory>>20))
	case cpuKilled.Load():
		return fail(fmt.Sprintf("%s: CPU time budget of %s exceeded (the sandbox was stopped)", ph, lim.Budget))
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return fail(fmt.Sprintf("%s: wall time limit of %s exceeded (the sandbox was stopped)", ph, lim.Wall))
	}
	var rep Report
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil || werr != nil {
		return fail(fmt.Sprintf("%s: runtime crash: %s", ph, crashLine(errTail.String(), werr)))
	}
	if rep.Completed == nil {
		rep.Completed = []string{}
	}
	if ps := cmd.ProcessState; ps != nil {
		rep.CPUMillis = (ps.UserTime() + ps.SystemTime()).Milliseconds()
	}
	rep.Millis = time.Since(start).Milliseconds()
	rep.PeakRSS = peak.Load()
	return &rep
}

// crashLine picks the telling line of a dead child's standard error.
func crashLine(stderr string, werr error) string {
	for _, l := range strings.Split(stderr, "\n") {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "fatal error:") || strings.HasPrefix(l, "panic:") || strings.HasPrefix(l, "runtime:") {
			return oneLine(l)
		}
	}
	if werr != nil {
		return oneLine(werr.Error())
	}
	return "no report"
}

// residentBytes reads a process's resident set size (Linux /proc; 0
// elsewhere, where only the time limits apply).
func residentBytes(pid int) int64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, _ := strconv.ParseInt(f[1], 10, 64)
	return pages * int64(os.Getpagesize())
}

// capped is a buffer that keeps at most max bytes.
type capped struct {
	mu  sync.Mutex
	buf bytes.Buffer
	max int
}

func (c *capped) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if room := c.max - c.buf.Len(); room > 0 {
		if len(p) > room {
			c.buf.Write(p[:room])
		} else {
			c.buf.Write(p)
		}
	}
	return len(p), nil
}

func (c *capped) Bytes() []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.buf.Bytes()
}

func (c *capped) String() string { return string(c.Bytes()) }
