package rules

import (
	"strings"

	"github.com/pbicert/pbicert/analyzer"
)

// how describes the evasive form a reference took, for messages.
func how(v analyzer.Value) string {
	var parts []string
	if v.Escaped {
		parts = append(parts, "written with Unicode escapes")
	}
	if v.Computed && v.Encoded {
		parts = append(parts, "through an encoded computed key")
	} else if v.Computed {
		parts = append(parts, "through a computed key")
	}
	if v.Reflective {
		parts = append(parts, "through an alias or reflection")
	}
	if v.Realm {
		parts = append(parts, "through another realm ("+v.Root+")")
	}
	if v.Idiom != "" {
		parts = append(parts, "through the global object obtained with "+v.Root)
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// refRule reports every reference to one of apis (exact path or a member
// path under it), except typeof feature tests and assignments.
func refRule(apis []string, msg func(api string, r analyzer.Ref) string) func(*Pass) {
	return func(p *Pass) {
		prog := p.In.JS
		seen := map[int]bool{}
		for i := range prog.Refs {
			r := &prog.Refs[i]
			if r.Kind != analyzer.Global || r.Use == analyzer.Typeof || r.Use == analyzer.Assigned || seen[r.Pos] {
				continue
			}
			for _, api := range apis {
				if r.Path == api || strings.HasPrefix(r.Path, api+".") {
					seen[r.Pos] = true
					p.ReportJSFunc(r.Pos, r.Func, api, msg(api, *r)+how(r.Value))
					break
				}
			}
		}
	}
}

// callsTo iterates calls whose callee resolves to one of the global paths.
func callsTo(prog *analyzer.Program, paths ...string) []*analyzer.Call {
	var out []*analyzer.Call
	for i := range prog.Calls {
		c := &prog.Calls[i]
		if c.Callee.Kind != analyzer.Global {
			continue
		}
		for _, p := range paths {
			if c.Callee.Path == p {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

func arg(c *analyzer.Call, i int) analyzer.Arg {
	if i < len(c.Args) {
		return c.Args[i]
	}
	return analyzer.Arg{Pos: c.Pos}
}

func short(s string) string {
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}

// refsToAPIs is refRule over the rule's declared Needs.APIs.
func refsToAPIs(msg func(api string, r analyzer.Ref) string) func(*Pass) {
	return func(p *Pass) { refRule(p.Rule.Needs.APIs, msg)(p) }
}
