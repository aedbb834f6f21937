package report

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/pbicert/pbicert/result"
)

// DefaultMaxAnnotations is how many annotations of each level (error,
// warning, notice) GitHub shows for one step: it drops the rest.
const DefaultMaxAnnotations = 10

// GitHub writes GitHub Actions workflow commands, one per finding:
//
//	::error file=src/visual.ts,line=12,col=5,title=NET001 no-fetch::call to fetch() …
//
// error and warning findings become ::error and ::warning, info ::notice.
// For projects the file, line and column are the source file's. For
// packages the file is the .pbiviz and the line and column (which are
// positions in content.js inside the zip, not lines of the .pbiviz) are
// left out of the properties and written in the message instead, so GitHub
// annotates the package file rather than a meaningless line of it. Inputs
// that could not be read become ::error commands naming the input.
//
// GitHub shows at most 10 annotations of each level per step, so at most
// Options.MaxAnnotations of each level are written (in input order), and
// when some are left out (or hidden by --min-severity) a last ::warning
// says how many, by level, and where the full list is; a warning slot is
// kept for it.
func GitHub(w io.Writer, results []result.Result, o Options) error {
	type ann struct{ level, line string }
	var all []ann
	count := map[string]int{}
	for _, r := range results {
		if r.Error != "" {
			all = append(all, ann{"error", fmt.Sprintf("::error file=%s,title=%s::%s\n", ghProp(filepath.ToSlash(r.Path)), ghProp("pbicert could not check this input"), ghData(r.Error))})
			count["error"]++
			continue
		}
		for _, f := range r.Findings {
			props := []string{}
			msg := f.Message
			if r.Kind == "project" {
				props = append(props, "file="+ghProp(projectFile(r.Path, f.Location.File)))
				if f.Location.Line > 0 {
					props = append(props, fmt.Sprintf("line=%d", f.Location.Line), fmt.Sprintf("col=%d", max(f.Location.Column, 1)))
				}
			} else {
				props = append(props, "file="+ghProp(filepath.ToSlash(r.Path)))
				msg += " (at " + f.Location.String() + ")"
			}
			if f.Function != "" {
				msg += " in function " + f.Function
			}
			if f.Snippet != "" {
				msg += "\n" + window(f.Snippet)
			}
			props = append(props, "title="+ghProp(f.Rule+" "+f.Name))
			lv := ghLevel(f.Severity)
			all = append(all, ann{lv, fmt.Sprintf("::%s %s::%s\n", lv, strings.Join(props, ","), ghData(msg))})
			count[lv]++
		}
	}
	limit := map[string]int{}
	capped := o.MaxAnnotations >= 0
	n := o.MaxAnnotations
	if n == 0 {
		n = DefaultMaxAnnotations
	}
	leftOut := func() int {
		t := 0
		for lv, c := range count {
			t += max(0, c-limit[lv])
		}
		return t
	}
	for _, lv := range []string{"error", "warning", "notice"} {
		limit[lv] = count[lv]
		if capped {
			limit[lv] = min(count[lv], n)
		}
	}
	if capped && (leftOut() > 0 || o.Hidden > 0) && limit["warning"] >= n {
		limit["warning"] = n - 1 // the summary is a warning too
	}
	var sb strings.Builder
	written := map[string]int{}
	for _, a := range all {
		if written[a.level] < limit[a.level] {
			written[a.level]++
			sb.WriteString(a.line)
		}
	}
	if out := leftOut(); out > 0 || o.Hidden > 0 {
		var parts []string
		for _, lv := range []string{"error", "warning", "notice"} {
			if d := count[lv] - written[lv]; d > 0 {
				parts = append(parts, plural(d, lv))
			}
		}
		var msg string
		if out > 0 {
			msg = fmt.Sprintf("%s not annotated (%s): GitHub shows %d annotations of each level per step; the text, JSON or SARIF report lists them all",
				plural(out, "more finding"), strings.Join(parts, ", "), n)
		}
		if o.Hidden > 0 {
			if msg != "" {
				msg += "; "
			}
			msg += fmt.Sprintf("%s below %s hidden by --min-severity", plural(o.Hidden, "finding"), o.MinSeverity)
		}
		fmt.Fprintf(&sb, "::warning title=%s::%s\n", ghProp("pbicert: "+SummaryLine(results, o)), ghData(msg))
	}
	_, err := io.WriteString(w, sb.String())
	return err
}

// projectFile is a project finding's file relative to the working folder.
func projectFile(root, file string) string {
	root, file = filepath.ToSlash(root), filepath.ToSlash(file)
	if strings.HasPrefix(file, root) {
		return file
	}
	return strings.TrimSuffix(root, "/") + "/" + file
}

func ghLevel(s result.Severity) string {
	switch s {
	case result.Error:
		return "error"
	case result.Warning:
		return "warning"
	}
	return "notice"
}

// ghData escapes a workflow command's message (GitHub's escapeData).
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProp escapes a workflow command's property value (GitHub's
// escapeProperty).
func ghProp(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
