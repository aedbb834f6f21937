// more evasions of the request APIs
window.window.fetch(url); // want "NET001"
frames.fetch(url); // want "NET001"
const { fetch } = self; // want "NET001"
(0, window.fetch)(url); // want "NET001"
new (window.XMLHttpRequest)(); // want "NET002"
window?.["fetch"](url); // want "NET001"
const W = WebSocket; // want "NET003"
new W("wss://x.example.com");
const send = Reflect.get(navigator, "sendBeacon"); // want "NET005"
parent.fetch(url); // want "NET001"
// top-level this is the global object: webpack 5 modules are arrows
this.fetch(url); // want "NET001"
function Loader() { this.fetch(url); }
try { load(); } catch (fetch) { fetch(url); }
const arrow = (fetch) => fetch(url);
