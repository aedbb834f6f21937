package dynamic

import (
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// threadCPU returns a reader of the calling OS thread's CPU time (the
// caller holds runtime.LockOSThread), from the kernel's scheduler
// statistics in nanoseconds; ok is false where they cannot be read.
func threadCPU() (read func() time.Duration, ok bool) {
	path := "/proc/self/task/" + strconv.Itoa(syscall.Gettid()) + "/schedstat"
	read = func() time.Duration {
		b, err := os.ReadFile(path)
		if err != nil {
			return -1
		}
		f := strings.Fields(string(b))
		if len(f) == 0 {
			return -1
		}
		ns, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return -1
		}
		return time.Duration(ns)
	}
	return read, read() >= 0
}

// processCPU is a process's CPU time, user and system (/proc/PID/stat; -1
// when it cannot be read).
func processCPU(pid int) time.Duration {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return -1
	}
	s := string(b)
	// the command name may hold spaces and parentheses: fields start after the last ')'
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return -1
	}
	f := strings.Fields(s[i+1:])
	// state is field 3 of the line, f[0]; utime and stime are fields 14 and 15
	if len(f) < 13 {
		return -1
	}
	u, err1 := strconv.ParseInt(f[11], 10, 64)
	st, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return -1
	}
	// clock ticks of USER_HZ, 100 on every Linux architecture Go supports
	return time.Duration(u+st) * 10 * time.Millisecond
}
