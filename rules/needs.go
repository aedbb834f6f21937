package rules

import (
	"strings"

	"github.com/pbicert/pbicert/analyzer"
)

// Inputs is a set of the inputs a rule reads.
type Inputs uint8

// The inputs of a check (Input's fields).
const (
	// JS is a program model: content.js, or one source file of a project (Input.JS).
	JS Inputs = 1 << iota
	// CSS is stylesheet text: content.css, or a project's .css/.less file (Input.CSS).
	CSS
	// ManifestInput is the package's manifest, or a project's pbiviz.json and
	// capabilities.json (Input.Manifest).
	ManifestInput
	// Repo is a source project's repository (Input.Repo).
	Repo
)

// Needs declares what a rule reads, as go/analysis's Requires does: the
// driver skips a rule whose inputs are absent, and the analyzer records the
// facts the registry's rules need and no others (rules.ModelKeep,
// rules.TrackedMembers, rules.ModelPaths). A fact a rule reads but does not
// declare is missing from the model: TestRulesDeclareTheirNeeds runs every
// rule with only what it declared and fails when it finds less.
type Needs struct {
	// Inputs the rule reads. The rule runs when every context input it
	// names (ManifestInput, Repo) is present and, if it names code inputs
	// (JS, CSS), at least one of those is. Required.
	Inputs Inputs
	// APIs are the global paths whose references (Program.Refs) and calls
	// (Program.Calls, by callee) the rule reads: "fetch",
	// "navigator.sendBeacon". The first segment keeps the facts under it;
	// a dotted path is also recorded where it is reached through a local
	// alias of its namespace (const n = navigator; n.sendBeacon(u)).
	APIs []string
	// Methods are method names whose calls on any receiver the rule reads
	// (Call.Method: "html", "setAttribute").
	Methods []string
	// Props are property names whose assignments (Program.Assigns) and
	// object-literal keys (Program.Props) the rule reads.
	Props []string
	// Members are host members whose accesses the rule reads
	// (Program.Members: "eventService").
	Members []string
	// Strings are marks of the string literals the rule reads
	// (Program.Strings holds literals containing one of them).
	Strings []string
	// WholeProgram: the rule judges the visual as a whole (is an API called
	// anywhere?); in a project it runs once over the union of every source's
	// model, never per file.
	WholeProgram bool
	// AfterIgnores: in a project, the rule runs after the inline
	// suppressions were applied (it reads RepoInfo.IgnoresResolved).
	AfterIgnores bool
}

// runs reports whether a rule reading needs runs on in.
func (n *Needs) runs(in *Input) bool {
	if n.Inputs&ManifestInput != 0 && in.Manifest == nil || n.Inputs&Repo != 0 && in.Repo == nil {
		return false
	}
	if code := n.Inputs & (JS | CSS); code != 0 {
		return code&JS != 0 && in.JS != nil || code&CSS != 0 && in.CSS != ""
	}
	return true
}

// Runs reports whether r runs on in (its inputs are present).
func (r *Rule) Runs(in *Input) bool { return r.Needs.runs(in) }

func rootOf(api string) string {
	if i := strings.IndexByte(api, '.'); i >= 0 {
		return api[:i]
	}
	return api
}

// ModelKeep tells the analyzer which facts rs (nil: every rule) read, so
// that it does not record the rest (references to Math or Object, calls of
// other methods).
func ModelKeep(rs []*Rule) *analyzer.Keep {
	if rs == nil {
		rs = registry
	}
	k := &analyzer.Keep{Roots: map[string]bool{}, Methods: map[string]bool{}, Props: map[string]bool{}}
	marks := map[string]bool{}
	for _, r := range rs {
		for _, a := range r.Needs.APIs {
			k.Roots[rootOf(a)] = true
		}
		for _, m := range r.Needs.Methods {
			k.Methods[m] = true
		}
		for _, p := range r.Needs.Props {
			k.Props[p] = true
		}
		for _, s := range r.Needs.Strings {
			if !marks[s] {
				marks[s] = true
				k.StringMarks = append(k.StringMarks, s)
			}
		}
	}
	return k
}

// TrackedMembers are the property names whose accesses the analyzer records
// for rs (nil: every rule): host services, rendering events.
func TrackedMembers(rs []*Rule) map[string]bool {
	if rs == nil {
		rs = registry
	}
	out := map[string]bool{}
	for _, r := range rs {
		for _, m := range r.Needs.Members {
			out[m] = true
		}
	}
	return out
}

// ModelPaths are the dotted API paths rs (nil: every rule) read, which the
// analyzer also records where they are reached through a local alias of
// their namespace (analyzer.Options.Paths).
func ModelPaths(rs []*Rule) map[string]bool {
	if rs == nil {
		rs = registry
	}
	out := map[string]bool{}
	for _, r := range rs {
		for _, a := range r.Needs.APIs {
			if strings.IndexByte(a, '.') > 0 {
				out[a] = true
			}
		}
	}
	return out
}

// Lists several rules declare.
var (
	// objectURLAPIs make local blob: URLs (not a remote load).
	objectURLAPIs = []string{"URL.createObjectURL", "webkitURL.createObjectURL"}
	// attrMethods set an element attribute: setAttribute(name, v),
	// D3/jQuery attr(name, v), setAttributeNS(ns, name, v).
	attrMethods = []string{"setAttribute", "attr", "setAttributeNS"}
	// navigationAPIs are the globals navigations() reads.
	navigationAPIs = []string{"location", "document.location", "document.URL", "open"}
	// codeSinks compile or run a string as code.
	codeSinks = append([]string{"eval", "Function", "AsyncFunction", "GeneratorFunction"}, timerAPIs...)
)

// urlPropList is urlProps as a list (for Needs.Props).
var urlPropList = func() []string {
	var out []string
	for k := range urlProps {
		out = append(out, k)
	}
	return out
}()
