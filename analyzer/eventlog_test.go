package analyzer

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// eventLog: events come back in order over any range, whatever the chunk
// sizes, and a short log takes a short chunk.
func TestEventLog(t *testing.T) {
	for _, n := range []int{0, 1, 15, 16, 17, 31, 32, 100, 127, 128, 255, 256, 257, 511, 512, 1000} {
		var l eventLog
		for i := range n {
			l.add(bindEvent{mutate: i%2 == 0, src: bindSrc{thisGlobal: i%3 == 0}, ext: &bindExt{tableSet: true}})
			l.chunks[len(l.chunks)-1][len(l.chunks[len(l.chunks)-1])-1].ext.owner = i // the event's number
		}
		require.Equal(t, n, l.n)
		total := 0
		for _, c := range l.chunks {
			total += cap(c)
		}
		assert.Less(t, total, max(2*n, eventFirst+1), "n=%d: chunks hold %d", n, total)
		for _, r := range [][2]int{{0, n}, {0, n / 2}, {n / 3, n}, {n / 5, n - n/7}, {n, n}} {
			var got []int
			l.each(r[0], r[1], func(ev *bindEvent) { got = append(got, ev.ext.owner.(int)) })
			var want []int
			for i := r[0]; i < r[1]; i++ {
				want = append(want, i)
			}
			assert.Equal(t, want, got, "n=%d range %v", n, r)
		}
		for i := range n {
			k, j := l.chunkOf(i)
			assert.Equal(t, i, l.chunks[k][j].ext.owner, "n=%d i=%d", n, i)
		}
	}
}
