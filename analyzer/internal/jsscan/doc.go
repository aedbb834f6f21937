// Package jsscan is the analyzer's parsing machinery below the model: a
// token-level scan of JavaScript text (no parse) and the parallel parse it
// makes possible. The analyzer's value model uses it through this small API
// and can change without touching it.
//
//   - Braces: the table of matching curly braces (Closing finds the brace
//     that closes a function body), from one scan of the text.
//   - NestingDepth: the nesting guard behind --max-depth, run before
//     anything recursive sees deep input.
//   - Both tokenisers (the scan behind Braces and ScanSplit, and the
//     nesting guard) tell a regular expression from a division with one
//     shared decision (slash.go); slash_test.go runs the hard cases
//     through both and FuzzSlash checks that they agree.
//   - ScanSplit: the same scan, handing every function expression of at
//     least a given size to worker goroutines that parse it on its own
//     while the scan goes on (pipe.go), and the text around the units
//     with placeholder functions in their places. It returns a Split, or
//     nil when the input is better parsed in one piece.
//   - Split: the parsed pieces. The walker grafts each unit's function
//     into its placeholder as it meets it (GraftFunc, GraftArrow: the
//     unit's free variables are linked to the scopes around the
//     placeholder, as one parse would have), asks which node is a unit
//     (UnitOf) to walk it in its own task, and maps the address of any
//     byte slice in the parse buffers back to a source offset (Find).
//     Complete says whether every unit was grafted exactly once; when it
//     was not, the caller parses in one piece.
//
// Nothing here has to be right for the model to be right: a unit is only
// grafted where the parser itself put its placeholder (checked by the
// address of the marker string), a unit must parse as exactly the function
// the scan found, and anything else refuses the split. The contract is
// checked in the analyzer (split_test.go, FuzzSplit): a split parse gives
// the model of a parse in one piece, down to each identifier's offset.
package jsscan
