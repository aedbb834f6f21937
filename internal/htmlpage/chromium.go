package htmlpage

import (
	"context"
	"fmt"
	"os/exec"
)

// Chromium returns the headless browser that renders the reports in tests
// and for the README screenshot ("" when none is installed; Debian's
// package is chromium, .ci/run installs it).
func Chromium() string {
	for _, n := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	return ""
}

// ChromiumArgs keeps the browser offline and stateless: profile is a fresh
// folder, extra the action (--dump-dom, --print-to-pdf=…, --screenshot=…)
// and the page's file:// address.
func ChromiumArgs(profile string, extra ...string) []string {
	return append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + profile}, extra...)
}

// RunChromium runs browser with ChromiumArgs and returns its standard
// output; the error carries its standard error.
func RunChromium(ctx context.Context, browser, profile string, extra ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, browser, ChromiumArgs(profile, extra...)...)
	var stderr limitedBuffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return out, fmt.Errorf("%s: %v\n%s", browser, err, stderr.b)
	}
	return out, nil
}

// limitedBuffer keeps the first 8 KB written to it.
type limitedBuffer struct{ b []byte }

func (l *limitedBuffer) Write(p []byte) (int, error) {
	if n := 8<<10 - len(l.b); n > 0 {
		l.b = append(l.b, p[:min(n, len(p))]...)
	}
	return len(p), nil
}
