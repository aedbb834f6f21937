// positive: REQ003 webpack's development build wraps each module in eval()
// (the build is REQ003's error; each module's eval is an idiom at info)
eval("var x = 1;\n\n//# sourceURL=webpack://visual/./src/visual.ts"); // want "REQ003" "DYN001@info" `development build`
eval("var y = 2;\n//# sourceURL=webpack://visual/./src/settings.ts"); // want "DYN001@info"
// evasion: DYN001 OBF004 a module of a development build that reaches a forbidden API is still found
eval("fetch('https://t.example.com/');\n//# sourceURL=webpack://visual/./src/t.ts"); // want "DYN001@info" "OBF004@error"
// positive: DYN001 eval of a constant that is not a webpack module stays an error
eval("var z = 3;"); // want "DYN001@error"
eval(moduleSource + "\n//# sourceURL=webpack://visual/./src/late.ts"); // want "DYN001@error"
// near-miss: REQ003 a library's own map comment mid-bundle, a sourceURL in a plain string
var lib = 1;
//# sourceMappingURL=lib.min.js.map
const note = "//# sourceURL=webpack://visual/./src/visual.ts";
