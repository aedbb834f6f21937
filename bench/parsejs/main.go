// Command parsejs is the bare-parse baseline of scripts/bench-compare: it
// reads a JavaScript file and parses it once with tdewolff/parse/v2/js, the
// parser pbicert's analyzer uses, and nothing else.
//
//	parsejs content.js
package main

import (
	"fmt"
	"os"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/js"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: parsejs file.js")
		os.Exit(2)
	}
	src, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "parsejs:", err)
		os.Exit(1)
	}
	ast, err := js.Parse(parse.NewInputBytes(src), js.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "parsejs:", err)
		os.Exit(1)
	}
	fmt.Println(len(ast.List), "top-level statements")
}
