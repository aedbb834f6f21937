package libs

import (
	"math/bits"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/pbicert/pbicert/internal/vercmp"
)

// Library is one library identified in a bundle.
type Library struct {
	Name string `json:"name"`
	// Version is empty when the bundle does not show it.
	Version string `json:"version,omitempty"`
	// License is an SPDX expression (from a banner in the bundle, else from
	// the npm package of that version), empty when unknown.
	License string `json:"license,omitempty"`
	// PURL is the package URL, pkg:npm/name@version.
	PURL string `json:"purl"`
	// Evidence says how the library, its version and licence were found.
	Evidence []string `json:"evidence"`
	// Strings is how many distinct fingerprint strings matched.
	Strings int `json:"strings"`
	// Offset is where the first evidence is in the bundle (byte offset).
	Offset int `json:"offset"`
}

// Attribution is what Identify found in one bundle.
type Attribution struct {
	Libraries []Library
	// hits of the identified libraries, by offset (lib indexes Libraries)
	hits []hit
	// umbrella[i] is the index of the identified umbrella (d3, vega) whose
	// module Libraries[i] is (i itself for an umbrella), or -1
	umbrella []int
	db       *DB
	// strong memoises strongIn per function range
	mu     sync.Mutex
	strong map[[2]int][]int
	// monos are the version constants of monoliths (an umbrella older than
	// its modules: d3 3.x), whose code their enclosing function holds
	monos []mono
}

// mono is a monolith's version constant at off, of library lib; fn is the
// function that holds its code once known (see monolithAt).
type mono struct {
	off, lib int
	fn       [2]int
	known    bool
}

type hit struct {
	off int
	lib int
	str int32 // which string (see ref.str)
}

// Tuning of the attribution (see docs/libraries.md).
const (
	// maxGap: two hits of one library at most this far apart enclose
	// library code.
	maxGap = 256 << 10
	// near: a hit this close before or after an offset claims it alone.
	near = 2 << 10
	// unitMax: an outermost function at most this long that matches no
	// library takes the library of the code around it (a webpack module of
	// a modular library); a longer one is code of its own.
	unitMax = 32 << 10
	// minModuleHits: the fewest distinct strings of a library that make a
	// function that library's (or a bundle of several); see moduleHits
	minModuleHits = 3
)

var semverRe = regexp.MustCompile(`^v?(\d+)\.(\d+)\.(\d+)(?:-[0-9A-Za-z.-]+)?$`)

// versionKey matches the end of the text before a version literal that
// names it a version: version:"…", VERSION="…", jquery:"…", .version="…".
var versionKey = regexp.MustCompile(`(?:^|[^A-Za-z0-9_$])(?:version|VERSION|Version|jquery)["']?\s*[:=]\s*$`)

// Identify finds the libraries bundled in src.
func (db *DB) Identify(src []byte) *Attribution {
	type acc struct {
		seen  map[string]bool
		hits  []hit // lib unset
		and   uint64
		count []int // per version
	}
	accs := map[int]*acc{}
	var versions []Literal
	var banners []Comment
	minLen := min(db.MinLen, 5)
	Scan(src, minLen, func(l Literal) {
		if len(l.Value) <= 24 && semverRe.MatchString(l.Value) {
			versions = append(versions, l)
		}
		r, ok := db.index[l.Value]
		if !ok {
			return
		}
		a := accs[int(r.lib)]
		if a == nil {
			a = &acc{seen: map[string]bool{}, and: ^uint64(0), count: make([]int, len(db.Libraries[r.lib].Versions))}
			accs[int(r.lib)] = a
		}
		a.hits = append(a.hits, hit{off: l.Offset, str: r.str})
		if !a.seen[l.Value] {
			a.seen[l.Value] = true
			a.and &= r.mask
			for v := range a.count {
				if r.mask&(1<<v) != 0 {
					a.count[v]++
				}
			}
		}
	}, func(c Comment) { banners = append(banners, c) })

	att := &Attribution{db: db}
	// libraries with enough distinct strings
	var ids []int
	for id := range accs {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	index := map[int]int{} // db lib -> att lib
	for _, id := range ids {
		a := accs[id]
		lib := &db.Libraries[id]
		if len(a.seen) < minHits(lib) || len(lib.Strings) < MinStrings {
			continue
		}
		l := Library{Name: lib.Name, Strings: len(a.seen), Offset: a.hits[0].off}
		l.Evidence = append(l.Evidence, plural(len(a.seen), "fingerprint string")+" of "+lib.Name)
		if v, ok := maskVersion(lib, a.and, a.count); ok {
			l.Version = v
			l.Evidence = append(l.Evidence, "version "+v+" from strings found only in that version")
		}
		index[id] = len(att.Libraries)
		att.Libraries = append(att.Libraries, l)
		for _, h := range a.hits {
			att.hits = append(att.hits, hit{h.off, len(att.Libraries) - 1, h.str})
		}
	}
	sort.Slice(att.hits, func(i, j int) bool { return att.hits[i].off < att.hits[j].off })

	// version constants inside the identified libraries (or naming an
	// umbrella whose modules were identified): a literal that is a known
	// version of the library scores 2, one written as a version
	// (version:"…") 1; the best score wins when it names one version.
	type cand struct {
		val    string
		score  int
		off    int
		strong bool
	}
	cands := map[string][]cand{}
	for _, v := range versions {
		li := att.owner(v.Offset)
		val := strings.TrimPrefix(v.Value, "v")
		strong := versionKey.Match(src[max(0, v.Offset-24):v.Offset])
		if li < 0 {
			// outside any identified code (an export list, d3 3.x's
			// header): only a version constant naming one umbrella's
			// fingerprinted version counts
			if u := db.umbrellaWith(val); strong && u != nil {
				cands[u.Name] = append(cands[u.Name], cand{val, 1, v.Offset, strong})
			}
			continue
		}
		l := &att.Libraries[li]
		dbl := db.Lookup(l.Name)
		if u := db.umbrellaWith(val); u != nil && strong {
			cands[u.Name] = append(cands[u.Name], cand{val, 2 + b2i(strong), v.Offset, strong})
			continue
		}
		if u := db.umbrellaOf(l.Name); u != nil && !slices.Contains(dbl.Versions, val) {
			if strong && sameMajor(u.Versions, val) {
				cands[u.Name] = append(cands[u.Name], cand{val, 1, v.Offset, strong})
				continue
			}
		}
		score := 2*b2i(slices.Contains(dbl.Versions, val)) + b2i(strong)
		if score > 0 {
			cands[l.Name] = append(cands[l.Name], cand{val, score, v.Offset, strong})
		}
	}
	names := make([]string, 0, len(cands))
	for n := range cands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		best, val, tie := 0, "", false
		for _, c := range cands[name] {
			switch {
			case c.score > best:
				best, val, tie = c.score, c.val, false
			case c.score == best && c.val != val:
				tie = true
			}
		}
		if tie {
			continue
		}
		i := att.index(name)
		if i < 0 {
			att.Libraries = append(att.Libraries, Library{Name: name})
			i = len(att.Libraries) - 1
		}
		l := &att.Libraries[i]
		if best < 2 && l.Version != "" {
			continue // a version-like constant the fingerprints do not know does not overrule them
		}
		if l.Version != val {
			l.Version = val
			if l.Strings == 0 {
				l.Evidence = append(l.Evidence, "version constant \""+val+"\" among its modules' code")
			} else {
				l.Evidence = append(l.Evidence, "version constant \""+val+"\" in the library's code")
			}
		}
	}
	// an umbrella older than its modules (d3 3.x) is one library: its
	// "modules" are parts of it
	for i := range att.Libraries {
		u := db.Lookup(att.Libraries[i].Name)
		if u == nil || !u.Umbrella || u.Modular == "" || att.Libraries[i].Version == "" || !vercmp.Less(att.Libraries[i].Version, u.Modular) {
			continue
		}
		name, ver := att.Libraries[i].Name, att.Libraries[i].Version
		att.merge(u.Family, i) // i is stale after it
		// its version constants (var d3={version:"3.5.17"}) sit inside the
		// function that holds it (see monolithAt)
		for _, c := range cands[name] {
			if c.strong && c.val == ver {
				att.monos = append(att.monos, mono{off: c.off, lib: att.index(name)})
			}
		}
		break
	}

	// banners: "/*! jQuery v3.7.1 | (c) … | jquery.org/license */"
	for _, c := range banners {
		low := strings.ToLower(c.Text)
		for i := range att.Libraries {
			l := &att.Libraries[i]
			if v, ok := bannerVersion(low, l.Name); ok {
				if l.Version == "" {
					l.Version = v
				}
				l.Evidence = append(l.Evidence, "licence banner at offset "+itoa(c.Offset))
				if lic := bannerLicense(c.Text); lic != "" {
					l.License = lic
				}
			}
		}
	}

	att.umbrella = make([]int, len(att.Libraries))
	for i, l := range att.Libraries {
		att.umbrella[i] = -1
		if u := db.umbrellaOf(l.Name); u != nil {
			att.umbrella[i] = att.index(u.Name)
		} else if dl := db.Lookup(l.Name); dl != nil && dl.Umbrella {
			att.umbrella[i] = i // an umbrella's own marks pair with its modules'
		}
	}
	// the strings of an identified umbrella's modules that were not
	// identified on their own (too small a fingerprint, too few matches)
	// mark the umbrella's code: d3-selection's "invalid merge" in d3
	added := false
	for _, id := range ids {
		if _, ok := index[id]; ok {
			continue
		}
		u := db.umbrellaOf(db.Libraries[id].Name)
		if u == nil {
			continue
		}
		ui := att.index(u.Name)
		if ui < 0 {
			continue
		}
		for _, h := range accs[id].hits {
			att.hits = append(att.hits, hit{h.off, ui, h.str})
		}
		added = true
	}
	if added {
		sort.Slice(att.hits, func(i, j int) bool { return att.hits[i].off < att.hits[j].off })
	}
	for i := range att.Libraries {
		l := &att.Libraries[i]
		if l.License == "" {
			l.License = db.license(l.Name, l.Version)
		}
		l.PURL = PURL(l.Name, l.Version)
	}
	return att
}

// MinStrings is the smallest fingerprint that identifies a library on its
// own: with fewer distinctive strings three matches could be chance. The
// generator keeps no smaller fingerprint, except for a module of an
// umbrella (d3-selection, vega-util), whose strings then count as
// evidence of the umbrella's code once the umbrella is identified.
const MinStrings = 5

// minHits is how many distinct strings identify a library: a tenth of its
// fingerprint, at least 3 and at most 8 (tree shaking keeps only part of a
// library).
func minHits(l *Lib) int {
	n := (len(l.Strings) + 9) / 10
	return min(max(n, 3), 8)
}

// maskVersion names the version when exactly one fingerprinted version
// holds every matched string, or when one version holds strictly more of
// them than any other.
func maskVersion(l *Lib, and uint64, count []int) (string, bool) {
	if len(l.Versions) == 1 {
		return "", false // nothing to tell versions apart
	}
	if and != 0 && bits.OnesCount64(and) == 1 {
		return l.Versions[bits.TrailingZeros64(and)], true
	}
	if and != 0 {
		return "", false
	}
	best, bi, tie := -1, -1, false
	for v, c := range count {
		switch {
		case c > best:
			best, bi, tie = c, v, false
		case c == best:
			tie = true
		}
	}
	if bi < 0 || tie {
		return "", false
	}
	return l.Versions[bi], true
}

// owner returns the index of the library whose code holds offset, or -1:
// the nearest hits before and after it belong to one library and are at
// most maxGap apart (a single hit of another library between them is
// skipped: a string two libraries hold); or the nearest hit on one side
// is within near bytes (and, when scope is given, inside the enclosing
// function or its parent, which hold no other library's hit). Without
// scope that is all (the version constants, which sit next to the
// library's strings); see ownerIn for the module rule scope adds.
func (a *Attribution) owner(off int) int { return a.ownerIn(off, nil) }

func (a *Attribution) ownerIn(off int, scope func(off int) [][2]int) int {
	if a == nil || len(a.hits) == 0 {
		return -1
	}
	if scope == nil {
		return a.nearest(off, nil)
	}
	chain := scope(off)
	o := a.nearest(off, chain[:min(len(chain), 2)])
	if o < 0 {
		return -1
	}
	// the module holds it: the innermost enclosing function with enough
	// evidence of a library (moduleHits distinct strings) must have enough
	// of this one's; a function that matches no library (FullCalendar's
	// code, holding a few of moment's format strings) claims nothing
	for d, r := range chain {
		strong := a.strongIn(r)
		if len(strong) == 0 {
			continue
		}
		mine := false
		for _, k := range strong {
			mine = mine || k == a.key(o)
		}
		if !mine {
			return -1
		}
		if len(strong) == 1 || d == 0 {
			return o
		}
		// a function holding several libraries is a bundle (webpack's
		// modules, a library bundling another): the function in it that
		// holds the offset is the module
		return a.smallModule(off, chain[d-1], &r, o, scope)
	}
	// no enclosing function holds enough of any library: a small outermost
	// function holding no other library's mark (a webpack module of a
	// modular library: core-js, d3's modules) takes the library of the
	// code around it; a large one (a file of its own, as FullCalendar's,
	// which holds a few of moment's format strings) claims nothing
	if len(chain) == 0 {
		return -1
	}
	return a.smallModule(off, chain[len(chain)-1], nil, o, scope)
}

// smallModule returns library o for code at off in module m (a function
// that holds too few strings of any library to be identified by itself,
// directly inside bundle, or outermost when bundle is nil) when m may be a
// module of o's among o's modules: small (a module of a modular library:
// core-js, d3's modules, a function of vega), holding no other library's
// mark (outermost: no mark at all), and the marks around it outside m are
// in small modules too. Else -1: a file of its own (FullCalendar's, which
// holds a few of moment's format strings), a visual's code holding a few
// of a library's names, or the visual's own code between two copies of
// jQuery.
func (a *Attribution) smallModule(off int, m [2]int, bundle *[2]int, o int, scope func(int) [][2]int) int {
	if m[1]-m[0] > unitMax || !a.onlyKey(m, a.key(o)) {
		return -1
	}
	// outside any bundle a module holding a few of the library's strings
	// but not enough is code that uses the library's names (a visual's
	// "labelDisplayUnits" and "Segoe UI", chartutils' too); inside a
	// bundle of several libraries it is a function of one (vega's, with
	// one of its error messages)
	if bundle == nil && !a.onlyKey(m, -2) {
		return -1
	}
	i := sort.Search(len(a.hits), func(i int) bool { return a.hits[i].off > off })
	for _, j := range []int{i - 1, i} {
		if j < 0 || j >= len(a.hits) || a.hits[j].off >= m[0] && a.hits[j].off < m[1] {
			continue
		}
		// the module of that mark: its outermost enclosing function
		// inside the bundle
		var mod [2]int
		for _, r := range scope(a.hits[j].off) {
			if bundle == nil || r != *bundle && r[0] >= bundle[0] && r[1] <= bundle[1] {
				mod = r
			}
		}
		if mod[1]-mod[0] > unitMax {
			return -1
		}
	}
	// taken from the code around, a module of an umbrella's is only known
	// to be the umbrella's: d3-selection's html() between modules of
	// d3-scale-chromatic is d3's (named when d3 is identified), not
	// d3-scale-chromatic's
	if a.db != nil && a.db.umbrellaOf(a.Libraries[o].Name) != nil && a.onlyKey(m, -2) {
		return a.umbrellaOf(o)
	}
	return o
}

// onlyKey reports whether every mark in the byte range r is of library
// key k (or of its umbrella's modules).
func (a *Attribution) onlyKey(r [2]int, k int) bool {
	i := sort.Search(len(a.hits), func(i int) bool { return a.hits[i].off >= r[0] })
	for ; i < len(a.hits) && a.hits[i].off < r[1]; i++ {
		if a.key(a.hits[i].lib) != k {
			return false
		}
	}
	return true
}

// moduleHits is how many distinct strings of library key k a function
// must hold to be k's: as many as identify k in a whole bundle (minHits:
// 3 to 8, so that a visual's code holding a few of a library's names,
// "labelDisplayUnits", "Segoe UI", is not the library's), 3 for an
// umbrella (its strings are spread over its modules).
func (a *Attribution) moduleHits(k int) int {
	if a.db != nil && a.umbrellaOf(k) != k {
		if l := a.db.Lookup(a.Libraries[k].Name); l != nil && len(l.Strings) > 0 {
			return minHits(l)
		}
	}
	return minModuleHits
}

// key is the library whose evidence counts for library i: its umbrella
// when it has one (d3's modules are evidence of d3 together).
func (a *Attribution) key(i int) int {
	if u := a.umbrellaOf(i); u >= 0 {
		return u
	}
	return i
}

// strongIn returns the libraries (keys) with enough distinct strings in
// the byte range r to be identified there: as many as identify the
// library in a whole bundle (minHits), 3 for an umbrella's modules
// together.
func (a *Attribution) strongIn(r [2]int) []int {
	a.mu.Lock()
	defer a.mu.Unlock()
	if out, ok := a.strong[r]; ok {
		return out
	}
	seen := map[[2]int]bool{} // {key, str}
	count := map[int]int{}
	i := sort.Search(len(a.hits), func(i int) bool { return a.hits[i].off >= r[0] })
	for ; i < len(a.hits) && a.hits[i].off < r[1]; i++ {
		k := a.key(a.hits[i].lib)
		if s := [2]int{k, int(a.hits[i].str)}; !seen[s] {
			seen[s] = true
			count[k]++
		}
	}
	var out []int
	for k, n := range count {
		if n >= a.moduleHits(k) {
			out = append(out, k)
		}
	}
	sort.Ints(out)
	if a.strong == nil {
		a.strong = map[[2]int][]int{}
	}
	a.strong[r] = out
	return out
}

// nearest is the library of the marks around off (see owner), or -1; the
// near rule looks only inside the ranges of scope when scope is not nil.
func (a *Attribution) nearest(off int, scope [][2]int) int {
	i := sort.Search(len(a.hits), func(i int) bool { return a.hits[i].off > off })
	var prev, next *hit
	if i > 0 {
		prev = &a.hits[i-1]
	}
	if i < len(a.hits) {
		next = &a.hits[i]
	}
	if prev != nil && next != nil {
		if o := a.pairOwner(*prev, *next); o >= 0 {
			return o
		}
		// one string of another library between two of one library's is a
		// constant both hold, not a boundary: vega-scenegraph's code keeps
		// the XLink namespace URI that d3-selection's fingerprint has
		if i+1 < len(a.hits) {
			if o := a.pairOwner(*prev, a.hits[i+1]); o >= 0 {
				return o
			}
		}
		if i >= 2 {
			if o := a.pairOwner(a.hits[i-2], *next); o >= 0 {
				return o
			}
		}
	}
	var cands []*hit
	if prev != nil && off-prev.off <= near {
		cands = append(cands, prev)
	}
	if next != nil && next.off-off <= near {
		cands = append(cands, next)
	}
	if len(cands) == 2 && off-prev.off > next.off-off {
		cands[0], cands[1] = cands[1], cands[0]
	}
	for _, h := range cands {
		if scope == nil {
			return h.lib
		}
		for _, r := range scope {
			if r[0] <= h.off && h.off < r[1] && a.only(h.lib, r[0], r[1]) {
				return h.lib
			}
		}
	}
	return -1
}

// pairOwner returns the library whose code lies between hits x and y (x
// before y), or -1: both are its strings, at most maxGap apart, or both
// are strings of modules of one identified umbrella (then the umbrella).
func (a *Attribution) pairOwner(x, y hit) int {
	if y.off-x.off > maxGap {
		return -1
	}
	if x.lib == y.lib {
		return x.lib
	}
	if u := a.umbrellaOf(x.lib); u >= 0 && u == a.umbrellaOf(y.lib) {
		return u
	}
	return -1
}

func (a *Attribution) umbrellaOf(lib int) int {
	if lib < len(a.umbrella) {
		return a.umbrella[lib]
	}
	return -1
}

// only reports whether every hit in [lo, hi) belongs to lib.
func (a *Attribution) only(lib, lo, hi int) bool {
	i := sort.Search(len(a.hits), func(i int) bool { return a.hits[i].off >= lo })
	for ; i < len(a.hits) && a.hits[i].off < hi; i++ {
		if a.hits[i].lib != lib {
			return false
		}
	}
	return true
}

// OriginAt returns the library whose code holds the byte offset, or nil.
// scope, when not nil, returns the ranges of the functions enclosing an
// offset (innermost first, up to the outermost): a library claims code past
// its last string only inside a function (or its parent) that holds its
// strings and no other library's, and only code whose module is its own:
// the innermost enclosing function that holds enough distinct strings of
// some library to identify it there must hold enough of this library's
// (of its umbrella's, for a module of d3 or vega). Code in a function
// that matches no library (none enclosing it does) has no origin.
func (a *Attribution) OriginAt(off int, scope func(off int) [][2]int) *Library {
	i := a.ownerIn(off, scope)
	if i < 0 {
		i = a.monolithAt(off, scope)
	}
	if i < 0 {
		return nil
	}
	return &a.Libraries[i]
}

// Bounds of a monolith's function (see monolithAt): d3 3.x is about 150 KB
// minified, 340 KB as written.
const (
	monoMin = 16 << 10
	monoMax = 1 << 20
)

// monolithAt returns the monolith (d3 3.x, identified by its version
// constant: few of its strings are its own, the rest being its modules'
// of later versions) whose code holds off, or -1. A monolith is built as
// one function (!function(){var d3={version:"3.5.17"};…;this.d3=d3}()),
// and a minifier hoists the function declarations above the constant: the
// innermost function enclosing the constant is the library's when it is
// library-sized (monoMin to monoMax) and holds no mark of another library
// (a bundle's wrapper holding the visual's code and d3 would hold jQuery's
// or lodash's, and is bigger).
func (a *Attribution) monolithAt(off int, scope func(off int) [][2]int) int {
	if len(a.monos) == 0 || scope == nil {
		return -1
	}
	for i := range a.monos {
		a.mu.Lock()
		m := a.monos[i]
		a.mu.Unlock()
		if !m.known {
			chain := scope(m.off)
			m.known = true
			m.fn = [2]int{-1, -1}
			if len(chain) > 0 {
				r := chain[0]
				if n := r[1] - r[0]; n >= monoMin && n <= monoMax && a.onlyKey(r, a.key(m.lib)) {
					m.fn = r
				}
			}
			a.mu.Lock()
			a.monos[i] = m
			a.mu.Unlock()
		}
		if m.fn[0] <= off && off < m.fn[1] {
			return m.lib
		}
	}
	return -1
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (a *Attribution) index(name string) int {
	for i := range a.Libraries {
		if a.Libraries[i].Name == name {
			return i
		}
	}
	return -1
}

// merge folds the libraries named family* into the library at index into.
func (a *Attribution) merge(family string, into int) {
	keep := make([]int, len(a.Libraries)) // old index -> new index
	var out []Library
	target := a.Libraries[into].Name
	for i, l := range a.Libraries {
		if strings.HasPrefix(l.Name, family) {
			keep[i] = -1
			continue
		}
		keep[i] = len(out)
		out = append(out, l)
	}
	ni := -1
	for i, l := range out {
		if l.Name == target {
			ni = i
		}
	}
	for i, l := range a.Libraries {
		if keep[i] < 0 {
			keep[i] = ni
			out[ni].Strings += l.Strings
		}
	}
	for i := range a.hits {
		a.hits[i].lib = keep[a.hits[i].lib]
	}
	a.Libraries = out
}

// umbrellaWith returns the one umbrella with that fingerprinted version
// (nil when none, or when another library has it too).
func (db *DB) umbrellaWith(version string) *Lib {
	var u *Lib
	for i := range db.Libraries {
		l := &db.Libraries[i]
		if slices.Contains(l.Versions, version) {
			if !l.Umbrella || u != nil {
				return nil
			}
			u = l
		}
	}
	return u
}

func (db *DB) umbrellaOf(name string) *Lib {
	for i := range db.Libraries {
		u := &db.Libraries[i]
		if u.Umbrella && u.Family != "" && strings.HasPrefix(name, u.Family) {
			return u
		}
	}
	return nil
}

func (db *DB) license(name, version string) string {
	l := db.Lookup(name)
	if l == nil || len(l.Licenses) == 0 {
		return ""
	}
	for i, v := range l.Versions {
		if v == version && i < len(l.Licenses) {
			return l.Licenses[i]
		}
	}
	// version unknown: the licence when every version agrees
	for _, x := range l.Licenses[1:] {
		if x != l.Licenses[0] {
			return ""
		}
	}
	return l.Licenses[0]
}

var bannerVerRe = regexp.MustCompile(`^[\s:@-]*v?(\d+\.\d+\.\d+(?:-[0-9a-z.-]+)?)`)

// bannerVersion finds "name v1.2.3" (or "name 1.2.3") in a lower-cased banner.
func bannerVersion(low, name string) (string, bool) {
	n := strings.ToLower(name)
	for i := 0; ; {
		j := strings.Index(low[i:], n)
		if j < 0 {
			return "", false
		}
		j += i
		end := j + len(n)
		if (j == 0 || !isIdent(low[j-1]) && low[j-1] != '-') && (end == len(low) || !isIdent(low[end]) && low[end] != '-') {
			if m := bannerVerRe.FindStringSubmatch(low[end:]); m != nil {
				return m[1], true
			}
		}
		i = end
	}
}

var licenseIDs = []struct {
	re *regexp.Regexp
	id string
}{
	{regexp.MustCompile(`(?i)@license\s+([A-Za-z0-9.+-]+(?:\s+(?:OR|AND)\s+[A-Za-z0-9.+-]+)*)`), ""},
	{regexp.MustCompile(`(?i)\bMIT\b`), "MIT"},
	{regexp.MustCompile(`(?i)Apache(?: License)?,? (?:Version )?2\.0`), "Apache-2.0"},
	{regexp.MustCompile(`(?i)\bBSD-3-Clause\b`), "BSD-3-Clause"},
	{regexp.MustCompile(`(?i)\bISC\b`), "ISC"},
	{regexp.MustCompile(`(?i)\bMPL-2\.0\b`), "MPL-2.0"},
}

// bannerLicense reads the licence a banner names, as an SPDX id.
func bannerLicense(text string) string {
	for _, l := range licenseIDs {
		m := l.re.FindStringSubmatch(text)
		if m == nil {
			continue
		}
		if l.id == "" {
			id := strings.TrimSpace(m[1])
			if strings.ContainsAny(id, "0123456789") || strings.ToUpper(id) == id || strings.Contains(id, "-") {
				return id
			}
			continue
		}
		return l.id
	}
	return ""
}

// PURL is the package URL of an npm package.
func PURL(name, version string) string {
	p := "pkg:npm/"
	if strings.HasPrefix(name, "@") {
		p += "%40" + strings.TrimPrefix(name, "@")
	} else {
		p += url.PathEscape(name)
	}
	if version != "" {
		p += "@" + url.PathEscape(version)
	}
	return p
}

func sameMajor(vs []string, v string) bool {
	maj, _, _ := strings.Cut(v, ".")
	for _, x := range vs {
		if m, _, _ := strings.Cut(x, "."); m == maj {
			return true
		}
	}
	return false
}

func plural(n int, s string) string {
	if n == 1 {
		return "1 " + s
	}
	return itoa(n) + " " + s + "s"
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
