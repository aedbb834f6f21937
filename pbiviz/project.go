package pbiviz

// ReadProjectManifest assembles the manifest of a visual source project
// (pbiviz.json + capabilities.json) as a Package, so that the manifest rules
// run on a project exactly as on a package. pbivizName and capsName name the
// files in errors ("pbiviz.json: invalid JSON at byte 42: …"). capsRaw may
// be nil (no capabilities.json). In pbiviz.json, "capabilities" is usually
// a file name: it is ignored (an inline object is accepted when capsRaw is
// nil). The returned Package has ResourcePath = pbivizName and ResourceRaw
// = pbiviz.json's bytes (after BOM strip); PackageJSON mirrors the visual
// and author (HasPackageJSON is false).
func ReadProjectManifest(pbivizName string, pbivizRaw []byte, capsName string, capsRaw []byte, lim Limits) (*Package, error) {
	lim = lim.withDefaults()
	raw := stripBOM(pbivizRaw)
	d := jsonDoc{name: pbivizName, raw: raw}
	if err := d.validate(lim); err != nil {
		return nil, err
	}
	top, err := objectFields(raw, 0, nil)
	if err != nil {
		return nil, d.errorf(0, "malformed object")
	}
	var r Resource
	if s, ok := top["visual"]; ok {
		if err := d.expect(s, "visual", "object"); err != nil {
			return nil, err
		}
		if err := d.decode(s, "visual", &r.Visual); err != nil {
			return nil, err
		}
	}
	if s, ok := top["author"]; ok {
		if err := d.expect(s, "author", "object"); err != nil {
			return nil, err
		}
		if err := d.decode(s, "author", &r.Author); err != nil {
			return nil, err
		}
	}
	for _, f := range []struct {
		key string
		dst *string
	}{{"apiVersion", &r.APIVersion}, {"style", &r.Style}} {
		if s, ok := top[f.key]; ok {
			if err := d.expect(s, f.key, "string"); err != nil {
				return nil, err
			}
			if v := raw[s.Start:s.End]; !isNull(v) {
				*f.dst = unquote(v)
			}
		}
	}
	for _, f := range []struct {
		key string
		dst *[]byte
	}{{"stringResources", (*[]byte)(&r.StringResources)}, {"dependencies", (*[]byte)(&r.Dependencies)}, {"assets", (*[]byte)(&r.Assets)}} {
		if s, ok := top[f.key]; ok {
			*f.dst = raw[s.Start:s.End]
		}
	}
	if s, ok := top["externalJS"]; ok {
		if r.ExternalJS, err = d.stringList(s, "externalJS"); err != nil {
			return nil, err
		}
	}
	switch {
	case capsRaw != nil:
		craw := stripBOM(capsRaw)
		cd := jsonDoc{name: capsName, raw: craw}
		if err := cd.validate(lim); err != nil {
			return nil, err
		}
		r.Capabilities = craw
		if err := cd.privileges(span{0, len(craw)}, &r); err != nil {
			return nil, err
		}
	default:
		if s, ok := top["capabilities"]; ok && kind(raw[s.Start:s.End]) == "object" {
			r.Capabilities = raw[s.Start:s.End]
			if err := d.privileges(s, &r); err != nil {
				return nil, err
			}
		}
	}
	pkg := &Package{ResourcePath: pbivizName, Resource: r, ResourceRaw: raw}
	pkg.PackageJSON.Visual = r.Visual
	pkg.PackageJSON.Author = r.Author
	pkg.PackageJSON.Version = r.Visual.Version
	return pkg, nil
}

// PrivilegePosIn locates the privilege named name in a standalone
// capabilities document (capabilities.json): the position of its name
// string, else of the privileges array, else the start of the document.
func PrivilegePosIn(capsRaw []byte, name string) Pos {
	raw := stripBOM(capsRaw)
	p := &Package{ResourceRaw: raw}
	caps, err := objectFields(raw, 0, nil)
	if err != nil {
		return Pos{1, 1, 0}
	}
	ps, ok := caps["privileges"]
	if !ok {
		return Pos{1, 1, 0}
	}
	found := -1
	_ = elements(raw, ps.Start, nil, func(_ int, e span) bool {
		_ = members(raw, e.Start, nil, func(k string, _ int, v span) bool {
			if k == "name" && kind(raw[v.Start:v.End]) == "string" && unquote(raw[v.Start:v.End]) == name {
				found = v.Start
			}
			return found < 0
		})
		return found < 0
	})
	if found < 0 {
		found = ps.Start
	}
	return p.pos(found)
}

// KeyPos locates the first object key equal to key (at any depth) in a JSON
// document, or the start of the document. A dotted key ("visual.version")
// is looked up inside the object of its first part first.
func KeyPos(raw []byte, key string) Pos {
	raw = stripBOM(raw)
	p := &Package{ResourceRaw: raw}
	from := 0
	for {
		head, rest, dotted := cutDot(key)
		if !dotted {
			break
		}
		off := keyOffset(raw, from, head)
		if off < 0 {
			key = rest
			break
		}
		from, key = off, rest
	}
	if off := keyOffset(raw, from, key); off >= 0 {
		return p.pos(off)
	}
	if from > 0 {
		return p.pos(from)
	}
	return Pos{1, 1, 0}
}

func cutDot(s string) (string, string, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

// keyOffset returns the offset of the first string token equal to key
// followed by a colon, from from on, or -1.
func keyOffset(b []byte, from int, key string) int {
	for i := from; i < len(b); i++ {
		if b[i] != '"' {
			continue
		}
		e := skipStringBody(b, i+1)
		if e > len(b) {
			return -1
		}
		if unquote(b[i:e]) == key {
			j := skipSpace(b, e)
			if j < len(b) && b[j] == ':' {
				return i
			}
		}
		i = e - 1
	}
	return -1
}
