// Dotted-path rules reached through a local alias of their namespace object
// (const n = navigator; n.sendBeacon(u)), or a namespace destructured from
// the global object. The alias's binding site names only the namespace, so
// these were missed before rules declared their dotted paths (issue 14).
// evasion: NET005 alias of navigator, navigator destructured from window
const nv = navigator;
nv.sendBeacon("https://t.example.com", data); // want "NET005:1" `^navigator\.sendBeacon sends data to an external service$`
const { navigator: nv2 } = window;
nv2.sendBeacon(u, d); // want "NET005"
const w0 = window, nv3 = w0.navigator;
nv3["send" + "Beacon"](u); // want "NET005"
// near-miss: NET005 an alias of navigator that only reads other members
const nv4 = navigator;
nv4.userAgent.indexOf("Edge");
nv4.language;
// evasion: NET010 alias of CSS for the paint worklet (reported once)
const cs = CSS;
cs.paintWorklet.addModule("https://cdn.example.com/paint.js"); // want "NET010"
// near-miss: NET010 a worklet from a blob: URL through an alias of URL
const U = URL;
cs.paintWorklet.addModule(U.createObjectURL(b));
CSS.paintWorklet.addModule(U.createObjectURL(new Blob([src])));
// evasion: NET012 alias of document and of location
const doc = document;
doc.location.assign("https://example.com/next"); // want "NET012"
const loc = location;
loc.replace("https://example.com/other"); // want "NET012" `location\.replace navigates to the remote URL "https://example\.com/other"`
doc.location = "https://example.com/moved"; // want "NET012"
// near-miss: NET012 an alias of document that only reads
doc.location.hash.slice(1);
