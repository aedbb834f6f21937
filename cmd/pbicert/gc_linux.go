package main

import (
	"bytes"
	"os"
	"syscall"
	"unsafe"
)

const hugePage = 2 << 20

// thpAdvised reports whether the kernel gives transparent huge pages to
// memory advised MADV_HUGEPAGE only (with "always" the heap has them
// already, with "never" it cannot).
func thpAdvised() bool {
	b, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	return err == nil && bytes.Contains(b, []byte("[madvise]"))
}

// adviseHuge advises the whole huge pages inside b MADV_HUGEPAGE.
func adviseHuge(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	beg := (p + hugePage - 1) &^ (hugePage - 1)
	end := (p + uintptr(len(b))) &^ (hugePage - 1)
	if end <= beg {
		return false
	}
	return syscall.Madvise(b[beg-p:end-p], syscall.MADV_HUGEPAGE) == nil
}
