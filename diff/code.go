package diff

import (
	"fmt"
	"sort"
	"strings"
)

// codeDiff matches functions across the builds: identical normalised
// streams by hash (as a multiset), the rest paired by similarity and
// compared token by token.
func codeDiff(cert, uncert *Build) CodeDiff {
	cd := CodeDiff{Functions: len(uncert.fns), Explained: []FuncChange{}, Unexplained: []FuncChange{}}
	byHash := map[uint64][]int{}
	for i, f := range cert.fns {
		byHash[f.hash] = append(byHash[f.hash], i)
	}
	var onlyU []int
	for i, f := range uncert.fns {
		if l := byHash[f.hash]; len(l) > 0 {
			byHash[f.hash] = l[1:]
			cd.Identical++
			continue
		}
		onlyU = append(onlyU, i)
	}
	var onlyC []int
	for i, f := range cert.fns {
		if l := byHash[f.hash]; len(l) > 0 && containsInt(l, i) {
			onlyC = append(onlyC, i)
		}
	}
	for _, i := range onlyU {
		uncert.fns[i].ensure()
	}
	for _, i := range onlyC {
		cert.fns[i].ensure()
	}
	pairs, restU, restC := pairFunctions(cert.fns, uncert.fns, onlyC, onlyU)

	// Functions nested in removed network calls (e.g. the .then callback of a
	// removed fetch) are explained when they disappear.
	netChild := map[int]bool{}
	// (every kFunc token of disp is in the normalised stream: only
	// punctuators are dropped)
	for _, f := range uncert.fns {
		for _, t := range f.disp {
			if t.kind == kFunc && t.api != 0 {
				netChild[int(t.n)] = true
			}
		}
	}
	for i := range uncert.fns { // parents precede children in Funcs order
		f := uncert.fns[i]
		if netChild[i] {
			for _, t := range f.disp {
				if t.kind == kFunc {
					netChild[int(t.n)] = true
				}
			}
		}
	}
	x := newExplainer(cert, uncert, pairs)
	for _, ui := range restU {
		f := uncert.fns[ui]
		if netChild[ui] {
			x.removed[ui] = "removed with the network call that used it"
		} else if api := onlyFeedsNet(f); api != "" {
			x.removed[ui] = "function removed: it only called " + api
		}
	}
	// Explanations feed each other (a helper is unreachable once the
	// function that called it is explained; a constant once its users
	// are gone): repeat until nothing changes.
	type result struct {
		c  FuncChange
		ok bool
	}
	res := make([]result, len(pairs))
	for changed, round := true, 0; changed && round < 20; round++ {
		changed = false
		for k, p := range pairs {
			if res[k].ok {
				continue
			}
			cf, uf := cert.fns[p[0]], uncert.fns[p[1]]
			c := FuncChange{Name: uf.name, CertifiedLocation: cert.location(cf), UncertifiedLocation: uncert.location(uf), cert: cf, uncert: uf}
			if c.Name == "<anonymous>" && cf.name != "<anonymous>" {
				c.Name = cf.name
			}
			x.current = p[1]
			ok, why := compareFuncs(&c, cf, uf, x)
			if !ok {
				if w, ok2 := x.stubOrDrop(cf, uf); ok2 {
					ok, why = true, w
				}
			}
			c.Why = why
			res[k] = result{c, ok}
			if ok {
				x.pairOK[p[1]] = true
				changed = true
			}
		}
		x.current = -1
		for _, ui := range restU {
			if _, ok := x.removed[ui]; ok {
				continue
			}
			if why := x.unreachable(ui); why != "" {
				x.removed[ui] = why
				changed = true
			}
		}
	}
	for _, ui := range restU {
		f := uncert.fns[ui]
		c := FuncChange{Name: f.name, UncertifiedLocation: uncert.location(f), uncert: f, uncertChanged: allTrue(len(f.disp))}
		if why, ok := x.removed[ui]; ok {
			c.Why = why
			cd.Explained = append(cd.Explained, c)
		} else {
			c.Why = "function only in the uncertified build"
			cd.Unexplained = append(cd.Unexplained, c)
		}
	}
	for _, ci := range restC {
		f := cert.fns[ci]
		if x.stubPart(ci) {
			cd.Explained = append(cd.Explained, FuncChange{Name: f.name, CertifiedLocation: cert.location(f), cert: f,
				certChanged: allTrue(len(f.disp)), Why: "part of a stub that adds no capability", certSpan: cert.span(f)})
			continue
		}
		why := "function only in the certified build"
		if hasBad(f.disp) {
			why += "; it calls what cannot be called (" + CallRule + ": a TypeError at run time)"
		}
		cd.Unexplained = append(cd.Unexplained, FuncChange{Name: f.name, CertifiedLocation: cert.location(f), cert: f,
			certChanged: allTrue(len(f.disp)), Why: why})
	}
	for _, r := range res {
		c := r.c
		if r.ok {
			c.certSpan = cert.span(c.cert)
			cd.Explained = append(cd.Explained, c)
		} else {
			cd.Unexplained = append(cd.Unexplained, c)
		}
	}
	sortChanges(cd.Explained)
	sortChanges(cd.Unexplained)
	return cd
}

func countKind(fs []*function, l []int, kind string) int {
	n := 0
	for _, i := range l {
		if fs[i].kind == kind {
			n++
		}
	}
	return n
}

func containsInt(l []int, v int) bool {
	for _, x := range l {
		if x == v {
			return true
		}
	}
	return false
}

func allTrue(n int) []bool {
	b := make([]bool, n)
	for i := range b {
		b[i] = true
	}
	return b
}

// onlyFeedsNet returns the network API when every literal, global and
// property of f belongs to a network reference or call (f is plumbing of
// remote access and nothing else); "" otherwise.
func onlyFeedsNet(f *function) string {
	api := ""
	for i := range f.ntoks() {
		t := f.tok(i)
		if a := f.s.api(t); a != "" {
			api = a
			continue
		}
		switch t.kind {
		case kLit, kGlobal, kProp, kFunc:
			return ""
		}
	}
	return api
}

// pairFunctions pairs unmatched functions by similarity: first those with
// the same stable name, then the others, using a token-histogram prefilter
// before the token-by-token similarity.
func pairFunctions(cfs, ufs []*function, onlyC, onlyU []int) (pairs [][2]int, restU, restC []int) {
	usedC := map[int]bool{}
	paired := map[int]bool{}
	byName := map[string][]int{}
	for _, ci := range onlyC {
		if n := cfs[ci].name; n != "" && n != "<anonymous>" {
			byName[n] = append(byName[n], ci)
		}
	}
	try := func(ui int, cands []int) {
		best, bestSim := -1, 0.5
		uf := ufs[ui]
		// rank candidates by the cheap prefilter, then diff the best few
		type cand struct {
			ci  int
			pre float64
		}
		var cs []cand
		for _, ci := range cands {
			if usedC[ci] {
				continue
			}
			cf := cfs[ci]
			a, b := len(cf.ids), len(uf.ids)
			if a > 2*b+8 || b > 2*a+8 || cf.kind != uf.kind {
				continue
			}
			cs = append(cs, cand{ci, histSim(cf.ids, uf.ids)})
		}
		sort.SliceStable(cs, func(i, j int) bool { return cs[i].pre > cs[j].pre })
		for k, c := range cs {
			if k == 3 || c.pre <= bestSim {
				break
			}
			if s := similarity(cfs[c.ci].ids, uf.ids); s > bestSim {
				best, bestSim = c.ci, s
			}
		}
		if best >= 0 {
			usedC[best] = true
			paired[ui] = true
			pairs = append(pairs, [2]int{best, ui})
		}
	}
	uByName := map[string]int{}
	for _, ui := range onlyU {
		uByName[ufs[ui].name+"\x00"+ufs[ui].kind]++
	}
	for _, ui := range onlyU {
		n := ufs[ui].name
		var same []int
		for _, ci := range byName[n] {
			if cfs[ci].kind == ufs[ui].kind {
				same = append(same, ci)
			}
		}
		if l := byName[n]; len(same) == 1 && uByName[n+"\x00"+ufs[ui].kind] == 1 && !usedC[same[0]] && countKind(cfs, l, ufs[ui].kind) == 1 {
			l = same
			// the only function of that name on each side: the same function
			usedC[l[0]] = true
			paired[ui] = true
			pairs = append(pairs, [2]int{l[0], ui})
		} else if l != nil {
			try(ui, l)
		}
	}
	// then by method name (the last part of the name: a class renamed by
	// the minifier keeps its methods' names), when it is unique on each side
	last := func(n string) string {
		if i := strings.LastIndexByte(n, '.'); i >= 0 {
			return n[i+1:]
		}
		return n
	}
	lastC, lastU := map[string][]int{}, map[string][]int{}
	for _, ci := range onlyC {
		if f := cfs[ci]; !usedC[ci] && (f.kind == "method" || f.kind == "getter" || f.kind == "setter") {
			k := last(f.name) + "\x00" + f.kind
			lastC[k] = append(lastC[k], ci)
		}
	}
	for _, ui := range onlyU {
		if f := ufs[ui]; !paired[ui] && (f.kind == "method" || f.kind == "getter" || f.kind == "setter") {
			k := last(f.name) + "\x00" + f.kind
			lastU[k] = append(lastU[k], ui)
		}
	}
	for _, ui := range onlyU {
		f := ufs[ui]
		k := last(f.name) + "\x00" + f.kind
		if us, cs := lastU[k], lastC[k]; len(us) == 1 && len(cs) == 1 && us[0] == ui {
			usedC[cs[0]] = true
			paired[us[0]] = true
			pairs = append(pairs, [2]int{cs[0], us[0]})
		}
	}
	var left []int
	for _, ci := range onlyC {
		if !usedC[ci] {
			left = append(left, ci)
		}
	}
	for _, ui := range onlyU {
		if !paired[ui] {
			try(ui, left)
		}
	}
	for _, ui := range onlyU {
		if !paired[ui] {
			restU = append(restU, ui)
		}
	}
	for _, ci := range onlyC {
		if !usedC[ci] {
			restC = append(restC, ci)
		}
	}
	return
}

// histSim is the multiset overlap of two token streams (an upper bound of
// the token-sequence similarity).
func histSim(a, b []uint64) float64 {
	if len(a)+len(b) == 0 {
		return 1
	}
	m := make(map[uint64]int, len(a))
	for _, x := range a {
		m[x]++
	}
	common := 0
	for _, x := range b {
		if m[x] > 0 {
			m[x]--
			common++
		}
	}
	return 2 * float64(common) / float64(len(a)+len(b))
}

// similarity is 2·LCS/(|a|+|b|) on the token streams.
func similarity(a, b []uint64) float64 {
	if len(a)+len(b) == 0 {
		return 1
	}
	ops := diffOps(a, b)
	same := 0
	for _, o := range ops {
		if o.kind == opEq {
			same++
		}
	}
	return 2 * float64(same) / float64(len(a)+len(b))
}

// stub tokens a certified build may put in place of remote access.
var stubNorms = map[string]bool{"undefined": true, "void": true, "n0": true, "null": true, "(": true, ")": true,
	"{": true, "}": true, "=>": true, ",": true, "!": true, "return": true, "ƒarrow": true, "ƒfunction": true}

// separators that may disappear together with a removed call.
var sepNorms = map[string]bool{",": true, "&&": true, "||": true, "??": true, "void": true, "return": true, "await": true, "=": true, "(": true, ")": true}

// compareFuncs diffs two paired functions token by token, marks the changed
// display tokens and tells whether every difference removes or disables
// remote access.
//
// Locals are compared by their numbers (binding order, or first use for
// names of an enclosing function). When a change removes the first use of
// such a name (a captured `a.abort()` that the certified build prints
// `(void 0).abort()`), every later name is renumbered and the token diff
// misaligns. So when the numbered comparison is not explained, the
// functions are compared again with every local the same token, and that
// comparison counts only when the local names map one to one across all
// the aligned tokens (the same function with the same bindings).
func compareFuncs(c *FuncChange, cf, uf *function, x *explainer) (bool, string) {
	if ok, why := compareFuncsOn(c, cf, uf, x, cf.ids, uf.ids, false); ok {
		return true, why
	}
	if ok, why := compareFuncsOn(c, cf, uf, x, localBlind(cf), localBlind(uf), true); ok {
		return true, why
	}
	return compareFuncsOn(c, cf, uf, x, cf.ids, uf.ids, false)
}

// localBlind returns f's normalised stream with every local name the same
// token.
func localBlind(f *function) []uint64 {
	ids := make([]uint64, len(f.ids))
	for i, id := range f.ids {
		if f.tok(i).kind == kLocal {
			id = 0x6c6f63616c // "local"
		}
		ids[i] = id
	}
	return ids
}

// bijectiveLocals reports whether the locals aligned by ops map one to one
// by name, and names of enclosing functions (not declared in the function,
// as far as declares sees) only to the same name: two different captured
// bindings used once each must not pass for a renaming.
func bijectiveLocals(cf, uf *function, ops []op) bool {
	u2c, c2u := map[string]string{}, map[string]string{}
	cdecl, udecl := map[string]bool{}, map[string]bool{}
	declared := func(f *function, m map[string]bool, name string) bool {
		d, ok := m[name]
		if !ok {
			d = declares(f, name)
			m[name] = d
		}
		return d
	}
	for _, o := range ops {
		if o.kind != opEq {
			continue
		}
		c, u := cf.tok(o.a), uf.tok(o.b)
		if c.kind != kLocal || u.kind != kLocal {
			continue
		}
		cn, un := cf.s.text(c), uf.s.text(u)
		if cn != un && (!declared(cf, cdecl, cn) || !declared(uf, udecl, un)) {
			return false
		}
		if v, seen := u2c[un]; seen && v != cn {
			return false
		}
		if v, seen := c2u[cn]; seen && v != un {
			return false
		}
		u2c[un], c2u[cn] = cn, un
	}
	return true
}

func compareFuncsOn(c *FuncChange, cf, uf *function, x *explainer, cids, uids []uint64, blind bool) (bool, string) {
	ops := diffOps(cids, uids)
	if blind && !bijectiveLocals(cf, uf, ops) {
		return false, ""
	}
	c.certChanged = make([]bool, len(cf.disp))
	c.uncertChanged = make([]bool, len(uf.disp))
	explained := true
	var whys []string
	var unexpl []string
	badCall := ""
	addWhy := func(s string) {
		for _, w := range whys {
			if w == s {
				return
			}
		}
		whys = append(whys, s)
	}
	// hunks: maximal runs of non-equal ops, all marked before any is
	// judged (a constant's other uses in this function may be changed too)
	type hunkT struct {
		ct, ut []token
		uidx   []int
	}
	var hunks []hunkT
	for i := 0; i < len(ops); {
		if ops[i].kind == opEq {
			i++
			continue
		}
		j := i
		var h hunkT
		for j < len(ops) && ops[j].kind != opEq {
			switch ops[j].kind {
			case opDelA:
				h.ct = append(h.ct, cf.tok(ops[j].a))
				c.certChanged[cf.dispOf[ops[j].a]] = true
			case opInsB:
				h.ut = append(h.ut, uf.tok(ops[j].b))
				h.uidx = append(h.uidx, int(uf.dispOf[ops[j].b]))
				c.uncertChanged[uf.dispOf[ops[j].b]] = true
			}
			j++
		}
		i = j
		hunks = append(hunks, h)
	}
	if x.isPaired(uf.idx + 1) {
		x.uChanged[uf.idx+1] = c.uncertChanged
	}
	// a local that only changed its number (removed declarations before it
	// shift the numbering) is the same name when the names map one to one
	// across the whole function
	renamed := consistentRenames(cf, uf, ops, func(yield func(ct, ut []token)) {
		for _, h := range hunks {
			yield(h.ct, h.ut)
		}
	})
	for _, h := range hunks {
		ct, ut := h.ct, h.ut
		if renamed && onlyLocals(ct, ut) {
			continue
		}
		if why, ok := x.hunk(cf, ct, uf, ut, h.uidx); ok {
			addWhy(why)
			continue
		}
		explained = false
		if badCall == "" && hasBad(ct) {
			badCall = fmt.Sprintf("the certified build calls what cannot be called where the uncertified build has %s (%s: a TypeError at run time)", showToks(uf.s, ut), CallRule)
		}
		if len(unexpl) < 3 {
			unexpl = append(unexpl, fmt.Sprintf("%s → %s", showToks(uf.s, ut), showToks(cf.s, ct)))
		}
	}
	if explained {
		if len(whys) == 0 {
			return true, "formatting only"
		}
		return true, strings.Join(whys, "; ")
	}
	why := "changed (uncertified → certified): " + strings.Join(unexpl, "; ")
	if badCall != "" {
		why = badCall + "; " + why
	}
	return false, why
}

// onlyLocals reports whether a hunk swaps locals for locals, one for one.
func onlyLocals(ct, ut []token) bool {
	if len(ct) != len(ut) || len(ct) == 0 {
		return false
	}
	for i := range ct {
		if ct[i].kind != kLocal || ut[i].kind != kLocal {
			return false
		}
	}
	return true
}

// consistentRenames reports whether the local names of the two versions
// map one to one over the aligned tokens and the local-for-local hunks.
func consistentRenames(cf, uf *function, ops []op, hunks func(func(ct, ut []token))) bool {
	u2c, c2u := map[string]string{}, map[string]string{}
	ok := true
	add := func(c, u token) {
		cn, un := cf.s.text(c), uf.s.text(u)
		if v, seen := u2c[un]; seen && v != cn {
			ok = false
		}
		if v, seen := c2u[cn]; seen && v != un {
			ok = false
		}
		u2c[un], c2u[cn] = cn, un
	}
	any := false
	hunks(func(ct, ut []token) {
		if onlyLocals(ct, ut) {
			any = true
			for i := range ct {
				add(ct[i], ut[i])
			}
		}
	})
	if !any {
		return false
	}
	for _, o := range ops {
		if o.kind == opEq {
			if c, u := cf.tok(o.a), uf.tok(o.b); c.kind == kLocal && u.kind == kLocal {
				add(c, u)
			}
		}
	}
	return ok
}

// hasBad reports whether ts holds part of a call that cannot be made.
func hasBad(ts []token) bool {
	for _, t := range ts {
		if t.flags&fBad != 0 {
			return true
		}
	}
	return false
}

// hasUndefined reports whether ts holds the name undefined (as a global,
// a property or a key).
func hasUndefined(s *store, ts []token) bool {
	for _, t := range ts {
		switch t.kind {
		case kPunct, kGlobal, kProp:
			if s.text(t) == "undefined" || s.text(t) == "void" {
				return true
			}
		}
	}
	return false
}

// isStub reports whether t may stand in a certified build in place of
// remote access (stubNorms).
func (s *store) isStub(t token) bool {
	switch t.kind {
	case kLocal:
		return false
	case kLit:
		return t.flags&fZero != 0
	case kFunc:
		k := s.fns[t.n].kind
		return k == "arrow" || k == "function"
	}
	return stubNorms[s.text(t)]
}

func showToks(s *store, ts []token) string {
	if len(ts) == 0 {
		return "(nothing)"
	}
	var sb strings.Builder
	for i, t := range ts {
		if i == 8 {
			sb.WriteString(" …")
			break
		}
		if i > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(s.text(t))
	}
	return sb.String()
}

// ---- Myers diff ----

type opKind uint8

const (
	opEq opKind = iota
	opDelA
	opInsB
)

type op struct {
	kind opKind
	a, b int
}

// diffOps returns an edit script turning a into b (Myers' O(ND) algorithm,
// with common prefix and suffix trimmed first).
func diffOps(a, b []uint64) []op {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var ops []op
	for i := 0; i < pre; i++ {
		ops = append(ops, op{opEq, i, i})
	}
	ops = append(ops, myers(a[pre:len(a)-suf], b[pre:len(b)-suf], pre, pre)...)
	for k := suf; k > 0; k-- {
		ops = append(ops, op{opEq, len(a) - k, len(b) - k})
	}
	return ops
}

func myers(a, b []uint64, oa, ob int) []op {
	n, m := len(a), len(b)
	total := n + m
	if total == 0 {
		return nil
	}
	off := total + 1
	v := make([]int, 2*total+4)
	var trace [][]int
	for d := 0; d <= total; d++ {
		// keep only the diagonals step d reads: -d-1..d+1
		lo, hi := max(off-d-1, 0), min(off+d+2, len(v))
		snap := make([]int, 2*d+3)
		copy(snap[lo-(off-d-1):], v[lo:hi])
		trace = append(trace, snap)
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1]
			} else {
				x = v[off+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			v[off+k] = x
			if x >= n && y >= m {
				return backtrack(trace, a, b, d, oa, ob)
			}
		}
		if d > 4000 { // pathological: give up aligning, replace everything
			var ops []op
			for i := range a {
				ops = append(ops, op{opDelA, oa + i, -1})
			}
			for j := range b {
				ops = append(ops, op{opInsB, -1, ob + j})
			}
			return ops
		}
	}
	return nil
}

func backtrack(trace [][]int, a, b []uint64, d, oa, ob int) []op {
	x, y := len(a), len(b)
	var rev []op
	for ; d > 0; d-- {
		snap := trace[d]
		at := func(k int) int { return snap[k+d+1] }
		k := x - y
		var pk int
		if k == -d || (k != d && at(k-1) < at(k+1)) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := at(pk)
		py := px - pk
		for x > px && y > py {
			x--
			y--
			rev = append(rev, op{opEq, oa + x, ob + y})
		}
		if x == px {
			y--
			rev = append(rev, op{opInsB, -1, ob + y})
		} else {
			x--
			rev = append(rev, op{opDelA, oa + x, -1})
		}
	}
	for x > 0 && y > 0 {
		x--
		y--
		rev = append(rev, op{opEq, oa + x, ob + y})
	}
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	return rev
}
