// Descriptor, prototype and reflection paths to the network APIs
// (analyzer/reflectpaths.go).
var beaconURL = "https://collect.example.com/b";
// evasion: NET005 a property descriptor's value called on the real navigator
Object.getOwnPropertyDescriptor(Navigator.prototype, "sendBeacon").value.call(navigator, beaconURL); // want "NET005" `navigator\.sendBeacon`
Reflect.getOwnPropertyDescriptor(Navigator.prototype, "sendBeacon").value.apply(navigator, [beaconURL]); // want "NET005"
var sbDesc = Object.getOwnPropertyDescriptors(Navigator.prototype).sendBeacon; sbDesc.value.call(navigator, beaconURL); // want "NET005"
// evasion: NET005 NET001 interface prototype methods called on the real object
Navigator.prototype.sendBeacon.apply(navigator, [beaconURL]); // want "NET005"
Navigator.prototype.sendBeacon.call(navigator, beaconURL, payload); // want "NET005"
var boundBeacon = Navigator.prototype.sendBeacon.bind(navigator); boundBeacon(beaconURL); // want "NET005"
Window.prototype.fetch.call(window, beaconURL); // want "NET001"
Function.prototype.call.call(fetch, window, beaconURL); // want "NET001"
Function.prototype.apply.call(Navigator.prototype.sendBeacon, navigator, [beaconURL]); // want "NET005"
var wf = Object.getOwnPropertyDescriptor(window, "fetch").value; wf(beaconURL); // want "NET001"
// evasion: NET002 XMLHttpRequest's prototype open on a request object
XMLHttpRequest.prototype.open.call(xhrLike, "GET", beaconURL); // want "NET002"
// evasion: NET010 STO009 a getter looked up and called on navigator
navigator.__lookupGetter__("serviceWorker").call(navigator).register("/sw.js"); // want "NET010" "STO009"
Object.getOwnPropertyDescriptor(Navigator.prototype, "serviceWorker").get.call(navigator).register("/sw2.js"); // want "NET010" "STO009"
// near-miss: NET005 NET001 our own prototypes and descriptors of our own objects
function Reporter() {}
Reporter.prototype.sendBeacon = function (u) { return u; };
Reporter.prototype.sendBeacon.call(new Reporter(), beaconURL);
Object.getOwnPropertyDescriptor(Reporter.prototype, "sendBeacon").value.call(rep, beaconURL);
Object.getOwnPropertyDescriptor(options, "fetch").value.call(options, beaconURL);
var hasBeacon = typeof Navigator.prototype.sendBeacon === "function";
var d0 = Object.getOwnPropertyDescriptor(Navigator.prototype, "userAgent");
// near-miss: NET012 reading the location is not navigating
var here2 = window.location.href, host2 = location.hostname, q2 = location.search.slice(1);
var isLocal = location.protocol === "file:" || document.location.host.indexOf("localhost") >= 0;
var locDesc = Object.getOwnPropertyDescriptor(Location.prototype, "href").get.call(location);
// positive: NET012 navigating away (for the read near-misses above)
location.href = "https://other.example.com/"; // want "NET012"
location.assign("https://other.example.com/x"); // want "NET012"
// evasion: NET012 the location's setter and methods through descriptors and prototypes
Object.getOwnPropertyDescriptor(Location.prototype, "href").set.call(location, "https://other.example.com/"); // want "NET012"
Location.prototype.replace.call(location, "https://other.example.com/r"); // want "NET012"
Reflect.set(location, "href", "https://other.example.com/s"); // want "NET012"
