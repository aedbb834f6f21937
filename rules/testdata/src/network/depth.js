// Values followed through fields, helper returns, closures and the
// parameters of immediately invoked wrappers.
// positive: NET005 NET001 a namespace kept in a field, read in another method
class Beacon {
  constructor() { this.nav = navigator; }
  flush(u, body) { this.nav.sendBeacon(u, body); } // want "NET005"
}
function Loader() { this.win = window; }
Loader.prototype.load = function (u) { return this.win.fetch(u); }; // want "NET001"
// evasion: NET001 NET002 NET005 class fields, getters, helper returns several levels deep, factories, wrappers
class Sender { transport = navigator; send(u) { return this.transport.sendBeacon(u); } } // want "NET005"
class Getter { get w() { return self; } get(u) { return this.w.fetch(u); } } // want "NET001"
function getWindow() { return window; }
function theWindow() { return getWindow(); }
const globalOf = () => (typeof window !== "undefined" ? window : void 0);
theWindow().fetch(url); // want "NET001"
globalOf().fetch(url); // want "NET001"
function makeClient() { const n = navigator; return { send(u) { n.sendBeacon(u); } }; } // want "NET005"
(function (t) { var x = new t.XMLHttpRequest(); })(window); // want "NET002"
!function (g) { g.fetch(url); }(self); // want "NET001"
(function (root) { root.fetch(url); }).call(this, window); // want "NET001"
(function (global, factory) { factory(global); })(typeof window !== "undefined" ? window : this, function (win, noGlobal) {
  var xhr = new win.XMLHttpRequest(); // want "NET002"
});
// near-miss: NET001 NET002 NET005 fields, helpers and wrappers that hold other objects
class Router { constructor() { this.client = httpClient; } go(u) { return this.client.fetch(u); } }
function makeStore() { return { fetch: (k) => cache[k] }; }
makeStore().fetch("k");
(function (t) { t.fetch(url); })(apiClient);
(function (t) { var r = new t.Request(url); })(window);
function notWindow() { return { XMLHttpRequest: Stub }; }
new (notWindow().XMLHttpRequest)();
