// positive: DOM001 DOM002 DOM003 DOM004 DOM005 DOM006 DOM007 DOM008 DOM009
div.innerHTML = "<b>" + row.name + "</b>"; // want "DOM001:1"
div.outerHTML = html; // want "DOM001"
div.innerHTML += label; // want "DOM001"
el.insertAdjacentHTML("beforeend", html); // want "DOM002"
document.write("<div>" + label + "</div>"); // want "DOM003"
document.writeln(x); // want "DOM003"
range.createContextualFragment(html); // want "DOM004"
new DOMParser().parseFromString(html, "text/html"); // want "DOM005"
el.setHTMLUnsafe(html); // want "DOM006"
frame.srcdoc = html; // want "DOM007"
button.setAttribute("onclick", "select(" + id + ")"); // want "DOM008"
d3.select(el).html(d => "<b>" + d.label + "</b>"); // want "DOM009"
$(el).html(data.text); // want "DOM009"
// near-miss: DOM001 DOM002 DOM003 DOM005 DOM008 DOM009 constants and safe APIs
div.innerHTML = "";
div.innerHTML = "<span class=\"x\"></span>";
el.insertAdjacentHTML("beforeend", "<hr>");
el.insertAdjacentText("beforeend", label);
document.write("<p>static</p>");
new DOMParser().parseFromString(xml, "application/xml");
button.setAttribute("class", name);
button.addEventListener("click", () => select(id));
d3.select(el).html("");
d3.select(el).text(d => d.label);
const text = div.innerHTML;
// evasion: DOM001 computed property, compound assignment on a destructured element
div["inner" + "HTML"] = row.name; // want "DOM001"
div["outerHTML"] = html; // want "DOM001"
