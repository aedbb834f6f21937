package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pbicert/pbicert/internal/gen"
	"github.com/pbicert/pbicert/internal/htmlpage"
	"github.com/pbicert/pbicert/internal/libs"
	"github.com/pbicert/pbicert/result"
)

// writeFiles writes files (slash paths relative to dir).
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// libraryModule writes a module that a bundled library would be to
// internal/libs: eight of the library's fingerprint strings of its newest
// fingerprinted version (from the committed fingerprint file, sorted), its
// version constant, and a Function constructor (a finding inside it).
func libraryModule(t *testing.T, name string) string {
	t.Helper()
	db, err := libs.Default()
	if err != nil {
		t.Fatal(err)
	}
	l := db.Lookup(name)
	if l == nil || len(l.Versions) == 0 {
		t.Fatalf("%s is not in the fingerprint file", name)
	}
	newest := uint64(1) << (len(l.Versions) - 1)
	var strs []string
	for s, m := range l.Strings {
		if m&newest != 0 && regexp.MustCompile(`^[A-Za-z0-9 _.:,()-]{8,40}$`).MatchString(s) {
			strs = append(strs, s)
		}
	}
	sort.Strings(strs)
	if len(strs) < 8 {
		t.Fatalf("%s has %d plain fingerprint strings", name, len(strs))
	}
	q, _ := json.Marshal(strs[:8])
	return "var VERSION=\"" + l.Versions[len(l.Versions)-1] + "\";var messages=" + string(q) + ";\n" +
		"function template(s){return Function(\"obj\",\"return \"+s)}\nglobalThis.__lib={VERSION:VERSION,messages:messages,template:template};"
}

// reportInputs writes the inputs of the HTML report's tests and of the
// README screenshot into dir and returns their paths: a package with
// findings of five categories whose code contacts hosts (run with
// --dynamic, its request carries report data), a clean package, a project
// whose finding is inside an npm dependency (a library origin), and a file
// that is not a package.
func reportInputs(t *testing.T, dir string) []string {
	t.Helper()
	v := gen.WithFindings()
	v.Modules = append(v.Modules, libraryModule(t, "lodash"))
	writeGenPkg(t, dir, "findings.pbiviz", v)
	writeGenPkg(t, dir, "clean.pbiviz", gen.Clean())
	writeFiles(t, dir, map[string]string{
		"broken.pbiviz": "this is not a zip archive",
		"libvisual/pbiviz.json": `{"visual":{"name":"libVisual","displayName":"Library Visual","guid":"libVisual0123456789","visualClassName":"Visual","version":"2.1.0.0","description":"d","supportUrl":"https://contoso.com/s"},` +
			`"apiVersion":"5.11.0","author":{"name":"C","email":"c@contoso.com"},"capabilities":"capabilities.json"}`,
		"libvisual/capabilities.json": `{"privileges":[]}`,
		"libvisual/package.json":      `{"name":"libvisual","scripts":{"eslint":"npx eslint ."},"dependencies":{"tiny-get":"1.4.2"},"devDependencies":{"typescript":"5.5.4","eslint":"9.0.0","eslint-plugin-powerbi-visuals":"1.0.0"}}`,
		"libvisual/package-lock.json": `{"lockfileVersion":3,"packages":{"node_modules/tiny-get":{"version":"1.4.2","license":"MIT"}}}`,
		"libvisual/tsconfig.json":     `{"files":["src/visual.ts"]}`,
		"libvisual/.gitignore":        "node_modules/\n/.tmp\ndist\n",
		"libvisual/src/visual.ts": "import { getJSON } from \"tiny-get\";\nexport class Visual {\n    private e: any;\n    constructor(o: any) { this.e = o.host.eventService; }\n" +
			"    update(o: any): void {\n        this.e.renderingStarted(o);\n        try { getJSON(o.url); this.e.renderingFinished(o); } catch (x) { this.e.renderingFailed(o, String(x)); }\n    }\n}\n",
		"libvisual/node_modules/tiny-get/package.json": `{"name":"tiny-get","version":"1.4.2","license":"MIT","main":"lib/index.js"}`,
		"libvisual/node_modules/tiny-get/lib/index.js": "const util = require(\"./util\");\nexports.getJSON = function (u) { return util.get(u).then(function (r) { return r.json(); }); };\n",
		"libvisual/node_modules/tiny-get/lib/util.js":  "exports.get = function (u) {\n  return fetch(\"https://data.tiny-get.example/v1/\" + u);\n};\n",
	})
	return []string{"findings.pbiviz", "clean.pbiviz", "libvisual", "broken.pbiviz"}
}

// TestHTMLReportInChromium writes the HTML report of a run over several
// inputs (with --dynamic, and the JSON report of the same run), renders it
// in headless Chromium and checks the rendered page: each input's verdict,
// every finding's rule and location, the code window, the library origin,
// the hosts the run saw and whether report data left; then prints it to PDF
// and checks the pages. PBICERT_REPORT_SCREENSHOT=FILE also saves a
// screenshot (make screenshot).
func TestHTMLReportInChromium(t *testing.T) {
	browser := htmlpage.Chromium()
	if browser == "" {
		t.Skip("chromium not installed (Debian: apt-get install -y chromium); skipping the rendering test")
	}
	dir := t.TempDir()
	ins := reportInputs(t, dir)
	args := append([]string{"check", "--dynamic", "--format", "html", "--output", "report.html", "--format", "json", "--output", "report.json"}, ins...)
	_, stderr, code := runIn(t, dir, args...)
	if code != 2 { // broken.pbiviz could not be read
		t.Fatalf("exit %d, want 2; stderr %q", code, stderr)
	}
	var doc struct{ Results []result.Result }
	raw, err := os.ReadFile(filepath.Join(dir, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &doc); err != nil || len(doc.Results) != len(ins) {
		t.Fatalf("JSON report: %v, %d results", err, len(doc.Results))
	}
	page := filepath.Join(dir, "report.html")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dom, err := htmlpage.RunChromium(ctx, browser, t.TempDir(), "--dump-dom", "file://"+page)
	if err != nil {
		t.Fatal(err)
	}
	d := string(dom)
	has := func(what, s string) {
		t.Helper()
		if !strings.Contains(d, s) {
			t.Errorf("%s: %q not in the rendered page", what, s)
		}
	}
	has("summary line", "4 inputs checked:")
	has("summary table", `<table id="summary"`)
	verdicts := map[string]string{"findings.pbiviz": "FAIL", "clean.pbiviz": "PASS", "libvisual": "FAIL", "broken.pbiviz": "NOT CHECKED"}
	cats := map[result.Category]bool{}
	origins, libraries, sources := 0, 0, map[string]bool{}
	for i, r := range doc.Results {
		id := fmt.Sprintf("v%d", i+1)
		has(r.Path+" verdict", `id="`+id+`-verdict">`+verdicts[r.Path]+`<`)
		has(r.Path+" summary row", `<a href="#`+id+`">`)
		if r.Error != "" {
			has(r.Path+" error", `id="`+id+`-error">`+htmlText(r.Error)+`<`)
		}
		for _, f := range r.Findings {
			has(r.Path+" finding", `<span class="rule">`+f.Rule+`</span>`)
			has(r.Path+" "+f.Rule+" location", `<code class="where">`+htmlText(f.Location.String())+`</code>`)
			cats[f.Category] = true
			if f.Origin != nil {
				has(r.Path+" "+f.Rule+" origin", `">`+f.Origin.String()+`</a>: upgrade or replace the library, not your code</p>`)
				origins++
			}
		}
		for _, l := range r.Libraries {
			has(r.Path+" library", `<td>`+l.Name+`</td><td>`+l.Version+`</td><td>`+l.License+`</td><td><code>`+l.PURL+`</code></td>`)
			libraries++
		}
		for _, e := range r.Endpoints {
			has(r.Path+" host", `<tr><td><code>`+htmlText(e.Host)+`</code></td>`)
			has(r.Path+" endpoint", `<tr><td>`+e.Source+`</td><td><code>`+htmlText(e.URL)+`</code></td>`)
			sources[e.Source] = true
		}
	}
	if origins < 2 || libraries < 2 || !sources["static"] || !sources["runtime"] || !sources["manifest"] {
		t.Errorf("the inputs do not cover the inventory: %d findings with an origin, %d libraries, endpoint sources %v", origins, libraries, sources)
	}
	// the package's library (identified in its bundle) and the project's
	// (its node_modules and lock file)
	has("package library origin", `<a href="#v1-lib1">lodash `)
	has("project library origin", `<a href="#v3-lib1">tiny-get 1.4.2</a>`)
	// the hosts and how WebAccess treats them
	has("allowed host", `<tr><td><code>api.contoso.com</code></td><td>static, runtime, manifest</td><td class="ok">contacted, allowed by WebAccess</td></tr>`)
	has("wildcard", `<tr><td><code>*.contoso-cdn.net</code></td><td>manifest</td><td class="warn">wildcard in WebAccess`)
	has("undeclared host", `<tr><td><code>data.tiny-get.example</code></td><td>static</td><td class="bad">contacted, not in WebAccess: Power BI blocks these requests</td></tr>`)
	has("allowlist", `id="v1-contacts">Hosts the visual contacts: <code>api.contoso.com</code>.`)
	for _, c := range []result.Category{result.Network, result.DynamicCode, result.Storage, result.DOMInjection, result.Manifest} {
		if !cats[c] {
			t.Errorf("the inputs have no %s finding: the test does not cover that category", c)
		}
		has("category heading", `id="v1-`+string(c)+`"`)
	}
	// the code window: the lines around the finding in the project, the
	// finding's call marked
	has("code window", `<span class="ln">2</span><span class="hit">  return <mark>fetch</mark>(`)
	has("code window", `<span class="ln">1</span>exports.get = function (u) {`)
	// what the dynamic run saw
	has("report data", `id="v1-reportdata">Report data left the visual: <b class="bad">yes</b>`)
	has("request host", `<td><code>https://api.contoso.com/enrich?q=`)
	has("storage observed", `<code>localStorage.setItem`)
	if t.Failed() {
		t.Logf("rendered page:\n%s", d)
	}

	// print to PDF: every input's section starts a page
	pdf := filepath.Join(dir, "report.pdf")
	if _, err := htmlpage.RunChromium(ctx, browser, t.TempDir(), "--no-pdf-header-footer", "--print-to-pdf="+pdf, "file://"+page); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(pdf)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("no PDF: %v", err)
	}
	pages := len(regexp.MustCompile(`/Type\s*/Page\b`).FindAll(b, -1))
	if pages < len(ins) || pages > 3*len(ins) {
		t.Errorf("PDF has %d pages, want one or more per input (%d) and at most %d", pages, len(ins), 3*len(ins))
	}
	// on A4 (595 x 842 points: htmlpage's @page), numbered at the foot
	if m := regexp.MustCompile(`/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]`).FindSubmatch(b); m == nil {
		t.Error("the PDF has no page size")
	} else if w, _ := strconv.ParseFloat(string(m[1]), 64); math.Abs(w-595.3) > 2 {
		t.Errorf("PDF page %s x %s points, want A4 (595 x 842)", m[1], m[2])
	} else if h, _ := strconv.ParseFloat(string(m[2]), 64); math.Abs(h-841.9) > 2 {
		t.Errorf("PDF page %s x %s points, want A4 (595 x 842)", m[1], m[2])
	}
	if pdftotext, err := exec.LookPath("pdftotext"); err == nil {
		out, err := exec.CommandContext(ctx, pdftotext, "-layout", pdf, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		text := string(out)
		for _, s := range []string{"FAIL", "PASS", "NOT CHECKED", "NET001", "DYN002", "STO001", "DOM001", "MAN001", "in tiny-get 1.4.2", "pkg:npm/lodash@",
			"data.tiny-get.example", "Power BI blocks these requests",
			"node_modules/tiny-get/lib/util.js:2:10", "https://api.contoso.com/enrich?q=", "Report data left the visual: yes"} {
			if !strings.Contains(text, s) {
				t.Errorf("PDF text lacks %q", s)
			}
		}
		// the page numbers (pdftotext may drop the spaces around the slash)
		for _, n := range []int{1, pages} {
			if !regexp.MustCompile(fmt.Sprintf(`(?m)^\s*%d ?/ ?%d\s*$`, n, pages)).MatchString(text) {
				t.Errorf("PDF text lacks the page number %d / %d", n, pages)
			}
		}
		if n := strings.Count(text, "\f"); n != pages && n != pages-1 {
			t.Logf("pdftotext saw %d form feeds for %d pages", n, pages)
		}
	} else {
		t.Log("pdftotext not installed (Debian: poppler-utils): the PDF's text is not checked")
	}
	if os.Getenv("PBICERT_REPORT_KEEP") != "" {
		_ = os.WriteFile(os.Getenv("PBICERT_REPORT_KEEP")+".html", readFile(t, page), 0o644)
		_ = os.WriteFile(os.Getenv("PBICERT_REPORT_KEEP")+".pdf", b, 0o644)
	}
	t.Logf("page %d bytes, PDF %d bytes, %d pages", len(readFile(t, page)), len(b), pages)

	if shot := os.Getenv("PBICERT_REPORT_SCREENSHOT"); shot != "" {
		abs, _ := filepath.Abs(shot)
		h := os.Getenv("PBICERT_REPORT_SCREENSHOT_HEIGHT")
		if _, err := strconv.Atoi(h); err != nil {
			h = "1700"
		}
		if _, err := htmlpage.RunChromium(ctx, browser, t.TempDir(), "--hide-scrollbars", "--window-size=1100,"+h, "--screenshot="+abs, "file://"+page); err != nil {
			t.Fatalf("screenshot: %v", err)
		}
		t.Logf("screenshot written to %s", abs)
	}
}

func readFile(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// htmlText is s as Chromium serialises text: &, < and > escaped.
func htmlText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\u00a0", "&nbsp;").Replace(s)
}
