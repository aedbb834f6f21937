// evasion: STO004 global-object forms, destructuring
self.caches.open("v1"); // want "STO004"
const { caches: c } = globalThis; // want "STO004"
c.keys();
window["cach" + "es"].delete("v1"); // want "STO004"
// near-miss: STO004 parameters and user objects
function warm(caches) { return caches.open("v1"); }
const cachesNote = { caches: [] };
cachesNote.caches.push(1);
