// positive: OBF001 OBF002 OBF003 unresolved computed access, escaped/encoded names, encoded payloads
window[key](url); // want "OBF001"
\u0066etch(url); // want "NET001" "OBF002"
eval(atob("ZmV0Y2goJ2h0dHBzOi8vZXZpbC5leGFtcGxlJyk=")); // want "DYN001" "OBF003" "OBF004"
// evasion: OBF001 other global objects, keys from calls, closures only a sandbox could run
self[getName()](); // want "OBF001"
window[(() => secretKey)()](url); // want "OBF001"
globalThis[k1 + k2](); // want "OBF001"
// evasion: OBF002 decoded and rebuilt names
self[atob("ZmV0Y2g=")](url); // want "NET001" "OBF002"
window[String.fromCharCode(102, 101, 116, 99, 104)](url); // want "NET001" "OBF002"
window["hctef".split("").reverse().join("")](url); // want "NET001" "OBF002"
// keys only a sandboxed evaluation recovers (closed expressions run in goja, nothing else)
window[(() => "fe" + "tch")()](url); // want "NET001" "OBF002"
self[["e", "v", "a", "l"].map(function (c) { return c; }).join("")]("1"); // want "DYN001" "OBF002"
loc\u0061lStorage.getItem("k"); // want "STO001" "OBF002"
// near-miss: OBF001 OBF002 computed access on user objects, decoding that names nothing forbidden, plain computed names
const table = {};
table[key] = 1;
const name = atob("aGVsbG8=");
window["requestAnimationFrame"](draw);
window["fe" + "tch"](url); // want "NET001"
const cl\u0061ss1 = 1;
