// ES5 inheritance as TypeScript and Babel emit it: fields set by the
// parent constructor, read in a subclass, and APIs passed through _super.
var __extends = (this && this.__extends) || (function () {
  var extendStatics = function (d, b) {
    extendStatics = Object.setPrototypeOf || function (d, b) { for (var p in b) if (Object.prototype.hasOwnProperty.call(b, p)) d[p] = b[p]; };
    return extendStatics(d, b);
  };
  return function (d, b) {
    extendStatics(d, b);
    function __() { this.constructor = d; }
    d.prototype = b === null ? Object.create(b) : (__.prototype = b.prototype, new __());
  };
})();
// positive: NET005 NET001 a field the parent constructor sets, read in the subclass (TypeScript's emit)
var TsBase = /** @class */ (function () {
  function TsBase() { this.nav = navigator; this.win = window; }
  TsBase.prototype.own = function (u) { this.nav.sendBeacon(u); }; // want "NET005"
  return TsBase;
}());
var TsChild = /** @class */ (function (_super) {
  __extends(TsChild, _super);
  function TsChild() {
    var _this = _super.call(this) || this;
    _this.count = 0;
    return _this;
  }
  TsChild.prototype.flush = function (u) { this.nav.sendBeacon(u); }; // want "NET005"
  TsChild.prototype.load = function (u) { return this.win.fetch(u); }; // want "NET001"
  return TsChild;
}(TsBase));
// evasion: NET005 NET001 the API passed to the parent constructor through _super, a field read through _this, two levels
var TsHolder = /** @class */ (function () {
  function TsHolder(nav, win) { this.transport = nav; this.scope = win; }
  return TsHolder;
}());
var TsSender = /** @class */ (function (_super) {
  __extends(TsSender, _super);
  function TsSender() {
    var _this = _super.call(this, navigator, window) || this;
    _this.transport.sendBeacon(url); // want "NET005"
    return _this;
  }
  TsSender.prototype.send = function (u) { this.transport.sendBeacon(u); }; // want "NET005"
  return TsSender;
}(TsHolder));
var TsGrand = /** @class */ (function (_super) {
  __extends(TsGrand, _super);
  function TsGrand() { return _super !== null && _super.apply(this, arguments) || this; }
  TsGrand.prototype.go = function (u) { return this.scope.fetch(u); }; // want "NET001"
  TsGrand.prototype.up = function (u) { _super.prototype.send.call(this, u); };
  return TsGrand;
}(TsSender));
// evasion: NET005 a field set through _this in the subclass constructor, read in a method
var TsOwn = /** @class */ (function (_super) {
  __extends(TsOwn, _super);
  function TsOwn() {
    var _this = _super.call(this) || this;
    _this.beacon = navigator;
    return _this;
  }
  TsOwn.prototype.ping = function (u) { this.beacon.sendBeacon(u); }; // want "NET005"
  return TsOwn;
}(TsBase));
// evasion: NET005 Babel's emit: _inherits, _createSuper and a prototype method object
function _inherits(sub, sup) { sub.prototype = Object.create(sup && sup.prototype); }
function BabelBase() { this.nav = navigator; }
var BabelChild = /*#__PURE__*/function (_BabelBase) {
  _inherits(BabelChild, _BabelBase);
  function BabelChild() { var _this; _this = _BabelBase.call(this) || this; return _this; }
  BabelChild.prototype.flush = function (u) { this.nav.sendBeacon(u); }; // want "NET005"
  return BabelChild;
}(BabelBase);
// near-miss: NET005 NET001 subclasses whose parent fields hold other objects, or that replace the field
var TsPlain = /** @class */ (function () {
  function TsPlain() { this.nav = router; }
  return TsPlain;
}());
var TsPlainChild = /** @class */ (function (_super) {
  __extends(TsPlainChild, _super);
  function TsPlainChild() { return _super !== null && _super.apply(this, arguments) || this; }
  TsPlainChild.prototype.go = function (u) { this.nav.sendBeacon(u); };
  return TsPlainChild;
}(TsPlain));
var TsReplaced = /** @class */ (function (_super) {
  __extends(TsReplaced, _super);
  function TsReplaced() {
    var _this = _super.call(this) || this;
    _this.win = cache;
    return _this;
  }
  TsReplaced.prototype.load = function (u) { return this.win.fetch(u); };
  return TsReplaced;
}(TsBase));
var TsPassed = /** @class */ (function (_super) {
  __extends(TsPassed, _super);
  function TsPassed() { return _super.call(this, apiClient, cacheClient) || this; }
  TsPassed.prototype.load = function (u) { return this.scope.fetch(u); };
  return TsPassed;
}(TsHolder));
function Unrelated() { var _this = other.call(this) || this; _this.nav.sendBeacon(url); }
// evasion: NET005 ES6 classes: the API passed to the parent constructor by super(…)
class Es6Holder { constructor(nav) { this.transport = nav; } }
class Es6Sender extends Es6Holder { constructor() { super(navigator); } send(u) { this.transport.sendBeacon(u); } } // want "NET005"
// near-miss: NET005 another subclass passes something else: its instances do not see the first one's argument
class Es6Other extends Es6Holder { constructor() { super(router); } send(u) { this.transport.sendBeacon(u); } }
// evasion: NET005 Babel's loose mode: methods on a local alias of the prototype; spec mode: _createClass's method objects
var BabelLoose = /*#__PURE__*/function (_BabelBase2) {
  _inherits(BabelLoose, _BabelBase2);
  function BabelLoose() { return _BabelBase2.apply(this, arguments) || this; }
  var _proto = BabelLoose.prototype;
  _proto.flush = function flush(u) { this.nav.sendBeacon(u); }; // want "NET005"
  return BabelLoose;
}(BabelBase);
function _createClass(C, props) { for (var i = 0; i < props.length; i++) Object.defineProperty(C.prototype, props[i].key, props[i]); return C; }
var BabelSpec = /*#__PURE__*/function (_BabelBase3) {
  _inherits(BabelSpec, _BabelBase3);
  function BabelSpec() { var _this = _BabelBase3.call(this) || this; return _this; }
  _createClass(BabelSpec, [{ key: "flush", value: function flush(u) { this.nav.sendBeacon(u); } }]); // want "NET005"
  return BabelSpec;
}(BabelBase);
// evasion: NET005 a parent's prototype method returning its field, called on this or through _super.prototype
var TsNavBase = /** @class */ (function () {
  function TsNavBase() { this.nav = navigator; }
  TsNavBase.prototype.getNav = function () { return this.nav; };
  return TsNavBase;
}());
var TsNavChild = /** @class */ (function (_super) {
  __extends(TsNavChild, _super);
  function TsNavChild() { return _super !== null && _super.apply(this, arguments) || this; }
  TsNavChild.prototype.a = function (u) { this.getNav().sendBeacon(u); }; // want "NET005"
  TsNavChild.prototype.b = function (u) { _super.prototype.getNav.call(this).sendBeacon(u); }; // want "NET005"
  return TsNavChild;
}(TsNavBase));
// near-miss: NET005 a method of the same name returning another object, on an unrelated class
function Router2() { this.nav = router; }
Router2.prototype.getNav = function () { return this.nav; };
Router2.prototype.go = function (u) { this.getNav().sendBeacon(u); };
