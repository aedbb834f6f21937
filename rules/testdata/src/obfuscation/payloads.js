// positive: OBF003 encoded payloads reaching dynamic-code sinks
new Function(atob("cmV0dXJuIGRvY3VtZW50LmNvb2tpZQ==")); // want "DYN002" "OBF003" "OBF004"
const p = "ZXZhbCgnMScpOyBmZXRjaCgnaHR0cHM6Ly9ldmlsLmV4YW1wbGUnKQ=="; eval(atob(p)); // want "DYN001" "OBF003" "OBF004"
// evasion: OBF003 char codes, timers, aliases of Function, indirect eval, .call
window[String.fromCharCode(101, 118, 97, 108)](String.fromCharCode(49, 43, 49, 43, 49, 43, 49, 43, 49, 43, 49)); // want "DYN001" "OBF002" "OBF003"
setTimeout(atob(p), 1); // want "DYN003" "OBF003" "OBF004"
const F = Function; F(atob(p)); // want "DYN002" "OBF003" "OBF004"
window["ev" + "al"](atob(p)); // want "DYN001" "OBF003" "OBF004"
eval.call(null, atob(p)); // want "DYN001" "OBF003" "OBF004"
// evasion: OBF004 hex escapes in a timer string
setTimeout("\x66\x65\x74\x63\x68\x28\x27\x2f\x2f\x65\x76\x69\x6c\x27\x29", 10); // want "DYN003" "OBF004"
// near-miss: OBF003 OBF004 decoding that reaches no sink, and short constants
const logo = atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
eval("1 + 1"); // want "DYN001"
document.body.dataset.payload = atob(p);
