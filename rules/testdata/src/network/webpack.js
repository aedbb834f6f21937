// webpack's runtime chunk loading, written here in its shape.
// positive: NET011 __webpack_require__.l with a public path on another host
var inProgress = {}, prefix = "visual:";
req.p = "https://cdn.example.com/assets/";
req.l = (url, done, key, chunkId) => {
  if (inProgress[url]) { inProgress[url].push(done); return; }
  var script, needAttach;
  if (key !== undefined) {
    var scripts = document.getElementsByTagName("script");
    for (var i = 0; i < scripts.length; i++) { var s = scripts[i]; if (s.getAttribute("src") == url) { script = s; break; } }
  }
  if (!script) {
    needAttach = true;
    script = document.createElement("script");
    script.charset = "utf-8";
    script.timeout = 120;
    script.setAttribute("data-webpack", prefix + key);
    script.src = url; // want "NET011@error"
  }
  inProgress[url] = [done];
  needAttach && document.head.appendChild(script);
};
// evasion: NET011 webpack 4's JSONP chunk loader: the same request without data-webpack
function jsonpScriptSrc(chunkId) { return req.p + "" + ({}[chunkId] || chunkId) + ".chunk.js"; }
req.e = function requireEnsure(chunkId) {
  var script = document.createElement("script");
  var onScriptComplete;
  script.charset = "utf-8";
  script.timeout = 120;
  script.src = jsonpScriptSrc(chunkId); // want "NET011@error"
  document.head.appendChild(script);
};
// near-miss: NET011 a script element whose code is bundled (a blob: URL)
var inline = document.createElement("script");
inline.src = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
