package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/pflag"

	"github.com/pbicert/pbicert/dynamic"
	"github.com/pbicert/pbicert/lint"
	"github.com/pbicert/pbicert/rules"
)

// dynamicFlags are check's --dynamic flags.
type dynamicFlags struct {
	on     bool
	libs   []string
	budget time.Duration
	memory int64 // MiB
}

func addDynamicFlags(fl *pflag.FlagSet, d *dynamicFlags) {
	fl.BoolVar(&d.on, "dynamic", false, "also run each package's visual in the goja sandbox (a child process) and report what it reached at run time")
	fl.DurationVar(&d.budget, "dynamic-budget", 10*time.Second, "CPU time one visual's dynamic run may use (the wall-time limit is 6 × this + 1m)")
	fl.Int64Var(&d.memory, "dynamic-memory", 1024, "resident memory ceiling of a dynamic run's child process, in MiB")
	fl.StringArrayVar(&d.libs, "dynamic-lib", nil, "script to run before content.js in dynamic runs (repeatable): libraries early API 1.x visuals expect from the page, e.g. d3 v3 or jQuery")
}

// enableDynamic sets the lint hook when --dynamic (or dynamic: true in the
// configuration) is on.
func enableDynamic(f *checkFlags, opts *lint.Options) error {
	if !f.dyn.on {
		return nil
	}
	var libs []dynamic.Lib
	for _, p := range f.dyn.libs {
		b, err := os.ReadFile(p)
		if err != nil {
			return fmt.Errorf("--dynamic-lib: %v", err)
		}
		libs = append(libs, dynamic.Lib{Name: filepath.Base(p), JS: string(b)})
	}
	lim := dynamic.Limits{Budget: f.dyn.budget, Memory: f.dyn.memory << 20}
	sev := opts.Severity
	opts.Dynamic = func(in *rules.Input, r *lint.Result) {
		dynamic.Check(context.Background(), dynamic.Runner{}, lim, in, r, sev, libs...)
	}
	return nil
}
