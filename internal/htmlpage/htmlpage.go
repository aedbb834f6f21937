// Package htmlpage holds what pbicert's HTML reports share (the diff report
// and check --format html): the base style sheet, print rules included, so
// the two pages look alike and print alike, and the headless Chromium
// invocation their tests and the README screenshot use.
package htmlpage

// CSS is the shared style sheet: page, headings, tables, code, verdict
// badges, severity colours, and the print rules (Chromium's print-to-PDF):
// no scrolling boxes that would cut code, no row or code window split over
// two pages, every background optional for reading; A4 pages numbered at
// the foot, with margins that keep the text on US Letter too (A4 is 5.9 mm
// narrower and 17.6 mm taller: printed at actual size on Letter, centred,
// 8.8 mm go at the top and at the bottom, inside the 16 and 18 mm margins,
// and the page number sits at the top of the bottom margin).
// A report appends its own rules after it.
const CSS = `body{font:14px/1.45 "Segoe UI",system-ui,sans-serif;margin:24px;color:#252423;background:#fff}
h1{font-size:22px;margin:0 0 8px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}h3{font-size:15px;margin:14px 0 4px}
.verdict{display:inline-block;padding:6px 14px;border-radius:4px;font-weight:700;font-size:18px;letter-spacing:.04em}
.v-good{background:#dff6dd;color:#107c10;border:1px solid #107c10}.v-bad{background:#fde7e9;color:#a4262c;border:1px solid #a4262c}.v-none{background:#f3f2f1;color:#605e5c;border:1px solid #8a8886}
table{border-collapse:collapse;width:100%;margin:6px 0}td,th{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f3f2f1}code,pre{font:12.5px/1.5 Consolas,"DejaVu Sans Mono",monospace}
pre{margin:0;white-space:pre-wrap;word-break:break-all;background:#faf9f8;padding:8px;border:1px solid #eee;max-height:480px;overflow:auto}
mark{background:#ffb3b8;color:#000;border-radius:2px;padding:0 1px}
.ok{color:#107c10}.bad{color:#a4262c;font-weight:600}.warn{color:#8a5300;font-weight:600}.muted{color:#605e5c}ul{margin:4px 0}
.sev{display:inline-block;min-width:4.5em;text-align:center;border-radius:3px;padding:0 4px;font-size:12px;font-weight:600;border:1px solid}
.sev-error{color:#a4262c;border-color:#a4262c}.sev-warning{color:#8a5300;border-color:#8a5300}.sev-info{color:#005a9e;border-color:#005a9e}
@page{size:A4;margin:16mm 13mm 18mm;@bottom-right{content:counter(page) " / " counter(pages);vertical-align:top;padding-top:2mm;font:9pt "Segoe UI",system-ui,sans-serif;color:#605e5c}}
@media print{body{margin:0;font-size:11pt}pre{max-height:none;overflow:visible}tr,pre,.keep{break-inside:avoid}
h2,h3{break-after:avoid}.page{break-before:page}a{color:inherit;text-decoration:none}}`
