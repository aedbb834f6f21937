// Dotted-path storage rules reached through a local alias of their namespace
// object (issue 14: these were missed).
// evasion: STO003 alias of document: read and write
const d = document;
d.cookie = "seen=1"; // want "STO003:1" `document\.cookie writes browser cookies`
const jar = d.cookie; // want "STO003" `document\.cookie reads browser cookies`
const { document: d2 } = window;
d2["coo" + "kie"] = "x=1"; // want "STO003"
// near-miss: STO003 an alias of document that never touches cookies
const d3 = document;
d3.title = "Chart";
d3.cookieless = true;
// evasion: STO005 alias of navigator, chained through a second alias
const n = navigator;
n.storage.persist(); // want "STO005:1"
const n2 = navigator, st2 = n2.storage; // want "STO005"
st2.getDirectory();
const { navigator: n3 } = self;
n3.storage.estimate(); // want "STO005"
// near-miss: STO005 an alias of navigator reading other members
const n4 = navigator;
n4.storageQuota;
n4.languages.join(",");
