package main

import (
	"fmt"
	"sync"

	"github.com/spf13/cobra"

	"github.com/pbicert/pbicert/internal/baseline"
	"github.com/pbicert/pbicert/internal/config"
	"github.com/pbicert/pbicert/internal/report"
	"github.com/pbicert/pbicert/lint"
	"github.com/pbicert/pbicert/rules"
)

// runState is what configHook prepares for postProcessHook in one run.
type runState struct {
	cfg  *config.Config
	base *baseline.File
}

var (
	statesMu sync.Mutex
	states   = map[*checkFlags]*runState{}
)

func init() {
	configHook = loadConfig
	postProcessHook = applyConfigAndBaseline
}

// loadConfig reads .pbicert.yaml (or --config), applies it to the options
// (command-line flags win) and loads --baseline. Any error is a usage
// error (exit 2).
func loadConfig(c *cobra.Command, f *checkFlags, opts *lint.Options, threshold *rules.Severity) error {
	st := &runState{}
	file, err := config.Find(f.config, "")
	if err != nil {
		return err
	}
	if file != "" {
		cfg, err := config.Load(file)
		if err != nil {
			return err
		}
		t := target(opts, threshold)
		t.Dynamic = &f.dyn.on
		cfg.Apply(t, c.Flags().Changed)
		st.cfg = cfg
	}
	if f.baseline != "" {
		b, err := baseline.Load(f.baseline)
		if err != nil {
			return fmt.Errorf("--baseline: %w", err)
		}
		st.base = b
	}
	statesMu.Lock()
	states[f] = st
	statesMu.Unlock()
	return nil
}

// applyConfigAndBaseline fingerprints the findings, applies ignore-paths,
// allowed origins and suppressions (warning about unused ones on standard
// error), writes --write-baseline and filters by --baseline.
func applyConfigAndBaseline(c *cobra.Command, f *checkFlags, results []lint.Result) []lint.Result {
	statesMu.Lock()
	st := states[f]
	delete(states, f)
	statesMu.Unlock()
	results = report.Fingerprint(results)
	if st == nil {
		return results
	}
	if st.cfg != nil {
		var unused []*config.Suppression
		results, unused = st.cfg.Process(results)
		for _, s := range unused {
			fmt.Fprintf(c.ErrOrStderr(), "pbicert: %s: warning: unused suppression (%s): no finding matched it; remove it\n", s.Where(), s.Describe())
		}
	}
	if f.writeBaseline != "" {
		if err := baseline.Write(f.writeBaseline, results); err != nil {
			// a failed write is an input-level failure: exit code 2
			results = append(results, lint.Result{Path: f.writeBaseline, Kind: "package",
				Error: "writing baseline: " + err.Error(), Findings: []rules.Finding{}})
		}
	}
	if st.base != nil {
		results, _ = st.base.Filter(results)
	}
	return results
}

// target is the part of a check's options a configuration file sets.
func target(opts *lint.Options, threshold *rules.Severity) config.Target {
	return config.Target{Rules: &opts.Rules, Severity: &opts.Severity, FailOn: threshold, Limits: &opts.Limits,
		MaxJSBytes: &opts.Analyzer.MaxBytes, MaxDepth: &opts.Analyzer.MaxDepth}
}
