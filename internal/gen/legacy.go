package gen

import (
	"archive/zip"
	"bytes"
	"fmt"
)

// BuildLegacyPackage returns a .pbiviz in the pre-2018 layout of pbiviz
// tools 1.x (2016-2017): package.json lists resources/project.ts (sourceType
// 5, a stub pointing at project.js), project.js (0), project.css (1),
// icon.svg (3) and names the code under "code"; there is no
// resources/<guid>.pbiviz.json, no apiVersion and no capabilities. The
// JavaScript is v's era-1 bundle (TypeScript namespaces and the API 1.x
// plugin registration), whatever v.Era says.
func BuildLegacyPackage(v Visual) ([]byte, error) {
	v.Era = 1
	bundle := BuildJS(v)
	v = v.normalized()
	pj := `{"build":"1.2.0","version":` + jsonString(v.Version) + `,"author":` + authorJSON(v) +
		`,"resources":[` +
		`{"resourceId":"rId0","sourceType":5,"file":"resources/project.ts"},` +
		`{"resourceId":"rId1","sourceType":0,"file":"resources/project.js"},` +
		`{"resourceId":"rId2","sourceType":1,"file":"resources/project.css"},` +
		`{"resourceId":"rId3","sourceType":3,"file":"resources/icon.svg"}]` +
		`,"visual":{"name":` + jsonString(v.Name) + `,"displayName":` + jsonString(v.DisplayName) +
		`,"guid":` + jsonString(v.GUID) + `,"version":` + jsonString(v.Version) +
		`,"description":` + jsonString(v.Description) + `,"supportUrl":` + jsonString(v.SupportURL) + `}` +
		`,"code":{"typeScript":{"resourceId":"rId0"},"javaScript":{"resourceId":"rId1"},"css":{"resourceId":"rId2"}}` +
		`,"images":{"icon":{"resourceId":"rId3"}}}`
	entries := []struct {
		name string
		data string
	}{
		{"package.json", pj},
		{"resources/", ""},
		{"resources/icon.svg", `<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><rect width="20" height="20"/></svg>`},
		{"resources/project.css", v.CSS},
		{"resources/project.js", bundle.JS},
		{"resources/project.ts", "/** See project.js **/"},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: ZipTime}
		if e.name == "resources/" {
			h.Method = zip.Store
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			return nil, fmt.Errorf("zip entry %s: %w", e.name, err)
		}
		if _, err := w.Write([]byte(e.data)); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
