// Package dynamic is pbicert's run-time stage: it loads a visual's content.js
// in a fresh goja runtime with a browser and a Power BI host that record
// instead of acting, drives the visual through its life cycle (load, create,
// update, a resized update, timers and events on a virtual clock) and
// returns what the code reached: requests with their URL, storage with its
// key, code given to eval and Function, markup given to HTML sinks.
//
// The files of the package:
//
//   - run.go: one run in this process (Run), the phases and the CPU-time budget;
//   - clock.go: timers, animation frames and message ports on a virtual clock;
//   - dom*.go, style.go, events.go, window.go, prelude.js: the browser surface,
//     a DOM of golang.org/x/net/html nodes with cascadia selectors exposed
//     to goja as native objects, and the parts written in JavaScript;
//   - traps.go: every network, storage, dynamic-code and HTML sink the rules
//     know, recording the call and returning something inert;
//   - host.go: the Power BI host (API 5.x surface) that records its calls;
//   - dataview.go: data views synthesised from capabilities.json, carrying
//     canary values that mark report data leaving the visual;
//   - child.go: isolation: the run happens in a child process with a
//     CPU-time budget, a wall-time limit and a memory ceiling enforced by
//     the parent (cpuclock_*.go read the CPU clocks);
//   - merge.go: observations become the runtime field of findings.
//
// Nothing in the runtime reaches the filesystem or the network: the only
// objects a visual sees are the ones this package writes.
package dynamic
