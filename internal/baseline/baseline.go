// Package baseline records the findings of a check by fingerprint, so that
// a later check reports only new ones (pbicert check --write-baseline FILE,
// then --baseline FILE). Fingerprints are stable across rebuilds of the
// same source (see report.Fingerprint), so a baseline survives releases.
package baseline

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"

	"github.com/pbicert/pbicert/internal/report"
	"github.com/pbicert/pbicert/result"
)

// Version of the baseline file format.
const Version = 1

// File is a baseline.
type File struct {
	Version     int     `json:"version"`
	Fingerprint string  `json:"fingerprint"` // recipe: report.FingerprintVersion
	Findings    []Entry `json:"findings"`
}

// Entry is one recorded finding; only Fingerprint is matched, the other
// fields help a reader of the file.
type Entry struct {
	Fingerprint string `json:"fingerprint"`
	Rule        string `json:"rule"`
	API         string `json:"api"`
	Function    string `json:"function,omitempty"`
	Visual      string `json:"visual,omitempty"`
	Path        string `json:"path"`
}

// New records every finding of results (fingerprinting them when needed).
func New(results []result.Result) *File {
	fill(results)
	b := &File{Version: Version, Fingerprint: report.FingerprintVersion, Findings: []Entry{}}
	for _, r := range results {
		for _, f := range r.Findings {
			b.Findings = append(b.Findings, Entry{Fingerprint: f.Fingerprint, Rule: f.Rule, API: f.API,
				Function: f.Function, Visual: r.Visual.GUID, Path: r.Path})
		}
	}
	sort.SliceStable(b.Findings, func(i, j int) bool {
		a, c := b.Findings[i], b.Findings[j]
		if a.Path != c.Path {
			return a.Path < c.Path
		}
		if a.Rule != c.Rule {
			return a.Rule < c.Rule
		}
		return a.Fingerprint < c.Fingerprint
	})
	return b
}

func fill(results []result.Result) {
	for _, r := range results {
		for _, f := range r.Findings {
			if f.Fingerprint == "" {
				report.Fingerprint(results)
				return
			}
		}
	}
}

// Write records results in file.
func Write(file string, results []result.Result) error {
	b, err := json.MarshalIndent(New(results), "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(file, append(b, '\n'), 0o644)
}

// Load reads a baseline.
func Load(file string) (*File, error) {
	raw, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var b File
	if err := json.Unmarshal(raw, &b); err != nil {
		return nil, fmt.Errorf("%s: not a pbicert baseline: %v", file, err)
	}
	if b.Version != Version {
		return nil, fmt.Errorf("%s: baseline version %d, this pbicert reads version %d", file, b.Version, Version)
	}
	if b.Fingerprint != report.FingerprintVersion {
		return nil, fmt.Errorf("%s: baseline fingerprints are %q, this pbicert computes %q: write the baseline again", file, b.Fingerprint, report.FingerprintVersion)
	}
	return &b, nil
}

// Filter drops the findings recorded in the baseline and returns how many
// it dropped; each result that lost findings gets a note.
func (b *File) Filter(results []result.Result) ([]result.Result, int) {
	fill(results)
	known := make(map[string]bool, len(b.Findings))
	for _, e := range b.Findings {
		known[e.Fingerprint] = true
	}
	total := 0
	for i := range results {
		r := &results[i]
		kept := r.Findings[:0]
		n := 0
		for _, f := range r.Findings {
			if known[f.Fingerprint] {
				n++
				continue
			}
			kept = append(kept, f)
		}
		r.Findings = kept
		if n > 0 {
			r.Notes = append(r.Notes, fmt.Sprintf("%d finding(s) already in the baseline", n))
		}
		total += n
	}
	return results, total
}
