//go:build !linux

package main

// adviseHuge: transparent huge pages are advised on Linux only.
func adviseHuge(b []byte) bool { return false }
