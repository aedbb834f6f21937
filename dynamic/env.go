package dynamic

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/andybalholm/cascadia"
	"github.com/dop251/goja"
	"golang.org/x/net/html"
)

// srcName is the name content.js runs under; frames elsewhere (the
// prelude, code built at run time) are not call sites in the package.
const srcName = "content.js"

// env is one run's runtime: the goja VM, the browser, the host, the clock
// and what the traps recorded.
type env struct {
	rt    *goja.Runtime
	phase string
	// cause is the phase that scheduled the running timer callback.
	cause string
	clock *clock
	turns int
	// mkDataView builds the view handed to update (dataViewJS); held in
	// Go, never on the global object
	mkDataView goja.Callable
	// page1x: the package is of early API 1.x, which ran in the Power BI
	// page with its utilities (page1x.js)
	page1x bool

	obs          []Observation
	seen         map[string]bool // observation dedup (rule, target, site, phase)
	hostCalls    map[string]int
	updateEvents map[string]int
	canvas       int
	canaries     []string
	lowered      bool
	mapPos       func(line, col int) (int, int)

	// the DOM (dom.go)
	doc, htmlEl, head, body *html.Node
	objs                    map[*html.Node]*goja.Object
	nodes                   map[*goja.Object]*html.Node
	st                      map[*html.Node]*nstate
	frag                    map[*html.Node]bool
	listeners               map[*goja.Object][]*listener
	protos                  map[string]*goja.Object
	sels                    map[string]cascadia.Matcher
	vw, vh                  float64

	win *goja.Object
	// quiet is set while --dynamic-lib scripts load: nothing is recorded.
	quiet bool
	// eventErr is the first error a listener threw during a dispatch.
	eventErr error
	// curEvent is the event being dispatched (window.event), nil outside.
	curEvent *goja.Object
	// pbi is the private object the prelude receives (never a global).
	pbi *goja.Object
}

// record adds an observation at the current JavaScript stack.
func (e *env) record(o Observation) {
	if e.quiet {
		return
	}
	if o.Phase == "" {
		o.Phase = e.phase
	}
	o.Stack, o.Eval = e.stack()
	o.ReportData = o.IsNetwork() && e.carries(o.Target, o.Body, o.Headers)
	key := o.Rule + "\x00" + o.Target + "\x00" + o.Phase
	if o.Data {
		key += "\x00data" // the same first 200 characters, data after them
	}
	if len(o.Stack) > 0 {
		key += fmt.Sprintf("\x00%d:%d", o.Stack[0].Line, o.Stack[0].Column)
	}
	if e.seen[key] || len(e.obs) >= 2000 {
		return
	}
	e.seen[key] = true
	e.obs = append(e.obs, o)
}

// stack returns the content.js frames of the current stack, innermost
// first, and whether code built at run time is running above them.
func (e *env) stack() ([]Frame, bool) {
	frames := e.rt.CaptureCallStack(64, nil)
	var out []Frame
	evalTop := false
	for i := range frames {
		f := &frames[i]
		name := f.SrcName()
		if name != srcName {
			if len(out) == 0 && name != "<native>" && !strings.HasPrefix(name, "pbicert:prelude") && name != "" {
				evalTop = true
			}
			continue
		}
		p := f.Position()
		line, col := p.Line, p.Column
		if e.mapPos != nil {
			line, col = e.mapPos(line, col)
		}
		out = append(out, Frame{Func: f.FuncName(), Line: line, Column: col})
		if len(out) == 16 {
			break
		}
	}
	return out, evalTop
}

// carries tells whether any canary value of the data view appears in a
// request's URL, body or headers: as written, URL-decoded, or in a run of
// base64 (btoa, base64url) decoded.
func (e *env) carries(target, body string, headers map[string]string) bool {
	var parts []string
	parts = append(parts, target, body)
	for k, v := range headers {
		parts = append(parts, k, v)
	}
	for _, p := range parts {
		if p == "" {
			continue
		}
		cands := []string{p}
		if d, err := url.QueryUnescape(p); err == nil && d != p {
			cands = append(cands, d)
		}
		if d, err := url.PathUnescape(p); err == nil && d != p {
			cands = append(cands, d)
		}
		for _, c := range cands {
			cands = append(cands, base64Runs(c)...)
		}
		for _, c := range cands {
			lc := strings.ToLower(c)
			for _, k := range e.canaries {
				if strings.Contains(lc, strings.ToLower(k)) {
					return true
				}
			}
		}
	}
	return false
}

// call runs a JavaScript function and turns Go panics (a runtime crash
// inside a native) into errors.
func (e *env) call(fn goja.Callable, this goja.Value, args ...goja.Value) (v goja.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			if ie, ok := r.(*goja.InterruptedError); ok {
				err = ie
				return
			}
			if ex, ok := r.(*goja.Exception); ok {
				err = ex
				return
			}
			if so, ok := r.(*goja.StackOverflowError); ok {
				err = so // the script's fault, not the runtime's
				return
			}
			if gv, ok := r.(goja.Value); ok {
				err = errors.New(gv.String())
				return
			}
			err = &crash{fmt.Sprint(r)}
		}
	}()
	if this == nil {
		this = goja.Undefined()
	}
	return fn(this, args...)
}

// crash is a Go panic inside the runtime.
type crash struct{ msg string }

func (c *crash) Error() string { return "runtime crash: " + c.msg }

// fatal tells whether an error ends the run (the budget is spent or the
// runtime crashed).
func (e *env) fatal(err error) bool {
	var ie *goja.InterruptedError
	var cr *crash
	return errors.As(err, &ie) || errors.As(err, &cr)
}

// describe renders an error on one line, with the content.js position of
// the innermost frame when known.
func (e *env) describe(err error) string {
	var ie *goja.InterruptedError
	if errors.As(err, &ie) {
		return fmt.Sprint(ie.Value())
	}
	var so *goja.StackOverflowError
	if errors.As(err, &so) {
		// goja's own error has no value, only a stack: say what a browser
		// says (a RangeError) where the innermost frame of content.js is
		return oneLine("RangeError: Maximum call stack size exceeded" + e.where(so.Stack()))
	}
	var ex *goja.Exception
	if errors.As(err, &ex) {
		msg := ""
		if v := ex.Value(); v != nil {
			if o, ok := v.(*goja.Object); ok {
				if m := o.Get("message"); m != nil && !goja.IsUndefined(m) {
					name := "Error"
					if n := o.Get("name"); n != nil && !goja.IsUndefined(n) {
						name = n.String()
					}
					msg = name + ": " + m.String()
				}
			}
			if msg == "" {
				msg = "uncaught " + v.String()
			}
		}
		return oneLine(msg + e.where(ex.Stack()))
	}
	return oneLine(err.Error())
}

// where renders the content.js position of a stack's innermost frame in
// content.js (" (content.js:line:col)"), or nothing when no frame is there.
func (e *env) where(stack []goja.StackFrame) string {
	for _, f := range stack {
		if f.SrcName() == srcName {
			p := f.Position()
			line, col := p.Line, p.Column
			if e.mapPos != nil {
				line, col = e.mapPos(line, col)
			}
			return fmt.Sprintf(" (content.js:%d:%d)", line, col)
		}
	}
	return ""
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return clip(s, 300)
}

// clip cuts s to n characters (runes), adding an ellipsis when it cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// str converts a JavaScript value to the string the browser would use
// (objects through JSON when they are plain, String() otherwise).
func (e *env) str(v goja.Value) string {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return ""
	}
	if o, ok := v.(*goja.Object); ok {
		if n := e.nodes[o]; n != nil {
			return "[object HTMLElement]"
		}
		switch o.ClassName() {
		case "Object", "Array":
			if b, err := json.Marshal(o.Export()); err == nil {
				return string(b)
			}
		}
	}
	defer func() { _ = recover() }()
	return v.String()
}

// b64Run is a run of base64 or base64url characters long enough to hide
// a value.
var b64Run = regexp.MustCompile(`[A-Za-z0-9+/_-]{8,}={0,2}`)

// base64Runs decodes the base64 runs of s (the ones that decode).
func base64Runs(s string) []string {
	var out []string
	for _, m := range b64Run.FindAllString(s, 64) {
		m = strings.TrimRight(strings.NewReplacer("-", "+", "_", "/").Replace(m), "=")
		if b, err := base64.RawStdEncoding.DecodeString(m); err == nil {
			out = append(out, string(b))
		} else if len(m) > 8 {
			// a run whose length is not a whole number of bytes: drop the tail
			if b, err := base64.RawStdEncoding.DecodeString(m[:len(m)-len(m)%4]); err == nil {
				out = append(out, string(b))
			}
		}
	}
	return out
}
