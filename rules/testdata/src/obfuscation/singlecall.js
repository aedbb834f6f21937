// A local function whose only use is one direct call: its parameters take
// that call's arguments, so a name passed in is folded where the function
// uses it.
// positive: DYN001 NET001 NET005 a function declaration, a const function expression and a const arrow called once
function pick(n) { return window[n]; }
pick("ev" + "al")("1+1"); // want "DYN001"
const send = function (name, u) { return window[name](u); }; // want "NET001"
send("fetch", url);
const beacon = (nav, what) => nav[what](url, data); // want "NET005" "OBF002"
beacon(navigator, ["send", "Beacon"].join(""));
// evasion: DYN001 NET001 the call before the declaration (hoisted), the name from a constant, nested helpers each called once
runLater("eval", code);
function runLater(k, c) { return self[k](c); } // want "DYN001"
const NAME = "fe" + "tch";
function outer(a) { return inner(a); }
function inner(b) { return window[b](url); } // want "NET001"
outer(NAME);
const through = function (n) { return window[n](url); }; // want "NET001"
through.call(this, "fe" + "tch");
// near-miss: NET001 called twice, passed as a value, assigned to a property, called with apply, a const arrow called before
// it is bound: the parameter is not folded (the access stays unresolved, OBF001)
function twice(n) { return window[n](url); } // want "OBF001"
twice("fetch");
twice("focus");
function passed(n) { return window[n](url); } // want "OBF001"
passed("fetch");
register(passed);
function stored(n) { return window[n](url); } // want "OBF001"
stored("fetch");
handlers.stored = stored;
const applied = function (n) { return window[n](url); }; // want "OBF001"
applied.apply(this, ["fetch"]);
try {
  tooEarly("fetch");
} catch (e) {}
const tooEarly = (n) => window[n](url); // want "OBF001"
// near-miss: NET001 DYN001 a single call with a harmless name, and one whose argument is not known
function readOnce(k) { return window[k]; }
const width = readOnce("innerWidth");
function fromInput(k) { return window[k]; } // want "OBF001"
fromInput(input.value); // want "OBF001"
