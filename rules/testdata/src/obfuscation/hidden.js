// positive: OBF004 forbidden APIs inside code strings
const src = "self.fetch('https://example.com/beacon')";
const w = new Worker(URL.createObjectURL(new Blob([src], { type: "text/javascript" }))); // want "OBF004"
setTimeout("localStorage.setItem('k', 1)", 10); // want "DYN003" "OBF004"
// evasion: OBF004 data: URLs (plain, percent-encoded, base64), template Blob parts, Reflect.apply timers, shared workers
new Worker("data:text/javascript,importScripts('https://cdn.example.com/x.js')"); // want "OBF004"
new Worker("data:text/javascript;base64,ZmV0Y2goJ2h0dHBzOi8vZXZpbC5leGFtcGxlJyk="); // want "OBF004"
new Worker("data:text/javascript,fetch(%22https%3A%2F%2Fevil.example%22)"); // want "OBF004"
new Blob([`localStorage.clear()`]); // want "OBF004"
Reflect.apply(setTimeout, window, ["indexedDB.open('x')", 1]); // want "DYN003" "OBF004"
new SharedWorker(URL.createObjectURL(new Blob(["self.importScripts('https://x.example.com/a.js')"]))); // want "OBF004"
// near-miss: OBF004 code strings that reach nothing forbidden, and data that is not code
const blob = new Blob(["a,b\n1,2"], { type: "text/csv" });
const note = new Blob(["fetch is only a word here"]);
setTimeout(() => fetch2(), 10);
new Worker("data:text/javascript;base64,cG9zdE1lc3NhZ2UoMSk=");
