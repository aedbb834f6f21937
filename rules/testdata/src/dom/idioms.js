// Library definitions and feature tests, written here in the shape real
// bundles carry them (never copied): lowered to info and labelled. The call
// sites that pass data to them are reported at full severity.

// positive: DOM001 a fragment builder: wrapper table prefix + markup + suffix, then down lastChild
function buildFragment(elems, context) {
  var frag = context.createDocumentFragment(), tmp = frag.appendChild(context.createElement("div"));
  var tag = (/<([a-z][^\/\0>\x20\t\r\n\f]*)/i.exec(elems[0]) || ["", ""])[1].toLowerCase();
  var wrap = wrapMap[tag] || wrapMap._default;
  tmp.innerHTML = wrap[1] + lib.htmlPrefilter(elems[0]) + wrap[2]; // want "DOM001@info"
  for (var j = wrap[0]; j--;) tmp = tmp.lastChild;
  return frag;
}
function buildFragmentOld(elem, tmp) {
  var w = wrapMap._default;
  tmp.innerHTML = w[1] + elem.replace(xhtmlTag, "<$1></$2>") + w[2]; // want "DOM001@info"
}
// positive: DOM001 a selector engine's feature test: fixed markup with a generated id, queried back
var stamp = "sel" + 1 * new Date();
check(function (el) {
  root.appendChild(el).innerHTML = "<a id='" + stamp + "'></a><select id='" + stamp + "-x'></select>"; // want "DOM001@info"
  if (!el.querySelectorAll("[selected]").length) { missing.push("selected"); }
});
// positive: DOM001 a renderer's innerHTML setter: SVG nodes without innerHTML go through a wrapper
var setHTML = function (node, html) {
  if (node.namespaceURI !== svgNS || "innerHTML" in node) {
    node.innerHTML = html; // want "DOM001@info"
  } else {
    holder = holder || document.createElement("div");
    holder.innerHTML = "<svg>" + html.valueOf().toString() + "</svg>"; // want "DOM001@info"
    for (html = holder.firstChild; node.firstChild;) node.removeChild(node.firstChild);
  }
};
// positive: DOM001 CSS text written into a <style> element is not markup
var styleEl = document.createElement("style");
styleEl.innerHTML = cssText; // want "DOM001@info"
// positive: DOM008 an event feature test writes a handler that does nothing, then reads it back
var probe = document.createElement("div");
probe.setAttribute("oninput", "return;"); // want "DOM008@info"
var hasInput = typeof probe.oninput === "function";
// positive: DOM004 an HTML loader parses the response of its own request
function respond(request) {
  var range = document.createRange();
  range.selectNode(document.body);
  return range.createContextualFragment(request.responseText); // want "DOM004@info"
}
// positive: DOM003 another realm's document written with markup a helper builds from constants
function tagOf(content) { return "<" + "script" + ">" + content + "</" + "script" + ">"; }
function freshObject() {
  var frame = document.createElement("iframe"), doc;
  frame.style.display = "none";
  document.body.appendChild(frame);
  doc = frame.contentWindow.document;
  doc.open();
  doc.write(tagOf("document.F=Object")); // want "DOM003@info"
  doc.close();
}
// positive: DOM001 DOM009 DOM010 sanitised HTML is a warning that names the sanitiser
div.innerHTML = DOMPurify.sanitize(row.html); // want "DOM001@warning"
const purifier = createPurify(window); cell.innerHTML = purifier.sanitize(row.html, { ALLOWED_TAGS: ["b"] }); // want "DOM001@warning"
d3.select(el).html(DOMPurify.sanitize(row.html)); // want "DOM009@warning"
const view = { dangerouslySetInnerHTML: { __html: sanitize(row.html) } }; // want "DOM010@warning"
// positive: DOM009 the call sites that give the library data are reported at full severity
$(el).append(row.html); // want "DOM009@warning"
$("<div class='tip'>" + row.label + "</div>"); // want "DOM009@error"
jQuery(el).after(`<span>${row.label}</span>`); // want "DOM009@error"
list.prepend("<li>" + row.label + "</li>"); // want "DOM009@error"

// evasion: DOM001 a renamed, bundled sanitiser keeps its method name
cell.innerHTML = (0, n.default).sanitize(row.html); // want "DOM001@warning"
// evasion: DOM001 DOM003 DOM004 DOM008 look-alikes of the idioms that carry data stay errors
function notAFragment(tmp, wrap) { tmp.innerHTML = wrap[0] + row.html + wrap[1]; } // want "DOM001@error"
function notATest(el) { root.appendChild(el).innerHTML = "<b>" + row.label + "</b>"; } // want "DOM001@error"
function notASetter(node, html) { node.innerHTML = html; } // want "DOM001@error"
probe.setAttribute("onclick", "go(" + row.id + ")"); // want "DOM008@error"
range.createContextualFragment(row.html); // want "DOM004@error"
var other = document.createElement("iframe"); other.contentWindow.document.write(tagOf(row.html)); // want "DOM003@error"
div.innerHTML = escapeHtml(row.html); // want "DOM001@error"
// near-miss: DOM009 nodes and selectors given to jQuery, text given to the DOM's own append
var bold = document.createElement("b"); $(selector).append(bold); $("#" + row.id); $(el).append(document.createElement("b"));
document.body.append(row.label);
