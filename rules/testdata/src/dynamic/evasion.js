// more evasions of the dynamic-code APIs
Reflect.apply(setTimeout, window, ["refresh()", 1]); // want "DYN003"
const t = setTimeout;
t("refresh()", 1); // want "DYN003"
setImmediate("tick()"); // want "DYN003"
execScript("tick()"); // want "DYN003"
(function () {}).constructor("return 1")(); // want "DYN002"
const GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor;
new GeneratorFunction("yield 1"); // want "DYN002"
globalThis.Function("return 1"); // want "DYN002"
window.setTimeout("x()", 5); // want "DYN003"
setTimeout(`tick()`, 5); // want "DYN003"
// near misses
setTimeout(tick, 5);
const Function2 = function Function() {};
requestAnimationFrame(draw);
setTimeout(name + "()", 10); // want "DYN003"
setInterval(`${fn}()`, 10); // want "DYN003"
setTimeout(delay + 1, 10);
