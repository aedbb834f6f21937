// evasion: DYN003 Reflect.apply, aliases, other timers, global-object forms, templates, concatenation
Reflect.apply(setTimeout, window, ["refresh()", 1]); // want "DYN003"
const t = setTimeout;
t("refresh()", 1); // want "DYN003"
setImmediate("tick()"); // want "DYN003"
execScript("tick()"); // want "DYN003"
window.setTimeout("x()", 5); // want "DYN003"
setTimeout(`tick()`, 5); // want "DYN003"
setTimeout(name + "()", 10); // want "DYN003"
setInterval(`${fn}()`, 10); // want "DYN003"
// evasion: DYN002 function constructors, generator constructors, the global object
(function () {}).constructor("return 1")(); // want "DYN002"
const GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor;
new GeneratorFunction("yield 1"); // want "DYN002"
globalThis.Function("return 1"); // want "DYN002"
// near-miss: DYN002 DYN003 functions and numbers
setTimeout(tick, 5);
const Function2 = function Function() {};
requestAnimationFrame(draw);
setTimeout(delay + 1, 10);
