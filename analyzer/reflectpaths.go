package analyzer

// Descriptor, prototype and reflection paths to the same APIs the rules
// look for by name:
//
//   - property descriptors and legacy accessor lookups:
//     Object.getOwnPropertyDescriptor(Navigator.prototype, "sendBeacon").value,
//     Reflect.getOwnPropertyDescriptor(Element.prototype, "innerHTML").set,
//     el.__lookupSetter__("innerHTML"), navigator.__lookupGetter__("serviceWorker");
//   - interface prototype methods called on the real object:
//     Navigator.prototype.sendBeacon.apply(navigator, [u]) is
//     navigator.sendBeacon(u), Storage.prototype.setItem.call(sessionStorage, …)
//     is sessionStorage.setItem(…);
//   - a setter called on an object (desc.set.call(el, html), Reflect.set(el,
//     "innerHTML", html)) is recorded as the assignment it performs;
//   - any function's prototype reached through __proto__ keeps its kind, so
//     its constructor is Function, AsyncFunction or GeneratorFunction.

import (
	"strings"

	"github.com/tdewolff/parse/v2/js"
)

// Roots of the values this file makes (Kind Member; Path is the property
// name, Str the base's global path when BaseKnown).
const (
	descRoot       = "descriptor"  // a property descriptor of Str.Path
	descsRoot      = "descriptors" // Object.getOwnPropertyDescriptors(Str): Path unused
	setterRoot     = "setter"      // the setter of property Path
	getterRoot     = "getter"      // the getter of property Path
	baseKnownMark  = "global:"     // Str prefix: the base is the global path after it
	protoCallMarks = ".prototype"  // Root suffix of a canonicalised prototype method
)

// ifaceInstances maps a browser interface to the object that is its only
// instance in a page (its prototype's methods are that object's methods).
var ifaceInstances = map[string]string{
	"Navigator": "navigator", "WorkerNavigator": "navigator",
	"Document": "document", "HTMLDocument": "document",
	"Window": "", "WorkerGlobalScope": "", "DedicatedWorkerGlobalScope": "", "SharedWorkerGlobalScope": "",
	"Storage":                "localStorage",
	"Location":               "location",
	"History":                "history",
	"ServiceWorkerContainer": "navigator.serviceWorker",
	"Geolocation":            "navigator.geolocation",
	"Clipboard":              "navigator.clipboard",
	"StorageManager":         "navigator.storage",
	"CacheStorage":           "caches",
	"IDBFactory":             "indexedDB",
}

// splitProto splits "Navigator.prototype.sendBeacon" into its interface
// and member ("Navigator", "sendBeacon").
func splitProto(path string) (iface, name string, ok bool) {
	i := strings.Index(path, ".prototype.")
	if i <= 0 {
		return "", "", false
	}
	iface, name = path[:i], path[i+len(".prototype."):]
	if strings.ContainsRune(iface, '.') || name == "" || strings.ContainsRune(name, '.') {
		return "", "", false
	}
	return iface, name, true
}

// instancePath joins an instance path and a member name.
func instancePath(inst, name string) string {
	if inst == "" {
		return name
	}
	return inst + "." + name
}

// protoMethod canonicalises an interface prototype's method taken to be
// called on an object (.call/.apply/.bind): Navigator.prototype.sendBeacon
// is navigator.sendBeacon. Root keeps the interface's prototype so that a
// recorded call can put the real receiver in (Storage → sessionStorage).
func protoMethod(rx Value, bound string) (Value, bool) {
	iface, name, ok := splitProto(rx.Path)
	if !ok {
		return Value{}, false
	}
	inst, ok := ifaceInstances[iface]
	if !ok {
		return Value{}, false
	}
	r := rx
	r.Path = instancePath(inst, name)
	r.Root = iface + protoCallMarks
	r.Reflective = true
	r.Bound = bound
	return r, true
}

// reflectMember resolves rx.name for the values of this file and the
// prototype forms; ok is false when member's ordinary rules apply.
func (p *Program) reflectMember(rx Value, name string) (Value, bool) {
	bindName := name == "call" || name == "apply" || name == "bind"
	switch rx.Kind {
	case Global:
		if bindName && rx.Bound == "" {
			return protoMethod(rx, name)
		}
		if name == "constructor" && rx.Path == "Function.prototype" && rx.Bound == "" {
			return Value{Kind: Global, Path: "Function", Reflective: true}, true
		}
	case Func:
		if name == "__proto__" && rx.Bound == "" {
			// (() => {}).__proto__ is the prototype of its kind of function
			return Value{Kind: Func, FuncKind: rx.FuncKind, Reflective: true}, true
		}
	case Member:
		switch rx.Root {
		case descRoot:
			switch name {
			case "value", "get":
				if name == "get" {
					// the getter, called on an object, reads the property
					return Value{Kind: Member, Root: getterRoot, Path: rx.Path, Str: rx.Str}, true
				}
				if base, ok := strings.CutPrefix(rx.Str, baseKnownMark); ok {
					v := p.member(Value{Kind: Global, Path: base}, rx.Path, true, false)
					v.Reflective = true
					return v, true
				}
				return Value{Kind: Member, Path: rx.Path}, true
			case "set":
				return Value{Kind: Member, Root: setterRoot, Path: rx.Path, Str: rx.Str}, true
			}
			return Value{Kind: Member, Path: name}, true
		case descsRoot:
			return Value{Kind: Member, Root: descRoot, Path: name, Str: rx.Str}, true
		case setterRoot, getterRoot:
			if bindName && rx.Bound == "" {
				r := rx
				r.Bound = name
				return r, true
			}
			return Value{Kind: Member, Path: name}, true
		}
	}
	return Value{}, false
}

// descriptorOf is Object.getOwnPropertyDescriptor(base, name).
func descriptorOf(base Value, name string) Value {
	v := Value{Kind: Member, Root: descRoot, Path: name}
	if base.Kind == Global && !base.Realm {
		v.Str = baseKnownMark + base.Path
	}
	return v
}

// reflectCall resolves the calls of this file: descriptor lookups,
// __lookupGetter__/__lookupSetter__, and a getter called on an object.
func (p *Program) reflectCall(n *js.CallExpr, callee Value, nargs int, argVal func(int) Value, thisGlobal bool, d int) (Value, bool) {
	switch {
	case callee.Kind == Global && callee.Bound == "" &&
		(callee.Path == "Object.getOwnPropertyDescriptor" || callee.Path == "Reflect.getOwnPropertyDescriptor"):
		if nargs >= 2 {
			if k := argVal(1); k.Kind == Const {
				return descriptorOf(argVal(0), k.Str), true
			}
		}
		return Value{}, true
	case callee.Kind == Global && callee.Bound == "" && callee.Path == "Object.getOwnPropertyDescriptors":
		v := descriptorOf(argVal(0), "")
		v.Root = descsRoot
		return v, true
	case callee.Kind == Member && callee.Root == getterRoot && (callee.Bound == "call" || callee.Bound == "apply"):
		// desc.get.call(obj): reads obj's property
		obj := argVal(0)
		if obj.Kind != Global {
			if base, ok := strings.CutPrefix(callee.Str, baseKnownMark); ok {
				obj = protoInstance(base)
			}
		}
		if obj.Kind == Global {
			v := p.member(obj, callee.Path, true, false)
			v.Reflective = true
			return v, true
		}
		return Value{Kind: Member, Path: callee.Path}, true
	}
	// x.__lookupGetter__("name") / x.__lookupSetter__("name")
	dot, ok := unparen(n.X).(*js.DotExpr)
	if !ok || nargs < 1 {
		return Value{}, false
	}
	lit, ok := dotName(dot.Y)
	if !ok {
		return Value{}, false
	}
	var root string
	switch string(lit.Data) {
	case "__lookupGetter__":
		root = getterRoot
	case "__lookupSetter__":
		root = setterRoot
	default:
		return Value{}, false
	}
	k := argVal(0)
	if k.Kind != Const {
		return Value{}, true
	}
	v := Value{Kind: Member, Root: root, Path: k.Str}
	if base := p.resolve(dot.X, thisGlobal, d); base.Kind == Global && !base.Realm {
		v.Str = baseKnownMark + base.Path
	}
	return v, true
}

// protoInstance returns the object a prototype's accessor reads by
// default: Document.prototype → document; anything else unknown.
func protoInstance(base string) Value {
	iface, ok := strings.CutSuffix(base, ".prototype")
	if !ok {
		return Value{Kind: Global, Path: base}
	}
	if inst, ok := ifaceInstances[iface]; ok {
		return Value{Kind: Global, Path: inst}
	}
	return Value{}
}

// receiverOf puts the real receiver of a canonicalised prototype method
// called with .call/.apply into its path:
// Storage.prototype.setItem.call(sessionStorage, …) is sessionStorage.setItem.
func receiverOf(callee Value, recv Value) Value {
	if !strings.HasSuffix(callee.Root, protoCallMarks) || recv.Kind != Global || recv.Realm {
		return callee
	}
	name := innerMethod("." + callee.Path)
	callee.Path = instancePath(recv.Path, name)
	return callee
}

// setterAssign records desc.set.call(obj, v), x.__lookupSetter__(n).call(obj, v)
// and Reflect.set(obj, "name", v) as the assignment obj.name = v.
func (w *walker) setterAssign(c *Call, args []js.Arg, pos []int, tg bool) {
	var objE, valE js.IExpr
	var name string
	valPos := -1
	switch {
	case c.Callee.Kind == Member && c.Callee.Root == setterRoot && c.Callee.Bound == "call" && len(args) >= 2:
		objE, valE, name = args[0].Value, args[1].Value, c.Callee.Path
		valPos = pos[1]
	case c.Callee.Kind == Member && c.Callee.Root == setterRoot && c.Callee.Bound == "apply" && len(args) >= 2:
		arr, ok := unparen(args[1].Value).(*js.ArrayExpr)
		if !ok || len(arr.List) == 0 || arr.List[0].Spread {
			return
		}
		objE, valE, name = args[0].Value, arr.List[0].Value, c.Callee.Path
		valPos = pos[1]
	case c.Callee.IsGlobal("Reflect.set") && c.Callee.Bound == "" && len(args) >= 3:
		k, ok := w.p.Fold(args[1].Value)
		if !ok {
			return
		}
		objE, valE, name = args[0].Value, args[2].Value, k
		valPos = pos[2]
	default:
		return
	}
	a := Assign{Pos: c.Pos, Prop: name, Op: "=", Func: w.curFunc(), RHSPos: valPos}
	a.Receiver = w.p.Resolve(objE, tg)
	if a.Receiver.Kind != Global && c.Callee.Root == setterRoot {
		if base, ok := strings.CutPrefix(c.Callee.Str, baseKnownMark); ok {
			if r := protoInstance(base); r.Kind == Global && strings.HasSuffix(base, ".prototype") {
				a.Receiver = r
			}
		}
	}
	if a.Receiver.Kind == Global {
		a.Target = w.p.member(a.Receiver, name, true, false)
	} else {
		a.Target = Value{Kind: Member, Path: name}
	}
	a.Target.Reflective = true
	a.RHS = w.p.Resolve(valE, tg)
	// the node the rules read: obj.name = v
	a.Node = &js.BinaryExpr{Op: js.EqToken, X: &js.DotExpr{X: objE, Y: js.LiteralExpr{TokenType: js.IdentifierToken, Data: []byte(name)}}, Y: valE}
	if k := w.p.opts.Keep; k != nil && !k.Props[a.Prop] && a.Target.Kind != Global && a.Receiver.Kind != Global {
		return
	}
	w.p.Assigns = append(w.p.Assigns, a)
	if a.Target.Kind == Global {
		w.addRef(a.Target, c.Pos, Assigned, a.Node.(*js.BinaryExpr).X)
	}
}

// reflectValue reports whether v is a descriptor, getter or setter of this
// file: a plain chain on a local holding one can still reach an API.
func reflectValue(v Value) bool {
	if v.Kind != Member {
		return false
	}
	switch v.Root {
	case descRoot, descsRoot, setterRoot, getterRoot:
		return true
	}
	return false
}

// protoIndirectRef: Function.prototype.apply.call(Navigator.prototype.sendBeacon,
// navigator, [u]) calls navigator.sendBeacon: the callee becomes the
// instance's method and is recorded as a reference where the call starts.
func (w *walker) protoIndirectRef(c *Call, args []js.Arg, tg bool) {
	v, ok := protoMethod(c.Callee, "")
	if !ok {
		return
	}
	if len(args) > 1 {
		v = receiverOf(v, w.p.Resolve(args[1].Value, tg))
	}
	c.Callee = v
	w.addRef(v, c.Pos, Called, args[0].Value)
}

// protoCallRefs makes Storage.prototype.getItem.call(sessionStorage, k)
// one use of sessionStorage.getItem (pass 2, once the call's callee has
// its real receiver): the callee's reference, where the call starts,
// takes that receiver (it was recorded with the interface's usual
// instance), and the receiver's own reference, a bare read of the same
// object passed as `this`, is dropped. One finding per call site.
func (w *walker) protoCallRefs(c *Call, recvPos int) {
	if w.pass != 2 || !strings.HasSuffix(c.Callee.Root, ".prototype") || c.Callee.Kind != Global {
		return
	}
	recv, _, ok := strings.Cut(c.Callee.Path, ".")
	if !ok {
		return
	}
	// only a real instance of the interface (what the receiver is does
	// not depend on which references the model keeps)
	iface := strings.TrimSuffix(c.Callee.Root, ".prototype")
	if inst := ifaceInstances[iface]; inst == "" || (recv != inst && !(iface == "Storage" && recv == "sessionStorage")) {
		return
	}
	refs := w.p.Refs
	drop, callee := -1, -1
	for i := len(refs) - 1; i >= 0 && i >= len(refs)-8; i-- {
		r := &refs[i]
		if r.Pos < c.Pos {
			break
		}
		switch {
		case r.Pos == c.Pos && r.Use == Called && r.Root == c.Callee.Root:
			callee = i
		case r.Pos == recvPos && r.Use == Read && r.Kind == Global && r.Path == recv:
			drop = i
		}
	}
	if drop < 0 || callee < 0 {
		return // the receiver is not a global read there: the callee's reference stays as it is
	}
	refs[callee].Path = c.Callee.Path
	w.p.Refs = append(refs[:drop], refs[drop+1:]...)
}
