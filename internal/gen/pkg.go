package gen

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// ZipTime is the modification time written on every generated entry, so
// packages are byte-for-byte reproducible.
var ZipTime = time.Date(2025, time.January, 2, 3, 4, 6, 0, time.UTC)

// iconPNG is a 20x20 PNG (solid #118DFF) written byte by byte so that it
// does not depend on image/png's encoder.
var iconBase64 = "data:image/png;base64," + base64.StdEncoding.EncodeToString(iconPNG())

// ResourceName returns the zip entry name of v's resource.
func ResourceName(v Visual) string {
	return "resources/" + v.normalized().GUID + ".pbiviz.json"
}

// BuildResourceJSON returns resources/<guid>.pbiviz.json for v and its bundle,
// as one line of JSON with keys in the order pbiviz writes them.
func BuildResourceJSON(v Visual, b Bundle) []byte {
	v = v.normalized()
	var sb strings.Builder
	sb.Grow(len(b.JS) + len(v.CSS) + 8192)
	caps := string(v.Capabilities)
	if caps == "" {
		priv := string(v.Privileges)
		switch {
		case v.OmitPrivileges:
			priv = ""
		case priv == "" && v.Era == 5:
			priv = "[]"
		}
		caps = defaultCapabilities(priv)
	}
	sb.WriteString(`{"visual":`)
	sb.WriteString(visualInfoJSON(v, v.Era == 5))
	if v.Era == 1 {
		sb.WriteString(`,"apiVersion":` + jsonString(v.APIVersion))
		sb.WriteString(`,"author":` + authorJSON(v))
		sb.WriteString(`,"assets":{"icon":"assets/icon.png"}`)
		sb.WriteString(`,"externalJS":` + externalJSON(v))
		sb.WriteString(`,"style":"style/visual.less","capabilities":`)
		sb.WriteString(caps)
		sb.WriteString(`,"content":`)
		writeContent(&sb, v, b)
		sb.WriteString(`}`)
		return []byte(sb.String())
	}
	sb.WriteString(`,"style":"style/visual.less","stringResources":{"en-US":{"Visual_Name":` + jsonString(v.DisplayName) + `}}`)
	sb.WriteString(`,"capabilities":`)
	sb.WriteString(caps)
	sb.WriteString(`,"dependencies":null,"content":`)
	writeContent(&sb, v, b)
	sb.WriteString(`,"visualEntryPoint":"","assets":{"icon":"assets/icon.png"},"externalJS":`)
	sb.WriteString(externalJSON(v))
	sb.WriteString(`,"apiVersion":` + jsonString(v.APIVersion))
	sb.WriteString(`,"author":` + authorJSON(v) + `}`)
	return []byte(sb.String())
}

func writeContent(sb *strings.Builder, v Visual, b Bundle) {
	sb.WriteString(`{"js":`)
	writeJSONString(sb, b.JS)
	sb.WriteString(`,"css":`)
	writeJSONString(sb, v.CSS)
	sb.WriteString(`,"iconBase64":`)
	writeJSONString(sb, iconBase64)
	sb.WriteString(`}`)
}

func externalJSON(v Visual) string {
	ext := v.ExternalJS
	if ext == nil && v.Era == 1 {
		ext = []string{"node_modules/powerbi-visuals-utils-dataviewutils/lib/index.js", "node_modules/d3/d3.min.js"}
	}
	parts := make([]string, len(ext))
	for i, e := range ext {
		parts[i] = jsonString(e)
	}
	return "[" + strings.Join(parts, ",") + "]"
}

func authorJSON(v Visual) string {
	return `{"name":` + jsonString(v.AuthorName) + `,"email":` + jsonString(v.AuthorEmail) + `}`
}

func visualInfoJSON(v Visual, modern bool) string {
	s := `{"name":` + jsonString(v.Name) + `,"displayName":` + jsonString(v.DisplayName) +
		`,"guid":` + jsonString(v.GUID) + `,"visualClassName":` + jsonString(v.ClassName) +
		`,"version":` + jsonString(v.Version) + `,"description":` + jsonString(v.Description) +
		`,"supportUrl":` + jsonString(v.SupportURL) + `,"gitHubUrl":` + jsonString(v.GitHubURL)
	if modern {
		s += `,"icon":"assets/icon.png"`
	}
	return s + `}`
}

// BuildPackageJSON returns the package.json of v's .pbiviz.
func BuildPackageJSON(v Visual) []byte {
	v = v.normalized()
	return []byte(`{"version":` + jsonString(v.Version) + `,"author":` + authorJSON(v) +
		`,"resources":[{"resourceId":"rId0","sourceType":5,"file":` + jsonString(ResourceName(v)) + `}]` +
		`,"visual":` + visualInfoJSON(v, false) +
		`,"metadata":{"pbivizjson":{"resourceId":"rId0"}}}`)
}

// ZipOptions changes how BuildPackage lays out the zip.
type ZipOptions struct {
	Store               bool              // STORE instead of DEFLATE
	NoResourcesDir      bool              // omit the "resources/" folder entry
	BOM                 bool              // UTF-8 BOM before package.json and the resource
	ExtraEntries        map[string][]byte // added after the standard entries, sorted by name
	OmitPackageJSON     bool
	PackageJSONOverride []byte // written verbatim as package.json
	ResourceOverride    []byte // written verbatim as the resource
}

// BuildPackage returns the bytes of v's .pbiviz.
func BuildPackage(v Visual, o ZipOptions) ([]byte, error) {
	bundle := BuildJS(v)
	res := o.ResourceOverride
	if res == nil {
		res = BuildResourceJSON(v, bundle)
	}
	pj := o.PackageJSONOverride
	if pj == nil {
		pj = BuildPackageJSON(v)
	}
	if o.BOM {
		res = append([]byte("\xEF\xBB\xBF"), res...)
		pj = append([]byte("\xEF\xBB\xBF"), pj...)
	}
	var buf bytes.Buffer
	buf.Grow(len(res)/3 + 4096)
	zw := zip.NewWriter(&buf)
	add := func(name string, data []byte, dir bool) error {
		h := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: ZipTime}
		if o.Store || dir {
			h.Method = zip.Store
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			return fmt.Errorf("zip entry %s: %w", name, err)
		}
		_, err = w.Write(data)
		return err
	}
	if !o.OmitPackageJSON {
		if err := add("package.json", pj, false); err != nil {
			return nil, err
		}
	}
	if !o.NoResourcesDir {
		if err := add("resources/", nil, true); err != nil {
			return nil, err
		}
	}
	if err := add(ResourceName(v), res, false); err != nil {
		return nil, err
	}
	names := make([]string, 0, len(o.ExtraEntries))
	for n := range o.ExtraEntries {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := add(n, o.ExtraEntries[n], strings.HasSuffix(n, "/")); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, errors.Join(errors.New("closing zip"), err)
	}
	return buf.Bytes(), nil
}

// MustBuildPackage is BuildPackage for tests and benchmarks: it panics on
// error (which only happens for invalid ExtraEntries names).
func MustBuildPackage(v Visual, o ZipOptions) []byte {
	b, err := BuildPackage(v, o)
	if err != nil {
		panic(err)
	}
	return b
}
