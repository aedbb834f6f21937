package rules

import (
	"strings"
	"sync"

	"github.com/pbicert/pbicert/analyzer"
)

// refRoots collects the first path segment of every API a reference rule
// looks at (filled by refRule at init; guarded in case a rule builds one
// while checking).
var (
	refRoots   = map[string]bool{}
	refRootsMu sync.Mutex
)

func addRoots(apis ...string) {
	refRootsMu.Lock()
	defer refRootsMu.Unlock()
	for _, a := range apis {
		if i := strings.IndexByte(a, '.'); i >= 0 {
			a = a[:i]
		}
		refRoots[a] = true
	}
}

func init() {
	addRoots(sensitiveRoots...)
	addRoots(networkAPIs...)
	addRoots("XMLHttpRequest", "import()", "document", "cookieStore", "location", "navigator", "postMessage", "open")
	// callees the call-based rules read
	addRoots("Worker", "SharedWorker", "ActiveXObject", "Audio", "Image", "Blob", "CSS", "AsyncFunction", "GeneratorFunction",
		"AsyncGeneratorFunction", "execScript", "requestAnimationFrame", "d3", "powerbi", "Reflect", "String", "URL", "webkitURL", "$", "jQuery")
	addRoots(timerAPIs...)
}

// trackedMethods are the method names of non-global receivers the rules read
// from Calls (HTML sinks, element attributes, library request helpers,
// rendering events, launchUrl).
var trackedMethods = map[string]bool{
	"html": true, "setAttribute": true, "setAttributeNS": true, "attr": true, "insertAdjacentHTML": true,
	"createContextualFragment": true, "parseFromString": true, "setHTMLUnsafe": true, "parseHTMLUnsafe": true,
	"submit": true, "addModule": true, "ajax": true, "getJSON": true, "getScript": true, "cleanData": true,
	"renderingStarted": true, "renderingFinished": true, "renderingFailed": true, "launchUrl": true,
	"json": true, "csv": true, "tsv": true, "xml": true, "text": true, "image": true, "dsv": true, "buffer": true,
	"blob": true, "svg": true, "write": true, "writeln": true, "open": true, "postMessage": true, "assign": true,
	"append": true, "prepend": true, "after": true, "before": true, "replaceWith": true, "wrap": true, "wrapAll": true, "wrapInner": true,
}

// ModelKeep tells the analyzer which facts the rules read, so that it does
// not record the rest (references to Math or Object, calls of other methods).
func ModelKeep() *analyzer.Keep {
	refRootsMu.Lock()
	roots := make(map[string]bool, len(refRoots))
	for k := range refRoots {
		roots[k] = true
	}
	refRootsMu.Unlock()
	methods := make(map[string]bool, len(trackedMethods))
	for k := range trackedMethods {
		methods[k] = true
	}
	props := map[string]bool{"innerHTML": true, "outerHTML": true, "srcdoc": true, "dangerouslySetInnerHTML": true}
	for k := range urlProps {
		props[k] = true
	}
	return &analyzer.Keep{Roots: roots, Methods: methods, Props: props, StringMarks: []string{"url(", "@import", "\\"}}
}
