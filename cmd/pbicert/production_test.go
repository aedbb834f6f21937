package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pbicert/pbicert/internal/gen"
)

// reactStyleProject writes a visual source project whose dependencies ship
// development and production builds the way React does: an index.js that
// picks cjs/*.development.js or cjs/*.production.min.js on
// process.env.NODE_ENV, a library with a development-only block inline, and
// a package whose "exports" map has "development" and "production"
// conditions. Each development-only path holds a forbidden API the
// production build does not have; the production paths hold their own.
func reactStyleProject(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"pbiviz.json": `{"visual":{"name":"reactish","displayName":"Reactish","guid":"reactish0123456789ABCDEF","visualClassName":"Visual",
"version":"1.0.0.0","description":"A generated React-style visual.","supportUrl":"https://contoso.com/support","gitHubUrl":"https://github.com/contoso/reactish"},
"apiVersion":"5.11.0","author":{"name":"Contoso","email":"visuals@contoso.com"},"assets":{"icon":"assets/icon.png"},"externalJS":[],
"style":"style/visual.less","capabilities":"capabilities.json","dependencies":null,"stringResources":[],"version":"1.0.0.0"}`,
		"capabilities.json": `{"dataRoles":[],"dataViewMappings":[],"privileges":[]}`,
		"package.json":      `{"name":"reactish","version":"1.0.0","private":true,"dependencies":{"fakereact":"1.0.0","devwarn":"1.0.0","condpkg":"1.0.0"}}`,
		"tsconfig.json":     `{"compilerOptions":{"jsx":"react","target":"es2022"},"files":["src/visual.tsx"]}`,
		"src/visual.tsx": `import { mount } from "fakereact";
import { warnOnce } from "devwarn";
import { pick } from "condpkg";
export class Visual {
    private host: any;
    constructor(options: any) { this.host = options.host; }
    public update(options: any) {
        this.host.eventService.renderingStarted(options);
        mount(options.element, String(options.dataViews[0]));
        warnOnce(pick(options.dataViews));
        this.host.eventService.renderingFinished(options);
    }
}
`,
		// React's layout: index.js chooses the build on NODE_ENV
		"node_modules/fakereact/package.json": `{"name":"fakereact","version":"1.0.0","main":"index.js"}`,
		"node_modules/fakereact/index.js": `'use strict';
if (process.env.NODE_ENV === 'production') {
  module.exports = require('./cjs/fakereact.production.min.js');
} else {
  module.exports = require('./cjs/fakereact.development.js');
}
`,
		"node_modules/fakereact/cjs/fakereact.development.js": `'use strict';
function mount(container, html) {
  try { window.localStorage.setItem('__fakereact_devtools', '1'); } catch (e) {}
  var probe = document.createElement('div');
  probe.setAttribute('oninput', 'return;');
  container.innerHTML = html;
}
exports.mount = mount;
`,
		"node_modules/fakereact/cjs/fakereact.production.min.js": `'use strict';function m(e,t){var n=document.createElement("div");n.setAttribute("oninput","return;");e.innerHTML=t}exports.mount=m;`,
		// a development-only block inside the file the production build uses
		"node_modules/devwarn/package.json": `{"name":"devwarn","version":"1.0.0","main":"index.js"}`,
		"node_modules/devwarn/index.js": `'use strict';
exports.warnOnce = function (message) {
  if (process.env.NODE_ENV !== 'production') {
    new Function('m', 'console.warn(m)')(message);
  }
  return message;
};
`,
		// conditional exports
		"node_modules/condpkg/package.json": `{"name":"condpkg","version":"1.0.0","main":"dev.js",
"exports":{".":{"development":"./dev.js","production":"./prod.js","default":"./dev.js"}}}`,
		"node_modules/condpkg/dev.js":  `export function pick(v) { setTimeout("console.log(1)", 0); return v; }` + "\n",
		"node_modules/condpkg/prod.js": `export function pick(v) { sessionStorage.setItem("condpkg", "1"); return v; }` + "\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
	}
	return dir
}

// buildLikePbiviz bundles the project as `pbiviz package` does for
// production (webpack 5 in production mode: process.env.NODE_ENV is
// "production", conditions webpack/production/browser/module, main fields
// browser/module/main, minified) and wraps the bundle in a .pbiviz with our
// generator. The options are written out here, independently of the
// project checker's.
func buildLikePbiviz(t *testing.T, dir string) []byte {
	t.Helper()
	res := api.Build(api.BuildOptions{
		AbsWorkingDir:     dir,
		EntryPoints:       []string{"src/visual.tsx"},
		Bundle:            true,
		Write:             false,
		Format:            api.FormatIIFE,
		GlobalName:        "__reactishExports",
		Platform:          api.PlatformBrowser,
		Target:            api.ES2022,
		Define:            map[string]string{"process.env.NODE_ENV": `"production"`},
		Conditions:        []string{"webpack", "production", "module"},
		MainFields:        []string{"browser", "module", "main"},
		ResolveExtensions: []string{".tsx", ".ts", ".jsx", ".js", ".mjs", ".css"},
		MinifySyntax:      true,
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		LogLevel:          api.LogLevelSilent,
	})
	require.Empty(t, res.Errors)
	require.Len(t, res.OutputFiles, 1)
	v := gen.Clean()
	v.GUID, v.Name, v.DisplayName = "reactish0123456789ABCDEF", "reactish", "Reactish"
	v.VisualModule = string(res.OutputFiles[0].Contents) + "var Visual=__reactishExports.Visual;"
	v.Modules, v.FillerBytes = nil, 0
	return gen.MustBuildPackage(v, gen.ZipOptions{})
}

// codeFindings lists a report's code findings (every category but manifest
// and requirement) as "RULE api", sorted.
func codeFindings(t *testing.T, out string) []string {
	t.Helper()
	var doc contractDoc
	require.NoError(t, json.Unmarshal([]byte(out), &doc), out)
	require.Len(t, doc.Results, 1)
	require.Empty(t, *doc.Results[0].Error)
	var got []string
	for _, f := range doc.Results[0].Findings {
		if f.Category == "manifest" || f.Category == "requirement" {
			continue
		}
		got = append(got, f.Rule+" "+f.API)
	}
	sort.Strings(got)
	return got
}

// A project check reports the code the production package contains: the
// same code findings as a check of the package built from it.
func TestProjectCheckAgreesWithItsProductionPackage(t *testing.T) {
	dir := reactStyleProject(t)
	pkg := filepath.Join(t.TempDir(), "reactish.pbiviz")
	require.NoError(t, os.WriteFile(pkg, buildLikePbiviz(t, dir), 0o644))

	projOut, errOut, code := runCLI(t, nil, "check", "--format", "json", "--fail-on", "never", dir)
	require.Equal(t, 0, code, errOut)
	pkgOut, errOut, code := runCLI(t, nil, "check", "--format", "json", "--fail-on", "never", pkg)
	require.Equal(t, 0, code, errOut)

	project, built := codeFindings(t, projOut), codeFindings(t, pkgOut)
	assert.Equal(t, built, project, "project and package checks report the same code findings")
	joined := strings.Join(project, "\n")
	assert.Contains(t, joined, "DOM008", "the production build's oninput attribute is reported")
	assert.Contains(t, joined, "STO001 sessionStorage", "the production condition's file is analysed")
	assert.NotContains(t, joined, "localStorage", "the development build is not analysed")
	assert.NotContains(t, joined, "DYN002", "a development-only block is dropped")
	assert.NotContains(t, joined, "DYN003", "the development condition's file is not analysed")
	assert.NotContains(t, projOut, "development.js", "no finding points into the development build")
}
