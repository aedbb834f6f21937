package pbiviz

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// PackageJSON is the package.json at the root of a .pbiviz.
type PackageJSON struct {
	Version   string        `json:"version"`
	Author    Author        `json:"author"`
	Resources []ResourceRef `json:"resources"`
	Visual    VisualInfo    `json:"visual"`
	Metadata  struct {
		PBIVizJSON struct {
			ResourceID string `json:"resourceId"`
		} `json:"pbivizjson"`
	} `json:"metadata"`
}

// Author of a visual.
type Author struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

// ResourceRef is an entry of package.json "resources".
type ResourceRef struct {
	ResourceID string     `json:"resourceId"`
	SourceType FlexString `json:"sourceType"` // a number in real packages (5: the pbiviz.json)
	File       string     `json:"file"`
}

// FlexString accepts a JSON string or number and keeps its text.
type FlexString string

// UnmarshalJSON implements json.Unmarshaler.
func (f *FlexString) UnmarshalJSON(b []byte) error {
	switch kind(b) {
	case "string":
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = FlexString(s)
	case "number":
		*f = FlexString(b)
	case "null":
	default:
		return &json.UnmarshalTypeError{Value: kind(b), Type: reflect.TypeFor[FlexString]()}
	}
	return nil
}

// VisualInfo is the "visual" object of package.json and of the resource.
type VisualInfo struct {
	Name            string `json:"name"`
	DisplayName     string `json:"displayName"`
	GUID            string `json:"guid"`
	VisualClassName string `json:"visualClassName"`
	Version         string `json:"version"`
	Description     string `json:"description"`
	SupportURL      string `json:"supportUrl"`
	GitHubURL       string `json:"gitHubUrl"`
}

// Resource is resources/<guid>.pbiviz.json.
type Resource struct {
	Visual     VisualInfo
	Author     Author
	APIVersion string

	Capabilities  json.RawMessage // the full capabilities object (nil when absent)
	Privileges    []Privilege     // capabilities.privileges
	HasPrivileges bool            // the privileges key is present in capabilities

	StringResources json.RawMessage
	Dependencies    json.RawMessage
	ExternalJS      []string // null, a string or an array of strings

	Content          Content
	VisualEntryPoint string
	Assets           json.RawMessage
	Style            string
}

// Content is the resource's "content".
type Content struct {
	// JS and CSS are the exact decoded text of content.js and content.css
	// (invalid UTF-8 is kept as is): finding offsets refer to bytes in them.
	JS, CSS    string
	IconBase64 string
}

// Privilege is an entry of capabilities.privileges.
type Privilege struct {
	Name       string
	Essential  bool
	Parameters json.RawMessage // nil when absent
	// Origins holds the parameters when they are an array of strings
	// (WebAccess); it is nil for object parameters (AADAuthentication).
	Origins []string
}

// jsonDoc decodes parts of one JSON document and reports errors with the
// entry name and absolute byte offsets.
type jsonDoc struct {
	name string
	raw  []byte
	long longStrings // the long strings of raw, when followed (jsonfollow.go)
}

// unquote decodes the string at s: unquote, or the long string's memo.
func (d jsonDoc) unquote(s span) string {
	if l := d.long.at(s.Start); l != nil && l.end == s.End {
		return l.text
	}
	return unquote(d.raw[s.Start:s.End])
}

func (d jsonDoc) errorf(off int, format string, args ...any) error {
	return fmt.Errorf("%s: invalid JSON at byte %d: %s", d.name, off, fmt.Sprintf(format, args...))
}

// wrap turns an encoding/json error on raw[base:...] into a one-line error.
func (d jsonDoc) wrap(err error, base int, field string) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off := base + int(se.Offset)
		if strings.HasPrefix(se.Error(), "invalid character") && se.Offset > 0 {
			off-- // Offset counts the offending byte
		}
		return d.errorf(off, "%s", se.Error())
	case errors.As(err, &te):
		f := joinField(field, te.Field)
		got := te.Value
		if i := strings.IndexByte(got, ' '); i > 0 {
			got = got[:i] // "number 1.5" → "number"
		}
		if got == "bool" {
			got = "boolean"
		}
		off := base + int(te.Offset)
		if te.Offset > 0 && off-1 < len(d.raw) && (d.raw[off-1] == '{' || d.raw[off-1] == '[') {
			off-- // encoding/json reports the offset after the opening bracket
		}
		if f == "" {
			return d.errorf(off, "expected %s, got %s", jsonKind(te.Type), got)
		}
		return d.errorf(off, "field %s: expected %s, got %s", f, jsonKind(te.Type), got)
	}
	msg := strings.ReplaceAll(err.Error(), "\n", " ")
	if field != "" {
		return d.errorf(base, "field %s: %s", field, strings.TrimPrefix(msg, "json: "))
	}
	return d.errorf(base, "%s", strings.TrimPrefix(msg, "json: "))
}

func joinField(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "." + b
}

// jsonKind names the JSON type a Go type decodes from.
func jsonKind(t reflect.Type) string {
	if t == nil {
		return "a value"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == reflect.TypeFor[FlexString]() {
		return "string or number"
	}
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		return "object"
	case reflect.Slice, reflect.Array:
		return "array"
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Interface:
		return "a value"
	}
	return "number"
}

// decode runs json.Unmarshal on raw[s] into dst, unless the value is null.
func (d jsonDoc) decode(s span, field string, dst any) error {
	v := d.raw[s.Start:s.End]
	if isNull(v) {
		return nil
	}
	if err := json.Unmarshal(v, dst); err != nil {
		return d.wrap(err, s.Start, field)
	}
	return nil
}

// expect checks the JSON type of the value at s ("object", "array"...);
// null is accepted.
func (d jsonDoc) expect(s span, field string, kinds ...string) error {
	k := kind(d.raw[s.Start:s.End])
	if k == "null" {
		return nil
	}
	for _, want := range kinds {
		if k == want {
			return nil
		}
	}
	return d.errorf(s.Start, "field %s: expected %s, got %s", field, strings.Join(kinds, " or "), k)
}

// validate checks depth (before encoding/json sees the bytes) and syntax,
// and that the document is an object.
func (d jsonDoc) validate(lim Limits) error {
	if off := checkDepth(d.raw, lim.MaxJSONDepth, d.long); off >= 0 {
		return limitErr(LimitJSONDepth, int64(lim.MaxJSONDepth)+1, int64(lim.MaxJSONDepth),
			"%s: JSON nesting deeper than %d levels at byte %d", d.name, lim.MaxJSONDepth, off)
	}
	if !validJSON(d.raw, d.long) && !json.Valid(d.raw) {
		// slow path, for the error's offset
		var probe any
		if err := json.Unmarshal(d.raw, &probe); err != nil {
			return d.wrap(err, 0, "")
		}
		return d.errorf(0, "malformed document")
	}
	start := skipSpace(d.raw, 0)
	if k := kind(d.raw[start:]); k != "object" {
		return d.errorf(start, "expected object, got %s", k)
	}
	return nil
}

// ParseManifestJSON decodes the bytes of a pbiviz.json resource (BOM
// allowed). name is the entry name used in errors.
func ParseManifestJSON(name string, raw []byte, lim Limits) (*Resource, error) {
	r := new(Resource)
	if err := decodeResource(name, stripBOM(raw), lim.withDefaults(), r, nil); err != nil {
		return nil, err
	}
	return r, nil
}

// ParsePackageJSON decodes the bytes of package.json (BOM allowed).
func ParsePackageJSON(raw []byte, lim Limits) (*PackageJSON, error) {
	p := new(PackageJSON)
	if err := decodePackageJSON(stripBOM(raw), lim.withDefaults(), p); err != nil {
		return nil, err
	}
	return p, nil
}

func decodePackageJSON(raw []byte, lim Limits, p *PackageJSON) error {
	d := jsonDoc{name: "package.json", raw: raw}
	if err := d.validate(lim); err != nil {
		return err
	}
	return d.decode(span{0, len(raw)}, "", p)
}

// decodeResource decodes a resource; long (may be nil) are its long
// strings, followed while it was inflated.
func decodeResource(name string, raw []byte, lim Limits, r *Resource, long longStrings) error {
	d := jsonDoc{name: name, raw: raw, long: long}
	if len(raw) < 1<<20 {
		if err := d.validate(lim); err != nil {
			return err
		}
		return d.resource(r)
	}
	// a multi-megabyte resource (content.js inside): validate beside the
	// decoding, whose result stands only if the document is valid
	valid := make(chan error, 1)
	go func() { valid <- d.validate(lim) }()
	err := func() (err error) {
		defer func() {
			if p := recover(); p != nil {
				if verr := <-valid; verr != nil {
					valid <- verr // malformed: the decoder may fail in any way
					return
				}
				panic(p)
			}
		}()
		return d.resource(r)
	}()
	if verr := <-valid; verr != nil {
		*r = Resource{}
		return verr
	}
	return err
}

// resource decodes a validated pbiviz.json document.
func (d jsonDoc) resource(r *Resource) error {
	raw := d.raw
	top, err := objectFields(raw, 0, d.long)
	if err != nil {
		return d.errorf(0, "malformed object")
	}
	field := func(key string) (span, bool) { s, ok := top[key]; return s, ok }
	if s, ok := field("visual"); ok {
		if err := d.decode(s, "visual", &r.Visual); err != nil {
			return err
		}
	}
	if s, ok := field("author"); ok {
		if err := d.decode(s, "author", &r.Author); err != nil {
			return err
		}
	}
	for _, f := range []struct {
		key string
		dst *string
	}{{"apiVersion", &r.APIVersion}, {"visualEntryPoint", &r.VisualEntryPoint}, {"style", &r.Style}} {
		if s, ok := field(f.key); ok {
			if err := d.expect(s, f.key, "string"); err != nil {
				return err
			}
			if v := raw[s.Start:s.End]; !isNull(v) {
				*f.dst = unquote(v)
			}
		}
	}
	for _, f := range []struct {
		key string
		dst *json.RawMessage
	}{{"stringResources", &r.StringResources}, {"dependencies", &r.Dependencies}, {"assets", &r.Assets}} {
		if s, ok := field(f.key); ok {
			*f.dst = json.RawMessage(raw[s.Start:s.End])
		}
	}
	if s, ok := field("externalJS"); ok {
		if r.ExternalJS, err = d.stringList(s, "externalJS"); err != nil {
			return err
		}
	}
	if s, ok := field("content"); ok {
		if err := d.content(s, &r.Content); err != nil {
			return err
		}
	}
	if s, ok := field("capabilities"); ok {
		if err := d.expect(s, "capabilities", "object"); err != nil {
			return err
		}
		if v := raw[s.Start:s.End]; !isNull(v) {
			r.Capabilities = json.RawMessage(v)
			if err := d.privileges(s, r); err != nil {
				return err
			}
		}
	}
	return nil
}

// stringList accepts null, a string or an array of strings.
func (d jsonDoc) stringList(s span, field string) ([]string, error) {
	v := d.raw[s.Start:s.End]
	switch kind(v) {
	case "null":
		return nil, nil
	case "string":
		return []string{unquote(v)}, nil
	case "array":
		out := []string{}
		var bad error
		err := elements(d.raw, s.Start, d.long, func(i int, e span) bool {
			ev := d.raw[e.Start:e.End]
			if kind(ev) != "string" {
				bad = d.errorf(e.Start, "field %s[%d]: expected string, got %s", field, i, kind(ev))
				return false
			}
			out = append(out, unquote(ev))
			return true
		})
		if bad != nil {
			return nil, bad
		}
		if err != nil {
			return nil, d.errorf(s.Start, "field %s: malformed array", field)
		}
		return out, nil
	}
	return nil, d.errorf(s.Start, "field %s: expected array of strings, got %s", field, kind(v))
}

func (d jsonDoc) content(s span, c *Content) error {
	if err := d.expect(s, "content", "object"); err != nil {
		return err
	}
	if isNull(d.raw[s.Start:s.End]) {
		return nil
	}
	fields, err := objectFields(d.raw, s.Start, d.long)
	if err != nil {
		return d.errorf(s.Start, "field content: malformed object")
	}
	for _, f := range []struct {
		key string
		dst *string
	}{{"js", &c.JS}, {"css", &c.CSS}, {"iconBase64", &c.IconBase64}} {
		fs, ok := fields[f.key]
		if !ok {
			continue
		}
		if err := d.expect(fs, "content."+f.key, "string"); err != nil {
			return err
		}
		if v := d.raw[fs.Start:fs.End]; !isNull(v) {
			*f.dst = d.unquote(fs)
		}
	}
	return nil
}

func (d jsonDoc) privileges(caps span, r *Resource) error {
	fields, err := objectFields(d.raw, caps.Start, d.long)
	if err != nil {
		return d.errorf(caps.Start, "field capabilities: malformed object")
	}
	ps, ok := fields["privileges"]
	if !ok {
		return nil
	}
	r.HasPrivileges = true
	if err := d.expect(ps, "capabilities.privileges", "array"); err != nil {
		return err
	}
	if isNull(d.raw[ps.Start:ps.End]) {
		return nil
	}
	r.Privileges = []Privilege{}
	var bad error
	err = elements(d.raw, ps.Start, d.long, func(i int, e span) bool {
		name := "capabilities.privileges[" + strconv.Itoa(i) + "]"
		if bad = d.expect(e, name, "object"); bad != nil {
			return false
		}
		if isNull(d.raw[e.Start:e.End]) {
			return true
		}
		var p struct {
			Name       string          `json:"name"`
			Essential  bool            `json:"essential"`
			Parameters json.RawMessage `json:"parameters"`
		}
		if bad = d.decode(e, name, &p); bad != nil {
			return false
		}
		priv := Privilege{Name: p.Name, Essential: p.Essential}
		pf, _ := objectFields(d.raw, e.Start, d.long)
		if s, ok := pf["parameters"]; ok {
			priv.Parameters = json.RawMessage(d.raw[s.Start:s.End])
			if kind(priv.Parameters) == "array" {
				if priv.Origins, bad = d.stringList(s, name+".parameters"); bad != nil {
					return false
				}
			} else if bad = d.expect(s, name+".parameters", "array", "object"); bad != nil {
				return false
			}
		}
		r.Privileges = append(r.Privileges, priv)
		return true
	})
	if bad != nil {
		return bad
	}
	if err != nil {
		return d.errorf(ps.Start, "field capabilities.privileges: malformed array")
	}
	return nil
}
