// Command genexamples writes the example packages of testdata/packages:
//
//	go run ./internal/gen/cmd/genexamples [-dir testdata/packages]
//
// The output is deterministic; internal/gen's tests fail when the committed
// files differ from what this command would write.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/pbicert/pbicert/internal/gen"
)

func main() {
	dir := flag.String("dir", filepath.Join("testdata", "packages"), "output folder")
	flag.Parse()
	files, err := gen.Examples()
	if err != nil {
		fmt.Fprintln(os.Stderr, "genexamples:", err)
		os.Exit(1)
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "genexamples:", err)
		os.Exit(1)
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		path := filepath.Join(*dir, n)
		if err := os.WriteFile(path, files[n], 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "genexamples:", err)
			os.Exit(1)
		}
		fmt.Printf("%s\t%d bytes\n", path, len(files[n]))
	}
}
