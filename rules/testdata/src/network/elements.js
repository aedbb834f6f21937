// NET011: element loads; NET012 navigation; NET013 postMessage; NET014 CSS strings; NET015 library helpers
const s = document.createElement("script");
s.src = "https://cdn.example.com/lib.js"; // want "NET011@error"
const img = document.createElement("img");
img.src = row.imageUrl; // want "NET011@warning"
img.setAttribute("src", "https://img.example.com/a.png"); // want "NET011@error"
const pic = new Image();
pic.src = "https://img.example.com/b.png"; // want "NET011"
new Audio("https://media.example.com/a.mp3"); // want "NET011"
const link = document.createElement("link");
link.href = "https://fonts.example.com/f.css"; // want "NET011"
const use = document.createElementNS("http://www.w3.org/2000/svg", "use");
use.setAttributeNS("http://www.w3.org/1999/xlink", "xlink:href", "https://x.example.com/s.svg#a"); // want "NET011"
// near misses: local, data and blob URLs, constant fragments
img.src = "data:image/png;base64,iVBORw0KGgo=";
img.src = URL.createObjectURL(blob);
use.setAttributeNS("http://www.w3.org/1999/xlink", "xlink:href", "#marker");
const a = document.createElement("a");
a.href = "#top";
svg.setAttribute("xmlns", "http://www.w3.org/2000/svg");
// navigation
window.open("https://example.com/help"); // want "NET012@error"
location.href = target; // want "NET012@warning"
window.location = "https://example.com"; // want "NET012"
host.launchUrl("https://example.com/help");
// postMessage
window.parent.postMessage(data, "*"); // want "NET013"
top.postMessage(data, "*"); // want "NET013"
worker.postMessage(data);
window.postMessage(data, "*");
// CSS in strings
style.textContent = "@import url('https://fonts.googleapis.com/css?family=Roboto');"; // want "NET014"
el.style.background = "url(//cdn.example.com/bg.png)"; // want "NET014"
el.style.background = "url(data:image/png;base64,AAAA)";
// library helpers
$.getJSON("https://api.example.com", render); // want "NET015"
d3.json("https://api.example.com/data.json"); // want "NET015@error"
d3.select(el).text(label);
