package jsscan

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The pipe numbers its units by start once the scan is done, whatever the
// order their bodies closed in: children inside their parents, markers
// pointing at the unit whose text they stand for.
func TestPipeNumbersByStart(t *testing.T) {
	src := []byte(`var a = function(){ var b = function(){ return () => { c() } }; var d = function(){} }, e = x => { f() };`)
	sc, sp := scanSplit(src, 1, 2)
	require.True(t, sc.ok)
	require.NotNil(t, sp)
	require.Len(t, sp.units, 5)
	for i, u := range sp.units {
		if i > 0 {
			assert.Less(t, sp.units[i-1].start, u.start, "units by start")
		}
		for _, c := range u.children {
			assert.True(t, u.start < sp.units[c].start && sp.units[c].end <= u.end, "child %d inside unit %d", c, i)
		}
		assert.NotNil(t, u.fn, "unit %d parsed", i)
	}
	assert.Equal(t, []int{1, 3}, sp.units[0].children)
	assert.Equal(t, []int{2}, sp.units[1].children)
	// each marker stands in its parent's buffer for the unit of that text
	seen := map[int]bool{}
	for addr, id := range sp.markers {
		_, ok := sp.Find(addr)
		assert.False(t, ok, "a marker is not source text")
		seen[id] = true
	}
	assert.Len(t, seen, 5)
}

// Spans that cross mean a confused scan: the pipe refuses the split.
func TestPipeRefusesCrossingSpans(t *testing.T) {
	src := []byte(strings.Repeat("x", 100))
	pl := newPipe(src, 2)
	pl.unit(span{start: 10, end: 40})
	pl.unit(span{start: 30, end: 60}) // starts inside the first, ends after it
	assert.Nil(t, pl.finish(true))
	pl = newPipe(src, 2)
	pl.unit(span{start: 10, end: 40})
	pl.unit(span{start: 10, end: 60}) // the same start twice
	assert.Nil(t, pl.finish(true))
	pl = newPipe(src, 2)
	pl.unit(span{start: 10, end: 20})
	assert.Nil(t, pl.finish(false), "a scan that did not balance")
}

// More units than the queue holds: the rest are parsed when the scan ends,
// and the split gives the one-piece model.
func TestPipeQueueOverflow(t *testing.T) {
	var b strings.Builder
	b.WriteString("var fs = [")
	for i := range 300 {
		fmt.Fprintf(&b, "function(a){ return a.x%d + %d }, ", i, i)
	}
	b.WriteString("];\nfs[0](window).fetch('https://example.com/');")
	src := []byte(b.String())
	pl := newPipeQueue(src, 2, 4)
	sc := scanUnitsTo(src, 1, pl)
	require.True(t, sc.ok)
	assert.NotEmpty(t, pl.pending, "the queue overflowed")
	sp := pl.finish(true)
	require.NotNil(t, sp)
	assert.Len(t, sp.units, 300)
	for i := range sp.units {
		require.NotNil(t, sp.units[i].fn, "unit %d parsed", i)
	}
	// the model of this split is compared with the one-piece model in
	// analyzer's TestSplitSameModelOverflow
}
