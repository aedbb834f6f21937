// evasion: REQ003 module sources run through an indirect eval
(0, eval)("var y = 2;\n//# sourceURL=webpack://visual/./src/settings.ts"); // want "REQ003" "DYN001"
window["ev" + "al"]("var z = 3;\n//# sourceURL=webpack://visual/./src/util.ts"); // want "DYN001"
