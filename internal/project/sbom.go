package project

import (
	"encoding/json"
	"sort"
	"strings"

	"github.com/pbicert/pbicert/internal/libs"
	"github.com/pbicert/pbicert/result"
)

// lockFile is the part of package-lock.json (lockfileVersion 1, 2 or 3)
// the SBOM reads.
type lockFile struct {
	LockfileVersion int                  `json:"lockfileVersion"`
	Packages        map[string]lockEntry `json:"packages"`
	Dependencies    map[string]lockV1    `json:"dependencies"`
}

type lockEntry struct {
	Name         string            `json:"name"`
	Version      string            `json:"version"`
	License      json.RawMessage   `json:"license"`
	Dev          bool              `json:"dev"`
	Link         bool              `json:"link"`
	Dependencies map[string]string `json:"dependencies"`
}

type lockV1 struct {
	Version      string            `json:"version"`
	Dev          bool              `json:"dev"`
	Requires     map[string]string `json:"requires"`
	Dependencies map[string]lockV1 `json:"dependencies"`
}

// LockLibraries resolves the npm dependency tree of package-lock.json: one
// Library per installed package (name, version, licence where the lock
// file records it, PURL, the PURLs it depends on), the ones package.json
// names marked Direct, development-only ones marked Dev. Nil when there is
// no usable lock file.
func LockLibraries(lock, pkgJSON []byte) []result.Library {
	var lf lockFile
	if len(lock) == 0 || json.Unmarshal(lock, &lf) != nil {
		return nil
	}
	direct := map[string]bool{}
	var pj struct {
		Dependencies    map[string]string `json:"dependencies"`
		DevDependencies map[string]string `json:"devDependencies"`
	}
	if json.Unmarshal(pkgJSON, &pj) == nil {
		for n := range pj.Dependencies {
			direct[n] = true
		}
		for n := range pj.DevDependencies {
			direct[n] = true
		}
	}
	type node struct {
		lib  result.Library
		path string
		deps map[string]string
	}
	var nodes []*node
	byPath := map[string]*node{}
	if len(lf.Packages) > 0 {
		for path, e := range lf.Packages {
			if path == "" || e.Link || !strings.Contains(path, "node_modules/") {
				continue
			}
			name := e.Name
			if name == "" {
				name = path[strings.LastIndex(path, "node_modules/")+len("node_modules/"):]
			}
			if e.Version == "" {
				continue
			}
			n := &node{lib: result.Library{Name: name, Version: e.Version, License: lockLicense(e.License), PURL: libs.PURL(name, e.Version),
				Dev: e.Dev, Direct: direct[name] && path == "node_modules/"+name}, path: path, deps: e.Dependencies}
			nodes = append(nodes, n)
			byPath[path] = n
		}
	} else {
		var walk func(prefix string, deps map[string]lockV1)
		walk = func(prefix string, deps map[string]lockV1) {
			for name, d := range deps {
				path := prefix + "node_modules/" + name
				n := &node{lib: result.Library{Name: name, Version: d.Version, PURL: libs.PURL(name, d.Version), Dev: d.Dev,
					Direct: direct[name] && prefix == ""}, path: path, deps: d.Requires}
				nodes = append(nodes, n)
				byPath[path] = n
				walk(path+"/", d.Dependencies)
			}
		}
		walk("", lf.Dependencies)
	}
	// resolve each dependency as node does: the nearest node_modules up
	for _, n := range nodes {
		for dep := range n.deps {
			for dir := n.path; ; {
				if t, ok := byPath[dir+"/node_modules/"+dep]; ok {
					n.lib.DependsOn = append(n.lib.DependsOn, t.lib.PURL)
					break
				}
				i := strings.LastIndex(dir, "/node_modules/")
				if i < 0 {
					if t, ok := byPath["node_modules/"+dep]; ok {
						n.lib.DependsOn = append(n.lib.DependsOn, t.lib.PURL)
					}
					break
				}
				dir = dir[:i]
			}
		}
		sort.Strings(n.lib.DependsOn)
	}
	out := make([]result.Library, 0, len(nodes))
	seen := map[string]bool{}
	sort.Slice(nodes, func(i, j int) bool { return nodes[i].path < nodes[j].path })
	for _, n := range nodes {
		if seen[n.lib.PURL] {
			continue
		}
		seen[n.lib.PURL] = true
		out = append(out, n.lib)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].PURL < out[j].PURL })
	return out
}

func lockLicense(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var o struct {
		Type string `json:"type"`
	}
	if json.Unmarshal(raw, &o) == nil {
		return o.Type
	}
	return ""
}

// lockVersions maps the packages installed at the top of node_modules to
// their versions (for findings' origins).
func lockVersions(ls []result.Library) map[string]string {
	m := map[string]string{}
	for _, l := range ls {
		if _, ok := m[l.Name]; !ok {
			m[l.Name] = l.Version
		}
	}
	return m
}
