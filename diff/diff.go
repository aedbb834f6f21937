// Package diff compares a certified build of a Power BI custom visual with
// its uncertified build and tells whether they are the same code apart from
// the removal or disabling of remote access. Each build is checked with the
// full rule set; the code is compared function by function on a normalised
// token stream that does not depend on minified names, formatting or the
// order in which the bundler laid out modules.
package diff

import (
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/pbicert/pbicert/analyzer"
	"github.com/pbicert/pbicert/lint"
	"github.com/pbicert/pbicert/pbiviz"
	"github.com/pbicert/pbicert/rules"
)

// Verdicts.
const (
	Consistent = "consistent"
	Diverged   = "diverged"
)

// VisualID identifies a build's visual (contract: diff certified/uncertified.visual).
type VisualID struct {
	GUID       string `json:"guid"`
	Version    string `json:"version"`
	APIVersion string `json:"apiVersion"`
}

// Side names one of the compared builds.
type Side struct {
	Path   string   `json:"path"`
	Visual VisualID `json:"visual"`
}

// ManifestChange is one difference between the manifests.
type ManifestChange struct {
	Path        string `json:"path"`
	Change      string `json:"change"` // added, removed, changed
	Certified   any    `json:"certified"`
	Uncertified any    `json:"uncertified"`
	// Explained is true when the change removes or restricts remote access.
	Explained bool   `json:"explained"`
	Why       string `json:"why,omitempty"`
}

// FindingsDiff lists findings present in one build only.
type FindingsDiff struct {
	OnlyCertified   []rules.Finding `json:"onlyCertified"`
	OnlyUncertified []rules.Finding `json:"onlyUncertified"`
}

// FuncChange is a function that differs between the builds.
type FuncChange struct {
	Name                string          `json:"name"`
	CertifiedLocation   *rules.Location `json:"certifiedLocation"`
	UncertifiedLocation *rules.Location `json:"uncertifiedLocation"`
	Why                 string          `json:"why"`

	cert, uncert *function
	// certSpan is the function's span in the certified code as written
	// (explained changes only)
	certSpan [2]int
	// changed flags per display token of each side
	certChanged, uncertChanged []bool
}

// CodeDiff summarises the function-by-function comparison.
type CodeDiff struct {
	// Functions is the number of functions (plus top-level code) in the uncertified build.
	Functions   int          `json:"functions"`
	Identical   int          `json:"identical"`
	Explained   []FuncChange `json:"explained"`
	Unexplained []FuncChange `json:"unexplained"`
}

// Report is the result of a diff (contract: diff --format json).
type Report struct {
	Certified   Side             `json:"certified"`
	Uncertified Side             `json:"uncertified"`
	Verdict     string           `json:"verdict"`
	Reasons     []string         `json:"reasons"`
	Manifest    []ManifestChange `json:"manifest"`
	Findings    FindingsDiff     `json:"findings"`
	// CertifiedErrors are the error-level findings the certified build
	// still has; they do not change the verdict.
	CertifiedErrors []CertifiedError `json:"certifiedErrors"`
	Code            CodeDiff         `json:"code"`

	// release returns the builds' kept reservations
	release []func()
}

// Release returns the memory reservations (lint.Options.Admit) the two
// builds hold until the report is written. The report stays usable.
func (r *Report) Release() {
	for _, f := range r.release {
		f()
	}
	r.release = nil
}

// CertifiedError is an error-level finding of the certified build; Shared
// is true when the uncertified build has the same finding (same rule, API,
// enclosing function and occurrence within it).
type CertifiedError struct {
	rules.Finding
	Shared bool `json:"shared"`
}

// Build is one side of a diff: the package, its analysed program and
// findings. Once the code is tokenised, In.JS keeps only the source (File
// and Src: Position works, the syntax tree and facts are released).
type Build struct {
	Path     string
	Pkg      *pbiviz.Package
	In       *rules.Input
	Findings []rules.Finding
	// Canonical is false when esbuild could not print the code
	// canonically (it is then compared as written).
	Canonical bool
	fns       []*function
	cmap      *canonMap // canonical offsets → offsets in In.JS.Src
	// marks are the diff rules' findings on the canonical print (network
	// calls, calls of literals), by canonical offset
	marks []rules.Finding
	// keep returns the reservation of what the build keeps once its
	// syntax trees are dropped (Report.Release)
	keep func()
}

// keptShare is what a build keeps once its syntax trees are dropped, in
// eighths of a parse's working set (lint.Options.Admit): the code as
// written and its canonical print, the token array and the normalised
// hashes came to about 17 bytes per byte of code on the real 6 MB pair
// (docs/diff.md), a quarter of the CLI's 64; 3/8 leaves room.
const keptShare = 3

// Load reads a .pbiviz, parses its code once and runs every rule on it.
func Load(path string, opts lint.Options) (*Build, error) {
	pkg, err := pbiviz.OpenFile(path, opts.Limits)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return FromPackage(path, pkg, opts)
}

// FromPackage analyses a package already read.
func FromPackage(path string, pkg *pbiviz.Package, opts lint.Options) (*Build, error) {
	return fromPackage(path, pkg, opts, nil)
}

// diffRules are the rules whose findings on the canonical print the diff
// reads: the network rules (the code a certified build may remove) and
// the calls of values that cannot be called (a broken build).
func diffRules() []*rules.Rule {
	var out []*rules.Rule
	for _, r := range rules.All() {
		if r.Category == rules.Network || r.ID == CallRule {
			out = append(out, r)
		}
	}
	return out
}

// CallRule is the rule that reports calls of undefined and of literals.
const CallRule = "REQ005"

// fromPackage analyses pkg; when analysing is not nil, it holds it while
// a syntax tree is alive (see Files).
func fromPackage(path string, pkg *pbiviz.Package, opts lint.Options, analysing *sync.Mutex) (*Build, error) {
	if analysing != nil {
		analysing.Lock()
		defer func() {
			if analysing != nil {
				analysing.Unlock()
			}
		}()
	}
	// each parse reserves its working set (opts.Admit: the CLI's memory
	// budget) until its syntax tree is dropped, not for the whole run
	admit := opts.Admit
	if admit == nil {
		admit = func(int, bool) func() { return func() {} }
	}
	done := admit(len(pkg.Resource.Content.JS), true)
	in, err := lint.Analyze(pkg, opts)
	if err != nil {
		done()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	rs := opts.Rules
	if rs == nil {
		rs = rules.All()
	}
	b := &Build{Path: path, Pkg: pkg, In: in, Findings: rules.Run(in, rs, opts.Severity)}
	if in.JS == nil {
		done()
		b.prepare(nil, nil)
		return b, nil
	}
	// keep only the source of the program as written (positions of
	// findings and functions); the tree and facts can go
	lean := *in
	lean.JS = &analyzer.Program{File: in.JS.File, Src: in.JS.Src}
	b.In = &lean
	in = nil
	done()

	// the code is compared in its canonical print (esbuild's tree, then
	// ours: one reservation covers both, the larger of the two texts)
	src := b.In.JS.Src
	done = admit(len(src), true)
	canon, cmap, ok := canonical(unsafe.String(unsafe.SliceData(src), len(src)))
	if len(canon) > len(src) {
		done()
		done = admit(len(canon), true)
	}
	b.Canonical = ok
	ao := lint.AnalyzerOptions(opts)
	prog, err := analyzer.Parse(b.In.JSFile, unsafe.Slice(unsafe.StringData(canon), len(canon)), ao)
	if err != nil && ok { // compare the code as written
		b.Canonical, cmap = false, nil
		prog, err = analyzer.Parse(b.In.JSFile, src, ao)
	}
	if err != nil {
		done()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	b.cmap = cmap
	cin := *b.In
	cin.JS = prog
	b.marks = rules.Run(&cin, diffRules(), nil)
	b.prepare(prog, func() {
		// the syntax tree is no longer needed: the other build may parse;
		// what the build keeps until the report is written (both texts,
		// tokens, normalised hashes) holds a smaller reservation
		b.keep = admit(len(src)*keptShare/8, true)
		done()
		if analysing != nil {
			analysing.Unlock()
			analysing = nil
		}
	})
	return b, nil
}

// prepare splits the canonical code into functions and normalises them.
// It keeps only the canonical source and the functions of prog (without
// their syntax nodes), so that the tree and the facts can be released.
func (b *Build) prepare(prog *analyzer.Program, release func()) {
	if prog == nil {
		s := &store{}
		b.fns = []*function{{s: s, idx: -1, name: "<top>", kind: "top"}}
		s.fns = b.fns
		b.fns[0].normalise(&s.sc, false)
		return
	}
	globals := map[string]bool{"undefined": true}
	for _, v := range prog.AST.Undeclared {
		globals[string(v.Data)] = true
	}
	lean := &analyzer.Program{File: prog.File, Src: prog.Src, Funcs: make([]analyzer.FuncInfo, len(prog.Funcs))}
	copy(lean.Funcs, prog.Funcs)
	for i := range lean.Funcs {
		lean.Funcs[i].Node = nil
	}
	prog = nil
	if release != nil {
		release()
	}

	s := &store{src: string(lean.Src), srcb: lean.Src, prog: lean}
	funcs := make([]funcMeta, len(lean.Funcs))
	s.fns = make([]*function, len(lean.Funcs)+1)
	s.fns[0] = &function{s: s, idx: -1, name: "<top>", kind: "top"}
	for i, f := range lean.Funcs {
		funcs[i] = funcMeta{kind: f.Kind, pos: f.Pos}
		s.fns[i+1] = &function{s: s, idx: i, kind: f.Kind, pos: f.Pos}
	}
	toks := lex(s.srcb)
	netAPI, apis, bad := netSpans(toks, b.marks, b.In.JSFile)
	s.apis = apis
	splitFuncs(s, funcs, toks, netAPI, bad, globals)
	b.fns = s.fns
	normaliseAll(b.fns)
}

// normaliseAll normalises fns on up to GOMAXPROCS goroutines (each
// function is independent of the others).
func normaliseAll(fns []*function) {
	workers := min(runtime.GOMAXPROCS(0), 8, len(fns)/1024+1)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sc := &scratch{}
			for {
				i := int(next.Add(256)) - 256
				if i >= len(fns) {
					return
				}
				for _, f := range fns[i:min(i+256, len(fns))] {
					f.normalise(sc, false)
				}
			}
		}()
	}
	wg.Wait()
}

// Files compares two .pbiviz files. Both are read in parallel; they are
// analysed at the same time when parallel, given the bytes of code of
// both builds, says the memory is there (the CLI asks its memory budget:
// docs/limits.md); with parallel nil or false, one build is parsed and
// checked while the other is tokenised, so that their syntax trees (most
// of the memory) never coexist. The report is the same either way.
func Files(certified, uncertified string, opts lint.Options, parallel func(codeBytes int) bool) (*Report, error) {
	var pkgs [2]*pbiviz.Package
	var errs [2]error
	var wg sync.WaitGroup
	for k, path := range []string{certified, uncertified} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pkgs[k], errs[k] = pbiviz.OpenFile(path, opts.Limits)
			if errs[k] != nil {
				errs[k] = fmt.Errorf("%s: %w", path, errs[k])
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	analysing := &sync.Mutex{}
	if parallel != nil && parallel(len(pkgs[0].Resource.Content.JS)+len(pkgs[1].Resource.Content.JS)) {
		analysing = nil
	}
	var builds [2]*Build
	for k, path := range []string{certified, uncertified} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			builds[k], errs[k] = fromPackage(path, pkgs[k], opts, analysing)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return Compare(builds[0], builds[1]), nil
}

func sideOf(b *Build) Side {
	v := lint.VisualOf(b.Pkg)
	return Side{Path: b.Path, Visual: VisualID{GUID: v.GUID, Version: v.Version, APIVersion: v.APIVersion}}
}

// Compare diffs two loaded builds. The verdict is about the differences
// alone; the certified build's remaining errors are listed apart.
func Compare(cert, uncert *Build) *Report {
	r := &Report{Certified: sideOf(cert), Uncertified: sideOf(uncert), Reasons: []string{},
		Manifest: manifestDiff(cert.Pkg, uncert.Pkg), CertifiedErrors: []CertifiedError{}}
	for _, b := range []*Build{cert, uncert} {
		if b.keep != nil {
			r.release = append(r.release, b.keep)
			b.keep = nil
		}
	}
	r.Findings = findingsDiff(cert.Findings, uncert.Findings)
	r.Code = codeDiff(cert, uncert)
	ck, uk := findingKeys(cert.Findings), findingKeys(uncert.Findings)
	inU := map[string]bool{}
	for _, k := range uk {
		inU[k] = true
	}
	for i, f := range cert.Findings {
		if f.Severity == rules.Error {
			r.CertifiedErrors = append(r.CertifiedErrors, CertifiedError{Finding: f, Shared: inU[ck[i]]})
		}
	}
	for _, m := range r.Manifest {
		if !m.Explained {
			r.Reasons = append(r.Reasons, fmt.Sprintf("manifest: %s %s, which does not remove remote access", m.Path, m.Change))
		}
	}
	// a call of undefined inside a function whose change is explained is
	// the network call replaced by undefined: that change, not another
	var only []rules.Finding
	for _, f := range r.Findings.OnlyCertified {
		covered := false
		if f.Rule == CallRule && f.Location.File == cert.In.JSFile {
			for _, c := range r.Code.Explained {
				if c.cert != nil && c.certSpan[0] <= f.Location.Offset && f.Location.Offset < c.certSpan[1] {
					covered = true
					break
				}
			}
		}
		if !covered {
			only = append(only, f)
		}
	}
	if n := len(only); n > 0 {
		var list []string
		for i, f := range only {
			if i == 3 {
				list = append(list, "…")
				break
			}
			list = append(list, fmt.Sprintf("%s %s at %s", f.Rule, f.API, f.Location))
		}
		r.Reasons = append(r.Reasons, fmt.Sprintf("%d finding(s) only in the certified build: %s", n, strings.Join(list, "; ")))
	}
	if n := len(r.Code.Unexplained); n > 0 {
		var names []string
		for i, f := range r.Code.Unexplained {
			if i == 5 {
				names = append(names, "…")
				break
			}
			names = append(names, f.Name)
		}
		r.Reasons = append(r.Reasons, fmt.Sprintf("%d code difference(s) do not remove remote access: %s", n, strings.Join(names, ", ")))
	}
	r.Verdict = Consistent
	if len(r.Reasons) > 0 {
		r.Verdict = Diverged
	}
	return r
}

// findingKeys names each finding by rule, API, enclosing function and
// occurrence index within that function (never by offset).
func findingKeys(fs []rules.Finding) []string {
	n := map[string]int{}
	out := make([]string, len(fs))
	for i, f := range fs {
		k := f.Rule + "\x00" + f.API + "\x00" + f.Function
		out[i] = fmt.Sprintf("%s\x00%d", k, n[k])
		n[k]++
	}
	return out
}

// findingsDiff matches findings by rule, API, enclosing function and
// occurrence index within that function (never by offset).
func findingsDiff(cert, uncert []rules.Finding) FindingsDiff {
	ck, uk := findingKeys(cert), findingKeys(uncert)
	inC, inU := map[string]bool{}, map[string]bool{}
	for _, k := range ck {
		inC[k] = true
	}
	for _, k := range uk {
		inU[k] = true
	}
	d := FindingsDiff{OnlyCertified: []rules.Finding{}, OnlyUncertified: []rules.Finding{}}
	for i, f := range cert {
		if !inU[ck[i]] {
			d.OnlyCertified = append(d.OnlyCertified, f)
		}
	}
	for i, f := range uncert {
		if !inC[uk[i]] {
			d.OnlyUncertified = append(d.OnlyUncertified, f)
		}
	}
	return d
}

func (b *Build) location(f *function) *rules.Location {
	loc := &rules.Location{File: b.In.JSFile, Line: 1, Column: 1}
	if b.In.JS != nil && f.idx >= 0 {
		loc.Offset = b.cmap.source(f.pos)
		loc.Line, loc.Column = b.In.JS.Position(loc.Offset)
	}
	return loc
}

// span returns f's span in the code as written.
func (b *Build) span(f *function) [2]int {
	if b.In.JS == nil || f.idx < 0 {
		return [2]int{0, len(b.In.JS.Src)}
	}
	fi := f.s.prog.Funcs[f.idx]
	return [2]int{b.cmap.source(fi.Pos), b.cmap.source(fi.End)}
}

// sortChanges orders changes by uncertified position, then certified.
func sortChanges(cs []FuncChange) {
	key := func(c FuncChange) (int, int) {
		if c.UncertifiedLocation != nil {
			return 0, c.UncertifiedLocation.Offset
		}
		return 1, c.CertifiedLocation.Offset
	}
	sort.SliceStable(cs, func(i, j int) bool {
		a1, a2 := key(cs[i])
		b1, b2 := key(cs[j])
		if a1 != b1 {
			return a1 < b1
		}
		return a2 < b2
	})
}
