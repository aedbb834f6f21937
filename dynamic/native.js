// Run last in setup, as (function (g, natives) {...}) (natives: [function,
// name] pairs the walk cannot reach, such as storage methods behind a proxy): the functions the sandbox
// wrote in JavaScript (the browser's operations, accessors and interfaces
// reachable from the global object) print as a browser's built-ins do,
// "function fetch() { [native code] }", so that a visual cannot tell the
// sandbox by reading their source. The Power BI namespaces (powerbi,
// jsCommon) are the page's JavaScript and keep theirs.
(function (g, natives) {
  "use strict";
  // Sets, not WeakSets: goja makes a weak pointer per WeakSet entry, which
  // cost more than the walk (the run is short-lived)
  var marked = new Set(), seen = new Set();
  var original = Function.prototype.toString;
  var skip = { powerbi: 1, jsCommon: 1 };
  // Go functions carry their Go name (a package path): they take the name
  // of the property they are found under, as a browser's built-ins have
  var goName = /[./()*]/;
  // The walk is kept small (it runs for every visual): the global object
  // and its prototype chain, the objects its properties hold, and, for
  // interfaces (functions named with a capital), their statics and their
  // prototype's members; other functions are marked, not entered.
  function visit(o, depth, key) {
    if (o === null || (typeof o !== "object" && typeof o !== "function") || seen.has(o)) return;
    seen.add(o);
    if (typeof o === "function") {
      marked.add(o);
      if (typeof o.name !== "string" || goName.test(o.name)) {
        try { Object.defineProperty(o, "name", { value: key || "", configurable: true }); } catch (e) {}
      }
      if (!/^[A-Z]/.test(key || "")) return;
      if (o.prototype) visit(o.prototype, 9, "");
    }
    if (depth > 2) {
      if (depth !== 9) return;
      depth = 2; // an interface's prototype: its members only
    }
    Object.getOwnPropertyNames(o).forEach(function (k) {
      if (depth === 0 && skip[k]) return;
      var d = Object.getOwnPropertyDescriptor(o, k);
      if (!d) return;
      if (d.get) {
        visit(d.get, 3, "get " + k);
        // what the window's attributes hold (localStorage, navigator…);
        // nothing is recorded while this runs
        if (depth === 0) { try { visit(d.get.call(o), 1, k); } catch (e) {} }
      }
      if (d.set) visit(d.set, 3, "set " + k);
      if ("value" in d) visit(d.value, depth + 1, k);
    });
    if (depth === 0 && o === g) {
      for (var p = Object.getPrototypeOf(g); p && p !== Object.prototype; p = Object.getPrototypeOf(p)) visit(p, 0, "");
    }
  }
  visit(g, 0);
  natives.forEach(function (p) { visit(p[0], 3, p[1]); });
  var toString = {
    toString: function () {
      if (marked.has(this)) return "function " + (typeof this.name === "string" ? this.name : "") + "() { [native code] }";
      return original.call(this);
    },
  }.toString;
  marked.add(toString);
  Object.defineProperty(Function.prototype, "toString", { value: toString, writable: true, enumerable: false, configurable: true });
})
