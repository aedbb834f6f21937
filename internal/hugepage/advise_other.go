//go:build !linux

package hugepage

// advise: transparent huge pages are advised on Linux only.
func advise([]byte) bool { return false }

func disabled() bool { return true }

var pageSize uintptr = 4096

// release: pages are released on Linux only.
func release([]byte) bool { return false }
