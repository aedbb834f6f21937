// Storage reached through fields, helper returns, destructuring and wrappers.
// positive: STO001 STO005 storage kept in a field or taken apart from navigator
function Prefs() { this.store = window.localStorage; } // want "STO001"
Prefs.prototype.save = function (k, v) { this.store.setItem(k, v); }; // want "STO001"
const { storage: st } = navigator; st.persist(); // want "STO005"
// evasion: STO001 STO002 a helper returning the global object, a wrapper's parameter, a class field
function getWindow() { return window; }
getWindow().localStorage.setItem("seen", "1"); // want "STO001"
(function (w) { w.indexedDB.open("db"); })(window); // want "STO002"
class Session { st = sessionStorage; put(k) { this.st.setItem(k, "1"); } } // want "STO001" "STO001"
// near-miss: STO001 STO002 STO005 objects of the visual's own that look alike
function Cache() { this.store = new Map(); }
Cache.prototype.save = function (k, v) { this.store.set(k, v); };
const { persist } = settings; persist();
(function (w) { w.indexedDB.open("db"); })(fakeWindow);
function getSettings() { return { localStorage: false }; }
getSettings().localStorage;
