package dynamic

import (
	"github.com/dop251/goja"
)

// timer is one pending callback on the virtual clock: a timeout, an
// interval, an animation frame, an idle callback or a message.
type timer struct {
	id       int
	at       float64 // virtual milliseconds
	seq      int     // ties run in the order they were scheduled
	fn       goja.Callable
	this     goja.Value
	args     []goja.Value
	interval float64 // > 0: reschedule after each run
	frame    bool    // requestAnimationFrame: called with the frame time
	phase    string  // the phase that scheduled it (for the rendering events)
}

// clock is the virtual clock: time only moves when the run advances it to
// the next callback, so a visual that waits a minute costs nothing.
type clock struct {
	now    float64
	seq    int
	nextID int
	timers map[int]*timer
}

func newClock() *clock { return &clock{timers: map[int]*timer{}, nextID: 1} }

func (c *clock) add(t *timer, delay float64) int {
	if delay < 0 || delay != delay {
		delay = 0
	}
	t.id = c.nextID
	c.nextID++
	c.seq++
	t.seq = c.seq
	t.at = c.now + delay
	c.timers[t.id] = t
	return t.id
}

func (c *clock) cancel(id int) { delete(c.timers, id) }

// next returns the earliest pending callback (nil when none).
func (c *clock) next() *timer {
	var best *timer
	for _, t := range c.timers {
		if best == nil || t.at < best.at || (t.at == best.at && t.seq < best.seq) {
			best = t
		}
	}
	return best
}

// runTurns runs pending callbacks in time order until none is left, the
// virtual horizon is passed or maxTurns callbacks ran. It returns the first
// error a callback threw.
func (e *env) runTurns(maxTurns int, horizon float64) error {
	var first error
	for n := 0; n < maxTurns; n++ {
		t := e.clock.next()
		if t == nil || t.at > horizon {
			break
		}
		if e.clock.now < t.at {
			e.clock.now = t.at
		}
		if t.interval > 0 {
			e.clock.seq++
			t.seq = e.clock.seq
			t.at = e.clock.now + t.interval
		} else {
			delete(e.clock.timers, t.id)
		}
		e.turns++
		prev := e.phase
		e.phase = PhaseTimer
		e.cause = t.phase
		args := t.args
		if t.frame {
			args = []goja.Value{e.rt.ToValue(e.clock.now)}
		}
		_, err := e.call(t.fn, t.this, args...)
		e.phase = prev
		e.cause = ""
		if err != nil {
			if e.fatal(err) {
				return err
			}
			if first == nil {
				first = err
			}
		}
	}
	return first
}

// installClock defines the timer functions on the global object.
func (e *env) installClock() {
	rt := e.rt
	g := rt.GlobalObject()
	schedule := func(call goja.FunctionCall, interval bool) goja.Value {
		cb := call.Argument(0)
		delay := call.Argument(1).ToFloat()
		t := &timer{this: goja.Undefined(), phase: e.phase}
		if len(call.Arguments) > 2 {
			t.args = append([]goja.Value(nil), call.Arguments[2:]...)
		}
		if fn, ok := goja.AssertFunction(cb); ok {
			t.fn = fn
		} else {
			// a string timer compiles its code: record it, then run it
			code := cb.String()
			api := "setTimeout"
			if interval {
				api = "setInterval"
			}
			e.record(Observation{Rule: "DYN003", API: api, Target: clip(code, 200)})
			src := code
			t.fn = func(goja.Value, ...goja.Value) (goja.Value, error) {
				return e.rt.RunScript("pbicert:timer-string", src)
			}
		}
		if interval {
			if delay < 1 {
				delay = 1
			}
			t.interval = delay
		}
		return rt.ToValue(e.clock.add(t, delay))
	}
	clear := func(call goja.FunctionCall) goja.Value {
		e.clock.cancel(int(call.Argument(0).ToInteger()))
		return goja.Undefined()
	}
	g.Set("setTimeout", func(call goja.FunctionCall) goja.Value { return schedule(call, false) })
	g.Set("setInterval", func(call goja.FunctionCall) goja.Value { return schedule(call, true) })
	g.Set("clearTimeout", clear)
	g.Set("clearInterval", clear)
	g.Set("setImmediate", func(call goja.FunctionCall) goja.Value {
		fn, ok := goja.AssertFunction(call.Argument(0))
		if !ok {
			return goja.Undefined()
		}
		t := &timer{fn: fn, this: goja.Undefined(), phase: e.phase}
		if len(call.Arguments) > 1 {
			t.args = append([]goja.Value(nil), call.Arguments[1:]...)
		}
		return rt.ToValue(e.clock.add(t, 0))
	})
	g.Set("clearImmediate", clear)
	frame := func(call goja.FunctionCall) goja.Value {
		fn, ok := goja.AssertFunction(call.Argument(0))
		if !ok {
			panic(rt.NewTypeError("requestAnimationFrame: the callback is not a function"))
		}
		// frames land on the next 16 ms boundary
		next := float64(int(e.clock.now/16)+1) * 16
		return rt.ToValue(e.clock.add(&timer{fn: fn, this: goja.Undefined(), frame: true, phase: e.phase}, next-e.clock.now))
	}
	g.Set("requestAnimationFrame", frame)
	g.Set("webkitRequestAnimationFrame", frame)
	g.Set("cancelAnimationFrame", clear)
	g.Set("webkitCancelAnimationFrame", clear)
	g.Set("requestIdleCallback", func(call goja.FunctionCall) goja.Value {
		fn, ok := goja.AssertFunction(call.Argument(0))
		if !ok {
			return goja.Undefined()
		}
		deadline := rt.NewObject()
		deadline.Set("didTimeout", false)
		deadline.Set("timeRemaining", func() float64 { return 50 })
		return rt.ToValue(e.clock.add(&timer{fn: fn, this: goja.Undefined(), args: []goja.Value{deadline}, phase: e.phase}, 1))
	})
	g.Set("cancelIdleCallback", clear)
}
