// Command pbicert tells whether a Power BI custom visual can pass Microsoft
// certification: it lints .pbiviz packages and visual source projects, and
// compares certified and uncertified builds.
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/pbicert/pbicert/dynamic"
)

// exitError carries an exit code through cobra.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func main() {
	// a dynamic run's child process (pbicert re-executing itself) never
	// reaches the commands
	dynamic.MaybeChild()
	tuneGC() // gc.go
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	root := newRoot()
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintln(os.Stderr, "pbicert: "+ee.msg)
		}
		return ee.code
	}
	fmt.Fprintln(os.Stderr, "pbicert: "+err.Error())
	return 2
}

func newRoot() *cobra.Command {
	root := &cobra.Command{
		Use:   "pbicert",
		Short: "Certification linter for Power BI custom visuals",
		Long: `pbicert tells whether a Power BI custom visual can pass Microsoft certification.

It reads .pbiviz packages and visual source projects, parses the code once and
flags external network requests, dynamic code, browser storage, HTML injection,
obfuscated access to globals and manifest problems, including the aliased,
computed and encoded forms that name-matching tools miss.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       pbicertVersion(),
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &exitError{code: 2, msg: err.Error() + "\nRun '" + c.CommandPath() + " --help' for usage."}
	})
	root.AddCommand(newCheckCmd(), newRulesCmd(), newVersionCmd(), newDiffCmd(), newEndpointsCmd())
	return root
}

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print pbicert's version",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			fmt.Fprintf(c.OutOrStdout(), "pbicert %s\n", pbicertVersion())
			return nil
		},
	}
}
