// Names and payloads decoded by loops over constants (XOR, shifted char
// codes): folded in the sandbox when the loop is closed.
// positive: NET001 OBF002 a name decoded by an XOR loop, then used as a key
const xored = "absdo";
let decoded = "";
for (let i = 0; i < xored.length; i++) decoded += String.fromCharCode(xored.charCodeAt(i) ^ 7);
window[decoded](url); // want "NET001" "OBF002"
// evasion: DYN001 OBF003 OBF004 a payload decoded by a loop with a key string reaches eval
const key = "k3y";
const blob = [13, 86, 13, 8, 91, 81, 73, 28, 86, 14, 69, 16, 7, 29, 28, 19, 82, 20, 27, 95, 28, 73, 26];
var src = "";
var j = 0;
while (j < blob.length) { src += String.fromCharCode(blob[j] ^ key.charCodeAt(j % key.length)); j++; }
eval(src); // want "DYN001" "OBF003" "OBF004"
// evasion: NET001 OBF002 a loop over the characters of a shifted string, in a function of its own
function unshift() {
  const s = "gfudi";
  let out = "";
  for (const ch of s) out += String.fromCharCode(ch.charCodeAt(0) - 1);
  return self[out](url); // want "NET001" "OBF002"
}
// positive: OBF001 a loop that reads something not known is not folded: the access stays unresolved
let open = "";
for (let i = 0; i < input.length; i++) open += String.fromCharCode(input.charCodeAt(i) ^ 7);
window[open](url); // want "OBF001"
let twice = "";
for (let i = 0; i < 3; i++) twice += "a";
twice = pick();
window[twice](url); // want "OBF001"
// near-miss: NET001 DYN001 OBF003 loops that build harmless names or padding
let pad = "";
for (let i = 0; i < 4; i++) pad += "0";
document.title = pad;
let raf = "";
const plain = "requestAnimationFrame";
for (let i = 0; i < plain.length; i++) raf += plain[i];
window[raf](step);
// evasion: NET001 DYN001 OBF002 OBF003 OBF004 a decoding function called with constants: run in the sandbox when it is closed
function dec(s, k) {
  let r = "";
  for (let i = 0; i < s.length; i++) r += String.fromCharCode(s.charCodeAt(i) ^ k);
  return r;
}
window[dec("absdo", 7)](url); // want "NET001" "OBF002"
const unxor = (s) => s.split("").map((ch) => String.fromCharCode(ch.charCodeAt(0) ^ 7)).join("");
self[unxor("absdo")](url); // want "NET001" "OBF002"
eval(dec("absdo/%((bqnk)b\x7ffjwkb%.", 7)); // want "DYN001" "OBF003" "OBF004"
// positive: OBF001 a decoding function that reads something not known, or gets an argument not known, is not run
function decOpen(s) { let r = ""; for (let i = 0; i < s.length; i++) r += String.fromCharCode(s.charCodeAt(i) ^ secret); return r; }
window[decOpen("absdo")](url); // want "OBF001"
window[dec(location.hash, 7)](url); // want "OBF001"
// near-miss: NET001 OBF002 a decoder that yields a harmless name, and a function that is not a decoder
window[dec("ubvrbtsFinjfsnhiAufjb", 7)](step);
const heading = dec("Kbkkh", 7);
document.title = heading;
