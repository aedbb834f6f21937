package hugepage

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The advice reaches the kernel: the mappings under an advised block and
// under Bytes carry the "hg" (huge pages advised) flag in /proc/self/smaps,
// Bytes is aligned and zeroed, and GODEBUG's disablethp=1 turns it off.
func TestAdviseHuge(t *testing.T) {
	if _, err := os.Stat("/sys/kernel/mm/transparent_hugepage/enabled"); err != nil {
		t.Skip("kernel without transparent huge pages")
	}
	b := make([]byte, 16<<20)
	require.True(t, Advise(b), "madvise refused")
	addr := uintptr(unsafe.Pointer(&b[8<<20])) // inside the 2 MiB-aligned part
	flags := vmFlags(t, addr)
	assert.Contains(t, strings.Fields(flags), "hg", "VmFlags of the block: %s", flags)

	// Bytes: aligned, zeroed, advised from its first byte
	c := Bytes(6 << 20)
	require.Len(t, c, 6<<20)
	require.Equal(t, 6<<20, cap(c))
	assert.Zero(t, uintptr(unsafe.Pointer(&c[0]))&(Size-1), "not aligned on a huge page")
	assert.Equal(t, -1, bytes.IndexFunc(c, func(r rune) bool { return r != 0 }), "not zeroed")
	flags = vmFlags(t, uintptr(unsafe.Pointer(&c[0])))
	assert.Contains(t, strings.Fields(flags), "hg", "VmFlags of Bytes' first page: %s", flags)
	assert.Len(t, Bytes(Min-1), Min-1)

	t.Setenv("GODEBUG", "madvdontneed=1,disablethp=1")
	assert.False(t, Advise(make([]byte, 16<<20)), "advised despite disablethp=1")
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
