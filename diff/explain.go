package diff

import (
	"strings"

	"github.com/pbicert/pbicert/analyzer"
)

// explainer decides which differences remove or disable remote access,
// and nothing more:
//   - a network call (any network rule's finding) removed, or replaced by
//     undefined, a rejected promise, a thrown error or a call of an
//     existing callback with an error (hunk);
//   - a local that held a network object, and its uses once the certified
//     build made it undefined (hunk, netLocal);
//   - functions only removed code used, removed with it (unreachable);
//   - a function that performs remote access (a network call or a remote
//     URL in it) whose certified version only drops code or is a stub
//     adding no capability (stubOrDrop);
//   - constants and remote URLs only removed code used (hunk).
//
// Everything else stays unexplained.
type explainer struct {
	cert, uncert *Build
	// removed: uncertified functions (only in that build) whose removal is
	// explained, and why
	removed map[int]string
	// pairOK: uncertified functions paired with a certified one whose
	// change is explained; uChanged: their changed display tokens
	pairOK   map[int]bool
	uChanged map[int][]bool
	// current is the uncertified function being compared (its changed
	// tokens count as removed while its hunks are judged)
	current     int
	children    [][]int
	netLocals   map[int]map[string]string
	stubParents map[int]bool // certified functions explained as stubs
}

func newExplainer(cert, uncert *Build, pairs [][2]int) *explainer {
	x := &explainer{cert: cert, uncert: uncert, removed: map[int]string{}, pairOK: map[int]bool{},
		uChanged: map[int][]bool{}, current: -1, netLocals: map[int]map[string]string{}, stubParents: map[int]bool{}}
	x.children = make([][]int, len(uncert.fns))
	for i := range uncert.fns {
		if p := parentOf(uncert.fns, i); p >= 0 {
			x.children[p] = append(x.children[p], i)
		}
	}
	for _, p := range pairs {
		x.uChanged[p[1]] = nil
	}
	return x
}

// parentOf returns the index in fns of the function enclosing fns[i] (0
// is the top level), -1 for the top level itself.
func parentOf(fns []*function, i int) int {
	f := fns[i]
	if f.idx < 0 || f.s.prog == nil {
		return -1
	}
	return f.s.prog.Funcs[f.idx].Parent + 1
}

func (x *explainer) isPaired(fi int) bool {
	_, ok := x.uChanged[fi]
	return ok
}

// removedTok reports whether display token d of uncertified function fi
// is gone from the certified build for an explained reason (or, in the
// function being judged, is part of one of its changes).
func (x *explainer) removedTok(fi, d int, self int) bool {
	for a := fi; a >= 0; a = parentOf(x.uncert.fns, a) {
		if _, ok := x.removed[a]; ok || a == self {
			return true
		}
	}
	if x.isPaired(fi) && (x.pairOK[fi] || fi == x.current) {
		if ch := x.uChanged[fi]; ch != nil && d < len(ch) && ch[d] {
			return true
		}
	}
	return false
}

// headerLocals are the local names a function declares before its body:
// its own name and its parameters.
func headerLocals(f *function) map[string]bool {
	s := f.s
	out := map[string]bool{}
	for _, t := range f.disp {
		if t.kind == kPunct && (t.flags&fBlock != 0 && s.text(t) == "{" || s.text(t) == "=>") {
			break
		}
		if t.kind == kLocal {
			out[s.text(t)] = true
		}
	}
	return out
}

// declares reports whether f declares name itself (parameter, own name,
// var/let/const/function in its body), shadowing an outer one.
func declares(f *function, name string) bool {
	if headerLocals(f)[name] {
		return true
	}
	s := f.s
	for i := 1; i < len(f.disp); i++ {
		t := f.disp[i]
		if t.kind != kLocal || s.text(t) != name {
			continue
		}
		switch s.pnorm(f.disp[i-1]) {
		case "var", "let", "const", "function", "class":
			return true
		}
	}
	return false
}

// refsRemoved reports whether every use of name (a local of scope, or a
// property anywhere when prop) other than the declaration (declFn, declD)
// and the tokens in except is removed code, and whether there was one.
func (x *explainer) refsRemoved(scope int, name string, prop bool, declFn, declD, self int, except map[int]bool) (all, any bool) {
	fns := x.uncert.fns
	check := func(fi int) bool {
		f := fns[fi]
		for d, t := range f.disp {
			if fi == declFn && d == declD || fi == x.current && except[d] {
				continue
			}
			want := kLocal
			if prop {
				want = kProp
			}
			if t.kind != want || f.s.text(t) != name {
				continue
			}
			any = true
			if !x.removedTok(fi, d, self) {
				return false
			}
		}
		return true
	}
	if prop {
		for fi := range fns {
			if !check(fi) {
				return false, any
			}
		}
		return true, any
	}
	stack := []int{scope}
	for len(stack) > 0 {
		fi := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if fi != scope && declares(fns[fi], name) {
			continue
		}
		if !check(fi) {
			return false, any
		}
		stack = append(stack, x.children[fi]...)
	}
	return true, any
}

// unreachable explains the removal of uncertified function ui when only
// removed code used it; "" otherwise.
func (x *explainer) unreachable(ui int) string {
	fns := x.uncert.fns
	for a := parentOf(fns, ui); a >= 0; a = parentOf(fns, a) {
		if _, ok := x.removed[a]; ok {
			return "inside a removed function"
		}
	}
	f := fns[ui]
	s := f.s
	name, prop, scope, declFn, declD := "", false, -1, -1, -1
	d := f.disp
	k := 0
	if k < len(d) && s.pnorm(d[k]) == "async" {
		k++
	}
	switch {
	case k+1 < len(d) && (s.pnorm(d[k]) == "function" || s.pnorm(d[k]) == "class") && d[k+1].kind == kLocal:
		name, scope, declFn, declD = s.text(d[k+1]), parentOf(fns, ui), ui, k+1
	case f.kind == "method" || f.kind == "getter" || f.kind == "setter":
		for i, t := range d {
			if t.kind == kProp {
				name, prop, declFn, declD = s.text(t), true, ui, i
				break
			}
		}
	default:
		p := parentOf(fns, ui)
		if p < 0 {
			return ""
		}
		pd := fns[p].disp
		for i, t := range pd {
			if t.kind != kFunc || int(t.n) != ui || i < 2 {
				continue
			}
			switch {
			case s.pnorm(pd[i-1]) == "=" && pd[i-2].kind == kLocal:
				name, scope, declFn, declD = s.text(pd[i-2]), p, p, i-2
			case s.pnorm(pd[i-1]) == ":" && pd[i-2].kind == kProp:
				name, prop, declFn, declD = s.text(pd[i-2]), true, p, i-2
			}
		}
	}
	if name == "" {
		return ""
	}
	if all, any := x.refsRemoved(scope, name, prop, declFn, declD, ui, nil); all && any {
		return "unreachable once remote access is gone: only removed code used " + name
	}
	return ""
}

// netLocal reports whether name is a local of uf (or of a function around
// it) that holds a network object or call (const n = new XMLHttpRequest).
func (x *explainer) netLocal(ui int, name string) string {
	fns := x.uncert.fns
	for a := ui; a >= 0; a = parentOf(fns, a) {
		m, ok := x.netLocals[a]
		if !ok {
			m = map[string]string{}
			f := fns[a]
			for i := 0; i+2 < len(f.disp); i++ {
				if f.disp[i].kind == kLocal && f.s.pnorm(f.disp[i+1]) == "=" {
					v := f.disp[i+2]
					if v.api == 0 && f.s.pnorm(v) == "new" && i+3 < len(f.disp) {
						v = f.disp[i+3]
					}
					if v.api != 0 {
						m[f.s.text(f.disp[i])] = f.s.api(v)
					}
				}
			}
			x.netLocals[a] = m
		}
		if m[name] != "" {
			return m[name]
		}
		if declares(fns[a], name) && a != ui {
			return ""
		}
	}
	return ""
}

// remoteURL returns the literal's value when it is a string naming a
// remote resource (scheme://host or //host; not an XML namespace).
func remoteURL(s *store, t token) string {
	if t.kind != kLit || t.flags&(fStr|fTpl) == 0 {
		return ""
	}
	v := s.text(t)
	if t.flags&fStr != 0 {
		v = analyzer.DecodeString(s.srcb[t.off : t.off+t.n])
	} else {
		v = strings.Trim(v, "`}$")
	}
	if analyzer.ClassifyURL(v) != analyzer.URLRemote || strings.Contains(v, "www.w3.org/") {
		return ""
	}
	// an address names its host (scheme://host or //host): a CSS selector
	// (button:not([disabled])) or a key (echarts:boxplot) is not one
	if !strings.Contains(v, "//") {
		return ""
	}
	return v
}

// hunk explains one changed run of a paired function: the uncertified
// side is network code, removed functions, a network local, or constants
// only removed code used (with separators); the certified side is empty
// or a stub.
func (x *explainer) hunk(cf *function, ct []token, uf *function, ut []token, uidx []int) (string, bool) {
	us := uf.s
	api, fnRemoved, local, url := "", false, "", ""
	var except map[int]bool
	ui := x.uncertIndex(uf)
	lits := false
	for k, t := range ut {
		switch {
		case us.api(t) != "":
			api = us.api(t)
		case t.kind == kFunc:
			if _, ok := x.removed[int(t.n)]; !ok {
				return "", false
			}
			fnRemoved = true
		case t.kind == kPunct && (sepNorms[us.text(t)] || us.text(t) == "const" || us.text(t) == "let" || us.text(t) == "var"):
		case t.kind == kLocal:
			name := us.text(t)
			if a := x.netLocal(ui, name); a != "" {
				if api == "" {
					api = a
				}
				continue
			}
			if except == nil {
				except = map[int]bool{}
				for _, d := range uidx {
					except[d] = true
				}
			}
			if all, _ := x.refsRemoved(ui, name, false, ui, uidx[k], -1, except); !all {
				return "", false
			}
			local = name
		case t.kind == kLit:
			lits = true
			if u := remoteURL(us, t); u != "" {
				url = u
			}
		default:
			return "", false
		}
	}
	if lits && local == "" && api == "" {
		return "", false
	}
	if api == "" && !fnRemoved && local == "" {
		return "", false
	}
	for _, t := range ct {
		if !cf.s.isStub(t) {
			return "", false
		}
	}
	switch {
	case api != "" && len(ct) == 0:
		return "forbidden call removed: " + api, true
	case api != "" && hasUndefined(cf.s, ct):
		return "network API replaced by undefined: " + api, true
	case api != "":
		return "network API replaced by a stub: " + api, true
	case url != "":
		return "remote URL removed, only removed code used it: " + url, true
	case local != "":
		return "constant removed, only removed code used it: " + local, true
	}
	return "declarations of the removed functions removed", true
}

func (x *explainer) uncertIndex(f *function) int {
	return f.idx + 1
}

// allowed globals and properties in a stub: rejecting a promise, throwing
// or passing an error adds no capability.
var stubGlobals = map[string]bool{"Promise": true, "Error": true, "TypeError": true, "RangeError": true, "undefined": true}
var stubProps = map[string]bool{"reject": true, "resolve": true, "message": true}
var writeOps = map[string]bool{"=": true, "+=": true, "-=": true, "*=": true, "/=": true, "%=": true, "**=": true, "<<=": true,
	">>=": true, ">>>=": true, "&=": true, "|=": true, "^=": true, "&&=": true, "||=": true, "??=": true, "++": true, "--": true,
	"delete": true, "import": true, "with": true}

// noCapability reports whether token t, added by the certified build to
// f, adds no capability: punctuation other than writes, literals other
// than remote URLs, Promise/Error, reject/resolve, the function's own
// parameters (calling an existing callback), nested functions made of the
// same.
func noCapability(f *function, t token, header map[string]bool) bool {
	s := f.s
	switch t.kind {
	case kPunct:
		return !writeOps[s.text(t)]
	case kLit:
		return remoteURL(s, t) == ""
	case kGlobal:
		return stubGlobals[s.text(t)]
	case kProp:
		return stubProps[s.text(t)]
	case kLocal:
		return header[s.text(t)]
	case kFunc:
		return stubOnly(s.fns[t.n])
	}
	return false
}

// stubOnly reports whether every token of f adds no capability.
func stubOnly(f *function) bool {
	h := headerLocals(f)
	for _, t := range f.disp {
		if !noCapability(f, t, h) {
			return false
		}
	}
	return true
}

// stubOrDrop explains a function whose uncertified version performs
// remote access and whose certified version only drops code or replaces
// it by a stub adding no capability.
func (x *explainer) stubOrDrop(cf, uf *function) (string, bool) {
	what := x.remoteAccess(x.uncertIndex(uf))
	if what == "" {
		return "", false
	}
	ops := diffOps(cf.ids, uf.ids)
	h := headerLocals(cf)
	var added []token
	for _, o := range ops {
		if o.kind != opDelA {
			continue
		}
		t := cf.tok(o.a)
		if !noCapability(cf, t, h) {
			return "", false
		}
		added = append(added, t)
	}
	if len(added) == 0 {
		return "remote access removed (" + what + "): the certified version only drops code", true
	}
	x.stubParents[cf.idx+1] = true
	return "remote access replaced by a stub that adds no capability (" + what + "): " + showToks(cf.s, added), true
}

// remoteAccess names the network API or remote URL in uncertified
// function ui or the functions inside it, "" if none.
func (x *explainer) remoteAccess(ui int) string {
	fns := x.uncert.fns
	stack := []int{ui}
	for len(stack) > 0 {
		fi := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		f := fns[fi]
		for _, t := range f.disp {
			if a := f.s.api(t); a != "" {
				return a
			}
			if u := remoteURL(f.s, t); u != "" {
				return u
			}
		}
		stack = append(stack, x.children[fi]...)
	}
	return ""
}

// stubPart reports whether certified-only function ci sits inside a stub
// and adds no capability itself.
func (x *explainer) stubPart(ci int) bool {
	fns := x.cert.fns
	for a := parentOf(fns, ci); a >= 0; a = parentOf(fns, a) {
		if x.stubParents[a] {
			return stubOnly(fns[ci])
		}
	}
	return false
}
