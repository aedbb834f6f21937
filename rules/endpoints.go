package rules

import (
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/pbicert/pbicert/analyzer"
	"github.com/pbicert/pbicert/result"
	"github.com/tdewolff/parse/v2/js"
)

// Endpoint sources (contract: results[].endpoints[].source).
const (
	EndpointStatic   = "static"
	EndpointRuntime  = "runtime"
	EndpointManifest = "manifest"
)

// endpointNeeds are the facts Endpoints reads.
var endpointNeeds = Needs{Inputs: ManifestInput | JS, APIs: append([]string{"Audio", "Image", "d3", "XMLHttpRequest"}, networkAPIs...),
	Methods: append([]string{"open", "ajax", "getJSON", "getScript", "json", "csv", "tsv", "xml", "text", "image", "dsv", "buffer", "blob", "html", "svg"}, attrMethods...),
	Props:   urlPropList}

// requestMethods are the first arguments of XMLHttpRequest.open.
var requestMethods = map[string]bool{"GET": true, "POST": true, "PUT": true, "DELETE": true, "HEAD": true, "PATCH": true, "OPTIONS": true}

// Endpoints lists the external addresses of an input: the constant URLs (or
// the constant beginnings of templates and concatenations) that reach a
// network sink in the code (fetch, XMLHttpRequest.open, WebSocket,
// EventSource, sendBeacon, library request helpers, element src/href, CSS
// url() and @import), and the WebAccess privilege's parameters. A URL whose
// host is not constant is not listed.
func Endpoints(in *Input) []result.Endpoint {
	eps, _ := endpoints(in)
	return eps
}

// endpoints is Endpoints, and how many requests of the code go to a URL
// whose host is not known statically.
func endpoints(in *Input) ([]result.Endpoint, int) {
	var out []result.Endpoint
	unknown := 0
	prog := in.JS
	addJS := func(pos int, api string, a analyzer.Arg) {
		u, whole := urlOf(prog, a)
		host := hostOf(u)
		if !whole {
			host = prefixHost(u)
		}
		if host == "" {
			if !whole || a.Kind != analyzer.Const {
				unknown++ // a relative constant URL is not a request elsewhere
			}
			return
		}
		loc := Location{File: in.JSFile, Offset: pos}
		if pos < len(prog.Src) {
			loc.Line, loc.Column = prog.Position(pos)
		}
		out = append(out, result.Endpoint{URL: u, Host: host, Source: EndpointStatic, Location: loc, API: api})
	}
	if prog != nil {
		for _, c := range callsTo(prog, networkAPIs...) {
			addJS(c.Pos, c.Callee.Path, arg(c, 0))
		}
		for i := range prog.Calls {
			c := &prog.Calls[i]
			switch c.Method {
			case "open":
				if m := arg(c, 0); m.Kind == analyzer.Const && requestMethods[strings.ToUpper(m.Str)] && len(c.Args) > 1 {
					addJS(c.Pos, "XMLHttpRequest.open", arg(c, 1))
				}
			case "ajax", "getJSON", "getScript", "get", "post", "load":
				if c.Method == "ajax" || c.Method == "getJSON" || c.Method == "getScript" {
					a := arg(c, 0)
					if u := settingsURL(a.Expr); c.Method == "ajax" && u != nil {
						a = analyzer.Arg{Expr: u} // $.ajax({url: "…", …})
					}
					addJS(c.Pos, "$."+c.Method, a)
				}
			case "json", "csv", "tsv", "xml", "text", "image", "dsv", "buffer", "blob", "html", "svg":
				if c.Receiver.Kind == analyzer.Global && c.Receiver.Path == "d3" {
					addJS(c.Pos, "d3."+c.Method, arg(c, 0))
				}
			}
		}
		for _, w := range elementURLWrites(prog) {
			if w.tag != "" && !loadTags[w.tag] {
				continue
			}
			addJS(w.pos, w.api, analyzer.Arg{Value: w.value, Pos: w.vpos})
		}
	}
	if in.CSS != "" {
		css := []byte(in.CSS)
		for _, r := range analyzer.ScanCSS(css) {
			if host := hostOf(r.URL); host != "" {
				loc := Location{File: in.CSSFile, Offset: r.Pos}
				loc.Line, loc.Column = lineCol(css, r.Pos)
				out = append(out, result.Endpoint{URL: r.URL, Host: host, Source: EndpointStatic, Location: loc, API: cssAPI(r.Kind)})
			}
		}
	}
	if in.Manifest != nil {
		for _, pr := range in.Manifest.Resource.Privileges {
			if pr.Name != "WebAccess" {
				continue
			}
			for _, o := range pr.Origins {
				out = append(out, result.Endpoint{URL: o, Host: originHost(o), Source: EndpointManifest, Location: in.ManifestLoc("privilege:WebAccess"), API: "WebAccess"})
			}
		}
	}
	return SortEndpoints(out), unknown
}

// SortEndpoints orders endpoints by source (static, runtime, manifest),
// file, offset and URL, and drops exact repeats.
func SortEndpoints(es []result.Endpoint) []result.Endpoint {
	rank := map[string]int{EndpointStatic: 0, EndpointRuntime: 1, EndpointManifest: 2}
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.Source != b.Source {
			return rank[a.Source] < rank[b.Source]
		}
		if a.Location.File != b.Location.File {
			return a.Location.File < b.Location.File
		}
		if a.Location.Offset != b.Location.Offset {
			return a.Location.Offset < b.Location.Offset
		}
		return a.URL < b.URL
	})
	out := es[:0]
	for i, e := range es {
		if i > 0 && e == es[i-1] {
			continue
		}
		out = append(out, e)
	}
	return out
}

func lineCol(b []byte, off int) (int, int) {
	line, col := 1, 1
	for i := 0; i < off && i < len(b); i++ {
		if b[i] == '\n' {
			line, col = line+1, 1
		} else if b[i]&0xC0 != 0x80 {
			col++
		}
	}
	return line, col
}

// urlOf returns the constant URL of an argument, or the constant beginning
// of a template or a concatenation ("https://api.example.com/q?x=" + q).
// whole is true for a constant.
func urlOf(prog *analyzer.Program, a analyzer.Arg) (u string, whole bool) {
	if a.Kind == analyzer.Const {
		return a.Str, true
	}
	if prog == nil || a.Expr == nil || len(prog.Src) == 0 {
		return "", false // a union of several files' models cannot fold
	}
	return prefixOf(prog, a.Expr, 0), false
}

func prefixOf(prog *analyzer.Program, e js.IExpr, depth int) string {
	if depth > 16 {
		return ""
	}
	switch n := e.(type) {
	case *js.GroupExpr:
		return prefixOf(prog, n.X, depth+1)
	case *js.BinaryExpr:
		if n.Op != js.AddToken {
			return ""
		}
		if s, ok := prog.Fold(n); ok {
			return s
		}
		l := prefixOf(prog, n.X, depth+1)
		if r, ok := prog.Fold(n.Y); ok && l != "" && constLeft(prog, n.X) {
			return l + r
		}
		return l
	case *js.TemplateExpr:
		if n.Tag != nil {
			return ""
		}
		if s, ok := prog.Fold(n); ok {
			return s
		}
		if len(n.List) > 0 {
			v := string(n.List[0].Value)
			v = strings.TrimPrefix(v, "`")
			v = strings.TrimSuffix(v, "${")
			return v
		}
		return ""
	}
	if s, ok := prog.Fold(e); ok {
		return s
	}
	return ""
}

func constLeft(prog *analyzer.Program, e js.IExpr) bool {
	_, ok := prog.Fold(e)
	return ok
}

// hostOf returns the host of an absolute remote URL (http, https, ws, wss
// or protocol-relative), or "" when it has none.
func hostOf(raw string) string {
	s := strings.TrimSpace(raw)
	if analyzer.ClassifyURL(s) != analyzer.URLRemote {
		return ""
	}
	if strings.HasPrefix(s, "//") {
		s = "https:" + s
	}
	if i := strings.IndexAny(s, "?#"); i > 0 {
		s = s[:i]
	}
	u, err := url.Parse(s)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Hostname())
}

// prefixHost is hostOf for the constant beginning of a longer URL: the
// host counts only when the prefix ends it ("https://api.x.com/" + q, not
// "https://api." + region).
func prefixHost(prefix string) string {
	i := strings.Index(prefix, "//")
	if i < 0 || !strings.ContainsAny(prefix[i+2:], "/?#:") {
		return ""
	}
	return hostOf(prefix)
}

// originHost is the host pattern of a WebAccess parameter
// ("https://*.contoso.com" -> "*.contoso.com", "*" -> "*").
func originHost(o string) string {
	o = strings.TrimSpace(o)
	if o == "*" {
		return "*"
	}
	if u, err := url.Parse(o); err == nil && u.Host != "" {
		return strings.ToLower(u.Hostname())
	}
	if i := strings.Index(o, "://"); i >= 0 {
		o = o[i+3:]
	}
	if i := strings.IndexAny(o, "/:"); i >= 0 {
		o = o[:i]
	}
	return strings.ToLower(o)
}

var _ = manifestRule("MAN018", "unused-web-access-origin", Warning, Needs{Inputs: endpointNeeds.Inputs, APIs: endpointNeeds.APIs, Methods: endpointNeeds.Methods, Props: endpointNeeds.Props, WholeProgram: true}, Doc{
	Title:   "A WebAccess origin is declared but no request in the code goes there",
	Why:     "Every WebAccess origin is an address the visual may contact; one the code never uses is an over-broad privilege that an IT team has to allow for nothing. (For uncertified builds that legitimately call their backend.) Reported only when the host of every request in the code is known statically.",
	Example: "WebAccess [\"https://api.contoso.com\", \"https://old.contoso.com\"] but only fetch(\"https://api.contoso.com/x\")",
	Fix:     "Remove the origins the visual does not contact.",
	Ref:     refPrivileges,
}, func(p *Pass) {
	if p.In.JS == nil || !usesNetwork(p.In.JS) {
		return // MAN014 covers a visual that makes no request at all
	}
	eps, unknown := endpoints(p.In)
	if unknown > 0 {
		return // a request to an address not known statically may go there
	}
	for _, pr := range p.In.Manifest.Resource.Privileges {
		if pr.Name != "WebAccess" {
			continue
		}
		for _, o := range pr.Origins {
			if strings.TrimSpace(o) == "*" {
				continue // MAN017 (wildcards)
			}
			used := false
			for _, e := range eps {
				if e.Source == EndpointManifest || e.Location.File != p.In.JSFile {
					continue
				}
				u, err := url.Parse(withScheme(e.URL))
				if err == nil && originAllows(o, u) {
					used = true
					break
				}
			}
			if !used {
				p.reportManifest("privilege:WebAccess", "WebAccess", unusedOriginMessage(o))
			}
		}
	}
})

var _ = manifestRule("MAN017", "web-access-wildcard", Warning, Needs{Inputs: ManifestInput}, Doc{
	Title:   "A WebAccess origin is a wildcard",
	Why:     "\"*\" lets the visual contact any server and \"https://*.example.com\" any host of a domain: firewall allowlists need exact hosts, and a reviewer cannot tell where data goes.",
	Example: "\"parameters\": [\"https://*.contoso.com\"]",
	Fix:     "List the exact origins the visual contacts (pbicert endpoints prints them).",
	Ref:     refPrivileges,
}, func(p *Pass) {
	for _, pr := range p.In.Manifest.Resource.Privileges {
		if pr.Name != "WebAccess" {
			continue
		}
		for _, o := range pr.Origins {
			switch {
			case strings.TrimSpace(o) == "*":
				p.reportManifest("privilege:WebAccess", "WebAccess", "WebAccess allows every origin (\"*\")", WithSeverity(Error))
			case strings.Contains(o, "*"):
				p.reportManifest("privilege:WebAccess", "WebAccess", fmt.Sprintf("WebAccess origin %s is a wildcard: list the exact hosts", o))
			}
		}
	}
})

func withScheme(u string) string {
	if strings.HasPrefix(u, "//") {
		return "https:" + u
	}
	return u
}

func unusedOriginMessage(o string) string {
	return fmt.Sprintf("WebAccess allows %s but no request in the code goes there", o)
}

// RuntimeEndpoints completes a result after check --dynamic: each request
// the run observed (r.Dynamic.Requests) joins r.Endpoints with source
// "runtime", and takes part in the WebAccess cross-checks. A request to an
// origin no WebAccess parameter allows confirms the static MAN015 finding
// of that origin (its runtime field) or, when the code assembled the URL so
// that no static finding named it, becomes a MAN015 finding at the call
// site; a WebAccess origin reported unused (MAN018) that a request reached
// loses that finding. sev overrides severities (0 turns a rule off) and
// enabled, when not nil, says which rules run, as for Run.
func RuntimeEndpoints(in *Input, r *result.Result, sev map[string]Severity, enabled func(id string) bool) {
	if r.Dynamic == nil || len(r.Dynamic.Requests) == 0 {
		return
	}
	var origins []string
	if in != nil && in.Manifest != nil {
		for _, pr := range in.Manifest.Resource.Privileges {
			if pr.Name == "WebAccess" {
				origins = append(origins, pr.Origins...)
			}
		}
	}
	on := func(id string) (Severity, bool) {
		rl := Lookup(id)
		if rl == nil || (enabled != nil && !enabled(id)) {
			return 0, false
		}
		s := rl.Severity
		if v, ok := sev[id]; ok {
			s = v
		}
		return s, s != 0
	}
	reached := map[string]bool{} // WebAccess origins a request reached
	var added []result.Finding
	blocked := map[string]bool{} // origins already reported at run time
	for _, q := range r.Dynamic.Requests {
		u, err := url.Parse(withScheme(q.URL))
		if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "ws" && u.Scheme != "wss") {
			continue // data:, blob: and relative addresses go nowhere else
		}
		host := strings.ToLower(u.Hostname())
		r.Endpoints = append(r.Endpoints, result.Endpoint{URL: q.URL, Host: host, Source: EndpointRuntime, Location: q.Location, API: q.API})
		allowed := false
		for _, o := range origins {
			if originAllows(o, u) {
				allowed = true
				reached[o] = true
			}
		}
		if allowed || len(origins) == 0 {
			continue // without WebAccess, the network rules report the request
		}
		origin := u.Scheme + "://" + u.Host
		rt := &result.Runtime{Phase: q.Phase, Target: q.URL, ReportData: q.ReportData}
		confirmed := false
		for i := range r.Findings {
			f := &r.Findings[i]
			if f.Rule == "MAN015" && strings.Contains(f.Message, " request to "+origin+",") {
				if f.Runtime == nil {
					f.Runtime = rt
				}
				confirmed = true
			}
		}
		s, ok := on("MAN015")
		if confirmed || !ok || blocked[origin] {
			continue
		}
		blocked[origin] = true
		rl := Lookup("MAN015")
		f := result.Finding{Rule: rl.ID, Name: rl.Name, Category: rl.Category, API: q.API, Severity: s, Help: rl.HelpURI(),
			Message:  fmt.Sprintf("%s request to %s, which no WebAccess origin allows (blocked at run time; the address was seen only when the visual ran)", q.API, origin),
			Location: q.Location}
		if in.JS != nil && q.Location.File == in.JSFile && q.Location.Line > 0 {
			f.Snippet, f.Caret = Snippet(in.JS.Src, q.Location.Offset, 100)
			f.Function = in.JS.FuncName(in.JS.FuncAt(q.Location.Offset))
		} else {
			f.Location = in.ManifestLoc("privilege:WebAccess")
		}
		rt.Observed = true
		f.Runtime = rt
		added = append(added, f)
	}
	if len(reached) > 0 {
		kept := r.Findings[:0]
		for _, f := range r.Findings {
			drop := false
			if f.Rule == "MAN018" {
				for o := range reached {
					if f.Message == unusedOriginMessage(o) {
						drop = true
					}
				}
			}
			if !drop {
				kept = append(kept, f)
			}
		}
		r.Findings = kept
	}
	if len(added) > 0 {
		r.Findings = append(r.Findings, added...)
		result.SortFindings(r.Findings)
	}
	r.Endpoints = SortEndpoints(r.Endpoints)
}

// settingsURL returns the value of the url property of an object literal
// ($.ajax's settings), or nil.
func settingsURL(e js.IExpr) js.IExpr {
	o, ok := e.(*js.ObjectExpr)
	if !ok {
		return nil
	}
	for _, p := range o.List {
		if p.Spread || p.Name == nil || p.Name.IsComputed() {
			continue
		}
		if n := strings.Trim(string(p.Name.Literal.Data), `"'`); n == "url" {
			return p.Value
		}
	}
	return nil
}
