package report

import (
	"bytes"
	"crypto/sha1"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/pbicert/pbicert/result"
)

// CycloneDXSpec is the CycloneDX version --format cyclonedx writes.
const CycloneDXSpec = "1.6"

// CycloneDX writes a CycloneDX 1.6 JSON SBOM per input that was read (an
// input whose result has an error gets none): one indented document for a
// single input, one document per line (JSON Lines) for several.
func CycloneDX(w io.Writer, results []result.Result, o Options) error {
	var boms []*cdx.BOM
	for _, r := range results {
		if r.Error == "" {
			boms = append(boms, BOM(r, o.Version))
		}
	}
	for _, b := range boms {
		var buf bytes.Buffer
		enc := cdx.NewBOMEncoder(&buf, cdx.BOMFileFormatJSON).SetEscapeHTML(false).SetPretty(len(boms) == 1)
		if err := enc.Encode(b); err != nil {
			return err
		}
		if _, err := w.Write(buf.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

// BOM is the SBOM of one result: the visual as the main component (name,
// version, GUID from the package's or project's manifest), each library of
// r.Libraries as a component (name, version, purl, licence where known;
// development-only dependencies of a project with scope "excluded"), the
// dependency graph (the visual depends on the libraries it ships: for a
// project, those package.json names; each library on its resolved
// dependencies), and the hosts of r.Endpoints as services.
func BOM(r result.Result, toolVersion string) *cdx.BOM {
	name := r.Visual.Name
	if name == "" {
		name = r.Visual.DisplayName
	}
	if name == "" {
		name = r.Path
	}
	main := cdx.Component{Type: cdx.ComponentTypeApplication, Name: name, Version: r.Visual.Version, BOMRef: "visual:" + firstNonEmpty(r.Visual.GUID, name)}
	var mainProps []cdx.Property
	for _, p := range [][2]string{{"pbicert:visual:guid", r.Visual.GUID}, {"pbicert:visual:displayName", r.Visual.DisplayName},
		{"pbicert:visual:apiVersion", r.Visual.APIVersion}, {"pbicert:input:kind", r.Kind}, {"pbicert:input:path", r.Path}} {
		if p[1] != "" {
			mainProps = append(mainProps, cdx.Property{Name: p[0], Value: p[1]})
		}
	}
	if len(mainProps) > 0 {
		main.Properties = &mainProps
	}
	b := &cdx.BOM{JSONSchema: "http://cyclonedx.org/schema/bom-" + CycloneDXSpec + ".schema.json", BOMFormat: cdx.BOMFormat,
		SpecVersion: cdx.SpecVersion1_6, Version: 1}
	tools := []cdx.Component{{Type: cdx.ComponentTypeApplication, Name: "pbicert", Version: toolVersion}}
	b.Metadata = &cdx.Metadata{Component: &main, Tools: &cdx.ToolsChoice{Components: &tools}}

	comps := []cdx.Component{}
	seen := map[string]bool{}
	var direct []string
	deps := []cdx.Dependency{}
	project := r.Kind == "project"
	for _, l := range r.Libraries {
		ref := l.PURL
		if ref == "" {
			ref = "library:" + l.Name + "@" + l.Version
		}
		if seen[ref] {
			continue
		}
		seen[ref] = true
		c := cdx.Component{Type: cdx.ComponentTypeLibrary, BOMRef: ref, Name: l.Name, Version: l.Version, PackageURL: l.PURL, Scope: cdx.ScopeRequired}
		if l.Dev {
			c.Scope = cdx.ScopeExcluded
		}
		if lic := licenseChoice(l.License); lic != nil {
			c.Licenses = &cdx.Licenses{*lic}
		}
		var props []cdx.Property
		for _, e := range l.Evidence {
			props = append(props, cdx.Property{Name: "pbicert:evidence", Value: e})
		}
		if len(props) > 0 {
			c.Properties = &props
		}
		comps = append(comps, c)
		if !project || (l.Direct && !l.Dev) {
			direct = append(direct, ref)
		}
	}
	for _, l := range r.Libraries {
		if len(l.DependsOn) == 0 || l.PURL == "" {
			continue
		}
		var on []string
		for _, d := range l.DependsOn {
			if seen[d] && !slices.Contains(on, d) {
				on = append(on, d)
			}
		}
		if len(on) > 0 && !hasDep(deps, l.PURL) {
			deps = append(deps, cdx.Dependency{Ref: l.PURL, Dependencies: &on})
		}
	}
	top := cdx.Dependency{Ref: main.BOMRef}
	if len(direct) > 0 {
		top.Dependencies = &direct
	}
	deps = append([]cdx.Dependency{top}, deps...)
	b.Components = &comps
	b.Dependencies = &deps

	// the endpoint inventory: one service per host the code contacts
	var services []cdx.Service
	for _, h := range result.Hosts(r.Endpoints) {
		var urls []string
		for _, e := range r.Endpoints {
			if e.Host == h.Host && e.Source != "manifest" && !slices.Contains(urls, e.URL) {
				urls = append(urls, e.URL)
			}
		}
		s := cdx.Service{BOMRef: "service:" + h.Host, Name: h.Host}
		if len(urls) > 0 {
			s.Endpoints = &urls
		}
		yes := true
		s.CrossesTrustBoundary = &yes
		props := []cdx.Property{{Name: "pbicert:endpoint:sources", Value: strings.Join(h.Sources, ",")}}
		for _, e := range r.Endpoints {
			if e.Host == h.Host && e.Source == "manifest" {
				props = append(props, cdx.Property{Name: "pbicert:webaccess", Value: e.URL})
			}
		}
		s.Properties = &props
		services = append(services, s)
	}
	if len(services) > 0 {
		b.Services = &services
	}
	b.SerialNumber = serial(b)
	return b
}

// spdxID looks like one SPDX licence identifier (MIT, Apache-2.0, BSD-3-Clause).
var spdxID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9.+-]*$`)

// spdxExpr looks like an SPDX expression of identifiers (MIT OR Apache-2.0).
var spdxExpr = regexp.MustCompile(`^\(?[A-Za-z0-9][A-Za-z0-9.+-]*( (AND|OR|WITH) \(?[A-Za-z0-9][A-Za-z0-9.+-]*\)?)+\)?$`)

// licenseChoice writes a licence as an SPDX expression when it reads as one
// (the schema checks a licence id against the SPDX list, an expression not),
// else by name.
func licenseChoice(lic string) *cdx.LicenseChoice {
	lic = strings.TrimSpace(lic)
	switch {
	case lic == "":
		return nil
	case spdxID.MatchString(lic) || spdxExpr.MatchString(lic):
		return &cdx.LicenseChoice{Expression: lic}
	}
	return &cdx.LicenseChoice{License: &cdx.License{Name: lic}}
}

// serial is a name-based UUID (RFC 9562 version 5 layout) of the BOM's
// content, so that the same input gives the same serial number.
func serial(b *cdx.BOM) string {
	h := sha1.New()
	m := b.Metadata.Component
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00", m.BOMRef, m.Name, m.Version)
	for _, c := range *b.Components {
		fmt.Fprintf(h, "%s\x00", c.BOMRef)
	}
	s := h.Sum(nil)
	s[6] = s[6]&0x0f | 0x50
	s[8] = s[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", s[0:4], s[4:6], s[6:8], s[8:10], s[10:16])
}

func hasDep(ds []cdx.Dependency, ref string) bool {
	for _, d := range ds {
		if d.Ref == ref {
			return true
		}
	}
	return false
}

func firstNonEmpty(xs ...string) string {
	for _, x := range xs {
		if x != "" {
			return x
		}
	}
	return ""
}
