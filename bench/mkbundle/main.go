// Command mkbundle wraps JavaScript library files into one realistic visual:
// a webpack 5 bundle (internal/gen's era-5 layout, each library the body of
// its own module, then the visual module) and its .pbiviz. It is used by
// scripts/bench-compare with libraries fetched from the npm registry; the
// output is never committed.
//
//	mkbundle -out DIR lib1.js lib2.js ...
//
// writes DIR/content.js and DIR/bench.pbiviz and prints content.js's size.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pbicert/pbicert/internal/gen"
)

func main() {
	out := flag.String("out", ".", "output folder")
	content := flag.String("content", "", "package this file as content.js as it is (e.g. the bundle rewritten by pbiviz's certification fix); the libraries still name the visual's modules")
	name := flag.String("name", "bench", "base name of the written .pbiviz")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: mkbundle -out DIR lib.js...")
		os.Exit(2)
	}
	v := gen.Clean()
	v.FillerBytes = 0
	v.Name, v.DisplayName, v.GUID = "benchVisual", "Bench Visual", "benchVisual0B1E2C3D4A5F6E7D"
	for _, f := range flag.Args() {
		b, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintln(os.Stderr, "mkbundle:", err)
			os.Exit(1)
		}
		v.Modules = append(v.Modules, "/* "+filepath.Base(f)+" */\n"+string(b))
	}
	b := gen.BuildJS(v)
	opts := gen.ZipOptions{}
	if *content != "" {
		c, err := os.ReadFile(*content)
		if err != nil {
			fmt.Fprintln(os.Stderr, "mkbundle:", err)
			os.Exit(1)
		}
		b.JS = string(c)
		opts.ResourceOverride = gen.BuildResourceJSON(v, b)
	}
	js := b.JS
	pkg, err := gen.BuildPackage(v, opts)
	if err == nil {
		err = os.MkdirAll(*out, 0o755)
	}
	if err == nil {
		if *content == "" {
			err = os.WriteFile(filepath.Join(*out, "content.js"), []byte(js), 0o644)
		}
	}
	if err == nil {
		err = os.WriteFile(filepath.Join(*out, *name+".pbiviz"), pkg, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "mkbundle:", err)
		os.Exit(1)
	}
	fmt.Println(len(js))
}
