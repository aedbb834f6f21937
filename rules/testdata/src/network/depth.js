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
// positive: NET005 NET001 a field read through a local alias of this, or from a subclass
class Pinger { constructor() { this.nav = navigator; } ping(u) { const s = this; s.nav.sendBeacon(u); } } // want "NET005"
class Base { constructor() { this.win = window; this.nav = navigator; } }
class Child extends Base { load(u) { return this.win.fetch(u); } } // want "NET001"
// evasion: NET005 self = this read in a nested function, a field copied to a local or destructured, two levels of subclasses
class Later { constructor() { this.nav = navigator; } arm() { var self = this; return function (u) { self.nav.sendBeacon(u); }; } } // want "NET005"
class Copy { constructor() { this.nav = navigator; } send(u) { var n = this.nav; n.sendBeacon(u); } } // want "NET005"
class Parts { constructor() { this.nav = navigator; } send(u) { const { nav } = this; nav.sendBeacon(u); } } // want "NET005"
const Middle = class extends Base {};
class GrandChild extends Middle { send(u) { this.nav.sendBeacon(u); } } // want "NET005"
// near-miss: NET005 NET001 aliases of this and subclasses whose fields hold other objects
class Holder { constructor() { this.nav = router; } go(u) { const s = this; s.nav.sendBeacon(u); } }
class Own extends Base { constructor() { super(); } load(u) { const me = this; return me.client.fetch(u); } }
class Shadow extends Base { constructor() { super(); this.win = cache; } load(u) { return this.win.fetch(u); } }
function plain() { var self = this; self.nav.sendBeacon(u); }
// evasion: NET001 NET005 values of for-header variables: declared with the loop, or taken from an array literal by for-of
for (var hi = 0, hname = "fetch"; hi < 1; hi++) window[hname](url); // want "NET001"
function headerNav() { for (var hn = navigator, hz = 0; hz < 1; hz++) hn.sendBeacon(url); } // want "NET005"
for (const scope of [window, self]) scope.fetch(url); // want "NET001"
// near-miss: NET001 for-of over objects that are not the global object
for (const client of [apiClient, cacheClient]) client.fetch(url);
for (const k of ["fetch", "eval"]) registry[k](url);
