// Computed global access in library shapes (written here, never copied):
// a JSONP transport's generated callback name and vendor-prefixed API
// lookups are info; other unresolved keys stay warnings.
// positive: OBF001 a JSONP transport installs its callback under a generated name (info)
function jsonpTransport(s, win) {
  var name = s.jsonpCallback = typeof s.jsonpCallback === "function" ? s.jsonpCallback() : s.jsonpCallback;
  var previous = window[name]; // want "OBF001@info" `JSONP`
  window[name] = function () { responses = arguments; }; // want "OBF001@info"
  done(function () { window[name] = previous; }); // want "OBF001@info"
}
// positive: OBF001 vendor-prefixed variants of a standard API (info)
function prefixed(name) {
  return window["webkit" + name] || window["moz" + name] || window["ms" + name]; // want "OBF001@info" "OBF001@info" "OBF001@info"
}
// evasion: OBF001 other computed keys stay warnings
function callFormatter(cfg, v) { return window[cfg.formatter](v); } // want "OBF001@warning"
var hidden = window["x" + suffix]; // want "OBF001@warning"
function notJsonp(key) { return window[key]; } // want "OBF001@warning"
// near-miss: OBF001 prefixes that fold, keys of our own objects
var rafW = window["webkit" + "RequestAnimationFrame"];
var own = registry["moz" + name];
