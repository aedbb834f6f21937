// Package lint is pbicert's driver: it reads inputs (packages, projects,
// folders, standard input), builds the program model once per input, runs
// the rules and returns one Result per input, in a stable order, analysing
// inputs in parallel.
package lint

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unsafe"

	"github.com/pbicert/pbicert/analyzer"
	"github.com/pbicert/pbicert/internal/libs"
	"github.com/pbicert/pbicert/internal/sandbox"
	"github.com/pbicert/pbicert/pbiviz"
	"github.com/pbicert/pbicert/result"
	"github.com/pbicert/pbicert/rules"
)

// Visual, Result and Summary live in the leaf package result; these
// aliases keep lint.Result and friends working.
type (
	// Visual is result.Visual.
	Visual = result.Visual
	// Result is result.Result.
	Result = result.Result
	// Summary is result.Summary.
	Summary = result.Summary
)

// Summarize counts results (result.Summarize).
func Summarize(rs []Result) Summary { return result.Summarize(rs) }

// Options configure a check.
type Options struct {
	Limits   pbiviz.Limits
	Analyzer analyzer.Options
	// Rules to run (nil: all).
	Rules []*rules.Rule
	// Severity overrides by rule ID.
	Severity map[string]rules.Severity
	// Workers bounds parallelism (0: GOMAXPROCS).
	Workers int
	// Stdin is read for the path "-".
	Stdin io.Reader
	// KeepAll records every fact in the model (for tools that read more than
	// the rules, such as diff); by default only what the rules read is kept.
	KeepAll bool
	// NoSandbox disables evaluating closed key expressions in goja.
	NoSandbox bool
	// Dynamic, when set, runs after the static pass of each package, with
	// the rule input and the result to complete (check --dynamic; the
	// dynamic package provides it, lint does not depend on it).
	Dynamic func(in *rules.Input, r *Result)
	// Progress, when set, is called after each input completes.
	Progress func(done, total int, path string)
	// Admit, when set, is called before each program of an input is
	// parsed, with its size in bytes and whether the input already holds an
	// admission; it may wait (cmd/pbicert admits inputs under a memory
	// budget) and returns a function called once the input is done.
	Admit func(bytes int, holding bool) (release func())
	// Projects checks a visual source project folder (internal/project's
	// Check: passed in, so that lint does not depend on esbuild); nil: a
	// project input is an error.
	Projects func(dir string, opts Options) Result
}

// Input is one thing to check.
type Input struct {
	Path string // as given or as found under a folder
	Kind string // "package", "project" or "stdin"
}

// Expand turns command-line paths into inputs: .pbiviz files, project
// folders (holding pbiviz.json), other folders searched recursively
// (skipping node_modules and .git), and "-" for standard input.
func Expand(paths []string) ([]Input, []Result) {
	var ins []Input
	var bad []Result
	for _, p := range paths {
		if p == "-" {
			ins = append(ins, Input{Path: "-", Kind: "stdin"})
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			bad = append(bad, Result{Path: p, Kind: guessKind(p), Error: cleanErr(err), Findings: []rules.Finding{}})
			continue
		}
		if !st.IsDir() {
			ins = append(ins, Input{Path: p, Kind: "package"})
			continue
		}
		if isProject(p) {
			ins = append(ins, Input{Path: p, Kind: "project"})
			continue
		}
		var found []Input
		_ = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() {
				name := d.Name()
				if path != p && (name == "node_modules" || name == ".git") {
					return filepath.SkipDir
				}
				if path != p && isProject(path) {
					found = append(found, Input{Path: path, Kind: "project"})
					// a project's dist/ may hold its packages: keep walking
				}
				return nil
			}
			if strings.HasSuffix(strings.ToLower(d.Name()), ".pbiviz") {
				found = append(found, Input{Path: path, Kind: "package"})
			}
			return nil
		})
		sort.SliceStable(found, func(i, j int) bool { return found[i].Path < found[j].Path })
		if len(found) == 0 {
			bad = append(bad, Result{Path: p, Kind: "package", Error: "no .pbiviz package or visual project (pbiviz.json) found under this folder", Findings: []rules.Finding{}})
		}
		ins = append(ins, found...)
	}
	return ins, bad
}

func guessKind(p string) string {
	if strings.HasSuffix(strings.ToLower(p), ".pbiviz") || p == "-" {
		return "package"
	}
	return "project"
}

func isProject(dir string) bool {
	st, err := os.Stat(filepath.Join(dir, "pbiviz.json"))
	return err == nil && !st.IsDir()
}

func cleanErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// Check runs every input, in parallel, and returns results in input order.
func Check(ins []Input, opts Options) []Result {
	res := make([]Result, len(ins))
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if workers > len(ins) {
		workers = len(ins)
	}
	if opts.Analyzer.ParseWorkers == 0 && workers > 1 {
		// the cores are shared between the inputs of the batch and the
		// parallel parse of each large input
		opts.Analyzer.ParseWorkers = max(1, runtime.GOMAXPROCS(0)/workers)
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				res[i] = CheckOne(ins[i], opts)
				if opts.Progress != nil {
					mu.Lock()
					done++
					opts.Progress(done, len(ins), ins[i].Path)
					mu.Unlock()
				}
			}
		}()
	}
	for i := range ins {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return res
}

// CheckOne checks one input; it never panics (a recovered panic becomes the
// input's error).
func CheckOne(in Input, opts Options) (r Result) {
	defer func() {
		if p := recover(); p != nil {
			r = Result{Path: in.Path, Kind: kindOf(in), Error: fmt.Sprintf("internal error: %v (please report this input)", p), Findings: []rules.Finding{}}
		}
	}()
	if opts.Admit != nil {
		release := admitting(&opts)
		defer release()
	}
	switch in.Kind {
	case "project":
		if opts.Projects == nil {
			return Result{Path: in.Path, Kind: "project", Error: "source projects are not supported in this build", Findings: []rules.Finding{}}
		}
		r := opts.Projects(in.Path, opts)
		r.Path = in.Path
		if r.Findings == nil {
			r.Findings = []rules.Finding{}
		}
		return r
	case "stdin":
		stdin := opts.Stdin
		if stdin == nil {
			stdin = os.Stdin
		}
		lim := opts.Limits
		if lim.MaxFileBytes <= 0 {
			lim.MaxFileBytes = pbiviz.DefaultLimits().MaxFileBytes
		}
		warmLibraries()
		b, err := io.ReadAll(io.LimitReader(stdin, lim.MaxFileBytes+1))
		if err != nil {
			return errResult(in, err)
		}
		if int64(len(b)) > lim.MaxFileBytes {
			return errResult(in, fmt.Errorf("standard input is larger than %d bytes (raise with --max-file-bytes)", lim.MaxFileBytes))
		}
		pkg, err := pbiviz.ReadBytes(b, opts.Limits)
		if err != nil {
			return errResult(in, err)
		}
		pkg.ReleaseLongStrings() // content.js is held decoded (pbiviz/release.go)
		return CheckPackage(in.Path, pkg, opts)
	}
	warmLibraries()
	pkg, err := pbiviz.OpenFile(in.Path, opts.Limits)
	if err != nil {
		return errResult(in, err)
	}
	pkg.ReleaseLongStrings() // content.js is held decoded (pbiviz/release.go)
	return CheckPackage(in.Path, pkg, opts)
}

// admitting makes opts call opts.Admit before each parse of one input and
// returns the function that releases every admission.
func admitting(opts *Options) func() {
	var mu sync.Mutex
	var releases []func()
	claimed := false // the input's first program asked (a project parses its files in parallel)
	admit, onInput := opts.Admit, opts.Analyzer.OnInput
	opts.Analyzer.OnInput = func(n int) {
		if onInput != nil {
			onInput(n)
		}
		mu.Lock()
		holding := claimed
		claimed = true
		mu.Unlock()
		rel := admit(n, holding)
		mu.Lock()
		releases = append(releases, rel)
		mu.Unlock()
	}
	return func() {
		mu.Lock()
		defer mu.Unlock()
		for _, rel := range releases {
			rel()
		}
		releases = nil
	}
}

func kindOf(in Input) string {
	if in.Kind == "project" {
		return "project"
	}
	return "package"
}

func errResult(in Input, err error) Result {
	return Result{Path: in.Path, Kind: kindOf(in), Error: cleanErr(err), Findings: []rules.Finding{}}
}

// VisualOf extracts the visual identity of a package.
func VisualOf(pkg *pbiviz.Package) Visual {
	v := pkg.Resource.Visual
	pj := pkg.PackageJSON.Visual
	pick := func(a, b string) string {
		if a != "" {
			return a
		}
		return b
	}
	return Visual{GUID: pick(v.GUID, pj.GUID), Name: pick(v.Name, pj.Name), DisplayName: pick(v.DisplayName, pj.DisplayName),
		Version: pick(v.Version, pj.Version), APIVersion: pkg.Resource.APIVersion}
}

// Analyze builds the rule input for a package: it parses content.js once.
func Analyze(pkg *pbiviz.Package, opts Options) (*rules.Input, error) {
	in := &rules.Input{
		Manifest:     pkg,
		JSFile:       pkg.ResourcePath + "#content.js",
		CSSFile:      pkg.ResourcePath + "#content.css",
		ManifestFile: pkg.ResourcePath + "#capabilities",
		CSS:          pkg.Resource.Content.CSS,
	}
	if pkg.Legacy { // pre-2018 layout: the code is in its own entries
		in.JSFile, in.CSSFile, in.ManifestFile = pkg.JSPath, pkg.CSSPath, pkg.ResourcePath
	}
	ao := AnalyzerOptions(opts)
	if js := pkg.Resource.Content.JS; js != "" {
		// the analyzer only reads Src (it parses its own copies): no need
		// for a second copy of a multi-megabyte bundle
		prog, err := analyzer.Parse(in.JSFile, unsafe.Slice(unsafe.StringData(js), len(js)), ao)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", in.JSFile, err)
		}
		in.JS = prog
	}
	return in, nil
}

// AnalyzerOptions completes the analyzer options of a check: the facts the
// rules to run declare they read (rules.Needs: host members, dotted paths,
// the model filter) and the sandbox that evaluates closed keys.
func AnalyzerOptions(opts Options) analyzer.Options {
	ao := opts.Analyzer
	if ao.Members == nil {
		ao.Members = rules.TrackedMembers(opts.Rules)
	}
	if ao.Paths == nil {
		ao.Paths = rules.ModelPaths(opts.Rules)
	}
	if ao.Keep == nil && !opts.KeepAll {
		ao.Keep = rules.ModelKeep(opts.Rules)
	}
	if ao.Eval == nil && !opts.NoSandbox {
		ao.Eval = sandbox.NewEvaluator(sandbox.Budget{}, 0)
	}
	return ao
}

// CheckPackage analyses a package already read.
func CheckPackage(path string, pkg *pbiviz.Package, opts Options) Result {
	r := Result{Path: path, Kind: "package", Visual: VisualOf(pkg), Findings: []rules.Finding{}}
	var identified func() (*libs.Attribution, error)
	if js := pkg.Resource.Content.JS; js != "" {
		var start func()
		start, identified = identifyAsync(unsafe.Slice(unsafe.StringData(js), len(js))) // read only
		// the analyzer starts it when a core is free
		opts.Analyzer.Idle = chain(opts.Analyzer.Idle, start)
	}
	in, err := Analyze(pkg, opts)
	if err != nil {
		r.Error = err.Error()
		return r
	}
	rs := opts.Rules
	if rs == nil {
		rs = rules.All()
	}
	r.Findings = rules.Run(in, rs, opts.Severity)
	if r.Findings == nil {
		r.Findings = []rules.Finding{}
	}
	if opts.Dynamic != nil {
		opts.Dynamic(in, &r)
	}
	// after the dynamic run: its requests join the endpoints and the
	// findings it added get their origin too
	inventory(&r, in, identified, rs, opts.Severity)
	if pkg.Legacy {
		r.Notes = append(r.Notes, LegacyNote(pkg))
	}
	return r
}

// LegacyNote says that a package uses the pre-2018 layout and what was
// analysed.
func LegacyNote(pkg *pbiviz.Package) string {
	parts := pkg.JSPath
	if pkg.CSSPath != "" {
		parts += ", " + pkg.CSSPath
	}
	return "pre-2018 package format (" + parts + " and package.json, no resources/<guid>.pbiviz.json): its JavaScript, " +
		"CSS and package.json were analysed; it declares no apiVersion and no capabilities (the visual declared them in code, " +
		"and web access was granted implicitly); rebuild it with current pbiviz tools to certify it"
}
