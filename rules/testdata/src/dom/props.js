// object literals that carry HTML properties
// positive: DOM001 DOM007 Object.assign writes them to the target: as el.innerHTML = x
Object.assign(div, { innerHTML: row.html }); // want "DOM001@error"
Object.assign(frame, { srcdoc: "<p>" + name + "</p>" }); // want "DOM007@error"
Object.assign(div, { className: "cell" }, { outerHTML: row.html }); // want "DOM001@error"
// evasion: DOM001 DOM007 computed keys, an alias of Object, a computed method name
Object.assign(div, { ["inner" + "HTML"]: row.html }); // want "DOM001@error"
const Obj = Object; Obj.assign(div, { innerHTML: row.html }); // want "DOM001@error"
Object["assign"](frame, { srcdoc: html }); // want "DOM007@error"
const props = { "srcdoc": html }; // want "DOM007@warning"
const later = { innerHTML: row.html }; Object.assign(div, later); // want "DOM001@warning"
// near-miss: DOM001 DOM007 constants, other methods called assign, text properties
Object.assign(div, { innerHTML: "" });
Object.assign(frame, { srcdoc: "<p>static</p>" });
const view = { innerText: row.html, textContent: row.html };
Object.assign(div, { textContent: row.html });
// positive: DOM001 a sanitised object property is still reported, as a warning naming the sanitiser
Object.assign(div, { innerHTML: DOMPurify.sanitize(row.html) }); // want "DOM001@warning"
