// Package project checks Power BI visual source projects (a folder holding
// pbiviz.json): it transpiles each TypeScript/JavaScript source with
// esbuild, builds the analyzer's model of the JavaScript, runs the same
// rules as on packages, and maps every finding back through the source map
// to the original file, line and column. It also runs the repository rules
// (rules/repository.go), lists the npm packages the visual imports (esbuild
// bundling with a resolve plugin and a metafile), analyses the node_modules
// code the visual reaches, and applies inline suppressions
// (`// pbicert-ignore RULE: reason`).
//
// Check is what lint.Options.Projects takes.
package project

import (
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"

	"github.com/pbicert/pbicert/internal/textpos"
	"github.com/pbicert/pbicert/pbiviz"
)

// MaxSourceFiles bounds the number of files read under src/, style/ and
// stringResources/.
const MaxSourceFiles = 20000

// File is one file of the project, relative to the project folder.
type File struct {
	Path string // forward slashes, e.g. "src/visual.ts"
	Text []byte
}

// Project is a source project as read from disk (nothing is executed).
type Project struct {
	Dir string

	PbivizJSON   []byte
	Capabilities []byte // nil when capabilities.json is absent
	PackageJSON  []byte
	PackageLock  []byte
	TSConfig     []byte
	GitIgnore    []byte
	// Entry is tsconfig.json's files[0] (relative, cleaned), "" when unknown.
	Entry string

	Sources         []File // src/**/*.{ts,tsx,js,jsx}
	Styles          []File // style/**/*.{less,css}
	StringResources []File // stringResources/**

	// Present holds the root files that exist.
	Present map[string]bool

	lim   pbiviz.Limits
	total atomic.Int64
}

// sourceExts are the extensions read under src/.
var sourceExts = map[string]bool{".ts": true, ".tsx": true, ".js": true, ".jsx": true, ".mts": true, ".cts": true, ".mjs": true, ".cjs": true}

// Load reads a project folder under lim (MaxEntryBytes per file,
// MaxTotalBytes for all, MaxJSONDepth for JSON). JSON files that do not
// parse make it fail with a one-line error naming the file, line and byte.
func Load(dir string, lim pbiviz.Limits) (*Project, error) {
	p := &Project{Dir: dir, Present: map[string]bool{}, lim: withDefaults(lim)}
	var err error
	for _, f := range []struct {
		name string
		dst  *[]byte
	}{{"pbiviz.json", &p.PbivizJSON}, {"capabilities.json", &p.Capabilities}, {"package.json", &p.PackageJSON},
		{"package-lock.json", &p.PackageLock}, {"tsconfig.json", &p.TSConfig}, {".gitignore", &p.GitIgnore}} {
		if *f.dst, err = p.readOptional(f.name); err != nil {
			return nil, err
		}
		if *f.dst != nil {
			p.Present[f.name] = true
		}
	}
	if p.PbivizJSON == nil {
		return nil, fmt.Errorf("pbiviz.json is missing: not a visual project")
	}
	for _, name := range []string{"package.json", "package-lock.json"} {
		if b := p.rootFile(name); b != nil {
			if err := checkJSON(name, b, p.lim.MaxJSONDepth); err != nil {
				return nil, err
			}
		}
	}
	if p.TSConfig != nil {
		if p.Entry, err = tsconfigEntry(p.TSConfig); err != nil {
			return nil, err
		}
	}
	if p.Sources, err = p.walk("src", func(name string) bool { return sourceExts[strings.ToLower(filepath.Ext(name))] }); err != nil {
		return nil, err
	}
	if p.Styles, err = p.walk("style", func(name string) bool {
		e := strings.ToLower(filepath.Ext(name))
		return e == ".less" || e == ".css"
	}); err != nil {
		return nil, err
	}
	if p.StringResources, err = p.walk("stringResources", func(string) bool { return true }); err != nil {
		return nil, err
	}
	for _, f := range p.StringResources {
		if strings.HasSuffix(f.Path, ".json") || strings.HasSuffix(f.Path, ".resjson") {
			if err := checkJSON(f.Path, f.Text, p.lim.MaxJSONDepth); err != nil {
				return nil, err
			}
		}
	}
	if p.Entry == "" {
		for _, f := range p.Sources {
			if f.Path == "src/visual.ts" || f.Path == "src/visual.tsx" {
				p.Entry = f.Path
			}
		}
	}
	return p, nil
}

func withDefaults(l pbiviz.Limits) pbiviz.Limits {
	d := pbiviz.DefaultLimits()
	if l.MaxEntryBytes <= 0 {
		l.MaxEntryBytes = d.MaxEntryBytes
	}
	if l.MaxTotalBytes <= 0 {
		l.MaxTotalBytes = d.MaxTotalBytes
	}
	if l.MaxJSONDepth <= 0 {
		l.MaxJSONDepth = d.MaxJSONDepth
	}
	return l
}

func (p *Project) rootFile(name string) []byte {
	switch name {
	case "package.json":
		return p.PackageJSON
	case "package-lock.json":
		return p.PackageLock
	}
	return nil
}

// readOptional reads a root file; a missing file is nil without error.
func (p *Project) readOptional(name string) ([]byte, error) {
	b, err := p.read(name)
	if err != nil && os.IsNotExist(err) {
		return nil, nil
	}
	return b, err
}

// read reads a file of the project under the limits.
func (p *Project) read(rel string) ([]byte, error) {
	f, err := os.Open(filepath.Join(p.Dir, filepath.FromSlash(rel)))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", rel)
	}
	if st.Size() > p.lim.MaxEntryBytes {
		return nil, &pbiviz.LimitError{Limit: pbiviz.LimitEntryBytes, Flag: "--" + pbiviz.LimitEntryBytes, Value: st.Size(), Max: p.lim.MaxEntryBytes,
			What: fmt.Sprintf("%s is larger than %d bytes", rel, p.lim.MaxEntryBytes)}
	}
	b, err := io.ReadAll(io.LimitReader(f, p.lim.MaxEntryBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rel, err)
	}
	total := p.total.Add(int64(len(b))) // files are read from several goroutines
	if total > p.lim.MaxTotalBytes {
		return nil, &pbiviz.LimitError{Limit: pbiviz.LimitTotalBytes, Flag: "--" + pbiviz.LimitTotalBytes, Value: total, Max: p.lim.MaxTotalBytes,
			What: fmt.Sprintf("the project's files are larger than %d bytes in all", p.lim.MaxTotalBytes)}
	}
	return b, nil
}

// walk reads the files under sub that keep accepts, sorted by path. It does
// not follow symbolic links and skips node_modules and dot folders.
func (p *Project) walk(sub string, keep func(name string) bool) ([]File, error) {
	root := filepath.Join(p.Dir, sub)
	if st, err := os.Stat(root); err != nil || !st.IsDir() {
		return nil, nil
	}
	var out []File
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != root && (d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || !keep(d.Name()) {
			return nil
		}
		if len(out) >= MaxSourceFiles {
			return fmt.Errorf("more than %d files under %s/", MaxSourceFiles, sub)
		}
		rel, err := filepath.Rel(p.Dir, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		b, err := p.read(rel)
		if err != nil {
			return err
		}
		out = append(out, File{Path: rel, Text: b})
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, err
}

// checkJSON validates a JSON file, with a one-line error naming the file,
// the line, the column and the byte offset.
func checkJSON(name string, b []byte, maxDepth int) error {
	b = trimBOM(b)
	if pbiviz.JSONDepthAt(b, maxDepth) >= 0 {
		return fmt.Errorf("%s: JSON nesting deeper than %d levels (raise with --max-json-depth)", name, maxDepth)
	}
	if json.Valid(b) {
		return nil
	}
	var v any
	err := json.Unmarshal(b, &v)
	return jsonError(name, b, err)
}

func jsonError(name string, b []byte, err error) error {
	off := 0
	if se, ok := err.(*json.SyntaxError); ok {
		off = int(se.Offset)
		if off > 0 && strings.HasPrefix(se.Error(), "invalid character") {
			off--
		}
	}
	l, c := pbiviz.LineCol(b, off)
	msg := "malformed JSON"
	if err != nil {
		msg = strings.TrimPrefix(err.Error(), "json: ")
	}
	return fmt.Errorf("%s:%d:%d: invalid JSON at byte %d: %s", name, l, c, off, msg)
}

func trimBOM(b []byte) []byte {
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		return b[3:]
	}
	return b
}

// tsconfigEntry returns files[0] of tsconfig.json. tsconfig allows
// comments and trailing commas: they are stripped before decoding.
func tsconfigEntry(raw []byte) (string, error) {
	clean := stripJSONC(trimBOM(raw))
	var tc struct {
		Files []string `json:"files"`
	}
	if err := json.Unmarshal(clean, &tc); err != nil {
		var v any
		return "", jsonError("tsconfig.json", clean, json.Unmarshal(clean, &v))
	}
	if len(tc.Files) == 0 {
		return "", nil
	}
	e := filepath.ToSlash(filepath.Clean(filepath.FromSlash(tc.Files[0])))
	return strings.TrimPrefix(e, "./"), nil
}

// stripJSONC blanks out // and /* */ comments and trailing commas, keeping
// every byte offset (comments become spaces).
func stripJSONC(b []byte) []byte {
	out := append([]byte(nil), b...)
	inStr := false
	for i := 0; i < len(out); i++ {
		c := out[i]
		if inStr {
			if c == '\\' {
				i++
			} else if c == '"' {
				inStr = false
			}
			continue
		}
		switch {
		case c == '"':
			inStr = true
		case c == '/' && i+1 < len(out) && out[i+1] == '/':
			for i < len(out) && out[i] != '\n' {
				out[i] = ' '
				i++
			}
		case c == '/' && i+1 < len(out) && out[i+1] == '*':
			for i < len(out) && !(out[i] == '*' && i+1 < len(out) && out[i+1] == '/') {
				if out[i] != '\n' {
					out[i] = ' '
				}
				i++
			}
			if i+1 < len(out) {
				out[i], out[i+1] = ' ', ' '
				i++
			}
		}
	}
	// trailing commas, once comments are blank
	inStr = false
	for i := 0; i < len(out); i++ {
		c := out[i]
		if inStr {
			if c == '\\' {
				i++
			} else if c == '"' {
				inStr = false
			}
			continue
		}
		switch c {
		case '"':
			inStr = true
		case ',':
			j := i + 1
			for j < len(out) && (out[j] == ' ' || out[j] == '\n' || out[j] == '\r' || out[j] == '\t') {
				j++
			}
			if j < len(out) && (out[j] == '}' || out[j] == ']') {
				out[i] = ' '
			}
		}
	}
	return out
}

// lineOf returns the 1-based line of byte offset off in b (internal/textpos).
func lineOf(b []byte, off int) int {
	l, _ := textpos.LineCol(b, off)
	return l
}
