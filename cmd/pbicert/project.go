package main

// Source projects (folders holding pbiviz.json) are checked by the project
// package, which sets lint.ProjectChecker.
import _ "github.com/pbicert/pbicert/internal/project"
