package diff

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pbicert/pbicert/internal/htmlpage"
)

func TestHTMLIsSelfContained(t *testing.T) {
	dir := t.TempDir()
	v := uncertifiedVisual(0)
	u := buildVariant(t, dir, "u.pbiviz", v, variant{})
	c := buildVariant(t, dir, "c.pbiviz", v, variant{replace: map[string]string{"fetch(": "undefined(", `t.style.background="#118dff"`: `t.style.background="#ff0000"`}, reformat: true, noWebAccess: true})
	var buf bytes.Buffer
	if err := WriteHTML(&buf, compareFiles(t, c, u)); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, bad := range []string{"<script", "http-equiv", `src="http`, `href="http`, "@import", "url("} {
		if strings.Contains(page, bad) {
			t.Errorf("report contains %q: it must be self-contained", bad)
		}
	}
	if !strings.Contains(page, `<mark>&#34;#ff0000&#34;</mark>`) || !strings.Contains(page, `<mark>&#34;#118dff&#34;</mark>`) {
		t.Errorf("the changed colour is not highlighted on both sides")
	}
}

// TestHTMLRendersInChromium renders the report of a diverged pair in
// headless Chromium and checks that the verdict and the changed function
// are in the rendered DOM.
func TestHTMLRendersInChromium(t *testing.T) {
	browser := htmlpage.Chromium()
	if browser == "" {
		t.Skip("chromium not installed (Debian: apt-get install -y chromium); skipping the rendering test")
	}
	dir := t.TempDir()
	v := uncertifiedVisual(48 << 10)
	u := buildVariant(t, dir, "u.pbiviz", v, variant{})
	c := buildVariant(t, dir, "c.pbiviz", v, variant{replace: map[string]string{"fetch(": "undefined(", "e<o.length;": "e<o.length-1;"}, reformat: true, noWebAccess: true})
	r := compareFiles(t, c, u)
	if r.Verdict != Diverged || len(r.Code.Unexplained) == 0 {
		t.Fatalf("test pair should diverge: %+v", r.Code)
	}
	page := filepath.Join(dir, "report.html")
	var buf bytes.Buffer
	if err := WriteHTML(&buf, r); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	dom, err := htmlpage.RunChromium(ctx, browser, t.TempDir(), "--dump-dom", "file://"+page)
	if err != nil {
		t.Fatal(err)
	}
	d := string(dom)
	if !strings.Contains(d, `id="verdict">DIVERGED<`) {
		t.Errorf("verdict not in the rendered DOM")
	}
	for _, f := range r.Code.Unexplained {
		if !strings.Contains(d, `<h3 class="fname">`+f.Name+`</h3>`) {
			t.Errorf("changed function %s not in the rendered DOM", f.Name)
		}
	}
	for _, f := range r.Code.Explained {
		if !strings.Contains(d, `<h3 class="fname">`+f.Name+`</h3>`) {
			t.Errorf("explained function %s not in the rendered DOM", f.Name)
		}
	}
	if !strings.Contains(d, `<p id="remaining">`) || strings.Index(d, `id="remaining"`) < strings.Index(d, `id="verdict"`) {
		t.Errorf("the certified build's remaining errors are not shown apart, after the verdict")
	}
	if !strings.Contains(d, "<mark>") {
		t.Errorf("no highlighted token in the rendered DOM")
	}
	if shot := os.Getenv("PBICERT_DIFF_SCREENSHOT"); shot != "" {
		abs, _ := filepath.Abs(shot)
		if _, err := htmlpage.RunChromium(ctx, browser, t.TempDir(), "--window-size=1400,1800", "--screenshot="+abs, "file://"+page); err != nil {
			t.Fatalf("screenshot: %v", err)
		}
		t.Logf("screenshot written to %s", abs)
	}
}
