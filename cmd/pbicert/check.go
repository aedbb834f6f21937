package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
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

	minSeverity    string
	verbose        bool
	maxAnnotations int
	// measurement only (docs/performance.md, profile.go)
	cpuProfile, memProfile, trace string
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
		RunE:              func(c *cobra.Command, args []string) error { return runCheck(c, f, args) },
		ValidArgsFunction: completeInputs,
	}
	fl := cmd.Flags()
	fl.StringArrayVar(&f.formats, "format", nil, "output format: "+strings.Join(report.Formats(), ", ")+"; repeatable; FORMAT:FILE writes that report to FILE")
	fl.StringArrayVar(&f.outputs, "output", nil, "write the report to FILE instead of standard output; the i-th --output goes with the i-th --format")
	fl.StringVar(&f.failOn, "fail-on", "error", "lowest severity that makes the exit code 1: error, warning, info or never")
	fl.StringVar(&f.minSeverity, "min-severity", "info", "lowest severity shown in every report (error, warning or info); --fail-on still counts what is hidden")
	fl.StringVar(&f.config, "config", "", "configuration file for every input (default: the nearest .pbicert.yaml next to each input or in its parents up to the repository root, else in the working folder)")
	fl.BoolVarP(&f.verbose, "verbose", "v", false, "say which configuration file applies to each input; show fingerprints in text output")
	fl.IntVar(&f.maxAnnotations, "max-annotations", report.DefaultMaxAnnotations, "--format github: most annotations of each level (error, warning, notice), then one summary; -1 for no cap")
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
	// measurement only (docs/performance.md): 1 parses each input in one
	// piece, 0 splits large inputs over the CPUs
	fl.IntVar(&f.ana.ParseWorkers, "parse-workers", 0, "goroutines that parse one large input (1: in one piece)")
	_ = fl.MarkHidden("parse-workers")
	fl.StringVar(&f.cpuProfile, "cpuprofile", "", "write a CPU profile of the check to FILE")
	fl.StringVar(&f.memProfile, "memprofile", "", "write an allocation profile of the check to FILE")
	_ = fl.MarkHidden("cpuprofile")
	fl.StringVar(&f.trace, "trace", "", "write an execution trace of the check to FILE (go tool trace)")
	_ = fl.MarkHidden("memprofile")
	_ = fl.MarkHidden("trace")
	addDynamicFlags(fl, &f.dyn)
	registerCheckCompletions(cmd)
	return cmd
}

// failOnValues and colorValues are the accepted values (validation and
// completion).
var (
	failOnValues   = []string{"error", "warning", "info", "never"}
	severityValues = []string{"error", "warning", "info"}
	colorValues    = []string{"auto", "always", "never"}
)

// failThreshold parses --fail-on; 0 means never.
func failThreshold(s string) (rules.Severity, error) {
	if strings.EqualFold(s, "never") || strings.EqualFold(s, "none") {
		return 0, nil
	}
	sev, err := rules.ParseSeverity(s)
	if err != nil {
		return 0, fmt.Errorf("unknown value %q (want one of %s)", s, strings.Join(failOnValues, ", "))
	}
	return sev, nil
}

// checkColor validates --color.
func checkColor(s string) error {
	for _, v := range colorValues {
		if s == v {
			return nil
		}
	}
	return fmt.Errorf("--color: unknown value %q (want one of %s)", s, strings.Join(colorValues, ", "))
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

func runCheck(c *cobra.Command, f *checkFlags, args []string) (err error) {
	stop, err := startProfiles(f.cpuProfile, f.memProfile, f.trace)
	if err != nil {
		return &exitError{code: 2, msg: err.Error()}
	}
	defer func() {
		if perr := stop(); perr != nil && err == nil {
			err = &exitError{code: 2, msg: perr.Error()}
		}
	}()
	threshold, err := failThreshold(f.failOn)
	if err != nil {
		return &exitError{code: 2, msg: "--fail-on: " + err.Error()}
	}
	minSev, err := rules.ParseSeverity(f.minSeverity)
	if err != nil {
		return &exitError{code: 2, msg: fmt.Sprintf("--min-severity: unknown value %q (want one of %s)", f.minSeverity, strings.Join(severityValues, ", "))}
	}
	if err := checkColor(f.color); err != nil {
		return &exitError{code: 2, msg: err.Error()}
	}
	specs, err := pairOutputs(f.formats, f.outputs)
	if err != nil {
		return &exitError{code: 2, msg: err.Error()}
	}
	opts := withProjects(lint.Options{Limits: f.lim, Analyzer: f.ana, Workers: f.workers, Stdin: c.InOrStdin(), NoSandbox: f.noEval})
	ins, bad := lint.Expand(args)
	groups, err := configGroups(c, f, ins)
	if err != nil {
		return &exitError{code: 2, msg: err.Error()}
	}
	base, err := loadBaseline(f)
	if err != nil {
		return &exitError{code: 2, msg: err.Error()}
	}
	opts.Admit = gcAdmit // gc.go: inputs are admitted under a memory budget
	if len(ins) == 1 && ins[0].Kind == "package" {
		opts.Admit = gcAdmitLast // gc.go: no collection once the only input is done
		if st, err := os.Stat(ins[0].Path); err == nil {
			startPrefault(st.Size()) // gc.go: while the package is read
		}
	}
	stderr := c.ErrOrStderr()
	done := 0
	if len(ins) > 3 && isTerminal(stderr) {
		opts.Progress = func(_, _ int, path string) {
			done++
			fmt.Fprintf(stderr, "\r\x1b[K[%d/%d] %s", done, len(ins), path)
			if done == len(ins) {
				fmt.Fprint(stderr, "\r\x1b[K")
			}
		}
	}
	// each group of inputs sharing a configuration file is checked with
	// its options and post-processed with its suppressions
	results := append([]lint.Result(nil), bad...)
	thresholds := make([]rules.Severity, len(bad))
	for i := range thresholds {
		thresholds[i] = threshold
	}
	byInput := make([]lint.Result, len(ins))
	thresholdOf := make([]rules.Severity, len(ins))
	kept := make([]bool, len(ins))
	for _, g := range groups {
		gopts, gthreshold, gf := opts, threshold, *f
		if g.cfg != nil {
			t := target(&gopts, &gthreshold)
			t.Dynamic = &gf.dyn.on // dynamic: true in this group's file
			g.cfg.Apply(t, c.Flags().Changed)
		}
		enableDynamic(&gf, &gopts)
		sub := make([]lint.Input, len(g.inputs))
		for i, idx := range g.inputs {
			sub[i] = ins[idx]
		}
		rs := postProcess(c, g.cfg, lint.Check(sub, gopts))
		stopPrefault() // an input that could not be read was never admitted
		// ignore-paths drops whole inputs: the results left keep their
		// order, so walk both lists (an input's path decides alone)
		j := 0
		for i, idx := range g.inputs {
			if j < len(rs) && rs[j].Path == sub[i].Path {
				byInput[idx], thresholdOf[idx], kept[idx] = rs[j], gthreshold, true
				j++
			}
		}
	}
	for i := range ins {
		if kept[i] {
			results = append(results, byInput[i])
			thresholds = append(thresholds, thresholdOf[i])
		}
	}
	wroteBaseline := false
	if f.writeBaseline != "" {
		if err := writeBaseline(f.writeBaseline, results); err != nil {
			// a failed write is an input-level failure: exit code 2
			results = append(results, lint.Result{Path: f.writeBaseline, Kind: "package",
				Error: "writing baseline: " + err.Error(), Findings: []rules.Finding{}})
			thresholds = append(thresholds, threshold)
		} else {
			wroteBaseline = true
		}
	}
	if base != nil {
		results, _ = base.Filter(results)
	}
	shown, hidden := report.FilterMinSeverity(results, minSev)
	toStdout := false
	for _, s := range specs {
		wr, _ := report.Lookup(s.format)
		var buf bytes.Buffer
		var dst io.Writer = c.OutOrStdout()
		ro := report.Options{Version: pbicertVersion(), FailOn: threshold, Thresholds: thresholds, Verbose: f.verbose,
			Hidden: hidden, MinSeverity: minSev, MaxAnnotations: f.maxAnnotations}
		if s.file == "" || s.file == "-" {
			ro.Color = s.format == "text" && useColor(f.color, dst)
		}
		if err := wr(&buf, shown, ro); err != nil {
			return &exitError{code: 2, msg: fmt.Sprintf("writing %s report: %v", s.format, err)}
		}
		if s.file != "" && s.file != "-" {
			if err := os.WriteFile(s.file, buf.Bytes(), 0o644); err != nil {
				return &exitError{code: 2, msg: fmt.Sprintf("--output: %v", err)}
			}
			continue
		}
		toStdout = true
		if _, err := dst.Write(buf.Bytes()); err != nil {
			return &exitError{code: 2, msg: err.Error()}
		}
	}
	for _, s := range specs {
		if s.format == "cyclonedx" {
			// an SBOM has no place for an input that could not be read
			for _, r := range shown {
				if r.Error != "" {
					fmt.Fprintf(stderr, "pbicert: %s: %s\n", r.Path, r.Error)
				}
			}
			break
		}
	}
	if !toStdout {
		// every report went to a file: say on standard error what the run
		// found, so that a failing job says why
		fmt.Fprintln(stderr, "pbicert: "+report.SummaryLine(shown, report.Options{Hidden: hidden, MinSeverity: minSev}))
	}
	if wroteBaseline {
		fmt.Fprintf(stderr, "pbicert: wrote the baseline %s\n", f.writeBaseline)
		// recording a baseline succeeds whatever it recorded; only inputs
		// that could not be read (an incomplete baseline) still exit 2
		for i := range thresholds {
			thresholds[i] = 0
		}
	}
	return exitFor(results, thresholds)
}

func isTerminal(w io.Writer) bool {
	if f, ok := w.(*os.File); ok {
		return term.IsTerminal(int(f.Fd()))
	}
	return false
}

// exitFor maps results to the contract's exit codes; thresholds[i] is the
// fail-on severity of results[i] (0: never).
func exitFor(results []lint.Result, thresholds []rules.Severity) error {
	failed, hit := false, false
	for i, r := range results {
		if r.Error != "" {
			failed = true
		}
		threshold := rules.Severity(0)
		if i < len(thresholds) {
			threshold = thresholds[i]
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
