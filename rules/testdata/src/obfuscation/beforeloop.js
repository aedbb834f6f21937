// A name a loop builds (an array it fills, a string it adds to), read
// before, inside or after the loop: the value at the read is what the
// code has built before it, so only a read after the loop folds.
// positive: DYN001 NET001 OBF002 the join (or the read) after the loop, in the same function or one called later
function afterLoop() {
  var a = [];
  for (var i = 0; i < 3; i++) a.push("ev"[i] || "al");
  var s = a.join("");
  return window[s](code); // want "DYN001" "OBF002"
}
const later = [];
for (let i = 0; i < 5; i++) later.push("fetch"[i]);
function useLater() { return window[later.join("")](url); } // want "NET001" "OBF002"
function calledAfter() {
  const parts = [];
  function use() { return window[parts.join("")](url); } // want "NET001" "OBF002"
  for (let i = 0; i < 5; i++) parts.push("fetch"[i]);
  use();
}
let built = "";
function useBuilt() { return window[built](url); } // want "NET001" "OBF002"
for (let i = 0; i < 5; i++) built += "fetch"[i];
// evasion: OBF001 the join placed before the loop sees the empty array, not the later value
function beforeLoop() {
  var a = [];
  var s = a.join("");
  for (var i = 0; i < 3; i++) a.push("ev"[i] || "al");
  return window[s](code); // want "OBF001"
}
const early = [];
const earlyName = early.join("");
for (let i = 0; i < 5; i++) early.push("fetch"[i]);
window[earlyName](url); // want "OBF001"
function beforeOnce() {
  const parts = [];
  const name = parts.join("");
  (function () {
    for (let i = 0; i < 4; i++) parts.push("eval"[i]);
  })();
  return self[name](code); // want "OBF001"
}
function joinedTwice() {
  const parts = [];
  const first = parts.join("");
  for (let i = 0; i < 5; i++) parts.push("fetch"[i]);
  const second = parts.join("");
  window[first](url); // want "OBF001"
  return window[second](url); // want "NET001" "OBF002"
}
function joinInCondition(flag) {
  const parts = [];
  if (flag && parts.join("") === "") {
    for (let i = 0; i < 5; i++) parts.push("fetch"[i]);
  }
  return window[parts.join("")](url); // want "NET001" "OBF002"
}
function earlyInCondition() {
  const parts = [];
  let name;
  if ((name = parts.join(""))) {
    return 0;
  }
  for (let i = 0; i < 5; i++) parts.push("fetch"[i]);
  return window[name](url); // want "OBF001"
}
// evasion: OBF001 a local function called before the loop joins (or reads), wherever it is declared
function hoistedJoin() {
  const parts = [];
  use();
  for (let i = 0; i < 5; i++) parts.push("fetch"[i]);
  function use() { return window[parts.join("")](url); } // want "OBF001"
}
function hoistedRead() {
  let n = "";
  show();
  for (let i = 0; i < 4; i++) n += "eval"[i];
  function show() { return self[n](code); } // want "OBF001"
}
function throughHelper() {
  const parts = [];
  const reader = () => peek();
  reader();
  for (let i = 0; i < 5; i++) parts.push("fetch"[i]);
  function peek() { return window[parts.join("")](url); } // want "OBF001"
}
// evasion: OBF001 a string read before the loop that adds to it holds the empty start, not the result
// (then no read of it is folded: the later one is unresolved too)
let n = "";
const copied = n;
for (let i = 0; i < 5; i++) n += "fetch"[i];
window[copied](url); // want "OBF001"
function readFirst() {
  let m = "";
  window[m](url); // want "OBF001"
  for (let i = 0; i < 4; i++) m += "eval"[i];
  return self[m](code); // want "OBF001"
}
// evasion: OBF001 the join inside the loop, and a mutation in a called function
function insideLoop() {
  var a = [], s = "";
  for (var i = 0; i < 3; i++) { a.push("ev"[i] || "al"); s = a.join(""); }
  return window[s](code); // want "OBF001"
}
const tweaked = [];
function tweak() { tweaked.reverse(); }
for (let i = 0; i < 5; i++) tweaked.push("hctef"[i]);
tweak();
window[tweaked.join("")](url); // want "OBF001"
const topped = [];
function topUp() { topped.push("Sync"); }
for (let i = 0; i < 5; i++) topped.push("fetch"[i]);
topUp();
window[topped.join("")](url); // want "OBF001"
// near-miss: NET001 DYN001 a harmless name joined after its loop; an empty name read before a loop that builds a harmless one
function harmlessAfter() {
  var a = [];
  for (var i = 0; i < 5; i++) a.push("focus"[i]);
  return element[a.join("")]();
}
function harmlessBefore() {
  let k = "";
  const start = element[k];
  for (let i = 0; i < 5; i++) k += "title"[i];
  return start || element[k];
}
