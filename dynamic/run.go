package dynamic

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/andybalholm/cascadia"
	"github.com/dop251/goja"
	"github.com/dop251/goja/parser"
	"github.com/evanw/esbuild/pkg/api"
	"github.com/go-sourcemap/sourcemap"
	"golang.org/x/net/html"
)

//go:embed prelude.js
var preludeJS string

//go:embed host.js
var hostJS string

//go:embed page1x.js
var page1xJS string

//go:embed native.js
var nativeJS string

// powerbiJS is the namespace the plugin wrapper fills, with the enums of
// the API that old bundles read from the global (powerbi.VisualUpdateType).
const powerbiJS = `var powerbi = {visuals: {plugins: {}}, extensibility: {visual: {}, utils: {}}, data: {},
  VisualUpdateType: {Data: 2, Resize: 4, ViewMode: 8, Style: 16, ResizeEnd: 32, FormattingSubSelectionChange: 64, FormatModeChange: 128, FilterOptionsChange: 256, All: 62},
  ViewMode: {View: 0, Edit: 1, InFocusEdit: 2}, EditMode: {Default: 0, Advanced: 1},
  VisualDataRoleKind: {Grouping: 0, Measure: 1, GroupingOrMeasure: 2},
  VisualDataChangeOperationKind: {Create: 0, Append: 1, Segment: 2},
  DataViewKind: {Categorical: 0, Single: 1, Table: 2, Matrix: 3, Tree: 4}, SortDirection: {Ascending: 1, Descending: 2},
  VisualEventType: {}, VisualInteractivityFlags: {}, FilterAction: {merge: 0, remove: 1}};`

// Input is what one run needs from a package.
type Input struct {
	JS string `json:"js"`
	// Libs are scripts run before content.js (--dynamic-lib): libraries the
	// Power BI page supplied to early API 1.x visuals (jQuery, d3 v3,
	// lodash), which pbicert does not ship.
	Libs         []Lib           `json:"libs,omitempty"`
	Capabilities json.RawMessage `json:"capabilities,omitempty"`
	GUID         string          `json:"guid,omitempty"`
	// APIVersion is the package's apiVersion: a package of API 1.x or
	// without one (2016-2017) runs with the utilities the Power BI page of
	// that era supplied (page1x.js).
	APIVersion string `json:"apiVersion,omitempty"`
}

// earlyAPI tells whether a package of this apiVersion ran in the Power BI
// page of early API 1.x.
func earlyAPI(v string) bool {
	return v == "" || v == "1" || strings.HasPrefix(v, "1.")
}

// Lib is one script run before content.js.
type Lib struct {
	Name string `json:"name"`
	JS   string `json:"js"`
}

// Limits bound one run.
type Limits struct {
	// Budget is the CPU time the visual's code may use in the whole run
	// (default 10 s): the time the runtime's thread spent on a CPU, which
	// the machine's load does not stretch, so that a run ends the same way
	// on an idle and on a busy machine. Where the thread's CPU time cannot
	// be read (not Linux) it is wall time.
	Budget time.Duration `json:"budget"`
	// Wall bounds the wall time of the run, a backstop for a run that
	// makes no progress (default 6 × Budget + 60 s).
	Wall time.Duration `json:"wall"`
	// MaxTurns bounds the timer, frame and message callbacks after the
	// updates (default 1000; the event phase gets a fifth of it).
	MaxTurns int `json:"maxTurns"`
	// Horizon is how far the virtual clock may run (default 5 minutes).
	Horizon time.Duration `json:"horizon"`
	// Memory is the resident memory ceiling of the child process in bytes
	// (default 1 GiB); enforced by the parent (child.go).
	Memory int64 `json:"memory"`
}

func (l Limits) withDefaults() Limits {
	if l.Budget <= 0 {
		l.Budget = 10 * time.Second
	}
	if l.Wall <= 0 {
		l.Wall = 6*l.Budget + time.Minute
	}
	if l.MaxTurns <= 0 {
		l.MaxTurns = 1000
	}
	if l.Horizon <= 0 {
		l.Horizon = 5 * time.Minute
	}
	if l.Memory <= 0 {
		l.Memory = 1 << 30
	}
	return l
}

// The viewports of the two updates.
const (
	viewW, viewH     = 640, 400
	resizeW, resizeH = 320, 240
)

// budgetExceeded is the value the runtime is interrupted with.
type budgetExceeded struct {
	d    time.Duration
	what string // "CPU time budget" or "wall time limit"
}

// watchBudget interrupts the runtime when the calling thread (to which the
// run's goroutine is locked until stop) has used lim.Budget of CPU time,
// or when lim.Wall has passed.
func watchBudget(rt *goja.Runtime, lim Limits) (stop func()) {
	runtime.LockOSThread()
	start := time.Now()
	cpu, ok := threadCPU()
	var base time.Duration
	if ok {
		base = cpu()
	}
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
			}
			if ok {
				if used := cpu(); used >= 0 && used-base >= lim.Budget {
					rt.Interrupt(budgetExceeded{lim.Budget, "CPU time budget"})
					return
				}
			} else if time.Since(start) >= lim.Budget {
				rt.Interrupt(budgetExceeded{lim.Budget, "time budget"})
				return
			}
			if time.Since(start) >= lim.Wall {
				rt.Interrupt(budgetExceeded{lim.Wall, "wall time limit"})
				return
			}
		}
	}()
	return func() {
		close(done)
		runtime.UnlockOSThread()
	}
}

// Run loads and drives one visual in this process. It never panics; the
// report says which phases completed and the first error. Callers that
// must survive infinite loops and unbounded allocation use Exec (child.go),
// which runs this in a child process.
func Run(in Input, lim Limits) (rep *Report) {
	lim = lim.withDefaults()
	start := time.Now()
	rep = &Report{Completed: []string{}}
	e := newEnv()
	e.page1x = earlyAPI(in.APIVersion)
	defer func() {
		if r := recover(); r != nil {
			if rep.Error == "" {
				rep.Error = oneLine(fmt.Sprintf("%s: runtime crash: %v", e.phase, r))
			}
		}
		e.fill(rep)
		rep.Millis = time.Since(start).Milliseconds()
	}()
	defer watchBudget(e.rt, lim)()

	fail := func(phase string, err error) bool {
		if err == nil {
			return false
		}
		if rep.Error == "" {
			var ie *goja.InterruptedError
			if errors.As(err, &ie) {
				if b, ok := ie.Value().(budgetExceeded); ok {
					hint := "infinite loop?"
					if b.what == "wall time limit" {
						hint = "the run was starved of CPU or stuck"
					}
					rep.Error = fmt.Sprintf("%s: %s of %s exceeded (%s)", phase, b.what, b.d, hint)
					return true
				}
			}
			rep.Error = phase + ": " + e.describe(err) + pageLibHint(err)
		}
		return true
	}
	if err := e.setup(); err != nil {
		rep.Error = "setup: " + err.Error()
		return rep
	}

	// load
	e.enter(PhaseLoad)
	for _, lib := range in.Libs {
		// what a library does while it loads is not the visual's doing
		e.quiet = true
		_, err := e.run(func() (goja.Value, error) { return e.rt.RunScript("lib:"+lib.Name, lib.JS) })
		e.quiet = false
		if err != nil {
			rep.Error = "load: --dynamic-lib " + lib.Name + ": " + e.describe(err)
			return rep
		}
	}
	prog, lowered, err := e.compile(in.JS)
	rep.Lowered = lowered
	if err != nil {
		rep.Error = "load: " + oneLine(err.Error())
		return rep
	}
	_, err = e.run(func() (goja.Value, error) { return e.rt.RunProgram(prog) })
	if fail(PhaseLoad, err) {
		return rep
	}
	rep.Completed = append(rep.Completed, PhaseLoad)
	horizon := float64(lim.Horizon.Milliseconds())
	settle := func() error { return e.runTurns(lim.MaxTurns/4, e.clock.now+50) }
	if err := settle(); err != nil && e.fatal(err) {
		fail(PhaseTimer, err)
		return rep
	}

	// constructor
	e.enter(PhaseConstructor)
	plugin := e.plugin(in.GUID)
	if plugin == nil {
		rep.Error = "constructor: no visual registered in powerbi.visuals.plugins (the bundle did not register a plugin)"
		return rep
	}
	caps := []byte(in.Capabilities)
	if len(caps) == 0 {
		// packages of the pre-2018 layout carry no capabilities.json: the
		// plugin the bundle registered holds them (plugin.capabilities)
		caps = e.pluginCapabilities(plugin)
	}
	element := e.newElement("div", "")
	setAttr(element, "class", "visual visual-sandbox")
	setAttr(element, "style", fmt.Sprintf("width: %dpx; height: %dpx;", viewW, viewH))
	e.insert(e.body, element, nil)
	host, err := e.callPBI("makeHost")
	if err != nil {
		rep.Error = "setup: " + e.describe(err)
		return rep
	}
	opts := e.rt.NewObject()
	opts.Set("element", e.wrap(element))
	opts.Set("host", host)
	var visual *goja.Object
	_, err = e.run(func() (goja.Value, error) {
		v, err := e.create(plugin, opts)
		if err == nil && v != nil {
			visual = v.ToObject(e.rt)
		}
		return v, err
	})
	if fail(PhaseConstructor, err) {
		return rep
	}
	if visual == nil {
		rep.Error = "constructor: the plugin's create() returned no visual"
		return rep
	}
	rep.Completed = append(rep.Completed, PhaseConstructor)
	if err := settle(); err != nil && e.fatal(err) {
		fail(PhaseTimer, err)
		return rep
	}

	// update, then a resized update
	update, ok := goja.AssertFunction(visual.Get("update"))
	if !ok {
		rep.Error = "update: the visual has no update method"
		return rep
	}
	for i, phase := range []string{PhaseUpdate, PhaseResize} {
		e.enter(phase)
		e.phase = PhaseUpdate
		w, h := viewW, viewH
		typ := 62 // VisualUpdateType.All
		if i == 1 {
			w, h, typ = resizeW, resizeH, 4|32 // Resize | ResizeEnd
			setAttr(element, "style", fmt.Sprintf("width: %dpx; height: %dpx;", w, h))
			if s := e.st[element]; s != nil && s.style != nil {
				e.parseCSSText(s.style, fmt.Sprintf("width: %dpx; height: %dpx;", w, h))
			}
		}
		dvJSON, own := dataViewJSON(caps, i == 1)
		ownKinds := make([]any, len(own))
		for k, v := range own {
			ownKinds[k] = v
		}
		dv, err := e.mkDataView(goja.Undefined(), e.pbi, e.v(string(dvJSON)), e.rt.NewArray(ownKinds...))
		if err != nil {
			rep.Error = "setup: " + e.describe(err)
			return rep
		}
		uo := e.rt.NewObject()
		vp := e.rt.NewObject()
		vp.Set("width", w)
		vp.Set("height", h)
		uo.Set("viewport", vp)
		uo.Set("dataViews", e.rt.NewArray(dv))
		uo.Set("type", typ)
		uo.Set("viewMode", 1)
		uo.Set("editMode", 0)
		uo.Set("operationKind", 0)
		uo.Set("jsonFilters", e.rt.NewArray())
		uo.Set("isInFocus", false)
		uo.Set("updateId", fmt.Sprintf("pbicert-%d", i+1))
		v, err := e.run(func() (goja.Value, error) { return e.call(update, visual, uo) })
		if err == nil {
			err = e.settled(v)
		}
		if fail(phase, err) {
			if e.fatal(err) {
				return rep
			}
			continue
		}
		rep.Completed = append(rep.Completed, phase)
		if err := settle(); err != nil && e.fatal(err) {
			fail(PhaseTimer, err)
			return rep
		}
	}

	// timers, frames and messages on the virtual clock
	e.enter(PhaseTimer)
	err = e.runTurns(lim.MaxTurns, horizon)
	if err != nil && e.fatal(err) {
		fail(PhaseTimer, err)
		return rep
	}
	if err != nil {
		fail(PhaseTimer, err)
	} else {
		rep.Completed = append(rep.Completed, PhaseTimer)
	}

	// events: a click, a hover and a context menu on elements that listen
	e.enter(PhaseEvent)
	e.eventErr = nil
	types := map[string]bool{"click": true, "mouseover": true, "mouseenter": true, "contextmenu": true, "pointerdown": true, "mousedown": true}
	_, err = e.run(func() (goja.Value, error) {
		for _, n := range e.withListeners(types, 12) {
			for _, t := range []string{"mouseover", "mousedown", "click", "contextmenu"} {
				e.fire(n, t)
			}
		}
		return nil, nil
	})
	if err == nil {
		err = e.eventErr
	}
	if err == nil || !e.fatal(err) {
		if err2 := e.runTurns(lim.MaxTurns/5, e.clock.now+10000); err2 != nil && e.fatal(err2) {
			err = err2
		}
	}
	if !fail(PhaseEvent, err) {
		rep.Completed = append(rep.Completed, PhaseEvent)
	}
	return rep
}

// pageLibHint explains the errors of visuals that expect the libraries the
// Power BI page of 2016 supplied.
func pageLibHint(err error) string {
	msg := err.Error()
	for _, name := range []string{"d3", "$", "jQuery", "_", "Globalize", "jsCommon"} {
		if strings.Contains(msg, "ReferenceError: "+name+" is not defined") {
			return "; the visual expects " + name + " from the Power BI page of early API 1.x (supply it with --dynamic-lib)"
		}
	}
	if strings.Contains(msg, "'SelectionManager' of undefined") || strings.Contains(msg, "createDisplayNameGetter") {
		return "; the visual expects the powerbi.visuals utilities of the Power BI page of early API 1.x, which pbicert supplies only to packages of API 1.x or without an apiVersion"
	}
	return ""
}

// enter starts a phase (announced to the parent when in a child).
func (e *env) enter(phase string) {
	e.phase = phase
	if phaseHook != nil {
		phaseHook(phase)
	}
}

func newEnv() *env {
	rt := goja.New()
	e := &env{
		rt: rt, clock: newClock(), seen: map[string]bool{}, hostCalls: map[string]int{}, updateEvents: map[string]int{},
		canaries: canaries, objs: map[*html.Node]*goja.Object{}, nodes: map[*goja.Object]*html.Node{},
		st: map[*html.Node]*nstate{}, frag: map[*html.Node]bool{}, listeners: map[*goja.Object][]*listener{},
		sels: map[string]cascadia.Matcher{}, vw: viewW, vh: viewH,
	}
	rt.SetMaxCallStackSize(4000)
	// never let goja read source maps named by the code (from the filesystem)
	rt.SetParserOptions(parser.WithDisableSourceMaps)
	return e
}

// run executes a step, turning Go panics into errors.
func (e *env) run(f func() (goja.Value, error)) (v goja.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			switch x := r.(type) {
			case *goja.InterruptedError:
				err = x
			case *goja.Exception:
				err = x
			case *goja.StackOverflowError:
				err = x // the script's fault, not the runtime's
			case error:
				var ie *goja.InterruptedError
				if errors.As(x, &ie) {
					err = ie
					return
				}
				err = &crash{x.Error()}
			default:
				err = &crash{fmt.Sprint(r)}
			}
		}
	}()
	return f()
}

// settled checks the promise an async update returned, after the
// microtasks ran: a rejection is the update's error.
func (e *env) settled(v goja.Value) error {
	if v == nil {
		return nil
	}
	p, ok := v.Export().(*goja.Promise)
	if !ok {
		return nil
	}
	// let pending reactions run
	if _, err := e.rt.RunString("void 0"); err != nil {
		return err
	}
	if p.State() == goja.PromiseStateRejected {
		r := p.Result()
		msg := "rejected"
		if o, ok := r.(*goja.Object); ok && o.Get("message") != nil {
			msg = "rejected: " + o.Get("message").String()
		} else if r != nil {
			msg = "rejected: " + r.String()
		}
		return errors.New(msg)
	}
	return nil
}

// setup builds the browser and the host in the runtime.
func (e *env) setup() (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	rt := e.rt
	g := rt.GlobalObject()
	e.win = g
	e.defineClasses()
	e.installStyle()
	e.newDocument()
	e.installNode()
	e.installElement()
	e.installHTMLElement()
	e.installDocument()
	e.installEvents()
	e.installWindowEvent()
	e.installClock()
	e.pbi = rt.NewObject()
	e.installNatives()
	g.Set("document", e.wrap(e.doc))
	g.Set("atob", func(s string) string {
		out, err := atob(s)
		if err != nil {
			panic(e.domError("InvalidCharacterError", "The string to be decoded is not correctly encoded."))
		}
		return out
	})
	g.Set("btoa", func(s string) string {
		out, ok := btoa(s)
		if !ok {
			panic(e.domError("InvalidCharacterError", "The string to be encoded contains characters outside of the Latin1 range."))
		}
		return out
	})
	for _, src := range []struct{ name, code string }{{"pbicert:prelude.js", preludeJS}, {"pbicert:prelude-host.js", hostJS}} {
		fv, err := rt.RunScript(src.name, src.code)
		if err != nil {
			return err
		}
		fn, _ := goja.AssertFunction(fv)
		if _, err := fn(goja.Undefined(), e.pbi, g); err != nil {
			return err
		}
	}
	// eval: the recording wrapper becomes %eval% (evaltrap.go)
	if w, ok := g.Get("eval").(*goja.Object); !ok || !setDirectEval(rt, w) {
		return errors.New("cannot install the eval trap")
	}
	if err := defineHidden(rt, evalHook, rt.ToValue(func(c goja.FunctionCall) goja.Value {
		if s, ok := c.Argument(0).Export().(string); ok {
			e.record(Observation{Rule: "DYN001", API: "eval", Target: clip(s, 200)})
		}
		return c.Argument(0)
	})); err != nil {
		return fmt.Errorf("cannot install the eval hook: %v", err)
	}
	dv, err := rt.RunScript("pbicert:prelude-dataview.js", dataViewJS)
	if err != nil {
		return err
	}
	// held here, never on the global object (a visual must not find the sandbox)
	e.mkDataView, _ = goja.AssertFunction(dv)
	// the namespace the plugin wrapper fills
	if _, err := rt.RunScript("pbicert:prelude-powerbi.js", powerbiJS); err != nil {
		return err
	}
	if e.page1x {
		fv, err := rt.RunScript("pbicert:prelude-page1x.js", page1xJS)
		if err != nil {
			return err
		}
		fn, _ := goja.AssertFunction(fv)
		if _, err := fn(goja.Undefined(), e.pbi, g); err != nil {
			return err
		}
	}
	// last: the sandbox's own functions print as built-ins
	fv, err := rt.RunScript("pbicert:prelude-native.js", nativeJS)
	if err != nil {
		return err
	}
	fn, _ := goja.AssertFunction(fv)
	e.quiet = true
	_, err = fn(goja.Undefined(), g, e.pbi.Get("natives"))
	e.quiet = false
	return err
}

// installNatives fills the private pbi object the prelude uses.
func (e *env) installNatives() {
	p := e.pbi
	p.Set("natives", e.rt.NewArray())
	p.Set("vw", e.vw)
	p.Set("vh", e.vh)
	p.Set("rec", func(c goja.FunctionCall) goja.Value {
		o := Observation{Rule: c.Argument(0).String(), API: c.Argument(1).String(), Target: clip(e.str(c.Argument(2)), 500),
			Method: e.str(c.Argument(3)), Body: clip(e.str(c.Argument(5)), 2000)}
		if h, ok := c.Argument(4).(*goja.Object); ok {
			o.Headers = map[string]string{}
			for _, k := range h.Keys() {
				o.Headers[k] = clip(e.str(h.Get(k)), 500)
			}
			if len(o.Headers) == 0 {
				o.Headers = nil
			}
		}
		e.record(o)
		return goja.Undefined()
	})
	p.Set("host", func(c goja.FunctionCall) goja.Value {
		name := c.Argument(0).String()
		e.hostCalls[name]++
		if strings.HasPrefix(name, "eventService.") && (e.phase == PhaseUpdate || e.cause == PhaseUpdate) {
			e.updateEvents[strings.TrimPrefix(name, "eventService.")]++
		}
		if name == "launchUrl" && e.phase == PhaseUpdate {
			e.record(Observation{Rule: "REQ004", API: "launchUrl", Target: clip(e.str(c.Argument(1)), 500)})
		}
		return goja.Undefined()
	})
	p.Set("canvas", func() { e.canvas++ })
	p.Set("now", func() float64 { return e.clock.now })
	p.Set("urlParse", func(u, base string) goja.Value {
		o, err := e.urlParts(u, base)
		if err != nil {
			panic(e.rt.NewTypeError("Failed to construct 'URL': Invalid URL"))
		}
		return o
	})
	p.Set("parseDocument", func(s string) goja.Value { return e.wrap(e.newHTMLDocument(s)) })
	p.Set("computedStyle", func(c goja.FunctionCall) goja.Value { return e.computedStyle(e.node(c.Argument(0))) })
	p.Set("utf8", func(s string) []any {
		out := make([]any, len(s))
		for i := 0; i < len(s); i++ {
			out[i] = int(s[i])
		}
		return out
	})
	p.Set("fromUtf8", func(b []int) string {
		bs := make([]byte, len(b))
		for i, x := range b {
			bs[i] = byte(x)
		}
		return string(bs)
	})
}

func (e *env) callPBI(name string, args ...goja.Value) (goja.Value, error) {
	fn, ok := goja.AssertFunction(e.pbi.Get(name))
	if !ok {
		return nil, fmt.Errorf("pbicert: %s missing", name)
	}
	return e.call(fn, goja.Undefined(), args...)
}

func (e *env) urlParts(u, base string) (*goja.Object, error) {
	if base == "" {
		base = pageURL
	}
	b, err := url.Parse(base)
	if err != nil {
		return nil, err
	}
	r, err := url.Parse(strings.TrimSpace(u))
	if err != nil {
		return nil, err
	}
	x := b.ResolveReference(r)
	if x.Scheme == "" {
		return nil, errors.New("invalid URL")
	}
	o := e.rt.NewObject()
	search := ""
	if x.RawQuery != "" || x.ForceQuery {
		search = "?" + x.RawQuery
	}
	hash := ""
	if x.Fragment != "" {
		hash = "#" + x.EscapedFragment()
	}
	path := x.EscapedPath()
	if path == "" && x.Host != "" {
		path = "/"
	}
	origin := "null"
	if x.Host != "" {
		origin = x.Scheme + "://" + x.Host
	}
	href := x.String()
	if x.Host != "" && x.Path == "" {
		href = x.Scheme + "://" + x.Host + "/" + search + hash
	}
	pw, _ := x.User.Password()
	for k, v := range map[string]string{"href": href, "protocol": x.Scheme + ":", "host": x.Host, "hostname": x.Hostname(), "port": x.Port(),
		"pathname": path, "search": search, "hash": hash, "origin": origin, "username": x.User.Username(), "password": pw} {
		o.Set(k, v)
	}
	return o, nil
}

// urlPart is one component of a URL (for <a> elements).
func urlPart(h, key string) string {
	x, err := url.Parse(h)
	if err != nil {
		return ""
	}
	switch key {
	case "protocol":
		return x.Scheme + ":"
	case "host":
		return x.Host
	case "hostname":
		return x.Hostname()
	case "port":
		return x.Port()
	case "pathname":
		return x.EscapedPath()
	case "search":
		if x.RawQuery == "" {
			return ""
		}
		return "?" + x.RawQuery
	case "hash":
		if x.Fragment == "" {
			return ""
		}
		return "#" + x.EscapedFragment()
	case "origin":
		return x.Scheme + "://" + x.Host
	}
	return ""
}

// compile parses content.js; when goja cannot parse it, the code is lowered
// with esbuild first and positions are mapped back through its source map.
func (e *env) compile(js string) (*goja.Program, bool, error) {
	ast, err := goja.Parse(srcName, js, parser.WithDisableSourceMaps)
	if err == nil {
		hookDirectEvals(ast, js)
		p, err := goja.CompileAST(ast, false)
		if err == nil {
			return p, false, nil
		}
	}
	res := api.Transform(js, api.TransformOptions{
		Loader: api.LoaderJS, Target: api.ES2017, Sourcemap: api.SourceMapExternal, Sourcefile: srcName,
		Supported: map[string]bool{"async-generator": false, "for-await": false, "dynamic-import": true},
	})
	if len(res.Errors) > 0 {
		m := res.Errors[0]
		pos := ""
		if m.Location != nil {
			pos = fmt.Sprintf(" at content.js:%d:%d", m.Location.Line, m.Location.Column+1)
		}
		return nil, false, fmt.Errorf("goja cannot parse content.js (%v) and esbuild cannot lower it: %s%s", err, m.Text, pos)
	}
	if sm, err := sourcemap.Parse("content.js.map", res.Map); err == nil {
		e.mapPos = func(line, col int) (int, int) {
			_, _, l, c, ok := sm.Source(line, col-1)
			if !ok {
				return line, col
			}
			return l, c + 1
		}
	}
	ast, err2 := goja.Parse(srcName, string(res.Code), parser.WithDisableSourceMaps)
	if err2 != nil {
		return nil, true, fmt.Errorf("goja cannot parse content.js, even lowered by esbuild: %v", err2)
	}
	hookDirectEvals(ast, string(res.Code))
	p, err2 := goja.CompileAST(ast, false)
	if err2 != nil {
		return nil, true, fmt.Errorf("goja cannot compile content.js: %v", err2)
	}
	e.lowered = true
	return p, true, nil
}

// plugin finds the visual the bundle registered.
func (e *env) plugin(guid string) *goja.Object {
	pb := e.rt.Get("powerbi")
	if pb == nil || goja.IsUndefined(pb) || goja.IsNull(pb) {
		return nil
	}
	var plugins *goja.Object
	func() {
		defer func() { _ = recover() }()
		plugins = pb.ToObject(e.rt).Get("visuals").ToObject(e.rt).Get("plugins").ToObject(e.rt)
	}()
	if plugins == nil {
		return nil
	}
	keys := plugins.Keys()
	sort.Strings(keys)
	pick := func(k string) *goja.Object {
		if v := plugins.Get(k); v != nil {
			if o, ok := v.(*goja.Object); ok {
				return o
			}
		}
		return nil
	}
	if guid != "" {
		if o := pick(guid); o != nil {
			return o
		}
		for _, k := range keys {
			if strings.HasPrefix(k, guid) {
				return pick(k)
			}
		}
	}
	for _, k := range keys {
		if o := pick(k); o != nil {
			return o
		}
	}
	return nil
}

// pluginCapabilities is the JSON of the capabilities a plugin carries
// (nil when it has none or they do not serialise).
func (e *env) pluginCapabilities(plugin *goja.Object) (out []byte) {
	defer func() {
		if recover() != nil {
			out = nil
		}
	}()
	c, ok := plugin.Get("capabilities").(*goja.Object)
	if !ok {
		return nil
	}
	b, err := c.MarshalJSON()
	if err != nil {
		return nil
	}
	return b
}

// create calls the plugin's create(options) (or constructs its class).
func (e *env) create(plugin, opts *goja.Object) (goja.Value, error) {
	if fn, ok := goja.AssertFunction(plugin.Get("create")); ok {
		v, err := e.call(fn, plugin, opts)
		if err != nil {
			return nil, err
		}
		if v != nil && !goja.IsUndefined(v) && !goja.IsNull(v) {
			if o := v.ToObject(e.rt); o != nil {
				if init, ok := goja.AssertFunction(o.Get("init")); ok && o.Get("update") != nil {
					// API 1.x visuals start in init(options), which the page
					// of that era filled (page1x.js: a jQuery element when
					// jQuery is there, the 1.x host services, the style)
					iopts := opts
					if mk, ok := goja.AssertFunction(e.pbi.Get("initOptions")); ok {
						v, err := e.call(mk, goja.Undefined(), opts)
						if err != nil {
							return nil, err
						}
						iopts = v.ToObject(e.rt)
					}
					if _, err := e.call(init, o, iopts); err != nil {
						return nil, err
					}
				}
			}
		}
		return v, nil
	}
	if ctor, ok := goja.AssertConstructor(plugin.Get("class")); ok {
		return ctor(nil, opts)
	}
	return nil, errors.New("the plugin has neither create() nor a class")
}

// fill copies what the run recorded into the report.
func (e *env) fill(rep *Report) {
	rep.Observations = e.obs
	if len(e.hostCalls) > 0 {
		rep.HostCalls = e.hostCalls
	}
	rep.UpdateEvents = e.updateEvents
	rep.Canvas = e.canvas
	rep.Turns = e.turns
}
