package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestGCLimit(t *testing.T) {
	// small inputs: the base limit
	assert.Equal(t, int64(gcBaseLimit), gcLimit(100<<10, 2))
	assert.Equal(t, int64(gcBaseLimit), gcLimit(1<<20, 2))
	// a 6 MB bundle alone: room for its whole model, no collection
	assert.Equal(t, int64(gcFixed+gcBytesPerJS*6<<20), gcLimit(6<<20, 1))
	// the same bundle on two workers needs twice the room
	assert.Greater(t, gcLimit(6<<20, 2), gcLimit(6<<20, 1))
}

func TestHugeBallast(t *testing.T) {
	// the expected heap of the inputs in flight
	assert.Equal(t, int64(hugePerJS*6<<20), hugeBallast(6<<20, 1, gcLimit(6<<20, 1)))
	assert.Equal(t, int64(2*hugePerJS*6<<20), hugeBallast(6<<20, 2, gcLimit(6<<20, 2)))
	// never more than three quarters of the limit, so that the free block
	// does not bring the runtime to it
	assert.Equal(t, int64(3<<20), hugeBallast(6<<20, 1, 4<<20))
	for _, n := range []int64{1 << 20, 6 << 20, 64 << 20} {
		for jobs := int64(1); jobs <= 8; jobs++ {
			assert.Less(t, hugeBallast(n, jobs, gcLimit(n, jobs)), gcLimit(n, jobs)*19/20, "n=%d jobs=%d", n, jobs)
		}
	}
}

func TestTHPDisabled(t *testing.T) {
	assert.True(t, thpDisabled("disablethp=1"))
	assert.True(t, thpDisabled("gctrace=1,disablethp=1"))
	assert.False(t, thpDisabled(""))
	assert.False(t, thpDisabled("disablethp=0"))
	assert.False(t, thpDisabled("disablethp=10,gctrace=1"))
}
