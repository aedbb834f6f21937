// evasion: NET004 computed keys, Reflect.construct
const ES = window["Event" + "Source"]; // want "NET004"
new ES("https://example.com/stream");
Reflect.construct(EventSource, ["https://example.com/stream"]); // want "NET004"
// evasion: NET008 a magic comment before the URL, a URL from a variable
const mod = import(/* webpackIgnore: true */ url).then((m) => m.default); // want "NET008"
// near-miss: NET004 NET008 parameters and text
function subscribe(EventSource) { return new EventSource(u); }
const importNote = "import(url) is only text here";
const loader = { import(u) { return u; } }; loader.import("https://x.example.com");
