package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The advice reaches the kernel: the mapping of the block's aligned part
// carries the "hg" (MADV_HUGEPAGE) flag in /proc/self/smaps.
func TestAdviseHuge(t *testing.T) {
	b := make([]byte, 16<<20)
	if !adviseHuge(b) {
		t.Skip("this kernel has no transparent huge pages")
	}
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	at := (p + hugePage - 1) &^ (hugePage - 1)
	flags := vmFlags(t, at)
	assert.Contains(t, strings.Fields(flags), "hg", "VmFlags of the block: %s", flags)
	assert.False(t, adviseHuge(make([]byte, 1<<10)), "a block without a whole huge page is not advised")
}

// vmFlags returns the VmFlags line of the mapping holding addr.
func vmFlags(t *testing.T, addr uintptr) string {
	f, err := os.Open("/proc/self/smaps")
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	in := false
	for sc.Scan() {
		line := sc.Text()
		var lo, hi uintptr
		if n, _ := fmt.Sscanf(line, "%x-%x", &lo, &hi); n == 2 && strings.Contains(line, " ") && !strings.HasSuffix(strings.Fields(line)[0], ":") {
			in = lo <= addr && addr < hi
			continue
		}
		if in && strings.HasPrefix(line, "VmFlags:") {
			return strings.TrimPrefix(line, "VmFlags:")
		}
	}
	require.NoError(t, sc.Err())
	t.Fatalf("no mapping holds %#x", addr)
	return ""
}
