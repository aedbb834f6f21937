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
