// Element sources set through D3 and jQuery chains: the tag is known from
// append("tag") / $("<tag>"), and the chain keeps it.
// positive: NET011 a fixed external host on an image, script or iframe is an error
d3.select(el).append("img").attr("src", "https://cdn.example.com/a.png"); // want "NET011@error"
$("<script>").attr("src", "https://cdn.example.com/lib.js"); // want "NET011@error"
$("<iframe/>").attr("src", "https://embed.example.com/"); // want "NET011@error"
// evasion: NET011 namespaced tags, chains through other setters, a selection kept in a variable
svg.append("svg:image").attr("class", "logo").attr("xlink:href", "https://cdn.example.com/logo.png"); // want "NET011@error"
const pic = chart.append("img").attr("class", "thumb").style("width", "20px"); pic.attr("src", "https://cdn.example.com/t.png"); // want "NET011@error"
const legendIcon = $("<img/>"); legendIcon.css("width", "1em").attr("src", "//cdn.example.com/i.png"); // want "NET011@error"
// near-miss: NET011 links are followed only on the user's click; getters; local images
d3.select(el).append("a").attr("href", "https://example.com/docs").text("Docs");
var link = document.createElement("a"); link.href = "https://example.com/help";
$("<a>").attr("href", "https://example.com/about");
var current = d3.select(el).append("img").attr("src");
d3.select(el).append("img").attr("src", "data:image/png;base64,iVBORw0KGgo=");
// near-miss: NET012 reading the location is not navigating
var here = window.location; var where = window.location.href; var hash = document.location.hash;
