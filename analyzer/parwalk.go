package analyzer

import (
	"fmt"
	"math/bits"
	"sync"

	"github.com/tdewolff/parse/v2/js"
)

// Parallel pass 2. When the input was parsed in units (split.go), pass 2
// walks every unit's function on its own walker, in parallel: a walker that
// meets a unit records a splice (how many facts of each kind it had, its
// current function, where its cursor was) and goes on after the unit's
// text; the unit is walked by a task that starts in the same state. The
// facts are then put back in source order by expanding the splices, with
// function indices renumbered as one walk would have numbered them.
//
// Pass 2 only reads shared state: variable values are all resolved before
// it (walk), and each walker has its own call memo, so the model is the
// same as one walk's, in any schedule. A task whose cursor does not end
// where its parent went on makes the whole pass run again in one walk.

const (
	kRefs = iota
	kCalls
	kAssigns
	kStrings
	kWiths
	kFuncs
	kMembers
	kProps
	kIdents
	nKinds
)

// unitCount is what pass 1 counted in one unit (not in its child units):
// pass 2 sizes the unit's facts with it.
type unitCount struct{ nFuncs, nCalls int }

// bindEvent is a binding made by a pass 1 task: a source of v, or v
// mutated.
type bindEvent struct {
	v       *js.Var
	src     bindSrc
	mutate  bool
	written bool // a property written through v (writeThrough)
	escaped bool // v passed to a function (escape)
	call    bool // a direct call of v, src.expr (noteCall, singlecall.go)
	viaCall bool // … through v.call(this, …)
	ext     *bindExt
}

// bindExt is what the deeper value model adds to a few events (nil on
// most: the log stays small).
type bindExt struct {
	// a use of v as a table's receiver (m.get/has/set, names.go)
	table    *js.CallExpr
	tableSet bool
	fn       js.INode // the function holding the table use (names.go)
	owner    any      // what this is in the function where src was bound (a this.x source, depth.go)
	loop     js.IStmt // the outermost loop around the write (loops.go)
	runRoot  js.INode // the walker's runRoot at the write (loops.go)
}

func (ev *bindEvent) loop() js.IStmt {
	if ev.ext == nil {
		return nil
	}
	return ev.ext.loop
}

func (ev *bindEvent) runRoot() js.INode {
	if ev.ext == nil {
		return nil
	}
	return ev.ext.runRoot
}

func (ev *bindEvent) owner() any {
	if ev.ext == nil {
		return nil
	}
	return ev.ext.owner
}

// parentFunc stands, in a task, for the function of the parent walker that
// encloses the unit.
const parentFunc = -2

type walkTask struct {
	node       js.INode // the unit's *js.FuncDecl or *js.ArrowFunc
	events     eventLog // pass 1: bindings made, in walk order
	counts     [3]int   // pass 1: calls, functions, assignments
	cur, depth int
	hint       string
	thisGlobal bool
	owner      any // the parent's this owner (depth.go), and the one handed to the unit
	nextOwner  any
	factories  map[*js.Var]*js.Params // the parent's (copied), pass 1
	runRoot    js.INode               // the parent's runRoot, pass 1 (loops.go)
	iife       bool                   // the unit is invoked immediately outside every loop of the parent, pass 1
	prog       *Program               // the task's own facts
	splices    []splice
	end        int // the cursor after the walk
	err        error
}

type splice struct {
	t        *walkTask
	at       [nKinds]int // fact counts of the parent when it met the unit
	fn       int         // the parent's current function
	unplaced int         // the parent's unplaced identifiers so far
	end      int         // where the parent's cursor went on
}

// parWalk runs the tasks of a parallel pass on a pool of workers, which
// take them in the order they were spawned. A worker lives for the whole
// pass: its stack, grown deep by the walker's and the resolver's
// recursion, serves every task it runs. A goroutine per task started at
// the runtime's least stack and grew it again, copying frame by frame
// (runtime.copystack), since no collection runs to size new stacks from
// the old.
type parWalk struct {
	pass    int
	workers int // at most this many tasks run at once (beside the root)
	wg      sync.WaitGroup

	mu      sync.Mutex
	cond    sync.Cond
	queue   []queuedTask
	head    int  // next task to run
	started int  // workers started
	waiting int  // workers waiting for a task
	closed  bool // the pass is over: waiting workers exit
}

type queuedTask struct {
	base *Program
	t    *walkTask
}

func newParWalk(pass, workers int) *parWalk {
	pw := &parWalk{pass: pass, workers: max(workers, 1)}
	pw.cond.L = &pw.mu
	return pw
}

// wait waits for every task spawned, then lets the workers go.
func (pw *parWalk) wait() {
	pw.wg.Wait()
	pw.mu.Lock()
	pw.closed = true
	pw.cond.Broadcast()
	pw.mu.Unlock()
}

func (pw *parWalk) worker() {
	for {
		pw.mu.Lock()
		for pw.head == len(pw.queue) && !pw.closed {
			pw.waiting++
			pw.cond.Wait()
			pw.waiting--
		}
		if pw.head == len(pw.queue) {
			pw.mu.Unlock()
			return
		}
		q := pw.queue[pw.head]
		pw.queue[pw.head] = queuedTask{}
		pw.head++
		pw.mu.Unlock()
		func() {
			defer pw.wg.Done()
			pw.run(q.base, q.t)
		}()
	}
}

func counts(p *Program) [nKinds]int {
	return [nKinds]int{len(p.Refs), len(p.Calls), len(p.Assigns), len(p.Strings), len(p.Withs),
		len(p.Funcs), len(p.Members), len(p.Props), len(p.Idents)}
}

// walkerCopy is a Program for one pass 2 walker: shared input, bindings and
// options, its own facts and memos.
func (p *Program) walkerCopy() *Program {
	return &Program{File: p.File, Src: p.Src, AST: p.AST, buf: p.buf, split: p.split, unitCounts: p.unitCounts, braces: p.braces, opts: p.opts,
		bindings: p.bindings, members: p.members, prefixes: p.prefixes, fields: p.fields, depthModel: p.depthModel, callMemo: make(map[callKey]*Value), copied: true}
}

// splice hands unit node n (hint: its name hint) to a task and moves the
// cursor past it. It reports false when n is not a unit.
func (w *walker) splice(n js.INode, hint string) bool {
	if w.par == nil || n == w.root {
		return false
	}
	id := w.p.split.UnitOf(n)
	if id < 0 {
		return false
	}
	t := &walkTask{node: n, cur: w.cur, depth: w.depth, hint: hint, thisGlobal: w.thisGlobal(), owner: w.curOwner(), nextOwner: w.nextOwner}
	w.nextOwner = nil // handed to the unit
	if w.pass == 1 && len(w.factories) > 0 {
		t.factories = make(map[*js.Var]*js.Params, len(w.factories))
		for k, v := range w.factories {
			t.factories[k] = v
		}
	}
	if w.pass == 1 {
		t.runRoot, t.iife = w.runRoot, n == w.iife && w.loop == nil
		w.task.splices = append(w.task.splices, splice{t: t, at: [nKinds]int{w.task.events.n}})
		w.par.spawn(w.p, t)
		return true
	}
	end := w.p.split.End(id)
	w.task.splices = append(w.task.splices, splice{t: t, at: counts(w.p), fn: w.curFunc(), unplaced: w.p.Unplaced, end: end})
	w.cur = max(w.cur, end)
	w.par.spawn(w.p, t)
	return true
}

func (pw *parWalk) spawn(base *Program, t *walkTask) {
	pw.wg.Add(1)
	pw.mu.Lock()
	pw.queue = append(pw.queue, queuedTask{base, t})
	// start the workers first: a waiting worker already signalled counts
	// as waiting until it wakes, so signalling it again would leave a core
	// idle while one worker runs both tasks
	if pw.started < pw.workers {
		pw.started++
		go pw.worker()
	} else if pw.waiting > 0 {
		pw.cond.Signal()
	}
	pw.mu.Unlock()
}

func (pw *parWalk) run(base *Program, t *walkTask) {
	prog := base // pass 1 reads the program; its bindings go to t.events
	if pw.pass == 2 {
		prog = base.walkerCopy()
	}
	w := &walker{p: prog, pass: pw.pass, thisG: []bool{t.thisGlobal}, fn: []int{parentFunc}, owners: []any{t.owner}, nextOwner: t.nextOwner, factories: t.factories,
		maxDepth: base.opts.MaxDepth * 8, forceVar: -1, depth: t.depth, cur: t.cur, par: pw, task: t, root: t.node}
	if pw.pass == 1 {
		w.runRoot = t.runRoot
		if t.iife {
			w.iife = t.node
		}
		defer func() {
			t.counts = [3]int{w.nCalls, w.nFuncs, w.nAssigns}
			if id := base.split.UnitOf(t.node); id >= 0 {
				base.unitCounts[id] = unitCount{w.nFuncs, w.nCalls} // each unit has one task: no race
			}
		}()
	} else if id := base.split.UnitOf(t.node); id >= 0 {
		// sized by pass 1's counts: no growing garbage (there is no collector)
		c := base.unitCounts[id]
		prog.Funcs = make([]FuncInfo, 0, c.nFuncs)
		// calls kept: 12,800 for 110,155 calls on the bench bundle (the
		// walker's own maximal calls are not kept: callValue); a third
		// leaves 20 of 287 units to grow
		prog.callMemo = make(map[callKey]*Value, c.nCalls/3)
	}
	t.prog = w.p
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(depthError); ok {
				t.err = &LimitError{What: "syntax tree nested too deeply", Flag: "max-depth", Value: w.depth, Max: w.maxDepth}
				return
			}
			t.err = fmt.Errorf("internal error while parsing: %v", r)
		}
	}()
	switch n := t.node.(type) {
	case *js.FuncDecl:
		w.function(n, t.hint)
	case *js.ArrowFunc:
		w.nameHint = t.hint
		w.arrowFunc(n)
	}
	t.end = w.cur
}

// walkParallel is pass 2 on units. It reports false when the tasks did not
// line up (the caller then walks in one piece).
func (p *Program) walkParallel(workers int) (bool, error) {
	pw := newParWalk(2, workers)
	root := &walkTask{}
	w := &walker{p: p.walkerCopy(), pass: 2, thisG: []bool{true}, fn: []int{-1}, maxDepth: p.opts.MaxDepth * 8,
		forceVar: -1, par: pw, task: root}
	root.prog = w.p
	err := w.run()
	pw.wait()
	if err == nil {
		err = firstErr(root)
	}
	if err != nil {
		return true, err
	}
	if !aligned(root) {
		return false, nil
	}
	p.assemble(root)
	p.siteTasks = root // their write sites (notePropWrites)
	p.parallel = true
	return true, nil
}

func firstErr(t *walkTask) error {
	for _, sp := range t.splices {
		if sp.t.err != nil {
			return sp.t.err
		}
		if err := firstErr(sp.t); err != nil {
			return err
		}
	}
	return nil
}

func aligned(t *walkTask) bool {
	for _, sp := range t.splices {
		if sp.t.end != sp.end || !aligned(sp.t) {
			return false
		}
	}
	return true
}

// assemble puts the facts of every task back in one walk's order.
func (p *Program) assemble(root *walkTask) {
	var total [nKinds]int
	var count func(t *walkTask)
	count = func(t *walkTask) {
		c := counts(t.prog)
		for k := range total {
			total[k] += c[k]
		}
		for _, sp := range t.splices {
			count(sp.t)
		}
	}
	count(root)
	p.Refs = make([]Ref, 0, total[kRefs])
	p.Calls = make([]Call, 0, total[kCalls])
	p.Assigns = make([]Assign, 0, total[kAssigns])
	p.Strings = make([]StringLit, 0, total[kStrings])
	p.Withs = make([]int, 0, total[kWiths])
	p.Funcs = make([]FuncInfo, 0, total[kFuncs])
	p.Members = make([]MemberAccess, 0, total[kMembers])
	p.Props = make([]PropInit, 0, total[kProps])
	if total[kIdents] > 0 {
		p.Idents = make([]int, 0, total[kIdents])
	}
	p.Unplaced, p.FirstUnplaced = 0, 0
	firstFound := false
	var emit func(t *walkTask, parentFn int)
	emit = func(t *walkTask, parentFn int) {
		q := t.prog
		local := make([]int, len(q.Funcs)) // local function index -> index in p.Funcs
		fn := func(i int) int {
			switch i {
			case -1:
				return -1
			case parentFunc:
				return parentFn
			}
			return local[i]
		}
		var from [nKinds]int
		part := func(to [nKinds]int) {
			for i := from[kFuncs]; i < to[kFuncs]; i++ {
				f := q.Funcs[i]
				f.Parent = fn(f.Parent)
				local[i] = len(p.Funcs)
				p.Funcs = append(p.Funcs, f)
			}
			p.Refs = appendFixed(p.Refs, q.Refs[from[kRefs]:to[kRefs]], func(r *Ref) { r.Func = fn(r.Func) })
			p.Calls = appendFixed(p.Calls, q.Calls[from[kCalls]:to[kCalls]], func(c *Call) { c.Func = fn(c.Func) })
			p.Assigns = appendFixed(p.Assigns, q.Assigns[from[kAssigns]:to[kAssigns]], func(a *Assign) { a.Func = fn(a.Func) })
			p.Members = appendFixed(p.Members, q.Members[from[kMembers]:to[kMembers]], func(m *MemberAccess) { m.Func = fn(m.Func) })
			p.Props = appendFixed(p.Props, q.Props[from[kProps]:to[kProps]], func(pr *PropInit) { pr.Func = fn(pr.Func) })
			p.Strings = append(p.Strings, q.Strings[from[kStrings]:to[kStrings]]...)
			p.Withs = append(p.Withs, q.Withs[from[kWiths]:to[kWiths]]...)
			p.Idents = append(p.Idents, q.Idents[from[kIdents]:to[kIdents]]...)
			from = to
		}
		for _, sp := range t.splices {
			part(sp.at)
			if !firstFound && sp.unplaced > 0 {
				firstFound, p.FirstUnplaced = true, q.FirstUnplaced
			}
			emit(sp.t, fn(sp.fn))
		}
		part(counts(q))
		if !firstFound && q.Unplaced > 0 {
			firstFound, p.FirstUnplaced = true, q.FirstUnplaced
		}
		p.Unplaced += q.Unplaced
	}
	emit(root, -1)
}

// collectParallel is pass 1 on units: each unit's walk logs the bindings it
// makes, and the logs are replayed in one walk's order, so that bindings,
// their sources and the order in which walk resolves them are exactly
// those of one walk. w is the root walker; it gets the counts.
func (p *Program) collectParallel(w *walker) error {
	p.unitCounts = make([]unitCount, p.split.Len())
	pw := newParWalk(1, p.workers)
	root := &walkTask{}
	w.par, w.task = pw, root
	err := w.run()
	w.par, w.task = nil, nil
	pw.wait()
	if err == nil {
		err = firstErr(root)
	}
	if err != nil {
		return err
	}
	if p.serial != nil {
		p.serial() // the replay and the resolution that follows leave a core idle
	}
	var replay func(t *walkTask)
	replay = func(t *walkTask) {
		from := 0
		for _, sp := range t.splices {
			t.events.each(from, sp.at[0], w.apply)
			replay(sp.t)
			from = sp.at[0]
			w.nCalls += sp.t.counts[0]
			w.nFuncs += sp.t.counts[1]
			w.nAssigns += sp.t.counts[2]
		}
		t.events.each(from, t.events.n, w.apply)
	}
	replay(root)
	return nil
}

// apply makes the binding of a pass 1 event.
func (w *walker) apply(ev *bindEvent) {
	if ev.ext != nil && ev.ext.table != nil {
		w.p.addTableUse(ev.v, tableUse{call: ev.ext.table, fn: ev.ext.fn, set: ev.ext.tableSet, inLoop: ev.ext.loop != nil})
		return
	}
	if ev.escaped {
		w.p.escape(ev.v)
		return
	}
	if ev.call {
		w.p.noteCall(ev.v, ev.src.expr.(*js.CallExpr), ev.src.thisGlobal, ev.viaCall)
		return
	}
	b := w.binding1(ev.v)
	if ev.written {
		b.written = true
		w.p.noteThrough(b, ev.loop(), ev.runRoot())
	} else if ev.mutate {
		b.mutated = true
		w.p.noteWrite(ev.v, b, ev.loop(), ev.runRoot(), true)
	} else {
		b.add(ev.src)
		w.p.srcOwner(ev.v, b, ev.owner())
		w.p.noteWrite(ev.v, b, ev.loop(), ev.runRoot(), false)
	}
}

// eventLog stores events in chunks: no copying as it grows (pass 1 runs
// without a collector, so a doubling slice would leave its old arrays
// behind). Most units log a few dozen events, so the first chunks are
// small: 16, 16, 32, 64 and 128 events (chunk k > 0 starts at event
// 8<<k), then eventChunk each. Fixed chunks of eventChunk from the first
// left about 2 MB unused on the 6 MB benchmark bundle (288 units).
type eventLog struct {
	chunks [][]bindEvent
	n      int
}

const (
	eventFirst = 16
	eventChunk = eventFirst << 4 // the chunks before it add up to eventChunk
	eventSmall = 5               // chunks smaller than eventChunk
)

func (l *eventLog) add(ev bindEvent) {
	if k := len(l.chunks); k == 0 || len(l.chunks[k-1]) == cap(l.chunks[k-1]) {
		size := eventChunk
		switch {
		case k == 0:
			size = eventFirst
		case k < eventSmall:
			size = eventFirst << (k - 1)
		}
		l.chunks = append(l.chunks, make([]bindEvent, 0, size))
	}
	c := &l.chunks[len(l.chunks)-1]
	*c = append(*c, ev)
	l.n++
}

// chunkOf returns the chunk holding event i and i's index in it.
func (l *eventLog) chunkOf(i int) (k, j int) {
	switch {
	case i >= eventChunk:
		return eventSmall - 1 + i/eventChunk, i % eventChunk
	case i < eventFirst:
		return 0, i
	}
	k = bits.Len(uint(i)) - 4 // [16,32) → 1, …, [128,256) → 4
	return k, i - eventFirst<<(k-1)
}

// each calls f on events [from, to).
func (l *eventLog) each(from, to int, f func(*bindEvent)) {
	if from >= to {
		return
	}
	k, j := l.chunkOf(from)
	for i := from; i < to; k, j = k+1, 0 {
		c := l.chunks[k]
		for ; j < len(c) && i < to; i, j = i+1, j+1 {
			f(&c[j])
		}
	}
}

// nodeLog stores pass 2's write sites (notePropWrites) in fixed chunks,
// as eventLog.
type nodeLog struct {
	chunks [][]js.INode
	n      int
}

const nodeChunk = 512

func (l *nodeLog) add(n js.INode) {
	if l.n%nodeChunk == 0 {
		l.chunks = append(l.chunks, make([]js.INode, 0, nodeChunk))
	}
	c := &l.chunks[len(l.chunks)-1]
	*c = append(*c, n)
	l.n++
}

// each calls f on every node, in the order they were added.
func (l *nodeLog) each(f func(js.INode)) {
	for _, c := range l.chunks {
		for _, n := range c {
			f(n)
		}
	}
}

// appendFixed appends src to dst, each element fixed by fix.
func appendFixed[T any](dst, src []T, fix func(*T)) []T {
	for _, x := range src {
		fix(&x)
		dst = append(dst, x)
	}
	return dst
}
