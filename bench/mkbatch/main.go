// Command mkbatch writes a generated batch of packages for memory
// measurements (docs/performance.md, "Memory"):
//
//	go run ./bench/mkbatch -out /tmp/batch            # 120 mixed + one of 12 MB
//	go run ./bench/mkbatch -out /tmp/stress -count 300 -hostile 10 -large 0
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pbicert/pbicert/internal/gen"
)

func main() {
	out := flag.String("out", "", "output folder (required)")
	count := flag.Int("count", 120, "packages of mixed sizes")
	minB := flag.Int("min", 16<<10, "smallest content.js, bytes")
	maxB := flag.Int("max", 1<<20, "largest content.js of the mixed packages, bytes")
	large := flag.Int("large", 12<<20, "one more package with a content.js of this many bytes (0: none)")
	hostile := flag.Int("hostile", 0, "every N-th package is a hostile input (0: none)")
	seed := flag.Int64("seed", 1, "seed")
	flag.Parse()
	if *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "mkbatch:", err)
		os.Exit(1)
	}
	total := 0
	for _, p := range gen.Batch(gen.BatchOptions{Seed: *seed, Count: *count, MinBytes: *minB, MaxBytes: *maxB, Large: *large, Hostile: *hostile}) {
		if err := os.WriteFile(filepath.Join(*out, p.Name), p.Data, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "mkbatch:", err)
			os.Exit(1)
		}
		total += p.JSBytes
	}
	fmt.Printf("%s: %d MB of JavaScript\n", *out, total>>20)
}
