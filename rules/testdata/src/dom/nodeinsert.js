// jQuery's insert methods given nodes the code builds (a widget library's
// own fields), not strings: labelled (info); data stays a warning.
// positive: DOM009 a field the code only fills with nodes it builds, a node built right there
function Picker(el) {
  this.el = el;
  this.popup = $("<div class='picker-popup'>").addClass("hidden");
  this.handle = null;
}
Picker.prototype = {
  options: { handle: "original", label: "" },
  open: function () {
    this.handle = this.handle || $("<span class='handle'>");
    $("body").append(this.popup); // want "DOM009@info" `node the code builds`
    $(this.el).prepend(this.handle); // want "DOM009@info" `writes .handle with nodes`
  },
  item: function (label) {
    return $("<li>").append($("<span>").text(label)); // want "DOM009@info" `built right there`
  },
};
var bindHover = function (node) { return node.on("mouseover", hover); };
var pickerMain = { dpDiv: bindHover($("<div class='picker-main'>")) };
$("body").append(pickerMain.dpDiv); // want "DOM009@info"
$(el).append(document.createTextNode(dataString)); // want "DOM009@info" `built right there`
// evasion: DOM009 a field also written with markup, a node field read through the options it shares a name with, data strings
function Banner(el) { this.el = el; this.title = $("<h3>"); }
Banner.prototype.setTitle = function (t) {
  if (t) this.title = "<h3>" + t + "</h3>";
  $(this.el).append(this.title); // want "DOM009@warning"
};
var pickerOpts = new Picker(el).options;
$(el).append(pickerOpts.handle); // want "DOM009@warning"
$(el).append(dataString); // want "DOM009@warning"
$(el).append(row.caption); // want "DOM009@warning"
function Label(el) { this.el = el; this.text = $("<b>").attr("title"); }
Label.prototype.show = function () { $(this.el).append(this.text); }; // want "DOM009@warning"
// near-miss: DOM009 elements and text that jQuery never parses
var cell = document.createElement("td");
$(row).append(cell);
$(el).text(dataString);
