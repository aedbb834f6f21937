package project

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pbicert/pbicert/lint"
	"github.com/pbicert/pbicert/rules"
)

// writeProject writes a minimal clean project plus extra files into a temp dir.
func writeProject(t *testing.T, extra map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"pbiviz.json":       `{"visual":{"name":"v","displayName":"V","guid":"v0123456789","visualClassName":"Visual","version":"1.0.0.0","description":"d","supportUrl":"https://contoso.com/s"},"apiVersion":"5.11.0","author":{"name":"C","email":"c@contoso.com"},"capabilities":"capabilities.json"}`,
		"capabilities.json": `{"privileges":[]}`,
		"package.json":      `{"name":"v","scripts":{"eslint":"npx eslint ."},"dependencies":{},"devDependencies":{"typescript":"5.5.4","eslint":"9.0.0","eslint-plugin-powerbi-visuals":"1.0.0"}}`,
		"package-lock.json": `{"lockfileVersion":3,"packages":{}}`,
		"tsconfig.json":     `{"files":["src/visual.ts"]}`,
		".gitignore":        "node_modules/\n/.tmp\ndist\n",
		"src/visual.ts": "export class Visual {\n    private e: any;\n    constructor(o: any) { this.e = o.host.eventService; }\n" +
			"    update(o: any): void {\n        this.e.renderingStarted(o);\n        try { this.e.renderingFinished(o); } catch (x) { this.e.renderingFailed(o, String(x)); }\n    }\n}\n",
	}
	for k, v := range extra {
		if v == "" {
			delete(files, k)
		} else {
			files[k] = v
		}
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func rulesOf(fs []rules.Finding) string {
	var ids []string
	for _, f := range fs {
		ids = append(ids, f.Rule+":"+f.API)
	}
	return strings.Join(ids, " ")
}

func TestCleanProjectWithoutNodeModules(t *testing.T) {
	c := analyze(t, writeProject(t, nil))
	if len(c.Findings) != 0 {
		t.Errorf("clean project: %s", rulesOf(c.Findings))
	}
	if len(c.Notes) != 0 {
		t.Errorf("no imports, yet notes %q", c.Notes)
	}
}

func TestRepositoryRules(t *testing.T) {
	cases := []struct {
		name  string
		extra map[string]string
		want  string // rule:api findings
	}{
		{"missing lock and tsconfig", map[string]string{"package-lock.json": "", "tsconfig.json": ""}, "REQ101:package-lock.json REQ101:tsconfig.json"},
		{"missing dev packages", map[string]string{"package.json": `{"scripts":{"lint":"eslint ."},"devDependencies":{"typescript":"5"}}`}, "MAN101:eslint MAN101:eslint-plugin-powerbi-visuals"},
		{"no eslint script", map[string]string{"package.json": `{"scripts":{"start":"pbiviz start"},"devDependencies":{"typescript":"5","eslint":"9","eslint-plugin-powerbi-visuals":"1"}}`}, "MAN102:scripts.eslint"},
		{"eslint in another script", map[string]string{"package.json": `{"scripts":{"check":"eslint src"},"devDependencies":{"typescript":"5","eslint":"9","eslint-plugin-powerbi-visuals":"1"}}`}, ""},
		{"gitignore incomplete", map[string]string{".gitignore": "node_modules\n"}, "REQ102:.tmp REQ102:dist"},
		{"gitignore missing", map[string]string{".gitignore": ""}, "REQ102:.gitignore"},
		{"min file", map[string]string{"src/lib/chart.min.js": "var a = 1;\n"}, "REQ104:source"},
		{"long minified line", map[string]string{"src/lib/x.js": "var a;" + strings.Repeat("a=a+1;", 100) + "\n"}, "REQ104:source"},
		{"long readable line", map[string]string{"src/lib/y.js": "var s = \"" + strings.Repeat("a b ", 200) + "\";\n"}, ""},
		{"obfuscator identifiers", map[string]string{"src/lib/o.js": strings.Repeat("var _0x1a2b3c = 1;\n", 9)}, "REQ104:source"},
		{"git and file dependencies", map[string]string{"package.json": `{"scripts":{"eslint":"eslint ."},"dependencies":{"a":"git+https://x/a.git","b":"file:../b","c":"https://x/c.tgz","d":"^1.0.0","e":"user/repo"},"devDependencies":{"typescript":"5","eslint":"9","eslint-plugin-powerbi-visuals":"1"}}`}, "MAN103:a MAN103:b MAN103:c MAN103:e"},
		{"lock resolved elsewhere", map[string]string{"package-lock.json": `{"packages":{"node_modules/x":{"resolved":"https://evil.example/x.tgz"},"node_modules/y":{"resolved":"https://registry.npmjs.org/y/-/y-1.tgz"}}}`}, "MAN103:x"},
		{"no rendering events", map[string]string{"src/visual.ts": "export class Visual { update(o: any): void {} }\n"}, "REQ001:eventService"},
		{"rendering events in another file", map[string]string{
			"src/visual.ts": "import { draw } from \"./draw\";\nexport class Visual { update(o: any): void { draw(o); } }\n",
			"src/draw.ts":   "export function draw(o: any) { const e = o.host.eventService; e.renderingStarted(o); try { e.renderingFinished(o); } catch (x) { e.renderingFailed(o, String(x)); } }\n",
		}, ""},
		{"unknown rule in ignore", map[string]string{"src/a.ts": "// pbicert-ignore XYZ999: because\nexport const a = 1;\n"}, "REQ106:pbicert-ignore"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := analyze(t, writeProject(t, tc.extra))
			if got := rulesOf(c.Findings); got != tc.want {
				t.Errorf("findings %q, want %q", got, tc.want)
			}
		})
	}
}

func TestCommittedBuildOutput(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := writeProject(t, map[string]string{"dist/v.pbiviz": "zip", "node_modules/x/index.js": "module.exports = 1;\n"})
	git := func(args ...string) {
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.com"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v %s", args, err, out)
		}
	}
	git("init", "-q")
	git("add", "-f", "dist/v.pbiviz", "node_modules/x/index.js", "pbiviz.json")
	git("commit", "-q", "-m", "x")
	c := analyze(t, dir)
	if got := rulesOf(c.Findings); got != "REQ103:dist REQ103:node_modules" {
		t.Errorf("findings %q", got)
	}
}

// A dependency in node_modules reached from the visual is analysed; its
// findings name the package and the import that reaches it.
func TestNodeModulesOrigin(t *testing.T) {
	dir := writeProject(t, map[string]string{
		"src/visual.ts": "import { getJSON } from \"tiny-get\";\nexport class Visual {\n    private e: any;\n    constructor(o: any) { this.e = o.host.eventService; }\n" +
			"    update(o: any): void {\n        this.e.renderingStarted(o);\n        try { getJSON(o.url); this.e.renderingFinished(o); } catch (x) { this.e.renderingFailed(o, String(x)); }\n    }\n}\n",
		"node_modules/tiny-get/package.json": `{"name":"tiny-get","main":"lib/index.js"}`,
		"node_modules/tiny-get/lib/index.js": "const util = require(\"./util\");\nexports.getJSON = function (u) { return util.get(u).then(function (r) { return r.json(); }); };\n",
		"node_modules/tiny-get/lib/util.js":  "exports.get = function (u) {\n  return fetch(u);\n};\n",
	})
	c := analyze(t, dir)
	if len(c.Findings) != 1 {
		t.Fatalf("findings: %s", rulesOf(c.Findings))
	}
	f := c.Findings[0]
	if f.Rule != "NET001" || f.Origin == nil || f.Origin.Name != "tiny-get" || f.Location.File != "node_modules/tiny-get/lib/util.js" || f.Location.Line != 2 || f.Location.Column != 10 {
		t.Errorf("finding = %+v", f)
	}
	if !strings.Contains(f.Message, "in tiny-get, imported by src/visual.ts:1") {
		t.Errorf("message %q does not say where the package is imported", f.Message)
	}
	if strings.Join(c.Graph.Packages, ",") != "tiny-get" || len(c.Notes) != 0 {
		t.Errorf("packages %v notes %q", c.Graph.Packages, c.Notes)
	}
	// without node_modules: the project's own code only, and a note
	if err := os.RemoveAll(filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	r := Check(dir, lint.Options{})
	if len(r.Findings) != 0 || len(r.Notes) != 1 || !strings.Contains(r.Notes[0], "dependencies were not analysed (tiny-get)") {
		t.Errorf("without node_modules: findings %s notes %q", rulesOf(r.Findings), r.Notes)
	}
}
