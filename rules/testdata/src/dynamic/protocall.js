// Function.prototype methods reached through one another: the function
// applied is the first argument, never Function itself.
// near-miss: DYN002 Function.apply.call(f, …) calls f and compiles nothing
function invoke(fn, args) { return Function.apply.call(fn, null, args); }
var applyIt = Function.apply; applyIt.call(render, null, rows);
var callIt = Function.prototype.call; callIt.call(render, null, rows[0]);
function make(Ctor, args) { return new (Function.bind.apply(Ctor, [null].concat(args)))(); }
// evasion: DYN001 DYN002 DYN003 DOM002 NET001 what is applied is a sink
Function.apply.call(eval, null, [code]); // want "DYN001"
Function.call.call(fetch, null, url); // want "NET001"
var make2 = new (Function.bind.apply(Function, [null, "a", code]))(); // want "DYN002"
var applyTimer = Function.prototype.apply; applyTimer.call(setTimeout, null, ["tick()", 10]); // want "DYN003"
Function.apply.call(el.insertAdjacentHTML, el, ["beforeend", html]); // want "DOM002"
