// evasions and near misses: execCommand, with
document["exec" + "Command"]("insertHTML", false, html); // want "DYN006"
document.execCommand.call(document, "InsertHTML", false, html); // want "DYN006"
with (self) { x = 1; } // want "DYN007"
// near misses
document.execCommand("copy");
document.execCommand("insertText", false, text);
const withCare = { with: 1 };
