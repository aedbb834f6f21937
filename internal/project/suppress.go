package project

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/pbicert/pbicert/rules"
)

// ignoreRe matches `// pbicert-ignore RULE[,RULE…][: reason]` (also in a
// /* */ comment) and captures the rules and the reason.
var ignoreRe = regexp.MustCompile(`(?://|/\*)\s*pbicert-ignore\b[ \t]*([A-Za-z0-9_\-, \t]*?)[ \t]*(?::[ \t]*(.*?))?[ \t]*(?:\*/.*)?\r?$`)

// ParseIgnores finds the inline suppressions of a source file.
func ParseIgnores(f File) []rules.Ignore {
	var out []rules.Ignore
	text := f.Text
	line := 1
	for start := 0; start <= len(text); line++ {
		end := start
		for end < len(text) && text[end] != '\n' {
			end++
		}
		l := text[start:end]
		if i := strings.Index(string(l), "pbicert-ignore"); i >= 0 {
			if m := ignoreRe.FindSubmatchIndex(l); m != nil {
				ig := rules.Ignore{Text: strings.TrimSpace(string(l[m[0]:]))}
				ig.Location = rules.Location{File: f.Path, Line: line, Column: utf8.RuneCount(l[:m[0]]) + 1, Offset: start + m[0]}
				ig.Rules = append(ig.Rules, strings.FieldsFunc(string(l[m[2]:m[3]]), func(c rune) bool { return c == ',' || c == ' ' || c == '\t' })...)
				if m[4] >= 0 {
					ig.Reason = strings.TrimSpace(string(l[m[4]:m[5]]))
				}
				out = append(out, ig)
			}
		}
		start = end + 1
	}
	return out
}

// applyIgnores drops the findings an inline suppression with a reason
// covers (same file, the comment's line or the next one, rule named by ID
// or name) and marks the suppressions used or naming unknown rules.
func applyIgnores(fs []rules.Finding, igs []rules.Ignore) []rules.Finding {
	type key struct {
		file string
		line int
	}
	byLine := map[key][]int{}
	for i := range igs {
		ig := &igs[i]
		for _, r := range ig.Rules {
			if rules.Lookup(r) == nil {
				ig.Unknown = append(ig.Unknown, r)
			}
		}
		if strings.TrimSpace(ig.Reason) == "" || len(ig.Rules) == 0 {
			continue
		}
		for _, l := range []int{ig.Location.Line, ig.Location.Line + 1} {
			k := key{ig.Location.File, l}
			byLine[k] = append(byLine[k], i)
		}
	}
	out := fs[:0]
	for _, f := range fs {
		hit := false
		for _, i := range byLine[key{f.Location.File, f.Location.Line}] {
			for _, r := range igs[i].Rules {
				if rr := rules.Lookup(r); rr != nil && rr.ID == f.Rule {
					igs[i].Used = true
					hit = true
				}
			}
		}
		if !hit {
			out = append(out, f)
		}
	}
	return out
}
