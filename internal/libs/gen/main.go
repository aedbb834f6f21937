// Command gen writes pbicert's library fingerprints
// (internal/libs/fingerprints.json.gz) from npm packages installed in a local
// cache. Nothing of the packages is committed: only the strings the
// generator derives from them, with the versions holding each.
//
//	scripts/libs-fetch                    # npm install the list into .cache/libs
//	go run ./internal/libs/gen            # regenerate internal/libs/fingerprints.json.gz
//
// The list (internal/libs/gen/libs.txt) names the packages and versions to
// install and, with "match" lines, which installed packages to fingerprint
// (their dependencies come along: d3's modules, vega's, zrender, scheduler).
// For every package@version the generator lists the string literals of its
// JavaScript files, keeps the distinctive ones (at least 6 bytes, not a
// short plain identifier, found in no other library) and records for each
// the versions holding it, so that a bundle's strings name the library and,
// where the versions differ, the version. See docs/libraries.md.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/pbicert/pbicert/internal/libs"
	"github.com/pbicert/pbicert/internal/vercmp"
)

type pkgJSON struct {
	Name     string          `json:"name"`
	Version  string          `json:"version"`
	License  json.RawMessage `json:"license"`
	Licenses []struct {
		Type string `json:"type"`
	} `json:"licenses"`
}

// renames: a package fingerprinted under the name of the package it builds
// (core-js-bundle is core-js; plotly.js-dist-min is plotly.js).
var renames map[string]string

type umbrella struct {
	name string
	min  string // versions at or above are umbrellas; "" all
}

func main() {
	cache := flag.String("cache", filepath.Join(".cache", "libs", "node_modules"), "node_modules folder filled by scripts/libs-fetch")
	list := flag.String("list", filepath.Join("internal", "libs", "gen", "libs.txt"), "package list")
	out := flag.String("o", filepath.Join("internal", "libs", "fingerprints.json.gz"), "output file")
	maxStrings := flag.Int("max", 2500, "most strings kept per library")
	flag.Parse()
	if err := run(*cache, *list, *out, *maxStrings); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(cache, list, out string, maxStrings int) error {
	umbrellas, matches, commonFiles, err := readList(list)
	if err != nil {
		return err
	}
	common, err := commonStrings(cache, commonFiles)
	if err != nil {
		return err
	}
	renames, err = readRenames(list)
	if err != nil {
		return err
	}
	// every package.json under the cache whose name matches
	type pkg struct {
		dir, name, version, license string
	}
	seen := map[string]bool{}
	var pkgs []pkg
	err = filepath.WalkDir(cache, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "package.json" {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return nil
		}
		var pj pkgJSON
		if json.Unmarshal(b, &pj) != nil || pj.Name == "" || pj.Version == "" {
			return nil
		}
		dir := filepath.Dir(path)
		// only package roots: node_modules/<name> or node_modules/@s/<name>
		if !strings.HasSuffix(filepath.ToSlash(dir), "node_modules/"+pj.Name) && !strings.HasSuffix(filepath.ToSlash(filepath.Dir(dir)), "node_modules") {
			return nil
		}
		if !matchAny(matches, pj.Name) || seen[pj.Name+"@"+pj.Version] {
			return nil
		}
		seen[pj.Name+"@"+pj.Version] = true
		name := pj.Name
		if r, ok := renames[name]; ok {
			name = r
		}
		pkgs = append(pkgs, pkg{dir, name, pj.Version, license(pj)})
		return nil
	})
	if err != nil {
		return err
	}
	if len(pkgs) == 0 {
		return fmt.Errorf("no package of the list under %s (run scripts/libs-fetch)", cache)
	}
	sort.Slice(pkgs, func(i, j int) bool {
		if pkgs[i].name != pkgs[j].name {
			return pkgs[i].name < pkgs[j].name
		}
		return vercmp.Less(pkgs[i].version, pkgs[j].version)
	})

	libsByName := map[string]*libs.Lib{}
	var names []string
	for _, p := range pkgs {
		l := libsByName[p.name]
		if l == nil {
			l = &libs.Lib{Name: p.name, Strings: map[string]uint64{}}
			libsByName[p.name] = l
			names = append(names, p.name)
		}
		if len(l.Versions) == 64 {
			return fmt.Errorf("%s: more than 64 versions", p.name)
		}
		bit := uint64(1) << len(l.Versions)
		l.Versions = append(l.Versions, p.version)
		l.Licenses = append(l.Licenses, p.license)
		if u, ok := umbrellas[p.name]; ok {
			l.Umbrella, l.Family, l.Modular = true, p.name+"-", u.min
			if u.min == "" || !vercmp.Less(p.version, u.min) {
				continue // its modules are fingerprinted on their own
			}
		}
		strs, err := packageStrings(p.dir)
		if err != nil {
			return err
		}
		for s := range strs {
			l.Strings[s] |= bit
		}
		fmt.Fprintf(os.Stderr, "%s@%s: %d strings\n", p.name, p.version, len(strs))
	}

	// A string of two libraries names neither, unless one library is
	// bundled inside the other (at least half of its strings are the
	// other's too: d3 3.x holds what became d3's modules, plotly holds
	// regenerator-runtime): then the strings go to the inner one.
	owners := map[string][]string{}
	for _, n := range names {
		for s := range libsByName[n].Strings {
			owners[s] = append(owners[s], n)
		}
	}
	inner := map[[2]string]bool{} // {a, b}: a is bundled inside b
	overlap := map[[2]string]int{}
	for _, os := range owners {
		for _, a := range os {
			for _, b := range os {
				if a != b {
					overlap[[2]string{a, b}]++
				}
			}
		}
	}
	for k, n := range overlap {
		if a := libsByName[k[0]]; len(a.Strings) > 0 && 2*n >= len(a.Strings) && len(a.Strings) < len(libsByName[k[1]].Strings) {
			inner[k] = true
		}
	}
	// owner returns the one library a string names, or "".
	owner := func(os []string) string {
		if len(os) == 1 {
			return os[0]
		}
		for _, a := range os {
			ok := true
			for _, b := range os {
				if a != b && !inner[[2]string{a, b}] {
					ok = false
					break
				}
			}
			if ok {
				return a
			}
		}
		return ""
	}
	// package names are module specifiers (require("d3-path") in a UMD
	// build): bundling removes them
	pkgNames := map[string]bool{}
	for _, p := range pkgs {
		pkgNames[p.name] = true
		pkgNames[filepath.Base(p.dir)] = true
	}
	for from := range renames {
		pkgNames[from] = true
	}
	f := libs.File{Format: libs.FormatVersion, MinLen: minLen,
		Generator: "scripts/libs-fetch && go run ./internal/libs/gen"}
	for _, n := range names {
		l := libsByName[n]
		all := uint64(1)<<len(l.Versions) - 1
		var keep []string
		for s := range l.Strings {
			if owner(owners[s]) == n && !isCommon(common, s) && !pkgNames[s] {
				keep = append(keep, s)
			}
		}
		// too few distinctive strings to tell the library from chance
		// (d3-selection's were W3C namespace URIs and an event handler
		// name): a library of its own keeps none (it is named by its
		// version constant only); a module of an umbrella keeps them as
		// evidence of the umbrella's code, never identified on its own
		// (libs.MinStrings)
		if len(keep) < libs.MinStrings && !inFamily(umbrellas, n) {
			fmt.Fprintf(os.Stderr, "%s: %d distinctive strings, fewer than %d: none kept\n", n, len(keep), libs.MinStrings)
			keep = nil
		}
		// strings that tell versions apart first, then the longer ones
		sort.Slice(keep, func(i, j int) bool {
			di, dj := l.Strings[keep[i]] != all, l.Strings[keep[j]] != all
			if di != dj {
				return di
			}
			if len(keep[i]) != len(keep[j]) {
				return len(keep[i]) > len(keep[j])
			}
			return keep[i] < keep[j]
		})
		if len(keep) > maxStrings {
			keep = keep[:maxStrings]
		}
		kept := make(map[string]uint64, len(keep))
		for _, s := range keep {
			kept[s] = l.Strings[s]
		}
		l.Strings = kept
		if len(kept) == 0 {
			l.Strings = nil
		}
		f.Libraries = append(f.Libraries, *l)
	}
	b, err := json.Marshal(f)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "wrote %s: %d libraries, %d bytes (%d uncompressed)\n", out, len(f.Libraries), buf.Len(), len(b))
	return nil
}

const minLen = 6

// inFamily reports whether name is a module of an umbrella (d3-selection
// of d3).
func inFamily(umbrellas map[string]umbrella, name string) bool {
	for u := range umbrellas {
		if strings.HasPrefix(name, u+"-") {
			return true
		}
	}
	return false
}

// commonPrefixes begin strings every kind of web code holds: the W3C
// namespace URIs (SVG, XHTML, XLink, XML, XMLNS) and other W3C addresses.
var commonPrefixes = []string{"http://www.w3.org/", "https://www.w3.org/"}

// isCommon reports whether s is a common web constant: a name of
// TypeScript's DOM declarations (interfaces, properties, events, CSS
// properties, MIME types, tag names) or a W3C address.
func isCommon(common map[string]bool, s string) bool {
	if common[s] {
		return true
	}
	for _, p := range commonPrefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// commonStrings reads the web-platform names of the list's "common" files
// (installed by scripts/libs-fetch like the libraries): every quoted string
// and every word (letters, digits, _, $ and -) they hold.
func commonStrings(cache string, files []commonFile) (map[string]bool, error) {
	out := map[string]bool{}
	for _, c := range files {
		at := strings.LastIndexByte(c.spec, '@')
		if at <= 0 {
			return nil, fmt.Errorf("common %s: want PACKAGE@VERSION", c.spec)
		}
		alias := "lib-" + strings.NewReplacer("/", "-", "@", "-").Replace(c.spec[:at]) + "-" + c.spec[at+1:]
		b, err := os.ReadFile(filepath.Join(cache, alias, filepath.FromSlash(c.path)))
		if err != nil {
			return nil, fmt.Errorf("common %s: %v (run scripts/libs-fetch)", c.spec, err)
		}
		libs.Scan(b, 1, func(l libs.Literal) { out[l.Value] = true }, nil)
		for i := 0; i < len(b); {
			if !isWord(b[i]) {
				i++
				continue
			}
			j := i
			for j < len(b) && (isWord(b[j]) || b[j] == '-') {
				j++
			}
			out[string(b[i:j])] = true
			i = j
		}
		fmt.Fprintf(os.Stderr, "common %s %s: %d names\n", c.spec, c.path, len(out))
	}
	return out, nil
}

func isWord(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// keepString: long enough, with a letter, not a short plain identifier
// (those recur in everyone's code), not too long to be useful.
func keepString(s string) bool {
	if len(s) < minLen || len(s) > 200 {
		return false
	}
	letter, ident := false, true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			letter = true
		} else if !(c >= '0' && c <= '9' || c == '_' || c == '$') {
			ident = false
		}
	}
	if !letter {
		return false
	}
	// module specifiers never survive bundling
	if strings.HasPrefix(s, "./") || strings.HasPrefix(s, "../") || strings.HasSuffix(s, ".js") || strings.HasSuffix(s, ".mjs") || strings.HasSuffix(s, ".cjs") {
		return false
	}
	if ident && len(s) < 12 {
		return false
	}
	if strings.TrimSpace(s) != s && strings.TrimSpace(s) == "" {
		return false
	}
	return true
}

// packageStrings lists the kept literals of a package's JavaScript files.
func packageStrings(dir string) (map[string]bool, error) {
	out := map[string]bool{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			switch name {
			case "node_modules", "test", "tests", "__tests__", "spec", "benchmark", "bench", "types", "typings":
				if path != dir {
					return filepath.SkipDir
				}
			}
			return nil
		}
		if !(strings.HasSuffix(name, ".js") || strings.HasSuffix(name, ".mjs") || strings.HasSuffix(name, ".cjs")) {
			return nil
		}
		info, err := d.Info()
		if err != nil || info.Size() > 16<<20 {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return nil
		}
		libs.Scan(b, minLen, func(l libs.Literal) {
			if keepString(l.Value) {
				out[l.Value] = true
			}
		}, nil)
		return nil
	})
	return out, err
}

func license(pj pkgJSON) string {
	var s string
	if json.Unmarshal(pj.License, &s) == nil && s != "" {
		return s
	}
	var o struct {
		Type string `json:"type"`
	}
	if json.Unmarshal(pj.License, &o) == nil && o.Type != "" {
		return o.Type
	}
	var ids []string
	for _, l := range pj.Licenses {
		ids = append(ids, l.Type)
	}
	return strings.Join(ids, " OR ")
}

// commonFile is a file of web-platform names ("common PKG@VERSION PATH" in
// the list): TypeScript's DOM declarations.
type commonFile struct{ spec, path string }

func readList(file string) (map[string]umbrella, []*regexp.Regexp, []commonFile, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, nil, nil, err
	}
	defer f.Close()
	umbrellas := map[string]umbrella{}
	var matches []*regexp.Regexp
	var commons []commonFile
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		fs := strings.Fields(line)
		if len(fs) == 0 {
			continue
		}
		switch fs[0] {
		case "umbrella":
			if len(fs) < 2 {
				return nil, nil, nil, fmt.Errorf("%s:%d: umbrella NAME [MIN-VERSION]", file, n)
			}
			u := umbrella{name: fs[1]}
			if len(fs) > 2 {
				u.min = fs[2]
			}
			umbrellas[u.name] = u
		case "rename":
		case "common":
			if len(fs) != 3 {
				return nil, nil, nil, fmt.Errorf("%s:%d: common PACKAGE@VERSION PATH", file, n)
			}
			commons = append(commons, commonFile{fs[1], fs[2]})
		case "match":
			if len(fs) != 2 {
				return nil, nil, nil, fmt.Errorf("%s:%d: match REGEXP", file, n)
			}
			re, err := regexp.Compile(fs[1])
			if err != nil {
				return nil, nil, nil, fmt.Errorf("%s:%d: %v", file, n, err)
			}
			matches = append(matches, re)
		}
	}
	return umbrellas, matches, commons, sc.Err()
}

func readRenames(file string) (map[string]string, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if fs := strings.Fields(line); len(fs) == 3 && fs[0] == "rename" {
			out[fs[1]] = fs[2]
		}
	}
	return out, nil
}

func matchAny(res []*regexp.Regexp, s string) bool {
	for _, re := range res {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}
