// certification.md §8: benign patterns real bundles contain
const svgNS = "http://www.w3.org/2000/svg";
const xhtml = "http://www.w3.org/1999/xhtml";
const xlink = "http://www.w3.org/1999/xlink";
const xmlns = "http://www.w3.org/2000/xmlns/";
const xmlNS = "http://www.w3.org/XML/1998/namespace";
const node = document.createElementNS(svgNS, "g");
node.setAttributeNS(xmlns, "xmlns:xlink", xlink);
globalThis.dialogRegistry = globalThis.dialogRegistry || {};
var root = Function("return this")(); // want "DYN002@info"
var g2 = new Function("return this")(); // want "DYN002@info"
try { regeneratorRuntime = r; } catch (e) { Function("r", "regeneratorRuntime = r")(r); } // want "DYN002@info"
const api = { fetch(q) { return q; }, eval: (x) => x };
api.fetch("https://example.com");
host.fetchMoreData(true);
function shadow(fetch, localStorage, eval) { fetch(1); localStorage.getItem(1); eval(2); }
{ let XMLHttpRequest = function () {}; new XMLHttpRequest(); }
// fetch("https://example.com") eval(x) localStorage innerHTML
const words = "fetch eval localStorage document.cookie innerHTML";
// jQuery's own .html() implementation: reported at info with its idiom
var jq = { fn: { html: function (value) { for (var i = 0, elem; i < this.length; i++) { elem = this[i]; if (elem.nodeType === 1) { jQuery.cleanData(getAll(elem)); elem.innerHTML = value; } } } } }; // want "DOM001@info"
