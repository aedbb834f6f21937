package report

import (
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"

	"github.com/pbicert/pbicert/internal/htmlpage"
	"github.com/pbicert/pbicert/result"
)

// HTML writes one self-contained page for the run (check --format html):
// inline CSS, no script, no remote asset. A summary table of the inputs
// when there are several, then a section per input: its verdict (pass or
// fail at its --fail-on, as the exit code decides, with the certification
// blockers and warnings counted), its findings grouped by category with the
// code window and the library they come from, and what a dynamic run
// observed. Every text goes through html/template's escaping.
func HTML(w io.Writer, results []result.Result, o Options) error {
	p := htmlPage{Version: o.Version, Summary: SummaryLine(results, o), Multi: len(results) > 1}
	for i, r := range results {
		p.Visuals = append(p.Visuals, htmlVisualOf(i, r, o.threshold(i)))
	}
	if len(results) == 1 {
		p.Title = p.Visuals[0].Title
	} else {
		p.Title = fmt.Sprintf("%d inputs", len(results))
	}
	return htmlTemplate.Execute(w, p)
}

// htmlCSS is the check report's style after the shared sheet.
const htmlCSS = htmlpage.CSS + `
.visual{margin-top:18px}.ident td,.ident th{padding:2px 8px}.ident{width:auto}
.verdict-s{display:inline-block;padding:0 8px;border-radius:3px;font-weight:700}.reason{margin-left:10px}h4.cat{font-size:14px;margin:16px 0 6px}
.finding{margin:8px 0 14px;padding:6px 10px;border-left:4px solid #ddd}.f-error{border-left-color:#a4262c}.f-warning{border-left-color:#c19c00}.f-info{border-left-color:#005a9e}
.finding p{margin:2px 0}.rule{font-weight:700}.loc{color:#605e5c}.origin{color:#8764b8;font-weight:600}
pre.code{margin-top:4px}.ln{display:inline-block;min-width:3.5em;color:#8a8886;user-select:none}.hit{background:#fff4ce}
.counts td{text-align:right}.counts td:nth-child(-n+3){text-align:left}
@media print{.finding{break-inside:avoid}.hit{background:none;font-weight:700}h4{break-after:avoid}}`

type htmlPage struct {
	Title, Version, Summary string
	Multi                   bool
	Visuals                 []htmlVisual
}

type htmlVisual struct {
	ID, Title, Path, Kind   string
	Visual                  result.Visual
	Error                   string
	Verdict, Class, Reason  string
	Errors, Warnings, Infos int
	Categories              []htmlCategory
	Notes                   []string
	Dynamic                 *htmlDynamic
	// the inventory: hosts, every endpoint, the libraries shipped (the
	// SBOM's components; a project's development-only packages counted)
	Hosts     []htmlHost
	Contacts  []string
	Endpoints []result.Endpoint
	Libraries []htmlLibrary
	DevLibs   int
}

type htmlHost struct {
	result.Host
	Status, Class string
}

type htmlLibrary struct {
	result.Library
	ID, How string
}

type htmlCategory struct {
	ID, Title string
	// Total is the number of findings of the category; Findings the
	// first htmlFindingsShown of them, the most severe first; More says
	// what is left out
	Total    int
	Findings []htmlFinding
	More     string
}

// htmlFindingsShown caps the findings listed per category and input: a
// bundle with thousands of findings of one rule would otherwise make a page
// of hundreds of printed pages. The JSON report lists every finding.
const htmlFindingsShown = 50

// htmlCategoryOf lists fs, the most severe first (each severity in the
// order found), cut to htmlFindingsShown with a line for the rest.
func htmlCategoryOf(id, title string, fs []htmlFinding) htmlCategory {
	c := htmlCategory{ID: id, Title: title, Total: len(fs)}
	sorted := slices.Clone(fs)
	slices.SortStableFunc(sorted, func(a, b htmlFinding) int { return int(b.Severity) - int(a.Severity) })
	if len(sorted) <= htmlFindingsShown {
		c.Findings = sorted
		return c
	}
	c.Findings = sorted[:htmlFindingsShown]
	var left [3]int // error, warning, info
	for _, f := range sorted[htmlFindingsShown:] {
		switch f.Severity {
		case result.Error:
			left[0]++
		case result.Warning:
			left[1]++
		default:
			left[2]++
		}
	}
	var parts []string
	for i, n := range left {
		if n > 0 {
			parts = append(parts, plural(n, []string{"error", "warning", "info"}[i]))
		}
	}
	name := strings.SplitN(title, ":", 2)[0] // "Network", "DOM injection"
	if len(name) > 1 && name[1] >= 'a' && name[1] <= 'z' {
		name = strings.ToLower(name[:1]) + name[1:]
	}
	c.More = fmt.Sprintf("… and %d more %s findings not shown here (%s): the JSON report (--format json) lists every finding.",
		len(sorted)-htmlFindingsShown, name, strings.Join(parts, ", "))
	return c
}

type htmlFinding struct {
	result.Finding
	Sev, Where, OriginText, OriginAdvice string
	// OriginID is the anchor of the origin's row in the libraries table
	// ("" when the library is not listed).
	OriginID string
	Code     []htmlLine
}

type htmlLine struct {
	No              int
	Pre, Mark, Post string
	Hit             bool
}

type htmlDynamic struct {
	result.Dynamic
	ReportData bool
	Storage    []htmlFinding
	Sinks      []htmlFinding
}

// categoryTitles orders and names the contract's categories.
var categoryTitles = []struct {
	c     result.Category
	title string
}{
	{result.Network, "Network: requests to services outside the visual"},
	{result.DynamicCode, "Dynamic code: code built from strings at run time"},
	{result.Storage, "Storage: data kept in the browser"},
	{result.DOMInjection, "DOM injection: markup written from data"},
	{result.Obfuscation, "Obfuscation: access that cannot be read statically"},
	{result.Manifest, "Manifest: capabilities, privileges, metadata"},
	{result.Requirement, "Requirements: what certification requires the code to do"},
}

func htmlVisualOf(i int, r result.Result, threshold result.Severity) htmlVisual {
	v := htmlVisual{ID: fmt.Sprintf("v%d", i+1), Path: r.Path, Kind: r.Kind, Visual: r.Visual, Error: r.Error, Notes: r.Notes}
	v.Title = r.Visual.DisplayName
	if v.Title == "" {
		v.Title = r.Visual.Name
	}
	if v.Title == "" {
		v.Title = r.Path
	}
	failing := 0
	for _, f := range r.Findings {
		switch f.Severity {
		case result.Error:
			v.Errors++
		case result.Warning:
			v.Warnings++
		default:
			v.Infos++
		}
		if threshold != 0 && f.Severity >= threshold {
			failing++
		}
	}
	counts := fmt.Sprintf("%s, %s, %s", plural(v.Errors, "certification blocker"), plural(v.Warnings, "warning"), plural(v.Infos, "info"))
	switch {
	case r.Error != "":
		v.Verdict, v.Class, v.Reason = "NOT CHECKED", "v-none", "the input could not be read"
	case failing > 0:
		v.Verdict, v.Class, v.Reason = "FAIL", "v-bad", fmt.Sprintf("%s (%d at or above --fail-on %s)", counts, failing, threshold)
	case threshold == 0:
		v.Verdict, v.Class, v.Reason = "PASS", "v-good", counts+" (--fail-on never: nothing fails the run)"
		if v.Errors > 0 {
			v.Class = "v-bad"
		}
	default:
		v.Verdict, v.Class, v.Reason = "PASS", "v-good", fmt.Sprintf("%s (none at or above --fail-on %s)", counts, threshold)
	}
	libID := map[string]string{}
	for i, l := range r.Libraries {
		if l.Dev {
			v.DevLibs++
			continue
		}
		hl := htmlLibrary{Library: l, ID: fmt.Sprintf("%s-lib%d", v.ID, i+1), How: strings.Join(l.Evidence, "; ")}
		if r.Kind == "project" {
			hl.How = "package-lock.json, transitive dependency"
			if l.Direct {
				hl.How = "package-lock.json, named in package.json"
			}
		}
		libID[l.Name+"@"+l.Version] = hl.ID
		v.Libraries = append(v.Libraries, hl)
	}
	v.Endpoints = r.Endpoints
	v.Hosts, v.Contacts = htmlHosts(r.Endpoints)
	byCat := map[result.Category][]htmlFinding{}
	for _, f := range r.Findings {
		h := htmlFindingOf(r, f)
		if f.Origin != nil {
			h.OriginID = libID[f.Origin.Name+"@"+f.Origin.Version]
		}
		byCat[f.Category] = append(byCat[f.Category], h)
	}
	for _, c := range categoryTitles {
		if fs := byCat[c.c]; len(fs) > 0 {
			v.Categories = append(v.Categories, htmlCategoryOf(v.ID+"-"+string(c.c), c.title, fs))
			delete(byCat, c.c)
		}
	}
	for _, f := range r.Findings { // a category outside the contract's list
		if fs, ok := byCat[f.Category]; ok {
			v.Categories = append(v.Categories, htmlCategoryOf(v.ID+"-"+string(f.Category), string(f.Category), fs))
			delete(byCat, f.Category)
		}
	}
	if d := r.Dynamic; d != nil {
		hd := &htmlDynamic{Dynamic: *d}
		for _, q := range d.Requests {
			hd.ReportData = hd.ReportData || q.ReportData
		}
		for _, f := range r.Findings {
			if f.Runtime == nil {
				continue
			}
			hd.ReportData = hd.ReportData || f.Runtime.ReportData
			switch f.Category {
			case result.Storage:
				hd.Storage = append(hd.Storage, htmlFindingOf(r, f))
			case result.DynamicCode, result.DOMInjection:
				hd.Sinks = append(hd.Sinks, htmlFindingOf(r, f))
			}
		}
		v.Dynamic = hd
	}
	return v
}

func htmlFindingOf(r result.Result, f result.Finding) htmlFinding {
	h := htmlFinding{Finding: f, Sev: f.Severity.String(), Where: f.Location.String()}
	h.OriginText = f.Origin.String()
	h.OriginAdvice = f.OriginAdvice()
	if w := f.Window; w != nil {
		for i, l := range w.Lines {
			hl := htmlLine{No: w.First + i, Pre: l}
			if i == w.Hit {
				hl.Hit = true
				rs := []rune(l)
				at := min(max(w.Caret, 0), len(rs))
				end := at
				switch {
				case end < len(rs) && (rs[end] == '"' || rs[end] == '\''):
					// a string: up to its closing quote
					q := rs[end]
					for end++; end < len(rs) && rs[end] != q; end++ {
						if rs[end] == '\\' {
							end++
						}
					}
					end = min(end+1, len(rs))
				default:
					// a name or a member chain (this.root.innerHTML)
					for end < len(rs) && (isWordRune(rs[end]) || rs[end] == '.' && end+1 < len(rs) && isWordRune(rs[end+1])) {
						end++
					}
					if end == at && end < len(rs) {
						end++
					}
					if string(rs[at:end]) == "new" && end+1 < len(rs) && rs[end] == ' ' && isWordRune(rs[end+1]) {
						for end++; end < len(rs) && isWordRune(rs[end]); end++ {
						}
					}
				}
				hl.Pre, hl.Mark, hl.Post = string(rs[:at]), string(rs[at:end]), string(rs[end:])
			}
			h.Code = append(h.Code, hl)
		}
	}
	return h
}

// htmlHosts is the host table of the endpoint inventory: each host with
// its sources and how WebAccess treats it, and the hosts the code contacts
// (static or run time), sorted: the allowlist an IT team needs.
func htmlHosts(eps []result.Endpoint) ([]htmlHost, []string) {
	var declared []string
	for _, e := range eps {
		if e.Source == "manifest" {
			declared = append(declared, e.Host)
		}
	}
	allowed := func(h string) bool {
		for _, d := range declared {
			if d == h || d == "*" || strings.HasPrefix(d, "*.") && strings.HasSuffix(h, d[1:]) {
				return true
			}
		}
		return false
	}
	var out []htmlHost
	var contacts []string
	for _, h := range result.Hosts(eps) {
		hh := htmlHost{Host: h}
		used := slices.Contains(h.Sources, "static") || slices.Contains(h.Sources, "runtime")
		switch {
		case strings.Contains(h.Host, "*"):
			hh.Status, hh.Class = "wildcard in WebAccess: allows hosts nobody listed", "warn"
		case used && allowed(h.Host):
			hh.Status, hh.Class = "contacted, allowed by WebAccess", "ok"
		case used:
			hh.Status, hh.Class = "contacted, not in WebAccess: Power BI blocks these requests", "bad"
		default:
			hh.Status, hh.Class = "in WebAccess, no request to it found", "warn"
		}
		if used {
			contacts = append(contacts, h.Host)
		}
		out = append(out, hh)
	}
	return out, contacts
}

func isWordRune(r rune) bool {
	return r == '_' || r == '$' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

var htmlTemplate = template.Must(template.New("check").Funcs(template.FuncMap{
	"css": func() template.CSS { return template.CSS(htmlCSS) },
}).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>pbicert check: {{.Title}}</title><style>{{css}}</style></head><body>
<h1>pbicert check</h1>
<p class="muted">pbicert {{.Version}} · certification check of Power BI custom visuals</p>
<p id="summary-line"><b>{{.Summary}}</b></p>
{{- if .Multi}}
<table id="summary" class="counts"><tr><th>visual</th><th>input</th><th>verdict</th><th>blockers</th><th>warnings</th><th>infos</th></tr>
{{- range .Visuals}}
<tr><td><a href="#{{.ID}}">{{.Title}}</a></td><td><code>{{.Path}}</code></td><td><span class="{{.Class}} verdict-s">{{.Verdict}}</span></td><td>{{.Errors}}</td><td>{{.Warnings}}</td><td>{{.Infos}}</td></tr>
{{- end}}
</table>
{{- end}}
{{range $i, $v := .Visuals}}
<section class="visual{{if $i}} page{{end}}" id="{{.ID}}">
<h2>{{.Title}}</h2>
<table class="ident"><tr><th>input</th><td><code>{{.Path}}</code> ({{.Kind}})</td></tr>
{{- if .Visual.GUID}}<tr><th>guid</th><td><code>{{.Visual.GUID}}</code></td></tr>{{end}}
{{- if .Visual.Version}}<tr><th>version</th><td>{{.Visual.Version}}</td></tr>{{end}}
{{- if .Visual.APIVersion}}<tr><th>API version</th><td>{{.Visual.APIVersion}}</td></tr>{{end}}</table>
<p><span class="verdict {{.Class}}" id="{{.ID}}-verdict">{{.Verdict}}</span><span class="reason" id="{{.ID}}-reason">{{.Reason}}</span></p>
{{- if .Error}}
<p class="bad" id="{{.ID}}-error">{{.Error}}</p>
{{- end}}
{{- range .Notes}}
<p class="muted">note: {{.}}</p>
{{- end}}
{{- if not .Error}}
<h3>Findings</h3>
{{- if not .Categories}}
<p class="ok">No finding.</p>
{{- end}}
{{- range .Categories}}
<h4 class="cat" id="{{.ID}}">{{.Title}} ({{.Total}})</h4>
{{- range .Findings}}
<div class="finding f-{{.Sev}}">
<p><span class="sev sev-{{.Sev}}">{{.Sev}}</span> <span class="rule">{{.Rule}}</span> {{.Name}} <code>{{.API}}</code>: <span class="msg">{{.Message}}</span></p>
<p class="loc"><code class="where">{{.Where}}</code>{{if .Function}} in function <code>{{.Function}}</code>{{end}}</p>
{{- if .OriginText}}
<p class="origin">in {{if .OriginID}}<a href="#{{.OriginID}}">{{.OriginText}}</a>{{else}}{{.OriginText}}{{end}}: {{.OriginAdvice}}</p>
{{- end}}
{{- if .Idiom}}
<p class="muted">known library idiom: {{.Idiom}}</p>
{{- end}}
{{- with .Runtime}}
<p class="runtime">observed at run time ({{.Phase}}){{if .Target}}: <code>{{.Target}}</code>{{end}}{{if .ReportData}} <b class="bad">carries report data</b>{{end}}</p>
{{- end}}
{{- if .Code}}
<pre class="code">{{range .Code}}<span class="ln">{{.No}}</span>{{if .Hit}}<span class="hit">{{.Pre}}<mark>{{.Mark}}</mark>{{.Post}}</span>{{else}}{{.Pre}}{{end}}
{{end}}</pre>
{{- end}}
</div>
{{- end}}
{{- if .More}}
<p class="more muted" id="{{.ID}}-more">{{.More}}</p>
{{- end}}
{{- end}}
<h3 id="{{.ID}}-endpoints">Endpoints ({{len .Hosts}} host{{if ne (len .Hosts) 1}}s{{end}})</h3>
{{- if .Hosts}}
<p id="{{.ID}}-contacts">Hosts the visual contacts: {{range $j, $h := .Contacts}}{{if $j}}, {{end}}<code>{{$h}}</code>{{else}}none found{{end}}.</p>
<table class="hosts"><tr><th>host</th><th>found in</th><th>WebAccess</th></tr>
{{- range .Hosts}}
<tr><td><code>{{.Host.Host}}</code></td><td>{{range $j, $s := .Sources}}{{if $j}}, {{end}}{{$s}}{{end}}</td><td class="{{.Class}}">{{.Status}}</td></tr>
{{- end}}
</table>
<table class="endpoints"><tr><th>source</th><th>URL</th><th>API</th><th>location</th></tr>
{{- range .Endpoints}}
<tr><td>{{.Source}}</td><td><code>{{.URL}}</code></td><td><code>{{.API}}</code></td><td><code>{{.Location}}</code></td></tr>
{{- end}}
</table>
{{- else}}
<p class="ok">No external address found: no constant URL reaches a network sink and WebAccess lists no origin.</p>
{{- end}}
<h3 id="{{.ID}}-libraries">Third-party libraries ({{len .Libraries}})</h3>
{{- if .Libraries}}
<table class="sbom"><tr><th>library</th><th>version</th><th>licence</th><th>purl</th><th>how it was identified</th></tr>
{{- range .Libraries}}
<tr id="{{.ID}}"><td>{{.Name}}</td><td>{{if .Version}}{{.Version}}{{else}}<span class="muted">unknown</span>{{end}}</td><td>{{if .License}}{{.License}}{{else}}<span class="muted">unknown</span>{{end}}</td><td><code>{{.PURL}}</code></td><td>{{.How}}</td></tr>
{{- end}}
</table>
{{- else if eq .Kind "project"}}
<p>No runtime dependency in package-lock.json.</p>
{{- else}}
<p>No third-party library identified in the bundle (pbicert identifies the libraries of its fingerprint file, docs/libraries.md).</p>
{{- end}}
{{- if .DevLibs}}
<p class="muted">{{.DevLibs}} development-only packages of package-lock.json are not shipped and not listed; --format cyclonedx writes the full SBOM.</p>
{{- end}}
{{- with .Dynamic}}
<h3 id="{{$v.ID}}-dynamic">What the run observed (--dynamic)</h3>
<p>Phases completed: {{range $j, $p := .Completed}}{{if $j}}, {{end}}{{$p}}{{else}}none{{end}}.
{{- if .Error}} <span class="warn">Stopped: {{.Error}}</span>{{end}}
{{- if .RenderingEvents}} Rendering events: {{.RenderingEvents}}.{{end}}</p>
<p id="{{$v.ID}}-reportdata">Report data left the visual: {{if .ReportData}}<b class="bad">yes</b>{{else}}<b class="ok">no</b> (no observed request carried values of the data view){{end}}</p>
<h3>Requests ({{len .Requests}})</h3>
{{- if .Requests}}
<table><tr><th>URL</th><th>method</th><th>API</th><th>phase</th><th>report data</th><th>location</th></tr>
{{- range .Requests}}
<tr><td><code>{{.URL}}</code></td><td>{{.Method}}</td><td><code>{{.API}}</code></td><td>{{.Phase}}</td><td>{{if .ReportData}}<b class="bad">yes</b>{{else}}no{{end}}</td><td><code>{{.Location}}</code></td></tr>
{{- end}}
</table>
{{- else}}
<p class="ok">None.</p>
{{- end}}
<h3>Storage ({{len .Storage}})</h3>
{{- if .Storage}}
<table><tr><th>rule</th><th>what</th><th>phase</th><th>location</th></tr>
{{- range .Storage}}
<tr><td>{{.Rule}}</td><td><code>{{.Runtime.Target}}</code></td><td>{{.Runtime.Phase}}</td><td><code>{{.Where}}</code></td></tr>
{{- end}}
</table>
{{- else}}
<p class="ok">None.</p>
{{- end}}
<h3>Code and markup sinks ({{len .Sinks}})</h3>
{{- if .Sinks}}
<table><tr><th>rule</th><th>API</th><th>what it received</th><th>phase</th><th>location</th></tr>
{{- range .Sinks}}
<tr><td>{{.Rule}}</td><td><code>{{.API}}</code></td><td><code>{{.Runtime.Target}}</code></td><td>{{.Runtime.Phase}}</td><td><code>{{.Where}}</code></td></tr>
{{- end}}
</table>
{{- else}}
<p class="ok">None.</p>
{{- end}}
{{- end}}
{{- end}}
</section>
{{- end}}
</body></html>
`))
