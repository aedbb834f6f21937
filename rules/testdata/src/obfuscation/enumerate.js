// Enumerating the global object, then using what was found.
// positive: OBF001 keys, values and entries of the global object
Object.keys(window).filter((k) => k.length === 5).forEach((k) => window[k](url)); // want "OBF001" "OBF001"
const found = Object.values(self).find((f) => typeof f === "function" && f.name === target); // want "OBF001"
// evasion: OBF001 an alias of the global object, Reflect.ownKeys, entries
const g = globalThis; for (const [name, fn] of Object.entries(g)) { if (name === wanted) fn(url); } // want "OBF001"
Reflect.ownKeys(window).map((k) => k); // want "OBF001"
Object.getOwnPropertyNames(top).length; // want "OBF001"
// near-miss: OBF001 enumerating the visual's own objects
Object.keys(settings).forEach((k) => apply(k, settings[k]));
Object.entries(row).map(([k, v]) => k + v);
// positive: OBF003 a payload decoded at run time reaches a code sink
eval(atob(payload)); // want "DYN001" "OBF003"
// evasion: OBF003 decoders through .apply, timers, Function
setTimeout(String.fromCharCode.apply(null, codes), 10); // want "DYN003" "OBF003"
new Function(decodeURIComponent(packed))(); // want "DYN002" "OBF003"
// near-miss: OBF003 decoded data that is not run
const text = atob(payload); render(text);
eval(source); // want "DYN001"
