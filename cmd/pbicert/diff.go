package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pbicert/pbicert/analyzer"
	"github.com/pbicert/pbicert/diff"
	"github.com/pbicert/pbicert/internal/config"
	"github.com/pbicert/pbicert/lint"
	"github.com/pbicert/pbicert/pbiviz"
	"github.com/pbicert/pbicert/rules"
)

func newDiffCmd() *cobra.Command {
	var format, output, configFile string
	lim := pbiviz.DefaultLimits()
	ana := analyzer.DefaultOptions()
	cmd := &cobra.Command{
		Use:   "diff [flags] CERTIFIED UNCERTIFIED",
		Short: "Check that a certified build differs from the uncertified one only in remote access",
		Long: `Compare a certified build of a visual with its uncertified build.

Both .pbiviz packages are checked with the full rule set, then compared: the
manifest (visual metadata, apiVersion, capabilities, privileges, string
resources), the findings (matched by rule, API and enclosing function), and
the code, function by function, independently of minified names, formatting
and module order, on a canonical print of the code (reprinting is not a
difference). A difference is explained when it removes or disables remote
access; anything else is unexplained.

The verdict is about the differences alone. The error-level findings the
certified build still has are listed apart (certifiedErrors), each marked
shared when the uncertified build has it too: pbicert check is the gate for
those.

Each argument is a .pbiviz file, a folder holding exactly one .pbiviz (such
as dist/), or - for a package on standard input (one side only). The rules,
severities and limits of a configuration file apply (--config, else the
.pbicert.yaml found as for check, next to UNCERTIFIED).

Exit codes: 0 consistent (every difference is explained), 1 diverged, 2
usage error or unreadable input.`,
		Example: `  pbicert diff dist/certified.pbiviz dist/full.pbiviz
  pbicert diff certified/dist uncertified/dist
  pbicert diff --format html --output diff.html certified.pbiviz full.pbiviz
  curl -s https://example.com/certified.pbiviz | pbicert diff - dist/`,
		Args: func(c *cobra.Command, args []string) error {
			if len(args) != 2 {
				return &exitError{code: 2, msg: "diff needs two packages: CERTIFIED UNCERTIFIED"}
			}
			if args[0] == "-" && args[1] == "-" {
				return &exitError{code: 2, msg: "diff: only one of CERTIFIED and UNCERTIFIED can be - (standard input)"}
			}
			return nil
		},
		ValidArgsFunction: completeInputs,
		RunE: func(c *cobra.Command, args []string) error {
			known := false
			for _, f := range diff.Formats() {
				known = known || f == format
			}
			if !known {
				return &exitError{code: 2, msg: fmt.Sprintf("unknown format %q (want %s)", format, strings.Join(diff.Formats(), ", "))}
			}
			// each parse reserves its working set until its tree is dropped (gc.go)
			opts := withProjects(lint.Options{Limits: lim, Analyzer: ana, Admit: gcAdmit})
			cert, uncert, err := diffInputs(args)
			if err != nil {
				return &exitError{code: 2, msg: err.Error()}
			}
			if err := diffConfig(c, configFile, uncert, &opts); err != nil {
				return &exitError{code: 2, msg: err.Error()}
			}
			r, err := diffBuilds(c, cert, uncert, opts)
			if err != nil {
				return &exitError{code: 2, msg: err.Error()}
			}
			if looksSwapped(r) {
				fmt.Fprintf(c.ErrOrStderr(), "pbicert: hint: %s (CERTIFIED) declares the WebAccess privilege and %s (UNCERTIFIED) does not: the arguments look swapped; the order is pbicert diff CERTIFIED UNCERTIFIED\n", cert, uncert)
			}
			var buf bytes.Buffer
			err = diff.Write(&buf, format, r)
			r.Release()
			if err != nil {
				return &exitError{code: 2, msg: err.Error()}
			}
			if output != "" {
				if err := os.WriteFile(output, buf.Bytes(), 0o644); err != nil {
					return &exitError{code: 2, msg: err.Error()}
				}
			} else if _, err := c.OutOrStdout().Write(buf.Bytes()); err != nil {
				return &exitError{code: 2, msg: err.Error()}
			}
			if r.Verdict != diff.Consistent {
				return &exitError{code: 1}
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&format, "format", "text", "output format: "+strings.Join(diff.Formats(), ", "))
	fl.StringVar(&output, "output", "", "write the report to FILE instead of standard output")
	fl.StringVar(&configFile, "config", "", "configuration file (default: the nearest .pbicert.yaml, as for check, next to UNCERTIFIED)")
	fl.Int64Var(&lim.MaxFileBytes, "max-file-bytes", lim.MaxFileBytes, "largest .pbiviz file accepted")
	fl.Int64Var(&lim.MaxTotalBytes, "max-total-bytes", lim.MaxTotalBytes, "largest total uncompressed size accepted")
	fl.IntVar(&ana.MaxBytes, "max-js-bytes", ana.MaxBytes, "largest content.js accepted")
	fl.IntVar(&ana.MaxDepth, "max-depth", ana.MaxDepth, "deepest code nesting accepted")
	registerDiffCompletions(cmd)
	return cmd
}

// diffInputs resolves diff's arguments: a folder holding exactly one
// .pbiviz (searched as check searches folders) stands for that package.
func diffInputs(args []string) (string, string, error) {
	out := make([]string, 2)
	for i, a := range args {
		out[i] = a
		if a == "-" {
			continue
		}
		st, err := os.Stat(a)
		if err != nil {
			return "", "", fmt.Errorf("%s: %w", a, cleanPathError(err))
		}
		if !st.IsDir() {
			continue
		}
		ins, _ := lint.Expand([]string{a})
		var pkgs []string
		for _, in := range ins {
			if in.Kind == "package" {
				pkgs = append(pkgs, in.Path)
			}
		}
		switch len(pkgs) {
		case 0:
			return "", "", fmt.Errorf("%s: no .pbiviz package in this folder (diff compares built packages: run pbiviz package first)", a)
		case 1:
			out[i] = pkgs[0]
		default:
			return "", "", fmt.Errorf("%s: %d .pbiviz packages in this folder (%s): name one", a, len(pkgs), strings.Join(pkgs, ", "))
		}
	}
	return out[0], out[1], nil
}

func cleanPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// diffConfig applies the rules, severities and limits of the configuration
// file (--config, else discovered next to the uncertified build).
func diffConfig(c *cobra.Command, explicit, uncertified string, opts *lint.Options) error {
	file, err := config.Find(explicit, "")
	if err != nil {
		return err
	}
	if file == "" {
		file = config.Discover(uncertified)
	}
	if file == "" {
		return nil
	}
	cfg, err := config.Load(file)
	if err != nil {
		return err
	}
	var threshold rules.Severity
	cfg.Apply(target(opts, &threshold), c.Flags().Changed)
	return nil
}

// diffBuilds compares the two builds; a side given as - is read from
// standard input (under --max-file-bytes) and the builds are then
// analysed one after the other; otherwise in parallel when the memory
// budget allows (gcParallel).
func diffBuilds(c *cobra.Command, cert, uncert string, opts lint.Options) (*diff.Report, error) {
	if cert != "-" && uncert != "-" {
		return diff.Files(cert, uncert, opts, gcParallel)
	}
	load := func(path string) (*diff.Build, error) {
		if path != "-" {
			return diff.Load(path, opts)
		}
		b, err := io.ReadAll(io.LimitReader(c.InOrStdin(), opts.Limits.MaxFileBytes+1))
		if err != nil {
			return nil, fmt.Errorf("-: reading standard input: %w", err)
		}
		if int64(len(b)) > opts.Limits.MaxFileBytes {
			return nil, fmt.Errorf("-: the package on standard input is larger than --max-file-bytes (%d)", opts.Limits.MaxFileBytes)
		}
		pkg, err := pbiviz.ReadBytes(b, opts.Limits)
		if err != nil {
			return nil, fmt.Errorf("-: %w", err)
		}
		return diff.FromPackage("-", pkg, opts)
	}
	cb, err := load(cert)
	if err != nil {
		return nil, err
	}
	ub, err := load(uncert)
	if err != nil {
		return nil, err
	}
	return diff.Compare(cb, ub), nil
}

// looksSwapped: the "certified" build declares WebAccess and the other
// does not, the reverse of what certification does.
func looksSwapped(r *diff.Report) bool {
	for _, m := range r.Manifest {
		if m.Path == "capabilities.privileges[WebAccess]" && m.Certified != nil && m.Uncertified == nil {
			return true
		}
	}
	return false
}
