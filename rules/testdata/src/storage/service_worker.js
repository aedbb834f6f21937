// STO009: navigator.serviceWorker.register installs code that outlives the
// visual. NET010 reports the same call as code loaded from a URL.
// positive: STO009 NET010 direct registration
navigator.serviceWorker.register("/sw.js"); // want "STO009:1" `service worker: code that stays in the browser` "NET010"
window.navigator.serviceWorker.register("/sw.js", { scope: "/" }); // want "STO009" "NET010"
// evasion: STO009 NET010 aliases of navigator and of serviceWorker, destructuring, computed keys, .call, Reflect.get
const nav = navigator;
nav.serviceWorker.register("/sw.js"); // want "STO009:1" "NET010"
const sw = navigator.serviceWorker;
sw.register("/sw.js"); // want "STO009:1" "NET010"
const { serviceWorker } = self.navigator;
serviceWorker.register("/sw.js"); // want "STO009" "NET010"
const { register } = navigator.serviceWorker; // want "STO009"
navigator["service" + "Worker"]["regis" + "ter"]("/sw.js"); // want "STO009" "NET010"
navigator.serviceWorker.register.call(navigator.serviceWorker, "/sw.js"); // want "STO009" "NET010"
const reg = Reflect.get(navigator.serviceWorker, "register"); // want "STO009"
// near-miss: STO009 reading the registrations, a feature test, another object's serviceWorker
navigator.serviceWorker.ready.then(done);
navigator.serviceWorker.getRegistrations();
if (typeof navigator.serviceWorker.register === "function") { done(); }
const app = { serviceWorker: { register() {} } };
app.serviceWorker.register("/sw.js");
function install(navigator) { return navigator.serviceWorker.register("/sw.js"); }
