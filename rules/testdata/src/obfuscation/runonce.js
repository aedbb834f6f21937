// A loop in a nested function that fills (or adds to) a variable of an
// outer function: folded only where that function runs exactly once
// before the read (an immediately invoked function outside every loop).
// positive: NET001 OBF002 an immediately invoked function fills an outer array once, then it is joined
const onceParts = [];
(function () {
  for (let i = 0; i < 5; i++) onceParts.push("fetch"[i]);
})();
window[onceParts.join("")](url); // want "NET001" "OBF002"
let onceName = "";
!function () {
  for (let i = 0; i < 4; i++) onceName += String.fromCharCode("fwbm".charCodeAt(i) - 1);
}();
self[onceName](code); // want "DYN001" "OBF002"
// a nested function that builds its own array each time it runs
function ownName() {
  const mine = [];
  for (let i = 0; i < 5; i++) mine.push("fetch"[i]);
  return window[mine.join("")](url); // want "NET001" "OBF002"
}
// evasion: OBF001 a nested function that may run any number of times before the join: the value is not known
const twiceParts = [];
function fillTwice() {
  for (let i = 0; i < 5; i++) twiceParts.push("fetch"[i]);
}
fillTwice();
fillTwice();
window[twiceParts.join("")](url); // want "OBF001"
const loopedParts = [];
for (let n = 0; n < count; n++) {
  (function () {
    for (let i = 0; i < 4; i++) loopedParts.push("eval"[i]);
  })();
}
self[loopedParts.join("")](code); // want "OBF001"
const passedParts = [];
const filler = () => {
  for (let i = 0; i < 5; i++) passedParts.push("fetch"[i]);
};
register(filler);
window[passedParts.join("")](url); // want "OBF001"
let addedName = "";
function addName() {
  for (let i = 0; i < 5; i++) addedName += "fetch"[i];
}
addName();
addName();
window[addedName](url); // want "OBF001"
// near-miss: NET001 OBF002 a function run several times that fills an outer array with a harmless name
const harmless = [];
function fillHarmless() {
  for (let i = 0; i < 5; i++) harmless.push("focus"[i]);
}
fillHarmless();
fillHarmless();
element[harmless.join("")]();
