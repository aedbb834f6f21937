package analyzer

import "testing"

// TestSingleCall: the parameters of a local function whose only use is one
// direct call take that call's arguments, in one piece and split into
// units (the call in another unit than the declaration: the use count
// crosses units). A top-level function (a property of the global object,
// or exported from a module),
// a function called twice, and a const arrow called before its binding
// are not folded.
func TestSingleCall(t *testing.T) {
	src := `function top(n){ window[n]("t") }
top("fetch");
export function ex(n){ window[n]("x") }
ex("fetch");
export const ea = (n) => window[n]("y");
ea("fetch");
(function(){
  function g(n){ window[n]("a") }
  g("fetch");
  var h = function(m, k){ window[m](k) }; h("fetch", "b");
  function k(n){ window[n]("c") } k("fetch"); k("fetch");
  try { e("fetch") } catch (x) {}
  const e = (n) => window[n]("d");
  function f(n){ window[n]("f") }
  (function(){ f("fetch") })();
  var name = "fe" + "tch";
  const a = (n) => { window[n]("g") }; a(name);
})();`
	assertFetched(t, src, Options{}, "a", "b", "f", "g")
}
