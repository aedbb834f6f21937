package dynamic

import (
	"github.com/dop251/goja"
	"golang.org/x/net/html"
)

type listener struct {
	typ     string
	fn      goja.Value // a function or an object with handleEvent
	capture bool
	once    bool
}

// installEvents defines addEventListener, removeEventListener and
// dispatchEvent on EventTarget.prototype: they work for nodes, the window
// and any object built from EventTarget.
func (e *env) installEvents() {
	p := e.protos["EventTarget"]
	self := func(c goja.FunctionCall) *goja.Object {
		if o, ok := c.This.(*goja.Object); ok {
			return o
		}
		return e.win
	}
	opts := func(v goja.Value) (capture, once bool) {
		if o, ok := v.(*goja.Object); ok {
			return o.Get("capture") != nil && o.Get("capture").ToBoolean(), o.Get("once") != nil && o.Get("once").ToBoolean()
		}
		return v != nil && v.ToBoolean(), false
	}
	p.Set("addEventListener", func(c goja.FunctionCall) goja.Value {
		o := self(c)
		fn := c.Argument(1)
		if goja.IsNull(fn) || goja.IsUndefined(fn) {
			return goja.Undefined()
		}
		capture, once := opts(c.Argument(2))
		typ := c.Argument(0).String()
		for _, l := range e.listeners[o] {
			if l.typ == typ && l.capture == capture && l.fn.StrictEquals(fn) {
				return goja.Undefined()
			}
		}
		if len(e.listeners[o]) < 256 {
			e.listeners[o] = append(e.listeners[o], &listener{typ: typ, fn: fn, capture: capture, once: once})
		}
		return goja.Undefined()
	})
	p.Set("removeEventListener", func(c goja.FunctionCall) goja.Value {
		o := self(c)
		capture, _ := opts(c.Argument(2))
		typ := c.Argument(0).String()
		ls := e.listeners[o]
		for i, l := range ls {
			if l.typ == typ && l.capture == capture && l.fn.StrictEquals(c.Argument(1)) {
				e.listeners[o] = append(ls[:i:i], ls[i+1:]...)
				break
			}
		}
		return goja.Undefined()
	})
	p.Set("dispatchEvent", func(c goja.FunctionCall) goja.Value {
		ev, ok := c.Argument(0).(*goja.Object)
		if !ok {
			panic(e.rt.NewTypeError("Failed to execute 'dispatchEvent': parameter 1 is not of type 'Event'."))
		}
		return e.v(e.dispatch(self(c), ev))
	})
}

// installWindowEvent defines window.event, the event being dispatched
// (undefined outside a dispatch; a script may replace it, as in browsers).
func (e *env) installWindowEvent() {
	get := e.rt.ToValue(func(goja.FunctionCall) goja.Value {
		if e.curEvent == nil {
			return goja.Undefined()
		}
		return e.curEvent
	})
	set := e.rt.ToValue(func(c goja.FunctionCall) goja.Value {
		_ = e.win.DefineDataProperty("event", c.Argument(0), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
		return goja.Undefined()
	})
	_ = e.win.DefineAccessorProperty("event", get, set, goja.FLAG_TRUE, goja.FLAG_TRUE)
}

// dispatch runs an event through capture, target and bubble phases.
func (e *env) dispatch(target *goja.Object, ev *goja.Object) bool {
	path := []*goja.Object{target}
	if n := e.nodes[target]; n != nil {
		for x := n.Parent; x != nil; x = x.Parent {
			path = append(path, e.wrap(x).ToObject(e.rt))
		}
		if contains(e.doc, n) {
			path = append(path, e.win)
		}
	}
	// window.event: the event being dispatched, the outer one again after a
	// dispatch inside a listener (browsers set it around each listener)
	outer := e.curEvent
	e.curEvent = ev
	defer func() { e.curEvent = outer }()
	ev.Set("target", target)
	if ev.Get("srcElement") == nil || goja.IsUndefined(ev.Get("srcElement")) {
		ev.Set("srcElement", target)
	}
	typ := ev.Get("type").String()
	bubbles := ev.Get("bubbles") != nil && ev.Get("bubbles").ToBoolean()
	stopped := func() bool { v := ev.Get("_stop"); return v != nil && v.ToBoolean() }
	immediate := func() bool { v := ev.Get("_stopImm"); return v != nil && v.ToBoolean() }
	run := func(o *goja.Object, capture bool, phase int) {
		ev.Set("currentTarget", o)
		ev.Set("eventPhase", phase)
		ls := append([]*listener(nil), e.listeners[o]...)
		for _, l := range ls {
			if l.typ != typ || (phase != 2 && l.capture != capture) {
				continue
			}
			if l.once {
				cur := e.listeners[o]
				for i, x := range cur {
					if x == l {
						e.listeners[o] = append(cur[:i:i], cur[i+1:]...)
						break
					}
				}
			}
			fn, ok := goja.AssertFunction(l.fn)
			this := goja.Value(o)
			if !ok {
				if lo, isObj := l.fn.(*goja.Object); isObj {
					fn, ok = goja.AssertFunction(lo.Get("handleEvent"))
					this = lo
				}
			}
			if ok {
				if _, err := fn(this, ev); err != nil {
					e.listenerError(err)
				}
			}
			if immediate() {
				return
			}
		}
		if !capture {
			if h, ok := goja.AssertFunction(o.Get("on" + typ)); ok {
				if _, err := h(o, ev); err != nil {
					e.listenerError(err)
				}
			}
		}
	}
	for i := len(path) - 1; i > 0 && !stopped(); i-- {
		run(path[i], true, 1)
	}
	if !stopped() {
		run(path[0], false, 2)
	}
	if bubbles {
		for i := 1; i < len(path) && !stopped(); i++ {
			run(path[i], false, 3)
		}
	}
	ev.Set("currentTarget", goja.Null())
	ev.Set("eventPhase", 0)
	d := ev.Get("defaultPrevented")
	return d == nil || !d.ToBoolean()
}

// listenerError: an exception in a listener is reported (browsers log it)
// and does not stop the dispatch, unless the run must end.
func (e *env) listenerError(err error) {
	if e.fatal(err) {
		panic(err)
	}
	if e.eventErr == nil {
		e.eventErr = err
	}
}

// fire dispatches a new event of a type at a node (bubbling, as user
// input does).
func (e *env) fire(n *html.Node, typ string) bool {
	mk, ok := goja.AssertFunction(e.pbi.Get("mouseEvent"))
	if !ok {
		return false
	}
	v, err := mk(goja.Undefined(), e.v(typ))
	if err != nil {
		return false
	}
	return e.dispatch(e.wrap(n).ToObject(e.rt), v.ToObject(e.rt))
}

// hasListeners lists elements in the document with listeners for a type
// (in document order), at most max.
func (e *env) withListeners(types map[string]bool, max int) []*html.Node {
	var out []*html.Node
	walk(e.doc, func(n *html.Node) bool {
		if len(out) >= max {
			return false
		}
		if o := e.objs[n]; o != nil {
			for _, l := range e.listeners[o] {
				if types[l.typ] {
					out = append(out, n)
					break
				}
			}
			if len(out) < max && n.Type == html.ElementNode {
				for t := range types {
					if _, ok := goja.AssertFunction(o.Get("on" + t)); ok {
						out = append(out, n)
						break
					}
				}
			}
		}
		return true
	})
	return out
}
