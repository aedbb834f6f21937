package project

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/pbicert/pbicert/analyzer"
	"github.com/pbicert/pbicert/lint"
	"github.com/pbicert/pbicert/pbiviz"
	"github.com/pbicert/pbicert/result"
	"github.com/pbicert/pbicert/rules"
)

// MaxDepFiles bounds how many node_modules files are analysed.
const MaxDepFiles = 5000

// Check checks the project in dir (lint.Options.Projects).
func Check(dir string, opts lint.Options) lint.Result {
	r := lint.Result{Path: dir, Kind: "project", Findings: []rules.Finding{}}
	c, err := Analyze(dir, opts)
	if err != nil {
		r.Error = err.Error()
		return r
	}
	r.Visual = lint.VisualOf(c.Manifest)
	r.Findings = c.Findings
	r.Notes = c.Notes
	r.Libraries = c.Libraries
	r.Endpoints = c.Endpoints
	return r
}

// Checked is the outcome of Analyze.
type Checked struct {
	Project  *Project
	Manifest *pbiviz.Package
	Repo     *rules.RepoInfo
	Graph    *Graph // nil when the project has no entry
	Findings []rules.Finding
	Notes    []string
	// Libraries is the npm dependency tree resolved from package-lock.json.
	Libraries []result.Library
	// Endpoints are the static and manifest endpoints of the sources, the
	// analysed dependencies and the stylesheets (rules.Endpoints).
	Endpoints []result.Endpoint
}

// Analyze reads, transpiles and checks a project.
func Analyze(dir string, opts lint.Options) (*Checked, error) {
	p, err := Load(dir, opts.Limits)
	if err != nil {
		return nil, err
	}
	pkg, err := pbiviz.ReadProjectManifest("pbiviz.json", p.PbivizJSON, "capabilities.json", p.Capabilities, opts.Limits)
	if err != nil {
		return nil, err
	}
	c := &Checked{Project: p, Manifest: pkg}
	all := opts.Rules
	if all == nil {
		all = rules.All()
	}
	var perFile, whole, after []*rules.Rule
	for _, r := range all {
		switch {
		case r.Needs.WholeProgram:
			// judges the visual as a whole (is an API called anywhere?):
			// once over the union of every source's model, never per file
			whole = append(whole, r)
		case r.Needs.AfterIgnores:
			after = append(after, r)
		default:
			perFile = append(perFile, r)
		}
	}
	ao := lint.AnalyzerOptions(opts)

	// the project's own sources
	units := make([]*unit, len(p.Sources))
	errs := make([]error, len(p.Sources))
	parallel(len(p.Sources), opts.Workers, func(i int) {
		units[i], errs[i] = newSourceUnit(p.Sources[i], ao)
	})
	for _, e := range errs {
		if e != nil {
			return nil, e
		}
	}

	// the module graph and the dependencies the visual reaches
	var deps []*unit
	if p.Entry != "" {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p.Entry))); err == nil {
			srcs := map[string][]byte{}
			for _, f := range p.Sources {
				srcs[f.Path] = f.Text
			}
			g, err := BuildGraph(dir, p.Entry, srcs)
			if err != nil {
				c.Notes = append(c.Notes, "module graph not built: "+err.Error())
			} else {
				c.Graph = g
				deps = c.loadDeps(g, ao, opts.Workers)
			}
		} else {
			c.Notes = append(c.Notes, "the entry "+p.Entry+" (tsconfig.json files[0]) does not exist: module graph not built")
		}
	}

	repo := repoInfo(p)
	c.Repo = repo
	locate := locator(p)
	var fs []rules.Finding

	// manifest and repository rules: once per project
	fs = append(fs, rules.Run(&rules.Input{Manifest: pkg, ManifestFile: "capabilities.json", Locate: locate, Project: true, Repo: repo}, perFile, opts.Severity)...)

	c.Libraries = LockLibraries(p.PackageLock, p.PackageJSON)
	versions := lockVersions(c.Libraries)

	// code rules: per file, mapped back to the original positions
	code := append(append([]*unit(nil), units...), deps...)
	per := make([][]rules.Finding, len(code))
	eps := make([][]result.Endpoint, len(code))
	parallel(len(code), opts.Workers, func(i int) {
		u := code[i]
		in := &rules.Input{Manifest: pkg, ManifestFile: "capabilities.json", Locate: locate, Project: true, JS: u.prog, JSFile: u.File.Path}
		for _, e := range rules.Endpoints(in) {
			if e.Source != rules.EndpointStatic || e.Location.File != u.File.Path {
				continue // the manifest's: listed once below
			}
			f := rules.Finding{Location: e.Location}
			u.remap(&f)
			e.Location = f.Location
			eps[i] = append(eps[i], e)
		}
		for _, f := range rules.Run(in, perFile, opts.Severity) {
			if f.Location.File != u.File.Path {
				continue // manifest findings: reported once above
			}
			u.remap(&f)
			if u.Origin != "" {
				f.Origin = &result.Origin{Name: u.Origin, Version: versions[u.Origin]}
				f.Message += " (in " + f.Origin.String()
				if u.Via != "" {
					f.Message += ", imported by " + u.Via
				}
				f.Message += ")"
			}
			per[i] = append(per[i], f)
		}
	})
	for _, f := range per {
		fs = append(fs, f...)
	}

	// the endpoints: the code's, the stylesheets', the WebAccess parameters
	for _, e := range eps {
		c.Endpoints = append(c.Endpoints, e...)
	}
	c.Endpoints = append(c.Endpoints, rules.Endpoints(&rules.Input{Manifest: pkg, ManifestFile: "capabilities.json", Locate: locate, Project: true})...)

	// stylesheets
	for _, s := range p.Styles {
		in := &rules.Input{CSS: string(s.Text), CSSFile: s.Path, Project: true}
		c.Endpoints = append(c.Endpoints, rules.Endpoints(in)...)
		for _, f := range rules.Run(in, perFile, opts.Severity) {
			if f.Location.File == s.Path {
				fs = append(fs, f)
			}
		}
	}

	// whole-program requirements over the union of the sources' models
	if len(whole) > 0 && len(units) > 0 {
		in := &rules.Input{Manifest: pkg, ManifestFile: "capabilities.json", Locate: locate, Project: true}
		fs = append(fs, wholeProgramFindings(in, units, deps, p.Entry, whole, opts.Severity)...)
	}

	// inline suppressions, then the unused ones
	fs = applyIgnores(fs, repo.Ignores)
	repo.IgnoresResolved = true
	fs = append(fs, rules.Run(&rules.Input{Project: true, Repo: repo}, after, opts.Severity)...)

	c.Endpoints = rules.SortEndpoints(c.Endpoints)
	rules.SortFindings(fs)
	if fs == nil {
		fs = []rules.Finding{}
	}
	c.Findings = fs
	if c.Graph != nil {
		if len(c.Graph.Missing) > 0 {
			if _, err := os.Stat(filepath.Join(dir, "node_modules")); err != nil {
				c.Notes = append(c.Notes, "node_modules is missing: dependencies were not analysed ("+strings.Join(c.Graph.Missing, ", ")+"); run npm ci to include them")
			} else {
				c.Notes = append(c.Notes, "not installed in node_modules, not analysed: "+strings.Join(c.Graph.Missing, ", "))
			}
		}
		for _, pr := range c.Graph.Problems {
			c.Notes = append(c.Notes, "module graph: "+pr)
		}
	} else if p.Entry == "" {
		c.Notes = append(c.Notes, "tsconfig.json names no entry (files[0]): dependencies were not analysed")
	}
	return c, nil
}

// loadDeps reads and parses the node_modules files of the graph.
func (c *Checked) loadDeps(g *Graph, ao analyzer.Options, workers int) []*unit {
	files := g.Files
	if len(files) > MaxDepFiles {
		c.Notes = append(c.Notes, fmt.Sprintf("only the first %d of %d dependency files were analysed", MaxDepFiles, len(files)))
		files = files[:MaxDepFiles]
	}
	out := make([]*unit, len(files))
	notes := make([]string, len(files))
	parallel(len(files), workers, func(i int) {
		d := files[i]
		b, err := c.Project.read(d.Path)
		if err != nil {
			notes[i] = "dependency " + d.Path + " not analysed: " + err.Error()
			return
		}
		u, err := newPlainUnit(File{Path: d.Path, Text: b}, ao)
		if err != nil {
			notes[i] = "dependency " + d.Path + " not analysed: " + err.Error()
			return
		}
		u.Origin, u.Via = d.Package, d.Via
		out[i] = u
	})
	var units []*unit
	for i, u := range out {
		if u != nil {
			units = append(units, u)
		}
		if notes[i] != "" {
			c.Notes = append(c.Notes, notes[i])
		}
	}
	return units
}

// wholeProgramFindings runs the whole-program rules on one model holding
// every source's member accesses and calls, and points their findings at
// the update method (or the entry).
func wholeProgramFindings(in *rules.Input, units, deps []*unit, entry string, rs []*rules.Rule, sev map[string]rules.Severity) []rules.Finding {
	file := entry
	if file == "" {
		file = units[0].File.Path
	}
	union := &analyzer.Program{File: file}
	for _, u := range append(append([]*unit(nil), units...), deps...) {
		union.Members = append(union.Members, u.prog.Members...)
		union.Calls = append(union.Calls, u.prog.Calls...)
		union.Refs = append(union.Refs, u.prog.Refs...)
	}
	var at *rules.Location
	for _, u := range units {
		for _, fn := range u.prog.Funcs {
			if fn.Name == "update" || strings.HasSuffix(fn.Name, ".update") {
				// FuncInfo.Pos of a method may precede its name (the
				// analyzer starts it after the previous member): find the name
				pos := fn.Pos
				if i := bytes.Index(u.JS[min(pos, len(u.JS)):min(fn.End, len(u.JS))], []byte("update")); i >= 0 {
					pos += i
				}
				f := rules.Finding{Location: rules.Location{File: u.File.Path, Line: 1, Offset: pos}}
				u.remap(&f)
				loc := f.Location
				at = &loc
				break
			}
		}
		if at != nil {
			break
		}
	}
	in.JS, in.JSFile = union, file
	out := rules.Run(in, rs, sev)
	for i := range out {
		if at != nil && out[i].Location.File == file && out[i].Location.Line == 0 {
			out[i].Location = *at
			out[i].Message += " (in update)"
		}
	}
	return out
}

// locator maps manifest keys to pbiviz.json and capabilities.json.
func locator(p *Project) func(key string) rules.Location {
	return func(key string) rules.Location {
		at := func(file string, raw []byte, q pbiviz.Pos) rules.Location {
			return rules.Location{File: file, Line: q.Line, Column: q.Col, Offset: q.Offset}
		}
		if name, ok := strings.CutPrefix(key, "privilege:"); ok && p.Capabilities != nil {
			return at("capabilities.json", p.Capabilities, pbiviz.PrivilegePosIn(p.Capabilities, name))
		}
		if (key == "privileges" || key == "capabilities") && p.Capabilities != nil {
			return at("capabilities.json", p.Capabilities, pbiviz.KeyPos(p.Capabilities, "privileges"))
		}
		switch key {
		case "description", "supportUrl", "guid", "gitHubUrl", "displayName", "name":
			key = "visual." + key
		}
		return at("pbiviz.json", p.PbivizJSON, pbiviz.KeyPos(p.PbivizJSON, key))
	}
}

// repoInfo gathers what the repository rules read.
func repoInfo(p *Project) *rules.RepoInfo {
	r := &rules.RepoInfo{Present: p.Present, PackageJSON: p.PackageJSON, PackageLock: p.PackageLock, GitIgnore: p.GitIgnore}
	for _, f := range p.Sources {
		r.Sources = append(r.Sources, rules.RepoFile{Path: f.Path, Text: f.Text})
		r.Ignores = append(r.Ignores, ParseIgnores(f)...)
	}
	r.GitCheckout, r.Tracked = gitTracked(p.Dir)
	return r
}

// gitTracked lists the tracked files under node_modules, .tmp and dist
// when dir is in a git work tree and git is installed. Repository
// configuration that could run programs (fsmonitor, hooks) is disabled.
func gitTracked(dir string) (bool, []string) {
	git, err := exec.LookPath("git")
	if err != nil {
		return false, nil
	}
	args := []string{"-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "-c", "core.untrackedCache=false", "-C", dir}
	out, err := exec.Command(git, append(args, "rev-parse", "--is-inside-work-tree")...).Output()
	if err != nil || strings.TrimSpace(string(out)) != "true" {
		return false, nil
	}
	cmd := exec.Command(git, append(args, "ls-files", "-z", "--", "node_modules", ".tmp", "dist")...)
	cmd.Env = append(os.Environ(), "GIT_OPTIONAL_LOCKS=0")
	out, err = cmd.Output()
	if err != nil {
		return false, nil
	}
	var files []string
	for _, f := range bytes.Split(out, []byte{0}) {
		if len(f) > 0 {
			files = append(files, string(f))
		}
	}
	return true, files
}

// parallel runs fn(0..n-1) on up to workers goroutines.
func parallel(n, workers int, fn func(i int)) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if workers > n {
		workers = n
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}
