// Element sources set through a field: a fixed external host is an error
// wherever the field is written once with a literal and read later.
// positive: NET011 a fixed external image source set through a field, then given to an img
class Banner {
  constructor(el) {
    this.imageurl = "https://cdn.example.com/images/logo.svg";
    this.image = d3.select(el).append("div").append("img").attr("src", this.imageurl); // want "NET011@error"
  }
}
// evasion: NET011 the URL field set in the constructor and used in a prototype method on a created script element
function ScriptLoader() { this.libraryUrl = "https://cdn.example.com/lib.js"; }
ScriptLoader.prototype.load = function () {
  var s = document.createElement("script");
  s.src = this.libraryUrl; // want "NET011@error"
  document.head.appendChild(s);
};
// positive: NET011 a URL field the visual's settings also write stays a warning (a URL computed at run time)
class Configurable {
  constructor(el) { this.icon = "https://cdn.example.com/i.svg"; this.el = el; }
  update(o) { this.icon = o.settings.icon; d3.select(this.el).append("img").attr("src", this.icon); } // want "NET011@warning"
}
// near-miss: NET011 a field of local constants (a data: URL) is silent
class LocalIcon {
  constructor(el) { this.localIcon = "data:image/svg+xml,%3Csvg%3E%3C/svg%3E"; d3.select(el).append("img").attr("src", this.localIcon); }
}
// evasion: NET011 a URL field the format pane also writes, read right after the constructor sets it to a remote literal
class Tooltip {
  constructor(el) {
    this.imageurl = "https://cdn.example.com/images/Tooltip.svg", this.image = d3.select(el).append("div").append("img").attr("src", this.imageurl); // want "NET011@error" `right before`
  }
  update(o) { this.imageurl = o.settings.imageurl; }
}
// positive: NET011 a call between the write and the read may change the field: a warning
class Between {
  constructor(el) {
    this.logo = "https://cdn.example.com/l.svg";
    this.reset();
    d3.select(el).append("img").attr("src", this.logo); // want "NET011@warning"
  }
  reset() { this.logo = this.opts.logo; }
}
