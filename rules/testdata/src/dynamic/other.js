// positive: DYN004 DYN005 DYN006 DYN007
const a = document.createElement("a");
a.href = "javascript:doSomething()"; // want "DYN004"
WebAssembly.instantiate(bytes); // want "DYN005"
document.execCommand("insertHTML", false, html); // want "DYN006"
with (scope) { run(); } // want "DYN007"
// evasion: DYN004 setAttribute, location, case and data:text/html
a.setAttribute("href", "javascript:void(0)"); // want "DYN004"
location.href = "javascript:alert(1)"; // want "DYN004"
a.href = "JavaScript:run()"; // want "DYN004"
const fr = document.createElement("iframe");
fr.src = "data:text/html,<script>run()</script>"; // want "DYN004"
// evasion: DYN005 compile, computed keys, destructuring
WebAssembly.compile(bytes); // want "DYN005"
WebAssembly["instantiate" + "Streaming"](fetched); // want "DYN005"
const { compile: wc } = WebAssembly; // want "DYN005"
// near-miss: DYN004 DYN005 anchors, user objects, feature tests
a.href = "#section";
const wasm = { instantiate() {} };
wasm.instantiate(bytes);
if (typeof WebAssembly === "object") { }
a.title = "javascript:void(0)";
