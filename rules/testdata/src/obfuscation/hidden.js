// OBF004: forbidden APIs inside code strings
const src = "self.fetch('https://example.com/beacon')";
const w = new Worker(URL.createObjectURL(new Blob([src], { type: "text/javascript" }))); // want "OBF004"
setTimeout("localStorage.setItem('k', 1)", 10); // want "DYN003" "OBF004"
new Worker("data:text/javascript,importScripts('https://cdn.example.com/x.js')"); // want "OBF004"
// near misses: code strings that reach nothing forbidden, and data that is not code
const blob = new Blob(["a,b\n1,2"], { type: "text/csv" });
const note = new Blob(["fetch is only a word here"]);
setTimeout(() => fetch2(), 10);
