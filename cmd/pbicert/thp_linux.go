package main

import (
	"os"
	"strings"
	"syscall"
	"unsafe"
)

// adviseHuge asks the kernel to back b with transparent huge pages (2 MiB)
// and reports whether it accepted. The Go runtime does not advise its heap,
// and where the kernel gives huge pages only to memory so advised
// (/sys/kernel/mm/transparent_hugepage/enabled is "madvise", the default
// of many distributions) the prefault's block, where the model is then
// allocated, would otherwise be faulted in 4 KiB at a time. GODEBUG's
// disablethp=1, the runtime's own switch, turns the advice off.
func adviseHuge(b []byte) bool {
	const huge = 2 << 20
	if godebugSet("disablethp=1") {
		return false
	}
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	lo := (start + huge - 1) &^ (huge - 1)
	hi := (start + uintptr(len(b))) &^ (huge - 1)
	if hi <= lo {
		return false
	}
	return syscall.Madvise(b[lo-start:hi-start], syscall.MADV_HUGEPAGE) == nil
}

func godebugSet(kv string) bool {
	for s := range strings.SplitSeq(os.Getenv("GODEBUG"), ",") {
		if strings.TrimSpace(s) == kv {
			return true
		}
	}
	return false
}
