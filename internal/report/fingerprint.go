package report

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/pbicert/pbicert/result"
)

// FingerprintVersion names the recipe of Fingerprint; it is the key of the
// SARIF partialFingerprints entry, so that a change of recipe never matches
// old fingerprints by accident.
const FingerprintVersion = "pbicertFinding/v1"

// Fingerprint fills Finding.Fingerprint in every result (in place) and
// returns results. A fingerprint is stable across rebuilds of the same
// source: it hashes the rule, the API, the kind of artifact (content.js,
// content.css, capabilities, or a project's source file), the enclosing
// function with bundler module IDs removed, and the occurrence index among
// findings of that same key in the input — never offsets, lines, columns,
// minified local names or the input's path (which changes with the version).
func Fingerprint(results []result.Result) []result.Result {
	for i := range results {
		r := &results[i]
		seen := map[string]int{}
		for j := range r.Findings {
			f := &r.Findings[j]
			k := FingerprintKey(r.Kind, f)
			n := seen[k]
			seen[k] = n + 1
			sum := sha256.Sum256([]byte(k + "\x00" + strconv.Itoa(n)))
			f.Fingerprint = hex.EncodeToString(sum[:12])
		}
	}
	return results
}

// FingerprintKey is the text a finding's fingerprint hashes, without its
// occurrence index: rule, API, artifact and normalized function.
func FingerprintKey(kind string, f *result.Finding) string {
	return f.Rule + "\x00" + f.API + "\x00" + artifactKind(kind, f.Location.File) + "\x00" + NormalizeFunction(f.Function)
}

// artifactKind is the part of a location file that survives rebuilds: for
// packages the fragment after '#' (the resource entry's name holds the GUID,
// which is stable, but the fragment is enough); for projects the file.
func artifactKind(kind, file string) string {
	if i := strings.LastIndexByte(file, '#'); i >= 0 && kind != "project" {
		return file[i+1:]
	}
	return file
}

// NormalizeFunction drops the parts of an enclosing-function name that a
// bundler or minifier picks (numeric webpack module IDs, and names of one
// or two characters, which is what terser gives local functions), keeping
// the names a minifier leaves alone (classes, methods, properties).
func NormalizeFunction(fn string) string {
	if fn == "" {
		return ""
	}
	parts := strings.Split(fn, ".")
	out := parts[:0]
	for _, p := range parts {
		if len(p) <= 2 || isDigits(p) {
			continue
		}
		out = append(out, p)
	}
	return strings.Join(out, ".")
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
