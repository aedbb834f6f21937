// D3's own html() implementation: reported at info, labelled as the idiom
function htmlRemove() { this.innerHTML = ""; }
function htmlConstant(value) {
  return function () { this.innerHTML = value; }; // want "DOM001@info"
}
function htmlFunction(value) {
  return function () {
    var v = value.apply(this, arguments);
    this.innerHTML = v == null ? "" : v; // want "DOM001@info"
  };
}
