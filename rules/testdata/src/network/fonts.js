// Font faces whose sources are built in code.
// positive: NET014 a FontFace on a remote URL
document.fonts.add(new FontFace("Brand", "url(https://fonts.example.com/brand.woff2)")); // want "NET014@error"
// evasion: NET014 the URL assembled from constants, kept in variables, or built at run time
const fontHost = "https://fonts.example.com";
const face = new FontFace("Brand", "url(" + fontHost + "/brand.woff2) format('woff2')"); // want "NET014@error"
const parts = ["https://", "cdn.example.com/", "f.woff"]; new FontFace("F", `url(${parts.join("")})`); // want "NET014@error"
new FontFace("Live", "url(" + settings.fontUrl + ")"); // want "NET014@warning"
// near-miss: NET014 fonts from bundled data
new FontFace("Inline", "url(data:font/woff2;base64,d09GMgABAAAAA)");
new FontFace("Buffer", fontBytes);
new FontFace("Local", "local('Segoe UI')");
