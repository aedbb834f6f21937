package main

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/pbicert/pbicert/diff"
	"github.com/pbicert/pbicert/internal/report"
	"github.com/pbicert/pbicert/rules"
)

// Shell completion (cobra's `pbicert completion bash|zsh|fish|powershell`):
// flag values, rule IDs and .pbiviz files.

// completeValues offers fixed values for a flag.
func completeValues(values ...string) func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return func(_ *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

// completeFormats offers check's formats.
func completeFormats(_ *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return report.Formats(), cobra.ShellCompDirectiveNoFileComp
}

// completeInputs offers .pbiviz files and folders.
func completeInputs(_ *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return []cobra.Completion{"pbiviz"}, cobra.ShellCompDirectiveFilterFileExt
}

// completeRuleIDs offers the rule IDs with their titles.
func completeRuleIDs(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []cobra.Completion
	for _, r := range rules.All() {
		if strings.HasPrefix(r.ID, strings.ToUpper(toComplete)) || strings.HasPrefix(r.Name, toComplete) {
			out = append(out, cobra.CompletionWithDesc(r.ID, r.Name+": "+r.Doc.Title))
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

func registerCheckCompletions(cmd *cobra.Command) {
	must := func(err error) {
		if err != nil {
			panic(err) // a flag name typo: caught by every test
		}
	}
	must(cmd.RegisterFlagCompletionFunc("format", completeFormats))
	must(cmd.RegisterFlagCompletionFunc("fail-on", completeValues(failOnValues...)))
	must(cmd.RegisterFlagCompletionFunc("min-severity", completeValues(severityValues...)))
	must(cmd.RegisterFlagCompletionFunc("color", completeValues(colorValues...)))
	must(cmd.MarkFlagFilename("config", "yaml", "yml"))
	must(cmd.MarkFlagFilename("baseline", "json"))
	must(cmd.MarkFlagFilename("write-baseline", "json"))
}

func registerDiffCompletions(cmd *cobra.Command) {
	if err := cmd.RegisterFlagCompletionFunc("format", completeValues(diff.Formats()...)); err != nil {
		panic(err)
	}
	if err := cmd.MarkFlagFilename("config", "yaml", "yml"); err != nil {
		panic(err)
	}
}
