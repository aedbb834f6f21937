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
