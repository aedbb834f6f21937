//go:build !linux

package dynamic

import "time"

// threadCPU is unavailable here: the budget falls back to wall time.
func threadCPU() (read func() time.Duration, ok bool) { return nil, false }

// processCPU is unavailable here (-1): the parent enforces the wall limit only.
func processCPU(pid int) time.Duration { return -1 }
