// object literals that carry HTML properties
// positive: DOM001 DOM007
Object.assign(div, { innerHTML: row.html }); // want "DOM001@warning"
Object.assign(frame, { srcdoc: "<p>" + name + "</p>" }); // want "DOM007@warning"
// evasion: DOM001 DOM007
Object.assign(div, { ["inner" + "HTML"]: row.html }); // want "DOM001@warning"
const props = { "srcdoc": html }; // want "DOM007@warning"
// near-miss: DOM001 DOM007
Object.assign(div, { innerHTML: "" });
Object.assign(frame, { srcdoc: "<p>static</p>" });
const view = { innerText: row.html, textContent: row.html };
