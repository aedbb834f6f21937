package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pbicert/pbicert/internal/gen"
)

// endpointsVisual requests what its code says under the WebAccess given.
func endpointsVisual(update, webAccess string) gen.Visual {
	v := gen.Clean()
	v.VisualModule = `class Visual{constructor(o){this.e=o.element}update(o){` + update + `}}`
	v.Privileges = json.RawMessage(`[{"name":"WebAccess","essential":true,"parameters":[` + webAccess + `]}]`)
	return v
}

// pbicert endpoints over a batch: a visual contacting a host WebAccess does
// not list, one declaring a host it never uses, one with a wildcard, and a
// broken file. Each gets its manifest finding from check, the allowlist
// names every host once, JSON carries each endpoint's source, and the
// broken input is named on standard error with exit code 2.
func TestE2EEndpoints(t *testing.T) {
	dir := t.TempDir()
	writeGenPkg(t, dir, "undeclared.pbiviz", endpointsVisual(`fetch("https://api.contoso.com/v1/q");fetch("https://tiles.fabrikam.com/z/1.png")`, `"https://api.contoso.com"`))
	writeGenPkg(t, dir, "unused.pbiviz", endpointsVisual(`fetch("https://api.contoso.com/v1/q")`, `"https://api.contoso.com","https://old.contoso.com"`))
	writeGenPkg(t, dir, "wildcard.pbiviz", endpointsVisual(`fetch("https://eu.contoso-cdn.net/x.json")`, `"https://*.contoso-cdn.net"`))
	if err := os.WriteFile(filepath.Join(dir, "broken.pbiviz"), []byte("not a zip"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, code := runIn(t, dir, "check", "--format", "json", "undeclared.pbiviz", "unused.pbiviz", "wildcard.pbiviz")
	if code != 1 {
		t.Fatalf("check: exit %d, stderr %q", code, stderr)
	}
	var doc struct {
		Results []struct {
			Path     string
			Findings []struct{ Rule, Message string }
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"undeclared.pbiviz": "MAN015 fetch request to https://tiles.fabrikam.com,", "unused.pbiviz": "MAN018 WebAccess allows https://old.contoso.com ", "wildcard.pbiviz": "MAN017 WebAccess origin https://*.contoso-cdn.net is a wildcard"}
	for _, r := range doc.Results {
		got := []string{}
		for _, f := range r.Findings {
			if strings.HasPrefix(f.Rule, "MAN01") && f.Rule != "MAN014" {
				got = append(got, f.Rule+" "+f.Message)
			}
		}
		if len(got) != 1 || !strings.HasPrefix(got[0], want[r.Path]) {
			t.Errorf("%s: manifest findings %q, want one %q", r.Path, got, want[r.Path])
		}
	}

	out, stderr, code = runIn(t, dir, "endpoints", "undeclared.pbiviz", "broken.pbiviz", "unused.pbiviz", "wildcard.pbiviz")
	if code != 2 || !strings.Contains(stderr, "pbicert: broken.pbiviz: ") || strings.Count(stderr, "\n") != 2 {
		t.Errorf("exit %d, stderr %q: want 2 and one line naming broken.pbiviz before the count", code, stderr)
	}
	if want := "*.contoso-cdn.net\napi.contoso.com\neu.contoso-cdn.net\nold.contoso.com\ntiles.fabrikam.com\n"; out != want {
		t.Errorf("allowlist:\n%s\nwant:\n%s", out, want)
	}
	out, _, _ = runIn(t, dir, "endpoints", "--source", "static", "undeclared.pbiviz", "unused.pbiviz", "wildcard.pbiviz")
	if want := "api.contoso.com\neu.contoso-cdn.net\ntiles.fabrikam.com\n"; out != want {
		t.Errorf("--source static:\n%s\nwant:\n%s", out, want)
	}
	out, _, code = runIn(t, dir, "endpoints", "--format", "json", "unused.pbiviz")
	var ej struct {
		Results []struct {
			Path      string
			Error     string
			Endpoints []struct {
				URL, Host, Source, API string
				Location               struct{ File string }
			}
		}
		Hosts []string
	}
	if err := json.Unmarshal([]byte(out), &ej); err != nil || code != 0 {
		t.Fatalf("exit %d, %v: %s", code, err, out)
	}
	eps := ej.Results[0].Endpoints
	if len(eps) != 3 || eps[0].Source != "static" || eps[0].URL != "https://api.contoso.com/v1/q" || eps[0].API != "fetch" || !strings.HasSuffix(eps[0].Location.File, "#content.js") ||
		eps[1].Source != "manifest" || eps[2].Host != "old.contoso.com" || strings.Join(ej.Hosts, " ") != "api.contoso.com old.contoso.com" {
		t.Errorf("json: %s", out)
	}
	if _, stderr, code := runIn(t, dir, "endpoints", "--source", "dns", "unused.pbiviz"); code != 2 || !strings.Contains(stderr, `unknown value "dns"`) {
		t.Errorf("--source dns: exit %d, %q", code, stderr)
	}
}

// A request whose URL the code assembles only at run time (a host decoded
// in a loop with a key from update's options): static analysis lists no host for it; with --dynamic the URL
// the run observed joins the endpoints as "runtime", its host not listed in
// WebAccess gets a MAN015 finding observed at run time, and the allowlist
// names it.
func TestE2ERuntimeEndpoints(t *testing.T) {
	dir := t.TempDir()
	// "https://data.fabrikam.com/v1", each character XOR 5: 4 plus the
	// number of data views update() receives (1 in the run), which static
	// analysis cannot know (a closed key, XOR 5, it would decode)
	code := `fetch("https://api.contoso.com/v1/q");var k="mqquv?**adqd+cdgwlndh+fjh*s4",s="",n=4+o.dataViews.length;for(var i=0;i<k.length;i++)s+=String.fromCharCode(k.charCodeAt(i)^n);fetch(s+"?rows="+o.dataViews.length)`
	writeGenPkg(t, dir, "assembled.pbiviz", endpointsVisual(code, `"https://api.contoso.com"`))
	out, stderr, exit := runIn(t, dir, "endpoints", "assembled.pbiviz")
	if exit != 0 || out != "api.contoso.com\n" {
		t.Fatalf("static: exit %d, %q, stderr %q", exit, out, stderr)
	}
	out, stderr, exit = runIn(t, dir, "endpoints", "--dynamic", "assembled.pbiviz")
	if exit != 0 || out != "api.contoso.com\ndata.fabrikam.com\n" {
		t.Fatalf("--dynamic: exit %d, %q, stderr %q", exit, out, stderr)
	}
	out, stderr, exit = runIn(t, dir, "check", "--dynamic", "--format", "json", "assembled.pbiviz")
	if exit != 1 {
		t.Fatalf("check --dynamic: exit %d, stderr %q", exit, stderr)
	}
	var doc struct {
		Results []struct {
			Findings []struct {
				Rule, Message string
				Runtime       *struct {
					Target   string
					Observed bool
				}
			}
			Endpoints []struct{ URL, Host, Source string }
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	r := doc.Results[0]
	rt := false
	for _, e := range r.Endpoints {
		if e.Source == "runtime" && e.Host == "data.fabrikam.com" && e.URL == "https://data.fabrikam.com/v1?rows=1" {
			rt = true
		}
	}
	if !rt {
		t.Errorf("no runtime endpoint for data.fabrikam.com: %+v", r.Endpoints)
	}
	man := 0
	for _, f := range r.Findings {
		if f.Rule == "MAN015" {
			man++
			if f.Runtime == nil || !f.Runtime.Observed || !strings.Contains(f.Message, "https://data.fabrikam.com") {
				t.Errorf("MAN015: %+v", f)
			}
		}
	}
	if man != 1 {
		t.Errorf("%d MAN015 findings, want 1 (the run-time host): %s", man, out)
	}
}
