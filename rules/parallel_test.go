package rules_test

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/pbicert/pbicert/lint"
	"github.com/pbicert/pbicert/rules"
)

// TestRulesShareTheModel: the model is read-only once analyzer.Parse has
// returned, so every rule may read it at the same time. rules.Run runs the
// rules in parallel; here four runs of the whole catalogue also share one
// model, and each must find exactly what the rules find one at a time.
// Under the race detector (make race) any write into the model by a rule,
// Resolve, Fold or Position fails this test.
func TestRulesShareTheModel(t *testing.T) {
	all := rules.All()
	for f, pkg := range testdataPackages(t) {
		in, err := lint.Analyze(pkg, lint.Options{})
		require.NoError(t, err)
		// the parallel runs come first, on a model nothing has read yet
		got := make([][]rules.Finding, 4)
		var wg sync.WaitGroup
		for i := range got {
			wg.Add(1)
			go func() {
				defer wg.Done()
				got[i] = rules.Run(in, all, nil)
			}()
		}
		wg.Wait()
		var serial []rules.Finding
		for _, r := range all {
			serial = append(serial, rules.Run(in, []*rules.Rule{r}, nil)...)
		}
		rules.SortFindings(serial)
		for i := range got {
			require.Equal(t, serial, got[i], "%s: run %d in parallel differs from the rules run one at a time", f, i)
		}
	}
}

// TestRunRaisesARulePanic: a rule's panic in a worker goroutine reaches the
// caller (the driver turns it into the input's error).
func TestRunRaisesARulePanic(t *testing.T) {
	boom := &rules.Rule{ID: "TST001", Name: "boom", Needs: rules.Needs{Inputs: rules.JS}, Run: func(*rules.Pass) { panic("boom") }}
	pkgs := testdataPackages(t)
	for _, pkg := range pkgs {
		in, err := lint.Analyze(pkg, lint.Options{})
		require.NoError(t, err)
		require.PanicsWithValue(t, "boom", func() { rules.Run(in, append(rules.All(), boom), nil) })
		return
	}
}
