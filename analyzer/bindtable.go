package analyzer

import (
	"unsafe"

	"github.com/tdewolff/parse/v2/js"
)

// bindTable maps variables to their bindings. It is the model's most
// frequent lookup (every variable read, in pass 1's replay, the values and
// pass 2: about a million per 6 MB bundle), so it avoids a hash map: a
// js.Var is 36 bytes of fields in a 40-byte struct, and the four bytes of
// padding at its end hold the index of its binding in the table (plus one;
// zero is no binding). The layout is checked when the package starts;
// with any other layout of js.Var the table is a map.
//
// A variable belongs to the table of the program that parsed it; a slot
// read by another table (a second program built on the same syntax tree,
// as a test does) is checked against the binding's variable and reads as
// no binding. Slots are written only by pass 1 (or its replay), on one
// goroutine; afterwards they are only read.
type bindTable struct {
	list []*binding
	m    map[*js.Var]*binding // when the slot is not available
}

// varSlotOK: js.Var is {Data []byte; Link *Var; Uses uint16; Decl
// DeclType(uint16)} with four bytes of padding at offset 36.
var varSlotOK = unsafe.Sizeof(js.Var{}) == 40 && unsafe.Alignof(js.Var{}) == 8 &&
	unsafe.Offsetof(js.Var{}.Decl) == 34 && unsafe.Sizeof(js.Var{}.Decl) == 2

func varSlot(v *js.Var) *uint32 { return (*uint32)(unsafe.Add(unsafe.Pointer(v), 36)) }

func newBindTable(n int) *bindTable {
	if varSlotOK {
		return &bindTable{list: make([]*binding, 0, n)}
	}
	return &bindTable{m: make(map[*js.Var]*binding, n)}
}

// get returns v's binding, nil when it has none.
func (t *bindTable) get(v *js.Var) *binding {
	if t.m != nil {
		return t.m[v]
	}
	i := int(*varSlot(v))
	if i == 0 || i > len(t.list) {
		return nil
	}
	if b := t.list[i-1]; b.v == v {
		return b
	}
	return nil
}

// set makes b v's binding (v has none).
func (t *bindTable) set(v *js.Var, b *binding) {
	b.v = v
	if t.m != nil {
		t.m[v] = b
		return
	}
	t.list = append(t.list, b)
	*varSlot(v) = uint32(len(t.list))
}

// len returns how many variables have a binding.
func (t *bindTable) len() int {
	if t.m != nil {
		return len(t.m)
	}
	return len(t.list)
}

// each calls f on every variable and its binding.
func (t *bindTable) each(f func(*js.Var, *binding)) {
	if t.m != nil {
		for v, b := range t.m {
			f(v, b)
		}
		return
	}
	for _, b := range t.list {
		f(b.v, b)
	}
}
