// evasion: NET001 NET002 NET003 NET005 global-object forms, destructuring, comma and optional calls, aliases, Reflect.get
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
new window["Web" + "Socket"]("wss://y.example.com"); // want "NET003"
// top-level this is the global object: webpack 5 modules are arrows
this.fetch(url); // want "NET001"
// near-miss: NET001 NET003 NET005 this in a function, catch parameters, arrow parameters
function Loader() { this.fetch(url); }
try { load(); } catch (fetch) { fetch(url); }
const arrow = (fetch) => fetch(url);
const sockets = { WebSocket: class {} }; new sockets.WebSocket("wss://z");
const nav = { sendBeacon() {} }; nav.sendBeacon("https://t.example.com");
