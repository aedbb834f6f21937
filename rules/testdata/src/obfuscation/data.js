// API names kept in data: object and array literals of strings read back
// by key or index, names assembled from them.
// positive: NET001 DYN001 NET005 a name read from an object or array of constants
const names = { net: "fetch", run: "eval" };
window[names.net](url); // want "NET001"
self[names["run"]](code); // want "DYN001"
const parts = ["sendBeacon"];
navigator[parts[0]](url, data); // want "NET005"
// evasion: DYN001 NET001 STO001 names assembled by join, reverse and slices of stored pieces
const pieces = ["ev", "al"];
window[pieces.join("")](code); // want "DYN001" "OBF002"
const backwards = ["hc", "tef"];
globalThis[backwards.join("").split("").reverse().join("")](url); // want "NET001" "OBF002"
const table = { a: "local", b: "Storage" };
window[table.a + table.b].setItem("k", "v"); // want "STO001"
// positive: OBF001 data written before it is used is not folded: the access is unresolved
const later = { net: "fetch" };
later.net = pick();
window[later.net](url); // want "OBF001"
// near-miss: NET001 DYN001 data that names nothing forbidden
const safe = { a: "requestAnimationFrame", b: "console" };
window[safe.b].log("x");
const list = ["map", "filter"];
data[list[0]](f);
// positive: NET001 DYN001 NET005 names kept in a Map of strings, read back with get
const table2 = new Map([["a", "fetch"], ["b", "eval"]]);
window[table2.get("a")](url); // want "NET001"
self[table2.get("b")](code); // want "DYN001"
const beacons = new Map([["k", "sendBeacon"]]);
navigator[beacons.get("k")](url, data); // want "NET005"
// evasion: DYN001 NET001 a Map filled with set before (or after) it is read, read in another function
const filled = new Map();
filled.set("run", "eval");
window[filled.get("run")](code); // want "DYN001"
const routes = new Map([["x", "requestAnimationFrame"]]);
function go(u) { return globalThis[routes.get("net")](u); } // want "NET001"
routes.set("net", "fetch");
// positive: OBF001 a table that escapes, or is filled with unknown keys, is not folded
const handed = new Map([["a", "requestAnimationFrame"]]);
register(handed);
window[handed.get("a")](f); // want "OBF001"
const unknownKey = new Map([["a", "requestAnimationFrame"]]);
unknownKey.set(pick(), "fetch");
window[unknownKey.get("a")](f); // want "OBF001"
const twoValues = new Map([["a", "requestAnimationFrame"]]);
twoValues.set("a", "fetch");
window[twoValues.get("a")](f); // want "OBF001" (two values for one key: not folded)
const pushed = [];
pushed.push("fetch");
window[pushed.join("")](url); // want "OBF001"
// near-miss: NET001 DYN001 tables that name nothing forbidden, and maps that are not the global's keys
const harmless = new Map([["a", "requestAnimationFrame"], ["b", "fetch"]]);
window[harmless.get("a")](f);
const other = new Map([["fetch", "x"]]);
window[other.get("fetch")];
client[harmless.get("b")](url);
// evasion: NET001 OBF002 names built by char codes, reverse, slice and join, stored first and used in another function
const byCodes = String.fromCharCode(102, 101, 116, 99, 104);
function useCodes() { window[byCodes](url); } // want "NET001" "OBF002"
const reversedParts = ["h", "c", "t", "e", "f"].reverse();
function useReversed() { window[reversedParts.join("")](url); } // want "NET001" "OBF002"
const sliced = "xxfetchxx".slice(2, 7);
function useSliced() { window[sliced](url); } // want "NET001" "OBF002"
const codeList = [102, 101, 116, 99, 104];
const applied = String.fromCharCode.apply(null, codeList);
function useApplied() { window[applied](url); } // want "NET001" "OBF002"
const spreadCodes = String.fromCharCode(...codeList);
function useSpread() { self[spreadCodes](url); } // want "NET001" "OBF002"
// positive: OBF001 built by an in-place reverse or a map callback: not folded, the access stays unresolved
const letters = "hctef".split("");
const inPlace = letters.reverse().join("");
function useInPlace() { window[inPlace](url); } // want "OBF001"
const mapped = codeList.map((x) => String.fromCharCode(x)).join("");
function useMapped() { window[mapped](url); } // want "OBF001"
