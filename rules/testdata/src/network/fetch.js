// positive: NET001 fetch and fetchLater
fetch("https://api.example.com/data"); // want "NET001:1"
window.fetch(url); // want "NET001:1"
// evasion: NET001 aliases, destructuring, computed keys, Reflect, optional and comma calls, .call/.apply, global-object forms, realms
const f = fetch; // want "NET001"
f(url);
const { fetch: g } = window; // want "NET001"
window["fe" + "tch"](url); // want "NET001"
Reflect.get(window, "fetch")(url); // want "NET001"
Reflect.apply(fetch, window, [url]); // want "NET001"
window?.fetch?.(url); // want "NET001"
(0, fetch)(url); // want "NET001"
fetch.call(window, url); // want "NET001"
self["fetch"].apply(self, [url]); // want "NET001"
globalThis.fetchLater(url); // want "NET001"
document.defaultView.fetch(url); // want "NET001"
Function("return this")().fetch(url); // want "NET001" "DYN002@info"
const frame = document.createElement("iframe");
frame.contentWindow.fetch(url); // want "NET001"
// near-miss: NET001 none of these is a request
const client = { fetch(u) { return u; } };
client.fetch("https://api.example.com");
host.fetchMoreData(true);
function load(fetch) { return fetch(url); }
(() => { const fetch = (u) => u; fetch("https://x.example.com"); })();
if (typeof fetch === "function") { console.log("has fetch"); }
const msg = "call fetch(url) to load";
// fetch("https://commented.example.com")
