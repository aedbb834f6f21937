package rules

import (
	"encoding/json"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/pbicert/pbicert/pbiviz"
)

// RepoInfo is what the repository rules see of a source project: the files
// reviewers read besides the code (certification.md §1 "Source repository"
// and §4). The project package fills it; paths are relative to the project
// folder, with forward slashes.
type RepoInfo struct {
	// Present holds the project-root files that exist ("package.json", …).
	Present map[string]bool
	// PackageJSON and PackageLock are the raw files (nil when absent).
	PackageJSON []byte
	PackageLock []byte
	// GitIgnore is .gitignore at the project root (nil when absent).
	GitIgnore []byte
	// GitCheckout is true when the folder is a git work tree and git could
	// list its files; Tracked then holds the tracked paths under
	// node_modules/, .tmp/ and dist/.
	GitCheckout bool
	Tracked     []string
	// Sources are the project's own source files (src/**), as written.
	Sources []RepoFile
	// Ignores are the inline suppressions found in the sources
	// (`// pbicert-ignore RULE: reason`).
	Ignores []Ignore
	// IgnoresResolved is set once the driver has applied the suppressions
	// to the findings and filled Ignore.Used (REQ106 runs only then).
	IgnoresResolved bool
}

// RepoFile is one source file of a project.
type RepoFile struct {
	Path string
	Text []byte
}

// Ignore is one inline suppression comment.
type Ignore struct {
	Location Location // the comment
	Rules    []string // rule IDs or names as written
	Reason   string
	Text     string // the comment text, for snippets
	Used     bool   // it matched at least one finding
	Unknown  []string
}

// RequiredProjectFiles are the files every certified visual repository holds.
var RequiredProjectFiles = []string{"pbiviz.json", "capabilities.json", "package.json", "package-lock.json", "tsconfig.json"}

// RequiredDevPackages must appear in package.json (dependencies or devDependencies).
var RequiredDevPackages = []string{"typescript", "eslint", "eslint-plugin-powerbi-visuals"}

// IgnoredBuildDirs must be covered by .gitignore and never committed.
var IgnoredBuildDirs = []string{"node_modules", ".tmp", "dist"}

const refRepo = "https://learn.microsoft.com/power-bi/developer/visuals/power-bi-custom-visuals-certified"

// repoRule registers a repository rule: it reads Input.Repo, which only
// source projects have.
func repoRule(r *Rule) *Rule {
	r.Needs.Inputs |= Repo
	return register(r)
}

// jsonLoc locates key in a project JSON file for a finding.
func jsonLoc(file string, raw []byte, key string) Location {
	if raw == nil {
		return Location{File: file}
	}
	q := pbiviz.KeyPos(raw, key)
	return Location{File: file, Line: q.Line, Column: q.Col, Offset: q.Offset}
}

type npmPackage struct {
	Dependencies    map[string]string `json:"dependencies"`
	DevDependencies map[string]string `json:"devDependencies"`
	Scripts         map[string]string `json:"scripts"`
}

func (r *RepoInfo) npm() (*npmPackage, bool) {
	if r.PackageJSON == nil {
		return nil, false
	}
	var n npmPackage
	if err := json.Unmarshal(r.PackageJSON, &n); err != nil {
		return nil, false
	}
	return &n, true
}

var _ = repoRule(&Rule{
	ID: "REQ101", Name: "required-files", Category: Requirement, Severity: Error,
	Doc: Doc{
		Title:   "A file every visual repository needs is missing",
		Why:     "Reviewers build the visual from its repository: pbiviz.json, capabilities.json, package.json, package-lock.json and tsconfig.json must be committed.",
		Example: "a repository without package-lock.json",
		Fix:     "Commit the file (run npm install to create package-lock.json).",
		Ref:     refRepo,
	},
	Run: func(p *Pass) {
		for _, f := range RequiredProjectFiles {
			if !p.In.Repo.Present[f] {
				p.ReportAt(Location{File: f}, "", f, f+" is missing from the project folder")
			}
		}
	},
})

var _ = repoRule(&Rule{
	ID: "MAN101", Name: "required-dev-packages", Category: Manifest, Severity: Error,
	Doc: Doc{
		Title:   "package.json lacks typescript, eslint or eslint-plugin-powerbi-visuals",
		Why:     "Certification requires the visual to be written in TypeScript and linted with eslint and eslint-plugin-powerbi-visuals.",
		Example: "\"devDependencies\": {\"typescript\": \"5.5.4\"}",
		Fix:     "npm install --save-dev typescript eslint eslint-plugin-powerbi-visuals",
		Ref:     refRepo,
	},
	Run: func(p *Pass) {
		n, ok := p.In.Repo.npm()
		if !ok {
			return
		}
		for _, name := range RequiredDevPackages {
			if _, ok := n.DevDependencies[name]; ok {
				continue
			}
			if _, ok := n.Dependencies[name]; ok {
				continue
			}
			p.ReportAt(jsonLoc("package.json", p.In.Repo.PackageJSON, "devDependencies"), "", name, name+" is not in package.json's dependencies or devDependencies")
		}
	},
})

var _ = repoRule(&Rule{
	ID: "MAN102", Name: "eslint-script", Category: Manifest, Severity: Error,
	Doc: Doc{
		Title:   "package.json has no eslint (or lint) script",
		Why:     "Reviewers run the repository's lint script; certification requires one running eslint.",
		Example: "\"scripts\": {\"start\": \"pbiviz start\"}",
		Fix:     "Add \"eslint\": \"npx eslint .\" to scripts.",
		Ref:     refRepo,
	},
	Run: func(p *Pass) {
		n, ok := p.In.Repo.npm()
		if !ok {
			return
		}
		if _, ok := n.Scripts["eslint"]; ok {
			return
		}
		if _, ok := n.Scripts["lint"]; ok {
			return
		}
		for _, cmd := range n.Scripts {
			if strings.Contains(cmd, "eslint") {
				return
			}
		}
		key := "scripts"
		if n.Scripts == nil {
			key = "name"
		}
		p.ReportAt(jsonLoc("package.json", p.In.Repo.PackageJSON, key), "", "scripts.eslint", "package.json has no eslint or lint script")
	},
})

// gitignoreCovers reports whether a .gitignore line set ignores the
// top-level folder dir (patterns "dir", "/dir", "dir/", "/dir/", "dir/**"…).
func gitignoreCovers(lines []string, dir string) bool {
	covered := false
	for _, l := range lines {
		neg := strings.HasPrefix(l, "!")
		l = strings.TrimPrefix(l, "!")
		l = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(l, "*"), "*"), "/")
		l = strings.TrimPrefix(strings.TrimPrefix(l, "**/"), "/")
		if l == dir {
			covered = !neg
		}
	}
	return covered
}

func gitignoreLines(b []byte) []string {
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		out = append(out, l)
	}
	return out
}

var _ = repoRule(&Rule{
	ID: "REQ102", Name: "gitignore-build-output", Category: Requirement, Severity: Error,
	Doc: Doc{
		Title:   ".gitignore does not cover node_modules, .tmp and dist",
		Why:     "Certified repositories never commit dependencies or build output; .gitignore must exclude them.",
		Example: ".gitignore holding only node_modules",
		Fix:     "Add node_modules, .tmp and dist to .gitignore.",
		Ref:     refRepo,
	},
	Run: func(p *Pass) {
		repo := p.In.Repo
		if repo.GitIgnore == nil {
			p.ReportAt(Location{File: ".gitignore"}, "", ".gitignore", ".gitignore is missing: node_modules, .tmp and dist are not excluded")
			return
		}
		lines := gitignoreLines(repo.GitIgnore)
		for _, d := range IgnoredBuildDirs {
			if !gitignoreCovers(lines, d) {
				p.ReportAt(Location{File: ".gitignore", Line: 1, Column: 1}, "", d, ".gitignore does not exclude "+d)
			}
		}
	},
})

var _ = repoRule(&Rule{
	ID: "REQ103", Name: "committed-build-output", Category: Requirement, Severity: Error,
	Doc: Doc{
		Title:   "node_modules, .tmp or dist is committed",
		Why:     "Certified repositories hold sources only; committed dependencies or builds hide what is shipped.",
		Example: "git ls-files dist/ lists dist/visual.pbiviz",
		Fix:     "git rm -r --cached node_modules .tmp dist, then commit.",
		Ref:     refRepo,
	},
	Run: func(p *Pass) {
		repo := p.In.Repo
		if !repo.GitCheckout {
			return
		}
		count := map[string]int{}
		first := map[string]string{}
		for _, t := range repo.Tracked {
			top, _, _ := strings.Cut(t, "/")
			for _, d := range IgnoredBuildDirs {
				if top == d {
					if count[d] == 0 {
						first[d] = t
					}
					count[d]++
				}
			}
		}
		for _, d := range IgnoredBuildDirs {
			if n := count[d]; n > 0 {
				p.ReportAt(Location{File: first[d]}, "", d, fmt.Sprintf("%d file(s) under %s/ are committed (e.g. %s)", n, d, first[d]))
			}
		}
	},
})

// Minified-source heuristics (REQ104).
const (
	minifiedLineLen   = 500  // a line at least this long…
	minifiedSpaceFrac = 0.06 // …with less whitespace than this is minified
	hexIdentThreshold = 8    // this many _0x1a2b identifiers is obfuscator output
)

// MinifiedReason says why text looks minified or obfuscated ("" when it
// does not) and the 1-based line where it shows.
func MinifiedReason(name string, text []byte) (string, int) {
	base := path.Base(name)
	if strings.Contains(base, ".min.") {
		return "the file name marks a minified file", 1
	}
	line := 1
	start := 0
	for i := 0; i <= len(text); i++ {
		if i < len(text) && !lineBreak(text, i) {
			continue
		}
		l := text[start:i]
		if len(l) >= minifiedLineLen {
			sp := 0
			for _, c := range l {
				if c == ' ' || c == '\t' || c == '\r' {
					sp++
				}
			}
			if float64(sp)/float64(len(l)) < minifiedSpaceFrac {
				return fmt.Sprintf("line %d is %d bytes long with %.1f%% whitespace (minified)", line, len(l), 100*float64(sp)/float64(len(l))), line
			}
		}
		line++
		start = i + 1
	}
	if n, at := countHexIdents(text); n >= hexIdentThreshold {
		return fmt.Sprintf("%d obfuscator-style identifiers (_0x…)", n), at
	}
	return "", 0
}

// lineBreak reports whether a line ends at text[i] (\n, or a lone \r:
// internal/textpos's convention, which reports the lines).
func lineBreak(text []byte, i int) bool {
	return text[i] == '\n' || text[i] == '\r' && (i+1 >= len(text) || text[i+1] != '\n')
}

func countHexIdents(text []byte) (int, int) {
	n, first := 0, 0
	line := 1
	for i := 0; i+4 < len(text); i++ {
		if lineBreak(text, i) {
			line++
			continue
		}
		if text[i] != '_' || text[i+1] != '0' || text[i+2] != 'x' || (i > 0 && isWordByte(text[i-1])) {
			continue
		}
		j := i + 3
		for j < len(text) && isHexByte(text[j]) {
			j++
		}
		if j-i-3 >= 4 {
			if n == 0 {
				first = line
			}
			n++
		}
	}
	return n, first
}

func isWordByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isHexByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

var _ = repoRule(&Rule{
	ID: "REQ104", Name: "minified-source", Category: Requirement, Severity: Error,
	Doc: Doc{
		Title:   "A source file is minified or obfuscated",
		Why:     "Reviewers must be able to read every line of the visual's own code; minified or obfuscated sources are rejected (the packaged bundle is minified by pbiviz package, which is fine).",
		Example: "src/lib/chart.min.js",
		Fix:     "Commit the readable source, or depend on the library through npm.",
		Ref:     refRepo,
	},
	Run: func(p *Pass) {
		for _, f := range p.In.Repo.Sources {
			if why, line := MinifiedReason(f.Path, f.Text); why != "" {
				p.ReportAt(Location{File: f.Path, Line: line, Column: 1}, "", "source", f.Path+" looks minified or obfuscated: "+why)
			}
		}
	},
})

// NonRegistrySpec says why an npm dependency specifier does not come from
// the public registry ("" when it does).
func NonRegistrySpec(spec string) string {
	s := strings.TrimSpace(spec)
	low := strings.ToLower(s)
	switch {
	case strings.HasPrefix(low, "git+"), strings.HasPrefix(low, "git:"), strings.HasPrefix(low, "git@"):
		return "a git URL"
	case strings.HasPrefix(low, "github:"), strings.HasPrefix(low, "gitlab:"), strings.HasPrefix(low, "bitbucket:"), strings.HasPrefix(low, "gist:"):
		return "a hosted git repository"
	case strings.HasPrefix(low, "file:"), strings.HasPrefix(low, "link:"), strings.HasPrefix(low, "./"), strings.HasPrefix(low, "../"), strings.HasPrefix(low, "/"), strings.HasPrefix(low, "~/"):
		return "a local path"
	case strings.HasPrefix(low, "http://"), strings.HasPrefix(low, "https://"):
		return "a tarball URL"
	case strings.HasPrefix(low, "npm:"):
		return ""
	}
	// user/repo shorthand (GitHub)
	if i := strings.IndexByte(s, '/'); i > 0 && !strings.HasPrefix(s, "@") && !strings.ContainsAny(s[:i], " <>=^~") {
		return "a GitHub shorthand"
	}
	return ""
}

var _ = repoRule(&Rule{
	ID: "MAN103", Name: "public-registry-dependencies", Category: Manifest, Severity: Warning,
	Doc: Doc{
		Title:   "A dependency does not come from the public npm registry",
		Why:     "Certification accepts only public open-source dependencies reviewers can inspect; git, file and tarball dependencies escape that review.",
		Example: "\"my-lib\": \"git+https://github.com/me/my-lib.git\"",
		Fix:     "Publish the library to npm or bring its source into the repository.",
		Ref:     refRepo,
	},
	Run: func(p *Pass) {
		repo := p.In.Repo
		n, ok := repo.npm()
		if !ok {
			return
		}
		for _, deps := range []map[string]string{n.Dependencies, n.DevDependencies} {
			names := make([]string, 0, len(deps))
			for k := range deps {
				names = append(names, k)
			}
			sort.Strings(names)
			for _, name := range names {
				if why := NonRegistrySpec(deps[name]); why != "" {
					p.ReportAt(jsonLoc("package.json", repo.PackageJSON, name), "", name, fmt.Sprintf("dependency %s comes from %s (%s), not the public npm registry", name, why, deps[name]))
				}
			}
		}
		if repo.PackageLock == nil {
			return
		}
		var lock struct {
			Packages map[string]struct {
				Resolved string `json:"resolved"`
			} `json:"packages"`
		}
		if json.Unmarshal(repo.PackageLock, &lock) != nil {
			return
		}
		keys := make([]string, 0, len(lock.Packages))
		for k := range lock.Packages {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			res := lock.Packages[k].Resolved
			if res == "" || strings.HasPrefix(res, "https://registry.npmjs.org/") {
				continue
			}
			name := k
			if i := strings.LastIndex(k, "node_modules/"); i >= 0 {
				name = k[i+len("node_modules/"):]
			}
			direct := k == "node_modules/"+name
			if direct && (NonRegistrySpec(n.Dependencies[name]) != "" || NonRegistrySpec(n.DevDependencies[name]) != "") {
				continue // reported from package.json
			}
			p.ReportAt(jsonLoc("package-lock.json", repo.PackageLock, k), "", name, fmt.Sprintf("package-lock.json resolves %s from %s, not the public npm registry", name, res))
		}
	},
})

var _ = repoRule(&Rule{
	ID: "REQ105", Name: "ignore-without-reason", Category: Requirement, Severity: Error,
	Doc: Doc{
		Title:   "A pbicert-ignore comment gives no reason",
		Why:     "A suppression hides a finding from reviewers' tools; the reason is what a reviewer reads instead. Without a reason the suppression does not apply.",
		Example: "// pbicert-ignore NET001",
		Fix:     "// pbicert-ignore NET001: only called with the sanctioned host.launchUrl fallback",
		Ref:     refRepo,
	},
	Run: func(p *Pass) {
		for _, ig := range p.In.Repo.Ignores {
			if strings.TrimSpace(ig.Reason) == "" {
				p.ReportAt(ig.Location, ig.Text, "pbicert-ignore", "pbicert-ignore "+strings.Join(ig.Rules, ",")+" gives no reason (write `// pbicert-ignore RULE: reason`); it is not applied")
			}
		}
	},
})

var _ = repoRule(&Rule{
	ID: "REQ106", Name: "unused-ignore", Category: Requirement, Severity: Warning,
	Needs: Needs{AfterIgnores: true},
	Doc: Doc{
		Title:   "A pbicert-ignore comment suppresses nothing",
		Why:     "A stale suppression misleads readers and would silently hide a future finding on that line.",
		Example: "// pbicert-ignore NET001: legacy (the fetch call was removed)",
		Fix:     "Delete the comment, or fix the rule ID.",
		Ref:     refRepo,
	},
	Run: func(p *Pass) {
		repo := p.In.Repo
		if !repo.IgnoresResolved {
			return
		}
		for _, ig := range repo.Ignores {
			switch {
			case strings.TrimSpace(ig.Reason) == "":
				// REQ105 reports it
			case len(ig.Unknown) > 0:
				p.ReportAt(ig.Location, ig.Text, "pbicert-ignore", "pbicert-ignore names unknown rule(s) "+strings.Join(ig.Unknown, ", "))
			case !ig.Used:
				p.ReportAt(ig.Location, ig.Text, "pbicert-ignore", "pbicert-ignore "+strings.Join(ig.Rules, ",")+" matches no finding on this line or the next")
			}
		}
	},
})
