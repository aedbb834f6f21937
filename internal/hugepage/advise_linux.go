package hugepage

import (
	"os"
	"strings"
	"syscall"
)

// advise sets MADV_HUGEPAGE on b, which starts and ends on huge page
// boundaries.
func advise(b []byte) bool { return syscall.Madvise(b, syscall.MADV_HUGEPAGE) == nil }

func disabled() bool {
	for s := range strings.SplitSeq(os.Getenv("GODEBUG"), ",") {
		if strings.TrimSpace(s) == "disablethp=1" {
			return true
		}
	}
	return false
}

// pageSize is the base page size Release works in.
var pageSize = uintptr(os.Getpagesize())

// release drops the pages of b, which starts and ends on page boundaries.
func release(b []byte) bool { return syscall.Madvise(b, syscall.MADV_DONTNEED) == nil }
