// Dotted-path dynamic-code rules reached through a local alias of their
// namespace object (issue 14: DYN005 missed these).
// evasion: DYN005 alias of WebAssembly, destructured from the global object
const wa = WebAssembly;
wa.compile(bytes); // want "DYN005:1" `^WebAssembly\.compile compiles`
wa.instantiateStreaming(resp); // want "DYN005"
const { WebAssembly: wa2 } = globalThis;
new wa2.Module(bytes); // want "DYN005"
wa["instan" + "tiate"](bytes, imports); // want "DYN005"
// near-miss: DYN005 an alias of WebAssembly used only for validation and memory
const wa3 = WebAssembly;
wa3.validate(bytes);
new wa3.Memory({ initial: 1 });
// evasion: DYN006 alias of document
const doc = document;
doc.execCommand("insertHTML", false, html); // want "DYN006"
// near-miss: DYN006 other commands through the alias
doc.execCommand("bold");
// evasion: DYN004 alias of document for the navigation
const doc2 = document;
doc2.location = "javascript:run()"; // want "DYN004"
