//go:build !linux

package main

// thpAdvised: transparent huge pages are a Linux feature.
func thpAdvised() bool { return false }

func adviseHuge([]byte) bool { return false }
