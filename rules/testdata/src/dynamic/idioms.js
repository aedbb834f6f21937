// Library shapes of dynamic code, written here (never copied): lowered to
// info and labelled, never dropped.
// positive: DYN002 a construct helper compiles "return new F(a[0], …)" for an arity
function construct(F, len, args) {
  if (!cache[len]) {
    for (var list = [], i = 0; i < len; i++) list[i] = "a[" + i + "]";
    cache[len] = Function("F,a", "return new F(" + list.join(",") + ")"); // want "DYN002@info"
  }
  return cache[len](F, args);
}
function construct2(C, n, args, join) {
  for (var names = [], k = 0; k < n; k++) names[k] = "a[" + k + "]";
  return Function("C,a", "return new C(" + join(names, ",") + ")")(C, args); // want "DYN002@info"
}
// positive: DYN002 a task polyfill accepts a string handler and compiles it, as setImmediate does
function schedule(handler) {
  var rest = [].slice.call(arguments, 1);
  queue[++counter] = function () { (typeof handler == "function" ? handler : Function(handler)).apply(undefined, rest); }; // want "DYN002@info"
}
// positive: DYN004 a javascript: URL without code, loaded into a hidden iframe for a fresh realm
var realm = document.createElement("iframe");
realm.style.display = "none";
realm.src = "java" + "script:"; // want "DYN004@info"
var none = document.createElement("a"); none.href = "javascript:void(0)"; // want "DYN004@info"
// evasion: DYN002 DYN004 the same shapes with code that does something stay errors
var build = Function("F,a", "return new F(" + row.expr + ")"); // want "DYN002@error"
var exec = Function("F,a", row.body); // want "DYN002@error"
function run(h) { return (typeof h == "object" ? h : Function(h))(); } // want "DYN002@error"
function run2(h) { return typeof h == "function" ? h : Function(other); } // want "DYN002@error"
realm.src = "javascript:alert(document.domain)"; // want "DYN004@error"
