// OBF001 unresolved computed access; OBF002 escaped/encoded names; OBF003 encoded payloads
window[key](url); // want "OBF001"
self[getName()](); // want "OBF001"
\u0066etch(url); // want "NET001" "OBF002"
self[atob("ZmV0Y2g=")](url); // want "NET001" "OBF002"
window[String.fromCharCode(102, 101, 116, 99, 104)](url); // want "NET001" "OBF002"
window["hctef".split("").reverse().join("")](url); // want "NET001" "OBF002"
eval(atob("ZmV0Y2goJ2h0dHBzOi8vZXZpbC5leGFtcGxlJyk=")); // want "DYN001" "OBF003" "OBF004"
// near misses
const table = {};
table[key] = 1;
const name = atob("aGVsbG8=");
window["requestAnimationFrame"](draw);
// keys only a sandboxed evaluation recovers (closed expressions run in goja, nothing else)
window[(() => "fe" + "tch")()](url); // want "NET001" "OBF002"
self[["e", "v", "a", "l"].map(function (c) { return c; }).join("")]("1"); // want "DYN001" "OBF002"
window[(() => secretKey)()](url); // want "OBF001"
