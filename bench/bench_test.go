package bench

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/js"

	"github.com/pbicert/pbicert/analyzer"
	"github.com/pbicert/pbicert/bench/cputime"
	"github.com/pbicert/pbicert/internal/gen"
	"github.com/pbicert/pbicert/internal/report"
	"github.com/pbicert/pbicert/lint"
	"github.com/pbicert/pbicert/pbiviz"
	"github.com/pbicert/pbicert/rules"
)

// sizes are the bundle sizes measured; the sub-benchmark names carry them so
// that benchstat lines up the same size across runs.
var sizes = []struct {
	name  string
	bytes int
}{
	{"100KB", 100 << 10},
	{"1MB", 1 << 20},
	{"6MB", 6 << 20},
}

// input is one generated visual: its content.js and its .pbiviz.
type input struct {
	js  []byte
	pkg []byte
}

var (
	inputsOnce sync.Once
	inputs     map[string]input
)

// visual is the generated visual of a given size: the WithFindings visual
// (so that rules report and the report writers have work to do) grown with
// deterministic library-like filler.
func visual(size int) gen.Visual {
	v := gen.WithFindings()
	v.Seed = 7
	v.FillerBytes = size
	return v
}

// load generates every input once per benchmark process.
func load(b testing.TB) map[string]input {
	if b != nil {
		b.Helper()
	}
	inputsOnce.Do(func() {
		inputs = map[string]input{}
		for _, s := range sizes {
			v := visual(s.bytes)
			inputs[s.name] = input{js: []byte(gen.BuildJS(v).JS), pkg: gen.MustBuildPackage(v, gen.ZipOptions{})}
		}
	})
	return inputs
}

// bareParse is the baseline: tdewolff/parse/v2/js on its own.
func bareParse(src []byte) error {
	buf := make([]byte, len(src), len(src)+1)
	copy(buf, src)
	_, err := js.Parse(parse.NewInputBytes(buf), js.Options{})
	return err
}

var (
	baselineMu sync.Mutex
	baseline   = map[string]float64{} // ns per bare parse, by size
)

// baselineNs returns the time of one bare parse of src, measured once per
// process (best of a few runs, after the benchmark's own warm-up), so that
// every benchmark can report its overhead ratio over the parser.
func baselineNs(name string, src []byte) float64 {
	baselineMu.Lock()
	defer baselineMu.Unlock()
	if ns, ok := baseline[name]; ok {
		return ns
	}
	runs := 5
	if len(src) < 1<<20 {
		runs = 20
	}
	best := time.Duration(1 << 62)
	for i := 0; i < runs; i++ {
		start := time.Now()
		if err := bareParse(src); err != nil {
			panic(err)
		}
		if d := time.Since(start); d < best {
			best = d
		}
	}
	baseline[name] = float64(best.Nanoseconds())
	return baseline[name]
}

// reportRatio adds the x-parse metric: ns/op divided by a bare parse of the
// same bytes measured in the same process.
func reportRatio(b *testing.B, name string, src []byte) {
	b.StopTimer()
	if b.N == 0 {
		return
	}
	per := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	b.ReportMetric(per/baselineNs(name, src), "x-parse")
}

func forSizes(b *testing.B, f func(b *testing.B, name string, in input)) {
	all := load(b)
	for _, s := range sizes {
		in := all[s.name]
		b.Run(s.name, func(b *testing.B) { f(b, s.name, in) })
	}
}

// BenchmarkParseOnly is the baseline: a bare js.Parse of content.js.
func BenchmarkParseOnly(b *testing.B) {
	forSizes(b, func(b *testing.B, _ string, in input) {
		b.SetBytes(int64(len(in.js)))
		b.ReportAllocs()
		for b.Loop() {
			if err := bareParse(in.js); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkAnalyze builds the program model (analyzer.Parse).
func BenchmarkAnalyze(b *testing.B) {
	members := rules.TrackedMembers(nil)
	forSizes(b, func(b *testing.B, name string, in input) {
		opts := lint.AnalyzerOptions(lint.Options{Analyzer: analyzer.DefaultOptions()})
		opts.Members = members
		b.SetBytes(int64(len(in.js)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := analyzer.Parse("content.js", in.js, opts); err != nil {
				b.Fatal(err)
			}
		}
		reportRatio(b, name, in.js)
	})
}

// BenchmarkCheck is everything after reading: lint.Analyze and rules.Run.
func BenchmarkCheck(b *testing.B) {
	forSizes(b, func(b *testing.B, name string, in input) {
		pkg, err := pbiviz.ReadBytes(in.pkg, pbiviz.DefaultLimits())
		if err != nil {
			b.Fatal(err)
		}
		all := rules.All()
		b.SetBytes(int64(len(in.js)))
		b.ReportAllocs()
		for b.Loop() {
			ri, err := lint.Analyze(pkg, lint.Options{})
			if err != nil {
				b.Fatal(err)
			}
			if fs := rules.Run(ri, all, nil); len(fs) == 0 {
				b.Fatal("no findings on the WithFindings visual")
			}
		}
		reportRatio(b, name, in.js)
	})
}

// BenchmarkRead reads the .pbiviz (unzip, JSON, manifest) from memory.
func BenchmarkRead(b *testing.B) {
	forSizes(b, func(b *testing.B, _ string, in input) {
		b.SetBytes(int64(len(in.js)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := pbiviz.ReadBytes(in.pkg, pbiviz.DefaultLimits()); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkReport writes the results of one check in each built-in format.
func BenchmarkReport(b *testing.B) {
	forSizes(b, func(b *testing.B, name string, in input) {
		pkg, err := pbiviz.ReadBytes(in.pkg, pbiviz.DefaultLimits())
		if err != nil {
			b.Fatal(err)
		}
		res := []lint.Result{lint.CheckPackage(name+".pbiviz", pkg, lint.Options{})}
		for _, format := range []string{"json", "text"} {
			w, ok := report.Lookup(format)
			if !ok {
				b.Fatalf("format %s not registered", format)
			}
			var buf bytes.Buffer
			if err := w(&buf, res, report.Options{Version: "bench"}); err != nil {
				b.Fatal(err)
			}
			b.Run(format, func(b *testing.B) {
				b.SetBytes(int64(buf.Len()))
				b.ReportAllocs()
				for b.Loop() {
					if err := w(io.Discard, res, report.Options{Version: "bench"}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	})
}

// TestInputsAreRealistic checks what the benchmarks rely on: each input has
// the size it is named after, parses, and its package reads back to the
// same content.js.
func TestInputsAreRealistic(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 7 MB of bundles")
	}
	for _, s := range sizes {
		v := visual(s.bytes)
		src := gen.BuildJS(v).JS
		if d := len(src) - s.bytes; d < -s.bytes/20 || d > s.bytes/20 {
			t.Errorf("%s: content.js is %d bytes, want %d ±5%%", s.name, len(src), s.bytes)
		}
		if err := bareParse([]byte(src)); err != nil {
			t.Errorf("%s: %v", s.name, err)
		}
		pkg, err := pbiviz.ReadBytes(gen.MustBuildPackage(v, gen.ZipOptions{}), pbiviz.DefaultLimits())
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if pkg.Resource.Content.JS != src {
			t.Errorf("%s: package content.js differs from the generated bundle", s.name)
		}
	}
}

// realPackage is the real-library bundle that scripts/bench-compare builds
// from npm packages (never committed): PBICERT_BENCH_PKG or
// ../.cache/bench-compare/bench.pbiviz. Benchmarks on it are skipped when it
// is absent.
func realPackage(b *testing.B) []byte {
	b.Helper()
	path := os.Getenv("PBICERT_BENCH_PKG")
	if path == "" {
		path = filepath.Join("..", ".cache", "bench-compare", "bench.pbiviz")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		b.Skipf("no real bundle (run scripts/bench-compare first, or set PBICERT_BENCH_PKG): %v", err)
	}
	return data
}

// BenchmarkReal measures the bare parse and the whole check (read, analyse,
// rules) of the real-library bundle, with the same x-parse ratio.
func BenchmarkReal(b *testing.B) {
	data := realPackage(b)
	pkg, err := pbiviz.ReadBytes(data, pbiviz.DefaultLimits())
	if err != nil {
		b.Fatal(err)
	}
	src := []byte(pkg.Resource.Content.JS)
	all := rules.All()
	b.Run("Parse", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		b.ReportAllocs()
		start := cputime.Now()
		for b.Loop() {
			if err := bareParse(src); err != nil {
				b.Fatal(err)
			}
		}
		cputime.Report(b, start)
	})
	b.Run("Check", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		b.ReportAllocs()
		start := cputime.Now()
		for b.Loop() {
			ri, err := lint.Analyze(pkg, lint.Options{})
			if err != nil {
				b.Fatal(err)
			}
			rules.Run(ri, all, nil)
		}
		cputime.Report(b, start)
		reportRatio(b, "real", src)
	})
	b.Run("ReadCheck", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		b.ReportAllocs()
		start := cputime.Now()
		for b.Loop() {
			lint.CheckPackage("bench.pbiviz", mustRead(b, data), lint.Options{})
		}
		cputime.Report(b, start)
		reportRatio(b, "real", src)
	})
}

func mustRead(b *testing.B, data []byte) *pbiviz.Package {
	pkg, err := pbiviz.ReadBytes(data, pbiviz.DefaultLimits())
	if err != nil {
		b.Fatal(err)
	}
	return pkg
}

// BenchmarkRealRead reads the real-library package (unzip, JSON, manifest).
func BenchmarkRealRead(b *testing.B) {
	data := realPackage(b)
	b.ReportAllocs()
	start := cputime.Now()
	for b.Loop() {
		mustRead(b, data)
	}
	cputime.Report(b, start)
}
