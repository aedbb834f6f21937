// Command gentestpkgs writes a package for every rule testdata source
// (rules/testdata/src/<category>/<name>.js → <category>-<name>.pbiviz, as
// the rule harness builds it) and the generated example packages
// (internal/gen's Examples), for tools that read packages, such as the
// SARIF validation step of .ci/run:
//
//	go run ./internal/gen/cmd/gentestpkgs -out /tmp/pkgs
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/pbicert/pbicert/internal/gen"
)

func main() {
	out := flag.String("out", "", "output folder (required)")
	src := flag.String("src", filepath.Join("rules", "testdata", "src"), "rule testdata folder")
	flag.Parse()
	if *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*out, *src); err != nil {
		fmt.Fprintln(os.Stderr, "gentestpkgs:", err)
		os.Exit(1)
	}
}

func run(out, src string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	files, err := filepath.Glob(filepath.Join(src, "*", "*.js"))
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("no testdata sources under %s", src)
	}
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		pkg, err := gen.BuildPackage(gen.TestdataVisual(string(b)), gen.ZipOptions{})
		if err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		name := filepath.Base(filepath.Dir(f)) + "-" + strings.TrimSuffix(filepath.Base(f), ".js") + ".pbiviz"
		if err := os.WriteFile(filepath.Join(out, name), pkg, 0o644); err != nil {
			return err
		}
		n++
	}
	ex, err := gen.Examples()
	if err != nil {
		return err
	}
	for name, b := range ex {
		if err := os.WriteFile(filepath.Join(out, "example-"+name), b, 0o644); err != nil {
			return err
		}
		n++
	}
	fmt.Printf("%s: %d packages\n", out, n)
	return nil
}
