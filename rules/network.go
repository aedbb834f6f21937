package rules

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/tdewolff/parse/v2/js"

	"github.com/pbicert/pbicert/analyzer"
)

const refCertified = "https://learn.microsoft.com/power-bi/developer/visuals/power-bi-custom-visuals-certified"
const refPrivileges = "https://learn.microsoft.com/power-bi/developer/visuals/capabilities"

func requestMsg(verb string) func(string, analyzer.Ref) string {
	return func(api string, r analyzer.Ref) string {
		switch r.Use {
		case analyzer.Called:
			return fmt.Sprintf("call to %s() %s", api, verb)
		case analyzer.Constructed:
			return fmt.Sprintf("new %s() %s", api, verb)
		}
		return fmt.Sprintf("reference to %s (%s)", api, verb)
	}
}

var _ = register(&Rule{
	ID: "NET001", Name: "no-fetch", Category: Network, Severity: Error,
	Needs: Needs{Inputs: JS, APIs: []string{"fetch", "fetchLater"}},
	Doc: Doc{
		Title:   "fetch() or fetchLater() sends a request to an external service",
		Why:     "Certified visuals may not contact any service outside Power BI. fetch and fetchLater send HTTP requests; the official audit only sees a plain `fetch` identifier and misses window[\"fe\"+\"tch\"], aliases, destructuring and optional calls, which pbicert resolves.",
		Example: "const f = window.fetch;\nf(\"https://api.example.com/data\");",
		Fix:     "Remove the request: take data only from the dataView Power BI passes to update(). Ship remote features in a separate, uncertified build.",
		Ref:     refCertified,
	},
	Run: refsToAPIs(requestMsg("sends a request to an external service")),
})

var xhrRefs = refRule([]string{"XMLHttpRequest"}, requestMsg("sends a request to an external service"))

var _ = register(&Rule{
	ID: "NET002", Name: "no-xhr", Category: Network, Severity: Error,
	Needs: Needs{Inputs: JS, APIs: []string{"XMLHttpRequest", "ActiveXObject"}},
	Doc: Doc{
		Title:   "XMLHttpRequest (or ActiveXObject XMLHTTP) sends a request to an external service",
		Why:     "XMLHttpRequest is the classic request API; libraries such as jQuery, axios and d3-request end in it.",
		Example: "var x = new XMLHttpRequest();\nx.open(\"GET\", url);",
		Fix:     "Remove the request; use only the data Power BI provides.",
		Ref:     refCertified,
	},
	Run: func(p *Pass) {
		xhrRefs(p)
		for _, c := range callsTo(p.In.JS, "ActiveXObject") {
			if a := arg(c, 0); a.Kind == analyzer.Const && strings.Contains(strings.ToUpper(a.Str), "XMLHTTP") {
				p.ReportJSFunc(c.Pos, c.Func, "ActiveXObject", "new ActiveXObject(\""+a.Str+"\") creates an XMLHTTP request object")
			}
		}
	},
})

var _ = register(&Rule{
	ID: "NET003", Name: "no-websocket", Category: Network, Severity: Error,
	Needs: Needs{Inputs: JS, APIs: []string{"WebSocket", "MozWebSocket"}},
	Doc: Doc{
		Title:   "WebSocket opens a connection to an external service",
		Why:     "A WebSocket is a network connection leaving Power BI.",
		Example: "const ws = new WebSocket(\"wss://live.example.com\");",
		Fix:     "Remove the connection: a certified visual renders only the data Power BI passes to update(). Keep live feeds in a separate, uncertified build.",
		Ref:     refCertified,
	},
	Run: refsToAPIs(requestMsg("opens a connection to an external service")),
})

var _ = register(&Rule{
	ID: "NET004", Name: "no-event-source", Category: Network, Severity: Error,
	Needs: Needs{Inputs: JS, APIs: []string{"EventSource"}},
	Doc: Doc{
		Title:   "EventSource opens a server-sent events stream",
		Why:     "EventSource keeps an HTTP connection to a server open.",
		Example: "new EventSource(\"https://example.com/stream\")",
		Fix:     "Remove the stream; refresh data through the dataset, which Power BI updates.",
		Ref:     refCertified,
	},
	Run: refsToAPIs(requestMsg("opens a connection to an external service")),
})

var _ = register(&Rule{
	ID: "NET005", Name: "no-beacon", Category: Network, Severity: Error,
	Needs: Needs{Inputs: JS, APIs: []string{"navigator.sendBeacon"}},
	Doc: Doc{
		Title:   "navigator.sendBeacon sends data to an external service",
		Why:     "Beacons are requests (typically telemetry) that leave Power BI.",
		Example: "navigator.sendBeacon(\"https://t.example.com\", data)",
		Fix:     "Remove the beacon; Power BI collects its own telemetry.",
		Ref:     refCertified,
	},
	Run: refsToAPIs(func(api string, r analyzer.Ref) string {
		return "navigator.sendBeacon sends data to an external service"
	}),
})

var _ = register(&Rule{
	ID: "NET006", Name: "no-webtransport", Category: Network, Severity: Error,
	Needs: Needs{Inputs: JS, APIs: []string{"WebTransport"}},
	Doc: Doc{
		Title:   "WebTransport opens a connection to an external service",
		Why:     "WebTransport is an HTTP/3 network connection.",
		Example: "new WebTransport(\"https://example.com:4433\")",
		Fix:     "Remove the connection.",
		Ref:     refCertified,
	},
	Run: refsToAPIs(requestMsg("opens a connection to an external service")),
})

var _ = register(&Rule{
	ID: "NET007", Name: "no-peer-connection", Category: Network, Severity: Error,
	Needs: Needs{Inputs: JS, APIs: []string{"RTCPeerConnection", "webkitRTCPeerConnection", "mozRTCPeerConnection"}},
	Doc: Doc{
		Title:   "RTCPeerConnection opens a peer-to-peer connection",
		Why:     "WebRTC connects to STUN/TURN servers and peers outside Power BI.",
		Example: "new RTCPeerConnection({iceServers: [...]})",
		Fix:     "Remove the connection.",
		Ref:     refCertified,
	},
	Run: refsToAPIs(requestMsg("opens a network connection")),
})

var _ = register(&Rule{
	ID: "NET008", Name: "no-dynamic-import", Category: Network, Severity: Error,
	Needs: Needs{Inputs: JS, APIs: []string{"import()"}},
	Doc: Doc{
		Title:   "import() loads code at run time",
		Why:     "A dynamic import fetches a module by URL: remote code the reviewers never saw. Bundle every module at build time.",
		Example: "import(\"https://cdn.example.com/lib.js\")",
		Fix:     "Import the module statically so webpack bundles it.",
		Ref:     refCertified,
	},
	Run: func(p *Pass) {
		prog := p.In.JS
		for _, r := range prog.Refs {
			if r.Kind == analyzer.Global && r.Path == "import()" {
				p.ReportJSFunc(r.Pos, r.Func, "import()", "dynamic import() loads code at run time")
			}
		}
	},
})

var _ = register(&Rule{
	ID: "NET009", Name: "no-import-scripts", Category: Network, Severity: Error,
	Needs: Needs{Inputs: JS, APIs: []string{"importScripts"}},
	Doc: Doc{
		Title:   "importScripts loads remote code into a worker",
		Why:     "importScripts fetches and runs scripts by URL.",
		Example: "importScripts(\"https://cdn.example.com/worker-lib.js\")",
		Fix:     "Bundle the worker code.",
		Ref:     refCertified,
	},
	Run: refsToAPIs(requestMsg("loads code from a URL")),
})

var _ = register(&Rule{
	ID: "NET010", Name: "no-remote-worker", Category: Network, Severity: Error,
	Needs: Needs{Inputs: JS, APIs: append([]string{"Worker", "SharedWorker", "navigator.serviceWorker.register", "CSS.paintWorklet.addModule"}, objectURLAPIs...), Methods: []string{"addModule"}},
	Doc: Doc{
		Title:   "Worker, SharedWorker, service worker or worklet loaded from a URL",
		Why:     "A worker started from a URL (not a blob: or data: URL built from bundled code) downloads code at run time.",
		Example: "new Worker(\"https://cdn.example.com/worker.js\")",
		Fix:     "Build the worker from bundled code with a blob: URL, or remove it.",
		Ref:     refCertified,
	},
	Run: func(p *Pass) {
		prog := p.In.JS
		for _, c := range callsTo(prog, "Worker", "SharedWorker", "navigator.serviceWorker.register", "CSS.paintWorklet.addModule") {
			a := arg(c, 0)
			api := c.Callee.Path
			if api == "navigator.serviceWorker.register" {
				p.ReportJSFunc(c.Pos, c.Func, api, "registers a service worker, which can intercept and send requests")
				continue
			}
			if a.Kind == analyzer.Const {
				if !isRelativeScript(a.Str) {
					continue // blob: and data: URLs carry bundled code
				}
				p.ReportJSFunc(c.Pos, c.Func, api, fmt.Sprintf("%s loads code from %q", api, short(a.Str)))
				continue
			}
			if isBlobURL(a) || objectURLAt(prog, a.Pos) {
				continue
			}
			p.ReportJSFunc(c.Pos, c.Func, api, fmt.Sprintf("%s loads code from a URL computed at run time", api), WithSeverity(Warning))
		}
		for i := range prog.Calls {
			c := &prog.Calls[i]
			if c.Callee.IsGlobal("CSS.paintWorklet.addModule") {
				continue // judged above
			}
			if c.Method == "addModule" && (strings.HasSuffix(c.Receiver.Path, "Worklet") || strings.HasSuffix(c.Receiver.Path, "worklet")) {
				a := arg(c, 0)
				if a.Kind == analyzer.Const && analyzer.ClassifyURL(a.Str) == analyzer.URLLocal || isBlobURL(a) || objectURLAt(prog, a.Pos) {
					continue
				}
				p.ReportJSFunc(c.Pos, c.Func, "worklet.addModule", "worklet addModule loads code from a URL")
			}
		}
	},
})

// isRelativeScript: a relative URL for a worker is still fetched from the
// server hosting the visual (Power BI's sandbox), which has no such file.
func isRelativeScript(s string) bool {
	l := strings.ToLower(strings.TrimSpace(s))
	return !strings.HasPrefix(l, "data:") && !strings.HasPrefix(l, "blob:")
}

// isBlobURL: URL.createObjectURL(...) results are local.
func isBlobURL(a analyzer.Arg) bool {
	return a.Kind == analyzer.Member && strings.HasSuffix(a.Path, "createObjectURL") ||
		a.Kind == analyzer.Global && a.Path == "URL.createObjectURL"
}

// objectURLAt reports whether the expression starting at pos is a call to
// URL.createObjectURL (a local blob: URL).
func objectURLAt(prog *analyzer.Program, pos int) bool {
	if pos < 0 {
		return false
	}
	for i := range prog.Calls {
		c := &prog.Calls[i]
		if c.Pos == pos && (c.Callee.IsGlobal("URL.createObjectURL") || c.Callee.IsGlobal("webkitURL.createObjectURL")) {
			return true
		}
	}
	return false
}

// loadTags are elements whose URL attributes make the browser fetch.
var loadTags = map[string]bool{"script": true, "img": true, "iframe": true, "frame": true, "link": true, "object": true,
	"embed": true, "audio": true, "video": true, "source": true, "image": true, "use": true, "track": true, "input": true, "feimage": true}

var urlProps = map[string]bool{"src": true, "srcset": true, "href": true, "data": true, "poster": true, "xlink:href": true, "background": true}

// urlSink judges a value written to a URL sink: it reports the network
// finding (or hands javascript: URLs to the dynamic-code rule).
type urlVerdict int

const (
	urlNone urlVerdict = iota
	urlRemoteConst
	urlDynamic
	urlScript
)

func judgeURL(v analyzer.Value) urlVerdict {
	if v.Kind == analyzer.Const {
		switch analyzer.ClassifyURL(v.Str) {
		case analyzer.URLRemote:
			return urlRemoteConst
		case analyzer.URLScript, analyzer.URLDataHTML:
			return urlScript
		}
		return urlNone
	}
	if v.Kind == analyzer.Func || isBlobURL(analyzer.Arg{Value: v}) {
		return urlNone
	}
	return urlDynamic
}

// elementLoads yields every URL written to an element: property assignments,
// setAttribute/setAttributeNS, D3 .attr() and new Audio(url).
type urlWrite struct {
	pos, fn  int
	vpos     int // start of the value expression
	api      string
	tag      string // "" when the receiver is unknown
	value    analyzer.Value
	receiver analyzer.Value
	expr     js.IExpr // the value expression, when known
}

func elementURLWrites(prog *analyzer.Program) []urlWrite {
	var out []urlWrite
	for _, a := range prog.Assigns {
		if !urlProps[a.Prop] || a.Op != "=" {
			continue
		}
		if a.Receiver.Kind == analyzer.Global {
			continue // location.href and friends: navigation
		}
		tag := ""
		if a.Receiver.Kind == analyzer.Element {
			tag = a.Receiver.Tag
		}
		out = append(out, urlWrite{pos: a.Pos, fn: a.Func, vpos: a.RHSPos, api: elemAPI(tag, a.Prop), tag: tag, value: a.RHS, receiver: a.Receiver, expr: assignRHS(&a)})
	}
	for i := range prog.Calls {
		c := &prog.Calls[i]
		switch {
		case c.Method == "setAttribute" || c.Method == "attr" || c.Method == "setAttributeNS":
			ni, vi := 0, 1
			if c.Method == "setAttributeNS" {
				ni, vi = 1, 2
			}
			name := arg(c, ni)
			if name.Kind != analyzer.Const || !urlProps[strings.ToLower(name.Str)] || len(c.Args) <= vi {
				continue
			}
			tag := ""
			if c.Receiver.Kind == analyzer.Element {
				tag = c.Receiver.Tag
			}
			out = append(out, urlWrite{pos: c.Pos, fn: c.Func, vpos: arg(c, vi).Pos, api: elemAPI(tag, strings.ToLower(name.Str)), tag: tag, value: arg(c, vi).Value, receiver: c.Receiver, expr: arg(c, vi).Expr})
		case c.New && (c.Callee.IsGlobal("Audio") || c.Callee.IsGlobal("Image")) && len(c.Args) > 0 && c.Callee.Path == "Audio":
			out = append(out, urlWrite{pos: c.Pos, fn: c.Func, vpos: arg(c, 0).Pos, api: "new Audio()", tag: "audio", value: arg(c, 0).Value})
		}
	}
	return out
}

func elemAPI(tag, prop string) string {
	if tag == "" {
		return prop
	}
	return tag + "." + prop
}

var _ = register(&Rule{
	ID: "NET011", Name: "no-remote-element-load", Category: Network, Severity: Error,
	Needs: Needs{Inputs: JS, APIs: append([]string{"Audio", "Image"}, objectURLAPIs...), Methods: attrMethods, Props: append([]string{"p"}, urlPropList...)}, // "p": webpack's public path (__webpack_require__.p = "…")
	Doc: Doc{
		Title:   "An element's src, href, srcset or data is set to a remote URL",
		Why:     "Setting the URL of a script, image, iframe, link, media, object or SVG image/use element makes the browser fetch it: an external request (and, for scripts, remote code).",
		Example: "const s = document.createElement(\"script\");\ns.src = \"https://cdn.example.com/lib.js\";",
		Fix:     "Bundle the resource (images as data: URLs or in the visual's assets) instead of loading it from a server.",
		Ref:     refCertified,
	},
	Run: func(p *Pass) {
		for _, w := range elementURLWrites(p.In.JS) {
			known := w.tag != "" && loadTags[w.tag]
			if objectURLAt(p.In.JS, w.vpos) {
				continue
			}
			switch judgeURL(w.value) {
			case urlRemoteConst:
				if known {
					p.ReportJSFunc(w.pos, w.fn, w.api, fmt.Sprintf("%s is set to the remote URL %q", w.api, short(w.value.Str)))
				} else if w.tag == "" {
					p.ReportJSFunc(w.pos, w.fn, w.api, fmt.Sprintf("%s is set to the remote URL %q; if the element loads it, this is an external request", w.api, short(w.value.Str)), WithSeverity(Warning))
				}
			case urlDynamic:
				if w.tag == "script" && webpackLoader(p.In.JS, w.fn) {
					if pp, ok := publicPath(p.In.JS); ok {
						p.ReportJSFunc(w.pos, w.fn, w.api, fmt.Sprintf("webpack's chunk loader adds <script> elements that load code from the public path %q", short(pp)))
					} else {
						p.ReportJSFunc(w.pos, w.fn, w.api, "webpack's chunk loader adds <script> elements that load code-split chunks from the public path at run time", WithSeverity(Warning))
					}
					continue
				}
				if !known {
					continue
				}
				if u, ok := fieldJustSet(p.In.JS, w); ok && judgeURL(analyzer.Value{Kind: analyzer.Const, Str: u}) == urlRemoteConst {
					// this.imageurl = "https://…", img.attr("src", this.imageurl)
					p.ReportJSFunc(w.pos, w.fn, w.api, fmt.Sprintf("%s is set to .%s, which the code right before sets to the remote URL %q", w.api, w.value.Last(), short(u)))
					continue
				}
				if w.value.Kind == analyzer.Member {
					// img.attr("src", this.imageurl) where every imageurl the
					// bundle writes is a literal: a fixed URL set through a field
					if consts, ok := p.In.JS.ConstProp(w.value.Last()); ok {
						remote := 0
						for _, c := range consts {
							if judgeURL(analyzer.Value{Kind: analyzer.Const, Str: c}) == urlRemoteConst {
								remote++
							}
						}
						switch remote {
						case len(consts):
							p.ReportJSFunc(w.pos, w.fn, w.api, fmt.Sprintf("%s is set to .%s, and every value the bundle writes to %s is the remote URL %q", w.api, w.value.Last(), w.value.Last(), short(consts[0])))
							continue
						case 0:
							continue // local constants (data: URLs, assets)
						}
					}
				}
				p.ReportJSFunc(w.pos, w.fn, w.api, fmt.Sprintf("%s is set to a URL computed at run time, which may be remote", w.api), WithSeverity(Warning))
			}
		}
	},
})

func isLocation(v analyzer.Value) bool {
	if v.Kind != analyzer.Global {
		return false
	}
	switch v.Path {
	case "location", "location.href", "document.location", "document.location.href", "document.URL":
		return true
	}
	return false
}

// navigations yields URL navigations: location assignment, location.assign
// and replace, window.open.
func navigations(prog *analyzer.Program) []urlWrite {
	var out []urlWrite
	for _, a := range prog.Assigns {
		if isLocation(a.Target) && a.Op == "=" {
			out = append(out, urlWrite{pos: a.Pos, fn: a.Func, vpos: a.RHSPos, api: "location", value: a.RHS})
		}
	}
	for _, c := range callsTo(prog, "location.assign", "location.replace", "document.location.assign", "document.location.replace", "open") {
		api := "location." + c.Callee.Last()
		if c.Callee.Path == "open" {
			api = "window.open"
		}
		out = append(out, urlWrite{pos: c.Pos, fn: c.Func, vpos: arg(c, 0).Pos, api: api, value: arg(c, 0).Value})
	}
	return out
}

var _ = register(&Rule{
	ID: "NET012", Name: "no-navigation", Category: Network, Severity: Error,
	Needs: Needs{Inputs: JS, APIs: append(append([]string(nil), navigationAPIs...), objectURLAPIs...), Methods: []string{"submit", "open"}},
	Doc: Doc{
		Title:   "The visual navigates or opens a window to a URL",
		Why:     "Assigning location or calling window.open leaves Power BI for an external site. The sanctioned way to open a link on a user's action is host.launchUrl(url), which Power BI confirms with the user.",
		Example: "window.open(\"https://example.com/help\")",
		Fix:     "Call this.host.launchUrl(url) from a click handler instead.",
		Ref:     "https://learn.microsoft.com/power-bi/developer/visuals/launch-url",
	},
	Run: func(p *Pass) {
		for _, w := range navigations(p.In.JS) {
			if objectURLAt(p.In.JS, w.vpos) {
				continue
			}
			switch judgeURL(w.value) {
			case urlRemoteConst:
				p.ReportJSFunc(w.pos, w.fn, w.api, fmt.Sprintf("%s navigates to the remote URL %q; use host.launchUrl", w.api, short(w.value.Str)))
			case urlDynamic:
				p.ReportJSFunc(w.pos, w.fn, w.api, fmt.Sprintf("%s navigates to a URL computed at run time; use host.launchUrl", w.api), WithSeverity(Warning))
			}
		}
		prog := p.In.JS
		for i := range prog.Calls {
			c := &prog.Calls[i]
			if c.Method == "submit" && c.Receiver.Kind == analyzer.Element && c.Receiver.Tag == "form" {
				p.ReportJSFunc(c.Pos, c.Func, "form.submit", "form.submit() sends the form to its action URL", WithSeverity(Warning))
			}
		}
	},
})

var _ = register(&Rule{
	ID: "NET013", Name: "no-parent-post-message", Category: Network, Severity: Error,
	Needs: Needs{Inputs: JS, APIs: []string{"postMessage"}, Methods: []string{"postMessage"}},
	Doc: Doc{
		Title:   "postMessage to the parent or top window",
		Why:     "Visuals run in a sandboxed iframe; messages to parent/top bypass the visual API and reach the host page.",
		Example: "window.parent.postMessage(data, \"*\")",
		Fix:     "Use the visual host APIs (IVisualHost) instead.",
		Ref:     refCertified,
	},
	Run: func(p *Pass) {
		for _, c := range callsTo(p.In.JS, "postMessage") {
			switch c.Callee.Root {
			case "parent", "top", "opener":
				p.ReportJSFunc(c.Pos, c.Func, "postMessage", fmt.Sprintf("postMessage to the %s window leaves the visual's sandbox", c.Callee.Root))
			case "window.open()":
				if a := arg(c, 0); isData(a.Value) {
					p.ReportJSFunc(c.Pos, c.Func, "postMessage", "postMessage sends data to a window the visual opened with window.open, outside Power BI")
				} else {
					p.ReportJSFunc(c.Pos, c.Func, "postMessage", "postMessage to a window the visual opened with window.open", WithSeverity(Warning))
				}
			}
		}
	},
})

// cssRefs returns the remote references in content.css and in CSS text held
// in JavaScript strings.
var _ = register(&Rule{
	ID: "NET014", Name: "no-remote-css", Category: Network, Severity: Error,
	Needs: Needs{Inputs: JS | CSS, APIs: []string{"FontFace"}, Strings: []string{"url(", "@import", "\\"}},
	Doc: Doc{
		Title:   "CSS loads a remote resource with url(), @import or @font-face",
		Why:     "Stylesheets are requests too: a remote font, image or imported stylesheet is fetched from a server outside Power BI. This includes CSS written into JavaScript strings and new FontFace(…, \"url(…)\").",
		Example: "@import url(\"https://fonts.googleapis.com/css?family=Roboto\");\n.logo { background: url(//cdn.example.com/logo.png) }",
		Fix:     "Bundle fonts and images (as data: URLs, or in the package assets) and remove remote @import rules.",
		Ref:     refCertified,
	},
	Run: func(p *Pass) {
		if p.In.CSS != "" {
			css := []byte(p.In.CSS)
			var pos *posIndex
			for _, r := range analyzer.ScanCSS(css) {
				if analyzer.ClassifyURL(r.URL) != analyzer.URLRemote {
					continue
				}
				if pos == nil {
					pos = newPosIndex(css)
				}
				l, col := pos.at(r.Pos)
				snip, caret := Snippet(css, r.Pos, 100)
				p.ReportAt(Location{File: p.In.CSSFile, Line: l, Column: col, Offset: r.Pos}, snip, cssAPI(r.Kind), cssMsg(r), func(f *Finding) {
					f.Caret, f.Window = caret, SourceWindow(css, r.Pos, l, WindowLines, WindowWidth)
				})
			}
		}
		prog := p.In.JS
		if prog == nil {
			return
		}
		// new FontFace(family, source): the source is CSS src text, often
		// assembled in code ("url(" + host + "/f.woff2)")
		for _, c := range callsTo(prog, "FontFace") {
			a := arg(c, 1)
			if l, ok := ungroup(a.Expr).(*js.LiteralExpr); ok && l.TokenType == js.StringToken {
				continue // a literal: reported with the other strings below
			}
			if a.Kind == analyzer.Const {
				for _, r := range analyzer.ScanCSS([]byte("@font-face{src:" + a.Str + "}")) {
					if analyzer.ClassifyURL(r.URL) == analyzer.URLRemote {
						p.ReportJSFunc(c.Pos, c.Func, "FontFace", fmt.Sprintf("new FontFace() loads the remote font %q", short(r.URL)))
						break
					}
				}
				continue
			}
			if a.Expr != nil && a.Kind != analyzer.Func && isStringExpr(a.Expr) {
				p.ReportJSFunc(c.Pos, c.Func, "FontFace", "new FontFace() loads a font from a URL built at run time, which may be remote", WithSeverity(Warning))
			}
		}
		for _, s := range prog.Strings {
			if !strings.Contains(s.Value, "url(") && !strings.Contains(s.Value, "@import") && !strings.Contains(s.Value, "\\") {
				continue
			}
			for _, r := range analyzer.ScanCSS([]byte(s.Value)) {
				if analyzer.ClassifyURL(r.URL) == analyzer.URLRemote {
					p.ReportJS(s.Pos, cssAPI(r.Kind), cssMsg(r)+" (CSS text in a JavaScript string)")
					break
				}
			}
		}
	},
})

func cssAPI(kind string) string {
	switch kind {
	case "import":
		return "@import"
	case "font-face":
		return "@font-face"
	}
	return "url()"
}

func cssMsg(r analyzer.CSSRef) string {
	switch r.Kind {
	case "import":
		return fmt.Sprintf("@import loads the remote stylesheet %q", short(r.URL))
	case "font-face":
		return fmt.Sprintf("@font-face loads the remote font %q", short(r.URL))
	}
	return fmt.Sprintf("url() loads the remote resource %q", short(r.URL))
}

var _ = register(&Rule{
	ID: "NET015", Name: "no-library-request", Category: Network, Severity: Warning,
	Needs: Needs{Inputs: JS, APIs: []string{"d3"}, Methods: []string{"ajax", "getJSON", "getScript", "json", "csv", "tsv", "xml", "text", "image", "dsv", "buffer", "blob", "html", "svg"}},
	Doc: Doc{
		Title:   "A library request helper (jQuery $.ajax/getJSON/getScript, d3.json/csv/text/xml/image) is called",
		Why:     "Library helpers wrap fetch and XMLHttpRequest; the call site shows where the visual's own code asks for remote data. A helper's own definition on top of .ajax (its URL is its parameter: $.get/$.post, .load, the script evaluator) is reported at info.",
		Example: "$.getJSON(\"https://api.example.com\", render)",
		Fix:     "Remove the request; the helper is only a wrapper around fetch or XMLHttpRequest.",
		Ref:     refCertified,
	},
	Run: func(p *Pass) {
		prog := p.In.JS
		for i := range prog.Calls {
			c := &prog.Calls[i]
			switch c.Method {
			case "ajax", "getJSON", "getScript":
				if requestHelperDefinition(prog, c) {
					p.ReportJSFunc(c.Pos, c.Func, c.Method, fmt.Sprintf(".%s() sends a request to a URL its caller passes (a request helper's definition; the call that passes the URL is what to look at)", c.Method), WithIdiom("request-helper-definition"))
					continue
				}
				p.ReportJSFunc(c.Pos, c.Func, c.Method, fmt.Sprintf(".%s() sends a request (jQuery request helper)", c.Method))
			case "json", "csv", "tsv", "xml", "text", "image", "dsv", "buffer", "blob", "html", "svg":
				if c.Receiver.Kind == analyzer.Global && c.Receiver.Path == "d3" {
					p.ReportJSFunc(c.Pos, c.Func, "d3."+c.Method, fmt.Sprintf("d3.%s() fetches a remote resource", c.Method), WithSeverity(Error))
				}
			}
		}
	},
})

// webpackLoader: the function is webpack's script loader
// (__webpack_require__.l in webpack 5, the JSONP chunk loader in webpack 4):
// it marks its <script> with data-webpack, or sets charset and timeout = 120.
func webpackLoader(prog *analyzer.Program, fn int) bool {
	f := funcText(prog, fn)
	if f == nil {
		return false
	}
	return bytes.Contains(f, []byte("data-webpack")) || bytes.Contains(f, []byte("charset")) && (bytes.Contains(f, []byte("timeout=120")) || bytes.Contains(f, []byte("timeout = 120")))
}

// publicPath finds webpack's public path set to a remote constant
// (__webpack_require__.p = "https://cdn.example.com/").
func publicPath(prog *analyzer.Program) (string, bool) {
	for i := range prog.Assigns {
		a := &prog.Assigns[i]
		if a.Prop == "p" && a.RHS.Kind == analyzer.Const && analyzer.ClassifyURL(a.RHS.Str) == analyzer.URLRemote {
			return a.RHS.Str, true
		}
	}
	return "", false
}

// fieldJustSet returns the constant that this.name holds where w reads
// it, when the write is right before the read in straight-line code of
// the same function: this.url = "https://…", img.attr("src", this.url)
// (adjacent elements of one comma sequence, or adjacent statements of one
// block). Anything between the two, or a write in a branch, gives up.
func fieldJustSet(prog *analyzer.Program, w urlWrite) (string, bool) {
	d, ok := ungroup(w.expr).(*js.DotExpr)
	if !ok || w.fn < 0 || w.fn >= len(prog.Funcs) {
		return "", false
	}
	if t, ok := d.X.(*js.LiteralExpr); !ok || t.TokenType != js.ThisToken {
		return "", false
	}
	name, _, ok := propOf(d)
	if !ok {
		return "", false
	}
	f := &justSet{read: d, name: name}
	switch n := prog.Funcs[w.fn].Node.(type) {
	case *js.FuncDecl:
		f.block(n.Body.List)
	case *js.MethodDecl:
		f.block(n.Body.List)
	case *js.ArrowFunc:
		f.block(n.Body.List)
	}
	if !f.found || f.value == nil {
		return "", false
	}
	v := prog.Resolve(f.value, false)
	if v.Kind != analyzer.Const {
		return "", false
	}
	return v.Str, true
}

// justSet walks a function's straight-line code for the element that
// reads `read` and the element right before it.
type justSet struct {
	read  js.IExpr
	name  string
	found bool
	value js.IExpr // what the element before wrote to this.name (nil: not such a write)
}

// block looks at adjacent statements, and inside each at adjacent
// elements of a comma sequence.
func (f *justSet) block(list []js.IStmt) {
	var prev js.IExpr
	for _, s := range list {
		if f.found {
			return
		}
		es, ok := s.(*js.ExprStmt)
		if !ok {
			if holds(s, f.read) {
				f.found = true // in a nested block: not straight-line
				return
			}
			prev = nil
			continue
		}
		elems := []js.IExpr{es.Value}
		if c, ok := es.Value.(*js.CommaExpr); ok {
			elems = c.List
		}
		for _, e := range elems {
			if holds(e, f.read) {
				f.found = true
				f.value = f.thisWrite(prev)
				return
			}
			prev = e
		}
	}
}

// thisWrite returns the value e assigns to this.name (nil otherwise).
func (f *justSet) thisWrite(e js.IExpr) js.IExpr {
	b, ok := ungroup(e).(*js.BinaryExpr)
	if !ok || b.Op != js.EqToken {
		return nil
	}
	d, ok := b.X.(*js.DotExpr)
	if !ok {
		return nil
	}
	if t, ok := d.X.(*js.LiteralExpr); !ok || t.TokenType != js.ThisToken {
		return nil
	}
	if m, _, ok := propOf(d); !ok || m != f.name {
		return nil
	}
	return b.Y
}

// holds reports whether node n is inside root.
func holds(root js.INode, n js.INode) bool {
	c := &contains{target: n}
	js.Walk(c, root)
	return c.found
}
