// A Map entry read before its only set: the read does not see the later value.
// positive: NET001 OBF002 a get after the set in straight-line code, and a get in a function called later
const names = new Map();
names.set("n", atob("ZmV0Y2g="));
window[names.get("n")](url); // want "NET001" "OBF002"
const deferred = new Map();
function useDeferred() { return window[deferred.get("k")](url); } // want "NET001"
deferred.set("k", "fetch");
useDeferred();
// evasion: OBF001 a get that precedes the only set of its key in the same function: not the later value
const early = new Map();
const earlyName = early.get("n");
early.set("n", "fetch");
window[earlyName](url); // want "OBF001"
function localTable() {
  const t = new Map();
  const before = t.get("e");
  t.set("e", "eval");
  return self[before](code); // want "OBF001"
}
const shared = new Map();
function readThenSet() {
  const seen = shared.get("s");
  shared.set("s", "fetch");
  return window[seen](url); // want "OBF001"
}
const cycled = new Map();
for (let i = 0; i < 2; i++) {
  const got = cycled.get("c");
  cycled.set("c", "fetch");
  if (got) window[got](url); // want "OBF001"
}
// near-miss: OBF001 a get before a set of another key, and a harmless later value
const keyed = new Map([["a", "fetch"]]);
const fromA = keyed.get("a");
keyed.set("b", "eval");
window[fromA](url); // want "NET001"
const harmlessLater = new Map();
const h = harmlessLater.get("f");
harmlessLater.set("f", "focus");
element[h]();
