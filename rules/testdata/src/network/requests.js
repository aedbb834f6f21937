// NET002-NET010: request APIs
const x = new XMLHttpRequest(); // want "NET002"
const ax = new ActiveXObject("Microsoft.XMLHTTP"); // want "NET002"
const doc = new ActiveXObject("Msxml2.DOMDocument");
const X = window["XMLHttp" + "Request"]; // want "NET002"
new WebSocket("wss://live.example.com"); // want "NET003"
new window.EventSource("https://example.com/stream"); // want "NET004"
navigator.sendBeacon("https://t.example.com", data); // want "NET005"
const beacon = navigator.sendBeacon.bind(navigator); // want "NET005"
new WebTransport("https://example.com:4433"); // want "NET006"
new RTCPeerConnection({ iceServers: [] }); // want "NET007"
import("https://cdn.example.com/lib.js"); // want "NET008"
importScripts("https://cdn.example.com/w.js"); // want "NET009"
new Worker("https://cdn.example.com/worker.js"); // want "NET010"
new SharedWorker(workerUrl); // want "NET010@warning"
new Worker(URL.createObjectURL(new Blob([code])));
new Worker("data:text/javascript,postMessage(1)");
// near misses
const req = { open() {}, send() {} };
req.open("GET", "https://x.example.com");
class WebSocketish { }
new WebSocketish("wss://x");
if (typeof WebSocket !== "undefined") { }
