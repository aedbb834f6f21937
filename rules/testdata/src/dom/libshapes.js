// Markup in library shapes (written here, never copied): a content setter
// taking a string or a node, markup copied from the page, <style> text, and
// escaped data. The data that reaches them from elsewhere is still found.
// positive: DOM001 a content setter that takes a string or a node from its caller (info)
function updateContent(node, content) {
  if (typeof content === "string") {
    node.innerHTML = content; // want "DOM001@info" `innerHTML`
  } else {
    while (node.hasChildNodes()) node.removeChild(node.firstChild);
    node.appendChild(content);
  }
}
// evasion: DOM001 the same write without the node branch, or of another value, stays an error
function setLabel(node, content) {
  if (typeof content === "string") { node.innerHTML = content; } // want "DOM001@error"
}
function setOther(node, content, other) {
  if (typeof content === "string") { node.innerHTML = other; } else { node.appendChild(content); } // want "DOM001@error"
}
// near-miss: DOM001 constant markup appended to what is there
var preview = document.getElementById("preview");
preview.innerHTML += "<br>";
preview.innerHTML = "";
// positive: DOM001 data appended is still an error
preview.innerHTML += "<b>" + fileName + "</b>"; // want "DOM001@error"
// positive: DOM009 markup read back from the page, and <style> text (info)
var tip = $("<div>").html(panel.find(".content").html()); // want "DOM009@info" `read back`
this.element.append($("<st" + "yle>" + this.getCss().join("\n") + "</st" + "yle>")); // want "DOM009@info" `CSS`
$(host).prepend($("<style>" + cssText + "</style>")); // want "DOM009@info"
// positive: DOM009 markup whose data is escaped is a warning naming the escaper
el.html('<div class="empty">' + util.htmlEscape(this.opt("noEventsMessage")) + "</div>"); // want "DOM009@warning" `htmlEscape`
$("<p>" + _.escape(row.name) + "</p>"); // want "DOM009@warning" `escape`
// evasion: DOM009 one unescaped part is enough for an error
el.html("<p>" + util.htmlEscape(a) + row.b + "</p>"); // want "DOM009@error"
$("<div>" + row.name + "</div>"); // want "DOM009@error"
el.html(row.description); // want "DOM009@error"
// near-miss: DOM009 a jQuery element built with one-argument setters is a node, not markup
var legendBox = $("<div></div>").height(margins.height).addClass(legendClass);
$(legendParent[0]).prepend(legendBox);
var shown = $("<span/>").show().toggleClass("on", true);
$(holder).append(shown);
// positive: DOM009 a getter's result is data of unknown type (a warning)
var h = $(holder).height();
$(holder).append(h); // want "DOM009@warning"
// positive: DOM009 a property whose every write in the bundle is a constant is info
function Legend() {}
Legend.placeSelector = "\u25cf";
Legend.prototype.draw = function (cell) {
  cell.append("span").html(Legend.placeSelector); // want "DOM009@info" `every value the bundle writes to placeSelector is a constant`
};
// evasion: DOM009 one write of data to the property keeps the error
var tip = { body: "<i>none</i>" };
tip.body = row.comment;
cell.append("span").html(tip.body); // want "DOM009@error"
// positive: DOM001 DOM002 DOM005 an HTML sanitiser's own internals (options ALLOWED_TAGS, FORBID_TAGS, KEEP_CONTENT) are info
var makeCleaner = function (win) {
  var cfg = { ALLOWED_TAGS: null, FORBID_TAGS: null, KEEP_CONTENT: true };
  function initDocument(dirty) {
    var doc;
    try { doc = new win.DOMParser().parseFromString(dirty, "text/html"); } catch (e) {} // want "DOM005@info" `sanitiser`
    if (!doc) { doc = win.document.implementation.createHTMLDocument(""); doc.body.outerHTML = dirty; } // want "DOM001@info"
    return doc;
  }
  function keepContent(node) {
    if (cfg.KEEP_CONTENT && typeof node.insertAdjacentHTML === "function") node.insertAdjacentHTML("AfterEnd", node.innerHTML); // want "DOM002@info"
  }
  function escapeNode(node) { node.innerHTML = node.textContent.replace(/</g, "&lt;"); } // want "DOM001@info"
  var cleaner = {};
  cleaner.sanitize = function (s) { keepContent(s); return initDocument(s).body.innerHTML; };
  return cleaner;
};
// evasion: DOM001 a function naming three options that defines no sanitiser is not one
function configure(el, row) { var o = { ALLOWED_TAGS: ["b"], FORBID_TAGS: ["script"], KEEP_CONTENT: false }; el.innerHTML = row.html; } // want "DOM001@error"
// evasion: DOM001 the visual's own write outside the sanitiser stays an error, even in a function that names an option
function render(el, row) { var opts = { ALLOWED_TAGS: ["b"] }; el.innerHTML = row.label; } // want "DOM001@error"
// positive: DOM009 markup built from properties whose every write is a literal (jQuery UI's datepicker ids) is info
function Picker() { this._mainDivId = "ui-datepicker-div"; this._inlineClass = "ui-datepicker-inline"; }
Picker.prototype.build = function (inline) {
  this.dpDiv = $("<div id='" + this._mainDivId + "' class='ui-datepicker ui-widget'></div>"); // want "DOM009@info" `_mainDivId`
  if (inline) this.inlineDiv = $("<div class='" + this._inlineClass + " ui-datepicker'></div>"); // want "DOM009@info"
};
// evasion: DOM009 a property the visual also writes from data stays an error
function Titled(opts) { this._title = "Untitled"; if (opts) this._title = opts.title; }
Titled.prototype.build = function () { return $("<div class='title'>" + this._title + "</div>"); }; // want "DOM009@error"
// positive: DOM001 a map's attribution control joining its prefix and the layers' attributions into innerHTML is info
var Attribution = {
  options: { prefix: "<a href='#'>Maps</a>" },
  _update: function () {
    var attribs = [];
    for (var i in this._attributions) if (this._attributions[i]) attribs.push(i);
    var prefixAndAttribs = [];
    if (this.options.prefix) prefixAndAttribs.push(this.options.prefix);
    if (attribs.length) prefixAndAttribs.push(attribs.join(", "));
    this._container.innerHTML = prefixAndAttribs.join(" | "); // want "DOM001@info" `attribution control`
  },
};
// evasion: DOM001 the visual's layer attribution or addAttribution given data is the error
L.tileLayer(tileUrl, { attribution: settings.attributionText, maxZoom: 18 }); // want "DOM001@error" `attribution option`
map.attributionControl.addAttribution(row.source); // want "DOM001@error"
var provider = providers[settings.style] || providers.standard;
L.tileLayer(provider.url, { attribution: provider.attribution }); // want "DOM001@warning" `forwarded`
// near-miss: DOM001 constant attributions, a library's null default, the control adding a layer's own option
var Control = { onAdd: function (map) { for (var i in map._layers) if (map._layers[i].getAttribution) this.addAttribution(map._layers[i].getAttribution()); } };
L.tileLayer(tileUrl, { attribution: "© OpenStreetMap contributors" });
var LayerDefaults = { options: { pane: "overlayPane", attribution: null } };
map.attributionControl.addAttribution("Data © City");
