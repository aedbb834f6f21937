// more evasions and near misses for the request APIs
const WT = self.WebTransport; // want "NET006"
new WT("https://example.com:4433");
new window["Web" + "Transport"]("https://example.com:4433"); // want "NET006"
const { RTCPeerConnection: PC } = globalThis; // want "NET007"
new PC({ iceServers: [] });
new webkitRTCPeerConnection({}); // want "NET007"
Reflect.construct(RTCPeerConnection, [{}]); // want "NET007"
self.importScripts.call(self, "https://cdn.example.com/w.js"); // want "NET009"
const load = importScripts; // want "NET009"
load("https://cdn.example.com/w2.js");
self.top.postMessage(data, "*"); // want "NET013"
document.defaultView.parent.postMessage(data, "*"); // want "NET013"
const up = window.parent; up.postMessage(data, "*"); // want "NET013"
el.style.cssText = "background:u\\72l(https://cdn.example.com/x.png)"; // want "NET014"
new FontFace("Brand", "url(https://fonts.example.com/brand.woff2)"); // want "NET014"
// near misses
function connect(WebTransport) { return new WebTransport(u); }
class RTCPeerConnectionMock {} new RTCPeerConnectionMock();
worker.postMessage(data); // a worker of our own, not the parent page
window.postMessage(data, "*"); // our own window
iframe.contentWindow.postMessage(data, "*"); // a frame we created
el.style.background = "url(data:image/png;base64,AAAA)";
el.style.background = "url(#gradient)";
const importScriptsNote = "importScripts(url) is not called here";
