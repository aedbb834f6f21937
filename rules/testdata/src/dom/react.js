// DOM010: React's innerHTML, as the JSX transform writes it
function Card(props) {
  return React.createElement("div", { className: "card", dangerouslySetInnerHTML: { __html: props.html } }); // want "DOM010"
}
const jsxRuntime = (row) => _jsx("p", { dangerouslySetInnerHTML: { ["__html"]: row.text } }); // want "DOM010"
const passThrough = (p) => _jsx("span", { dangerouslySetInnerHTML: p.inner }); // want "DOM010"
// near misses: constants, and other props
const fixed = _jsx("hr", { dangerouslySetInnerHTML: { __html: "<br/>" } });
const safe = _jsx("p", { children: props.text, title: props.html });
