// Package hugepage backs large buffers with transparent huge pages (2 MiB)
// where the kernel offers them.
//
// The Go runtime does not advise its heap, and where the kernel gives huge
// pages only to memory so advised (/sys/kernel/mm/transparent_hugepage/enabled
// is "madvise", the default of many distributions) fresh memory is faulted
// in 4 KiB at a time: one kernel entry per page, which zeroes it. A 2 MiB
// range advised with MADV_HUGEPAGE faults in at once. Elsewhere (other
// systems, THP "never", no huge page free) the advice changes nothing and
// the buffer behaves as any other; nothing depends on it. GODEBUG's
// disablethp=1, the runtime's own switch, turns the advice off.
package hugepage

import "unsafe"

// Size is the huge page size the advice is aligned to (x86-64, and arm64
// with 4 KiB base pages).
const Size = 2 << 20

// Min is the least length Bytes aligns and advises: a buffer of at least
// two huge pages.
const Min = 2 * Size

// Advise asks the kernel to back the whole huge pages inside b with
// transparent huge pages and reports whether it accepted.
func Advise(b []byte) bool {
	if len(b) < Size || disabled() {
		return false
	}
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	lo := (start + Size - 1) &^ (Size - 1)
	hi := (start + uintptr(len(b))) &^ (Size - 1)
	if hi <= lo {
		return false
	}
	return advise(b[lo-start : hi-start])
}

// Bytes returns a zeroed slice of length and capacity n. From Min bytes on,
// it starts on a huge page boundary (carved out of an allocation up to
// Size-1 bytes larger, whose unused head is never touched, so never
// resident) and is advised: a multi-megabyte buffer about to be filled
// (an inflated resource, the decoded content.js) then faults in 2 MiB at a
// time instead of 4 KiB.
func Bytes(n int) []byte {
	if n < Min {
		return make([]byte, n)
	}
	b := make([]byte, n+Size-1)
	off := int(-uintptr(unsafe.Pointer(unsafe.SliceData(b))) & (Size - 1))
	b = b[off : off+n : off+n]
	Advise(b)
	return b
}

// Release hands the whole pages inside b back to the kernel and reports how
// many bytes it released (0 where it cannot: other systems, pages of other
// sizes). The bytes of a released page read as zero from then on, and a
// write faults in a fresh page: only for a buffer the program keeps but
// no longer reads there (resident memory that is not needed).
func Release(b []byte) int {
	page := pageSize
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	lo := (start + page - 1) &^ (page - 1)
	hi := (start + uintptr(len(b))) &^ (page - 1)
	if len(b) == 0 || hi <= lo || !release(b[lo-start:hi-start]) {
		return 0
	}
	return int(hi - lo)
}
