package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pbicert/pbicert/analyzer"
	"github.com/pbicert/pbicert/internal/report"
	"github.com/pbicert/pbicert/lint"
	"github.com/pbicert/pbicert/pbiviz"
	"github.com/pbicert/pbicert/result"
	"github.com/pbicert/pbicert/rules"
)

type endpointsFlags struct {
	format  string
	output  string
	sources []string
	workers int
	lim     pbiviz.Limits
	ana     analyzer.Options
	dyn     dynamicFlags
}

var endpointSources = []string{rules.EndpointStatic, rules.EndpointRuntime, rules.EndpointManifest}

func newEndpointsCmd() *cobra.Command {
	f := &endpointsFlags{lim: pbiviz.DefaultLimits(), ana: analyzer.DefaultOptions()}
	cmd := &cobra.Command{
		Use:   "endpoints [flags] PATH...",
		Short: "List the hosts the visuals contact or may contact (an allowlist)",
		Long: `List the external hosts of .pbiviz packages and visual source projects: the
allowlist an IT team needs. Text output is one host per line, sorted and
distinct over all inputs; --format json lists every endpoint (url, host,
source, location) per input.

Sources: static (constant URLs, or the constant beginning of a template or
concatenation that fixes the host, reaching a network sink in the code or a
CSS url()/@import), runtime (requests observed with --dynamic) and manifest
(the WebAccess privilege's parameters, wildcards kept).

PATH is read as check reads it. Exit codes: 0 done, 2 usage error or an
input that could not be read (the others are still listed).`,
		Example: `  pbicert endpoints dist/myVisual.1.0.0.0.pbiviz
  pbicert endpoints --source static,runtime --dynamic dist/
  pbicert endpoints --format json --output endpoints.json dist/`,
		Args: func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				return &exitError{code: 2, msg: "endpoints needs at least one PATH (a .pbiviz, a project folder, a folder, or -)"}
			}
			return nil
		},
		RunE:              func(c *cobra.Command, args []string) error { return runEndpoints(c, f, args) },
		ValidArgsFunction: completeInputs,
	}
	fl := cmd.Flags()
	fl.StringVar(&f.format, "format", "text", "output format: text (one host per line) or json")
	fl.StringVar(&f.output, "output", "", "write the list to FILE instead of standard output")
	fl.StringSliceVar(&f.sources, "source", nil, "sources listed (comma-separated or repeated): static, runtime, manifest (default: all)")
	fl.IntVar(&f.workers, "jobs", 0, "inputs analysed in parallel (default: number of CPUs)")
	addDynamicFlags(fl, &f.dyn)
	return cmd
}

// endpointsDoc is endpoints --format json (docs/contract.md).
type endpointsDoc struct {
	Tool    report.Tool       `json:"tool"`
	Results []endpointsResult `json:"results"`
	Hosts   []string          `json:"hosts"`
}

type endpointsResult struct {
	Path      string            `json:"path"`
	Kind      string            `json:"kind"`
	Visual    result.Visual     `json:"visual"`
	Error     string            `json:"error"`
	Endpoints []result.Endpoint `json:"endpoints"`
}

func runEndpoints(c *cobra.Command, f *endpointsFlags, args []string) error {
	if f.format != "text" && f.format != "json" {
		return &exitError{code: 2, msg: fmt.Sprintf("unknown format %q (want text or json)", f.format)}
	}
	for _, s := range f.sources {
		if !slices.Contains(endpointSources, s) {
			return &exitError{code: 2, msg: fmt.Sprintf("--source: unknown value %q (want %s)", s, strings.Join(endpointSources, ", "))}
		}
	}
	opts := withProjects(lint.Options{Limits: f.lim, Analyzer: f.ana, Workers: f.workers, Stdin: c.InOrStdin()})
	if err := enableDynamic(&checkFlags{dyn: f.dyn}, &opts); err != nil {
		return &exitError{code: 2, msg: err.Error()}
	}
	opts.Admit = gcAdmit
	ins, bad := lint.Expand(args)
	results := append(append([]lint.Result(nil), bad...), lint.Check(ins, opts)...)
	for i := range results {
		var keep []result.Endpoint
		for _, e := range results[i].Endpoints {
			if len(f.sources) == 0 || slices.Contains(f.sources, e.Source) {
				keep = append(keep, e)
			}
		}
		results[i].Endpoints = keep
	}
	hosts := result.Allowlist(results)
	var buf bytes.Buffer
	stderr := c.ErrOrStderr()
	if f.format == "json" {
		doc := endpointsDoc{Tool: report.Tool{Name: "pbicert", Version: pbicertVersion()}, Results: []endpointsResult{}, Hosts: hosts}
		if doc.Hosts == nil {
			doc.Hosts = []string{}
		}
		for _, r := range results {
			er := endpointsResult{Path: r.Path, Kind: r.Kind, Visual: r.Visual, Error: r.Error, Endpoints: r.Endpoints}
			if er.Endpoints == nil {
				er.Endpoints = []result.Endpoint{}
			}
			doc.Results = append(doc.Results, er)
		}
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(doc); err != nil {
			return &exitError{code: 2, msg: err.Error()}
		}
	} else {
		for _, h := range hosts {
			buf.WriteString(h + "\n")
		}
	}
	// input errors on standard error (JSON also carries them)
	for _, r := range results {
		if r.Error != "" {
			fmt.Fprintf(stderr, "pbicert: %s: %s\n", r.Path, r.Error)
		}
	}
	var dst io.Writer = c.OutOrStdout()
	if f.output != "" && f.output != "-" {
		if err := os.WriteFile(f.output, buf.Bytes(), 0o644); err != nil {
			return &exitError{code: 2, msg: fmt.Sprintf("--output: %v", err)}
		}
	} else if _, err := dst.Write(buf.Bytes()); err != nil {
		return &exitError{code: 2, msg: err.Error()}
	}
	fmt.Fprintf(stderr, "pbicert: %d %s from %d %s\n", len(hosts), plural(len(hosts), "host"), len(results), plural(len(results), "input"))
	return exitFor(results, nil)
}

func plural(n int, s string) string {
	if n == 1 {
		return s
	}
	return s + "s"
}
