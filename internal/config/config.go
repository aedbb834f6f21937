// Package config reads pbicert's configuration file (.pbicert.yaml) and
// applies it: rules to run, severity overrides, fail-on, limits, inputs
// and files to ignore, allowed origins and suppressions with a reason.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/pbicert/pbicert/pbiviz"
	"github.com/pbicert/pbicert/result"
	"github.com/pbicert/pbicert/rules"
)

// DefaultFile is the file looked for in the working folder.
const DefaultFile = ".pbicert.yaml"

// Config is .pbicert.yaml. Every key is optional; see docs/config.md.
type Config struct {
	Rules struct {
		// Enable, when not empty, runs only these rules (IDs or names).
		Enable []string `yaml:"enable"`
		// Disable turns rules off (IDs or names).
		Disable []string `yaml:"disable"`
	} `yaml:"rules"`
	// Severity overrides rules' default severities: {NET001: warning}.
	Severity map[string]string `yaml:"severity"`
	// FailOn is --fail-on's default (the flag wins).
	FailOn string `yaml:"fail-on"`
	// AllowedOrigins are origins ("https://api.example.com",
	// "https://*.example.com") an uncertified build may reach: network and
	// WebAccess findings naming only allowed origins drop to info.
	AllowedOrigins []string `yaml:"allowed-origins"`
	// IgnorePaths are globs (with **) of inputs and project files to skip.
	IgnorePaths []string `yaml:"ignore-paths"`
	// Limits are the defaults of the limit flags (the flags win).
	Limits Limits `yaml:"limits"`
	// Dynamic turns on check --dynamic: each package is also run in the
	// sandbox (the --dynamic flag wins).
	Dynamic bool `yaml:"dynamic"`
	// Suppress lists findings to drop, each with a reason.
	Suppress []Suppression `yaml:"suppress"`

	// File is where the configuration was read ("" for none).
	File string `yaml:"-"`
}

// Limits mirror check's limit flags; zero keeps the default.
type Limits struct {
	MaxEntries    int   `yaml:"max-entries"`
	MaxEntryBytes int64 `yaml:"max-entry-bytes"`
	MaxTotalBytes int64 `yaml:"max-total-bytes"`
	MaxRatio      int   `yaml:"max-ratio"`
	MaxJSONDepth  int   `yaml:"max-json-depth"`
	MaxFileBytes  int64 `yaml:"max-file-bytes"`
	MaxJSBytes    int   `yaml:"max-js-bytes"`
	MaxDepth      int   `yaml:"max-depth"`
}

// Error is a configuration error at a line of a file.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return e.File + ": " + e.Msg
}

// Find returns the configuration file to use: explicit when given (it must
// exist), else DefaultFile in dir when present, else "".
func Find(explicit, dir string) (string, error) {
	if explicit != "" {
		if _, err := os.Stat(explicit); err != nil {
			return "", fmt.Errorf("--config: %w", err)
		}
		return explicit, nil
	}
	p := DefaultFile
	if dir != "" {
		p = filepath.Join(dir, DefaultFile)
	}
	if isFile(p) {
		return p, nil
	}
	return "", nil
}

// Discover returns the configuration file that applies to an input, as
// ESLint and ruff look for theirs: DefaultFile in the input's folder (a
// project folder, the folder of a .pbiviz; the working folder for "-"),
// else in its parents up to the repository root (the first folder holding
// .git) or the file system's root; else DefaultFile in the working folder
// when present; else "". The path is returned as found (relative when the
// input was).
func Discover(input string) string {
	start := "."
	if input != "-" && input != "" {
		if st, err := os.Stat(input); err == nil && st.IsDir() {
			start = input
		} else {
			start = filepath.Dir(input)
		}
	}
	abs, err := filepath.Abs(start)
	if err != nil {
		return ""
	}
	rel := filepath.Clean(start)
	for {
		if p := filepath.Join(rel, DefaultFile); isFile(filepath.Join(abs, DefaultFile)) {
			return p
		}
		if _, err := os.Stat(filepath.Join(abs, ".git")); err == nil {
			break // the repository root
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			break
		}
		abs, rel = parent, filepath.Join(rel, "..")
	}
	if isFile(DefaultFile) {
		return DefaultFile
	}
	return ""
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

// Load reads and validates a configuration file.
func Load(file string) (*Config, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return Parse(file, b)
}

var unknownField = regexp.MustCompile(`line (\d+): field (\S+) not found in type`)
var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// Parse reads a configuration from b (file names it in errors). Unknown
// keys, bad values and suppressions without a reason are errors with the
// line.
func Parse(file string, b []byte) (*Config, error) {
	c := &Config{File: file}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		var te *yaml.TypeError
		if errors.As(err, &te) && len(te.Errors) > 0 {
			msg := te.Errors[0]
			if m := unknownField.FindStringSubmatch(msg); m != nil {
				n, _ := strconv.Atoi(m[1])
				return nil, &Error{File: file, Line: n, Msg: fmt.Sprintf("unknown key %q", m[2])}
			}
			if m := yamlLine.FindStringSubmatch(msg); m != nil {
				n, _ := strconv.Atoi(m[1])
				return nil, &Error{File: file, Line: n, Msg: m[2]}
			}
			return nil, &Error{File: file, Msg: msg}
		}
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			n, _ := strconv.Atoi(m[1])
			return nil, &Error{File: file, Line: n, Msg: m[2]}
		}
		return nil, &Error{File: file, Msg: err.Error()}
	}
	lines := keyLines(b)
	line := func(key string) int { return lines[key] }
	for i := range c.Suppress {
		c.Suppress[i].Source = file
		c.Suppress[i].Line = lines["suppress."+strconv.Itoa(i)]
	}
	for _, id := range append(append([]string{}, c.Rules.Enable...), c.Rules.Disable...) {
		if rules.Lookup(id) == nil {
			return nil, &Error{File: file, Line: line("rules"), Msg: fmt.Sprintf("unknown rule %q (see pbicert rules)", id)}
		}
	}
	for id, s := range c.Severity {
		if rules.Lookup(id) == nil {
			return nil, &Error{File: file, Line: line("severity"), Msg: fmt.Sprintf("severity: unknown rule %q", id)}
		}
		if _, err := result.ParseSeverity(s); err != nil {
			return nil, &Error{File: file, Line: line("severity"), Msg: "severity of " + id + ": " + err.Error()}
		}
	}
	if c.FailOn != "" {
		if _, err := ParseFailOn(c.FailOn); err != nil {
			return nil, &Error{File: file, Line: line("fail-on"), Msg: "fail-on: " + err.Error()}
		}
	}
	for _, o := range c.AllowedOrigins {
		if _, err := parseOrigin(o); err != nil {
			return nil, &Error{File: file, Line: line("allowed-origins"), Msg: err.Error()}
		}
	}
	for _, g := range c.IgnorePaths {
		if _, err := globRegexp(g); err != nil {
			return nil, &Error{File: file, Line: line("ignore-paths"), Msg: err.Error()}
		}
	}
	for i := range c.Suppress {
		s := &c.Suppress[i]
		if err := s.validate(); err != nil {
			return nil, &Error{File: file, Line: s.Line, Msg: err.Error()}
		}
	}
	return c, nil
}

// keyLines maps top-level keys ("rules", "suppress"…) and suppression
// entries ("suppress.0"…) to their lines.
func keyLines(b []byte) map[string]int {
	out := map[string]int{}
	var doc yaml.Node
	if yaml.Unmarshal(b, &doc) != nil || len(doc.Content) == 0 {
		return out
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return out
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		out[k.Value] = k.Line
		if k.Value == "suppress" && v.Kind == yaml.SequenceNode {
			for j, item := range v.Content {
				out["suppress."+strconv.Itoa(j)] = item.Line
			}
		}
	}
	return out
}

// ParseFailOn parses a fail-on value; 0 means never.
func ParseFailOn(s string) (result.Severity, error) {
	if strings.EqualFold(s, "never") || strings.EqualFold(s, "none") {
		return 0, nil
	}
	return result.ParseSeverity(s)
}

// Target is what a configuration sets in a check: pointers to the caller's
// rule list, severity overrides, fail-on threshold and limits (a nil
// pointer is left alone). Passing the fields keeps this package free of the
// driver.
type Target struct {
	Rules      *[]*rules.Rule
	Severity   *map[string]result.Severity
	FailOn     *result.Severity
	Limits     *pbiviz.Limits
	MaxJSBytes *int // analyzer.Options.MaxBytes
	MaxDepth   *int // analyzer.Options.MaxDepth
	Dynamic    *bool
}

// Apply sets the check's options and the fail-on threshold from the
// configuration. set reports whether a command-line flag was given (the
// flags win over the file).
func (c *Config) Apply(t Target, set func(flag string) bool) {
	if set == nil {
		set = func(string) bool { return false }
	}
	if (len(c.Rules.Enable) > 0 || len(c.Rules.Disable) > 0) && t.Rules != nil {
		on := map[string]bool{}
		if len(c.Rules.Enable) > 0 {
			for _, id := range c.Rules.Enable {
				on[rules.Lookup(id).ID] = true
			}
		} else {
			for _, r := range rules.All() {
				on[r.ID] = true
			}
		}
		for _, id := range c.Rules.Disable {
			delete(on, rules.Lookup(id).ID)
		}
		rs := []*rules.Rule{}
		for _, r := range rules.All() {
			if on[r.ID] {
				rs = append(rs, r)
			}
		}
		*t.Rules = rs
	}
	if len(c.Severity) > 0 && t.Severity != nil {
		if *t.Severity == nil {
			*t.Severity = map[string]result.Severity{}
		}
		for id, s := range c.Severity {
			v, _ := result.ParseSeverity(s)
			(*t.Severity)[rules.Lookup(id).ID] = v
		}
	}
	if c.FailOn != "" && !set("fail-on") && t.FailOn != nil {
		*t.FailOn, _ = ParseFailOn(c.FailOn)
	}
	l := c.Limits
	setInt := func(flag string, dst *int, v int) {
		if dst != nil && v > 0 && !set(flag) {
			*dst = v
		}
	}
	setInt64 := func(flag string, dst *int64, v int64) {
		if v > 0 && !set(flag) {
			*dst = v
		}
	}
	if lim := t.Limits; lim != nil {
		setInt("max-entries", &lim.MaxEntries, l.MaxEntries)
		setInt64("max-entry-bytes", &lim.MaxEntryBytes, l.MaxEntryBytes)
		setInt64("max-total-bytes", &lim.MaxTotalBytes, l.MaxTotalBytes)
		setInt("max-ratio", &lim.MaxRatio, l.MaxRatio)
		setInt("max-json-depth", &lim.MaxJSONDepth, l.MaxJSONDepth)
		setInt64("max-file-bytes", &lim.MaxFileBytes, l.MaxFileBytes)
	}
	setInt("max-js-bytes", t.MaxJSBytes, l.MaxJSBytes)
	setInt("max-depth", t.MaxDepth, l.MaxDepth)
	if c.Dynamic && t.Dynamic != nil && !set("dynamic") {
		*t.Dynamic = true
	}
}

// parseOrigin checks an allowed origin: scheme://host[:port], where host
// may start with "*." to allow subdomains.
func parseOrigin(o string) (*url.URL, error) {
	u, err := url.Parse(strings.Replace(o, "*.", "wildcard.", 1))
	if err != nil || u.Scheme == "" || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
		return nil, fmt.Errorf("allowed-origins: %q is not an origin (want scheme://host, e.g. https://api.example.com or https://*.example.com)", o)
	}
	return u, nil
}
