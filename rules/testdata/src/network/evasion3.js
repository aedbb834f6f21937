// evasions and near misses: EventSource, dynamic import
const ES = window["Event" + "Source"]; // want "NET004"
new ES("https://example.com/stream");
Reflect.construct(EventSource, ["https://example.com/stream"]); // want "NET004"
const mod = import(/* webpackIgnore: true */ url).then((m) => m.default); // want "NET008"
// near misses
function subscribe(EventSource) { return new EventSource(u); }
const importNote = "import(url) is only text here";
