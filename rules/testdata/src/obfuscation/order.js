// Arrays filled by a loop and joined into a name, and folds where the
// order of the writes matters: the value at the read, or nothing.
// positive: NET001 OBF002 an array filled by a closed loop with push, then joined
const codes = [102, 101, 116, 99, 104];
const chars = [];
for (let i = 0; i < codes.length; i++) chars.push(String.fromCharCode(codes[i]));
window[chars.join("")](url); // want "NET001" "OBF002"
// evasion: DYN001 NET005 OBF002 filled by index in a while loop; joined with a separator that is removed, in another function
const shifted = "fwbm";
const slots = [];
let k = 0;
while (k < shifted.length) { slots[k] = String.fromCharCode(shifted.charCodeAt(k) - 1); k++; }
self[slots.join("")](code); // want "DYN001" "OBF002"
const beaconParts = [];
for (const p of ["send", "Beacon"]) beaconParts.push(p);
function flushBeacon() { navigator[beaconParts.join("")](url, data); } // want "NET005" "OBF002"
// positive: OBF001 an array the loop fills from something not known, or filled again after the loop, is not folded
const fromInput = [];
for (let i = 0; i < input.length; i++) fromInput.push(input[i]);
window[fromInput.join("")](url); // want "OBF001"
const refilled = [];
for (let i = 0; i < 5; i++) refilled.push("fetch"[i]);
refilled.push("x");
window[refilled.join("")](url); // want "OBF001"
const passed = [];
for (let i = 0; i < 5; i++) passed.push("fetch"[i]);
mangle(passed);
window[passed.join("")](url); // want "OBF001"
// evasion: OBF001 a read inside the loop that builds the name sees a part of it: not the final value
let partial = "";
for (let i = 0; i < 5; i++) { partial += "fetch"[i]; window[partial]; } // want "OBF001"
const growing = [];
for (let i = 0; i < 4; i++) { growing.push("eval"[i]); self[growing.join("")](code); } // want "OBF001"
// positive: OBF001 a name set, overwritten, then read: the two values disagree, nothing is folded
let chosen = "requestAnimationFrame";
chosen = "fetch";
window[chosen](url); // want "OBF001"
const plan = new Map([["n", "requestAnimationFrame"]]);
plan.set("n", "eval");
window[plan.get("n")](code); // want "OBF001"
const later = [];
for (let i = 0; i < 5; i++) later.push("fetch"[i]);
const laterName = later.join("");
window[laterName](url); // want "NET001" "OBF002"
// near-miss: NET001 DYN001 arrays filled by loops with harmless names, and lists that are not names
const benign = [];
for (let i = 0; i < 5; i++) benign.push("focus"[i]);
element[benign.join("")]();
const csv = [];
for (let i = 0; i < rows.length; i++) csv.push(rows[i].name);
output.textContent = csv.join(",");
const scrollName = [];
for (let i = 0; i < 7; i++) scrollName.push("scrollY"[i]);
const offset = window[scrollName.join("")];
