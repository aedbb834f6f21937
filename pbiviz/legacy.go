package pbiviz

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"path"
	"strings"
)

// The pre-2018 package layout (pbiviz tools 1.x, 2016-2017) has no
// resources/<guid>.pbiviz.json: package.json lists the code as separate
// resources and names them under "code":
//
//	"resources": [{"resourceId":"rId0","sourceType":5,"file":"resources/project.ts"},
//	              {"resourceId":"rId1","sourceType":0,"file":"resources/project.js"},
//	              {"resourceId":"rId2","sourceType":1,"file":"resources/project.css"}, …],
//	"code": {"typeScript":{"resourceId":"rId0"}, "javaScript":{"resourceId":"rId1"}, "css":{"resourceId":"rId2"}}
//
// (sourceType 5 is the TypeScript there, the pbiviz.json resource in later
// packages). Such a package has no capabilities and no apiVersion in its
// manifest (the visual declared them in code; web access was granted
// implicitly). readLegacy reads its JavaScript and CSS as content.js and
// content.css and its package.json as the manifest.

// legacyCode is package.json's "code" object of the pre-2018 layout.
type legacyCode struct {
	Code struct {
		JavaScript struct {
			ResourceID string `json:"resourceId"`
		} `json:"javaScript"`
		CSS struct {
			ResourceID string `json:"resourceId"`
		} `json:"css"`
	} `json:"code"`
}

// Legacy sourceType values of package.json resources.
const (
	legacyJS  = "0"
	legacyCSS = "1"
)

// readLegacy recognises the pre-2018 layout (a package.json, no
// resources/*.pbiviz.json, JavaScript named by "code" or a resource of
// sourceType 0) and reads it into p. It returns false, nil for any other
// layout.
func readLegacy(p *Package, byName map[string]*zip.File, rd *entryReader) (bool, error) {
	if !p.HasPackageJSON {
		return false, nil
	}
	for _, name := range p.Entries {
		if strings.HasPrefix(name, "resources/") && strings.HasSuffix(name, ".pbiviz.json") {
			return false, nil
		}
	}
	var code legacyCode
	_ = json.Unmarshal(p.PackageJSONRaw, &code) // validated (depth, syntax) by decodePackageJSON; a wrong shape leaves it empty
	find := func(id, sourceType, ext string) string {
		for _, r := range p.PackageJSON.Resources {
			if (id != "" && r.ResourceID == id) || (id == "" && string(r.SourceType) == sourceType && strings.HasSuffix(strings.ToLower(r.File), ext)) {
				return r.File
			}
		}
		return ""
	}
	js := find(code.Code.JavaScript.ResourceID, legacyJS, ".js")
	if js == "" {
		return false, nil
	}
	css := find(code.Code.CSS.ResourceID, legacyCSS, ".css")
	entry := func(field, file string) (*zip.File, error) {
		clean := path.Clean(strings.TrimPrefix(file, "./"))
		if strings.Contains(file, `\`) || strings.HasPrefix(file, "/") || !strings.HasPrefix(clean, "resources/") || strings.Contains("/"+file+"/", "/../") {
			return nil, fmt.Errorf("package.json %s %s points outside resources/", field, quoteJSON(file))
		}
		f := byName[clean]
		if f == nil || f.FileInfo().IsDir() {
			return nil, fmt.Errorf("package.json %s %s: no such entry in the package (pre-2018 package format)", field, quoteJSON(file))
		}
		return f, nil
	}
	jf, err := entry("code.javaScript", js)
	if err != nil {
		return true, err
	}
	b, err := rd.read(jf)
	if err != nil {
		return true, err
	}
	p.Legacy = true
	p.JSPath = jf.Name
	p.Resource.Content.JS = string(stripBOM(b))
	if css != "" {
		cf, err := entry("code.css", css)
		if err != nil {
			return true, err
		}
		b, err := rd.read(cf)
		if err != nil {
			return true, err
		}
		p.CSSPath = cf.Name
		p.Resource.Content.CSS = string(stripBOM(b))
	}
	// the manifest is package.json: visual metadata and author, nothing else
	p.ResourcePath = "package.json"
	p.ResourceRaw = p.PackageJSONRaw
	p.Resource.Visual = p.PackageJSON.Visual
	p.Resource.Author = p.PackageJSON.Author
	return true, nil
}
