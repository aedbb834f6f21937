package libs

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/pbicert/pbicert/bench/cputime"
)

// realContent is the real-library bundle of scripts/bench-compare
// (PBICERT_BENCH_JS names another content.js); benchmarks skip without it.
func realContent(b *testing.B) []byte {
	path := os.Getenv("PBICERT_BENCH_JS")
	if path == "" {
		path = filepath.Join("..", "..", ".cache", "bench-compare", "content.js")
	}
	src, err := os.ReadFile(path)
	if err != nil {
		b.Skipf("no real bundle (run scripts/bench-compare first, or set PBICERT_BENCH_JS): %v", err)
	}
	return src
}

// BenchmarkLoad measures loading the committed fingerprints (done once per
// process, beside the analysis).
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	start := cputime.Now()
	for b.Loop() {
		if _, err := Load(bytes.NewReader(embedded)); err != nil {
			b.Fatal(err)
		}
	}
	cputime.Report(b, start)
}

// BenchmarkIdentify measures the identification of the libraries of the
// real-library bundle (the scan and the lookups).
func BenchmarkIdentify(b *testing.B) {
	src := realContent(b)
	db, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	start := cputime.Now()
	for b.Loop() {
		db.Identify(src)
	}
	cputime.Report(b, start)
}

// BenchmarkScan measures the literal scan alone.
func BenchmarkScan(b *testing.B) {
	src := realContent(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	start := cputime.Now()
	for b.Loop() {
		Scan(src, 5, func(Literal) {}, func(Comment) {})
	}
	cputime.Report(b, start)
}
