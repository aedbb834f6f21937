package project

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/evanw/esbuild/pkg/api"
)

// Graph is the visual's module graph as esbuild bundles it from the entry.
type Graph struct {
	// Packages are the npm packages the visual imports, directly or not,
	// sorted (resolved or not).
	Packages []string
	// Missing are imported packages with no folder under node_modules.
	Missing []string
	// Files are the node_modules JavaScript files the bundle includes, with
	// their package and where the visual's own code imports that chain.
	Files []DepFile
	// Problems are esbuild's errors, as "file:line:col: text" (the graph is
	// then incomplete).
	Problems []string
}

// DepFile is a node_modules file reached from the visual.
type DepFile struct {
	Path    string // relative to the project ("node_modules/d3-fetch/src/fetch.js")
	Package string // "d3-fetch", "@scope/name"
	Via     string // "src/visual.ts:3"
}

// packageOf returns the npm package a bare import or a node_modules path
// belongs to ("" when neither).
func packageOf(p string) string {
	if i := strings.LastIndex(p, "node_modules/"); i >= 0 {
		p = p[i+len("node_modules/"):]
	} else if strings.HasPrefix(p, ".") || strings.HasPrefix(p, "/") || strings.Contains(p, ":") {
		return ""
	}
	parts := strings.SplitN(p, "/", 3)
	if strings.HasPrefix(p, "@") {
		if len(parts) < 2 {
			return ""
		}
		return parts[0] + "/" + parts[1]
	}
	return parts[0]
}

var assetLoaders = map[string]api.Loader{
	".less": api.LoaderEmpty, ".css": api.LoaderEmpty, ".png": api.LoaderEmpty, ".svg": api.LoaderEmpty,
	".jpg": api.LoaderEmpty, ".gif": api.LoaderEmpty, ".woff": api.LoaderEmpty, ".woff2": api.LoaderEmpty,
	".ttf": api.LoaderEmpty, ".json": api.LoaderJSON,
}

// BuildGraph bundles the visual from entry (in memory: nothing is written,
// nothing is executed) and reads esbuild's metafile. Bare imports whose
// package folder is not in dir/node_modules are left external and listed
// in Missing.
func BuildGraph(dir, entry string, sources map[string][]byte) (*Graph, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	g := &Graph{}
	var mu sync.Mutex
	missing := map[string]bool{}
	plugin := api.Plugin{Name: "pbicert-resolve", Setup: func(b api.PluginBuild) {
		b.OnResolve(api.OnResolveOptions{Filter: `^[^./]`}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
			pkg := packageOf(a.Path)
			if pkg == "" {
				return api.OnResolveResult{}, nil
			}
			if st, err := os.Stat(filepath.Join(abs, "node_modules", filepath.FromSlash(pkg))); err == nil && st.IsDir() {
				return api.OnResolveResult{}, nil // let esbuild resolve it in node_modules
			}
			mu.Lock()
			missing[pkg] = true
			mu.Unlock()
			return api.OnResolveResult{Path: a.Path, External: true}, nil
		})
	}}
	res := api.Build(api.BuildOptions{
		AbsWorkingDir: abs,
		EntryPoints:   []string{entry},
		Bundle:        true,
		Write:         false,
		Metafile:      true,
		Outdir:        filepath.Join(abs, ".pbicert-graph"), // never written (Write: false)
		Platform:      api.PlatformBrowser,
		Format:        api.FormatESModule,
		Target:        api.ES2022,
		LogLevel:      api.LogLevelSilent,
		Loader:        assetLoaders,
		Plugins:       []api.Plugin{plugin},
		// resolve and prune as `pbiviz package` builds for production
		// (transpile.go): process.env.NODE_ENV is "production", webpack's
		// conditions and main fields, pbiviz's extensions
		Define:            productionDefine,
		Conditions:        productionConditions,
		MainFields:        productionMainFields,
		ResolveExtensions: productionExtensions,
	})
	for _, m := range res.Errors {
		if m.Location != nil {
			g.Problems = append(g.Problems, fmt.Sprintf("%s:%d:%d: %s", m.Location.File, m.Location.Line, m.Location.Column+1, m.Text))
		} else {
			g.Problems = append(g.Problems, m.Text)
		}
	}
	for p := range missing {
		g.Missing = append(g.Missing, p)
	}
	sort.Strings(g.Missing)
	if res.Metafile == "" {
		g.Packages = append([]string(nil), g.Missing...)
		return g, nil
	}
	var meta struct {
		Inputs map[string]struct {
			Imports []struct {
				Path     string `json:"path"`
				Original string `json:"original"`
				External bool   `json:"external"`
			} `json:"imports"`
		} `json:"inputs"`
	}
	if err := json.Unmarshal([]byte(res.Metafile), &meta); err != nil {
		return nil, fmt.Errorf("esbuild metafile: %w", err)
	}
	pkgs := map[string]bool{}
	for p := range missing {
		pkgs[p] = true
	}
	// forward walk from each project file into node_modules, remembering
	// the first import of the visual's own code that reaches each file
	via := map[string]string{}
	var inputs []string
	for in := range meta.Inputs {
		inputs = append(inputs, in)
	}
	sort.Strings(inputs)
	var reach func(file, v string)
	reach = func(file, v string) {
		if _, ok := via[file]; ok {
			return
		}
		via[file] = v
		for _, im := range meta.Inputs[file].Imports {
			if !im.External {
				reach(im.Path, v)
			}
		}
	}
	for _, in := range inputs {
		if strings.Contains(in, "node_modules/") {
			continue
		}
		for _, im := range meta.Inputs[in].Imports {
			if im.External || !strings.Contains(im.Path, "node_modules/") {
				continue
			}
			reach(im.Path, in+":"+strconv.Itoa(importLine(sources[in], im.Original)))
		}
	}
	for _, in := range inputs {
		if !strings.Contains(in, "node_modules/") {
			continue
		}
		pkg := packageOf(in)
		pkgs[pkg] = true
		switch strings.ToLower(filepath.Ext(in)) {
		case ".js", ".mjs", ".cjs", ".jsx":
		default:
			continue
		}
		g.Files = append(g.Files, DepFile{Path: in, Package: pkg, Via: via[in]})
	}
	for p := range pkgs {
		g.Packages = append(g.Packages, p)
	}
	sort.Strings(g.Packages)
	return g, nil
}

// importLine finds the line where src imports spec (1 when not found).
func importLine(src []byte, spec string) int {
	if src == nil || spec == "" {
		return 1
	}
	re := regexp.MustCompile(`(?:from|import|require\()\s*["']` + regexp.QuoteMeta(spec) + `["']`)
	if loc := re.FindIndex(src); loc != nil {
		return lineOf(src, loc[0])
	}
	return 1
}
