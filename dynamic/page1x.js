// The Power BI page of early API 1.x (2016), written by hand: the host
// utilities Power BI itself supplied to the visuals it loaded in its page
// (powerbi.visuals.utility.SelectionManager, SelectionId,
// powerbi.data.createDisplayNameGetter, DataViewObjects, valueFormatter,
// TextMeasurementService, jsCommon…), which visuals of that era call
// without shipping them. Only the members the public corpus reaches are
// here, with the behaviour they had; third-party libraries the page also
// carried (jQuery, d3 v3, lodash) are not: --dynamic-lib supplies them.
// Runs after the powerbi namespace exists, for packages of API 1.x or
// without an API version, as (function (pbi, g) {...}).
(function (pbi, g) {
  "use strict";
  var call = pbi.host;
  var powerbi = g.powerbi;
  function ns(root, path) {
    return path.split(".").reduce(function (o, k) { return o[k] || (o[k] = {}); }, root);
  }
  function def(name, v) {
    // page globals were script-level vars: enumerable, not configurable
    Object.defineProperty(g, name, { value: v, writable: true, enumerable: true, configurable: false });
  }
  var visuals = powerbi.visuals, data = powerbi.data;
  function resolved(v) { return Promise.resolve(v); }

  // ---- jsCommon
  var jsCommon = {};
  jsCommon.CssConstants = {
    createClassAndSelector: function (name) { return { class: name, selector: "." + name }; },
    styleAttribute: "style", pixelUnits: "px", heightProperty: "height", widthProperty: "width",
    topProperty: "top", bottomProperty: "bottom", leftProperty: "left", rightProperty: "right",
    marginTopProperty: "margin-top", marginLeftProperty: "margin-left", displayProperty: "display",
    backgroundProperty: "background", backgroundColorProperty: "background-color", fontSizeProperty: "font-size",
    fontFamilyProperty: "font-family", fontWeightProperty: "font-weight", colorProperty: "color",
    opacityProperty: "opacity", hiddenValue: "hidden", noneValue: "none", blockValue: "block", absoluteValue: "absolute",
    visibilityProperty: "visibility", positionProperty: "position", overflowProperty: "overflow",
  };
  jsCommon.PixelConverter = {
    toString: function (px) { return px + "px"; },
    fromPoint: function (pt) { return jsCommon.PixelConverter.toString(jsCommon.PixelConverter.fromPointToPixel(pt)); },
    fromPointToPixel: function (pt) { return pt * 4 / 3; },
    toPoint: function (px) { return px * 3 / 4; },
  };
  jsCommon.Color = {
    parseColorString: function (s) {
      s = String(s || "").trim();
      var m = /^#?([0-9a-f]{3})$/i.exec(s);
      if (m) s = "#" + m[1].split("").map(function (c) { return c + c; }).join("");
      m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(s);
      if (m) return { R: parseInt(m[1], 16), G: parseInt(m[2], 16), B: parseInt(m[3], 16) };
      m = /^rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*([\d.]+)\s*)?\)$/i.exec(s);
      if (m) return { R: +m[1], G: +m[2], B: +m[3], A: m[4] === undefined ? undefined : +m[4] };
      return undefined;
    },
    hexString: function (c) {
      function h(n) { var x = Math.max(0, Math.min(255, Math.round(n))).toString(16); return x.length < 2 ? "0" + x : x; }
      return "#" + h(c.R) + h(c.G) + h(c.B);
    },
    rgbString: function (c) { return "rgb(" + c.R + "," + c.G + "," + c.B + ")"; },
    darken: function (c, d) { return { R: Math.max(0, c.R - d), G: Math.max(0, c.G - d), B: Math.max(0, c.B - d) }; },
    rotate: function (s) { return s; },
    normalizeToHexString: function (s) { var c = jsCommon.Color.parseColorString(s); return c ? jsCommon.Color.hexString(c) : s; },
  };
  jsCommon.WordBreaker = {
    splitByWidth: function (content, props, measure, maxWidth, maxLines) {
      var words = String(content).split(/\s+/), lines = [], line = "";
      words.forEach(function (w) {
        var next = line ? line + " " + w : w;
        if (line && measure(Object.assign({}, props, { text: next })) > maxWidth) { lines.push(line); line = w; } else line = next;
      });
      if (line) lines.push(line);
      return maxLines > 0 ? lines.slice(0, maxLines) : lines;
    },
    hasBreakers: function (s) { return /\s/.test(s); },
    wordCount: function (s) { return String(s).split(/\s+/).filter(Boolean).length; },
  };
  jsCommon.EnumExtensions = {
    hasFlag: function (v, f) { return (v & f) === f; },
    setFlag: function (v, f) { return v | f; },
    resetFlag: function (v, f) { return v & ~f; },
  };
  jsCommon.StringExtensions = {
    isNullOrEmpty: function (s) { return s == null || s.length === 0; },
    format: function (f) { var a = [].slice.call(arguments, 1); return String(f).replace(/\{(\d+)\}/g, function (m, i) { return a[i]; }); },
    endsWith: function (s, e) { return String(s).slice(-String(e).length) === String(e); },
    startsWithIgnoreCase: function (s, p) { return String(s).toLowerCase().indexOf(String(p).toLowerCase()) === 0; },
  };
  jsCommon.Utility = { isNullOrUndefined: function (v) { return v == null; } };
  jsCommon.KeyUtils = { isArrowKey: function () { return false; } };
  jsCommon.Formatting = { fixDateTimeFormat: function (f) { return f; } };
  def("jsCommon", jsCommon);

  // ---- powerbi: types and helpers
  powerbi.PrimitiveType = { Null: 0, Text: 1, Decimal: 2, Double: 3, Integer: 4, Boolean: 5, Date: 6, DateTime: 7, DateTimeZone: 8, Time: 9, Duration: 10, Binary: 11, None: 12 };
  powerbi.DisplayUnitSystemType = { Default: 0, Verbose: 1, WholeUnits: 2, DataLabels: 3 };
  function valueType(primitive, category) {
    var P = powerbi.PrimitiveType;
    var t = { primitiveType: primitive, category: category };
    t.numeric = primitive === P.Decimal || primitive === P.Double || primitive === P.Integer;
    t.integer = primitive === P.Integer;
    t.text = primitive === P.Text;
    t.bool = primitive === P.Boolean;
    t.dateTime = primitive === P.Date || primitive === P.DateTime || primitive === P.DateTimeZone || primitive === P.Time;
    t.duration = primitive === P.Duration;
    t.misc = {}; t.formatting = {}; t.enumeration = undefined; t.scripting = {}; t.operations = {};
    t.extendedType = primitive;
    t.isCompatibleFrom = function (o) { return !!o && o.primitiveType === primitive; };
    return t;
  }
  powerbi.ValueType = {
    fromPrimitiveTypeAndCategory: function (p, c) { return valueType(p, c); },
    fromDescriptor: function (d) {
      d = d || {};
      var P = powerbi.PrimitiveType;
      if (d.text) return valueType(P.Text);
      if (d.integer) return valueType(P.Integer);
      if (d.numeric) return valueType(P.Double);
      if (d.bool) return valueType(P.Boolean);
      if (d.dateTime) return valueType(P.DateTime);
      if (d.duration) return valueType(P.Duration);
      var t = valueType(P.Null);
      ["formatting", "misc", "enumeration", "scripting", "operations", "fill", "fillRule"].forEach(function (k) { if (d[k]) t[k] = d[k]; });
      return t;
    },
    fromExtendedType: function (e) { return valueType(e); },
  };
  powerbi.createEnumType = function (members) {
    return { members: function () { return members; }, isValidEnumValue: function () { return true; } };
  };
  powerbi.Prototype = {
    inherit: function (o, ext) { var x = Object.create(o); if (ext) ext(x); return x; },
    inheritSingle: function (o) { return Object.create(o); },
    overrideArray: function (a, f) { return a.map(f); },
  };
  powerbi.Double = {
    roundToPrecision: function (x, p) { p = p || 0; var f = Math.pow(10, Math.round(-Math.log(p || 1) / Math.LN10)); return p ? Math.round(x / p) * p : Math.round(x); },
    floorWithPrecision: function (x) { return Math.floor(x); },
    ceilWithPrecision: function (x) { return Math.ceil(x); },
    equalWithPrecision: function (a, b, e) { return Math.abs(a - b) <= (e || 1e-5); },
    isInteger: function (x) { return x === Math.round(x); },
    log10: function (x) { return Math.log(x) / Math.LN10; },
    pow10: function (x) { return Math.pow(10, x); },
    EPSILON: 1e-5,
  };
  powerbi.DateUtils = {
    addDays: function (d, n) { var x = new Date(d.getTime()); x.setDate(x.getDate() + n); return x; },
  };
  var objects = {
    getValue: function (objs, prop, def) {
      if (!objs || !prop) return def;
      var o = objs[prop.objectName];
      return objects1.getValue(o, prop.propertyName, def);
    },
    getObject: function (objs, name, def) { return objs && objs[name] ? objs[name] : def; },
    getFillColor: function (objs, prop, def) {
      var v = objects.getValue(objs, prop);
      return v && v.solid ? v.solid.color : def;
    },
    getUserDefinedObjects: function (objs, name) { return objs && objs[name] ? objs[name].$instances : undefined; },
  };
  var objects1 = {
    getValue: function (o, name, def) { if (!o) return def; var v = o[name]; return v === undefined ? def : v; },
    getFillColorByPropertyName: function (o, name, def) { var v = objects1.getValue(o, name); return v && v.solid ? v.solid.color : def; },
  };
  powerbi.DataViewObjects = objects;
  powerbi.DataViewObject = objects1;

  // ---- text measurement: the sizes the run's DOM gives text (6 px a character)
  function textWidth(p) { var t = p && p.text != null ? String(p.text) : ""; var fs = parseFloat(p && p.fontSize) || 12; return t.length * fs / 2; }
  function textHeight(p) { return Math.round((parseFloat(p && p.fontSize) || 12) * 1.33); }
  function tailored(p, max) {
    var t = p && p.text != null ? String(p.text) : "";
    if (textWidth(p) <= max) return t;
    var per = (parseFloat(p.fontSize) || 12) / 2, n = Math.max(0, Math.floor(max / per) - 3);
    return t.slice(0, n) + "...";
  }
  powerbi.TextMeasurementService = {
    measureSvgTextWidth: textWidth,
    measureSvgTextHeight: textHeight,
    estimateSvgTextHeight: textHeight,
    estimateSvgTextBaselineDelta: function (p) { return Math.round(textHeight(p) / 5); },
    measureSvgTextRect: function (p) { return { x: 0, y: -textHeight(p), width: textWidth(p), height: textHeight(p) }; },
    measureSvgTextElementWidth: function (el) { return (el.textContent || "").length * 6; },
    getMeasurementProperties: function (el) { return { text: el.textContent || "", fontFamily: "Segoe UI", fontSize: "12px" }; },
    getSvgMeasurementProperties: function (el) { return { text: el.textContent || "", fontFamily: "Segoe UI", fontSize: "12px" }; },
    getTailoredTextOrDefault: tailored,
    svgEllipsis: function (el, max) { var t = el.textContent || ""; var out = tailored({ text: t, fontSize: "12px" }, max); if (out !== t) el.textContent = out; },
    wordBreak: function (el) {},
    wordBreakOverflowingText: function (el) {},
    removeSpanElement: function () {},
  };

  // ---- selection
  var ids = 0;
  function SelectionId(selector, highlight) {
    this.selector = selector;
    this.highlight = !!highlight;
    this.key = JSON.stringify({ selector: selector ? data.Selector.getKey(selector) : null, highlight: this.highlight });
  }
  SelectionId.prototype.equals = function (o) { return !!o && this.key === o.key; };
  SelectionId.prototype.includes = function (o) { return this.equals(o); };
  SelectionId.prototype.getKey = function () { return this.key; };
  SelectionId.prototype.getSelector = function () { return this.selector; };
  SelectionId.prototype.getSelectorsByColumn = function () { return this.selector; };
  SelectionId.prototype.hasIdentity = function () { return !!(this.selector && this.selector.data); };
  SelectionId.prototype.getHighlightIdentity = function () { return this.highlight ? this : new SelectionId(this.selector, true); };
  SelectionId.createNull = function (h) { return new SelectionId(null, h); };
  SelectionId.createWithId = function (id, h) { return new SelectionId(id ? { data: [id] } : null, h); };
  SelectionId.createWithMeasure = function (m, h) { return new SelectionId({ metadata: m }, h); };
  SelectionId.createWithIdAndMeasure = function (id, m, h) { return new SelectionId({ data: id ? [id] : undefined, metadata: m }, h); };
  SelectionId.createWithIds = function (a, b, h) { return new SelectionId({ data: [a, b].filter(Boolean) }, h); };
  SelectionId.createWithIdsAndMeasure = function (a, b, m, h) { return new SelectionId({ data: [a, b].filter(Boolean), metadata: m }, h); };
  SelectionId.createWithIdAndMeasureAndCategory = function (id, m, q, h) { return new SelectionId({ data: id ? [id] : undefined, metadata: m, id: q }, h); };
  SelectionId.createWithIdsAndMeasureAndCategory = function (a, b, m, q, h) { return new SelectionId({ data: [a, b].filter(Boolean), metadata: m, id: q }, h); };
  SelectionId.createWithSelectorForColumnAndMeasure = function (d, m, h) { return new SelectionId({ data: [], metadata: m }, h); };
  SelectionId.createWithHighlight = function (o) { return o.getHighlightIdentity(); };
  visuals.SelectionId = SelectionId;
  function SelectionIdBuilder() { this.parts = []; }
  SelectionIdBuilder.builder = function () { return new SelectionIdBuilder(); };
  SelectionIdBuilder.prototype.withCategory = function (c, i) { if (c && c.identity && c.identity[i]) this.parts.push(c.identity[i]); return this; };
  SelectionIdBuilder.prototype.withSeries = function (s, g2) { if (g2 && g2.identity) this.parts.push(g2.identity); return this; };
  SelectionIdBuilder.prototype.withMeasure = function (m) { this.measure = m; return this; };
  SelectionIdBuilder.prototype.createSelectionId = function () { return new SelectionId({ data: this.parts.slice(), metadata: this.measure }); };
  visuals.SelectionIdBuilder = SelectionIdBuilder;

  function SelectionManager(options) {
    this.hostServices = options && options.hostServices;
    this.selectedIds = [];
  }
  SelectionManager.prototype.select = function (id, multi) {
    call("selectionManager.select");
    if (multi) {
      if (SelectionManager.containsSelection(this.selectedIds, id)) this.selectedIds = this.selectedIds.filter(function (x) { return !x.equals(id); });
      else this.selectedIds.push(id);
    } else this.selectedIds = SelectionManager.containsSelection(this.selectedIds, id) && this.selectedIds.length === 1 ? [] : [id];
    if (this.hostServices && typeof this.hostServices.onSelect === "function") this.hostServices.onSelect({ data: this.selectedIds.map(function (x) { return x.getSelector(); }) });
    return resolved(this.selectedIds);
  };
  SelectionManager.prototype.hasSelection = function () { return this.selectedIds.length > 0; };
  SelectionManager.prototype.clear = function () { call("selectionManager.clear"); this.selectedIds = []; return resolved(); };
  SelectionManager.prototype.getSelectionIds = function () { return this.selectedIds; };
  SelectionManager.containsSelection = function (list, id) { return (list || []).some(function (x) { return x && x.equals && x.equals(id); }); };
  ns(visuals, "utility").SelectionManager = SelectionManager;

  // ---- data: identities, selectors, semantic queries (inert descriptions)
  data.createDisplayNameGetter = function (key) { return function (resources) { return resources && resources.get ? resources.get(key) : key; }; };
  data.createDataViewScopeIdentity = function (expr) { return { expr: expr, key: JSON.stringify(expr), kind: 0 }; };
  data.Selector = {
    equals: function (a, b) { return data.Selector.getKey(a) === data.Selector.getKey(b); },
    getKey: function (s) { try { return JSON.stringify(s && { data: s.data && s.data.map(function (d) { return d && (d.key || d); }), metadata: s.metadata, id: s.id }); } catch (e) { return String(s); } },
    containsWildcard: function () { return false; },
  };
  function expr(kind, args) { var e = { kind: kind }; for (var k in args) e[k] = args[k]; e.accept = function () {}; return e; }
  data.SQExprBuilder = {};
  ["text", "integer", "double", "boolean", "dateTime", "decimal", "nullConstant"].forEach(function (k) {
    data.SQExprBuilder[k] = function (v, s) { return expr("constant", { type: k, value: v, valueEncoded: s }); };
  });
  ["equal", "compare", "and", "or", "not", "between", "inExpr", "contains", "startsWith", "columnRef", "entity", "measureRef", "aggregate", "hierarchy", "hierarchyLevel", "propertyVariationSource"].forEach(function (k) {
    data.SQExprBuilder[k] = function () { return expr(k, { args: [].slice.call(arguments) }); };
  });
  function SemanticFilter(where) { this.where = function () { return where; }; }
  SemanticFilter.fromSQExpr = function (e) { return new SemanticFilter([{ condition: e }]); };
  SemanticFilter.getDefaultValueFilter = function () { return undefined; };
  data.SemanticFilter = SemanticFilter;
  ["SQExpr", "SQEntityExpr", "SQConstantExpr", "SQCompareExpr", "SQColumnRefExpr", "SQMeasureRefExpr", "SQAndExpr", "SQOrExpr"].forEach(function (k) {
    data[k] = function SQ() {};
  });

  // ---- visuals: formatting, colours, small helpers
  function formatNumber(v, fmt, precision) {
    if (typeof v !== "number") return v == null ? "(Blank)" : String(v);
    if (fmt && /%/.test(fmt)) return (v * 100).toFixed(precision == null ? 0 : precision) + "%";
    var p = precision == null ? (Math.abs(v) >= 100 || v === Math.round(v) ? 0 : 2) : precision;
    return v.toFixed(p).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }
  visuals.valueFormatter = {
    create: function (o) {
      o = o || {};
      var unit = typeof o.value === "number" && o.value >= 1000 ? o.value : 1;
      var suffix = unit >= 1e9 ? "bn" : unit >= 1e6 ? "M" : unit >= 1e3 ? "K" : "";
      return {
        format: function (v) { return typeof v === "number" ? formatNumber(v / unit, o.format, o.precision) + suffix : visuals.valueFormatter.format(v, o.format); },
        displayUnit: unit > 1 ? { value: unit, title: suffix } : undefined,
        options: o,
      };
    },
    format: function (v, fmt) {
      if (v == null) return "(Blank)";
      if (v instanceof Date) return v.toISOString().slice(0, 10);
      return typeof v === "number" ? formatNumber(v, fmt) : String(v);
    },
    getFormatString: function (col, prop, suppress) {
      if (col && col.objects && prop && col.objects[prop.objectName]) return col.objects[prop.objectName][prop.propertyName];
      return col && col.format;
    },
    getFormatStringByColumn: function (col) { return col && col.format; },
    formatListAnd: function (a) { return (a || []).join(" and "); },
    formatListOr: function (a) { return (a || []).join(" or "); },
    getDisplayUnits: function () { return []; },
    createDefaultFormatter: function (fmt) { return { format: function (v) { return visuals.valueFormatter.format(v, fmt); } }; },
    DefaultNumericFormat: "#,0.00", DefaultIntegerFormat: "g", DefaultDateFormat: "d",
  };
  function ColorHelper(palette, prop, def) { this.colors = palette; this.fillProperty = prop; this.defaultDataPointColor = def; }
  ColorHelper.prototype.getColorForSeriesValue = function (objs, fields, value) {
    return objects.getFillColor(objs, this.fillProperty) || this.defaultDataPointColor || (this.colors && this.colors.getColorByScaleAndIndex ? this.colors.getColorByScaleAndIndex(0, 0).value : "#01B8AA");
  };
  ColorHelper.prototype.getColorForMeasure = function (objs) { return objects.getFillColor(objs, this.fillProperty) || this.defaultDataPointColor || "#01B8AA"; };
  ColorHelper.normalizeSelector = function (s) { return s; };
  visuals.ColorHelper = ColorHelper;
  var classic = ["#01B8AA", "#374649", "#FD625E", "#F2C80F", "#5F6B6D", "#8AD4EB", "#FE9666", "#A66999", "#3599B8", "#DFBFBF"];
  function DataColorPalette(colors) {
    var list = (colors || classic.map(function (v) { return { value: v }; }));
    var scales = {};
    this.getColorByIndex = function (i) { return list[i % list.length]; };
    this.getAllColors = function () { return list.slice(); };
    this.getSentimentColors = function () { return [{ value: "#FD625E" }, { value: "#F2C80F" }, { value: "#01B8AA" }]; };
    this.getBasePickerColors = function () { return list.slice(); };
    this.getNewColorScale = function () { var used = {}, n = 0; return { getColor: function (k) { k = String(k); if (!(k in used)) used[k] = list[n++ % list.length]; return used[k]; }, clearAndRotateScale: function () {}, clone: function () { return this; }, getDomain: function () { return Object.keys(used); } }; };
    this.getColorScaleByKey = function (key) { return scales[key] || (scales[key] = this.getNewColorScale()); };
    this.getColorByScaleAndIndex = function (s, i) { return list[i % list.length]; };
  }
  visuals.DataColorPalette = DataColorPalette;
  visuals.SVGUtil = {
    translate: function (x, y) { return "translate(" + x + "," + y + ")"; },
    translateXWithPixels: function (x) { return "translateX(" + x + "px)"; },
    translateAndRotate: function (x, y, px, py, a) { return "translate(" + x + "," + y + ") rotate(" + a + "," + px + "," + py + ")"; },
    translateAndScale: function (x, y, s) { return "translate(" + x + "," + y + ") scale(" + s + ")"; },
    scale: function (s) { return "scale(" + s + ")"; },
    transformOrigin: function (x, y) { return x + " " + y; },
    flushAllD3Transitions: function () {},
    ensureDAttribute: function () {},
    parseTranslateTransform: function (t) { var m = /translate\(\s*([-\d.e]+)[ ,]+([-\d.e]+)/.exec(t || ""); return m ? { x: m[1], y: m[2] } : { x: "0", y: "0" }; },
    createArrow: function () { return ""; },
  };
  visuals.StandardObjectProperties = {
    fill: { displayName: "Fill", type: { fill: { solid: { color: true } } } },
    show: { displayName: "Show", type: { bool: true } },
    fontColor: { displayName: "Font color", type: { fill: { solid: { color: true } } } },
    fontSize: { displayName: "Text size", type: { formatting: { fontSize: true } } },
    labelDisplayUnits: { displayName: "Display units", type: { formatting: { labelDisplayUnits: true } } },
    labelPrecision: { displayName: "Decimal places", type: { numeric: true } },
    dataColor: { displayName: "Color", type: { fill: { solid: { color: true } } } },
  };
  function ObjectEnumerationBuilder() { this.instances = []; }
  ObjectEnumerationBuilder.prototype.pushInstance = function (i) { this.instances.push(i); return this; };
  ObjectEnumerationBuilder.prototype.pushContainer = function () { return this; };
  ObjectEnumerationBuilder.prototype.popContainer = function () { return this; };
  ObjectEnumerationBuilder.prototype.complete = function () { return { instances: this.instances }; };
  ObjectEnumerationBuilder.getContainerForInstance = function () {};
  visuals.ObjectEnumerationBuilder = ObjectEnumerationBuilder;
  visuals.dataHasSelection = function (points) { return (points || []).some(function (d) { return d && d.selected; }); };
  visuals.TooltipManager = {
    addTooltip: function () { call("tooltipService.show"); },
    ToolTipInstance: null,
    ShowTooltips: true,
  };
  visuals.tooltipBuilder = { createTooltipInfo: function () { return []; } };
  function InteractivityService(host) { this.hostServices = host; this.selectionManager = new SelectionManager({ hostServices: host }); }
  InteractivityService.prototype.bind = function (points, behavior, opts) { this.points = points; if (behavior && behavior.bindEvents) behavior.bindEvents(opts, this); };
  InteractivityService.prototype.applySelectionStateToData = function (points) { (points || []).forEach(function (d) { d.selected = false; }); return false; };
  InteractivityService.prototype.hasSelection = function () { return this.selectionManager.hasSelection(); };
  InteractivityService.prototype.clearSelection = function () { this.selectionManager.clear(); };
  InteractivityService.prototype.isSelectionModeInverted = function () { return false; };
  InteractivityService.prototype.legendHasSelection = function () { return false; };
  visuals.InteractivityService = InteractivityService;
  visuals.createInteractivityService = function (host) { return new InteractivityService(host); };
  visuals.appendClearCatcher = function (sel) { return sel.append("rect").classed("clearCatcher", true).attr({ width: "100%", height: "100%" }); };

  // ---- the API 1.x host lists the theme's data colours (host.colors)
  var makeHost = pbi.makeHost;
  pbi.makeHost = function () {
    var h = makeHost();
    h.colors = classic.map(function (v) { return { value: v }; });
    return h;
  };

  // ---- init(options) as the page called it: the element wrapped by the
  // page's jQuery (when --dynamic-lib supplied it), the 1.x host services
  // on the host, the report's style and the viewport
  pbi.initOptions = function (opts) {
    var host = opts.host, jq = g.jQuery || g.$;
    var services = {
      getLocalizedString: function (k) { return String(k); },
      onSelect: function () { call("hostServices.onSelect"); },
      onContextMenu: function () { call("hostServices.onContextMenu"); },
      onDragStart: function () {},
      canSelect: function () { return true; },
      loadMoreData: function () { call("fetchMoreData"); },
      persistProperties: function () { call("persistProperties"); },
      onCustomSort: function () { call("applyCustomSort"); },
      getViewMode: function () { return powerbi.ViewMode.Edit; },
      setWarnings: function () { call("hostServices.setWarnings"); },
      setToolbar: function () {},
      shouldRetainSelection: function () { return false; },
      analyze: function () { return resolved(); },
      visualCapabilitiesChanged: function () {},
      setIdentityDisplayNames: function () {},
      getIdentityDisplayNames: function () { return []; },
      trace: function () {},
      promiseFactory: function () {
        return { defer: function () { var d = {}; d.promise = new Promise(function (res, rej) { d.resolve = res; d.reject = rej; }); return d; },
          resolve: resolved, reject: function (e) { return Promise.reject(e); } };
      },
    };
    Object.keys(services).forEach(function (k) { if (!(k in host)) host[k] = services[k]; });
    var palette = new DataColorPalette();
    return {
      element: typeof jq === "function" && jq.fn ? jq(opts.element) : opts.element,
      host: host,
      viewport: { width: pbi.vw, height: pbi.vh },
      style: {
        titleText: { color: { value: "#333333" } }, subTitleText: { color: { value: "#919191" } },
        labelText: { color: { value: "#777777" }, fontSize: "11px" }, colorPalette: { dataColors: palette, background: { value: "#FFFFFF" }, foreground: { value: "#333333" } },
        isHighContrast: false,
      },
      animation: { transitionImmediate: true },
      interactivity: { selection: true, isInteractiveLegend: false, overflow: "hidden" },
    };
  };
})
