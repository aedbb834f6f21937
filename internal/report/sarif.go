package report

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/pbicert/pbicert/result"
	"github.com/pbicert/pbicert/rules"
)

// InformationURI is pbicert's home page, written in SARIF.
const InformationURI = "https://github.com/pbicert/pbicert"

// sarifSchema is the address GitHub and the SARIF validators expect.
const sarifSchema = "https://json.schemastore.org/sarif-2.1.0.json"

// SARIF writes a SARIF 2.1.0 log with one run: the tool with every rule, one
// result per finding, and inputs that could not be read as tool execution
// notifications. For packages, the artifact is the .pbiviz itself, nested
// artifacts name the zip entry, and a logical location names the part
// ("resources/x.pbiviz.json#content.js") and the enclosing function; the
// region's line, column (in Unicode code points) and byte offset are those
// of that part, as in the JSON report.
func SARIF(w io.Writer, results []result.Result, o Options) error {
	results = withFingerprints(results)
	b := newSarifBuilder(o)
	for _, r := range results {
		b.add(r)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(b.log)
}

// withFingerprints returns results with fingerprints, filling them on a
// copy when they are missing (writers never change their input).
func withFingerprints(results []result.Result) []result.Result {
	missing := false
	for _, r := range results {
		for _, f := range r.Findings {
			if f.Fingerprint == "" {
				missing = true
			}
		}
	}
	if !missing {
		return results
	}
	cp := make([]result.Result, len(results))
	for i, r := range results {
		cp[i] = r
		cp[i].Findings = append([]result.Finding(nil), r.Findings...)
	}
	return Fingerprint(cp)
}

type sarifBuilder struct {
	log       *sarif.Report
	run       *sarif.Run
	ruleIndex map[string]uint
	artifacts map[string]uint
	inv       *sarif.Invocation
}

func newSarifBuilder(o Options) *sarifBuilder {
	log := &sarif.Report{Version: string(sarif.Version210), Schema: sarifSchema}
	version := o.Version
	if version == "" {
		version = "devel"
	}
	driver := &sarif.ToolComponent{
		Name:           "pbicert",
		FullName:       ptr("pbicert: Power BI custom visual certification linter"),
		Version:        ptr(version),
		InformationURI: ptr(InformationURI),
		Rules:          []*sarif.ReportingDescriptor{},
	}
	if isSemver(version) {
		driver.SemanticVersion = ptr(version)
	}
	run := &sarif.Run{Tool: sarif.Tool{Driver: driver}, Results: []*sarif.Result{}, ColumnKind: "unicodeCodePoints"}
	b := &sarifBuilder{log: log, run: run, ruleIndex: map[string]uint{}, artifacts: map[string]uint{}}
	for _, r := range rules.All() {
		b.rule(r)
	}
	ok := true
	b.inv = &sarif.Invocation{ExecutionSuccessful: &ok}
	run.Invocations = []*sarif.Invocation{b.inv}
	log.Runs = []*sarif.Run{run}
	return b
}

func isSemver(v string) bool {
	v = strings.TrimPrefix(v, "v")
	parts := strings.SplitN(v, ".", 3)
	if len(parts) != 3 {
		return false
	}
	for _, p := range parts[:2] {
		if p == "" || !isDigits(p) {
			return false
		}
	}
	last := parts[2]
	if i := strings.IndexAny(last, "-+"); i >= 0 {
		last = last[:i]
	}
	return last != "" && isDigits(last)
}

func ptr[T any](v T) *T { return &v }

// Level is the SARIF level of a severity.
func Level(s result.Severity) string {
	switch s {
	case result.Error:
		return "error"
	case result.Warning:
		return "warning"
	}
	return "note"
}

// ruleHelp is the plain-text and Markdown help of a rule.
func ruleHelp(r *rules.Rule) (string, string) {
	var t, m strings.Builder
	fmt.Fprintf(&t, "%s %s: %s\n\n%s\n", r.ID, r.Name, r.Doc.Title, r.Doc.Why)
	fmt.Fprintf(&m, "## %s %s\n\n%s\n\n### Why\n\n%s\n", r.ID, r.Name, r.Doc.Title, r.Doc.Why)
	if r.Doc.Example != "" {
		fmt.Fprintf(&t, "\nExample:\n%s\n", r.Doc.Example)
		fmt.Fprintf(&m, "\n### Example\n\n```js\n%s\n```\n", r.Doc.Example)
	}
	if r.Doc.Fix != "" {
		fmt.Fprintf(&t, "\nFix: %s\n", r.Doc.Fix)
		fmt.Fprintf(&m, "\n### Fix\n\n%s\n", r.Doc.Fix)
	}
	if r.Doc.Ref != "" {
		fmt.Fprintf(&t, "\nReference: %s\n", r.Doc.Ref)
		fmt.Fprintf(&m, "\n### Reference\n\n<%s>\n", r.Doc.Ref)
	}
	return t.String(), m.String()
}

// sentence ends s with a period (SARIF messages are sentences).
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") {
		return s
	}
	return s + "."
}

// rule returns the index of a rule's descriptor, adding it when new.
func (b *sarifBuilder) rule(r *rules.Rule) uint {
	if i, ok := b.ruleIndex[r.ID]; ok {
		return i
	}
	text, md := ruleHelp(r)
	d := &sarif.ReportingDescriptor{
		ID:                   r.ID,
		Name:                 ptr(pascal(r.Name)),
		ShortDescription:     &sarif.MultiformatMessageString{Text: ptr(sentence(r.Doc.Title))},
		FullDescription:      &sarif.MultiformatMessageString{Text: ptr(sentence(r.Doc.Why))},
		Help:                 &sarif.MultiformatMessageString{Text: ptr(text), Markdown: ptr(md)},
		HelpURI:              ptr(r.HelpURI()),
		DefaultConfiguration: &sarif.ReportingConfiguration{Level: Level(r.Severity)},
		Properties: sarif.Properties{
			"category":         string(r.Category),
			"kebabName":        r.Name,
			"tags":             []string{"power-bi", "certification", string(r.Category)},
			"problem.severity": Level(r.Severity),
		},
	}
	i := uint(len(b.run.Tool.Driver.Rules))
	b.run.Tool.Driver.Rules = append(b.run.Tool.Driver.Rules, d)
	b.ruleIndex[r.ID] = i
	return i
}

// pascal turns a kebab-case name into PascalCase (SARIF's convention for
// reportingDescriptor.name); the kebab name is kept in properties.
func pascal(s string) string {
	var sb strings.Builder
	for _, p := range strings.Split(s, "-") {
		if p == "" {
			continue
		}
		sb.WriteString(strings.ToUpper(p[:1]) + p[1:])
	}
	return sb.String()
}

// URI turns a path as given on the command line into a SARIF URI:
// relative paths stay relative (GitHub resolves them against the
// repository), absolute ones become file: URIs.
func URI(p string) string {
	p = filepath.ToSlash(p)
	if p == "-" {
		return "stdin.pbiviz"
	}
	abs := strings.HasPrefix(p, "/") || filepath.IsAbs(filepath.FromSlash(p))
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	out := strings.Join(segs, "/")
	out = strings.TrimPrefix(out, "./")
	if abs {
		if !strings.HasPrefix(out, "/") {
			out = "/" + out
		}
		return "file://" + out
	}
	return out
}

// artifact returns the index of an artifact, adding it when new.
func (b *sarifBuilder) artifact(uri string, parent *uint, roles ...string) uint {
	key := uri
	if parent != nil {
		key = fmt.Sprintf("%d/%s", *parent, uri)
	}
	if i, ok := b.artifacts[key]; ok {
		return i
	}
	a := &sarif.Artifact{Location: &sarif.ArtifactLocation{URI: ptr(uri)}, ParentIndex: parent, Length: -1, Roles: roles}
	i := uint(len(b.run.Artifacts))
	a.Location.Index = ptr(i)
	b.run.Artifacts = append(b.run.Artifacts, a)
	b.artifacts[key] = i
	return i
}

func (b *sarifBuilder) add(r result.Result) {
	if r.Error != "" {
		uri := URI(r.Path)
		ok := false
		b.inv.ExecutionSuccessful = &ok
		b.inv.ToolExecutionNotifications = append(b.inv.ToolExecutionNotifications, &sarif.Notification{
			Level:   "error",
			Message: &sarif.Message{Text: ptr(sentence(r.Path + ": " + r.Error))},
			Locations: []*sarif.Location{{PhysicalLocation: &sarif.PhysicalLocation{
				ArtifactLocation: &sarif.ArtifactLocation{URI: ptr(uri)}}}},
		})
		return
	}
	for i := range r.Findings {
		b.result(r, &r.Findings[i])
	}
}

func (b *sarifBuilder) result(r result.Result, f *result.Finding) {
	rl := rules.Lookup(f.Rule)
	if rl == nil || rl.ID != f.Rule {
		rl = &rules.Rule{ID: f.Rule, Name: f.Name, Category: f.Category, Severity: f.Severity,
			Doc: rules.Doc{Title: f.Message, Why: f.Message}}
	}
	idx := b.rule(rl)
	res := &sarif.Result{
		RuleID:    ptr(f.Rule),
		RuleIndex: ptr(idx),
		Level:     ptr(Level(f.Severity)),
		Message:   sarif.Message{Text: ptr(sentence(f.Message))},
		PartialFingerprints: map[string]interface{}{
			FingerprintVersion: f.Fingerprint,
		},
	}
	props := sarif.Properties{"category": string(f.Category), "api": f.API}
	if f.Idiom != "" {
		props["idiom"] = f.Idiom
	}
	if f.Origin != nil {
		props["origin"] = f.Origin
	}
	if f.Snippet != "" {
		props["snippet"] = f.Snippet
	}
	if r.Visual.GUID != "" {
		props["visualGuid"] = r.Visual.GUID
	}
	if rt := f.Runtime; rt != nil {
		// check --dynamic: what the run reached at this finding
		props["runtime"] = map[string]any{"phase": rt.Phase, "target": rt.Target, "reportData": rt.ReportData, "observed": rt.Observed}
	}
	res.Properties = props

	loc := &sarif.Location{}
	phys := &sarif.PhysicalLocation{}
	region, ctx := regions(f)
	if r.Kind == "project" {
		file := filepath.ToSlash(f.Location.File)
		p := filepath.ToSlash(r.Path)
		if !strings.HasPrefix(file, p) {
			file = path.Join(p, file)
		}
		uri := URI(file)
		i := b.artifact(uri, nil, "analysisTarget")
		phys.ArtifactLocation = &sarif.ArtifactLocation{URI: ptr(uri), Index: ptr(i)}
		phys.Region = region
		phys.ContextRegion = ctx
	} else {
		uri := URI(r.Path)
		pi := b.artifact(uri, nil, "analysisTarget")
		entry, part, _ := strings.Cut(f.Location.File, "#")
		if entry != "" {
			b.artifact(entry, &pi)
		}
		phys.ArtifactLocation = &sarif.ArtifactLocation{URI: ptr(uri), Index: ptr(pi)}
		phys.Region = region
		phys.ContextRegion = ctx
		name := part
		if name == "" {
			name = entry
		}
		loc.LogicalLocations = append(loc.LogicalLocations, &sarif.LogicalLocation{
			Name: ptr(name), FullyQualifiedName: ptr(f.Location.File), Kind: ptr("module"),
		})
	}
	if f.Function != "" {
		loc.LogicalLocations = append(loc.LogicalLocations, &sarif.LogicalLocation{
			Name: ptr(lastSegment(f.Function)), FullyQualifiedName: ptr(f.Function), Kind: ptr("function"),
		})
	}
	loc.PhysicalLocation = phys
	res.Locations = []*sarif.Location{loc}
	b.run.Results = append(b.run.Results, res)
}

func lastSegment(fn string) string {
	if i := strings.LastIndexByte(fn, '.'); i >= 0 {
		return fn[i+1:]
	}
	return fn
}

// regions returns a finding's region and its context region. The region
// spans the token at the finding (an identifier, a string literal, a CSS
// at-rule, else one character), as found in the snippet, with an explicit
// end; a finding without a position gets the file's first line, as a
// whole-file region. The context region is the snippet's window of the line, given only
// when it is larger than the region (SARIF1008: a proper superset).
func regions(f *rules.Finding) (region, ctx *sarif.Region) {
	if f.Location.Line <= 0 {
		// a finding about the whole part (an event the program never
		// reports) or about a file that is missing: its first line on
		return &sarif.Region{StartLine: ptr(1), EndLine: ptr(1)}, nil
	}
	col := max(f.Location.Column, 1)
	text, caret := f.Snippet, f.Caret
	if t, ok := strings.CutPrefix(text, "…"); ok {
		text, caret = t, caret-1
	}
	text = strings.TrimSuffix(text, "…")
	runes := []rune(text)
	tok := 1
	if caret >= 0 && caret < len(runes) && f.Location.Column > 0 {
		tok = tokenLen(runes[caret:])
	} else {
		runes = nil
	}
	region = &sarif.Region{StartLine: ptr(f.Location.Line), StartColumn: ptr(col),
		EndLine: ptr(f.Location.Line), EndColumn: ptr(col + tok)}
	if f.Location.Offset >= 0 {
		region.ByteOffset = ptr(f.Location.Offset)
		n := 1
		if runes != nil {
			n = len(string(runes[caret : caret+tok]))
		}
		region.ByteLength = ptr(n)
	}
	if runes == nil || len(runes) <= tok {
		return region, nil
	}
	start := col - caret
	if start < 1 {
		return region, nil
	}
	return region, &sarif.Region{StartLine: ptr(f.Location.Line), StartColumn: ptr(start),
		EndLine: ptr(f.Location.Line), EndColumn: ptr(start + len(runes)), Snippet: &sarif.ArtifactContent{Text: ptr(text)}}
}

// tokenLen is the length in characters of the token that starts s: an
// identifier or number (CSS at-rules and hex colours with their prefix), a
// quoted string up to its closing quote (or the end of s), else one
// character. s is not empty.
func tokenLen(s []rune) int {
	word := func(r rune) bool {
		return r == '_' || r == '$' || unicode.IsLetter(r) || unicode.IsDigit(r)
	}
	switch c := s[0]; {
	case c == '"' || c == '\'' || c == '`':
		for i := 1; i < len(s); i++ {
			switch s[i] {
			case '\\':
				i++
			case c:
				return i + 1
			}
		}
		return len(s)
	case c == '@' || c == '#' || word(c):
		i := 1
		for i < len(s) && (word(s[i]) || s[i] == '-' && c == '@') {
			i++
		}
		return i
	}
	return 1
}
