package diff

import (
	"encoding/json"
	"reflect"
	"sort"
	"strings"

	"github.com/pbicert/pbicert/pbiviz"
)

// manifestDiff compares visual metadata, apiVersion, capabilities (arrays
// of named items keyed by name: dataRoles, privileges…) and string resources.
func manifestDiff(cert, uncert *pbiviz.Package) []ManifestChange {
	out := []ManifestChange{}
	cv, uv := cert.Resource.Visual, uncert.Resource.Visual
	add := func(path string, c, u any) {
		if reflect.DeepEqual(c, u) {
			return
		}
		ch := "changed"
		switch {
		case c == nil:
			ch = "removed" // from the uncertified build to the certified one
		case u == nil:
			ch = "added"
		}
		m := ManifestChange{Path: path, Change: ch, Certified: c, Uncertified: u}
		m.Explained, m.Why = explainManifest(path, c, u)
		out = append(out, m)
	}
	str := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	fields := []struct {
		name string
		c, u string
	}{
		{"name", cv.Name, uv.Name}, {"displayName", cv.DisplayName, uv.DisplayName}, {"guid", cv.GUID, uv.GUID},
		{"visualClassName", cv.VisualClassName, uv.VisualClassName}, {"version", cv.Version, uv.Version},
		{"description", cv.Description, uv.Description}, {"supportUrl", cv.SupportURL, uv.SupportURL},
		{"gitHubUrl", cv.GitHubURL, uv.GitHubURL},
	}
	for _, f := range fields {
		add("visual."+f.name, str(f.c), str(f.u))
	}
	add("author.name", str(cert.Resource.Author.Name), str(uncert.Resource.Author.Name))
	add("author.email", str(cert.Resource.Author.Email), str(uncert.Resource.Author.Email))
	add("apiVersion", str(cert.Resource.APIVersion), str(uncert.Resource.APIVersion))
	walkJSON("capabilities", decode(cert.Resource.Capabilities), decode(uncert.Resource.Capabilities), add)
	walkJSON("stringResources", decode(cert.Resource.StringResources), decode(uncert.Resource.StringResources), add)
	return out
}

func decode(raw json.RawMessage) any {
	if len(raw) == 0 {
		return nil
	}
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return nil
	}
	return v
}

// walkJSON reports differences between c and u under path: objects by key,
// arrays of objects with a "name" by name (path[name]), other values whole.
func walkJSON(path string, c, u any, add func(string, any, any)) {
	if reflect.DeepEqual(c, u) {
		return
	}
	if path != "capabilities" && strings.Count(path, ".") >= 3 {
		add(path, c, u)
		return
	}
	cm, cok := c.(map[string]any)
	um, uok := u.(map[string]any)
	if cok && uok {
		for _, k := range unionKeys(cm, um) {
			walkJSON(path+"."+k, cm[k], um[k], add)
		}
		return
	}
	ca, cnamed := named(c)
	ua, unamed := named(u)
	if cnamed && unamed {
		for _, k := range unionKeys(ca, ua) {
			add(path+"["+k+"]", ca[k], ua[k])
		}
		return
	}
	add(path, c, u)
}

// named turns an array of objects that all have a distinct string "name" into a map.
func named(v any) (map[string]any, bool) {
	arr, ok := v.([]any)
	if !ok || len(arr) == 0 {
		return nil, ok && v != nil
	}
	m := map[string]any{}
	for _, e := range arr {
		o, ok := e.(map[string]any)
		if !ok {
			return nil, false
		}
		n, ok := o["name"].(string)
		if !ok || m[n] != nil {
			return nil, false
		}
		m[n] = o
	}
	return m, true
}

func unionKeys(a, b map[string]any) []string {
	var ks []string
	for k := range a {
		ks = append(ks, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			ks = append(ks, k)
		}
	}
	sort.Strings(ks)
	return ks
}

// explainManifest: removing the WebAccess privilege, or narrowing its origins,
// disables remote access; nothing else does.
func explainManifest(path string, c, u any) (bool, string) {
	if path != "capabilities.privileges[WebAccess]" {
		return false, ""
	}
	if c == nil {
		return true, "WebAccess privilege removed"
	}
	co, _ := c.(map[string]any)
	uo, _ := u.(map[string]any)
	if co == nil || uo == nil {
		return false, ""
	}
	cp, _ := co["parameters"].([]any)
	up, _ := uo["parameters"].([]any)
	have := map[any]bool{}
	for _, p := range up {
		have[p] = true
	}
	for _, p := range cp {
		if !have[p] {
			return false, ""
		}
	}
	if ce, ue := co["essential"], uo["essential"]; !reflect.DeepEqual(ce, ue) && ce == true {
		return false, ""
	}
	return true, "WebAccess origins narrowed"
}
