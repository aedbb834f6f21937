package project

import (
	"bytes"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/pbicert/pbicert/analyzer"
	"github.com/pbicert/pbicert/internal/textpos"
	"github.com/pbicert/pbicert/rules"
)

// unit is one JavaScript program the rules see: a project source file after
// transpilation (with its source map back to the original), or a
// node_modules file reached by the visual (analysed as written).
type unit struct {
	File File   // the original file
	JS   []byte // what the analyzer parsed
	sm   *sourceMap
	prog *analyzer.Program

	genStarts, origStarts []int

	// Origin is the npm package of a node_modules file, Via where the
	// visual imports it ("src/visual.ts:3").
	Origin, Via string
}

// loaderFor picks esbuild's loader from the file extension.
func loaderFor(name string) api.Loader {
	switch strings.ToLower(path.Ext(name)) {
	case ".ts", ".mts", ".cts":
		return api.LoaderTS
	case ".tsx":
		return api.LoaderTSX
	case ".jsx":
		return api.LoaderJSX
	}
	return api.LoaderJS
}

// What `pbiviz package` (powerbi-visuals-tools 5, webpack 5 in production
// mode) bundles: webpack's production mode defines process.env.NODE_ENV as
// "production" and drops the branches that test it; its default resolve
// conditions for a web target are "webpack", "production" and "browser"
// (plus "import"/"require" and "module"), its main fields browser, module,
// main; pbiviz's webpack.config.js sets the extensions. The module graph
// (graph.go) and every analysed file use the same settings, so that a
// project check reports the code the package will contain: React's
// react-dom.production.min.js, not react-dom.development.js.
var (
	productionDefine     = map[string]string{"process.env.NODE_ENV": `"production"`}
	productionConditions = []string{"webpack", "production", "module"} // esbuild adds browser, import/require, default
	productionMainFields = []string{"browser", "module", "main"}
	productionExtensions = []string{".tsx", ".ts", ".jsx", ".js", ".mjs", ".css"}
)

// usesNodeEnv tells whether a file tests process.env.NODE_ENV: it is then
// transformed with the production definition and its dead branches are
// dropped before analysis, as the production bundle drops them.
func usesNodeEnv(text []byte) bool { return bytes.Contains(text, []byte("process.env.NODE_ENV")) }

// Transpile turns one TypeScript/JavaScript source into ES2022 JavaScript
// with an external source map. It never executes anything. A file that
// tests process.env.NODE_ENV is compiled as for production: the variable
// is "production" and the branches that cannot run are removed.
func Transpile(f File) (js, sourceMap []byte, err error) {
	prod := usesNodeEnv(f.Text)
	var define map[string]string
	if prod {
		define = productionDefine
	}
	res := api.Transform(string(f.Text), api.TransformOptions{
		Define:       define,
		MinifySyntax: prod, // constant-folds the definition and removes dead branches
		Loader:       loaderFor(f.Path),
		Sourcefile:   f.Path,
		Sourcemap:    api.SourceMapExternal,
		Target:       api.ES2022,
		LogLevel:     api.LogLevelSilent,
		// keep names and layout close to the source
		MinifyWhitespace: false,
		TsconfigRaw:      `{"compilerOptions":{"experimentalDecorators":true,"useDefineForClassFields":false}}`,
	})
	if len(res.Errors) > 0 {
		return nil, nil, esbuildError(f, res.Errors[0])
	}
	return res.Code, res.Map, nil
}

// esbuildError names the position of an esbuild error with pbicert's line
// convention (esbuild numbers lines its own way: U+2028 and U+2029 end a
// line too; its column is a byte count in that line).
func esbuildError(f File, m api.Message) error {
	if m.Location != nil {
		off := len(f.Text)
		if starts := textpos.ECMALineStarts(f.Text); m.Location.Line >= 1 && m.Location.Line <= len(starts) {
			off = min(starts[m.Location.Line-1]+len(prefixBytes(m.Location.LineText, m.Location.Column)), len(f.Text))
		}
		l, c := textpos.LineCol(f.Text, off)
		return fmt.Errorf("%s:%d:%d: %s", f.Path, l, c, m.Text)
	}
	return fmt.Errorf("%s: %s", f.Path, m.Text)
}

func prefixBytes(s string, n int) string {
	if n > len(s) {
		n = len(s)
	}
	if n < 0 {
		n = 0
	}
	return s[:n]
}

// newSourceUnit transpiles and parses a project source file.
func newSourceUnit(f File, ao analyzer.Options) (*unit, error) {
	js, smRaw, err := Transpile(f)
	if err != nil {
		return nil, err
	}
	sm, err := parseSourceMap(smRaw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Path, err)
	}
	prog, err := analyzer.Parse(f.Path, js, ao)
	if err != nil {
		return nil, fmt.Errorf("%s (transpiled): %w", f.Path, err)
	}
	return &unit{File: f, JS: js, sm: sm, prog: prog, genStarts: lineStarts(js), origStarts: lineStarts(f.Text)}, nil
}

// newPlainUnit parses a JavaScript file as written (node_modules code),
// unless it tests process.env.NODE_ENV: then it is compiled for production
// first (see Transpile) and its findings are mapped back.
func newPlainUnit(f File, ao analyzer.Options) (*unit, error) {
	if usesNodeEnv(f.Text) {
		return newSourceUnit(f, ao)
	}
	prog, err := analyzer.Parse(f.Path, f.Text, ao)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Path, err)
	}
	return &unit{File: f, JS: f.Text, prog: prog}, nil
}

// origPos maps a byte offset in the analysed JavaScript to the original
// file: byte offset, 1-based line and character column.
func (u *unit) origPos(off int) (int, int, int, bool) {
	if u.sm == nil {
		if off < 0 || off > len(u.File.Text) {
			return 0, 0, 0, false
		}
		l, c := u.prog.Position(off)
		return off, l, c, true
	}
	if off < 0 || off > len(u.JS) {
		return 0, 0, 0, false
	}
	// a position on whitespace (between a function's tokens) means the next token
	for off < len(u.JS) && (u.JS[off] == ' ' || u.JS[off] == '\t' || u.JS[off] == '\n' || u.JS[off] == '\r') {
		off++
	}
	gl := sort.Search(len(u.genStarts), func(i int) bool { return u.genStarts[i] > off }) - 1
	col16 := utf16Col(u.JS[u.genStarts[gl]:off])
	seg, ok := u.sm.lookup(gl, col16)
	if !ok || seg.line >= len(u.origStarts) {
		return 0, 0, 0, false
	}
	ls := u.origStarts[seg.line]
	le := len(u.File.Text)
	if seg.line+1 < len(u.origStarts) {
		le = u.origStarts[seg.line+1]
	}
	b := ls + byteAtUTF16(u.File.Text[ls:le], seg.col)
	if seg.genCol >= 0 && seg.genCol < col16 {
		// the finding is inside the segment: move by the text between the
		// segment's start and the finding when the original has the same
		// text there (esbuild re-indents: leading spaces do not count)
		gs := u.genStarts[gl] + byteAtUTF16(u.JS[u.genStarts[gl]:off], seg.genCol)
		between := bytes.TrimLeft(u.JS[gs:off], " \t")
		if bytes.HasPrefix(u.File.Text[b:le], between) {
			b += len(between)
		}
	}
	// the map's line numbers are esbuild's; the reported ones are pbicert's
	l, c := textpos.LineCol(u.File.Text, b)
	return b, l, c, true
}

// remap moves a finding reported on the analysed JavaScript to the
// original file.
func (u *unit) remap(f *rules.Finding) {
	f.Location.File = u.File.Path
	if f.Location.Line == 0 {
		return
	}
	off, l, c, ok := u.origPos(f.Location.Offset)
	if !ok {
		f.Location = rules.Location{File: u.File.Path, Line: 1, Column: 1}
		f.Snippet, f.Caret, f.Window = "", 0, nil
		return
	}
	f.Location.Offset, f.Location.Line, f.Location.Column = off, l, c
	f.Snippet, f.Caret = rules.Snippet(u.File.Text, off, 100)
	f.Window = rules.SourceWindow(u.File.Text, off, l, rules.WindowLines, rules.WindowWidth)
}
