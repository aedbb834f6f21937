package diff

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/pbicert/pbicert/internal/htmlpage"
	"github.com/pbicert/pbicert/rules"
)

// Formats lists the output formats of a diff report.
func Formats() []string { return []string{"text", "json", "html"} }

// Write writes r in the given format.
func Write(w io.Writer, format string, r *Report) error {
	switch format {
	case "text", "":
		return WriteText(w, r)
	case "json":
		return WriteJSON(w, r)
	case "html":
		return WriteHTML(w, r)
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats(), ", "))
}

// WriteJSON writes the contract's JSON document.
func WriteJSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

func locStr(l *rules.Location) string {
	if l == nil {
		return "(absent)"
	}
	return fmt.Sprintf("%d:%d", l.Line, l.Column)
}

func jsonStr(v any) string {
	if v == nil {
		return "(absent)"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// WriteText writes a terminal summary.
func WriteText(w io.Writer, r *Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "certified:   %s (%s %s, API %s)\n", r.Certified.Path, r.Certified.Visual.GUID, r.Certified.Visual.Version, r.Certified.Visual.APIVersion)
	fmt.Fprintf(&b, "uncertified: %s (%s %s, API %s)\n", r.Uncertified.Path, r.Uncertified.Visual.GUID, r.Uncertified.Visual.Version, r.Uncertified.Visual.APIVersion)
	fmt.Fprintf(&b, "verdict: %s\n", strings.ToUpper(r.Verdict))
	for _, s := range r.Reasons {
		fmt.Fprintf(&b, "  - %s\n", s)
	}
	b.WriteString(remainingLine(r) + "\n")
	for _, f := range r.CertifiedErrors {
		sh := "only certified"
		if f.Shared {
			sh = "shared"
		}
		fmt.Fprintf(&b, "  %s %s %s (%s): %s\n", f.Location, f.Rule, f.API, sh, f.Message)
	}
	if len(r.Manifest) > 0 {
		b.WriteString("\nmanifest:\n")
		for _, m := range r.Manifest {
			tag := "UNEXPLAINED"
			if m.Explained {
				tag = "explained: " + m.Why
			}
			fmt.Fprintf(&b, "  %s %s [%s]\n    uncertified: %s\n    certified:   %s\n", m.Path, m.Change, tag, jsonStr(m.Uncertified), jsonStr(m.Certified))
		}
	}
	for _, side := range []struct {
		title string
		fs    []rules.Finding
	}{{"findings only in the certified build", r.Findings.OnlyCertified}, {"findings only in the uncertified build", r.Findings.OnlyUncertified}} {
		if len(side.fs) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n%s:\n", side.title)
		for _, f := range side.fs {
			fmt.Fprintf(&b, "  %s %s %s %s: %s\n", f.Location, f.Severity, f.Rule, f.API, f.Message)
		}
	}
	fmt.Fprintf(&b, "\ncode: %d functions, %d identical, %d explained, %d unexplained\n",
		r.Code.Functions, r.Code.Identical, len(r.Code.Explained), len(r.Code.Unexplained))
	for _, c := range r.Code.Unexplained {
		fmt.Fprintf(&b, "  UNEXPLAINED %s (certified %s, uncertified %s): %s\n", c.Name, locStr(c.CertifiedLocation), locStr(c.UncertifiedLocation), c.Why)
	}
	for _, c := range r.Code.Explained {
		fmt.Fprintf(&b, "  explained   %s (certified %s, uncertified %s): %s\n", c.Name, locStr(c.CertifiedLocation), locStr(c.UncertifiedLocation), c.Why)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// remainingLine summarises the certified build's remaining errors, apart
// from the verdict.
func remainingLine(r *Report) string {
	n := len(r.CertifiedErrors)
	if n == 0 {
		return "certified build: no error-level finding left"
	}
	shared := 0
	for _, f := range r.CertifiedErrors {
		if f.Shared {
			shared++
		}
	}
	return fmt.Sprintf("certified build still has %d error-level finding(s), %d shared with the uncertified build (not part of the verdict; pbicert check is the gate):", n, shared)
}

// pretty prints a function's display tokens, one statement per line,
// wrapping changed tokens in <mark>.
func pretty(f *function, changed []bool) string {
	if f == nil {
		return `<span class="absent">(absent from this build)</span>`
	}
	s := f.s
	var b strings.Builder
	depth := 0
	newline := func() {
		b.WriteByte('\n')
		b.WriteString(strings.Repeat("  ", max(depth, 0)))
	}
	var prev token
	hasPrev := false
	parens := 0
	for i, t := range f.disp {
		pn := s.pnorm(t)
		block := t.flags&fBlock != 0
		if pn == "(" {
			parens++
		} else if pn == ")" && parens > 0 {
			parens--
		}
		txt := s.text(t)
		if t.kind == kFunc {
			txt = "ƒ{…}"
		}
		if pn == "}" && block {
			depth--
			newline()
		} else if hasPrev && needSpace(s, prev, t) {
			b.WriteByte(' ')
		}
		esc := html.EscapeString(txt)
		switch {
		case i < len(changed) && changed[i]:
			b.WriteString(`<mark>` + esc + `</mark>`)
		case t.kind == kLit:
			b.WriteString(`<span class="lit">` + esc + `</span>`)
		case t.kind == kFunc:
			b.WriteString(`<span class="fn" title="nested function, compared on its own">` + esc + `</span>`)
		default:
			b.WriteString(esc)
		}
		if t.kind == kPunct {
			switch {
			case pn == "{" && block:
				depth++
				newline()
			case pn == ";" && parens == 0:
				if i+1 < len(f.disp) && !(s.pnorm(f.disp[i+1]) == "}" && f.disp[i+1].flags&fBlock != 0) {
					newline()
				}
			case pn == "}" && block:
				if i+1 < len(f.disp) {
					if n := s.pnorm(f.disp[i+1]); !(n == ")" || n == "," || n == ";" || n == "}" || n == "else" || n == "catch" || n == "finally" || n == ".") {
						newline()
					}
				}
			}
		}
		prev, hasPrev = t, true
	}
	return b.String()
}

func wordy(s *store, t token) bool {
	if t.kind != kPunct {
		return true
	}
	c := s.text(t)
	return c != "" && (c[0] == '_' || c[0] == '$' || c[0] >= 'a' && c[0] <= 'z' || c[0] >= 'A' && c[0] <= 'Z')
}

func needSpace(s *store, a, b token) bool {
	wa, wb := wordy(s, a), wordy(s, b)
	if wa && wb {
		return true
	}
	an, bn := s.pnorm(a), s.pnorm(b)
	switch an {
	case "(", "[", ".", "?.", "!", "~", "...":
		return false
	case ",", ":", ";":
		return true
	}
	switch bn {
	case ")", "]", ".", "?.", ",", ";", ":", "(", "[", "++", "--":
		return false
	}
	return a.kind == kPunct && an != ")" && an != "]" && !wa || b.kind == kPunct && !wb || wa && bn == "{"
}

// css is the diff report's own style, after the shared sheet
// (internal/htmlpage).
const css = htmlpage.CSS + `
.lit{color:#0b6a0b}.fn{color:#8764b8}
.fnc{margin:14px 0 22px}.fnc h3{margin:0 0 4px}.why{color:#605e5c;margin:0 0 6px}.explained h3{color:#107c10}.unexplained h3{color:#a4262c}
.sbs{display:grid;grid-template-columns:1fr 1fr;gap:10px}.sbs>div>b{display:block;margin-bottom:2px}.absent{color:#a19f9d;font-style:italic}
@media print{.fnc{break-inside:avoid}}`

// WriteHTML writes one self-contained HTML page (inline CSS, no script, no
// remote asset).
func WriteHTML(w io.Writer, r *Report) error {
	var b strings.Builder
	e := html.EscapeString
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
	b.WriteString("<title>pbicert diff: " + e(r.Verdict) + "</title><style>" + css + "</style></head><body>\n")
	b.WriteString("<h1>pbicert diff</h1>\n")
	badge := "v-bad"
	if r.Verdict == Consistent {
		badge = "v-good"
	}
	fmt.Fprintf(&b, "<p><span class=\"verdict %s %s\" id=\"verdict\">%s</span></p>\n", badge, e(r.Verdict), strings.ToUpper(e(r.Verdict)))
	if len(r.Reasons) > 0 {
		b.WriteString("<ul id=\"reasons\">")
		for _, s := range r.Reasons {
			b.WriteString("<li class=\"bad\">" + e(s) + "</li>")
		}
		b.WriteString("</ul>\n")
	}
	b.WriteString("<h2>Errors left in the certified build</h2>\n<p id=\"remaining\">" + e(strings.TrimSuffix(remainingLine(r), ":")) + "</p>\n")
	if len(r.CertifiedErrors) > 0 {
		b.WriteString("<table id=\"certified-errors\"><tr><th>rule</th><th>api</th><th>function</th><th>message</th><th>location</th><th>uncertified build</th></tr>")
		for _, f := range r.CertifiedErrors {
			sh := "also there"
			if !f.Shared {
				sh = "not there"
			}
			fmt.Fprintf(&b, "<tr><td>%s</td><td><code>%s</code></td><td><code>%s</code></td><td>%s</td><td><code>%s</code></td><td>%s</td></tr>",
				e(f.Rule), e(f.API), e(f.Function), e(f.Message), e(f.Location.String()), sh)
		}
		b.WriteString("</table>\n")
	}
	b.WriteString("<h2>Builds</h2>\n<table><tr><th></th><th>path</th><th>guid</th><th>version</th><th>apiVersion</th></tr>")
	for _, s := range []struct {
		n string
		s Side
	}{{"certified", r.Certified}, {"uncertified", r.Uncertified}} {
		fmt.Fprintf(&b, "<tr><th>%s</th><td><code>%s</code></td><td>%s</td><td>%s</td><td>%s</td></tr>", s.n, e(s.s.Path), e(s.s.Visual.GUID), e(s.s.Visual.Version), e(s.s.Visual.APIVersion))
	}
	b.WriteString("</table>\n")
	fmt.Fprintf(&b, "<p>Code: <b>%d</b> functions, <b>%d</b> identical, <b class=\"ok\">%d</b> explained, <b class=\"%s\">%d</b> unexplained. Manifest changes: %d. Findings only certified: %d, only uncertified: %d.</p>\n",
		r.Code.Functions, r.Code.Identical, len(r.Code.Explained), map[bool]string{true: "bad", false: "ok"}[len(r.Code.Unexplained) > 0], len(r.Code.Unexplained),
		len(r.Manifest), len(r.Findings.OnlyCertified), len(r.Findings.OnlyUncertified))

	b.WriteString("<h2>Manifest changes</h2>\n")
	if len(r.Manifest) == 0 {
		b.WriteString("<p>None.</p>\n")
	} else {
		b.WriteString("<table><tr><th>path</th><th>change</th><th>uncertified</th><th>certified</th><th>assessment</th></tr>")
		for _, m := range r.Manifest {
			as := `<span class="bad">unexplained</span>`
			if m.Explained {
				as = `<span class="ok">explained: ` + e(m.Why) + `</span>`
			}
			fmt.Fprintf(&b, "<tr><td><code>%s</code></td><td>%s</td><td><code>%s</code></td><td><code>%s</code></td><td>%s</td></tr>", e(m.Path), e(m.Change), e(jsonStr(m.Uncertified)), e(jsonStr(m.Certified)), as)
		}
		b.WriteString("</table>\n")
	}
	b.WriteString("<h2>Findings only on one side</h2>\n")
	if len(r.Findings.OnlyCertified)+len(r.Findings.OnlyUncertified) == 0 {
		b.WriteString("<p>None.</p>\n")
	} else {
		b.WriteString("<table><tr><th>build</th><th>severity</th><th>rule</th><th>api</th><th>function</th><th>message</th><th>location</th></tr>")
		for _, side := range []struct {
			n  string
			fs []rules.Finding
		}{{"certified", r.Findings.OnlyCertified}, {"uncertified", r.Findings.OnlyUncertified}} {
			for _, f := range side.fs {
				fmt.Fprintf(&b, "<tr><td>%s</td><td>%s</td><td>%s</td><td><code>%s</code></td><td><code>%s</code></td><td>%s</td><td><code>%s</code></td></tr>",
					side.n, e(f.Severity.String()), e(f.Rule), e(f.API), e(f.Function), e(f.Message), e(f.Location.String()))
			}
		}
		b.WriteString("</table>\n")
	}
	for _, sec := range []struct {
		title, class string
		cs           []FuncChange
	}{{"Unexplained code differences", "unexplained", r.Code.Unexplained}, {"Explained code differences (remote access removed)", "explained", r.Code.Explained}} {
		fmt.Fprintf(&b, "<h2>%s (%d)</h2>\n", sec.title, len(sec.cs))
		if len(sec.cs) == 0 {
			b.WriteString("<p>None.</p>\n")
		}
		for i, c := range sec.cs {
			if i == 200 {
				fmt.Fprintf(&b, "<p>… %d more (see the JSON report).</p>\n", len(sec.cs)-i)
				break
			}
			fmt.Fprintf(&b, "<div class=\"fnc %s\"><h3 class=\"fname\">%s</h3><p class=\"why\">%s</p><div class=\"sbs\">", sec.class, e(c.Name), e(c.Why))
			fmt.Fprintf(&b, "<div><b>uncertified %s</b><pre>%s</pre></div>", e(locStr(c.UncertifiedLocation)), pretty(c.uncert, c.uncertChanged))
			fmt.Fprintf(&b, "<div><b>certified %s</b><pre>%s</pre></div>", e(locStr(c.CertifiedLocation)), pretty(c.cert, c.certChanged))
			b.WriteString("</div></div>\n")
		}
	}
	b.WriteString("</body></html>\n")
	_, err := io.WriteString(w, b.String())
	return err
}
