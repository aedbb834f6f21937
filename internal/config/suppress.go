package config

import (
	"fmt"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/pbicert/pbicert/internal/report"
	"github.com/pbicert/pbicert/result"
	"github.com/pbicert/pbicert/rules"
)

// Suppression drops the findings it matches. Rule and Reason are
// required; every other field narrows it.
type Suppression struct {
	// Rule is a rule ID or name.
	Rule string `yaml:"rule"`
	// API is the finding's api ("fetch", "innerHTML", "WebAccess").
	API string `yaml:"api"`
	// Function is the enclosing function as reported in JSON
	// ("Visual.update"); bundler module IDs and minified one- and
	// two-letter names are ignored on both sides, and a trailing ".*"
	// matches nested functions.
	Function string `yaml:"function"`
	// Package is a glob (with **) matched against the input path, the
	// visual's GUID or its name.
	Package string `yaml:"package"`
	// File is a glob matched against the finding's location file (a
	// project source file, or "resources/x.pbiviz.json#content.js").
	File string `yaml:"file"`
	// Fingerprint matches one finding exactly.
	Fingerprint string `yaml:"fingerprint"`
	// Reason says why the finding is acceptable (required).
	Reason string `yaml:"reason"`

	// Where the suppression was written (config file and line, or a
	// source file and line for inline suppressions).
	Source string `yaml:"-"`
	Line   int    `yaml:"-"`
	// Used counts the findings it dropped.
	Used int `yaml:"-"`
}

// Where is "file:line" of the suppression.
func (s *Suppression) Where() string {
	if s.Line > 0 {
		return fmt.Sprintf("%s:%d", s.Source, s.Line)
	}
	return s.Source
}

func (s *Suppression) validate() error {
	if strings.TrimSpace(s.Rule) == "" {
		return fmt.Errorf("suppression without a rule")
	}
	if rules.Lookup(s.Rule) == nil && !looksLikeRuleID(s.Rule) {
		return fmt.Errorf("suppression of unknown rule %q", s.Rule)
	}
	if strings.TrimSpace(s.Reason) == "" {
		return fmt.Errorf("suppression of %s has no reason: add reason: \"why this finding is acceptable\"", s.Rule)
	}
	for _, g := range []string{s.Package, s.File} {
		if g != "" {
			if _, err := globRegexp(g); err != nil {
				return err
			}
		}
	}
	return nil
}

// looksLikeRuleID accepts IDs of rules registered elsewhere (project
// rules) that this build may not know: three capitals and three digits.
func looksLikeRuleID(s string) bool { return regexp.MustCompile(`^[A-Z]{2,4}[0-9]{3}$`).MatchString(s) }

// Matches reports whether the suppression applies to finding f of the
// input at path (visual v). It is the one matching function for
// configuration and inline suppressions.
func (s *Suppression) Matches(path string, v result.Visual, f *result.Finding) bool {
	if !ruleIs(s.Rule, f) {
		return false
	}
	if s.API != "" && !strings.EqualFold(s.API, f.API) {
		return false
	}
	if s.Fingerprint != "" && s.Fingerprint != f.Fingerprint {
		return false
	}
	if s.Function != "" && !functionMatches(s.Function, f.Function) {
		return false
	}
	if s.Package != "" && !globAny(s.Package, filepath.ToSlash(path), relToConfig(s.Source, path), v.GUID, v.Name) {
		return false
	}
	if s.File != "" && !globAny(s.File, filepath.ToSlash(f.Location.File)) {
		return false
	}
	return true
}

func ruleIs(spec string, f *result.Finding) bool {
	if strings.EqualFold(spec, f.Rule) || spec == f.Name {
		return true
	}
	r := rules.Lookup(spec)
	return r != nil && r.ID == f.Rule
}

func functionMatches(want, got string) bool {
	w, g := report.NormalizeFunction(want), report.NormalizeFunction(got)
	if prefix, ok := strings.CutSuffix(w, ".*"); ok {
		return g == prefix || strings.HasPrefix(g, prefix+".")
	}
	return w == g || strings.HasSuffix(g, "."+w)
}

// Suppress drops the findings matched by sups (counting their use) and
// records on each result how many were suppressed.
func Suppress(results []result.Result, sups []*Suppression) []result.Result {
	if len(sups) == 0 {
		return results
	}
	for i := range results {
		r := &results[i]
		kept := r.Findings[:0]
		dropped := 0
		for j := range r.Findings {
			f := &r.Findings[j]
			hit := false
			for _, s := range sups {
				if s.Matches(r.Path, r.Visual, f) {
					s.Used++
					hit = true
					break
				}
			}
			if hit {
				dropped++
				continue
			}
			kept = append(kept, *f)
		}
		r.Findings = kept
		if dropped > 0 {
			r.Notes = append(r.Notes, fmt.Sprintf("%d finding(s) suppressed by configuration", dropped))
		}
	}
	return results
}

// Unused returns the suppressions that matched nothing.
func Unused(sups []*Suppression) []*Suppression {
	var out []*Suppression
	for _, s := range sups {
		if s.Used == 0 {
			out = append(out, s)
		}
	}
	return out
}

// Describe is a one-line description of a suppression.
func (s *Suppression) Describe() string {
	parts := []string{s.Rule}
	for _, kv := range [][2]string{{"api", s.API}, {"function", s.Function}, {"package", s.Package}, {"file", s.File}, {"fingerprint", s.Fingerprint}} {
		if kv[1] != "" {
			parts = append(parts, kv[0]+"="+kv[1])
		}
	}
	return strings.Join(parts, " ")
}

// Process applies the configuration to checked results: it drops ignored
// inputs and files, lowers findings of allowed origins to info and drops
// suppressed findings. It returns the suppressions that matched nothing,
// each also noted on every result it could have applied to.
func (c *Config) Process(results []result.Result) ([]result.Result, []*Suppression) {
	results = c.ignore(results)
	results = c.allow(results)
	sups := make([]*Suppression, len(c.Suppress))
	for i := range c.Suppress {
		c.Suppress[i].Used = 0
		sups[i] = &c.Suppress[i]
	}
	results = Suppress(results, sups)
	unused := Unused(sups)
	for _, s := range unused {
		for i := range results {
			r := &results[i]
			if r.Error != "" || (s.Package != "" && !globAny(s.Package, filepath.ToSlash(r.Path), relToConfig(s.Source, r.Path), r.Visual.GUID, r.Visual.Name)) {
				continue
			}
			r.Notes = append(r.Notes, fmt.Sprintf("unused suppression at %s (%s): no finding matched it", s.Where(), s.Describe()))
		}
	}
	return results, unused
}

func (c *Config) ignore(results []result.Result) []result.Result {
	if len(c.IgnorePaths) == 0 {
		return results
	}
	out := results[:0]
	for _, r := range results {
		rel := relToConfig(c.File, r.Path)
		if globAny2(c.IgnorePaths, filepath.ToSlash(r.Path), rel) {
			continue
		}
		kept := r.Findings[:0]
		for _, f := range r.Findings {
			file := filepath.ToSlash(f.Location.File)
			relFile := ""
			if rel != "" {
				relFile = rel + "/" + file
			}
			if r.Kind == "project" && globAny2(c.IgnorePaths, file, strings.TrimSuffix(filepath.ToSlash(r.Path), "/")+"/"+file, relFile) {
				continue
			}
			kept = append(kept, f)
		}
		r.Findings = kept
		out = append(out, r)
	}
	return out
}

var urlRe = regexp.MustCompile(`(?:https?|wss?)://[^\s"'` + "`" + `,;)<>\\]+`)

// allow lowers network and WebAccess findings whose every URL (in the
// snippet or the message) belongs to an allowed origin to info, with a
// note in the message. A finding that names no URL (a computed address)
// is left as it is: pbicert cannot tell where it goes.
func (c *Config) allow(results []result.Result) []result.Result {
	if len(c.AllowedOrigins) == 0 {
		return results
	}
	for i := range results {
		for j := range results[i].Findings {
			f := &results[i].Findings[j]
			if f.Category != result.Network && f.API != "WebAccess" {
				continue
			}
			text := f.Message
			if f.Category == result.Network {
				text = f.Snippet + " " + f.Message
			}
			urls := urlRe.FindAllString(text, -1)
			if len(urls) == 0 {
				continue
			}
			all := true
			for _, u := range urls {
				if !c.OriginAllowed(u) {
					all = false
					break
				}
			}
			if all {
				f.Severity = result.Info
				f.Message += " (origin allowed by configuration)"
			}
		}
	}
	return results
}

// OriginAllowed reports whether a URL (or an origin pattern such as
// https://*.example.com) belongs to an allowed origin.
func (c *Config) OriginAllowed(raw string) bool {
	u, err := url.Parse(strings.Replace(strings.TrimRight(raw, "…."), "*.", "wildcard.", 1))
	if err != nil || u.Host == "" {
		return false
	}
	host := strings.ToLower(u.Host)
	for _, o := range c.AllowedOrigins {
		a, err := parseOrigin(o)
		if err != nil || !strings.EqualFold(a.Scheme, u.Scheme) {
			continue
		}
		ah := strings.ToLower(a.Host)
		if ah == host {
			return true
		}
		if rest, ok := strings.CutPrefix(ah, "wildcard."); ok && strings.HasSuffix(host, "."+rest) {
			return true
		}
	}
	return false
}

// globRegexp compiles a glob: * matches within a path segment, ** across
// segments, ? one character.
func globRegexp(g string) (*regexp.Regexp, error) {
	var sb strings.Builder
	sb.WriteString("^")
	for i := 0; i < len(g); i++ {
		switch c := g[i]; c {
		case '*':
			if i+1 < len(g) && g[i+1] == '*' {
				i++
				if i+1 < len(g) && g[i+1] == '/' {
					i++
					sb.WriteString("(?:.*/)?")
				} else {
					sb.WriteString(".*")
				}
			} else {
				sb.WriteString("[^/]*")
			}
		case '?':
			sb.WriteString("[^/]")
		default:
			sb.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	sb.WriteString("$")
	re, err := regexp.Compile(sb.String())
	if err != nil {
		return nil, fmt.Errorf("bad glob %q: %v", g, err)
	}
	return re, nil
}

func globAny(g string, subjects ...string) bool {
	re, err := globRegexp(g)
	if err != nil {
		return false
	}
	for _, s := range subjects {
		if s != "" && (re.MatchString(s) || re.MatchString(strings.TrimPrefix(s, "./"))) {
			return true
		}
	}
	return false
}

func globAny2(globs []string, subjects ...string) bool {
	for _, g := range globs {
		if globAny(g, subjects...) {
			return true
		}
	}
	return false
}

// relToConfig is path relative to the folder of the configuration file
// (forward slashes), or "" when path is not under it: a file found next to
// an input (config.Discover) reads its globs from its own folder, as
// ESLint's and ruff's do, whatever the working folder is.
func relToConfig(file, path string) string {
	if file == "" || path == "" || path == "-" {
		return ""
	}
	base, err := filepath.Abs(filepath.Dir(file))
	if err != nil {
		return ""
	}
	p, err := filepath.Abs(path)
	if err != nil {
		return ""
	}
	rel, err := filepath.Rel(base, p)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return ""
	}
	return filepath.ToSlash(rel)
}
