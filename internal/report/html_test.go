package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/pbicert/pbicert/result"
)

// The page escapes everything a visual controls (messages, targets, code)
// and stays self-contained: no script, no remote asset.
func TestHTMLEscapesAndIsSelfContained(t *testing.T) {
	hostile := `</pre><script src="https://evil.example/x.js"></script><img src=x onerror=alert(1)>`
	rs := []result.Result{{Path: "a.pbiviz", Kind: "package", Visual: result.Visual{DisplayName: hostile},
		Findings: []result.Finding{{Rule: "DOM001", Name: "no-inner-html", Category: result.DOMInjection, API: "innerHTML", Severity: result.Error,
			Message: hostile, Location: result.Location{File: "x#content.js", Line: 3, Column: 5},
			Runtime: &result.Runtime{Phase: "update", Target: hostile},
			Window:  &result.Window{First: 2, Lines: []string{"a()", "el.innerHTML=" + hostile, "b()"}, Hit: 1, Caret: 3}}},
		Dynamic: &result.Dynamic{Completed: []string{"load"}, Requests: []result.Request{{URL: "https://h.example/?" + hostile, API: "fetch", Phase: "update"}}}}}
	var buf bytes.Buffer
	if err := HTML(&buf, rs, Options{Version: "1.2.3", FailOn: result.Error}); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, bad := range []string{"<script", "<img", `src="http`, `href="http`, "@import", "url(", "</pre><"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	if !strings.Contains(page, `<span class="ln">3</span><span class="hit">el.<mark>innerHTML</mark>=&lt;/pre&gt;&lt;script`) {
		t.Errorf("code window not escaped and marked:\n%s", page)
	}
}

func TestHTMLVerdicts(t *testing.T) {
	f := func(s result.Severity) result.Finding {
		return result.Finding{Rule: "X001", Category: result.Network, Severity: s, Location: result.Location{File: "f", Line: 1, Column: 1}}
	}
	cases := []struct {
		name      string
		r         result.Result
		threshold result.Severity
		verdict   string
		reason    string
	}{
		{"clean", result.Result{Path: "a"}, result.Error, "PASS", "0 certification blockers, 0 warnings, 0 infos (none at or above --fail-on error)"},
		{"blocker", result.Result{Path: "a", Findings: []result.Finding{f(result.Error), f(result.Warning)}}, result.Error, "FAIL", "1 certification blocker, 1 warning, 0 infos (1 at or above --fail-on error)"},
		{"warnings below the gate", result.Result{Path: "a", Findings: []result.Finding{f(result.Warning)}}, result.Error, "PASS", "0 certification blockers, 1 warning, 0 infos (none at or above --fail-on error)"},
		{"warnings at the gate", result.Result{Path: "a", Findings: []result.Finding{f(result.Warning), f(result.Info)}}, result.Warning, "FAIL", "0 certification blockers, 1 warning, 1 info (1 at or above --fail-on warning)"},
		{"fail-on never", result.Result{Path: "a", Findings: []result.Finding{f(result.Error)}}, 0, "PASS", "1 certification blocker, 0 warnings, 0 infos (--fail-on never: nothing fails the run)"},
		{"unreadable", result.Result{Path: "a", Error: "a: not a zip"}, result.Error, "NOT CHECKED", "the input could not be read"},
	}
	for _, c := range cases {
		v := htmlVisualOf(0, c.r, c.threshold)
		if v.Verdict != c.verdict || v.Reason != c.reason {
			t.Errorf("%s: %s %q, want %s %q", c.name, v.Verdict, v.Reason, c.verdict, c.reason)
		}
	}
}

// The host table's cross-check of the code's hosts with WebAccess: an
// exact origin, a wildcard covering a host, a host WebAccess lacks, an
// origin no request goes to.
func TestHTMLHosts(t *testing.T) {
	ep := func(src, host string) result.Endpoint {
		return result.Endpoint{Source: src, Host: host, URL: "https://" + host + "/"}
	}
	hosts, contacts := htmlHosts([]result.Endpoint{
		ep("static", "api.contoso.com"), ep("runtime", "img.cdn.example"), ep("static", "evil.example"),
		ep("manifest", "api.contoso.com"), ep("manifest", "*.cdn.example"), ep("manifest", "old.contoso.com"),
		ep("static", "cdn.example"), // "*.cdn.example" does not cover the bare domain
	})
	got := map[string]string{}
	for _, h := range hosts {
		got[h.Host.Host] = h.Class + ": " + h.Status
	}
	want := map[string]string{
		"api.contoso.com": "ok: contacted, allowed by WebAccess",
		"img.cdn.example": "ok: contacted, allowed by WebAccess",
		"evil.example":    "bad: contacted, not in WebAccess: Power BI blocks these requests",
		"cdn.example":     "bad: contacted, not in WebAccess: Power BI blocks these requests",
		"*.cdn.example":   "warn: wildcard in WebAccess: allows hosts nobody listed",
		"old.contoso.com": "warn: in WebAccess, no request to it found",
	}
	for h, w := range want {
		if got[h] != w {
			t.Errorf("%s: %q, want %q", h, got[h], w)
		}
	}
	if strings.Join(contacts, " ") != "api.contoso.com cdn.example evil.example img.cdn.example" {
		t.Errorf("contacts %v", contacts)
	}
}

// A category with more findings than the page lists shows the most severe
// first, up to htmlFindingsShown, and says how many are left out and
// where they all are; the heading and the verdict count them all.
func TestHTMLCapsFindingsPerCategory(t *testing.T) {
	var fs []result.Finding
	add := func(n int, rule string, c result.Category, s result.Severity) {
		for i := range n {
			fs = append(fs, result.Finding{Rule: rule, Category: c, Severity: s, Message: "m",
				Location: result.Location{File: "x#content.js", Line: 1, Column: len(fs) + 1, Offset: len(fs)}, Function: fmt.Sprintf("%s-%d", rule, i)})
		}
	}
	add(3*htmlFindingsShown, "DOM002", result.DOMInjection, result.Warning)
	add(3, "DOM001", result.DOMInjection, result.Error) // the blockers come last in the bundle
	add(7, "DOM003", result.DOMInjection, result.Info)
	add(10, "STO001", result.Storage, result.Warning)
	var buf bytes.Buffer
	if err := HTML(&buf, []result.Result{{Path: "a.pbiviz", Kind: "package", Findings: fs}}, Options{FailOn: result.Error}); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	// the categories in the contract's order: storage, then DOM injection
	sto := page[strings.Index(page, `id="v1-storage"`):strings.Index(page, `id="v1-dom-injection"`)]
	dom := page[strings.Index(page, `id="v1-dom-injection"`):strings.Index(page, `id="v1-endpoints"`)]
	if n := strings.Count(dom, `<div class="finding`); n != htmlFindingsShown {
		t.Errorf("%d DOM findings listed, want %d", n, htmlFindingsShown)
	}
	if strings.Count(dom, `<span class="rule">DOM001</span>`) != 3 {
		t.Error("the blockers are not all listed")
	}
	if i, j := strings.Index(dom, "DOM001"), strings.Index(dom, "DOM002"); i < 0 || j < i {
		t.Error("the blockers are not listed first")
	}
	if strings.Contains(dom, "DOM003") {
		t.Error("an info is listed before all the warnings")
	}
	want := fmt.Sprintf(`(%d)</h4>`, 3*htmlFindingsShown+10)
	if !strings.Contains(dom, want) {
		t.Errorf("the heading does not count every finding (%s)", want)
	}
	more := fmt.Sprintf(`id="v1-dom-injection-more">… and %d more DOM injection findings not shown here (%d warnings, 7 infos): the JSON report (--format json) lists every finding.</p>`,
		2*htmlFindingsShown+10, 2*htmlFindingsShown+3)
	if !strings.Contains(dom, more) {
		t.Errorf("no line for the findings left out, want %s\n%s", more, dom[len(dom)-600:])
	}
	if strings.Count(sto, `<div class="finding`) != 10 || strings.Contains(sto, `-more"`) {
		t.Error("a category under the cap is not listed whole")
	}
	if !strings.Contains(page, "3 certification blockers, 160 warnings, 7 infos") {
		t.Error("the verdict does not count every finding")
	}
}
