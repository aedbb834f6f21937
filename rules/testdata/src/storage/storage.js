// positive: STO001 STO002 STO003 STO004 STO005 STO006 STO007 STO008
localStorage.setItem("k", v); // want "STO001:1"
indexedDB.open("cache"); // want "STO002"
document.cookie = "seen=1"; // want "STO003"
const c = document.cookie; // want "STO003"
cookieStore.get("k"); // want "STO003"
caches.open("v1"); // want "STO004"
navigator.storage.getDirectory(); // want "STO005"
openDatabase("db", "1.0", "", 1024); // want "STO006"
showSaveFilePicker(); // want "STO007"
this.host.storageService.get("k"); // want "STO008"
// evasion: STO001 STO002 global-object forms, destructuring, computed keys, prefixes
const ss = window.sessionStorage; // want "STO001"
const { localStorage: ls } = window; // want "STO001"
window["local" + "Storage"].getItem("k"); // want "STO001"
window.webkitIndexedDB.open("cache"); // want "STO002"
document.defaultView.localStorage.getItem("k"); // want "STO001"
const { indexedDB: idb } = self; // want "STO002"
// near-miss: STO001 STO002 STO003 STO008 the sanctioned service, parameters, user objects, text
this.host.storageV2Service.get("k"); // want "MAN012"
function save(localStorage) { localStorage.setItem("k", 1); }
const store = { localStorage: {} };
store.localStorage.x = 1;
const cookie = parse(header).cookie;
if (typeof localStorage !== "undefined") { }
const note = "localStorage is not allowed";
function open(indexedDB) { return indexedDB.open("x"); }
