package report

import (
	"bytes"
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
