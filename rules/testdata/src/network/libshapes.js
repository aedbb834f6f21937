// Request helpers defined on top of .ajax, written here in the shape real
// bundles carry them (never copied): the definition, whose URL is its own
// parameter, is info; the call that passes a URL is the finding.
var lib = window.lib;
// positive: NET015 a helper's definition is info
lib.each(["get", "post"], function (i, method) {
  lib[method] = function (url, data, callback, type) {
    return lib.ajax(lib.extend({ url: url, type: method, dataType: type, data: data, success: callback }, lib.isPlainObject(url) && url)); // want "NET015@info" `helper's definition`
  };
});
lib._evalUrl = function (url) {
  return lib.ajax({ url: url, type: "GET", dataType: "script", cache: true, async: false, global: false }); // want "NET015@info"
};
lib.fn.load = function (url, params, callback) {
  var self = this, selector, type;
  if (url.indexOf(" ") > -1) { selector = url.slice(url.indexOf(" ")); url = url.slice(0, url.indexOf(" ")); }
  if (params && typeof params === "object") { type = "POST"; }
  lib.ajax({ url: url, type: type || "GET", dataType: "html", data: params }).done(function (text) { // want "NET015@info"
    self.html(selector ? lib("<div>").append(lib.parseHTML(text)).find(selector) : text); // want "DOM009@info" `response of the helper`
  });
  return this;
};
// positive: NET015 the call sites that pass a URL stay warnings
$.ajax({ url: "https://cdn.example.com/lib.js", type: "GET", dataType: "script" }); // want "NET015@warning"
$.getJSON(settings.galleryURL, function (d) { render(d); }); // want "NET015@warning"
// evasion: NET015 a helper whose URL is not its parameter is not a definition
function refresh(id) {
  return $.ajax({ url: "https://api.example.com/items/" + id, type: "GET", dataType: "json" }); // want "NET015@warning"
}
function reload(opts) {
  return $.ajax({ url: opts.url, type: "GET", dataType: "json" }); // want "NET015@warning"
}
// near-miss: NET015 DOM009 other methods named ajax/html on our own objects with constants
var api = { ajax: function (o) { return o; } };
var view = { html: function (s) { return s; } };
view.html("<b>fixed</b>");
