package rules

import (
	"strings"

	"github.com/pbicert/pbicert/analyzer"
)

const refStorage = "https://learn.microsoft.com/power-bi/developer/visuals/local-storage"

func storageMsg(api string, r analyzer.Ref) string {
	return api + " is browser storage, which certified visuals may not use; use host.storageV2Service"
}

var _ = register(&Rule{
	ID: "STO001", Name: "no-web-storage", Category: Storage, Severity: Error,
	Needs: Needs{Inputs: JS, APIs: []string{"localStorage", "sessionStorage"}},
	Doc: Doc{
		Title:   "localStorage or sessionStorage is used",
		Why:     "Visuals may not keep data in the browser's storage; Power BI offers host.storageV2Service (with the LocalStorage privilege) instead.",
		Example: "localStorage.setItem(\"state\", json)",
		Fix:     "Use host.storageV2Service, or persist settings with host.persistProperties.",
		Ref:     refStorage,
	},
	Run: refsToAPIs(storageMsg),
})

var _ = register(&Rule{
	ID: "STO002", Name: "no-indexeddb", Category: Storage, Severity: Error,
	Needs: Needs{Inputs: JS, APIs: []string{"indexedDB", "webkitIndexedDB", "mozIndexedDB", "msIndexedDB", "IDBFactory"}},
	Doc: Doc{
		Title:   "IndexedDB is used",
		Why:     "IndexedDB (and its prefixed forms) is browser storage.",
		Example: "indexedDB.open(\"cache\")",
		Fix:     "Use host.storageV2Service.",
		Ref:     refStorage,
	},
	Run: refsToAPIs(storageMsg),
})

var _ = register(&Rule{
	ID: "STO003", Name: "no-cookies", Category: Storage, Severity: Error,
	Needs: Needs{Inputs: JS, APIs: []string{"document.cookie", "cookieStore"}},
	Doc: Doc{
		Title:   "document.cookie or cookieStore is read or written",
		Why:     "Cookies are browser storage and are sent with requests.",
		Example: "document.cookie = \"seen=1\"",
		Fix:     "Use host.storageV2Service.",
		Ref:     refStorage,
	},
	Run: func(p *Pass) {
		prog := p.In.JS
		for _, r := range prog.Refs {
			if r.Kind != analyzer.Global || r.Use == analyzer.Typeof {
				continue
			}
			switch {
			case r.Path == "document.cookie" || strings.HasPrefix(r.Path, "document.cookie."):
				verb := "reads"
				if r.Use == analyzer.Assigned && r.Path == "document.cookie" {
					verb = "writes"
				}
				p.ReportJSFunc(r.Pos, r.Func, "document.cookie", "document.cookie "+verb+" browser cookies"+how(r.Value))
			case r.Path == "cookieStore" || len(r.Path) > 12 && r.Path[:12] == "cookieStore.":
				p.ReportJSFunc(r.Pos, r.Func, "cookieStore", "cookieStore accesses browser cookies"+how(r.Value))
			}
		}
	},
})

var _ = register(&Rule{
	ID: "STO004", Name: "no-cache-storage", Category: Storage, Severity: Error,
	Needs: Needs{Inputs: JS, APIs: []string{"caches"}},
	Doc: Doc{
		Title:   "Cache Storage (caches) is used",
		Why:     "The Cache API stores responses in the browser.",
		Example: "caches.open(\"v1\")",
		Fix:     "Remove the cache; keep state in memory, or in host.storageV2Service (LocalStorage privilege).",
		Ref:     refStorage,
	},
	Run: refsToAPIs(storageMsg),
})

var _ = register(&Rule{
	ID: "STO005", Name: "no-storage-manager", Category: Storage, Severity: Error,
	Needs: Needs{Inputs: JS, APIs: []string{"navigator.storage"}},
	Doc: Doc{
		Title:   "navigator.storage (origin private file system, persist) is used",
		Why:     "The Storage API exposes the origin private file system and persistence.",
		Example: "const root = await navigator.storage.getDirectory();",
		Fix:     "Use host.storageV2Service.",
		Ref:     refStorage,
	},
	Run: refsToAPIs(storageMsg),
})

var _ = register(&Rule{
	ID: "STO006", Name: "no-web-sql", Category: Storage, Severity: Error,
	Needs: Needs{Inputs: JS, APIs: []string{"openDatabase"}},
	Doc: Doc{
		Title:   "openDatabase (Web SQL) is used",
		Why:     "Web SQL is browser storage.",
		Example: "openDatabase(\"db\", \"1.0\", \"\", 1024)",
		Fix:     "Use host.storageV2Service.",
		Ref:     refStorage,
	},
	Run: refsToAPIs(storageMsg),
})

var _ = register(&Rule{
	ID: "STO007", Name: "no-file-picker", Category: Storage, Severity: Error,
	Needs: Needs{Inputs: JS, APIs: []string{"showOpenFilePicker", "showSaveFilePicker", "showDirectoryPicker"}},
	Doc: Doc{
		Title:   "File System Access pickers (showOpenFilePicker, showSaveFilePicker, showDirectoryPicker)",
		Why:     "Pickers read and write the user's files outside Power BI; exports go through host.downloadService.",
		Example: "await showSaveFilePicker()",
		Fix:     "Use host.downloadService.exportVisualsContent (ExportContent privilege).",
		Ref:     "https://learn.microsoft.com/power-bi/developer/visuals/file-download-api",
	},
	Run: refsToAPIs(func(api string, r analyzer.Ref) string {
		return api + " gives access to the user's files"
	}),
})

var _ = register(&Rule{
	ID: "STO008", Name: "removed-storage-service", Category: Storage, Severity: Warning,
	Needs: Needs{Inputs: JS | ManifestInput, Members: []string{"storageService"}},
	Doc: Doc{
		Title:   "host.storageService was removed in API 5.11",
		Why:     "The old local storage API no longer exists from API 5.11.0; calls fail at run time.",
		Example: "this.host.storageService.get(\"key\")",
		Fix:     "Use host.storageV2Service (API 5.8.0+), declared with the LocalStorage privilege.",
		Ref:     refStorage,
	},
	Run: func(p *Pass) {
		if compareVersion(p.In.Manifest.Resource.APIVersion, "5.11.0") < 0 {
			return
		}
		for _, m := range p.In.JS.Members {
			if m.Name == "storageService" {
				p.ReportJSFunc(m.Pos, m.Func, "storageService", "host.storageService was removed in API 5.11; use host.storageV2Service")
			}
		}
	},
})

var _ = register(&Rule{
	ID: "STO009", Name: "no-service-worker", Category: Storage, Severity: Warning,
	Needs: Needs{Inputs: JS, APIs: []string{"navigator.serviceWorker.register"}},
	Doc: Doc{
		Title:   "navigator.serviceWorker.register installs a service worker",
		Why:     "A service worker is installed in the browser for the origin: its code stays, intercepts requests and caches responses after the visual is closed, outside the report's lifetime and Power BI's control. A certified visual leaves no code behind in the browser.",
		Example: "navigator.serviceWorker.register(\"/sw.js\")",
		Fix:     "Remove the registration; do background work while the visual renders, in a Worker built from bundled code (a blob: URL).",
		Ref:     refCertified,
	},
	Run: refsToAPIs(func(api string, r analyzer.Ref) string {
		return "navigator.serviceWorker.register installs a service worker: code that stays in the browser after the visual is closed"
	}),
})
