package analyzer

import (
	"strings"
	"testing"
)

// TestLoopOrder: a join of an array a loop fills, or a read of a string a
// loop adds to, is folded only where it runs after the loop: not before
// it in the same run (here the top level, through an immediately invoked
// function, so the scan starts at the program's root), in one piece and
// split into units. A function declared before the loop runs later (it is
// folded). A string read before its loop is not folded anywhere. The fake
// sandbox folds any loop it is given to "fetch".
func TestLoopOrder(t *testing.T) {
	src := `(function(){
var early = [], late = [], s = "", u = "", w = "";
var e1 = early.join("");
for (var i = 0; i < 5; i++) early.push("fetch"[i]);
for (var j = 0; j < 5; j++) late.push("fetch"[j]);
var copy = s;
for (var k = 0; k < 5; k++) s += "fetch"[k];
function readW(){ return window[w]("g") }
if (u) { log(u.length) }
for (var l = 0; l < 5; l++) u += "fetch"[l];
for (var m = 0; m < 5; m++) w += "fetch"[m];
window[e1]("a"); window[early.join("")]("b"); window[late.join("")]("c"); window[copy]("d"); window[s]("e"); window[u]("f");
})();`
	eval := func(code string) (string, bool) {
		if strings.Contains(code, ".push(") || strings.Contains(code, "+=") {
			return "fetch", true
		}
		return "", false
	}
	assertFetched(t, src, Options{Eval: eval}, "b", "c", "g")
}
