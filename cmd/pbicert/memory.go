package main

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// machineMemory returns the memory this process may use: the smallest
// cgroup memory limit on its path (v2 memory.max, v1
// memory.limit_in_bytes), else the physical memory; and where it was found.
func machineMemory() (int64, string) {
	phys := physicalMemory("/proc/meminfo")
	cg, _ := os.ReadFile("/proc/self/cgroup")
	if lim, where := cgroupLimit(cg, "/sys/fs/cgroup"); lim > 0 && (phys <= 0 || lim < phys) {
		return lim, where
	}
	if phys > 0 {
		return phys, "/proc/meminfo"
	}
	return 4 << 30, "default" // no /proc: assume a small machine
}

// physicalMemory reads MemTotal from a meminfo file (0 when unknown).
func physicalMemory(meminfo string) int64 {
	b, err := os.ReadFile(meminfo)
	if err != nil {
		return 0
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 2 && f[0] == "MemTotal:" {
			kb, err := strconv.ParseInt(f[1], 10, 64)
			if err == nil {
				return kb << 10
			}
		}
	}
	return 0
}

// cgroupLimit finds the memory limit of the cgroup named in a
// /proc/self/cgroup text under the cgroup file system root: the smallest
// limit of the group and its ancestors (v2 "0::/path": memory.max; v1
// "N:…memory…:/path": memory/…/memory.limit_in_bytes). Inside a container
// the group's path is often not visible: the root's own file is then the
// container's limit. 0 when there is none.
func cgroupLimit(procCgroup []byte, root string) (int64, string) {
	best, where := int64(0), ""
	consider := func(file string) {
		b, err := os.ReadFile(file)
		if err != nil {
			return
		}
		s := strings.TrimSpace(string(b))
		if s == "max" || s == "" {
			return
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n <= 0 || n >= 1<<62 { // v1 writes "no limit" as a huge number
			return
		}
		if best == 0 || n < best {
			best, where = n, file
		}
	}
	walk := func(dir, path, file string) {
		path = filepath.Clean("/" + path)
		for {
			consider(filepath.Join(dir, path, file))
			if path == "/" {
				return
			}
			path = filepath.Dir(path)
		}
	}
	for line := range strings.SplitSeq(string(procCgroup), "\n") {
		parts := strings.SplitN(line, ":", 3)
		if len(parts) != 3 {
			continue
		}
		switch {
		case parts[0] == "0" && parts[1] == "":
			walk(root, parts[2], "memory.max")
			walk(filepath.Join(root, "unified"), parts[2], "memory.max")
		case containsField(parts[1], "memory"):
			walk(filepath.Join(root, "memory"), parts[2], "memory.limit_in_bytes")
		}
	}
	return best, where
}

func containsField(list, name string) bool {
	for f := range strings.SplitSeq(list, ",") {
		if f == name {
			return true
		}
	}
	return false
}
