// Setters and prototype methods reached through descriptors, legacy
// accessor lookups, Reflect.set and interface prototypes
// (analyzer/reflectpaths.go).
var host = document.getElementById("host"), markup = options.markup;
// evasion: DOM001 a property descriptor's setter called on the element
Object.getOwnPropertyDescriptor(Element.prototype, "innerHTML").set.call(host, markup); // want "DOM001" `innerHTML`
Reflect.getOwnPropertyDescriptor(Element.prototype, "innerHTML").set.call(host, markup); // want "DOM001"
var ihSet = Object.getOwnPropertyDescriptor(Element.prototype, "innerHTML").set; ihSet.apply(host, [markup]); // want "DOM001"
host.__lookupSetter__("innerHTML").call(host, markup); // want "DOM001"
Element.prototype.__lookupSetter__("outerHTML").call(host, markup); // want "DOM001" `outerHTML`
Reflect.set(host, "innerHTML", markup); // want "DOM001"
// evasion: DOM003 DOM002 prototype methods called on the real document and element
Document.prototype.write.call(document, markup); // want "DOM003"
HTMLDocument.prototype.writeln.apply(document, [markup]); // want "DOM003"
Element.prototype.insertAdjacentHTML.call(host, "beforeend", markup); // want "DOM002"
// near-miss: DOM001 DOM003 constants, sanitised text, reads, getters, our own setters
Object.getOwnPropertyDescriptor(Element.prototype, "innerHTML").set.call(host, "<b>fixed</b>");
Object.getOwnPropertyDescriptor(Node.prototype, "textContent").set.call(host, markup);
var current = Object.getOwnPropertyDescriptor(Element.prototype, "innerHTML").get.call(host);
Reflect.set(host, "textContent", markup);
Reflect.set(state, "html", markup);
Object.getOwnPropertyDescriptor(Widget.prototype, "content").set.call(widget, markup);
Document.prototype.write.call(document, "<p>static</p>");
