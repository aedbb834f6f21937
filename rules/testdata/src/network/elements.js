// positive: NET011 element loads
const s = document.createElement("script");
s.src = "https://cdn.example.com/lib.js"; // want "NET011@error"
const img = document.createElement("img");
img.src = row.imageUrl; // want "NET011@warning"
img.setAttribute("src", "https://img.example.com/a.png"); // want "NET011@error"
// evasion: NET011 new Image(), new Audio(url), link and SVG href, computed property
const pic = new Image();
pic.src = "https://img.example.com/b.png"; // want "NET011"
new Audio("https://media.example.com/a.mp3"); // want "NET011"
const link = document.createElement("link");
link.href = "https://fonts.example.com/f.css"; // want "NET011"
const use = document.createElementNS("http://www.w3.org/2000/svg", "use");
use.setAttributeNS("http://www.w3.org/1999/xlink", "xlink:href", "https://x.example.com/s.svg#a"); // want "NET011"
s["sr" + "c"] = "https://cdn.example.com/lib2.js"; // want "NET011"
// near-miss: NET011 local, data and blob URLs, constant fragments
img.src = "data:image/png;base64,iVBORw0KGgo=";
img.src = URL.createObjectURL(blob);
use.setAttributeNS("http://www.w3.org/1999/xlink", "xlink:href", "#marker");
const a = document.createElement("a");
a.href = "#top";
svg.setAttribute("xmlns", "http://www.w3.org/2000/svg");
// positive: NET012 navigation
window.open("https://example.com/help"); // want "NET012@error"
location.href = target; // want "NET012@warning"
window.location = "https://example.com"; // want "NET012"
// evasion: NET012 global-object forms, computed keys
self["op" + "en"]("https://example.com/x"); // want "NET012"
document.location.assign("https://example.com/y"); // want "NET012"
// near-miss: NET012 the sanctioned launchUrl, a user object's open
host.launchUrl("https://example.com/help");
const dialog = { open(u) { return u; } }; dialog.open("https://example.com");
// positive: NET013 postMessage
window.parent.postMessage(data, "*"); // want "NET013"
top.postMessage(data, "*"); // want "NET013"
worker.postMessage(data);
window.postMessage(data, "*");
// positive: NET014 CSS in strings
style.textContent = "@import url('https://fonts.googleapis.com/css?family=Roboto');"; // want "NET014"
el.style.background = "url(//cdn.example.com/bg.png)"; // want "NET014"
el.style.background = "url(data:image/png;base64,AAAA)";
// positive: NET015 library helpers
$.getJSON("https://api.example.com", render); // want "NET015"
d3.json("https://api.example.com/data.json"); // want "NET015@error"
// evasion: NET015 computed method names, .call
$["get" + "JSON"]("https://api.example.com", render); // want "NET015"
d3["cs" + "v"]("https://api.example.com/data.csv"); // want "NET015"
jQuery.ajax.call(jQuery, { url: "https://api.example.com" }); // want "NET015"
// near-miss: NET015 selection text, a user object's json()
d3.select(el).text(label);
response.json();
const api = { getJSON() {} };
