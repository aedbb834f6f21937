// Windows the visual opens: what is written or posted to them leaves Power BI.
// positive: DOM003 NET013 a popup opened empty and written, a window opened on a URL and posted data
var popup = window.open("");
popup.document.write("<h1>" + row.title + "</h1>"); // want "DOM003@error"
var other = window.open("https://partner.example.com/receive");  // want "NET012"
other.postMessage({ rows: rows }, "*"); // want "NET013@error"
// evasion: DOM003 NET013 the opened window kept in a field, aliased, reached through self
class Exporter {
  open() { this.win = self.open("about:blank"); }
  dump(html) { this.win.document.writeln(html); } // want "DOM003"
}
const w2 = open(""); const d2 = w2.document; d2.write(report); // want "DOM003"
const target = window.open(""); const send = target.postMessage.bind(target); target.postMessage(JSON.stringify(rows), "*"); // want "NET013"
// near-miss: NET013 DOM003 messages to the visual's own workers and frames, writes into its own iframes
const worker = new Worker(URL.createObjectURL(new Blob([src])));
worker.postMessage(rows);
const channel = new MessageChannel(); channel.port1.postMessage(rows);
document.createElement("iframe").contentWindow.postMessage(rows, "*");
// positive: DOM003 a constant page written into a popup is still reported, as a warning
window.open("").document.write("<p>Loading…</p>"); // want "DOM003@warning"
