package report

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/pbicert/pbicert/result"
)

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
func GitHub(w io.Writer, results []result.Result, o Options) error {
	var sb strings.Builder
	for _, r := range results {
		if r.Error != "" {
			fmt.Fprintf(&sb, "::error file=%s,title=%s::%s\n", ghProp(filepath.ToSlash(r.Path)), ghProp("pbicert could not check this input"), ghData(r.Error))
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
			if f.Snippet != "" {
				msg += "\n" + window(f.Snippet)
			}
			props = append(props, "title="+ghProp(f.Rule+" "+f.Name))
			fmt.Fprintf(&sb, "::%s %s::%s\n", ghLevel(f.Severity), strings.Join(props, ","), ghData(msg))
		}
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
