// pbicert's browser and Power BI host: the parts written in JavaScript.
// Runs once per runtime before content.js, as (function (pbi, g) {...}).
// pbi is private (never a global): pbi.rec records a trapped call with the
// current stack, pbi.host counts host calls. Every trap records and returns
// something inert: a pending promise, a request that never answers, empty
// storage.
(function (pbi, g) {
  "use strict";
  var rec = pbi.rec, hostCall = pbi.host;
  // the runtime's own Promise, whatever the bundle later assigns to
  // window.Promise (core-js replaces it): the browser's APIs return native
  // promises, never a polyfill's
  var Promise = g.Promise;
  // As in browsers, the window's operations and attributes (fetch, open,
  // navigator, localStorage…) are enumerable (for-in over window finds
  // them); interfaces (XMLHttpRequest, Headers…), namespaces (console) and
  // the language's globals (eval, Function, Intl…) are not.
  var notEnumerable = { console: 1, globalThis: 1, eval: 1, Function: 1, Intl: 1, WebAssembly: 1 };
  function def(name, v) {
    var en = !notEnumerable[name] && !/^[A-Z]/.test(name);
    Object.defineProperty(g, name, { value: v, writable: true, configurable: true, enumerable: en });
  }
  function pending() { return new Promise(function () {}); }
  function headersOf(h) {
    var out = {};
    if (!h) return out;
    if (typeof h.forEach === "function" && !Array.isArray(h)) {
      h.forEach(function (v, k) { out[String(k)] = String(v); });
      return out;
    }
    if (Array.isArray(h)) { h.forEach(function (p) { out[String(p[0])] = String(p[1]); }); return out; }
    Object.keys(h).forEach(function (k) { out[k] = String(h[k]); });
    return out;
  }
  // the text of a body part: strings, Blobs, and bytes (typed arrays,
  // ArrayBuffer, DataView) decoded as UTF-8, so that encoded text is seen
  function partText(p) {
    if (typeof p === "string") return p;
    if (p && p._text !== undefined) return p._text;
    if (p instanceof ArrayBuffer || ArrayBuffer.isView(p)) {
      try { return new g.TextDecoder().decode(p); } catch (e) { return ""; }
    }
    return String(p);
  }
  function bodyOf(b) {
    if (b == null) return "";
    if (typeof b === "string") return b;
    if (b instanceof ArrayBuffer || ArrayBuffer.isView(b)) return partText(b);
    if (b instanceof URLSearchParams) return b.toString();
    if (b instanceof FormData) return JSON.stringify(b._entries);
    if (b instanceof Blob) return b._text;
    try { return JSON.stringify(b); } catch (e) { return String(b); }
  }

  // ---- events
  class Event {
    constructor(type, init) {
      init = init || {};
      this.type = String(type);
      this.bubbles = !!init.bubbles;
      this.cancelable = !!init.cancelable;
      this.composed = !!init.composed;
      this.defaultPrevented = false;
      this.target = null; this.currentTarget = null; this.srcElement = null;
      this.eventPhase = 0; this.isTrusted = false;
      this.timeStamp = g.performance.now();
      this._stop = false; this._stopImm = false;
    }
    preventDefault() { if (this.cancelable) this.defaultPrevented = true; this.returnValue = false; }
    stopPropagation() { this._stop = true; this.cancelBubble = true; }
    stopImmediatePropagation() { this._stop = true; this._stopImm = true; }
    composedPath() { return this.target ? [this.target] : []; }
    initEvent(type, bubbles, cancelable) { this.type = String(type); this.bubbles = !!bubbles; this.cancelable = !!cancelable; }
  }
  Event.NONE = 0; Event.CAPTURING_PHASE = 1; Event.AT_TARGET = 2; Event.BUBBLING_PHASE = 3;
  class CustomEvent extends Event {
    constructor(type, init) { super(type, init); this.detail = init && init.detail !== undefined ? init.detail : null; }
    initCustomEvent(type, b, c, d) { this.initEvent(type, b, c); this.detail = d; }
  }
  class UIEvent extends Event { constructor(t, i) { super(t, i); this.view = g; this.detail = (i && i.detail) || 0; } }
  class MouseEvent extends UIEvent {
    constructor(t, i) {
      super(t, i); i = i || {};
      var self = this;
      ["screenX", "screenY", "clientX", "clientY", "pageX", "pageY", "offsetX", "offsetY", "movementX", "movementY", "button", "buttons", "x", "y"]
        .forEach(function (k) { self[k] = i[k] || 0; });
      ["ctrlKey", "shiftKey", "altKey", "metaKey"].forEach(function (k) { self[k] = !!i[k]; });
      this.relatedTarget = i.relatedTarget || null;
      this.which = 1;
    }
    getModifierState() { return false; }
    initMouseEvent(type, b, c) { this.initEvent(type, b, c); }
  }
  class PointerEvent extends MouseEvent { constructor(t, i) { super(t, i); this.pointerId = 1; this.pointerType = "mouse"; this.isPrimary = true; } }
  class WheelEvent extends MouseEvent { constructor(t, i) { super(t, i); i = i || {}; this.deltaX = i.deltaX || 0; this.deltaY = i.deltaY || 0; this.deltaZ = 0; this.deltaMode = 0; } }
  class KeyboardEvent extends UIEvent { constructor(t, i) { super(t, i); i = i || {}; this.key = i.key || ""; this.code = i.code || ""; this.keyCode = i.keyCode || 0; this.ctrlKey = !!i.ctrlKey; this.shiftKey = !!i.shiftKey; this.altKey = !!i.altKey; this.metaKey = !!i.metaKey; this.repeat = false; } getModifierState() { return false; } }
  class FocusEvent extends UIEvent { constructor(t, i) { super(t, i); this.relatedTarget = null; } }
  class TouchEvent extends UIEvent { constructor(t, i) { super(t, i); this.touches = []; this.targetTouches = []; this.changedTouches = []; } }
  class MessageEvent extends Event { constructor(t, i) { super(t, i); i = i || {}; this.data = i.data; this.origin = i.origin || ""; this.source = i.source || null; this.ports = []; } }
  class ErrorEvent extends Event { constructor(t, i) { super(t, i); i = i || {}; this.message = i.message || ""; this.error = i.error; } }
  class ProgressEvent extends Event { constructor(t, i) { super(t, i); this.loaded = 0; this.total = 0; this.lengthComputable = false; } }
  class AnimationEvent extends Event {}
  class TransitionEvent extends Event {}
  class DragEvent extends MouseEvent { constructor(t, i) { super(t, i); this.dataTransfer = null; } }
  class ClipboardEvent extends Event { constructor(t, i) { super(t, i); this.clipboardData = null; } }
  [Event, CustomEvent, UIEvent, MouseEvent, PointerEvent, WheelEvent, KeyboardEvent, FocusEvent, TouchEvent, MessageEvent,
    ErrorEvent, ProgressEvent, AnimationEvent, TransitionEvent, DragEvent, ClipboardEvent].forEach(function (c) { def(c.name, c); });
  pbi.mouseEvent = function (type) { return new MouseEvent(type, { bubbles: true, cancelable: true, clientX: 10, clientY: 10 }); };
  pbi.createEvent = function (kind) {
    var k = String(kind);
    var C = /Mouse/.test(k) ? MouseEvent : /Custom/.test(k) ? CustomEvent : /Key/.test(k) ? KeyboardEvent : /UI/.test(k) ? UIEvent : Event;
    return new C("");
  };

  var domCodes = { IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4, InvalidCharacterError: 5, NoModificationAllowedError: 7,
    NotFoundError: 8, NotSupportedError: 9, InvalidStateError: 11, SyntaxError: 12, InvalidModificationError: 13, NamespaceError: 14,
    InvalidAccessError: 15, SecurityError: 18, NetworkError: 19, AbortError: 20, QuotaExceededError: 22, TimeoutError: 23, DataCloneError: 25 };
  class DOMException extends Error {
    constructor(message, name) { super(message); this.message = message === undefined ? "" : String(message); this.name = name === undefined ? "Error" : String(name); }
    get code() { return domCodes[this.name] || 0; }
  }
  ["INDEX_SIZE_ERR", "DOMSTRING_SIZE_ERR", "HIERARCHY_REQUEST_ERR", "WRONG_DOCUMENT_ERR", "INVALID_CHARACTER_ERR", "NO_DATA_ALLOWED_ERR",
    "NO_MODIFICATION_ALLOWED_ERR", "NOT_FOUND_ERR", "NOT_SUPPORTED_ERR", "INUSE_ATTRIBUTE_ERR", "INVALID_STATE_ERR", "SYNTAX_ERR",
    "INVALID_MODIFICATION_ERR", "NAMESPACE_ERR", "INVALID_ACCESS_ERR", "VALIDATION_ERR", "TYPE_MISMATCH_ERR", "SECURITY_ERR",
    "NETWORK_ERR", "ABORT_ERR", "URL_MISMATCH_ERR", "QUOTA_EXCEEDED_ERR", "TIMEOUT_ERR", "INVALID_NODE_TYPE_ERR", "DATA_CLONE_ERR"].forEach(function (k, i) {
    DOMException[k] = i + 1; DOMException.prototype[k] = i + 1;
  });
  var noop = function () {};
  var console = {};
  ["log", "info", "warn", "error", "debug", "trace", "dir", "dirxml", "table", "time", "timeEnd", "timeLog", "timeStamp", "group",
    "groupCollapsed", "groupEnd", "assert", "count", "countReset", "clear", "profile", "profileEnd"].forEach(function (k) { console[k] = noop; });
  def("console", console);
  def("DOMException", DOMException);

  // ---- window basics
  def("window", g); def("self", g); def("globalThis", g); def("frames", g);
  var parentWindow = {
    postMessage: function (msg, origin) {
      var body; try { body = JSON.stringify(msg); } catch (e) { body = String(msg); }
      rec("NET013", "parent.postMessage", String(origin === undefined ? "" : origin), "POST", null, body || "");
    },
    addEventListener: function () {}, removeEventListener: function () {},
    length: 0, closed: false, frames: null, opener: null,
  };
  parentWindow.top = parentWindow; parentWindow.parent = parentWindow; parentWindow.window = parentWindow; parentWindow.self = parentWindow;
  def("parent", parentWindow); def("top", parentWindow);
  def("opener", null); def("frameElement", null); def("closed", false); def("name", ""); def("length", 0); def("origin", "null");
  def("innerWidth", pbi.vw); def("innerHeight", pbi.vh); def("outerWidth", pbi.vw); def("outerHeight", pbi.vh);
  def("devicePixelRatio", 1); def("scrollX", 0); def("scrollY", 0); def("pageXOffset", 0); def("pageYOffset", 0);
  def("screenX", 0); def("screenY", 0); def("screenLeft", 0); def("screenTop", 0); def("isSecureContext", true);
  def("screen", { width: 1920, height: 1080, availWidth: 1920, availHeight: 1040, colorDepth: 24, pixelDepth: 24, orientation: { type: "landscape-primary", angle: 0, addEventListener: function () {} } });
  ["scroll", "scrollTo", "scrollBy", "focus", "blur", "print", "stop", "moveTo", "resizeTo"].forEach(function (k) { def(k, function () {}); });
  def("alert", function () {}); def("confirm", function () { return false; }); def("prompt", function () { return null; });
  def("postMessage", function (msg, origin) {
    // a message to the visual's own window: delivered later, as browsers do
    g.setTimeout(function () { g.dispatchEvent(new MessageEvent("message", { data: msg, origin: "null", source: g })); }, 0);
  });
  def("open", function (url) { rec("NET012", "window.open", String(url === undefined ? "" : url), "GET", null, ""); return null; });
  def("getSelection", function () { return pbi.selection; });
  pbi.selection = { rangeCount: 0, removeAllRanges: function () {}, addRange: function () {}, toString: function () { return ""; }, getRangeAt: function () { return document.createRange(); }, empty: function () {}, collapse: function () {} };
  def("getComputedStyle", function (el) { return pbi.computedStyle(el); });
  def("matchMedia", function (q) {
    return { matches: false, media: String(q), onchange: null, addListener: function () {}, removeListener: function () {},
      addEventListener: function () {}, removeEventListener: function () {}, dispatchEvent: function () { return true; } };
  });

  // location: navigation is a trap
  var loc = {};
  var parts = pbi.urlParse("https://app.powerbi.com/visualsandbox", "");
  Object.keys(parts).forEach(function (k) {
    Object.defineProperty(loc, k, {
      get: function () { return parts[k]; },
      set: function (v) { rec("NET012", "location." + k, String(v), "GET", null, ""); },
      enumerable: true,
    });
  });
  loc.assign = function (u) { rec("NET012", "location.assign", String(u), "GET", null, ""); };
  loc.replace = function (u) { rec("NET012", "location.replace", String(u), "GET", null, ""); };
  loc.reload = function () {};
  loc.toString = function () { return parts.href; };
  loc.ancestorOrigins = [];
  Object.defineProperty(g, "location", { get: function () { return loc; }, set: function (v) { rec("NET012", "location", String(v), "GET", null, ""); }, configurable: true });
  def("history", { length: 1, state: null, pushState: function () {}, replaceState: function () {}, back: function () {}, forward: function () {}, go: function () {} });

  // performance on the virtual clock
  def("performance", {
    now: function () { return pbi.now(); }, timeOrigin: 1767225600000,
    mark: function () {}, measure: function () {}, clearMarks: function () {}, clearMeasures: function () {},
    getEntries: function () { return []; }, getEntriesByName: function () { return []; }, getEntriesByType: function () { return []; },
    timing: { navigationStart: 1767225600000 }, memory: { usedJSHeapSize: 0, totalJSHeapSize: 0, jsHeapSizeLimit: 0 },
  });
  def("PerformanceObserver", class PerformanceObserver { observe() {} disconnect() {} static get supportedEntryTypes() { return []; } });
  // queueMicrotask queues a job without the Promise that scripts see: core-js
  // replaces window.Promise and wraps the native Promise.prototype.then,
  // and its notification queues a microtask, so a queueMicrotask built on
  // either would spin forever (a public boxplot visual did)
  var nativeThen = Promise.prototype.then, settled = Promise.resolve();
  Object.defineProperty(settled, "constructor", { value: Promise });
  def("queueMicrotask", function (fn) { nativeThen.call(settled, function () { fn(); }); });

  // ---- navigator
  var storageManager = {
    estimate: function () { rec("STO005", "navigator.storage.estimate", "navigator.storage.estimate", "", null, ""); return pending(); },
    persist: function () { rec("STO005", "navigator.storage.persist", "navigator.storage.persist", "", null, ""); return pending(); },
    persisted: function () { rec("STO005", "navigator.storage.persisted", "navigator.storage.persisted", "", null, ""); return pending(); },
    getDirectory: function () { rec("STO005", "navigator.storage.getDirectory", "navigator.storage.getDirectory", "", null, ""); return pending(); },
  };
  def("navigator", {
    userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0",
    appVersion: "5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    appName: "Netscape", appCodeName: "Mozilla", product: "Gecko", vendor: "Google Inc.", platform: "Win32",
    language: "en-US", languages: ["en-US", "en"], onLine: true, cookieEnabled: false, doNotTrack: null,
    hardwareConcurrency: 4, maxTouchPoints: 0, msMaxTouchPoints: 0, pointerEnabled: true, msPointerEnabled: false, webdriver: false,
    plugins: [], mimeTypes: [],
    sendBeacon: function (url, data) { rec("NET005", "sendBeacon", String(url), "POST", null, bodyOf(data)); return true; },
    clipboard: { writeText: function () { return pending(); }, readText: function () { return pending(); }, write: function () { return pending(); } },
    storage: storageManager,
    permissions: { query: function () { return pending(); } },
    mediaDevices: { getUserMedia: function () { return pending(); }, enumerateDevices: function () { return pending(); } },
    geolocation: { getCurrentPosition: function () {}, watchPosition: function () { return 0; }, clearWatch: function () {} },
    serviceWorker: { register: function (u) { rec("NET010", "serviceWorker.register", String(u), "GET", null, ""); return pending(); }, ready: pending(), controller: null, addEventListener: function () {} },
    userAgentData: { brands: [], mobile: false, platform: "Windows" },
    vibrate: function () { return false; },
    javaEnabled: function () { return false; },
  });

  // ---- network traps
  class Headers {
    constructor(init) { this._h = {}; var h = headersOf(init); for (var k in h) this._h[k.toLowerCase()] = h[k]; }
    append(k, v) { this._h[String(k).toLowerCase()] = String(v); }
    set(k, v) { this._h[String(k).toLowerCase()] = String(v); }
    get(k) { var v = this._h[String(k).toLowerCase()]; return v === undefined ? null : v; }
    has(k) { return String(k).toLowerCase() in this._h; }
    delete(k) { delete this._h[String(k).toLowerCase()]; }
    forEach(fn, self) { for (var k in this._h) fn.call(self, this._h[k], k, this); }
    entries() { var h = this._h; return Object.keys(h).map(function (k) { return [k, h[k]]; })[Symbol.iterator](); }
    keys() { return Object.keys(this._h)[Symbol.iterator](); }
    [Symbol.iterator]() { return this.entries(); }
  }
  class Request {
    constructor(input, init) {
      init = init || {};
      this.url = typeof input === "string" ? input : input && input.url ? input.url : String(input);
      this.method = (init.method || (input && input.method) || "GET").toUpperCase();
      this.headers = new Headers(init.headers || (input && input.headers));
      this._body = init.body !== undefined ? init.body : input && input._body;
    }
    clone() { return new Request(this.url, { method: this.method, headers: this.headers, body: this._body }); }
  }
  class Response {
    constructor(body, init) { this._body = body == null ? "" : String(body); init = init || {}; this.status = init.status || 200; this.ok = this.status < 300; this.headers = new Headers(init.headers); this.statusText = ""; }
    text() { return Promise.resolve(this._body); }
    json() { var b = this._body; return new Promise(function (r) { r(JSON.parse(b)); }); }
    clone() { return new Response(this._body, { status: this.status }); }
    static error() { return new Response("", { status: 0 }); }
  }
  def("Headers", Headers); def("Request", Request); def("Response", Response);
  def("fetch", function fetch(input, init) {
    var r = new Request(input, init);
    rec("NET001", "fetch", r.url, r.method, headersOf(r.headers), bodyOf(r._body));
    return pending();
  });
  class XMLHttpRequestEventTarget extends EventTarget {}
  class XMLHttpRequest extends XMLHttpRequestEventTarget {
    constructor() {
      super(); this.readyState = 0; this.status = 0; this.statusText = ""; this.responseText = ""; this.response = null;
      this.responseType = ""; this.responseXML = null; this.timeout = 0; this.withCredentials = false; this._h = {};
      this.upload = new XMLHttpRequestEventTarget();
    }
    open(method, url) { this._m = String(method || "GET").toUpperCase(); this._u = String(url); this.readyState = 1; }
    setRequestHeader(k, v) { this._h[String(k)] = String(v); }
    send(body) { rec("NET002", "XMLHttpRequest", this._u === undefined ? "" : this._u, this._m || "GET", this._h, bodyOf(body)); }
    abort() {}
    getResponseHeader() { return null; }
    getAllResponseHeaders() { return ""; }
    overrideMimeType() {}
  }
  XMLHttpRequest.UNSENT = 0; XMLHttpRequest.OPENED = 1; XMLHttpRequest.HEADERS_RECEIVED = 2; XMLHttpRequest.LOADING = 3; XMLHttpRequest.DONE = 4;
  def("XMLHttpRequest", XMLHttpRequest);
  def("XDomainRequest", undefined);
  class WebSocket extends EventTarget {
    constructor(url, protocols) { super(); this.url = String(url); this.readyState = 0; this.protocol = ""; this.bufferedAmount = 0; this.binaryType = "blob"; rec("NET003", "WebSocket", this.url, "GET", null, ""); }
    send(data) { rec("NET003", "WebSocket.send", this.url, "SEND", null, bodyOf(data)); }
    close() { this.readyState = 3; }
  }
  WebSocket.CONNECTING = 0; WebSocket.OPEN = 1; WebSocket.CLOSING = 2; WebSocket.CLOSED = 3;
  def("WebSocket", WebSocket);
  class EventSource extends EventTarget {
    constructor(url) { super(); this.url = String(url); this.readyState = 0; rec("NET004", "EventSource", this.url, "GET", null, ""); }
    close() { this.readyState = 2; }
  }
  def("EventSource", EventSource);
  def("WebTransport", class WebTransport { constructor(url) { rec("NET006", "WebTransport", String(url), "CONNECT", null, ""); this.ready = pending(); this.closed = pending(); } close() {} });
  class RTCPeerConnection extends EventTarget {
    constructor(cfg) { super(); var t = ""; try { t = JSON.stringify(cfg && cfg.iceServers || []); } catch (e) {} rec("NET007", "RTCPeerConnection", t, "", null, ""); }
    createDataChannel() { return { send: function () {}, close: function () {}, addEventListener: function () {} }; }
    createOffer() { return pending(); } createAnswer() { return pending(); } setLocalDescription() { return pending(); } setRemoteDescription() { return pending(); }
    addIceCandidate() { return pending(); } close() {}
  }
  def("RTCPeerConnection", RTCPeerConnection); def("webkitRTCPeerConnection", RTCPeerConnection);
  def("importScripts", function () { for (var i = 0; i < arguments.length; i++) rec("NET009", "importScripts", String(arguments[i]), "GET", null, ""); });
  class Worker extends EventTarget {
    constructor(url) { super(); var u = String(url); if (!/^(blob:|data:)/.test(u)) rec("NET010", "Worker", u, "GET", null, ""); else rec("NET010", "Worker", u.slice(0, 200), "", null, ""); }
    postMessage() {} terminate() {}
  }
  def("Worker", Worker);
  def("SharedWorker", class SharedWorker extends Worker { constructor(u) { super(u); this.port = { postMessage: function () {}, start: function () {}, close: function () {}, addEventListener: function () {} }; } });

  // ---- storage traps
  function makeStorage(name) {
    var api = {
      getItem: function (k) { rec("STO001", name, name + ".getItem " + String(k), "", null, ""); return null; },
      setItem: function (k, v) { rec("STO001", name, name + ".setItem " + String(k), "", null, String(v)); },
      removeItem: function (k) { rec("STO001", name, name + ".removeItem " + String(k), "", null, ""); },
      clear: function () { rec("STO001", name, name + ".clear", "", null, ""); },
      key: function () { return null; },
    };
    // reached only through the proxy: named for native.js
    Object.keys(api).forEach(function (k) { pbi.natives.push([api[k], k]); });
    var target = Object.create(Storage.prototype);
    return new Proxy(target, {
      get: function (t, k) {
        if (k === "length") return 0;
        if (typeof k === "symbol") return t[k];
        if (api.hasOwnProperty(k)) return api[k];
        if (k in Object.prototype) return t[k];
        rec("STO001", name, name + "." + String(k), "", null, "");
        return undefined;
      },
      set: function (t, k, v) { rec("STO001", name, name + "." + String(k) + " =", "", null, String(v)); return true; },
      has: function (t, k) { return k in api || k === "length"; },
      deleteProperty: function (t, k) { rec("STO001", name, name + ".removeItem " + String(k), "", null, ""); return true; },
    });
  }
  function Storage() { throw new TypeError("Illegal constructor"); }
  def("Storage", Storage);
  var local = makeStorage("localStorage"), session = makeStorage("sessionStorage");
  Object.defineProperty(g, "localStorage", { get: function () { return local; }, configurable: true, enumerable: true });
  Object.defineProperty(g, "sessionStorage", { get: function () { return session; }, configurable: true, enumerable: true });
  function idbRequest() {
    var r = new EventTarget(); r.result = undefined; r.error = null; r.readyState = "pending";
    r.onsuccess = null; r.onerror = null; r.onupgradeneeded = null; r.onblocked = null; return r;
  }
  def("indexedDB", {
    open: function (n) { rec("STO002", "indexedDB", "indexedDB.open " + String(n), "", null, ""); return idbRequest(); },
    deleteDatabase: function (n) { rec("STO002", "indexedDB", "indexedDB.deleteDatabase " + String(n), "", null, ""); return idbRequest(); },
    databases: function () { rec("STO002", "indexedDB", "indexedDB.databases", "", null, ""); return pending(); },
    cmp: function () { return 0; },
  });
  def("IDBKeyRange", { only: function () { return {}; }, bound: function () { return {}; }, lowerBound: function () { return {}; }, upperBound: function () { return {}; } });
  def("caches", {
    open: function (n) { rec("STO004", "caches", "caches.open " + String(n), "", null, ""); return pending(); },
    match: function (r) { rec("STO004", "caches", "caches.match " + String(r && r.url || r), "", null, ""); return pending(); },
    has: function (n) { rec("STO004", "caches", "caches.has " + String(n), "", null, ""); return pending(); },
    delete: function (n) { rec("STO004", "caches", "caches.delete " + String(n), "", null, ""); return pending(); },
    keys: function () { rec("STO004", "caches", "caches.keys", "", null, ""); return pending(); },
  });
  def("openDatabase", function (n) { rec("STO006", "openDatabase", "openDatabase " + String(n), "", null, ""); return null; });
  ["showOpenFilePicker", "showSaveFilePicker", "showDirectoryPicker"].forEach(function (k) {
    def(k, function () { rec("STO007", k, k, "", null, ""); return pending(); });
  });

  // ---- dynamic code: record, then run (the run must see what the code does)
  var realEval = g.eval, RealFunction = Function;
  def("eval", function (code) {
    if (typeof code !== "string") return code;
    rec("DYN001", "eval", code.slice(0, 200), "", null, "");
    return realEval(code);
  });
  var FunctionTrap = function Function() {
    var args = Array.prototype.slice.call(arguments).map(String);
    rec("DYN002", "Function", args.length ? args[args.length - 1].slice(0, 200) : "", "", null, args.slice(0, -1).join(","));
    return RealFunction.apply(null, args);
  };
  FunctionTrap.prototype = RealFunction.prototype;
  Object.defineProperty(RealFunction.prototype, "constructor", { value: FunctionTrap, writable: true, configurable: true });
  def("Function", FunctionTrap);
  var wasm = function (what) { return function () { rec("DYN005", "WebAssembly." + what, "WebAssembly." + what, "", null, ""); return pending(); }; };
  def("WebAssembly", {
    compile: wasm("compile"), instantiate: wasm("instantiate"), compileStreaming: wasm("compileStreaming"), instantiateStreaming: wasm("instantiateStreaming"),
    validate: function () { return false; },
    Module: function () { rec("DYN005", "WebAssembly.Module", "WebAssembly.Module", "", null, ""); throw new Error("WebAssembly is not available"); },
    Instance: function () { rec("DYN005", "WebAssembly.Instance", "WebAssembly.Instance", "", null, ""); throw new Error("WebAssembly is not available"); },
    Memory: function () { this.buffer = new ArrayBuffer(0); },
  });
  class DOMParser {
    parseFromString(s, type) { rec("DOM005", "DOMParser.parseFromString", String(s).slice(0, 200), "", null, ""); return pbi.parseDocument(String(s)); }
  }
  def("DOMParser", DOMParser);
  def("XMLSerializer", class XMLSerializer { serializeToString(n) { return n && n.outerHTML || ""; } });

  // ---- observers and messages
  class ResizeObserver {
    constructor(cb) { this._cb = cb; this._t = []; }
    observe(el) {
      var self = this; this._t.push(el);
      g.setTimeout(function () {
        if (self._t.indexOf(el) < 0) return;
        var r = el.getBoundingClientRect();
        var size = [{ inlineSize: r.width, blockSize: r.height }];
        self._cb([{ target: el, contentRect: r, borderBoxSize: size, contentBoxSize: size, devicePixelContentBoxSize: size }], self);
      }, 0);
    }
    unobserve(el) { this._t = this._t.filter(function (x) { return x !== el; }); }
    disconnect() { this._t = []; }
  }
  def("ResizeObserver", ResizeObserver);
  class MutationObserver { constructor(cb) { this._cb = cb; } observe() {} disconnect() {} takeRecords() { return []; } }
  def("MutationObserver", MutationObserver); def("WebKitMutationObserver", MutationObserver);
  class IntersectionObserver {
    constructor(cb, o) { this._cb = cb; this.root = null; this.rootMargin = "0px"; this.thresholds = [0]; }
    observe(el) { var self = this; g.setTimeout(function () { var r = el.getBoundingClientRect(); self._cb([{ target: el, isIntersecting: true, intersectionRatio: 1, boundingClientRect: r, intersectionRect: r, rootBounds: r, time: pbi.now() }], self); }, 0); }
    unobserve() {} disconnect() {} takeRecords() { return []; }
  }
  def("IntersectionObserver", IntersectionObserver);
  class MessagePort extends EventTarget {
    constructor() { super(); this.onmessage = null; this._other = null; }
    postMessage(data) {
      var other = this._other;
      g.setTimeout(function () { other.dispatchEvent(new MessageEvent("message", { data: data })); }, 0);
    }
    start() {} close() {}
  }
  class MessageChannel { constructor() { this.port1 = new MessagePort(); this.port2 = new MessagePort(); this.port1._other = this.port2; this.port2._other = this.port1; } }
  def("MessagePort", MessagePort); def("MessageChannel", MessageChannel);
  def("BroadcastChannel", class BroadcastChannel extends EventTarget { constructor(n) { super(); this.name = n; } postMessage() {} close() {} });

  // ---- data helpers
  def("structuredClone", function structuredClone(v) {
    var seen = new Map();
    function c(x) {
      if (x === null || typeof x !== "object") {
        if (typeof x === "function" || typeof x === "symbol") throw new DOMException("could not be cloned", "DataCloneError");
        return x;
      }
      if (seen.has(x)) return seen.get(x);
      var out;
      if (x instanceof Date) out = new Date(x.getTime());
      else if (x instanceof RegExp) out = new RegExp(x.source, x.flags);
      else if (x instanceof Map) { out = new Map(); seen.set(x, out); x.forEach(function (v, k) { out.set(c(k), c(v)); }); return out; }
      else if (x instanceof Set) { out = new Set(); seen.set(x, out); x.forEach(function (v) { out.add(c(v)); }); return out; }
      else if (ArrayBuffer.isView(x)) out = x.slice ? x.slice() : x;
      else if (Array.isArray(x)) { out = []; seen.set(x, out); for (var i = 0; i < x.length; i++) out[i] = c(x[i]); return out; }
      else { out = {}; seen.set(x, out); Object.keys(x).forEach(function (k) { out[k] = c(x[k]); }); return out; }
      seen.set(x, out);
      return out;
    }
    return c(v);
  });
  class URLSearchParams {
    constructor(init) {
      this._p = [];
      if (init == null) return;
      if (typeof init === "string") {
        var s = init.charAt(0) === "?" ? init.slice(1) : init;
        var self = this;
        s.split("&").forEach(function (kv) {
          if (!kv) return;
          var i = kv.indexOf("="), k = i < 0 ? kv : kv.slice(0, i), v = i < 0 ? "" : kv.slice(i + 1);
          var dec = function (x) { try { return decodeURIComponent(x.replace(/\+/g, " ")); } catch (e) { return x; } };
          self._p.push([dec(k), dec(v)]);
        });
      } else if (Array.isArray(init)) { this._p = init.map(function (p) { return [String(p[0]), String(p[1])]; }); }
      else if (typeof init === "object") { var o = init; this._p = Object.keys(o).map(function (k) { return [k, String(o[k])]; }); }
    }
    append(k, v) { this._p.push([String(k), String(v)]); }
    set(k, v) { this.delete(k); this.append(k, v); }
    get(k) { for (var i = 0; i < this._p.length; i++) if (this._p[i][0] === String(k)) return this._p[i][1]; return null; }
    getAll(k) { return this._p.filter(function (p) { return p[0] === String(k); }).map(function (p) { return p[1]; }); }
    has(k) { return this.get(k) !== null; }
    delete(k) { this._p = this._p.filter(function (p) { return p[0] !== String(k); }); }
    forEach(fn, self) { var t = this; this._p.forEach(function (p) { fn.call(self, p[1], p[0], t); }); }
    keys() { return this._p.map(function (p) { return p[0]; })[Symbol.iterator](); }
    values() { return this._p.map(function (p) { return p[1]; })[Symbol.iterator](); }
    entries() { return this._p.map(function (p) { return [p[0], p[1]]; })[Symbol.iterator](); }
    [Symbol.iterator]() { return this.entries(); }
    sort() { this._p.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; }); }
    toString() { return this._p.map(function (p) { return encodeURIComponent(p[0]) + "=" + encodeURIComponent(p[1]); }).join("&"); }
    get size() { return this._p.length; }
  }
  def("URLSearchParams", URLSearchParams);
  var blobs = 0;
  class URL {
    constructor(u, base) {
      var p = pbi.urlParse(String(u), base === undefined ? "" : String(base));
      var self = this;
      Object.keys(p).forEach(function (k) { self["_" + k] = p[k]; });
      this.searchParams = new URLSearchParams(p.search);
    }
    get href() { var q = this.searchParams.toString(); return this._protocol + (this._host || this._protocol === "file:" ? "//" : "") + this._host + this._pathname + (q ? "?" + q : "") + this._hash; }
    set href(v) { var p = pbi.urlParse(String(v), ""); var self = this; Object.keys(p).forEach(function (k) { self["_" + k] = p[k]; }); this.searchParams = new URLSearchParams(p.search); }
    get protocol() { return this._protocol; } set protocol(v) { this._protocol = String(v); }
    get host() { return this._host; } set host(v) { this._host = String(v); }
    get hostname() { return this._hostname; } set hostname(v) { this._hostname = String(v); this._host = String(v) + (this._port ? ":" + this._port : ""); }
    get port() { return this._port; } set port(v) { this._port = String(v); }
    get pathname() { return this._pathname; } set pathname(v) { this._pathname = String(v); }
    get search() { var q = this.searchParams.toString(); return q ? "?" + q : ""; } set search(v) { this.searchParams = new URLSearchParams(String(v)); }
    get hash() { return this._hash; } set hash(v) { v = String(v); this._hash = v && v.charAt(0) !== "#" ? "#" + v : v; }
    get origin() { return this._origin; }
    get username() { return this._username; } get password() { return this._password; }
    toString() { return this.href; }
    toJSON() { return this.href; }
    static createObjectURL() { return "blob:null/00000000-0000-4000-8000-" + String(++blobs).padStart(12, "0"); }
    static revokeObjectURL() {}
    static canParse(u, b) { try { new URL(u, b); return true; } catch (e) { return false; } }
  }
  def("URL", URL); def("webkitURL", URL);
  class Blob {
    constructor(parts, opts) { this._text = Array.prototype.map.call(parts || [], partText).join(""); this.size = this._text.length; this.type = opts && opts.type || ""; }
    text() { return Promise.resolve(this._text); }
    arrayBuffer() { return Promise.resolve(new ArrayBuffer(this.size)); }
    slice() { return new Blob([this._text]); }
  }
  def("Blob", Blob);
  def("File", class File extends Blob { constructor(parts, name, o) { super(parts, o); this.name = String(name); this.lastModified = 0; } });
  class FormData {
    constructor() { this._entries = []; }
    append(k, v) { this._entries.push([String(k), partText(v)]); }
    set(k, v) { this.delete(k); this.append(k, v); }
    get(k) { for (var i = 0; i < this._entries.length; i++) if (this._entries[i][0] === k) return this._entries[i][1]; return null; }
    getAll(k) { return this._entries.filter(function (e) { return e[0] === k; }).map(function (e) { return e[1]; }); }
    has(k) { return this.get(k) !== null; }
    delete(k) { this._entries = this._entries.filter(function (e) { return e[0] !== k; }); }
    forEach(fn) { this._entries.forEach(function (e) { fn(e[1], e[0]); }); }
    entries() { return this._entries.slice()[Symbol.iterator](); }
  }
  def("FormData", FormData);
  def("FileReader", class FileReader extends EventTarget { constructor() { super(); this.readyState = 0; this.result = null; } readAsText() {} readAsDataURL() {} readAsArrayBuffer() {} abort() {} });
  class TextEncoder { get encoding() { return "utf-8"; } encode(s) { return new Uint8Array(pbi.utf8(String(s === undefined ? "" : s))); } }
  class TextDecoder { constructor(l) { this.encoding = "utf-8"; } decode(b) { if (!b) return ""; var a = b instanceof ArrayBuffer ? new Uint8Array(b) : new Uint8Array(b.buffer || b, b.byteOffset || 0, b.byteLength); return pbi.fromUtf8(Array.prototype.slice.call(a)); } }
  def("TextEncoder", TextEncoder); def("TextDecoder", TextDecoder);
  var seed = 42;
  function rnd() { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed; }
  def("crypto", {
    getRandomValues: function (a) { for (var i = 0; i < a.length; i++) a[i] = rnd() & 0xff; return a; },
    randomUUID: function () { var h = ""; for (var i = 0; i < 32; i++) h += (rnd() & 15).toString(16); return h.slice(0, 8) + "-" + h.slice(8, 12) + "-4" + h.slice(13, 16) + "-8" + h.slice(17, 20) + "-" + h.slice(20, 32); },
    subtle: { digest: function () { return pending(); }, importKey: function () { return pending(); }, encrypt: function () { return pending(); }, decrypt: function () { return pending(); }, sign: function () { return pending(); } },
  });
  def("msCrypto", undefined);

  // Intl is missing from goja: a small stand-in with the shapes libraries call
  if (typeof g.Intl === "undefined") {
    var NumberFormat = function (loc, o) { if (!(this instanceof NumberFormat)) return new NumberFormat(loc, o); this._o = o || {}; };
    NumberFormat.prototype.format = function (n) { var d = this._o.maximumFractionDigits; return typeof n === "number" && d !== undefined ? String(+n.toFixed(Math.min(d, 20))) : String(n); };
    NumberFormat.prototype.formatToParts = function (n) { return [{ type: "integer", value: this.format(n) }]; };
    NumberFormat.prototype.resolvedOptions = function () { return { locale: "en-US", numberingSystem: "latn", style: this._o.style || "decimal", minimumFractionDigits: 0, maximumFractionDigits: 3 }; };
    NumberFormat.supportedLocalesOf = function (l) { return [].concat(l || []); };
    var DateTimeFormat = function (loc, o) { if (!(this instanceof DateTimeFormat)) return new DateTimeFormat(loc, o); this._o = o || {}; };
    DateTimeFormat.prototype.format = function (d) { d = d === undefined ? new Date(pbi.now() + 1767225600000) : new Date(d); return isNaN(d) ? "Invalid Date" : d.toISOString(); };
    DateTimeFormat.prototype.formatToParts = function (d) { return [{ type: "literal", value: this.format(d) }]; };
    DateTimeFormat.prototype.resolvedOptions = function () { return { locale: "en-US", calendar: "gregory", numberingSystem: "latn", timeZone: "UTC" }; };
    DateTimeFormat.supportedLocalesOf = NumberFormat.supportedLocalesOf;
    var Collator = function (loc, o) { if (!(this instanceof Collator)) return new Collator(loc, o); };
    Collator.prototype.compare = function (a, b) { a = String(a); b = String(b); return a < b ? -1 : a > b ? 1 : 0; };
    Collator.prototype.resolvedOptions = function () { return { locale: "en-US" }; };
    var PluralRules = function () { if (!(this instanceof PluralRules)) return new PluralRules(); };
    PluralRules.prototype.select = function (n) { return n === 1 ? "one" : "other"; };
    PluralRules.prototype.resolvedOptions = function () { return { locale: "en-US" }; };
    var RelativeTimeFormat = function () {}; RelativeTimeFormat.prototype.format = function (v, u) { return v + " " + u; };
    var ListFormat = function () {}; ListFormat.prototype.format = function (l) { return [].concat(l).join(", "); };
    var Segmenter = function () {}; Segmenter.prototype.segment = function (s) { return Array.from(String(s)).map(function (c, i) { return { segment: c, index: i }; }); };
    def("Intl", { NumberFormat: NumberFormat, DateTimeFormat: DateTimeFormat, Collator: Collator, PluralRules: PluralRules,
      RelativeTimeFormat: RelativeTimeFormat, ListFormat: ListFormat, Segmenter: Segmenter,
      getCanonicalLocales: function (l) { return [].concat(l || []); } });
  }

  // ---- fonts, custom elements, canvas
  pbi.fonts = { ready: Promise.resolve(), status: "loaded", check: function () { return true; }, load: function () { return Promise.resolve([]); },
    add: function () {}, delete: function () {}, forEach: function () {}, addEventListener: function () {}, removeEventListener: function () {}, size: 0 };
  def("FontFace", class FontFace { constructor(f, s) { this.family = f; this.status = "unloaded"; if (typeof s === "string" && /url\(/.test(s)) rec("NET014", "FontFace", s.slice(0, 500), "GET", null, ""); } load() { return pending(); } });
  var registry = {};
  def("customElements", { define: function (n, c) { registry[n] = c; }, get: function (n) { return registry[n]; }, whenDefined: function () { return pending(); }, upgrade: function () {} });
  class CanvasGradient { addColorStop() { pbi.canvas(); } }
  class CanvasPattern { setTransform() {} }
  class CanvasRenderingContext2D {
    constructor(canvas) {
      this.canvas = canvas; this.fillStyle = "#000000"; this.strokeStyle = "#000000"; this.lineWidth = 1; this.font = "10px sans-serif";
      this.textAlign = "start"; this.textBaseline = "alphabetic"; this.globalAlpha = 1; this.globalCompositeOperation = "source-over";
      this.lineCap = "butt"; this.lineJoin = "miter"; this.miterLimit = 10; this.lineDashOffset = 0; this.shadowBlur = 0;
      this.shadowColor = "rgba(0, 0, 0, 0)"; this.shadowOffsetX = 0; this.shadowOffsetY = 0; this.imageSmoothingEnabled = true;
      this.direction = "ltr"; this.filter = "none"; this._dash = [];
    }
    measureText(t) { pbi.canvas(); var px = parseFloat(/(\d+(\.\d+)?)px/.exec(this.font) ? /(\d+(\.\d+)?)px/.exec(this.font)[1] : 10); var w = String(t).length * px * 0.55;
      return { width: w, actualBoundingBoxLeft: 0, actualBoundingBoxRight: w, actualBoundingBoxAscent: px * 0.8, actualBoundingBoxDescent: px * 0.2, fontBoundingBoxAscent: px * 0.9, fontBoundingBoxDescent: px * 0.25 }; }
    createLinearGradient() { pbi.canvas(); return new CanvasGradient(); }
    createRadialGradient() { pbi.canvas(); return new CanvasGradient(); }
    createConicGradient() { pbi.canvas(); return new CanvasGradient(); }
    createPattern() { pbi.canvas(); return new CanvasPattern(); }
    getImageData(x, y, w, h) { pbi.canvas(); w = Math.max(0, Math.min(w | 0, 4096)); h = Math.max(0, Math.min(h | 0, 4096)); return { width: w, height: h, data: new Uint8ClampedArray(Math.min(w * h * 4, 1 << 24)) }; }
    createImageData(w, h) { pbi.canvas(); if (typeof w === "object") { h = w.height; w = w.width; } w = Math.max(0, Math.min(w | 0, 4096)); h = Math.max(0, Math.min(h | 0, 4096)); return { width: w, height: h, data: new Uint8ClampedArray(Math.min(w * h * 4, 1 << 24)) }; }
    getLineDash() { return this._dash.slice(); }
    setLineDash(d) { pbi.canvas(); this._dash = [].concat(d || []); }
    getTransform() { return { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0, invertSelf: function () { return this; } }; }
    isPointInPath() { pbi.canvas(); return false; }
    isPointInStroke() { pbi.canvas(); return false; }
    getContextAttributes() { return { alpha: true }; }
  }
  ["fillRect", "clearRect", "strokeRect", "beginPath", "closePath", "moveTo", "lineTo", "bezierCurveTo", "quadraticCurveTo", "arc", "arcTo",
    "ellipse", "rect", "roundRect", "fill", "stroke", "clip", "save", "restore", "translate", "rotate", "scale", "transform", "setTransform",
    "resetTransform", "fillText", "strokeText", "drawImage", "putImageData", "drawFocusIfNeeded", "reset"].forEach(function (m) {
    CanvasRenderingContext2D.prototype[m] = function () { pbi.canvas(); };
  });
  def("CanvasRenderingContext2D", CanvasRenderingContext2D); def("CanvasGradient", CanvasGradient); def("CanvasPattern", CanvasPattern);
  pbi.canvasContext = function (canvas) { return new CanvasRenderingContext2D(canvas); };
  def("Path2D", class Path2D { constructor() {} addPath() {} moveTo() {} lineTo() {} arc() {} rect() {} closePath() {} bezierCurveTo() {} quadraticCurveTo() {} ellipse() {} arcTo() {} });
  def("Image", function Image(w, h) { var el = document.createElement("img"); if (w !== undefined) el.width = w; if (h !== undefined) el.height = h; return el; });
  def("Audio", function Audio(src) { var el = document.createElement("audio"); if (src !== undefined) el.src = src; return el; });
  def("Option", function Option(text, value) { var el = document.createElement("option"); if (text !== undefined) el.textContent = text; if (value !== undefined) el.value = value; return el; });
  def("DOMRect", class DOMRect { constructor(x, y, w, h) { this.x = x || 0; this.y = y || 0; this.width = w || 0; this.height = h || 0; this.top = this.y; this.left = this.x; this.right = this.x + this.width; this.bottom = this.y + this.height; } });
  def("DOMMatrix", class DOMMatrix { constructor() { this.a = 1; this.b = 0; this.c = 0; this.d = 1; this.e = 0; this.f = 0; this.m41 = 0; this.m42 = 0; this.is2D = true; this.isIdentity = true; } multiply() { return this; } translate() { return this; } scale() { return this; } inverse() { return this; } transformPoint(p) { return p; } });
  def("DOMPoint", class DOMPoint { constructor(x, y) { this.x = x || 0; this.y = y || 0; this.z = 0; this.w = 1; } matrixTransform() { return this; } });
  def("Window", function Window() {});
  Object.setPrototypeOf(g, EventTarget.prototype);
})
