// Names assembled from data: taken apart by destructuring, sliced,
// spread into characters, indexed after a split.
// positive: DYN001 NET001 destructured from a data literal, sliced, spread, indexed
const apiNames = { run: "eval", send: "fetch" };
const { run } = apiNames;
self[run](code); // want "DYN001"
const [firstApi] = ["fetch", "focus"];
window[firstApi](url); // want "NET001"
const { send: sender } = apiNames;
function later() { return window[sender](url); } // want "NET001"
const padded = ["x", "f", "e", "t", "c", "h", "y"].slice(1, -1).join("");
window[padded](url); // want "NET001" "OBF002"
const fromSplit = "focus|eval|blur".split("|")[1];
self[fromSplit](code); // want "DYN001" "OBF002"
// evasion: DYN001 NET001 characters spread or taken with Array.from and reversed; a reversed copy indexed later
const spread = [..."lave"].reverse().join("");
self[spread](code); // want "DYN001" "OBF002"
const listed = Array.from("hctef").reverse().join("");
window[listed](url); // want "NET001" "OBF002"
const letters = ["hctef", "lave"];
const copy = letters.slice().reverse();
function callLater() { return self[copy[0].split("").reverse().join("")](code); } // want "DYN001" "OBF002"
// evasion: DYN001 NET001 names kept as an object's keys or values, listed with Object.keys / Object.values
const apiTable = { fetch: true, focus: false };
window[Object.keys(apiTable)[0]](url); // want "NET001" "OBF002"
const halves = Object.values({ first: "ev", second: "al" }).join("");
self[halves](code); // want "DYN001" "OBF002"
// evasion: DYN001 a name a closed expression builds (run in the sandbox), stored in a constant first
const mapped = [101, 118, 97, 108].map(function (c) { return String.fromCharCode(c); }).join("");
self[mapped](code); // want "DYN001" "OBF002"
// near-miss: DYN001 NET001 written-through data, an unknown index, an integer-like key (listed first), harmless names sliced out
const changed = { run: "eval" };
changed.run = input.value;
const { run: notKnown } = changed;
self[notKnown](code); // want "OBF001"
const choice = "fetch|eval".split("|")[input.index];
window[choice](url); // want "OBF001"
const harmless = ["x", "b", "l", "u", "r", "y"].slice(1, 5).join("");
element[harmless]();
const fromOutside = [0, 1].map(function (i) { return input.names[i]; }).join("");
self[fromOutside](code); // want "OBF001"
const numbered = { 1: "focus", fetch: "x" };
window[Object.keys(numbered)[0]](url); // want "OBF001"
const [width] = ["innerWidth", "eval"];
const w = window[width];
