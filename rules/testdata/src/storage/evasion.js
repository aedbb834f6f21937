// evasion: STO001 STO003 STO005 computed keys, Reflect.get, destructuring, another realm, aliases
document["coo" + "kie"] = "a=1"; // want "STO003"
Reflect.get(window, "localStorage").clear(); // want "STO001"
const { sessionStorage: s2 } = self; // want "STO001"
const frame = document.createElement("iframe");
frame.contentWindow.localStorage.getItem("k"); // want "STO001"
const st = navigator.storage; // want "STO005"
st.persist(); // reported once, where the alias is bound
const seen = document.cookie.indexOf("a=1") >= 0; // want "STO003"
window.document["cookie"] = "b=2"; // want "STO003"
self.cookieStore.set("k", "v"); // want "STO003"
// near-miss: STO003 STO005 user objects named like the APIs
const req = { cookie: "" }; req.cookie = "x";
const nav = { storage: {} }; nav.storage.persist;
function estimate(navigator) { return navigator.storage.estimate(); }
