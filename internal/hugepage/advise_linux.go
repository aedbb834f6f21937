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
