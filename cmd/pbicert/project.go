package main

import (
	"github.com/pbicert/pbicert/internal/project"
	"github.com/pbicert/pbicert/lint"
)

// withProjects makes a check read source projects (folders holding
// pbiviz.json) with the project package.
func withProjects(opts lint.Options) lint.Options {
	opts.Projects = project.Check
	return opts
}
