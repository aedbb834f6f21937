package rules_test

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"

	"github.com/pbicert/pbicert/internal/gen"
	"github.com/pbicert/pbicert/rules"
)

// manifestFindings checks v and returns its manifest-category findings (and
// the plugin-wrapper, privilege and declared-against-used findings) as
// "RULE@severity[:api]" strings, sorted.
func manifestFindings(t *testing.T, v gen.Visual) []string {
	t.Helper()
	res, _ := checkModule(t, v)
	var out []string
	for _, f := range res.Findings {
		if f.Category != rules.Manifest {
			continue
		}
		out = append(out, f.Rule+"@"+f.Severity.String()+":"+f.API)
	}
	sort.Strings(out)
	return out
}

func TestManifestRules(t *testing.T) {
	priv := func(s string) json.RawMessage { return json.RawMessage(s) }
	const fetchModule = `fetch("https://api.contoso.com/data");`
	tests := []struct {
		name string
		v    gen.Visual
		want []string
	}{
		{"clean", gen.Visual{}, nil},
		{"web access with origins", gen.Visual{Modules: []string{fetchModule},
			Privileges: priv(`[{"name":"WebAccess","essential":true,"parameters":["https://api.contoso.com"]}]`)},
			[]string{"MAN001@error:WebAccess"}},
		{"web access empty, unused", gen.Visual{Privileges: priv(`[{"name":"WebAccess","essential":true,"parameters":[]}]`)},
			[]string{"MAN001@warning:WebAccess", "MAN014@info:WebAccess"}},
		{"web access with origins, unused", gen.Visual{Privileges: priv(`[{"name":"WebAccess","essential":true,"parameters":["https://api.contoso.com"]}]`)},
			[]string{"MAN001@error:WebAccess", "MAN014@info:WebAccess"}},
		{"origin not allowed", gen.Visual{Modules: []string{`fetch("https://other.example.org/x");`},
			Privileges: priv(`[{"name":"WebAccess","essential":true,"parameters":["https://*.contoso.com"]}]`)},
			[]string{"MAN001@error:WebAccess", "MAN015@error:fetch", "MAN017@warning:WebAccess", "MAN018@warning:WebAccess"}},
		{"origin allowed by wildcard", gen.Visual{Modules: []string{`fetch("https://api.contoso.com/x");`},
			Privileges: priv(`[{"name":"WebAccess","essential":true,"parameters":["https://*.contoso.com"]}]`)},
			[]string{"MAN001@error:WebAccess", "MAN017@warning:WebAccess"}},
		{"host used but not declared: XHR open with a template", gen.Visual{Modules: []string{"const x = new XMLHttpRequest(); x.open(\"GET\", `https://tiles.example.org/${z}/${x}.png`);"},
			Privileges: priv(`[{"name":"WebAccess","essential":true,"parameters":["https://api.contoso.com"]}]`)},
			[]string{"MAN001@error:WebAccess", "MAN015@error:XMLHttpRequest.open", "MAN018@warning:WebAccess"}},
		{"host used but not declared: concatenation", gen.Visual{Modules: []string{`fetch("https://other.example.org/q?x=" + encodeURIComponent(q)); fetch("https://api.contoso.com/v1");`},
			Privileges: priv(`[{"name":"WebAccess","essential":true,"parameters":["https://api.contoso.com"]}]`)},
			[]string{"MAN001@error:WebAccess", "MAN015@error:fetch"}},
		{"host used but not declared: $.ajax settings", gen.Visual{Modules: []string{`jQuery.ajax({type: "POST", "url": "https://other.example.org/api/save", data: d}); fetch("https://api.contoso.com/v1");`},
			Privileges: priv(`[{"name":"WebAccess","essential":true,"parameters":["https://api.contoso.com"]}]`)},
			[]string{"MAN001@error:WebAccess", "MAN015@error:$.ajax"}},
		{"near miss: $.ajax settings in a variable", gen.Visual{Modules: []string{`var o = {url: u}; jQuery.ajax(o); fetch("https://api.contoso.com/v1");`},
			Privileges: priv(`[{"name":"WebAccess","essential":true,"parameters":["https://api.contoso.com"]}]`)},
			[]string{"MAN001@error:WebAccess"}},
		{"near miss: host not constant", gen.Visual{Modules: []string{`fetch("https://" + region + ".contoso.com/x"); fetch("https://api.contoso.com/v1");`},
			Privileges: priv(`[{"name":"WebAccess","essential":true,"parameters":["https://api.contoso.com"]}]`)},
			[]string{"MAN001@error:WebAccess"}},
		{"declared host never used", gen.Visual{Modules: []string{`fetch("https://api.contoso.com/v1");`},
			Privileges: priv(`[{"name":"WebAccess","essential":true,"parameters":["https://api.contoso.com","https://old.contoso.com"]}]`)},
			[]string{"MAN001@error:WebAccess", "MAN018@warning:WebAccess"}},
		{"evasion: declared host used through an alias", gen.Visual{Modules: []string{`const g = window["fe" + "tch"]; g("https://old.contoso.com/v1"); fetch("https://api.contoso.com/v1");`},
			Privileges: priv(`[{"name":"WebAccess","essential":true,"parameters":["https://api.contoso.com","https://old.contoso.com"]}]`)},
			[]string{"MAN001@error:WebAccess"}},
		{"wildcard everything", gen.Visual{Modules: []string{`fetch("https://api.contoso.com/v1");`},
			Privileges: priv(`[{"name":"WebAccess","essential":true,"parameters":["*"]}]`)},
			[]string{"MAN001@error:WebAccess", "MAN017@error:WebAccess"}},
		{"aad authentication", gen.Visual{Privileges: priv(`[{"name":"AADAuthentication","parameters":{"COM":"https://api.contoso.com"}}]`)},
			[]string{"MAN002@warning:AADAuthentication"}},
		{"no privileges with API 5.11", gen.Visual{OmitPrivileges: true}, []string{"MAN003@warning:privileges"}},
		{"no privileges with API 3.8 (era 3)", gen.Visual{Era: 3}, []string{"MAN004@error:apiVersion"}},
		{"api 5.3", gen.Visual{APIVersion: "5.3.0"}, []string{"MAN004@info:apiVersion"}},
		{"api 5.11", gen.Visual{APIVersion: "5.11.0"}, nil},
		{"api 4.7", gen.Visual{APIVersion: "4.7.0"}, []string{"MAN004@info:apiVersion"}},
		{"version with three parts", gen.Visual{Version: "1.0.0"}, []string{"MAN005@error:visual.version"}},
		{"version with a leading zero", gen.Visual{Version: "1.0.01.0"}, []string{"MAN005@error:visual.version"}},
		{"version not numeric", gen.Visual{Version: "1.0.0.beta"}, []string{"MAN005@error:visual.version"}},
		{"bad author e-mail", gen.Visual{AuthorEmail: "not an address"}, []string{"MAN006@error:author.email"}},
		{"missing author name", gen.Visual{AuthorName: " "}, []string{"MAN006@error:author.name"}},
		{"missing description", gen.Visual{Description: " "}, []string{"MAN007@error:visual.description"}},
		{"http support URL", gen.Visual{SupportURL: "http://contoso.com/support"}, []string{"MAN008@error:visual.supportUrl"}},
		{"debug guid", gen.Visual{GUID: "exampleVisual1A2B3C4D5E6F_DEBUG"}, []string{"MAN009@error:visual.guid"}},
		{"external JS", gen.Visual{ExternalJS: []string{"node_modules/d3/dist/d3.min.js"}}, []string{"MAN010@error:externalJS"}},
		// API 1.x-2.x builds concatenated externalJS into content.js
		{"external JS already bundled (API 1.4)", gen.Visual{Era: 1, APIVersion: "1.4.0", ExternalJS: []string{"node_modules/d3/d3.min.js", "node_modules/powerbi-visuals-utils-typeutils/lib/index.js"},
			Modules: []string{`var d3 = {version: "3.5.17"}; var typeUtils = powerbi.extensibility.utils.type;`}}, []string{"MAN004@error:apiVersion", "MAN010@info:externalJS"}},
		// a minified build renames the utils.<x> namespaces; the names the
		// utils export survive (TooltipServiceWrapper, ColorHelper)
		{"external JS utils bundled under minified namespaces (API 2.1)", gen.Visual{Era: 1, APIVersion: "2.1.0", ExternalJS: []string{"node_modules/powerbi-visuals-utils-tooltiputils/lib/index.js", "node_modules/powerbi-visuals-utils-colorutils/lib/index.js"},
			Modules: []string{`var a = {}; a.createTooltipServiceWrapper = function () {}; var ColorHelper = function () {};`}}, []string{"MAN004@error:apiVersion", "MAN010@info:externalJS"}},
		{"evasion: external JS utils named but absent (API 2.1)", gen.Visual{Era: 1, APIVersion: "2.1.0", ExternalJS: []string{"node_modules/powerbi-visuals-utils-tooltiputils/lib/index.js"},
			Modules: []string{`var tooltip = {};`}}, []string{"MAN004@error:apiVersion", "MAN010@error:externalJS"}},
		{"external JS partly bundled (API 1.4)", gen.Visual{Era: 1, APIVersion: "1.4.0", ExternalJS: []string{"node_modules/d3/d3.min.js", "node_modules/leaflet/dist/leaflet.js"},
			Modules: []string{`var d3 = {version: "3.5.17"};`}}, []string{"MAN004@error:apiVersion", "MAN010@error:externalJS"}},
		{"external JS named in an API 5 bundle", gen.Visual{APIVersion: "5.3.0", ExternalJS: []string{"node_modules/d3/dist/d3.min.js"},
			Modules: []string{`var d3 = {version: "7.9.0"};`}}, []string{"MAN004@info:apiVersion", "MAN010@error:externalJS"}},
		{"wrapper name mismatch", gen.Visual{WrapperName: "otherVisual0000"}, []string{"MAN011@error:powerbi.visuals.plugins"}},
		{"wrapper apiVersion mismatch", gen.Visual{WrapperAPIVersion: "5.3.0"}, []string{"MAN011@error:apiVersion"}},
		{"storageV2Service without LocalStorage", gen.Visual{Modules: []string{`this.host.storageV2Service.get("k");`}},
			[]string{"MAN012@error:storageV2Service"}},
		{"storageV2Service with LocalStorage", gen.Visual{Modules: []string{`this.host.storageV2Service.get("k");`},
			Privileges: priv(`[{"name":"LocalStorage","essential":false}]`)}, nil},
		{"downloadService without ExportContent", gen.Visual{Modules: []string{`this.host.downloadService.exportVisualsContent(d, "a.csv", "csv", "");`}},
			[]string{"MAN013@error:downloadService"}},
		{"downloadService with ExportContent", gen.Visual{Modules: []string{`this.host.downloadService.exportVisualsContent(d, "a.csv", "csv", "");`},
			Privileges: priv(`[{"name":"ExportContent","essential":false}]`)}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := manifestFindings(t, tc.v)
			if strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("manifest findings = %v, want %v", got, tc.want)
			}
		})
	}
}
