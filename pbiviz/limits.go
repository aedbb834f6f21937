// Package pbiviz reads Power BI custom visual packages (.pbiviz) safely and
// entirely in memory: it never writes to disk, bounds every allocation by
// Limits, and turns every malformed input into a one-line error (it never
// panics).
//
// A package is a zip holding package.json and resources/<guid>.pbiviz.json;
// the latter carries the visual's metadata, capabilities and the bundled
// JavaScript and CSS (content.js, content.css). See docs/certification.md §3.
//
// Errors never name the .pbiviz file itself (the caller prefixes it) but
// always name the zip entry they are about.
package pbiviz

import "fmt"

// Limits bounds what reading a package may cost.
type Limits struct {
	MaxEntries    int   // number of zip entries (default 64)
	MaxEntryBytes int64 // uncompressed size of one entry (default 256 MiB)
	MaxTotalBytes int64 // uncompressed size of all entries (default 512 MiB)
	// MaxRatio is the largest compression ratio (uncompressed/compressed)
	// accepted for an entry that expands beyond 1 MiB (default 200).
	MaxRatio     int
	MaxJSONDepth int   // nesting of [ and { in JSON (default 512)
	MaxFileBytes int64 // size of the .pbiviz itself (default 512 MiB)
}

// ratioThreshold is the uncompressed size below which MaxRatio is not applied.
const ratioThreshold = 1 << 20

// DefaultLimits returns the defaults documented on Limits.
func DefaultLimits() Limits {
	return Limits{
		MaxEntries:    64,
		MaxEntryBytes: 256 << 20,
		MaxTotalBytes: 512 << 20,
		MaxRatio:      200,
		MaxJSONDepth:  512,
		MaxFileBytes:  512 << 20,
	}
}

// withDefaults replaces every zero or negative limit by its default.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxEntries <= 0 {
		l.MaxEntries = d.MaxEntries
	}
	if l.MaxEntryBytes <= 0 {
		l.MaxEntryBytes = d.MaxEntryBytes
	}
	if l.MaxTotalBytes <= 0 {
		l.MaxTotalBytes = d.MaxTotalBytes
	}
	if l.MaxRatio <= 0 {
		l.MaxRatio = d.MaxRatio
	}
	if l.MaxJSONDepth <= 0 {
		l.MaxJSONDepth = d.MaxJSONDepth
	}
	if l.MaxFileBytes <= 0 {
		l.MaxFileBytes = d.MaxFileBytes
	}
	return l
}

// Names of the limits, as used in LimitError.Limit. The flag raising a limit
// is "--" followed by its name.
const (
	LimitEntries    = "max-entries"
	LimitEntryBytes = "max-entry-bytes"
	LimitTotalBytes = "max-total-bytes"
	LimitRatio      = "max-ratio"
	LimitJSONDepth  = "max-json-depth"
	LimitFileBytes  = "max-file-bytes"
)

// LimitError reports that reading a package hit one of the Limits.
type LimitError struct {
	Limit string // one of the Limit* names, e.g. "max-entry-bytes"
	Flag  string // the command-line flag that raises it, e.g. "--max-entry-bytes"
	Value int64  // the value seen (at least Max+1 when only a lower bound is known)
	Max   int64  // the limit in force
	// What describes what exceeded the limit, e.g.
	// "zip entry resources/x.pbiviz.json expands beyond 268435456 bytes".
	What string
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("%s (limit %s; raise with %s)", e.What, e.Limit, e.Flag)
}

func limitErr(limit string, value, max int64, format string, args ...any) *LimitError {
	return &LimitError{Limit: limit, Flag: "--" + limit, Value: value, Max: max, What: fmt.Sprintf(format, args...)}
}
