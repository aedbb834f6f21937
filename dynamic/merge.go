package dynamic

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/pbicert/pbicert/result"
	"github.com/pbicert/pbicert/rules"
)

// Check runs the visual of a checked package in a child process and merges
// what it observed into the result (the hook lint calls after the static
// pass). in is the static pass's input (its program maps positions).
func Check(ctx context.Context, rn Runner, lim Limits, in *rules.Input, r *result.Result, sev map[string]rules.Severity, libs ...Lib) {
	if in == nil || in.JS == nil || in.Manifest == nil {
		return
	}
	di := Input{JS: string(in.JS.Src), Capabilities: in.Manifest.Resource.Capabilities, GUID: r.Visual.GUID, Libs: libs,
		APIVersion: in.Manifest.Resource.APIVersion}
	rep := rn.Exec(ctx, di, lim)
	Merge(r, rep, in, sev)
}

// Merge adds a run's observations to a result: the runtime field on the
// static findings it confirms, a finding at the call site for each call no
// static finding explains, and the result's dynamic summary.
func Merge(r *result.Result, rep *Report, in *rules.Input, sev map[string]rules.Severity) {
	d := &result.Dynamic{Completed: rep.Completed, Error: rep.Error, Millis: rep.Millis, Observations: len(rep.Observations)}
	if d.Completed == nil {
		d.Completed = []string{}
	}
	r.Dynamic = d
	pos := newPositions(in)
	var added []result.Finding
	addedAt := map[string]int{}
	markupData := map[int]bool{} // added markup findings whose markup carries data
	// the call site of each observation, the static finding it matches, and
	// for each matched finding the call site nearest to it: only the
	// observations made there confirm it
	offs := make([]int, len(rep.Observations))
	matches := make([]int, len(rep.Observations))
	type site struct{ off, d int }
	nearest := map[int]site{}
	for k, o := range rep.Observations {
		offs[k] = -1
		for _, f := range o.Stack {
			if x := pos.offset(f.Line, f.Column); x >= 0 {
				offs[k] = x
				break
			}
		}
		i, d := pos.match(r.Findings, o)
		matches[k] = i
		if i >= 0 {
			if n, ok := nearest[i]; !ok || d < n.d {
				nearest[i] = site{offs[k], d}
			}
		}
	}
	for k, o := range rep.Observations {
		off := offs[k]
		if o.IsNetwork() {
			q := result.Request{URL: o.Target, Host: hostOf(o.Target), Method: strings.ToUpper(o.Method), API: o.API, Rule: o.Rule, Phase: o.Phase, ReportData: o.ReportData}
			q.Location = pos.location(off)
			d.Requests = append(d.Requests, q)
		}
		rt := &result.Runtime{Phase: o.Phase, Target: o.Target, ReportData: o.ReportData}
		if i := matches[k]; i >= 0 && nearest[i].off == off {
			f := &r.Findings[i]
			if f.Runtime == nil || (o.ReportData && !f.Runtime.ReportData) {
				f.Runtime = rt
				if o.ReportData {
					reportData(f, o)
				}
			}
			continue
		}
		key := fmt.Sprintf("%s@%d", o.Rule, off)
		if off < 0 {
			key += "@" + o.Target
		}
		if j, ok := addedAt[key]; ok {
			if o.ReportData && !added[j].Runtime.ReportData {
				added[j].Runtime = rt
				reportData(&added[j], o)
			}
			if o.Markup && o.Data && !markupData[j] {
				if f, ok := pos.finding(o, off, sev); ok {
					rt.Observed = true
					f.Runtime = rt
					markup(&f, o)
					added[j] = f
					markupData[j] = true
				}
			}
			continue
		}
		f, ok := pos.finding(o, off, sev)
		if !ok {
			continue
		}
		rt.Observed = true
		f.Runtime = rt
		if o.ReportData {
			reportData(&f, o)
		}
		if o.Markup {
			markup(&f, o)
			markupData[len(added)] = o.Data
		}
		addedAt[key] = len(added)
		added = append(added, f)
	}
	// the rendering events requirement, as the run saw it
	if contains2(rep.Completed, PhaseUpdate) {
		if rep.UpdateEvents["renderingStarted"] > 0 && rep.UpdateEvents["renderingFinished"] > 0 {
			d.RenderingEvents = "reported"
		} else {
			d.RenderingEvents = "missing"
			o := Observation{Rule: "REQ001", API: "eventService", Phase: PhaseUpdate, Target: missingEvents(rep.UpdateEvents)}
			rt := &result.Runtime{Phase: PhaseUpdate, Target: o.Target}
			confirmed := false
			for i := range r.Findings {
				if r.Findings[i].Rule == "REQ001" {
					r.Findings[i].Runtime = rt
					confirmed = true
				}
			}
			if !confirmed {
				if f, ok := pos.finding(o, -1, sev); ok {
					f.Message = "update() ran to the end without calling " + o.Target
					rt.Observed = true
					f.Runtime = rt
					added = append(added, f)
				}
			}
		}
	}
	if len(added) > 0 {
		r.Findings = append(r.Findings, added...)
		result.SortFindings(r.Findings)
	}
}

func missingEvents(ev map[string]int) string {
	switch {
	case ev["renderingStarted"] == 0 && ev["renderingFinished"] == 0:
		return "eventService.renderingStarted and renderingFinished"
	case ev["renderingStarted"] == 0:
		return "eventService.renderingStarted"
	}
	return "eventService.renderingFinished"
}

func contains2(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// reportData raises a request that carries report data to an error naming
// the host.
func reportData(f *result.Finding, o Observation) {
	f.Severity = result.Error
	if h := hostOf(o.Target); h != "" {
		f.Message = fmt.Sprintf("%s sends report data (values of the data view) to %s", o.API, h)
		return
	}
	// no host: the address is a path or the data itself (an image visual
	// sets img.src to a value of the data view, which the run fills with
	// text); naming it as a host would be wrong
	f.Message = fmt.Sprintf("%s sends report data (values of the data view) to the address %q", o.API, clip(o.Target, 80))
}

// markup words a finding for markup the run wrote where no static finding
// is (the static pass saw constant markup there, or could not follow the
// value): markup carrying values of the data view keeps the rule's
// severity; markup without any (a library's feature test writing fixed
// markup, as Sizzle does in every jQuery) is only noted, at info.
func markup(f *result.Finding, o Observation) {
	if o.Data {
		f.Message = fmt.Sprintf("the run wrote markup built from values of the data view through %s: %s", o.API, clip(o.Target, 120))
		return
	}
	if f.Severity > result.Info {
		f.Severity = result.Info
	}
	f.Message = fmt.Sprintf("the run wrote markup that carries no value of the data view through %s: %s", o.API, clip(o.Target, 120))
}

// positions maps goja's line/column in content.js to offsets and locations.
type positions struct {
	in    *rules.Input
	lines []int
}

func newPositions(in *rules.Input) *positions {
	p := &positions{in: in, lines: []int{0}}
	if in.JS != nil {
		for i, c := range in.JS.Src {
			if c == '\n' {
				p.lines = append(p.lines, i+1)
			}
		}
	}
	return p
}

// offset converts a 1-based line and goja column (bytes, 1-based) to a
// byte offset (-1 when out of range).
func (p *positions) offset(line, col int) int {
	if p.in.JS == nil || line < 1 || line > len(p.lines) || col < 1 {
		return -1
	}
	off := p.lines[line-1] + col - 1
	src := p.in.JS.Src
	if off >= len(src) {
		return -1
	}
	// goja places a call at its "(": report the callee's name instead
	if src[off] == '(' {
		i := off
		for i > 0 && (src[i-1] == ' ' || src[i-1] == '\t') {
			i--
		}
		j := i
		for j > 0 && isNameByte(src[j-1]) {
			j--
		}
		if j < i {
			off = j
		}
	}
	return off
}

func isNameByte(c byte) bool {
	return c == '_' || c == '$' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func (p *positions) location(off int) result.Location {
	loc := result.Location{File: p.in.JSFile}
	if off >= 0 && p.in.JS != nil {
		loc.Offset = off
		loc.Line, loc.Column = p.in.JS.Position(off)
	}
	return loc
}

// match finds the static finding an observation confirms: a finding of the
// same rule near one of the observation's frames (the call site, then its
// callers), or in the same enclosing function.
//
// It also returns how far the finding is from the frame that matched (a
// match through the enclosing function counts as farther than any near
// one), so that when several call sites match one finding, the nearest
// confirms it and the others are reported at their own sites.
func (p *positions) match(fs []result.Finding, o Observation) (int, int) {
	if p.in.JS == nil {
		return -1, 0
	}
	for _, fr := range o.Stack {
		off := p.offset(fr.Line, fr.Column)
		if off < 0 {
			continue
		}
		best, bestD := -1, 1<<30
		for i := range fs {
			f := &fs[i]
			// a request made inside a library's request helper ($.ajax,
			// d3.json) confirms the NET015 finding at the visual's call
			same := f.Rule == o.Rule || (o.IsNetwork() && f.Rule == "NET015")
			if !same || f.Location.File != p.in.JSFile || f.Location.Line == 0 {
				continue
			}
			d := f.Location.Offset - off
			if d < 0 {
				d = -d
			}
			if d <= 160 && d < bestD {
				best, bestD = i, d
			}
		}
		if best >= 0 {
			return best, bestD
		}
		fn := p.in.JS.FuncName(p.in.JS.FuncAt(off))
		if fn == "" {
			continue
		}
		cands := []int{}
		for i := range fs {
			if fs[i].Rule == o.Rule && fs[i].Function == fn && fs[i].Location.File == p.in.JSFile {
				cands = append(cands, i)
			}
		}
		if len(cands) > 0 {
			sort.Slice(cands, func(a, b int) bool {
				return abs(fs[cands[a]].Location.Offset-off) < abs(fs[cands[b]].Location.Offset-off)
			})
			return cands[0], 1<<20 + abs(fs[cands[0]].Location.Offset-off)
		}
	}
	return -1, 0
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// finding builds the finding for an observation no static finding explains.
func (p *positions) finding(o Observation, off int, sev map[string]rules.Severity) (result.Finding, bool) {
	rl := rules.Lookup(o.Rule)
	if rl == nil {
		return result.Finding{}, false
	}
	s := rl.Severity
	if v, ok := sev[rl.ID]; ok {
		s = v
	}
	if s == 0 {
		return result.Finding{}, false
	}
	msg := fmt.Sprintf("the run reached %s: %s", o.API, clip(o.Target, 120))
	if o.Eval {
		msg += " (from code built at run time)"
	}
	f := result.Finding{Rule: rl.ID, Name: rl.Name, Category: rl.Category, API: o.API, Severity: s, Message: msg,
		Help: rl.HelpURI(), Location: p.location(off)}
	if off >= 0 && p.in.JS != nil {
		f.Snippet, f.Caret = rules.Snippet(p.in.JS.Src, off, 100)
		f.Window = rules.SourceWindow(p.in.JS.Src, off, f.Location.Line, rules.WindowLines, rules.WindowWidth)
		f.Function = p.in.JS.FuncName(p.in.JS.FuncAt(off))
	}
	return f, true
}
