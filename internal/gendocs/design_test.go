package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/pbicert/pbicert/"

// TestDesignDrawsThePackages checks the import layers drawn in
// docs/design.md against `go list`: each drawn package imports exactly the
// module packages drawn after its arrow, only from lower layers, and every
// package of the module but the tools is drawn.
func TestDesignDrawsThePackages(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go not on PATH")
	}
	root := filepath.Join("..", "..")
	design, err := os.ReadFile(filepath.Join(root, "docs", "design.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(design), "### Packages and imports")
	if !ok {
		t.Fatal("docs/design.md has no section \"Packages and imports\"")
	}
	_, block, _ = strings.Cut(block, "```\n")
	block, _, _ = strings.Cut(block, "```")

	// drawn: package -> imports, and its layer
	drawn := map[string][]string{}
	layer := map[string]int{}
	cur, curLayer := "", -1
	layerRe := regexp.MustCompile(`^layer (\d+)\s+`)
	for _, line := range strings.Split(block, "\n") {
		if m := layerRe.FindStringSubmatch(line); m != nil {
			curLayer = int(m[1][0] - '0')
			line = line[len(m[0]):]
			if curLayer == 0 {
				for _, p := range strings.Fields(line) {
					drawn[p], layer[p] = nil, 0
				}
				continue
			}
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if name, rest, ok := strings.Cut(line, " "); ok && strings.Contains(rest, "►") {
			cur = name
			_, line, _ = strings.Cut(rest, "►")
			drawn[cur], layer[cur] = nil, curLayer
		}
		drawn[cur] = append(drawn[cur], strings.Fields(line)...)
	}

	cmd := exec.Command("go", "list", "-json", "./...")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	seen := map[string]bool{}
	for dec.More() {
		var p struct {
			ImportPath string
			Imports    []string
		}
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		name := strings.TrimPrefix(p.ImportPath, module)
		if strings.HasPrefix(name, "bench") || strings.HasPrefix(name, "internal/gen") && name != "internal/gen" {
			continue // tools
		}
		seen[name] = true
		want, ok := drawn[name]
		if !ok {
			t.Errorf("docs/design.md does not draw %s", name)
			continue
		}
		var got []string
		for _, imp := range p.Imports {
			if strings.HasPrefix(imp, module) {
				got = append(got, strings.TrimPrefix(imp, module))
			}
		}
		slices.Sort(got)
		w := slices.Clone(want)
		slices.Sort(w)
		if !slices.Equal(got, w) {
			t.Errorf("docs/design.md: %s imports %v, drawn %v", name, got, w)
		}
		for _, imp := range got {
			if l, ok := layer[imp]; ok && l >= layer[name] {
				t.Errorf("docs/design.md: %s (layer %d) imports %s (layer %d)", name, layer[name], imp, l)
			}
		}
	}
	for name := range drawn {
		if !seen[name] {
			t.Errorf("docs/design.md draws %s, which is not a package", name)
		}
	}
}
