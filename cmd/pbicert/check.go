package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/pbicert/pbicert/analyzer"
	"github.com/pbicert/pbicert/internal/report"
	"github.com/pbicert/pbicert/lint"
	"github.com/pbicert/pbicert/pbiviz"
	"github.com/pbicert/pbicert/rules"
)

type checkFlags struct {
	formats []string
	outputs []string
	failOn  string
	config  string
	color   string
	workers int
	noEval  bool
	lim     pbiviz.Limits
	ana     analyzer.Options
	// baselines (see config.go)
	writeBaseline string
	baseline      string
	// check --dynamic (dynamic.go)
	dyn dynamicFlags
}

func newCheckCmd() *cobra.Command {
	f := &checkFlags{lim: pbiviz.DefaultLimits(), ana: analyzer.DefaultOptions()}
	cmd := &cobra.Command{
		Use:   "check [flags] PATH...",
		Short: "Lint .pbiviz packages and visual source projects",
		Long: `Lint .pbiviz packages and visual source projects.

PATH may be a .pbiviz file, a visual source project folder (one holding
pbiviz.json), any other folder (searched recursively for both, skipping
node_modules and .git), or - to read one .pbiviz from standard input.

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above --fail-on,
2 usage error or an input that could not be read (the others are still checked).`,
		Example: `  pbicert check dist/myVisual.1.0.0.0.pbiviz
  pbicert check --format json --output report.json dist/
  pbicert check --format sarif --output pbicert.sarif --format text dist/*.pbiviz
  cat visual.pbiviz | pbicert check -`,
		Args: func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				return &exitError{code: 2, msg: "check needs at least one PATH (a .pbiviz, a project folder, a folder, or -)"}
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error { return runCheck(c, f, args) },
	}
	fl := cmd.Flags()
	fl.StringArrayVar(&f.formats, "format", nil, "output format: "+strings.Join(report.Formats(), ", ")+"; repeatable; FORMAT:FILE writes that report to FILE")
	fl.StringArrayVar(&f.outputs, "output", nil, "write the report to FILE instead of standard output; the i-th --output goes with the i-th --format")
	fl.StringVar(&f.failOn, "fail-on", "error", "lowest severity that makes the exit code 1: error, warning, info or never")
	fl.StringVar(&f.config, "config", "", "configuration file (default .pbicert.yaml when present)")
	fl.StringVar(&f.writeBaseline, "write-baseline", "", "record the current findings by fingerprint in FILE (JSON)")
	fl.StringVar(&f.baseline, "baseline", "", "report only findings not recorded in FILE (written by --write-baseline)")
	fl.StringVar(&f.color, "color", "auto", "colour text output: auto, always or never (NO_COLOR is honoured)")
	fl.IntVar(&f.workers, "jobs", 0, "inputs analysed in parallel (default: number of CPUs)")
	fl.BoolVar(&f.noEval, "no-sandbox", false, "never evaluate closed key expressions (window[(() => \"fe\"+\"tch\")()]) in the goja sandbox")
	fl.IntVar(&f.lim.MaxEntries, "max-entries", f.lim.MaxEntries, "most zip entries accepted in a package")
	fl.Int64Var(&f.lim.MaxEntryBytes, "max-entry-bytes", f.lim.MaxEntryBytes, "largest uncompressed zip entry accepted")
	fl.Int64Var(&f.lim.MaxTotalBytes, "max-total-bytes", f.lim.MaxTotalBytes, "largest total uncompressed size accepted")
	fl.IntVar(&f.lim.MaxRatio, "max-ratio", f.lim.MaxRatio, "highest compression ratio accepted for large entries")
	fl.IntVar(&f.lim.MaxJSONDepth, "max-json-depth", f.lim.MaxJSONDepth, "deepest JSON nesting accepted")
	fl.Int64Var(&f.lim.MaxFileBytes, "max-file-bytes", f.lim.MaxFileBytes, "largest .pbiviz file accepted")
	fl.IntVar(&f.ana.MaxBytes, "max-js-bytes", f.ana.MaxBytes, "largest content.js accepted")
	fl.IntVar(&f.ana.MaxDepth, "max-depth", f.ana.MaxDepth, "deepest code nesting accepted")
	addDynamicFlags(fl, &f.dyn)
	return cmd
}

// failThreshold parses --fail-on; 0 means never.
func failThreshold(s string) (rules.Severity, error) {
	if strings.EqualFold(s, "never") || strings.EqualFold(s, "none") {
		return 0, nil
	}
	return rules.ParseSeverity(s)
}

type outputSpec struct {
	format string
	file   string
}

// pairOutputs pairs each --format with the --output that follows it.
func pairOutputs(formats, outputs []string) ([]outputSpec, error) {
	if len(formats) == 0 {
		formats = []string{"text"}
	}
	if len(outputs) > len(formats) {
		return nil, fmt.Errorf("%d --output flags for %d --format flags: give a --format for each --output", len(outputs), len(formats))
	}
	var specs []outputSpec
	stdout := 0
	for i, fm := range formats {
		var file string
		if name, f, ok := strings.Cut(fm, ":"); ok {
			fm, file = name, f
		}
		if _, ok := report.Lookup(fm); !ok {
			return nil, fmt.Errorf("unknown format %q (want one of %s)", fm, strings.Join(report.Formats(), ", "))
		}
		s := outputSpec{format: fm}
		if i < len(outputs) {
			s.file = outputs[i]
		}
		if file != "" {
			if s.file != "" {
				return nil, fmt.Errorf("--format %s:%s also has an --output: give the file once", fm, file)
			}
			s.file = file
		}
		if s.file == "" || s.file == "-" {
			stdout++
		}
		specs = append(specs, s)
	}
	if stdout > 1 {
		return nil, fmt.Errorf("several formats would go to standard output: give --output FILE for all but one")
	}
	return specs, nil
}

func useColor(mode string, w io.Writer) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	if os.Getenv("NO_COLOR") != "" {
		return false
	}
	if f, ok := w.(*os.File); ok {
		return term.IsTerminal(int(f.Fd()))
	}
	return false
}

func runCheck(c *cobra.Command, f *checkFlags, args []string) error {
	threshold, err := failThreshold(f.failOn)
	if err != nil {
		return &exitError{code: 2, msg: "--fail-on: " + err.Error()}
	}
	specs, err := pairOutputs(f.formats, f.outputs)
	if err != nil {
		return &exitError{code: 2, msg: err.Error()}
	}
	opts := lint.Options{Limits: f.lim, Analyzer: f.ana, Workers: f.workers, Stdin: c.InOrStdin(), NoSandbox: f.noEval}
	if err := applyConfig(c, f, &opts, &threshold); err != nil {
		return &exitError{code: 2, msg: err.Error()}
	}
	enableDynamic(f, &opts)
	ins, bad := lint.Expand(args)
	jobs := f.workers
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	gcJobs(min(jobs, max(len(ins), 1)))
	opts.Analyzer.OnInput = gcInput
	stderr := c.ErrOrStderr()
	if len(ins) > 3 && isTerminal(stderr) {
		opts.Progress = func(done, total int, path string) {
			fmt.Fprintf(stderr, "\r\x1b[K[%d/%d] %s", done, total, path)
			if done == total {
				fmt.Fprint(stderr, "\r\x1b[K")
			}
		}
	}
	results := append(bad, lint.Check(ins, opts)...)
	results = postProcess(c, f, results)
	for _, s := range specs {
		wr, _ := report.Lookup(s.format)
		var buf bytes.Buffer
		var dst io.Writer = c.OutOrStdout()
		ro := report.Options{Version: version}
		if s.file == "" || s.file == "-" {
			ro.Color = s.format == "text" && useColor(f.color, dst)
		}
		if err := wr(&buf, results, ro); err != nil {
			return &exitError{code: 2, msg: fmt.Sprintf("writing %s report: %v", s.format, err)}
		}
		if s.file != "" && s.file != "-" {
			if err := os.WriteFile(s.file, buf.Bytes(), 0o644); err != nil {
				return &exitError{code: 2, msg: fmt.Sprintf("--output: %v", err)}
			}
			continue
		}
		if _, err := dst.Write(buf.Bytes()); err != nil {
			return &exitError{code: 2, msg: err.Error()}
		}
	}
	return exitFor(results, threshold)
}

func isTerminal(w io.Writer) bool {
	if f, ok := w.(*os.File); ok {
		return term.IsTerminal(int(f.Fd()))
	}
	return false
}

// exitFor maps results to the contract's exit codes.
func exitFor(results []lint.Result, threshold rules.Severity) error {
	failed, hit := false, false
	for _, r := range results {
		if r.Error != "" {
			failed = true
		}
		for _, fd := range r.Findings {
			if threshold != 0 && fd.Severity >= threshold {
				hit = true
			}
		}
	}
	switch {
	case failed:
		return &exitError{code: 2}
	case hit:
		return &exitError{code: 1}
	}
	return nil
}

// applyConfig and postProcess are extension points for configuration,
// suppressions and baselines (see config.go when present).
var (
	configHook      func(c *cobra.Command, f *checkFlags, opts *lint.Options, threshold *rules.Severity) error
	postProcessHook func(c *cobra.Command, f *checkFlags, results []lint.Result) []lint.Result
)

func applyConfig(c *cobra.Command, f *checkFlags, opts *lint.Options, threshold *rules.Severity) error {
	if configHook != nil {
		return configHook(c, f, opts, threshold)
	}
	return nil
}

func postProcess(c *cobra.Command, f *checkFlags, results []lint.Result) []lint.Result {
	if postProcessHook != nil {
		return postProcessHook(c, f, results)
	}
	return results
}
