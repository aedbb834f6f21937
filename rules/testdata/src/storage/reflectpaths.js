// Storage and cookies reached through interface prototypes, descriptors and
// Reflect (analyzer/reflectpaths.go).
var key = "k", val = "v";
// evasion: STO001 STO003 the Storage prototype's methods and the cookie accessors on the real objects
Storage.prototype.setItem.call(localStorage, key, val); // want "STO001:1" (one finding per call site)
Storage.prototype.getItem.apply(sessionStorage, [key]); // want "STO001:1" `sessionStorage`
Storage.prototype.removeItem.call(store, key); // want "STO001"
Object.getOwnPropertyDescriptor(Document.prototype, "cookie").set.call(document, "seen=1"); // want "STO003"
var jar = Object.getOwnPropertyDescriptor(Document.prototype, "cookie").get.call(document); // want "STO003"
Reflect.set(document, "cookie", "seen=2"); // want "STO003"
// near-miss: STO001 STO003 our own stores and cookie-like names
function Store() {} Store.prototype.setItem = function (k, v) { this[k] = v; };
Store.prototype.setItem.call(new Store(), key, val);
Reflect.set(settings, "cookie", "none");
Object.getOwnPropertyDescriptor(Prefs.prototype, "cookie").set.call(prefs, "x");
