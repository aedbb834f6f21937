// Package rules holds pbicert's rule catalogue: each rule is a value with an
// ID, a kebab-case name, a category, a default severity, documentation, the
// facts and inputs it needs, and a check over the analyzer's shared program
// model. Rules never parse and never print: they report findings through a
// Pass.
package rules

import "github.com/pbicert/pbicert/result"

// The result types live in the leaf package result; these aliases keep
// rules.Finding and friends working.
type (
	// Severity is result.Severity.
	Severity = result.Severity
	// Category is result.Category.
	Category = result.Category
	// Location is result.Location.
	Location = result.Location
	// Finding is result.Finding.
	Finding = result.Finding
	// Window is result.Window.
	Window = result.Window
)

// Severities and categories (see package result).
const (
	Info    = result.Info
	Warning = result.Warning
	Error   = result.Error

	Network      = result.Network
	DynamicCode  = result.DynamicCode
	Storage      = result.Storage
	DOMInjection = result.DOMInjection
	Obfuscation  = result.Obfuscation
	Manifest     = result.Manifest
	Requirement  = result.Requirement
)

// ParseSeverity is result.ParseSeverity.
func ParseSeverity(s string) (Severity, error) { return result.ParseSeverity(s) }
