// evasion: DYN006 computed keys, .call, case
document["exec" + "Command"]("insertHTML", false, html); // want "DYN006"
document.execCommand.call(document, "InsertHTML", false, html); // want "DYN006"
// evasion: DYN007 with on the global object
with (self) { x = 1; } // want "DYN007"
// near-miss: DYN006 DYN007 other commands, a property named with
document.execCommand("copy");
document.execCommand("insertText", false, text);
const withCare = { with: 1 };
withCare.with = 2;
