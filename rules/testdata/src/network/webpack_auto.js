// webpack's chunk loader when the public path is not a fixed host
// ("auto": derived from the current script at run time)
// positive: NET011 the loader still adds <script> elements: a warning that names it
req.p = document.currentScript.src.replace(/[^\/]+$/, "");
req.l = function (url, done, key) {
  var script = document.createElement("script");
  script.charset = "utf-8";
  script.setAttribute("data-webpack", "visual:" + key);
  script.src = url; // want "NET011@warning"
  document.head.appendChild(script);
};
// evasion: NET011 the loader's element comes back from a lookup first
function load2(url) {
  var found;
  var list = document.getElementsByTagName("script");
  found = list[0];
  if (!found) { found = document.createElement("script"); found.setAttribute("data-webpack", "k"); }
  found.src = url; // want "NET011@warning"
}
// near-miss: NET011 a data-webpack attribute on an element that loads nothing
var marker = document.createElement("div"); marker.setAttribute("data-webpack", "x"); marker.title = url;
