package gen

import (
	"strconv"
	"strings"
)

// jsb accumulates content.js and records module offsets.
type jsb struct {
	sb     strings.Builder
	minify bool
	repl   *strings.Replacer
}

// tmpl writes a boilerplate template after substituting placeholders. When
// minify is set, each template line is trimmed and the lines are joined
// (templates are written so that this stays valid JavaScript: no line
// comments, no statement relying on a line break).
func (b *jsb) tmpl(t string) {
	t = b.repl.Replace(t)
	if !b.minify {
		b.sb.WriteString(t)
		return
	}
	for line := range strings.SplitSeq(t, "\n") {
		b.sb.WriteString(strings.TrimSpace(stripBlockComments(line)))
	}
}

func (b *jsb) raw(s string) { b.sb.WriteString(s) }

// verbatim writes s unchanged and returns its offset.
func (b *jsb) verbatim(s string) int {
	off := b.sb.Len()
	b.sb.WriteString(s)
	return off
}

func stripBlockComments(line string) string {
	for {
		i := strings.Index(line, "/*")
		if i < 0 {
			return line
		}
		j := strings.Index(line[i+2:], "*/")
		if j < 0 {
			return line
		}
		line = line[:i] + line[i+2+j+2:]
	}
}

// moduleID returns the numeric webpack id of the i-th module.
func moduleID(i int) string { return strconv.Itoa((i*7919 + 311) % 99991) }

// BuildJS generates content.js for v.
func BuildJS(v Visual) Bundle {
	v = v.normalized()
	b := &jsb{minify: v.Minify, repl: strings.NewReplacer(
		"{{GUID}}", v.GUID,
		"{{NAMEJS}}", jsonString(v.WrapperName),
		"{{DISPLAYJS}}", jsonString(v.DisplayName),
		"{{CLASSJS}}", jsonString(v.ClassName),
		"{{CLASS}}", v.ClassName,
		"{{NAME}}", v.Name,
		"{{VERSIONJS}}", jsonString(v.Version),
		"{{APIJS}}", jsonString(v.WrapperAPIVersion),
	)}
	visual := v.VisualModule
	if visual == "" {
		var t string
		switch {
		case v.Era == 5 && v.Minify:
			t = visualModuleES2022Min
		case v.Era == 5:
			t = visualModuleES2022
		case v.Minify:
			t = visualModuleES5Min
		default:
			t = visualModuleES5
		}
		visual = strings.NewReplacer("{{CLASS}}", v.ClassName, "{{NAME}}", v.Name).Replace(t)
	}
	// Filler size: aim at FillerBytes for the whole content.js, given the
	// size of everything else (boilerplate is a few KB).
	fixed := len(visual) + 4096
	for _, m := range v.Modules {
		fixed += len(m) + 64
	}
	var filler []string
	if v.FillerBytes > fixed {
		filler = Filler(v.Seed, v.FillerBytes-fixed)
	}
	total := fixed
	for _, f := range filler {
		total += len(f) + 32
	}
	b.sb.Grow(total)
	var out Bundle
	switch v.Era {
	case 1:
		out = buildEra1(b, v, visual, filler)
	case 2, 3:
		out = buildWebpack4(b, v, visual, filler)
	default:
		out = buildEra5(b, v, visual, filler)
	}
	out.JS = b.sb.String()
	return out
}

func buildEra5(b *jsb, v Visual, visual string, filler []string) Bundle {
	var out Bundle
	n := 1 + len(v.Modules) + len(filler)
	if v.Minify {
		b.raw("var " + v.GUID + `;(()=>{"use strict";var e={`)
		// module 0: the visual
		b.raw(moduleID(0) + `:(e,t,n)=>{n.r(t),n.d(t,{` + v.ClassName + `:()=>` + v.ClassName + "});")
		out.VisualModuleOffset = b.verbatim(visual)
		b.raw("\n}")
		for i, m := range v.Modules {
			b.raw("," + moduleID(1+i) + ":(e,t,n)=>{")
			out.ModuleOffsets = append(out.ModuleOffsets, b.verbatim(m))
			b.raw("\n}")
		}
		for i, f := range filler {
			b.raw("," + moduleID(1+len(v.Modules)+i) + ":(e,t,n)=>{")
			b.raw(f)
			b.raw("}")
		}
		b.raw(`},t={};function n(i){var o=t[i];if(void 0!==o)return o.exports;var r=t[i]={exports:{}};return e[i](r,r.exports,n),r.exports}` +
			`n.d=(e,t)=>{for(var i in t)n.o(t,i)&&!n.o(e,i)&&Object.defineProperty(e,i,{enumerable:!0,get:t[i]})},` +
			`n.o=(e,t)=>Object.prototype.hasOwnProperty.call(e,t),` +
			`n.r=e=>{"undefined"!=typeof Symbol&&Symbol.toStringTag&&Object.defineProperty(e,Symbol.toStringTag,{value:"Module"}),Object.defineProperty(e,"__esModule",{value:!0})};` +
			`var i={};(()=>{n.r(i),n.d(i,{default:()=>a});var e=n(` + moduleID(0) + `);`)
		for i := 1; i < n; i++ {
			b.raw("n(" + moduleID(i) + ");")
		}
		b.tmpl(`globalThis.dialogRegistry=globalThis.dialogRegistry||{};var powerbiKey="powerbi",powerbi=window[powerbiKey];` +
			`var {{GUID}}={name:{{NAMEJS}},displayName:{{DISPLAYJS}},class:{{CLASSJS}},apiVersion:{{APIJS}},` +
			`create:t=>{if(e.{{CLASS}})return new e.{{CLASS}}(t);throw"Visual instance not found"},` +
			`createModalDialog:(e,t,n)=>{const i=globalThis.dialogRegistry;e in i&&new i[e](t,n)},custom:!0};` +
			`"undefined"!=typeof powerbi&&(powerbi.visuals=powerbi.visuals||{},powerbi.visuals.plugins=powerbi.visuals.plugins||{},powerbi.visuals.plugins[{{NAMEJS}}]={{GUID}});` +
			`const a={{GUID}}})(),{{GUID}}=i})();`)
		return out
	}
	b.tmpl(`var {{GUID}};
/******/ (() => { /* webpackBootstrap */
/******/ 	"use strict";
/******/ 	var __webpack_modules__ = ({
`)
	b.raw("\n/***/ " + moduleID(0) + ":\n/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {\n\n" +
		"__webpack_require__.r(__webpack_exports__);\n/* harmony export */ __webpack_require__.d(__webpack_exports__, {\n" +
		"/* harmony export */   " + v.ClassName + ": () => (/* binding */ " + v.ClassName + ")\n/* harmony export */ });\n")
	out.VisualModuleOffset = b.verbatim(visual)
	b.raw("\n\n/***/ })")
	for i, m := range v.Modules {
		b.raw(",\n\n/***/ " + moduleID(1+i) + ":\n/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {\n\n")
		out.ModuleOffsets = append(out.ModuleOffsets, b.verbatim(m))
		b.raw("\n\n/***/ })")
	}
	for i, f := range filler {
		b.raw(",\n\n/***/ " + moduleID(1+len(v.Modules)+i) + ":\n/***/ ((module, exports, __webpack_require__) => {\n\n")
		b.raw(f)
		b.raw("\n\n/***/ })")
	}
	b.tmpl(`

/******/ 	});
/************************************************************************/
/******/ 	/* The module cache */
/******/ 	var __webpack_module_cache__ = {};
/******/ 	/* The require function */
/******/ 	function __webpack_require__(moduleId) {
/******/ 		var cachedModule = __webpack_module_cache__[moduleId];
/******/ 		if (cachedModule !== undefined) {
/******/ 			return cachedModule.exports;
/******/ 		}
/******/ 		var module = __webpack_module_cache__[moduleId] = {
/******/ 			exports: {}
/******/ 		};
/******/ 		__webpack_modules__[moduleId](module, module.exports, __webpack_require__);
/******/ 		return module.exports;
/******/ 	}
/******/ 	/* webpack/runtime/define property getters */
/******/ 	(() => {
/******/ 		__webpack_require__.d = (exports, definition) => {
/******/ 			for(var key in definition) {
/******/ 				if(__webpack_require__.o(definition, key) && !__webpack_require__.o(exports, key)) {
/******/ 					Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 				}
/******/ 			}
/******/ 		};
/******/ 	})();
/******/ 	/* webpack/runtime/hasOwnProperty shorthand */
/******/ 	(() => {
/******/ 		__webpack_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop));
/******/ 	})();
/******/ 	/* webpack/runtime/make namespace object */
/******/ 	(() => {
/******/ 		__webpack_require__.r = (exports) => {
/******/ 			if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 				Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 			}
/******/ 			Object.defineProperty(exports, '__esModule', { value: true });
/******/ 		};
/******/ 	})();
/************************************************************************/
var __webpack_exports__ = {};
(() => {
__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   "default": () => (__WEBPACK_DEFAULT_EXPORT__)
/* harmony export */ });
`)
	b.raw("/* harmony import */ var _src_visual__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(" + moduleID(0) + ");\n")
	for i := 1; i < n; i++ {
		b.raw("__webpack_require__(" + moduleID(i) + ");\n")
	}
	b.tmpl(`globalThis.dialogRegistry = globalThis.dialogRegistry || {};
var powerbiKey = "powerbi", powerbi = window[powerbiKey];
var {{GUID}} = {
    name: {{NAMEJS}},
    displayName: {{DISPLAYJS}},
    class: {{CLASSJS}},
    apiVersion: {{APIJS}},
    create: (options) => {
        if (_src_visual__WEBPACK_IMPORTED_MODULE_0__.{{CLASS}}) {
            return new _src_visual__WEBPACK_IMPORTED_MODULE_0__.{{CLASS}}(options);
        }
        throw 'Visual instance not found';
    },
    createModalDialog: (dialogId, options, initialState) => {
        const dialogRegistry = globalThis.dialogRegistry;
        if (dialogId in dialogRegistry) {
            new dialogRegistry[dialogId](options, initialState);
        }
    },
    custom: true
};
if (typeof powerbi !== "undefined") {
    powerbi.visuals = powerbi.visuals || {};
    powerbi.visuals.plugins = powerbi.visuals.plugins || {};
    powerbi.visuals.plugins[{{NAMEJS}}] = {{GUID}};
}
/* harmony default export */ const __WEBPACK_DEFAULT_EXPORT__ = ({{GUID}});

})();

{{GUID}} = __webpack_exports__;
/******/ })()
;
`)
	return out
}

// buildWebpack4 writes eras 2 and 3: webpack 4 bundles (array of module
// functions) with the API 2.x/3.x plugin wrappers.
func buildWebpack4(b *jsb, v Visual, visual string, filler []string) Bundle {
	var out Bundle
	n := 1 + len(v.Modules) + len(filler)
	b.tmpl(`var {{GUID}} =
/******/ (function(modules) { /* webpackBootstrap */
/******/ 	var installedModules = {};
/******/ 	function __webpack_require__(moduleId) {
/******/ 		if(installedModules[moduleId]) {
/******/ 			return installedModules[moduleId].exports;
/******/ 		}
/******/ 		var module = installedModules[moduleId] = {
/******/ 			i: moduleId,
/******/ 			l: false,
/******/ 			exports: {}
/******/ 		};
/******/ 		modules[moduleId].call(module.exports, module, module.exports, __webpack_require__);
/******/ 		module.l = true;
/******/ 		return module.exports;
/******/ 	}
/******/ 	__webpack_require__.m = modules;
/******/ 	__webpack_require__.c = installedModules;
/******/ 	__webpack_require__.d = function(exports, name, getter) {
/******/ 		if(!__webpack_require__.o(exports, name)) {
/******/ 			Object.defineProperty(exports, name, { enumerable: true, get: getter });
/******/ 		}
/******/ 	};
/******/ 	__webpack_require__.r = function(exports) {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ 	__webpack_require__.o = function(object, property) { return Object.prototype.hasOwnProperty.call(object, property); };
/******/ 	__webpack_require__.p = "";
`)
	b.raw("/******/ \treturn __webpack_require__(__webpack_require__.s = " + strconv.Itoa(n) + ");")
	b.tmpl(`
/******/ })
/************************************************************************/
/******/ ([
/* 0 */
/***/ (function(module, __webpack_exports__, __webpack_require__) {

"use strict";
__webpack_require__.r(__webpack_exports__);
`)
	b.raw(`__webpack_require__.d(__webpack_exports__, "` + v.ClassName + `", function() { return ` + v.ClassName + "; });\n")
	out.VisualModuleOffset = b.verbatim(visual)
	b.raw("\n\n/***/ })")
	for _, m := range v.Modules {
		b.raw(",\n/***/ (function(module, exports, __webpack_require__) {\n\n")
		out.ModuleOffsets = append(out.ModuleOffsets, b.verbatim(m))
		b.raw("\n\n/***/ })")
	}
	for _, f := range filler {
		b.raw(",\n/***/ (function(module, exports, __webpack_require__) {\n")
		b.raw(f)
		b.raw("\n/***/ })")
	}
	b.tmpl(`,
/***/ (function(module, __webpack_exports__, __webpack_require__) {

"use strict";
__webpack_require__.r(__webpack_exports__);
var _src_visual__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(0);
`)
	for i := 1; i < n; i++ {
		b.raw("__webpack_require__(" + strconv.Itoa(i) + ");\n")
	}
	if v.Era == 3 {
		b.tmpl(`var powerbiKey = "powerbi";
var powerbi = window[powerbiKey];
var {{GUID}} = {
    name: {{NAMEJS}},
    displayName: {{DISPLAYJS}},
    class: {{CLASSJS}},
    version: {{VERSIONJS}},
    apiVersion: {{APIJS}},
    create: function (options) {
        if (_src_visual__WEBPACK_IMPORTED_MODULE_0__["{{CLASS}}"]) {
            return new _src_visual__WEBPACK_IMPORTED_MODULE_0__["{{CLASS}}"](options);
        }
        throw 'Visual instance not found';
    },
    custom: true
};
if (typeof powerbi !== "undefined") {
    powerbi.visuals = powerbi.visuals || {};
    powerbi.visuals.plugins = powerbi.visuals.plugins || {};
    powerbi.visuals.plugins[{{NAMEJS}}] = {{GUID}};
}
/* harmony default export */ __webpack_exports__["default"] = ({{GUID}});
`)
	} else {
		b.tmpl(`var powerbi = window.powerbi;
var {{GUID}} = {
    name: {{NAMEJS}},
    displayName: {{DISPLAYJS}},
    class: {{CLASSJS}},
    version: {{VERSIONJS}},
    apiVersion: {{APIJS}},
    create: function (options) {
        var VisualClass = _src_visual__WEBPACK_IMPORTED_MODULE_0__["{{CLASS}}"];
        if (VisualClass) {
            return new VisualClass(options);
        }
        console.error('Visual instance not found');
    },
    custom: true
};
if (typeof powerbi !== "undefined") {
    powerbi.visuals = powerbi.visuals || {};
    powerbi.visuals.plugins = powerbi.visuals.plugins || {};
    powerbi.visuals.plugins[{{NAMEJS}}] = {{GUID}};
}
/* harmony default export */ __webpack_exports__["default"] = ({{GUID}});
`)
	}
	b.tmpl(`
/***/ })
/******/ ]);
`)
	return out
}

// buildEra1 writes the API 1.x format: TypeScript namespaces concatenated
// by the old pbiviz tools, then the plugin registration.
func buildEra1(b *jsb, v Visual, visual string, filler []string) Bundle {
	var out Bundle
	for _, f := range filler {
		b.raw("(function () {\n")
		b.raw(f)
		b.raw("\n})();\n")
	}
	b.tmpl(`var powerbi;
(function (powerbi) {
    var extensibility;
    (function (extensibility) {
        var visual;
        (function (visual) {
            var {{GUID}};
            (function ({{GUID}}) {
                "use strict";
`)
	for _, m := range v.Modules {
		b.raw("(function () {\n")
		out.ModuleOffsets = append(out.ModuleOffsets, b.verbatim(m))
		b.raw("\n})();\n")
	}
	out.VisualModuleOffset = b.verbatim(visual)
	b.raw("\n")
	b.tmpl(`                {{GUID}}.{{CLASS}} = {{CLASS}};
            })({{GUID}} = visual.{{GUID}} || (visual.{{GUID}} = {}));
        })(visual = extensibility.visual || (extensibility.visual = {}));
    })(extensibility = powerbi.extensibility || (powerbi.extensibility = {}));
})(powerbi || (powerbi = {}));
var powerbi;
(function (powerbi) {
    var visuals;
    (function (visuals) {
        var plugins;
        (function (plugins) {
            plugins[{{NAMEJS}}] = {
                name: {{NAMEJS}},
                displayName: {{DISPLAYJS}},
                class: {{CLASSJS}},
                version: {{VERSIONJS}},
                apiVersion: {{APIJS}},
                create: function (options) { return new powerbi.extensibility.visual.{{GUID}}.{{CLASS}}(options); },
                custom: true
            };
        })(plugins = visuals.plugins || (visuals.plugins = {}));
    })(visuals = powerbi.visuals || (powerbi.visuals = {}));
})(powerbi || (powerbi = {}));
`)
	return out
}
