// positive: REQ003 webpack's development build wraps each module in eval()
eval("var x = 1;\n\n//# sourceURL=webpack://visual/./src/visual.ts"); // want "REQ003" "DYN001"
eval("var y = 2;\n//# sourceURL=webpack://visual/./src/settings.ts"); // want "DYN001"
// near-miss: REQ003 a library's own map comment mid-bundle, a sourceURL in a plain string
var lib = 1;
//# sourceMappingURL=lib.min.js.map
const note = "//# sourceURL=webpack://visual/./src/visual.ts";
