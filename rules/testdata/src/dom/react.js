// positive: DOM010 React's innerHTML, as the JSX transform writes it
function Card(props) {
  return React.createElement("div", { className: "card", dangerouslySetInnerHTML: { __html: props.html } }); // want "DOM010"
}
// evasion: DOM010 computed keys, pass-through objects, quoted keys
const jsxRuntime = (row) => _jsx("p", { dangerouslySetInnerHTML: { ["__html"]: row.text } }); // want "DOM010"
const passThrough = (p) => _jsx("span", { dangerouslySetInnerHTML: p.inner }); // want "DOM010"
React.createElement("div", { ["dangerously" + "SetInnerHTML"]: { __html: h } }); // want "DOM010"
const key = "dangerouslySetInnerHTML"; _jsx("p", { [key]: { __html: h } }); // want "DOM010"
_jsx("p", { "dangerouslySetInnerHTML": { "__html": h } }); // want "DOM010"
const inner = { __html: h }; _jsx("p", { dangerouslySetInnerHTML: inner }); // want "DOM010"
// near-miss: DOM010 constants, and other props
const fixed = _jsx("hr", { dangerouslySetInnerHTML: { __html: "<br/>" } });
const safe = _jsx("p", { children: props.text, title: props.html });
const noHTML = _jsx("p", { dangerouslySetInnerHTML: { other: h } });
// positive: DOM010 a property every write of which is a literal is constant markup: info, not an error
function Empty(t) { return _jsx("div", { dangerouslySetInnerHTML: { __html: t.nullMessage } }); } // want "DOM010@info" `every value the bundle writes to nullMessage is a constant`
Empty.defaultProps = { nullMessage: "<em>No data</em>" };
const emptyState = { nullMessage: "<em>Nothing to show</em>" };
// positive: DOM010 one write of the property is data: an error
function Row(t) { return _jsx("td", { dangerouslySetInnerHTML: { __html: t.cellHTML } }); } // want "DOM010@error"
const rowProps = { cellHTML: "<b>-</b>" };
rowProps.cellHTML = dataView.value;
function Cell(t) { return _jsx("td", { dangerouslySetInnerHTML: { __html: t.description } }); } // want "DOM010@error"
// positive: DOM010 the writes inside function expressions count too (a split input walks them in parallel)
const Panel = function (t) { return _jsx("div", { dangerouslySetInnerHTML: { __html: t.emptyText } }); }; // want "DOM010@info" `every value the bundle writes to emptyText is a constant \(2\)`
(function () { Panel.defaultProps = { emptyText: "<em>None</em>" }; })();
(() => { Panel.emptyText = "<em>-</em>"; })();
// positive: DOM010 one write inside a function expression is data: an error
const Sheet = function (t) { return _jsx("div", { dangerouslySetInnerHTML: { __html: t.sheetHTML } }); }; // want "DOM010@error"
(function (d) { Sheet.defaultProps = { sheetHTML: "<em>None</em>" }; d.sheetHTML = d.raw; })(dataView);
