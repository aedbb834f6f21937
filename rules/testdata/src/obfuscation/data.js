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
