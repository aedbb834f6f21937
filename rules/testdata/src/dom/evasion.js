// evasion: DOM002 computed method names, .call/.apply, optional calls, escapes, Reflect.apply
el["insertAdjacent" + "HTML"]("beforeend", html); // want "DOM002"
el.insertAdjacentHTML.call(el, "afterbegin", row.html); // want "DOM002"
el.insertAdjacentHTML.apply(el, ["beforeend", h]); // want "DOM002"
el?.insertAdjacentHTML?.("beforeend", h); // want "DOM002"
el["insertAdjacent\u0048TML"]("beforeend", h); // want "DOM002"
Reflect.apply(el.insertAdjacentHTML, el, ["beforeend", h]); // want "DOM002"
el["insertAdjacent" + "HTML"].call(el, "beforeend", h); // want "DOM002"
// evasion: DOM003 computed keys, bind, aliases of document, .apply, other documents
document["wr" + "ite"](label); // want "DOM003"
const w = document.write.bind(document);
w(markup); // want "DOM003"
const doc = document; doc.write(h); // want "DOM003"
window.document.write(h); // want "DOM003"
document.defaultView.document.writeln(h); // want "DOM003"
document.write.apply(document, [h]); // want "DOM003"
const fr = document.createElement("iframe");
fr.contentWindow.document.write(h); // want "DOM003"
fr.contentDocument.write(h); // want "DOM003"
// evasion: DOM004 computed keys, .call, chains
const r = document.createRange(); r["createContextualFragment"](html); // want "DOM004"
document.createRange().createContextualFragment(h); // want "DOM004"
range["createContextual" + "Fragment"](h); // want "DOM004"
range.createContextualFragment.call(range, h); // want "DOM004"
// evasion: DOM005 templates, aliases, computed keys, constant MIME types
(new window.DOMParser).parseFromString(`<p>${text}</p>`, "text/html"); // want "DOM005"
const P = DOMParser; new P().parseFromString(h, "text/html"); // want "DOM005"
parser["parseFrom" + "String"](h, "text/html"); // want "DOM005"
parser.parseFromString.call(parser, h, "text/html"); // want "DOM005"
const mime = "text/html"; parser.parseFromString(h, mime); // want "DOM005"
// evasion: DOM006 optional calls, computed keys, .call
el?.setHTMLUnsafe?.(html); // want "DOM006"
Document.parseHTMLUnsafe(html); // want "DOM006"
el["setHTML" + "Unsafe"](h); // want "DOM006"
el.setHTMLUnsafe.call(el, h); // want "DOM006"
Document["parseHTML" + "Unsafe"](h); // want "DOM006"
// evasion: DOM007 computed keys, attributes in any case, compound assignment
frame["srcdoc"] = "<p>" + name + "</p>"; // want "DOM007"
frame.setAttribute("srcdoc", html); // want "DOM007"
frame["src" + "doc"] = h; // want "DOM007"
fr.setAttribute("SRCDOC", h); // want "DOM007"
fr.srcdoc += h; // want "DOM007"
fr.setAttributeNS(null, "srcdoc", h); // want "DOM007"
// evasion: DOM008 case, D3 attr, computed method names, .call, namespaced, constant names
img.setAttribute("ONERROR", "alert(1)"); // want "DOM008"
sel.attr("onmouseover", handlerSource); // want "DOM008"
el["set" + "Attribute"]("onclick", code); // want "DOM008"
el.setAttribute.call(el, "onload", code); // want "DOM008"
el.setAttributeNS(null, "onclick", code); // want "DOM008"
const evName = "onerror"; el.setAttribute(evName, code); // want "DOM008"
// evasion: DOM009 computed method names, .call, optional calls
sel["html"](d => d.label); // want "DOM009"
sel["ht" + "ml"](d => d.x); // want "DOM009"
sel.html.call(sel, h); // want "DOM009"
sel?.html?.(h); // want "DOM009"
$(el)["html"](h); // want "DOM009"
// near-miss: DOM002 DOM003 DOM004 DOM005 DOM006 DOM007 DOM008 DOM009 constants, text, non-HTML parsing, handler properties
el.insertAdjacentHTML("beforeend", "<hr>");
el.insertAdjacentText("beforeend", html);
document.write("<p>static</p>");
range.createContextualFragment("<b>ok</b>");
new DOMParser().parseFromString(xml, "application/xml");
el.setHTMLUnsafe("");
frame.srcdoc = "<p>static</p>";
button.setAttribute("onclick", "");
button.setAttribute("one", "x");
button.addEventListener("click", () => select(id));
sel.html("");
sel.text(d => d.label);
el.onclick = "alert(1)"; // a string given to an event-handler property is ignored by the browser
el.setAttributeNS(null, "data-x", code);
const notes = { write(s) { return s; } }; notes.write(h);
