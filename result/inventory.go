package result

import (
	"slices"
	"sort"
)

// Host is one host of an endpoint inventory (pbicert endpoints, the
// report formats): where it appears and how often.
type Host struct {
	Host string `json:"host"`
	// Sources are the endpoint sources naming it, in the order static,
	// runtime, manifest.
	Sources []string `json:"sources"`
	// URLs are the distinct URLs (or WebAccess parameters) with this host.
	URLs []string `json:"urls"`
}

// Hosts groups endpoints by host, sorted by host.
func Hosts(eps []Endpoint) []Host {
	rank := map[string]int{"static": 0, "runtime": 1, "manifest": 2}
	by := map[string]*Host{}
	for _, e := range eps {
		if e.Host == "" {
			continue
		}
		h := by[e.Host]
		if h == nil {
			h = &Host{Host: e.Host}
			by[e.Host] = h
		}
		if !slices.Contains(h.Sources, e.Source) {
			h.Sources = append(h.Sources, e.Source)
		}
		if !slices.Contains(h.URLs, e.URL) {
			h.URLs = append(h.URLs, e.URL)
		}
	}
	out := make([]Host, 0, len(by))
	for _, h := range by {
		sort.SliceStable(h.Sources, func(i, j int) bool { return rank[h.Sources[i]] < rank[h.Sources[j]] })
		sort.Strings(h.URLs)
		out = append(out, *h)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Host < out[j].Host })
	return out
}

// Allowlist is the sorted, distinct hosts of the results' endpoints whose
// source is one of sources (all sources when none is given).
func Allowlist(rs []Result, sources ...string) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range rs {
		for _, e := range r.Endpoints {
			if e.Host == "" || seen[e.Host] || (len(sources) > 0 && !slices.Contains(sources, e.Source)) {
				continue
			}
			seen[e.Host] = true
			out = append(out, e.Host)
		}
	}
	sort.Strings(out)
	return out
}
