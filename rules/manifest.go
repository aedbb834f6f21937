package rules

import (
	"bytes"
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"strings"

	"github.com/pbicert/pbicert/analyzer"
	"github.com/pbicert/pbicert/internal/vercmp"
)

// LatestAPI is the newest visuals API version pbicert knows.
const LatestAPI = "5.11.0"

const refPackaging = "https://learn.microsoft.com/power-bi/developer/visuals/power-bi-custom-visuals-certified"

// compareVersion compares dotted numeric versions ("4.7.0" < "5.11.0"):
// -1, 0 or 1 (internal/vercmp, the one version comparison of pbicert).
func compareVersion(a, b string) int { return vercmp.Compare(a, b) }

// manifestRule registers a manifest rule; needs must name ManifestInput.
func manifestRule(id, name string, sev Severity, needs Needs, doc Doc, run func(p *Pass)) *Rule {
	return register(&Rule{ID: id, Name: name, Category: Manifest, Severity: sev, Needs: needs, Doc: doc, Run: run})
}

func (p *Pass) reportManifest(key, api, msg string, opts ...Opt) {
	loc := p.In.ManifestLoc(key)
	snip, caret := "", 0
	var win *Window
	if p.In.Locate == nil && p.In.Manifest != nil && loc.Offset > 0 {
		snip, caret = Snippet(p.In.Manifest.ResourceRaw, loc.Offset, 100)
		win = SourceWindow(p.In.Manifest.ResourceRaw, loc.Offset, loc.Line, WindowLines, WindowWidth)
	}
	p.ReportAt(loc, snip, api, msg, append(opts, func(f *Finding) { f.Caret, f.Window = caret, win })...)
}

var _ = manifestRule("MAN001", "web-access-privilege", Error, Needs{Inputs: ManifestInput}, Doc{
	Title:   "The WebAccess privilege is declared",
	Why:     "Certified visuals may not reach external services, so WebAccess must be absent or have no parameters. An empty WebAccess is tolerated but unnecessary.",
	Example: "\"privileges\": [{\"name\": \"WebAccess\", \"essential\": true, \"parameters\": [\"https://*.example.com\"]}]",
	Fix:     "Remove the WebAccess privilege from capabilities.json in the certified build.",
	Ref:     refPrivileges,
}, func(p *Pass) {
	for _, pr := range p.In.Manifest.Resource.Privileges {
		if pr.Name != "WebAccess" {
			continue
		}
		if len(pr.Origins) > 0 {
			p.reportManifest("privilege:WebAccess", "WebAccess", fmt.Sprintf("WebAccess privilege allows requests to %s", strings.Join(pr.Origins, ", ")))
		} else if len(pr.Parameters) > 0 && strings.TrimSpace(string(pr.Parameters)) != "[]" && strings.TrimSpace(string(pr.Parameters)) != "null" {
			p.reportManifest("privilege:WebAccess", "WebAccess", "WebAccess privilege has parameters")
		} else {
			p.reportManifest("privilege:WebAccess", "WebAccess", "WebAccess privilege is declared without origins; remove it", WithSeverity(Warning))
		}
	}
})

var _ = manifestRule("MAN002", "aad-authentication", Warning, Needs{Inputs: ManifestInput}, Doc{
	Title:   "The AADAuthentication privilege is declared",
	Why:     "AAD tokens exist to call the vendor's backend, which a certified visual may not do.",
	Example: "{\"name\": \"AADAuthentication\", \"parameters\": {\"COM\": \"https://api.example.com\"}}",
	Fix:     "Remove the privilege from the certified build.",
	Ref:     refPrivileges,
}, func(p *Pass) {
	for _, pr := range p.In.Manifest.Resource.Privileges {
		if pr.Name == "AADAuthentication" {
			p.reportManifest("privilege:AADAuthentication", "AADAuthentication", "AADAuthentication privilege requests tokens for a backend service")
		}
	}
})

var _ = manifestRule("MAN003", "missing-privileges", Warning, Needs{Inputs: ManifestInput}, Doc{
	Title:   "capabilities.privileges is missing (API 4.6.0 and later)",
	Why:     "From API 4.6.0 privileges must be declared; before it, web access was granted implicitly.",
	Example: "capabilities.json without \"privileges\"",
	Fix:     "Add \"privileges\": [] to capabilities.json.",
	Ref:     refPrivileges,
}, func(p *Pass) {
	r := p.In.Manifest.Resource
	if r.HasPrivileges || r.APIVersion == "" || compareVersion(r.APIVersion, "4.6.0") < 0 {
		return
	}
	p.reportManifest("capabilities", "privileges", "capabilities has no privileges array (required from API 4.6.0)")
})

var _ = manifestRule("MAN004", "api-version", Error, Needs{Inputs: ManifestInput}, Doc{
	Title:   "apiVersion is below 4.7.0 (or below the latest)",
	Why:     "pbiviz package refuses API versions below 4.7.0 for certification; old APIs also grant web access implicitly. Staying on the latest API (" + LatestAPI + ") is recommended.",
	Example: "\"apiVersion\": \"3.8.0\"",
	Fix:     "Update powerbi-visuals-api and pbiviz.json's apiVersion.",
	Ref:     "https://learn.microsoft.com/power-bi/developer/visuals/visual-api",
}, func(p *Pass) {
	v := p.In.Manifest.Resource.APIVersion
	switch {
	case v == "":
		p.reportManifest("apiVersion", "apiVersion", "apiVersion is missing")
	case compareVersion(v, "4.7.0") < 0:
		msg := fmt.Sprintf("apiVersion %s is below 4.7.0, the minimum for certification", v)
		if compareVersion(v, "4.6.0") < 0 {
			msg += "; before 4.6.0 web access is granted implicitly"
		}
		p.reportManifest("apiVersion", "apiVersion", msg)
	case compareVersion(v, LatestAPI) < 0:
		p.reportManifest("apiVersion", "apiVersion", fmt.Sprintf("apiVersion %s is older than the latest (%s)", v, LatestAPI), WithSeverity(Info))
	}
})

var fourPart = regexp.MustCompile(`^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$`)

var _ = manifestRule("MAN005", "visual-version", Error, Needs{Inputs: ManifestInput}, Doc{
	Title:   "visual.version is not four numeric parts without leading zeros",
	Why:     "Power BI requires versions like 1.2.3.4 and compares them numerically.",
	Example: "\"version\": \"1.0.01\"",
	Fix:     "Use four numeric parts: \"1.0.1.0\".",
	Ref:     refPackaging,
}, func(p *Pass) {
	v := p.In.Manifest.Resource.Visual.Version
	if v == "" {
		v = p.In.Manifest.PackageJSON.Visual.Version
	}
	if !fourPart.MatchString(v) {
		p.reportManifest("visual.version", "visual.version", fmt.Sprintf("visual version %q is not four numeric parts without leading zeros", v))
	}
})

var _ = manifestRule("MAN006", "author", Error, Needs{Inputs: ManifestInput}, Doc{
	Title:   "Author name or e-mail is missing or invalid",
	Why:     "pbiviz package requires the author's name and a valid e-mail.",
	Example: "\"author\": {\"name\": \"\", \"email\": \"\"}",
	Fix:     "Fill in author.name and author.email in pbiviz.json.",
	Ref:     refPackaging,
}, func(p *Pass) {
	a := p.In.Manifest.Resource.Author
	if a.Name == "" && a.Email == "" {
		a = p.In.Manifest.PackageJSON.Author
	}
	if strings.TrimSpace(a.Name) == "" {
		p.reportManifest("author", "author.name", "author name is missing")
	}
	if _, err := mail.ParseAddress(a.Email); strings.TrimSpace(a.Email) == "" || err != nil || strings.ContainsAny(a.Email, " <>") {
		p.reportManifest("author", "author.email", fmt.Sprintf("author e-mail %q is missing or invalid", a.Email))
	}
})

var _ = manifestRule("MAN007", "description", Error, Needs{Inputs: ManifestInput}, Doc{
	Title:   "visual.description is missing",
	Why:     "pbiviz package requires a description.",
	Example: "\"description\": \"\"",
	Fix:     "Describe the visual in pbiviz.json.",
	Ref:     refPackaging,
}, func(p *Pass) {
	d := p.In.Manifest.Resource.Visual.Description
	if d == "" {
		d = p.In.Manifest.PackageJSON.Visual.Description
	}
	if strings.TrimSpace(d) == "" {
		p.reportManifest("description", "visual.description", "visual description is missing")
	}
})

var _ = manifestRule("MAN008", "support-url", Error, Needs{Inputs: ManifestInput}, Doc{
	Title:   "visual.supportUrl is missing or not https",
	Why:     "Certified visuals must link to a support page over HTTPS.",
	Example: "\"supportUrl\": \"http://example.com\"",
	Fix:     "Set supportUrl to an https:// address.",
	Ref:     refPackaging,
}, func(p *Pass) {
	s := p.In.Manifest.Resource.Visual.SupportURL
	if s == "" {
		s = p.In.Manifest.PackageJSON.Visual.SupportURL
	}
	u, err := url.Parse(s)
	switch {
	case strings.TrimSpace(s) == "":
		p.reportManifest("supportUrl", "visual.supportUrl", "support URL is missing")
	case err != nil || u.Scheme != "https" || u.Host == "":
		p.reportManifest("supportUrl", "visual.supportUrl", fmt.Sprintf("support URL %q is not an https:// address", s))
	}
})

var _ = manifestRule("MAN009", "debug-guid", Error, Needs{Inputs: ManifestInput}, Doc{
	Title:   "The visual GUID ends in _DEBUG",
	Why:     "A _DEBUG GUID is the developer visual of pbiviz start, never a release build.",
	Example: "\"guid\": \"myVisual1234_DEBUG\"",
	Fix:     "Build with pbiviz package.",
	Ref:     refPackaging,
}, func(p *Pass) {
	g := p.In.Manifest.Resource.Visual.GUID
	if g == "" {
		g = p.In.Manifest.PackageJSON.Visual.GUID
	}
	if strings.HasSuffix(strings.ToUpper(g), "_DEBUG") {
		p.reportManifest("guid", "visual.guid", fmt.Sprintf("GUID %q is a debug build's", g))
	}
})

var _ = manifestRule("MAN010", "external-js", Error, Needs{Inputs: ManifestInput}, Doc{
	Title:   "externalJS lists files",
	Why:     "Modern builds bundle everything into content.js; externalJS pulls in code outside the bundle.",
	Example: "\"externalJS\": [\"node_modules/lib/lib.min.js\"]",
	Fix:     "Import the library so webpack bundles it.",
	Ref:     refPackaging,
}, func(p *Pass) {
	ext := p.In.Manifest.Resource.ExternalJS
	if len(ext) == 0 {
		return
	}
	// pbiviz 1.x and 2.x (API below 3.0) concatenated the externalJS files
	// into content.js: an entry whose library is found there is not code
	// loaded from outside the package
	if api := p.In.Manifest.Resource.APIVersion; api != "" && compareVersion(api, "3.0.0") < 0 && p.In.JS != nil {
		var missing []string
		lowered := bytes.ToLower(p.In.JS.Src)
		for _, e := range ext {
			if !bundledLibrary(lowered, e) {
				missing = append(missing, e)
			}
		}
		if len(missing) == 0 {
			p.reportManifest("externalJS", "externalJS", fmt.Sprintf("externalJS lists %d file(s) that this API %s build already bundled into content.js: %s", len(ext), api, short(strings.Join(ext, ", "))), WithSeverity(Info))
			return
		}
		p.reportManifest("externalJS", "externalJS", fmt.Sprintf("externalJS lists %d file(s) whose code is not in content.js: %s", len(missing), short(strings.Join(missing, ", "))))
		return
	}
	p.reportManifest("externalJS", "externalJS", fmt.Sprintf("externalJS lists %d file(s): %s", len(ext), short(strings.Join(ext, ", "))))
})

// bundledLibrary reports whether content.js (lower-cased) carries the
// library of an externalJS entry: its package name (jquery, d3, lodash,
// globalize…), or for powerbi-visuals-utils-<x>utils the namespace
// utils.<x> it defines.
func bundledLibrary(lowered []byte, entry string) bool {
	e := strings.ToLower(strings.ReplaceAll(entry, "\\", "/"))
	name := e
	if i := strings.Index(e, "node_modules/"); i >= 0 {
		name = e[i+len("node_modules/"):]
		if j := strings.IndexByte(name, '/'); j >= 0 {
			name = name[:j]
		}
	} else {
		if j := strings.LastIndexByte(name, '/'); j >= 0 {
			name = name[j+1:]
		}
		name = strings.TrimSuffix(strings.TrimSuffix(name, ".js"), ".min")
	}
	if len(name) < 2 {
		return false
	}
	if u, ok := strings.CutPrefix(name, "powerbi-visuals-utils-"); ok {
		if bytes.Contains(lowered, []byte("utils."+strings.TrimSuffix(u, "utils"))) || bundledUtils(lowered, u) {
			return true
		}
	}
	return bytes.Contains(lowered, []byte(name))
}

var _ = manifestRule("MAN011", "plugin-wrapper-mismatch", Error, Needs{Inputs: ManifestInput | JS}, Doc{
	Title:   "The plugin wrapper registers another name or API version than the manifest",
	Why:     "The wrapper at the end of content.js registers the visual as powerbi.visuals.plugins[guid] with an apiVersion; if they differ from the manifest the package was assembled by hand or from another build.",
	Example: "powerbi.visuals.plugins[\"otherGuid\"] = …",
	Fix:     "Rebuild with pbiviz package.",
	Ref:     refPackaging,
}, func(p *Pass) {
	prog := p.In.JS
	if p.In.Project {
		return
	}
	guid := p.In.Manifest.Resource.Visual.GUID
	api := p.In.Manifest.Resource.APIVersion
	for _, a := range prog.Assigns {
		if a.Receiver.Kind != analyzer.Global || a.Receiver.Path != "powerbi.visuals.plugins" || a.Prop == "" {
			continue
		}
		if guid != "" && a.Prop != guid {
			p.ReportJSFunc(a.Pos, a.Func, "powerbi.visuals.plugins", fmt.Sprintf("the wrapper registers %q but the manifest's GUID is %q", a.Prop, guid))
		}
	}
	// the wrapper object's apiVersion: {name:…, apiVersion:"x"}
	if api == "" {
		return
	}
	for _, s := range wrapperAPIVersions(prog) {
		if s.value != api {
			p.ReportJS(s.pos, "apiVersion", fmt.Sprintf("the wrapper declares apiVersion %q but the manifest says %q", s.value, api))
		}
	}
})

type posValue struct {
	pos   int
	value string
}

var (
	wrapperCustom = regexp.MustCompile(`^custom\s*:\s*(?:!0|true)`) // tried at each "custom", from the end
	wrapperAPI    = regexp.MustCompile(`apiVersion\s*:\s*(?:"([^"\n]*)"|'([^'\n]*)')`)
)

// lastWrapperCustom returns the offset of the last `custom: true` (or
// `custom:!0`) in src, or -1. The wrapper is at the end of the bundle, so
// the search runs backwards from there.
func lastWrapperCustom(src []byte) int {
	end := len(src)
	for {
		i := bytes.LastIndex(src[:end], []byte("custom"))
		if i < 0 {
			return -1
		}
		if wrapperCustom.Match(src[i:]) {
			return i
		}
		end = i
	}
}

// wrapperAPIVersions finds the `apiVersion: "x"` property of the plugin
// wrapper object (the last object carrying `custom: true`), minified or not.
func wrapperAPIVersions(prog *analyzer.Program) []posValue {
	src := prog.Src
	i := lastWrapperCustom(src)
	if i < 0 {
		return nil
	}
	start := max(0, i-2000)
	all := wrapperAPI.FindAllSubmatchIndex(src[start:i], -1)
	if len(all) == 0 {
		return nil
	}
	m := all[len(all)-1]
	v := ""
	if m[2] >= 0 {
		v = string(src[start+m[2] : start+m[3]])
	} else {
		v = string(src[start+m[4] : start+m[5]])
	}
	return []posValue{{pos: start + m[0], value: v}}
}

func hasPrivilege(p *Pass, name string) bool {
	for _, pr := range p.In.Manifest.Resource.Privileges {
		if pr.Name == name {
			return true
		}
	}
	return false
}

// memberNeedsPrivilege reports the first use of a host service whose
// privilege the manifest does not declare.
func memberNeedsPrivilege(member, privilege string) func(*Pass) {
	return func(p *Pass) {
		if hasPrivilege(p, privilege) {
			return
		}
		for _, m := range p.In.JS.Members {
			if m.Name == member {
				p.ReportJSFunc(m.Pos, m.Func, member, fmt.Sprintf("host.%s is used but the %s privilege is not declared", member, privilege))
				return
			}
		}
	}
}

var _ = manifestRule("MAN012", "storage-without-privilege", Error, Needs{Inputs: ManifestInput | JS, Members: []string{"storageV2Service"}}, Doc{
	Title:   "host.storageV2Service is used without the LocalStorage privilege",
	Why:     "The storage service only works when the LocalStorage privilege is declared.",
	Example: "this.host.storageV2Service.set(\"k\", v)",
	Fix:     "Declare {\"name\": \"LocalStorage\", \"essential\": false} in privileges.",
	Ref:     refStorage,
}, memberNeedsPrivilege("storageV2Service", "LocalStorage"))

var _ = manifestRule("MAN013", "download-without-privilege", Error, Needs{Inputs: ManifestInput | JS, Members: []string{"downloadService"}}, Doc{
	Title:   "host.downloadService is used without the ExportContent privilege",
	Why:     "Downloads only work when the ExportContent privilege is declared.",
	Example: "this.host.downloadService.exportVisualsContent(…)",
	Fix:     "Declare {\"name\": \"ExportContent\", \"essential\": false} in privileges.",
	Ref:     "https://learn.microsoft.com/power-bi/developer/visuals/file-download-api",
}, memberNeedsPrivilege("downloadService", "ExportContent"))

// networkAPIs are the request APIs whose first argument is the URL.
var networkAPIs = []string{"fetch", "fetchLater", "WebSocket", "EventSource", "navigator.sendBeacon", "WebTransport"}

func usesNetwork(prog *analyzer.Program) bool {
	for _, r := range prog.Refs {
		if r.Kind != analyzer.Global || r.Use == analyzer.Typeof {
			continue
		}
		for _, a := range append(networkAPIs, "XMLHttpRequest", "import()") {
			if r.Path == a || strings.HasPrefix(r.Path, a+".") {
				return true
			}
		}
	}
	return false
}

var _ = manifestRule("MAN014", "unused-web-access", Info, Needs{Inputs: ManifestInput | JS, APIs: append([]string{"XMLHttpRequest", "import()"}, networkAPIs...), WholeProgram: true}, Doc{
	Title:   "WebAccess is declared but the code makes no network request",
	Why:     "An unneeded privilege only raises questions in review.",
	Example: "WebAccess declared, no fetch/XHR/WebSocket in content.js",
	Fix:     "Remove the privilege.",
	Ref:     refPrivileges,
}, func(p *Pass) {
	if !hasPrivilege(p, "WebAccess") || usesNetwork(p.In.JS) {
		return
	}
	p.reportManifest("privilege:WebAccess", "WebAccess", "WebAccess is declared but the code makes no network request; drop it")
})

// originAllows reports whether a WebAccess origin pattern covers u.
func originAllows(pattern string, u *url.URL) bool {
	pattern = strings.TrimSpace(pattern)
	if pattern == "*" {
		return true
	}
	pu, err := url.Parse(pattern)
	if err != nil {
		return false
	}
	if pu.Scheme != "" && pu.Scheme != u.Scheme {
		return false
	}
	host := pu.Host
	if host == "" {
		host = pattern
	}
	if strings.HasPrefix(host, "*.") {
		return strings.HasSuffix(u.Hostname(), host[1:])
	}
	return strings.EqualFold(host, u.Host) || strings.EqualFold(host, u.Hostname())
}

var _ = manifestRule("MAN015", "origin-not-allowed", Error, endpointNeeds, Doc{
	Title:   "A request goes to an origin that no WebAccess entry allows",
	Why:     "Power BI blocks requests to origins missing from WebAccess: the feature fails at run time. (For uncertified builds that legitimately call their backend.)",
	Example: "WebAccess [\"https://api.example.com\"] but fetch(\"https://other.example.org/x\")",
	Fix:     "Add the origin to WebAccess, or remove the request.",
	Ref:     refPrivileges,
}, func(p *Pass) {
	var origins []string
	for _, pr := range p.In.Manifest.Resource.Privileges {
		if pr.Name == "WebAccess" {
			origins = append(origins, pr.Origins...)
		}
	}
	if len(origins) == 0 {
		return
	}
	for _, e := range Endpoints(p.In) {
		if e.Source != EndpointStatic || e.Location.File != p.In.JSFile {
			continue // requests of the code (CSS loads are NET014's)
		}
		u, err := url.Parse(withScheme(e.URL))
		if err != nil || u.Host == "" {
			continue
		}
		ok := false
		for _, o := range origins {
			if originAllows(o, u) {
				ok = true
				break
			}
		}
		if ok {
			continue
		}
		msg := fmt.Sprintf("%s request to %s, which no WebAccess origin allows (blocked at run time)", e.API, u.Scheme+"://"+u.Host)
		if e.Location.File == p.In.JSFile && p.In.JS != nil {
			p.ReportJS(e.Location.Offset, e.API, msg)
		} else {
			p.ReportAt(e.Location, "", e.API, msg)
		}
	}
})

var _ = manifestRule("MAN016", "missing-package-json", Error, Needs{Inputs: ManifestInput}, Doc{
	Title:   "The package has no package.json",
	Why:     "pbiviz package always writes package.json at the root of a .pbiviz, and Power BI reads it when the visual is imported: its resources list names the visual's resource file. A package without it was not produced by the visual tools and is not a package Power BI or the certification team accept. pbicert still analyses the resource it finds.",
	Example: "myVisual.pbiviz: resources/, resources/myVisual.pbiviz.json (no package.json)",
	Fix:     "Build the package with pbiviz package (powerbi-visuals-tools) and do not strip package.json from it.",
	Ref:     refPackaging,
}, func(p *Pass) {
	if p.In.Project || p.In.Manifest == nil || p.In.Manifest.HasPackageJSON {
		return
	}
	p.ReportAt(Location{File: "package.json"}, "", "package.json",
		"package.json is missing from the package (pbiviz package always writes it and Power BI reads it on import); the resource "+p.In.Manifest.ResourcePath+" was analysed alone")
})
