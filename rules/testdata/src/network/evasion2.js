// evasion: NET006 aliases, computed keys, destructuring, Reflect.construct, escapes, optional calls
const WT = self.WebTransport; // want "NET006"
new WT("https://example.com:4433");
new window["Web" + "Transport"]("https://example.com:4433"); // want "NET006"
const W2 = WebTransport; new W2(u); // want "NET006"
Reflect.construct(WebTransport, [u]); // want "NET006"
const { WebTransport: WT3 } = globalThis; // want "NET006"
new \u0057ebTransport(u); // want "NET006" "OBF002"
// evasion: NET007 destructuring, prefixed, Reflect.construct, computed keys, another realm
const { RTCPeerConnection: PC } = globalThis; // want "NET007"
new PC({ iceServers: [] });
new webkitRTCPeerConnection({}); // want "NET007"
Reflect.construct(RTCPeerConnection, [{}]); // want "NET007"
new window["RTCPeer" + "Connection"]({}); // want "NET007"
const fr = document.createElement("iframe");
new fr.contentWindow.RTCPeerConnection({}); // want "NET007"
// evasion: NET009 .call/.apply, aliases, computed keys, optional calls, destructuring
self.importScripts.call(self, "https://cdn.example.com/w.js"); // want "NET009"
const load = importScripts; // want "NET009"
load("https://cdn.example.com/w2.js");
importScripts.apply(self, [u]); // want "NET009"
self["import" + "Scripts"](u); // want "NET009"
globalThis?.importScripts?.(u); // want "NET009"
const { importScripts: is } = self; // want "NET009"
// evasion: NET013 the parent and top windows reached through other paths
self.top.postMessage(data, "*"); // want "NET013"
document.defaultView.parent.postMessage(data, "*"); // want "NET013"
const up = window.parent; up.postMessage(data, "*"); // want "NET013"
window["par" + "ent"].postMessage(d, "*"); // want "NET013"
parent.postMessage.call(parent, d, "*"); // want "NET013"
parent.postMessage.apply(parent, [d, "*"]); // want "NET013"
top["postMessage"](d, "*"); // want "NET013"
window.top?.postMessage?.(d, "*"); // want "NET013"
const { parent: pp } = window; pp.postMessage(d, "*"); // want "NET013"
window.opener.postMessage(d, "*"); // want "NET013"
Reflect.apply(parent.postMessage, parent, [d, "*"]); // want "NET013"
frames.parent.postMessage(d, "*"); // want "NET013"
// evasion: NET014 CSS escapes, template literals, FontFace, setProperty, @font-face text
el.style.cssText = "background:u\\72l(https://cdn.example.com/x.png)"; // want "NET014"
new FontFace("Brand", "url(https://fonts.example.com/brand.woff2)"); // want "NET014"
el.style.cssText = `background: url(https://cdn.example.com/x.png)`; // want "NET014"
el.style.setProperty("background-image", "url('https://cdn.example.com/y.png')"); // want "NET014"
const css = "@font-face { font-family: X; src: url(https://f.example.com/x.woff2) }"; // want "NET014"
// near-miss: NET006 NET007 NET009 NET013 NET014 parameters, user classes, own windows and frames, local CSS
function connect(WebTransport) { return new WebTransport(u); }
class RTCPeerConnectionMock {} new RTCPeerConnectionMock();
worker.postMessage(data); // a worker of our own, not the parent page
window.postMessage(data, "*"); // our own window
iframe.contentWindow.postMessage(data, "*"); // a frame we created
el.style.background = "url(data:image/png;base64,AAAA)";
el.style.background = "url(#gradient)";
const importScriptsNote = "importScripts(url) is not called here";
const transports = { WebTransport() {} }; transports.WebTransport(u);
function run(importScripts) { importScripts(u); }
const msgr = { parent: { postMessage() {} } }; msgr.parent.postMessage(d);
const style = "url(./local.png) @import 'local.css'";
