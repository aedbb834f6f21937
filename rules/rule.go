package rules

import (
	"bytes"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/pbicert/pbicert/analyzer"
	"github.com/pbicert/pbicert/pbiviz"
	"github.com/pbicert/pbicert/result"
)

// Doc is a rule's documentation, printed by `pbicert rules ID` and
// generated into docs/rules.md.
type Doc struct {
	Title   string // one line
	Why     string // why certification cares
	Example string // code that triggers the rule
	Fix     string // what to do instead
	Ref     string // Microsoft reference address
}

// Rule is one check.
type Rule struct {
	ID       string
	Name     string
	Category Category
	Severity Severity // default severity
	Doc      Doc
	// Needs declares the inputs and the facts of the model the rule reads.
	Needs Needs
	// Run checks the shared model and reports through pass. It runs only
	// when the inputs in Needs are present (In.JS is not nil for a rule
	// that reads only JS) and must not modify the model.
	Run func(pass *Pass)
}

// HelpURI is the documentation address of a rule.
func (r *Rule) HelpURI() string {
	return "https://github.com/pbicert/pbicert/blob/main/docs/rules.md#" + lower(r.ID)
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}

var registry []*Rule

func register(r *Rule) *Rule {
	registry = append(registry, r)
	return r
}

// All returns every rule, sorted by ID.
func All() []*Rule {
	out := append([]*Rule(nil), registry...)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Lookup finds a rule by ID or name.
func Lookup(idOrName string) *Rule {
	for _, r := range registry {
		if r.ID == idOrName || r.Name == idOrName || lower(r.ID) == lower(idOrName) {
			return r
		}
	}
	return nil
}

// Input is everything one check sees: the manifest and the program models.
type Input struct {
	// Manifest is the package (or the project's pbiviz.json + capabilities.json
	// assembled as one); nil when absent.
	Manifest *pbiviz.Package
	// JS is the model of content.js (nil when there is no code).
	JS *analyzer.Program
	// JSFile is the location file for JS findings ("resources/x.pbiviz.json#content.js").
	JSFile string
	// CSS is content.css and CSSFile its location file.
	CSS     string
	CSSFile string
	// ManifestFile is the location file for manifest findings.
	ManifestFile string
	// Project is true for source projects (some requirement rules differ).
	Project bool
	// Repo describes a source project's repository for the repository rules
	// (rules/repository.go); nil for packages and per-file runs.
	Repo *RepoInfo
	// Locate returns where a manifest item is ("privilege:WebAccess",
	// "privileges", "apiVersion", "visual.version", "author", "description",
	// "supportUrl", "guid", "externalJS"). Nil: positions in the package's
	// resource JSON.
	Locate func(key string) Location
}

// ManifestLoc locates a manifest item for a finding.
func (in *Input) ManifestLoc(key string) Location {
	if in.Locate != nil {
		return in.Locate(key)
	}
	loc := Location{File: in.ManifestFile, Line: 1, Column: 1}
	pkg := in.Manifest
	if pkg == nil {
		return loc
	}
	if name, ok := strings.CutPrefix(key, "privilege:"); ok {
		q := pkg.PrivilegePos(name)
		loc.Line, loc.Column, loc.Offset = q.Line, q.Col, q.Offset
		return loc
	}
	if key == "privileges" || key == "capabilities" {
		loc.Line, loc.Column, loc.Offset = pkg.CapabilitiesPos(key)
		return loc
	}
	// visual metadata lives outside capabilities: point at the resource itself
	loc.File = pkg.ResourcePath
	if i := strings.LastIndexByte(key, '.'); i >= 0 {
		key = key[i+1:]
	}
	if i := bytes.Index(pkg.ResourceRaw, []byte(`"`+key+`"`)); i >= 0 {
		loc.Offset = i
		loc.Line, loc.Column = pbiviz.LineCol(pkg.ResourceRaw, i)
	}
	return loc
}

// Pass carries one rule's run over one input.
type Pass struct {
	Rule *Rule
	In   *Input
	out  *[]Finding
	sev  Severity
}

// ReportJS records a finding at a byte offset in the JS program (the
// enclosing function is looked up).
func (p *Pass) ReportJS(offset int, api, msg string, opts ...Opt) {
	fn := -1
	if p.In.JS != nil && offset >= 0 {
		fn = p.In.JS.FuncAt(offset)
	}
	p.ReportJSFunc(offset, fn, api, msg, opts...)
}

// ReportJSFunc is ReportJS with the enclosing function index already known.
func (p *Pass) ReportJSFunc(offset, fn int, api, msg string, opts ...Opt) {
	f := p.newFinding(api, msg)
	prog := p.In.JS
	f.Location.File = p.In.JSFile
	if prog != nil && offset >= 0 {
		f.Location.Offset = offset
		f.Location.Line, f.Location.Column = prog.Position(offset)
		f.Snippet, f.Caret = Snippet(prog.Src, offset, 100)
		f.Window = SourceWindow(prog.Src, offset, f.Location.Line, WindowLines, WindowWidth)
		f.Function = prog.FuncName(fn)
	}
	p.emit(f, opts)
}

// ReportAt records a finding at an explicit location.
func (p *Pass) ReportAt(loc Location, snippet, api, msg string, opts ...Opt) {
	f := p.newFinding(api, msg)
	f.Location = loc
	f.Snippet = snippet
	p.emit(f, opts)
}

func (p *Pass) newFinding(api, msg string) Finding {
	return Finding{Rule: p.Rule.ID, Name: p.Rule.Name, Category: p.Rule.Category, API: api,
		Severity: p.sev, Message: msg, Help: p.Rule.HelpURI()}
}

func (p *Pass) emit(f Finding, opts []Opt) {
	for _, o := range opts {
		o(&f)
	}
	*p.out = append(*p.out, f)
}

// Opt adjusts a finding.
type Opt func(*Finding)

// WithSeverity overrides the severity of one finding.
func WithSeverity(s Severity) Opt { return func(f *Finding) { f.Severity = s } }

// WithIdiom marks a known library idiom: the finding drops to info.
func WithIdiom(name string) Opt {
	return func(f *Finding) {
		f.Idiom = name
		f.Severity = Info
		f.Message += " (known library idiom: " + name + ")"
	}
}

// WithOrigin names the library the code belongs to.
func WithOrigin(name, version string) Opt {
	return func(f *Finding) { f.Origin = &result.Origin{Name: name, Version: version} }
}

// Run applies rules to in and returns the findings sorted by location.
// The rules whose inputs are present run in parallel (at most GOMAXPROCS at
// a time): the model is read-only once analyzer.Parse has returned, and
// each rule reports into its own list, so the result does not depend on the
// schedule. A rule's panic is raised again in the caller's goroutine (the
// driver turns it into the input's error).
func Run(in *Input, rs []*Rule, sev map[string]Severity) []Finding {
	var run []*Rule
	for _, r := range rs {
		if r.Runs(in) {
			run = append(run, r)
		}
	}
	outs := make([][]Finding, len(run))
	panics := make([]any, len(run))
	one := func(i int) {
		defer func() {
			if v := recover(); v != nil {
				panics[i] = v
			}
		}()
		r := run[i]
		s := r.Severity
		if v, ok := sev[r.ID]; ok {
			s = v
		}
		r.Run(&Pass{Rule: r, In: in, out: &outs[i], sev: s})
	}
	workers := min(runtime.GOMAXPROCS(0), len(run))
	if workers <= 1 {
		for i := range run {
			one(i)
		}
	} else {
		var next atomic.Int64
		var wg sync.WaitGroup
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := int(next.Add(1) - 1); i < len(run); i = int(next.Add(1) - 1) {
					one(i)
				}
			}()
		}
		wg.Wait()
	}
	n := 0
	for i := range run {
		if panics[i] != nil {
			panic(panics[i])
		}
		n += len(outs[i])
	}
	var out []Finding
	if n > 0 {
		out = make([]Finding, 0, n)
		for _, o := range outs {
			out = append(out, o...)
		}
	}
	SortFindings(out)
	return out
}

// SortFindings orders findings by file, line, column, rule.
func SortFindings(fs []Finding) { result.SortFindings(fs) }

// Snippet returns about width characters of src around offset, on one
// line, with … where it was cut, and the character column of offset in it.
func Snippet(src []byte, offset, width int) (string, int) {
	if offset < 0 || offset > len(src) {
		return "", 0
	}
	start := offset - width/3
	if start < 0 {
		start = 0
	}
	end := offset + width*2/3
	if end > len(src) {
		end = len(src)
	}
	// stay on the line
	for i := offset - 1; i >= start; i-- {
		if src[i] == '\n' || src[i] == '\r' {
			start = i + 1
			break
		}
	}
	for i := offset; i < end; i++ {
		if src[i] == '\n' || src[i] == '\r' {
			end = i
			break
		}
	}
	// align on UTF-8 boundaries
	for start < offset && start > 0 && src[start]&0xC0 == 0x80 {
		start++
	}
	for end > offset && end < len(src) && src[end]&0xC0 == 0x80 {
		end--
	}
	s := string(src[start:end])
	caret := utf8.RuneCount(src[start:offset])
	if start > 0 && src[start-1] != '\n' && src[start-1] != '\r' {
		s = "…" + s
		caret++
	}
	if end < len(src) && src[end] != '\n' && src[end] != '\r' {
		s += "…"
	}
	return s, caret
}
