// Dotted-path DOM rules reached through a local alias of their namespace
// object.
// evasion: DOM003 alias of document, destructured from window
const doc = document;
doc.write(html); // want "DOM003:1"
const { document: d2 } = window;
d2.writeln("<p>" + name + "</p>"); // want "DOM003"
// near-miss: DOM003 constant markup through the alias
doc.write("<p>static</p>");
