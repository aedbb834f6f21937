package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/pbicert/pbicert/internal/baseline"
	"github.com/pbicert/pbicert/internal/config"
	"github.com/pbicert/pbicert/internal/report"
	"github.com/pbicert/pbicert/lint"
	"github.com/pbicert/pbicert/rules"
)

// configGroup is the inputs (indexes into the expanded inputs) that one
// configuration applies to; cfg is nil when none does.
type configGroup struct {
	cfg    *config.Config
	inputs []int
}

// configGroups finds the configuration of each input: --config for all of
// them when given, else the nearest .pbicert.yaml next to the input or in
// its parents up to the repository root, else the working folder's (see
// config.Discover). Inputs are grouped by file, in order of first use.
// With --verbose each input's file is named on standard error. A file that
// does not load is a usage error (exit 2).
func configGroups(c *cobra.Command, f *checkFlags, ins []lint.Input) ([]configGroup, error) {
	var groups []configGroup
	index := map[string]int{}
	loaded := map[string]*config.Config{}
	explicit := ""
	if f.config != "" {
		var err error
		if explicit, err = config.Find(f.config, ""); err != nil {
			return nil, err
		}
	}
	for i, in := range ins {
		file := explicit
		if file == "" {
			file = config.Discover(in.Path)
		}
		if f.verbose {
			if file == "" {
				fmt.Fprintf(c.ErrOrStderr(), "pbicert: %s: no configuration file (defaults)\n", in.Path)
			} else {
				fmt.Fprintf(c.ErrOrStderr(), "pbicert: %s: configuration %s\n", in.Path, file)
			}
		}
		if _, ok := loaded[file]; !ok && file != "" {
			cfg, err := config.Load(file)
			if err != nil {
				return nil, err
			}
			loaded[file] = cfg
		}
		g, ok := index[file]
		if !ok {
			g = len(groups)
			index[file] = g
			groups = append(groups, configGroup{cfg: loaded[file]})
		}
		groups[g].inputs = append(groups[g].inputs, i)
	}
	return groups, nil
}

// loadBaseline reads --baseline (nil without it).
func loadBaseline(f *checkFlags) (*baseline.File, error) {
	if f.baseline == "" {
		return nil, nil
	}
	b, err := baseline.Load(f.baseline)
	if err != nil {
		return nil, fmt.Errorf("--baseline: %w", err)
	}
	return b, nil
}

// postProcess fingerprints the findings and applies a configuration's
// ignore-paths, allowed origins and suppressions, warning about unused
// suppressions on standard error.
func postProcess(c *cobra.Command, cfg *config.Config, results []lint.Result) []lint.Result {
	results = report.Fingerprint(results)
	if cfg == nil {
		return results
	}
	results, unused := cfg.Process(results)
	for _, s := range unused {
		fmt.Fprintf(c.ErrOrStderr(), "pbicert: %s: warning: unused suppression (%s): no finding matched it; remove it\n", s.Where(), s.Describe())
	}
	return results
}

// writeBaseline records the findings left after configuration in file.
func writeBaseline(file string, results []lint.Result) error {
	return baseline.Write(file, results)
}

// target is the part of a check's options a configuration file sets.
func target(opts *lint.Options, threshold *rules.Severity) config.Target {
	return config.Target{Rules: &opts.Rules, Severity: &opts.Severity, FailOn: threshold, Limits: &opts.Limits,
		MaxJSBytes: &opts.Analyzer.MaxBytes, MaxDepth: &opts.Analyzer.MaxDepth}
}
