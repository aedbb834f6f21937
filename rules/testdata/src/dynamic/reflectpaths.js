// The constructor of any function reached through its prototype, and
// Reflect applied to the code sinks (analyzer/reflectpaths.go).
var src = options.code;
// evasion: DYN002 constructors of plain, arrow, async and generator functions
(function () {}).constructor(src); // want "DYN002" `Function`
(async () => {}).constructor(src); // want "DYN002" `AsyncFunction`
Object.getPrototypeOf(function* () {}).constructor(src); // want "DYN002" `GeneratorFunction`
(() => {}).__proto__.constructor(src); // want "DYN002"
(async function* () {}).__proto__.constructor(src); // want "DYN002" `AsyncGeneratorFunction`
Object.getOwnPropertyDescriptor(Function.prototype, "constructor").value(src); // want "DYN002"
// evasion: DYN001 DYN002 Reflect applied to eval and Function
Reflect.apply(eval, null, [src]); // want "DYN001"
Reflect.apply(Function, null, [src])(); // want "DYN002"
Reflect.construct(Function, [src]); // want "DYN002"
// near-miss: DYN002 prototypes and constructors that compile nothing
var proto = (() => {}).__proto__;
var isAsync = (async () => {}).constructor.name === "AsyncFunction";
var ctorName = Object.getPrototypeOf(function* () {}).constructor.name;
function Shape() {} Shape.prototype.constructor(src);
Reflect.apply(render, null, [src]);
Reflect.construct(Shape, [src]);
