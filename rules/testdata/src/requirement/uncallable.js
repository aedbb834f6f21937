// positive: REQ005 what pbiviz package --certification-fix leaves behind
function run(e, t) { return undefined(e, t); } // want "REQ005"
function head(e) { const n = undefined; n.onreadystatechange = null; n.open("HEAD", e, !0); } // want "REQ005"
(void 0)(1); // want "REQ005"
null(2); // want "REQ005"
new undefined(); // want "REQ005"
// positive: REQ005 other literals that cannot be called
"text"(); // want "REQ005"
(42)(); // want "REQ005"
(!0)(); // want "REQ005"
({})(); // want "REQ005"
[1, 2](); // want "REQ005"
undefined.x(); // want "REQ005"
// evasion: REQ005 through parentheses, commas and a null local
(0, undefined)(e); // want "REQ005"
((undefined))(e); // want "REQ005"
function q() { const nil = null; return nil["send"](); } // want "REQ005"
// near-miss: REQ005 callable things, optional calls, shadowed names, reassigned locals
function ok(undefined) { return undefined(); }
undefined?.();
(void 0)?.x();
const s = "abc".toUpperCase();
(42).toFixed(2);
[1, 2].map(String);
({ f() {} }).f();
let later = null; later = () => 1; later();
var x = undefined; x = function () {}; x();
function g(n) { return n.open(); }
function h(t) { var n = t.parentWindow.Object; return t = null, n; }
function k(t) { t.length || (t = null); return t && t.join(); }
