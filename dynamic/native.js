// Run last in setup, as (function (g, natives) {...}) (natives: [function,
// name] pairs the walk cannot reach, such as storage methods behind a proxy): the functions the sandbox
// wrote in JavaScript (the browser's operations, accessors and interfaces
// reachable from the global object) print as a browser's built-ins do,
// "function fetch() { [native code] }", so that a visual cannot tell the
// sandbox by reading their source. The Power BI namespaces (powerbi,
// jsCommon) are the page's JavaScript and keep theirs.
(function (g, natives) {
  "use strict";
  var marked = new WeakSet(), seen = new WeakSet();
  var original = Function.prototype.toString;
  var skip = { powerbi: 1, jsCommon: 1 };
  // Go functions carry their Go name (a package path): they take the name
  // of the property they are found under, as a browser's built-ins have
  var goName = /[./()*]/;
  function visit(o, depth, key) {
    if (o === null || (typeof o !== "object" && typeof o !== "function") || seen.has(o)) return;
    seen.add(o);
    if (typeof o === "function") {
      marked.add(o);
      if (typeof o.name !== "string" || goName.test(o.name)) {
        try { Object.defineProperty(o, "name", { value: key || "", configurable: true }); } catch (e) {}
      }
    }
    if (depth > 3) return;
    Object.getOwnPropertyNames(o).forEach(function (k) {
      if (depth === 0 && skip[k]) return;
      var d = Object.getOwnPropertyDescriptor(o, k);
      if (!d) return;
      if (d.get) {
        visit(d.get, depth + 1, "get " + k);
        // what the window's attributes hold (localStorage, navigator…);
        // nothing is recorded while this runs
        if (depth === 0 && o === g) { try { visit(d.get.call(o), depth + 1, k); } catch (e) {} }
      }
      if (d.set) visit(d.set, depth + 1, "set " + k);
      if ("value" in d) visit(d.value, depth + 1, k);
    });
    visit(Object.getPrototypeOf(o), depth + 1, "");
  }
  visit(g, 0);
  natives.forEach(function (p) { visit(p[0], 9, p[1]); });
  var toString = {
    toString: function () {
      if (marked.has(this)) return "function " + (typeof this.name === "string" ? this.name : "") + "() { [native code] }";
      return original.call(this);
    },
  }.toString;
  marked.add(toString);
  Object.defineProperty(Function.prototype, "toString", { value: toString, writable: true, enumerable: false, configurable: true });
})
