// Command gendocs writes docs/rules.md from the rule registry
// (rules.Markdown). It is run by `go generate ./rules`.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/pbicert/pbicert/rules"
)

func main() {
	out := flag.String("o", "docs/rules.md", "file to write")
	flag.Parse()
	if err := os.WriteFile(*out, []byte(rules.Markdown()), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
}
