// positive: NET002 NET003 NET004 NET005 NET006 NET007 NET008 NET009 NET010 request APIs
const x = new XMLHttpRequest(); // want "NET002"
const ax = new ActiveXObject("Microsoft.XMLHTTP"); // want "NET002"
new WebSocket("wss://live.example.com"); // want "NET003"
new window.EventSource("https://example.com/stream"); // want "NET004"
navigator.sendBeacon("https://t.example.com", data); // want "NET005"
new WebTransport("https://example.com:4433"); // want "NET006"
new RTCPeerConnection({ iceServers: [] }); // want "NET007"
import("https://cdn.example.com/lib.js"); // want "NET008"
importScripts("https://cdn.example.com/w.js"); // want "NET009"
new Worker("https://cdn.example.com/worker.js"); // want "NET010"
new SharedWorker(workerUrl); // want "NET010@warning"
// evasion: NET002 NET005 NET010 computed keys, bind, aliases
const X = window["XMLHttp" + "Request"]; // want "NET002"
const beacon = navigator.sendBeacon.bind(navigator); // want "NET005"
const SW = self.SharedWorker; new SW("https://cdn.example.com/shared.js"); // want "NET010"
Reflect.construct(Worker, ["https://cdn.example.com/w2.js"]); // want "NET010"
// near-miss: NET002 NET003 NET010 other ActiveX objects, workers from bundled code, look-alikes
const doc = new ActiveXObject("Msxml2.DOMDocument");
new Worker(URL.createObjectURL(new Blob([code])));
new Worker("data:text/javascript,postMessage(1)");
const req = { open() {}, send() {} };
req.open("GET", "https://x.example.com");
class WebSocketish { }
new WebSocketish("wss://x");
if (typeof WebSocket !== "undefined") { }
