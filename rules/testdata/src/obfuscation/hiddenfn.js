// Module text of a development build (webpack's eval devtool) and other
// code strings: OBF004 reports Function only where the code in the string
// calls or constructs it, not where it mentions it.
// positive: OBF004 code in a string that calls or constructs the Function constructor
eval("var run = new Function('a', 'return a * 2');\n//# sourceURL=webpack://visual/./src/a.ts"); // want "REQ003" "DYN001@info" "OBF004@error" `reaches Function`
setTimeout("Function(payload)()", 10); // want "DYN003" "OBF004" `reaches Function`
// evasion: OBF004 the constructor reached through an alias, a prototype chain or Reflect, and beside a mention
eval("var F = Function; F(src)();\n//# sourceURL=webpack://visual/./src/b.ts"); // want "DYN001@info" "OBF004@error" `reaches Function`
eval("var C = [].constructor.constructor; C(src)();\n//# sourceURL=webpack://visual/./src/c.ts"); // want "DYN001@info" "OBF004@error" `reaches Function`
new Blob(["Reflect.construct(Function, [code])"]); // want "OBF004" `reaches Function`
eval("var isFn = v instanceof Function; new Function(code);\n//# sourceURL=webpack://visual/./src/d.ts"); // want "DYN001@info" "OBF004@error" `reaches Function$`
// near-miss: OBF004 module text that only mentions Function: a prototype, instanceof, a comment, a string, the global-object idiom
eval("var funcProto = Function.prototype, funcToString = funcProto.toString;\n//# sourceURL=webpack://visual/./src/e.ts"); // want "DYN001@info"
eval("/* wraps a Function */ function isFunction(v) { return v instanceof Function || typeof v == 'function'; }\n//# sourceURL=webpack://visual/./src/f.ts"); // want "DYN001@info"
eval("var msg = 'expected a Function or new Function(x)';\n//# sourceURL=webpack://visual/./src/g.ts"); // want "DYN001@info"
eval("var root = typeof self == 'object' && self || Function('return this')();\n//# sourceURL=webpack://visual/./src/h.ts"); // want "DYN001@info"
setTimeout("Function.prototype.call.call(done)", 10); // want "DYN003"
