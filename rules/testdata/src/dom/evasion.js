// evasions and near misses for the HTML sinks
el["insertAdjacent" + "HTML"]("beforeend", html); // want "DOM002"
el.insertAdjacentHTML.call(el, "afterbegin", row.html); // want "DOM002"
document["wr" + "ite"](label); // want "DOM003"
const w = document.write.bind(document);
w(markup); // want "DOM003"
const r = document.createRange(); r["createContextualFragment"](html); // want "DOM004"
(new window.DOMParser).parseFromString(`<p>${text}</p>`, "text/html"); // want "DOM005"
el?.setHTMLUnsafe?.(html); // want "DOM006"
Document.parseHTMLUnsafe(html); // want "DOM006"
frame["srcdoc"] = "<p>" + name + "</p>"; // want "DOM007"
frame.setAttribute("srcdoc", html); // want "DOM007"
img.setAttribute("ONERROR", "alert(1)"); // want "DOM008"
sel.attr("onmouseover", handlerSource); // want "DOM008"
sel["html"](d => d.label); // want "DOM009"
// near misses: constants, text, and non-HTML parsing
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
