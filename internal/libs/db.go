// Package libs identifies the third-party libraries bundled in a visual's
// content.js: which library (d3 and its modules, lodash, jQuery, moment,
// React, Leaflet, vega, plotly, echarts, the powerbi-visuals-utils-*,
// DOMPurify, core-js, regenerator-runtime, ...), which version and which
// licence, where the bundle shows them, and which library a byte offset of
// the bundle belongs to (a finding's origin).
//
// The evidence, strongest first: version constants the bundle keeps
// (`version:"7.9.0"`), licence banners (`/*! jQuery v3.7.1 | … */`), and
// fingerprints: string literals distinctive of one library (and of some of
// its versions), derived from the npm packages by our own generator
// (internal/libs/gen; see docs/libraries.md). Only the generated
// fingerprints.json.gz is committed, never the packages.
package libs

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"sync"
)

// File is the fingerprint file's format (fingerprints.json.gz, written by
// internal/libs/gen).
type File struct {
	// Format is the version of this layout.
	Format int `json:"format"`
	// Generator is the command that wrote the file.
	Generator string `json:"generator"`
	// MinLen is the shortest literal the generator kept.
	MinLen    int   `json:"minLen"`
	Libraries []Lib `json:"libraries"`
}

// Lib is one library of the fingerprint file.
type Lib struct {
	Name string `json:"name"`
	// Versions fingerprinted, oldest first; bit i of a string's mask is
	// Versions[i].
	Versions []string `json:"versions"`
	// Licenses are the SPDX expressions of package.json, one per version.
	Licenses []string `json:"licenses"`
	// Umbrella: a package that re-exports modules fingerprinted on their own
	// (d3, vega); it has no strings and is named by its version constant.
	Umbrella bool `json:"umbrella,omitempty"`
	// Family is the name prefix of an umbrella's modules ("d3-").
	Family string `json:"family,omitempty"`
	// Modular is the umbrella's first version split into modules; older
	// versions are monoliths whose strings are fingerprinted as the umbrella.
	Modular string `json:"modular,omitempty"`
	// Strings are the distinctive literals and the versions holding each.
	Strings map[string]uint64 `json:"strings,omitempty"`
}

// FormatVersion is the layout written by the generator.
const FormatVersion = 1

//go:embed fingerprints.json.gz
var embedded []byte

// DB is a loaded fingerprint file, indexed for lookups.
type DB struct {
	File
	index  map[string]ref
	byName map[string]int
}

type ref struct {
	lib  int32
	str  int32 // the string's number in the index (distinct strings of a library count as evidence)
	mask uint64
}

var (
	defaultOnce sync.Once
	defaultDB   *DB
	defaultErr  error
)

// Default returns the fingerprints committed with pbicert.
func Default() (*DB, error) {
	defaultOnce.Do(func() {
		defaultDB, defaultErr = Load(bytes.NewReader(embedded))
	})
	return defaultDB, defaultErr
}

// Load reads a fingerprint file (gzip-compressed JSON, or plain JSON).
func Load(r io.Reader) (*DB, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if len(b) > 2 && b[0] == 0x1f && b[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("fingerprints: %w", err)
		}
		if b, err = io.ReadAll(zr); err != nil {
			return nil, fmt.Errorf("fingerprints: %w", err)
		}
	}
	var f File
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("fingerprints: %w", err)
	}
	if f.Format != FormatVersion {
		return nil, fmt.Errorf("fingerprints: format %d, want %d (regenerate with go run ./internal/libs/gen)", f.Format, FormatVersion)
	}
	return NewDB(f), nil
}

// NewDB indexes a fingerprint file. A string listed under two libraries is
// dropped from both (the generator never writes one).
func NewDB(f File) *DB {
	db := &DB{File: f, index: map[string]ref{}, byName: map[string]int{}}
	if db.MinLen <= 0 {
		db.MinLen = 6
	}
	dup := map[string]bool{}
	for i, l := range f.Libraries {
		db.byName[l.Name] = i
		for s, m := range l.Strings {
			if _, ok := db.index[s]; ok {
				dup[s] = true
				continue
			}
			db.index[s] = ref{int32(i), int32(len(db.index)), m}
		}
	}
	for s := range dup {
		delete(db.index, s)
	}
	return db
}

// Lookup returns the library of that name, or nil.
func (db *DB) Lookup(name string) *Lib {
	if i, ok := db.byName[name]; ok {
		return &db.Libraries[i]
	}
	return nil
}
