package config

import (
	"errors"
	"strings"
	"testing"

	"github.com/pbicert/pbicert/lint"
	"github.com/pbicert/pbicert/pbiviz"
	"github.com/pbicert/pbicert/rules"
)

func parse(t *testing.T, src string) *Config {
	t.Helper()
	c, err := Parse("cfg.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func parseErr(t *testing.T, src string) *Error {
	t.Helper()
	_, err := Parse("cfg.yaml", []byte(src))
	var ce *Error
	if !errors.As(err, &ce) {
		t.Fatalf("want a configuration error, got %v", err)
	}
	return ce
}

func TestUnknownKeyNamesKeyAndLine(t *testing.T) {
	e := parseErr(t, "fail-on: error\nrules:\n  disable: [NET001]\n  disabel: [DOM001]\n")
	if e.Line != 4 || !strings.Contains(e.Msg, `"disabel"`) || !strings.HasPrefix(e.Error(), "cfg.yaml:4: ") {
		t.Errorf("got %v", e)
	}
	e = parseErr(t, "limits:\n  max-entries: 10\nsupress: []\n")
	if e.Line != 3 || !strings.Contains(e.Msg, `"supress"`) {
		t.Errorf("got %v", e)
	}
}

func TestBadValues(t *testing.T) {
	for src, want := range map[string]string{
		"rules:\n  disable: [NOPE01]\n":              "unknown rule",
		"severity:\n  NET001: fatal\n":               "unknown severity",
		"fail-on: sometimes\n":                       "fail-on",
		"allowed-origins: [api.example.com]\n":       "not an origin",
		"allowed-origins: [https://a.com/path]\n":    "not an origin",
		"limits:\n  max-entries: many\n":             "cannot unmarshal",
		"suppress:\n  - api: fetch\n    reason: x\n": "without a rule",
	} {
		e := parseErr(t, src)
		if !strings.Contains(e.Msg, want) || e.Line == 0 {
			t.Errorf("%q: got %v, want %q with a line", src, e, want)
		}
	}
}

func TestSuppressionWithoutReasonIsAnError(t *testing.T) {
	e := parseErr(t, "fail-on: error\nsuppress:\n  - rule: NET001\n    reason: ok\n  - rule: DYN002\n    api: Function\n    reason: \"  \"\n")
	if e.Line != 5 || !strings.Contains(e.Msg, "DYN002 has no reason") {
		t.Errorf("got %v", e)
	}
}

func TestApply(t *testing.T) {
	c := parse(t, "rules:\n  disable: [no-fetch, DOM001]\nseverity:\n  STO001: info\nfail-on: warning\nlimits:\n  max-entries: 7\n  max-js-bytes: 1000\n")
	opts := lint.Options{Limits: pbiviz.DefaultLimits()}
	th := rules.Error
	c.Apply(target(&opts, &th), nil)
	if th != rules.Warning || opts.Limits.MaxEntries != 7 || opts.Analyzer.MaxBytes != 1000 || opts.Severity["STO001"] != rules.Info {
		t.Errorf("threshold %v, limits %+v, analyzer %+v, severity %v", th, opts.Limits, opts.Analyzer, opts.Severity)
	}
	if len(opts.Rules) != len(rules.All())-2 {
		t.Errorf("%d rules, want all but 2", len(opts.Rules))
	}
	for _, r := range opts.Rules {
		if r.ID == "NET001" || r.ID == "DOM001" {
			t.Errorf("%s still enabled", r.ID)
		}
	}
	// flags win
	opts = lint.Options{Limits: pbiviz.DefaultLimits()}
	th = rules.Error
	c.Apply(target(&opts, &th), func(f string) bool { return f == "fail-on" || f == "max-entries" })
	if th != rules.Error || opts.Limits.MaxEntries != pbiviz.DefaultLimits().MaxEntries {
		t.Errorf("flags did not win: %v %d", th, opts.Limits.MaxEntries)
	}
	// enable is an allow-list
	c = parse(t, "rules:\n  enable: [NET001, STO001]\n  disable: [STO001]\n")
	opts = lint.Options{}
	c.Apply(target(&opts, nil), nil)
	if len(opts.Rules) != 1 || opts.Rules[0].ID != "NET001" {
		t.Errorf("rules %v", opts.Rules)
	}
}

func findings() []lint.Result {
	return []lint.Result{{Path: "dist/a.pbiviz", Kind: "package", Visual: lint.Visual{GUID: "aGUID", Name: "a"}, Findings: []rules.Finding{
		{Rule: "NET001", Name: "no-fetch", Category: rules.Network, API: "fetch", Severity: rules.Error, Message: "fetch",
			Snippet: `…load(e){return fetch("https://api.contoso.com/enrich?q="+e)…`, Function: "311.Visual.load"},
		{Rule: "NET001", Name: "no-fetch", Category: rules.Network, API: "fetch", Severity: rules.Error, Message: "fetch",
			Snippet: `…fetch(n.url)…`, Function: "311.Visual.other"},
		{Rule: "MAN001", Name: "web-access-privilege", Category: rules.Manifest, API: "WebAccess", Severity: rules.Error,
			Message: "WebAccess privilege allows requests to https://api.contoso.com, https://*.cdn.contoso.com"},
		{Rule: "DYN002", Name: "no-function-constructor", Category: rules.DynamicCode, API: "Function", Severity: rules.Error, Message: "x", Function: "12.Visual.compile.t"},
	}}, {Path: "proj", Kind: "project", Findings: []rules.Finding{
		{Rule: "DOM001", API: "innerHTML", Severity: rules.Error, Location: rules.Location{File: "src/vendor/lib.js"}},
		{Rule: "DOM001", API: "innerHTML", Severity: rules.Error, Location: rules.Location{File: "src/visual.ts"}},
	}}}
}

func TestAllowedOrigins(t *testing.T) {
	c := parse(t, "allowed-origins: [https://api.contoso.com, \"https://*.cdn.contoso.com\"]\n")
	rs, _ := c.Process(findings())
	fs := rs[0].Findings
	if fs[0].Severity != rules.Info || !strings.Contains(fs[0].Message, "allowed by configuration") {
		t.Errorf("constant URL of an allowed origin: %+v", fs[0])
	}
	if fs[1].Severity != rules.Error {
		t.Errorf("a computed URL was allowed: %+v", fs[1])
	}
	if fs[2].Severity != rules.Info {
		t.Errorf("WebAccess naming only allowed origins: %+v", fs[2])
	}
	c = parse(t, "allowed-origins: [https://api.contoso.com]\n")
	rs, _ = c.Process(findings())
	if rs[0].Findings[2].Severity != rules.Error {
		t.Error("WebAccess with one origin not allowed was lowered")
	}
	for u, want := range map[string]bool{"https://x.cdn.contoso.com/a": false, "https://api.contoso.com:443/": false, "http://api.contoso.com/": false, "https://api.contoso.com/x": true} {
		if got := c.OriginAllowed(u); got != want {
			t.Errorf("OriginAllowed(%s) = %v", u, got)
		}
	}
}

func TestSuppressionsAndUnused(t *testing.T) {
	c := parse(t, `suppress:
  - rule: no-fetch
    api: fetch
    function: Visual.load
    reason: our own backend in the uncertified build
  - rule: DYN002
    function: Visual.compile.*
    package: "dist/*.pbiviz"
    reason: reviewed
  - rule: DOM001
    file: "src/vendor/**"
    reason: vendored
  - rule: DOM003
    reason: stale
`)
	rs, unused := c.Process(findings())
	if len(unused) != 1 || unused[0].Rule != "DOM003" || unused[0].Where() != "cfg.yaml:13" {
		for _, u := range unused {
			t.Errorf("unused %s at %s", u.Describe(), u.Where())
		}
		t.FailNow()
	}
	var left []string
	for _, r := range rs {
		for _, f := range r.Findings {
			left = append(left, f.Rule+" "+f.Function+f.Location.File)
		}
	}
	want := "NET001 311.Visual.other,MAN001 ,DOM001 src/visual.ts"
	if strings.Join(left, ",") != want {
		t.Errorf("left %q, want %q", strings.Join(left, ","), want)
	}
	for _, r := range rs {
		note := strings.Join(r.Notes, "\n")
		if !strings.Contains(note, "unused suppression at cfg.yaml:13 (DOM003)") {
			t.Errorf("%s: notes %q lack the unused suppression", r.Path, r.Notes)
		}
	}
}

func target(opts *lint.Options, th *rules.Severity) Target {
	return Target{Rules: &opts.Rules, Severity: &opts.Severity, FailOn: th, Limits: &opts.Limits,
		MaxJSBytes: &opts.Analyzer.MaxBytes, MaxDepth: &opts.Analyzer.MaxDepth}
}
