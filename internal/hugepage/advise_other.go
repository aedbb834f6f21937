//go:build !linux

package hugepage

// advise: transparent huge pages are advised on Linux only.
func advise([]byte) bool { return false }

func disabled() bool { return true }
