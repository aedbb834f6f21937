package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/pbicert/pbicert/rules"
)

func newRulesCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "rules [RULE]",
		Short: "List the rules, or explain one",
		Args:  cobra.MaximumNArgs(1),
		// completion offers the rule IDs
		ValidArgsFunction: completeRuleIDs,
		RunE: func(c *cobra.Command, args []string) error {
			out := c.OutOrStdout()
			if len(args) == 1 {
				r := rules.Lookup(args[0])
				if r == nil {
					return &exitError{code: 2, msg: fmt.Sprintf("unknown rule %q (run 'pbicert rules' for the list)", args[0])}
				}
				fmt.Fprint(out, rules.Page(r))
				return nil
			}
			tw := tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tNAME\tCATEGORY\tSEVERITY\tTITLE")
			for _, r := range rules.All() {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Name, r.Category, r.Severity, r.Doc.Title)
			}
			tw.Flush()
			fmt.Fprintf(out, "\n%d rules. 'pbicert rules ID' explains one.\n", len(rules.All()))
			return nil
		},
	}
}
