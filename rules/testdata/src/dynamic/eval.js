// positive: DYN001 DYN002 DYN003
eval(source); // want "DYN001:1"
new Function("a", "return a * 2"); // want "DYN002"
setTimeout("refresh()", 1000); // want "DYN003"
// evasion: DYN001 indirect, aliased, global-object and .call forms
(0, eval)(source); // want "DYN001"
const ev = eval;
ev(source); // want "DYN001"
window["ev" + "al"](source); // want "DYN001"
self.eval.call(self, source); // want "DYN001"
// evasion: DYN002 constructor chains, Reflect.construct, AsyncFunction
Function(body)(); // want "DYN002"
[].constructor.constructor(code)(); // want "DYN002"
Reflect.construct(Function, ["return 1"]); // want "DYN002"
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
new AsyncFunction("await x"); // want "DYN002"
// evasion: DYN003 constants, .call/.apply
const code2 = "tick()";
setInterval(code2, 50); // want "DYN003"
setTimeout.call(window, "refresh()", 10); // want "DYN003"
setTimeout.apply(window, ["refresh()", 10]); // want "DYN003"
// near-miss: DYN001 DYN002 DYN003 functions, user methods, parameters, typeof, text
setTimeout(() => refresh(), 1000);
setTimeout(refresh, 0);
setInterval(function () { tick(); }, 50);
const evaluator = { eval(s) { return s; } };
evaluator.eval("1+1");
function run(eval) { return eval("x"); }
if (typeof eval === "function") { }
const word = "eval(x) is forbidden";
const factory = { Function(s) { return s; } }; factory.Function("x");
