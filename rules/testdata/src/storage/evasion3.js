// evasions and near misses: Cache Storage
self.caches.open("v1"); // want "STO004"
const { caches: c } = globalThis; // want "STO004"
c.keys();
// near misses
function warm(caches) { return caches.open("v1"); }
const cachesNote = { caches: [] };
cachesNote.caches.push(1);
