package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pbicert/pbicert/analyzer"
	"github.com/pbicert/pbicert/diff"
	"github.com/pbicert/pbicert/lint"
	"github.com/pbicert/pbicert/pbiviz"
)

func init() { extraCommands = append(extraCommands, newDiffCmd) }

func newDiffCmd() *cobra.Command {
	var format, output string
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

Exit codes: 0 consistent (every difference is explained), 1 diverged, 2 usage
error or unreadable input.`,
		Example: `  pbicert diff dist/certified.pbiviz dist/full.pbiviz
  pbicert diff --format html --output diff.html certified.pbiviz full.pbiviz`,
		Args: func(c *cobra.Command, args []string) error {
			if len(args) != 2 {
				return &exitError{code: 2, msg: "diff needs two packages: CERTIFIED UNCERTIFIED"}
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			known := false
			for _, f := range diff.Formats() {
				known = known || f == format
			}
			if !known {
				return &exitError{code: 2, msg: fmt.Sprintf("unknown format %q (want %s)", format, strings.Join(diff.Formats(), ", "))}
			}
			gcJobs(1) // the builds are parsed one after the other
			gcLive(2) // and both models are compared
			ana.OnInput = gcInput
			r, err := diff.Files(args[0], args[1], lint.Options{Limits: lim, Analyzer: ana})
			if err != nil {
				return &exitError{code: 2, msg: err.Error()}
			}
			var buf bytes.Buffer
			if err := diff.Write(&buf, format, r); err != nil {
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
	fl.Int64Var(&lim.MaxFileBytes, "max-file-bytes", lim.MaxFileBytes, "largest .pbiviz file accepted")
	fl.Int64Var(&lim.MaxTotalBytes, "max-total-bytes", lim.MaxTotalBytes, "largest total uncompressed size accepted")
	fl.IntVar(&ana.MaxBytes, "max-js-bytes", ana.MaxBytes, "largest content.js accepted")
	fl.IntVar(&ana.MaxDepth, "max-depth", ana.MaxDepth, "deepest code nesting accepted")
	return cmd
}
