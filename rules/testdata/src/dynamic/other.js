// DYN004 javascript: URLs; DYN005 WebAssembly; DYN006 execCommand; DYN007 with
const a = document.createElement("a");
a.href = "javascript:doSomething()"; // want "DYN004"
a.setAttribute("href", "javascript:void(0)"); // want "DYN004"
location.href = "javascript:alert(1)"; // want "DYN004"
WebAssembly.instantiate(bytes); // want "DYN005"
WebAssembly.compile(bytes); // want "DYN005"
document.execCommand("insertHTML", false, html); // want "DYN006"
with (scope) { run(); } // want "DYN007"
// near misses
a.href = "#section";
document.execCommand("copy");
const wasm = { instantiate() {} };
wasm.instantiate(bytes);
if (typeof WebAssembly === "object") { }
