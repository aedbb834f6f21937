package libs

import (
	"sort"
	"strings"
	"testing"
)

func literals(src string) []string {
	var out []string
	Scan([]byte(src), 1, func(l Literal) { out = append(out, l.Value) }, nil)
	return out
}

func TestScan(t *testing.T) {
	tests := []struct {
		src  string
		want string
	}{
		{`var a = "x", b = 'y';`, "x|y"},
		{`a = "esc\"aped\n\u0041\x42";`, "esc\"aped\nAB"},
		{"f(`head ${g(\"in\")} tail`)", "head |in| tail"},
		{`x = /"not a string"/g.test(s); y = "after"`, "after"},
		{`x = a / 2 / "d"`, "d"},
		{`// "comment"` + "\n" + `/* "block" */ "real"`, "real"},
		{`if (x) /'/.test(y); "z"`, "z"},
		{`return /[/"]/.source + "w"`, "w"},
	}
	for _, tc := range tests {
		if got := strings.Join(literals(tc.src), "|"); got != tc.want {
			t.Errorf("Scan(%q) = %q, want %q", tc.src, got, tc.want)
		}
	}
	var banners []string
	Scan([]byte(`/*! alpha v1.2.3 | MIT */ var a; /* plain */ /** @license Apache-2.0 */`), 1, nil, func(c Comment) { banners = append(banners, c.Text) })
	if len(banners) != 2 {
		t.Errorf("banners %q, want the /*! one and the @license one", banners)
	}
}

// testDB: alpha has two versions told apart by one string; beta one version.
func testDB() *DB {
	return NewDB(File{Format: FormatVersion, MinLen: 6, Libraries: []Lib{
		{Name: "alpha", Versions: []string{"1.0.0", "2.0.0"}, Licenses: []string{"MIT", "MIT"}, Strings: map[string]uint64{
			"alpha: invalid argument": 3, "alpha-selection": 3, "alpha/transition": 3, "alpha only in two": 2, "alpha only in one": 1}},
		{Name: "beta", Versions: []string{"0.9.1"}, Licenses: []string{"BSD-3-Clause"}, Strings: map[string]uint64{
			"beta: stack overflow": 1, "beta-chart-title": 1, "beta-axis-label": 1, "beta-legend-item": 1, "beta: no data": 1}},
		{Name: "@scope/gamma", Versions: []string{"1.0.0"}, Licenses: []string{"ISC"}, Strings: map[string]uint64{
			"gamma one": 1, "gamma two": 1, "gamma three": 1}},
		// an umbrella and its modules: "fam-big" identifies itself, "fam-small"
		// (fewer than MinStrings strings) only marks fam's code
		{Name: "fam", Versions: []string{"2.0.0"}, Licenses: []string{"MIT"}, Umbrella: true, Family: "fam-"},
		{Name: "fam-big", Versions: []string{"1.0.0"}, Licenses: []string{"MIT"}, Strings: map[string]uint64{
			"fam big one": 1, "fam big two": 1, "fam big three": 1, "fam big four": 1, "fam big five": 1}},
		{Name: "fam-small", Versions: []string{"1.0.0"}, Licenses: []string{"MIT"}, Strings: map[string]uint64{
			"fam small one": 1, "fam small two": 1, "fam small three": 1}},
	}})
}

// TestMinimumEvidence: a library whose fingerprint has fewer than
// MinStrings strings is not identified even when all of them match (three
// short strings can be chance); the strings of such a module of an
// identified umbrella mark the umbrella's code.
func TestMinimumEvidence(t *testing.T) {
	att := testDB().Identify([]byte(`x("gamma one","gamma two","gamma three")`))
	if len(att.Libraries) != 0 {
		t.Errorf("3 of gamma's 3 strings identified %+v", att.Libraries)
	}
	att = testDB().Identify([]byte(`x("fam small one","fam small two","fam small three")`))
	if len(att.Libraries) != 0 {
		t.Errorf("a small module alone identified %+v", att.Libraries)
	}
	// fam 2.0.0 (version constant), fam-big's code, then code between two
	// marks of fam-small: fam's
	src := `var v={version:"2.0.0"};x("fam big one","fam big two","fam big three");` +
		`y("fam small one");function html(t){this.innerHTML=t}z("fam small two");`
	att = testDB().Identify([]byte(src))
	if att.index("fam") < 0 || att.index("fam-big") < 0 || att.index("fam-small") >= 0 {
		t.Fatalf("libraries %+v, want fam and fam-big, not fam-small", att.Libraries)
	}
	if o := att.OriginAt(strings.Index(src, "this.innerHTML"), nil); o == nil || o.Name != "fam" {
		t.Errorf("origin of code between fam-small's marks = %v, want fam", o)
	}
	// near miss: without the umbrella identified, the small module's marks
	// claim nothing
	src = `x("fam big one","fam big two","fam big three");y("fam small one");function html(t){this.innerHTML=t}z("fam small two");`
	att = testDB().Identify([]byte(src))
	if o := att.OriginAt(strings.Index(src, "this.innerHTML"), nil); o != nil && o.Name != "fam-big" {
		t.Errorf("origin without fam identified = %v", o)
	}
}

func TestIdentify(t *testing.T) {
	alpha := `!function(){var e="alpha: invalid argument";function s(){return "alpha-selection"}function t(){fetch(u)}var x="alpha/transition","alpha only in two";}();`
	user := `class Visual{update(o){this.root.innerHTML=o.text;fetch("https://api.contoso.com/x")}}` + strings.Repeat(" ", 5000)
	beta := `/*! beta 0.9.1 | Apache License 2.0 */(function(){var a="beta: stack overflow",b="beta-chart-title",c="beta-axis-label";eval(a)})();`
	src := alpha + user + beta
	att := testDB().Identify([]byte(src))
	if len(att.Libraries) != 2 {
		t.Fatalf("libraries %+v, want alpha and beta", att.Libraries)
	}
	a, b := att.Libraries[0], att.Libraries[1]
	if a.Name != "alpha" || a.Version != "2.0.0" || a.License != "MIT" || a.PURL != "pkg:npm/alpha@2.0.0" || a.Strings != 4 {
		t.Errorf("alpha = %+v (the string only in 2.0.0 names the version)", a)
	}
	if b.Name != "beta" || b.Version != "0.9.1" || b.License != "Apache-2.0" {
		t.Errorf("beta = %+v (the banner's licence wins over package.json's)", b)
	}
	if o := att.OriginAt(strings.Index(src, "fetch(u)"), nil); o == nil || o.Name != "alpha" {
		t.Errorf("origin of alpha's fetch = %v", o)
	}
	if o := att.OriginAt(strings.Index(src, "eval(a)"), nil); o == nil || o.Name != "beta" {
		t.Errorf("origin of beta's eval = %v", o)
	}
	// the visual's own code right after alpha: alpha's last string is near,
	// but outside the functions enclosing the fetch
	userAt := strings.Index(src, "fetch(\"https")
	scope := func(off int) [][2]int {
		if off >= len(alpha) && off < len(alpha)+len(user) {
			return [][2]int{{len(alpha), len(alpha) + len(user)}}
		}
		return nil
	}
	if o := att.OriginAt(userAt, scope); o != nil {
		t.Errorf("the visual's own fetch is attributed to %s", o.Name)
	}
	if o := att.OriginAt(userAt, nil); o == nil || o.Name != "alpha" {
		t.Errorf("without scope the near string decides: %v", o)
	}
	// near miss: two strings of alpha are not enough (3 needed)
	if att := testDB().Identify([]byte(`x("alpha-selection","alpha/transition")`)); len(att.Libraries) != 0 {
		t.Errorf("two strings identified %+v", att.Libraries)
	}
	// a version constant in the library's code wins over the strings
	att = testDB().Identify([]byte(`!function(){var v={version:"1.4.0"},e="alpha: invalid argument",s="alpha-selection",t="alpha/transition"}()`))
	if len(att.Libraries) != 1 || att.Libraries[0].Version != "1.4.0" {
		t.Errorf("version constant: %+v", att.Libraries)
	}
	// evasion: the strings written with escapes and other quotes
	att = testDB().Identify([]byte("x('beta: stack overflow', `beta-chart-title`, \"beta\\u002daxis-label\")"))
	if len(att.Libraries) != 1 || att.Libraries[0].Name != "beta" {
		t.Errorf("escaped strings: %+v", att.Libraries)
	}
}

func TestPURL(t *testing.T) {
	for _, tc := range [][3]string{{"lodash", "4.17.21", "pkg:npm/lodash@4.17.21"}, {"@scope/gamma", "1.0.0", "pkg:npm/%40scope/gamma@1.0.0"}, {"d3", "", "pkg:npm/d3"}} {
		if got := PURL(tc[0], tc[1]); got != tc[2] {
			t.Errorf("PURL(%s, %s) = %s, want %s", tc[0], tc[1], got, tc[2])
		}
	}
}

func TestDefaultLoads(t *testing.T) {
	db, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"d3", "d3-selection", "lodash", "jquery", "moment", "react-dom", "leaflet", "vega", "vega-loader", "plotly.js", "echarts", "dompurify", "core-js", "regenerator-runtime", "powerbi-visuals-utils-formattingutils"} {
		if db.Lookup(name) == nil {
			t.Errorf("the committed fingerprints lack %s", name)
		}
	}
}

// TestOriginSkipsALoneSharedString: one string of another library between
// two of one library's strings (a constant both hold, like the XLink
// namespace URI in vega-scenegraph and d3-selection) does not cut the
// library's code in two; two strings of the other library do.
func TestOriginSkipsALoneSharedString(t *testing.T) {
	libs := []Library{{Name: "alpha"}, {Name: "beta"}}
	att := &Attribution{Libraries: libs, umbrella: []int{-1, -1},
		hits: []hit{{0, 0, 0}, {1000, 0, 0}, {20000, 1, 0}, {30000, 0, 0}}}
	for _, off := range []int{10000, 25000} {
		if o := att.OriginAt(off, nil); o == nil || o.Name != "alpha" {
			t.Errorf("offset %d: origin %v, want alpha", off, o)
		}
	}
	// near miss: beta's code follows alpha's (two of its strings)
	att.hits = []hit{{0, 0, 0}, {1000, 0, 0}, {20000, 1, 0}, {30000, 1, 0}}
	if o := att.OriginAt(10000, nil); o != nil {
		t.Errorf("between alpha and beta: origin %v, want none", o)
	}
	// the lone string before the offset is skipped too
	att.hits = []hit{{0, 0, 0}, {5000, 1, 0}, {30000, 0, 0}, {31000, 0, 0}}
	if o := att.OriginAt(10000, nil); o == nil || o.Name != "alpha" {
		t.Errorf("after a lone beta string: origin %v, want alpha", o)
	}
	// but not across more than maxGap
	att.hits = []hit{{0, 0, 0}, {20000, 1, 0}, {maxGap + 1000, 0, 0}}
	if o := att.OriginAt(10000, nil); o != nil {
		t.Errorf("across more than maxGap: origin %v, want none", o)
	}
}

// TestOriginNeedsItsModule: a finding takes the library of the marks
// around it only when its module is that library's: the innermost
// enclosing function with moduleHits distinct strings of a library must be
// of that library; where no function holds that many, only a small module
// with no other library's mark among small modules of that library (a
// webpack module of a modular library) takes the library around it.
func TestOriginNeedsItsModule(t *testing.T) {
	alphaMod := `function A(){x("alpha: invalid argument","alpha-selection","alpha/transition");function h(t){this.innerHTML=t}y("alpha only in two")}`
	bare := `function M(q){this.innerHTML=q}` // a small module with no string
	// code of its own (larger than unitMax) that holds one of alpha's
	// strings on both sides of its finding, as FullCalendar holds moment's
	// format strings
	own := `function Own(el,v){var f="alpha-selection";` + strings.Repeat("el.style.left=v+1;", 2200) + `el.innerHTML=v;g("alpha-selection")}`
	betaMark := `function B(q){this.outerHTML=q;z("beta-axis-label")}`
	alphaMod2 := `function A2(){x("alpha: invalid argument","alpha-selection","alpha/transition","alpha only in two")}`
	betaMod := `function Bm(){b("beta: stack overflow","beta-chart-title","beta-axis-label")}`
	// a library file of its own (larger than unitMax), twice, with the
	// visual's own small code between the copies
	bigAlpha := `function BA(){x("alpha: invalid argument","alpha-selection","alpha/transition");` + strings.Repeat("this.n=this.n+1;", 2500) + `}`
	between := `function V(q){this.src=q}`
	// a bundle: one function holding alpha's and beta's modules
	// small code that uses two of alpha's names (fewer than identify it)
	uses := `function U(el){el.title="alpha-selection";el.innerText="alpha/transition"}`
	src := alphaMod + bare + alphaMod2 + own + alphaMod2 + uses + alphaMod2 + betaMark + alphaMod2 + bigAlpha + between + bigAlpha +
		"!function(){" + alphaMod2 + bare + alphaMod2 + betaMod + "}()"
	att := testDB().Identify([]byte(src))
	if att.index("alpha") < 0 || att.index("beta") < 0 {
		t.Fatalf("libraries %+v", att.Libraries)
	}
	// the functions: each top-level piece and its inner functions
	var funcs [][2]int
	at := func(piece string, from int) int {
		i := strings.Index(src[from:], piece)
		if i < 0 {
			t.Fatalf("no %q", piece[:20])
		}
		return from + i
	}
	add := func(from int, pieces ...string) {
		for _, p := range pieces {
			i := at(p, from)
			funcs = append(funcs, [2]int{i, i + len(p)})
			from = i + len(p)
		}
	}
	add(0, alphaMod, bare, alphaMod2, own, alphaMod2, uses, alphaMod2, betaMark, alphaMod2, bigAlpha, between, bigAlpha)
	bundle := at("!function(){", 0)
	funcs = append(funcs, [2]int{bundle + 1, len(src)})
	add(bundle, alphaMod2, bare, alphaMod2, betaMod)
	h := at("function h(t)", 0)
	funcs = append(funcs, [2]int{h, h + len("function h(t){this.innerHTML=t}")})
	scope := func(off int) [][2]int {
		var out [][2]int
		for _, f := range funcs {
			if f[0] <= off && off < f[1] {
				out = append(out, f)
			}
		}
		sort.Slice(out, func(i, j int) bool { return out[i][1]-out[i][0] < out[j][1]-out[j][0] })
		return out
	}
	origin := func(off int) string {
		if o := att.OriginAt(off, scope); o != nil {
			return o.Name
		}
		return ""
	}
	for _, tc := range []struct {
		what string
		off  int
		want string
	}{
		{"inside alpha's module", at("this.innerHTML=t", 0), "alpha"},
		{"a bare module between alpha's", at("this.innerHTML=q", 0), "alpha"},
		{"code of its own holding alpha's strings", at("el.innerHTML=v", 0), ""},
		{"a module holding beta's mark between alpha's", at("this.outerHTML=q", 0), ""},
		{"small code between two files of alpha's", at("this.src=q", 0), ""},
		{"small code using two of alpha's names", at("el.innerText", 0), ""},
		{"a bare module inside a bundle, between alpha's", at("this.innerHTML=q", bundle), "alpha"},
	} {
		if got := origin(tc.off); got != tc.want {
			t.Errorf("%s: origin %q, want %q", tc.what, got, tc.want)
		}
	}
	// without the module rule (no scope) the marks around decide: the old
	// misattribution of code of its own
	if o := att.OriginAt(at("el.innerHTML=v", 0), nil); o == nil || o.Name != "alpha" {
		t.Errorf("without scope: %v, want alpha (the marks around)", o)
	}
}

// TestNeighboursNameTheUmbrella: a module that takes its library from the
// modules around it (no string of its own) is only known to be the
// umbrella's when those are an umbrella's modules: named the umbrella when
// it is identified, else nothing (not the neighbouring module's name).
func TestNeighboursNameTheUmbrella(t *testing.T) {
	famA := `function FA(){x("fam big one","fam big two","fam big three")}`
	bare := `function M(q){this.innerHTML=q}`
	famB := `function FB(){x("fam big four","fam big five","fam big one")}`
	for _, tc := range []struct{ head, want string }{
		{"", ""},                            // fam not identified: d3-selection's code is no d3-scale-chromatic's
		{`var v={version:"2.0.0"};`, "fam"}, // fam identified by its version constant
	} {
		src := tc.head + famA + bare + famB
		att := testDB().Identify([]byte(src))
		if att.index("fam-big") < 0 {
			t.Fatalf("libraries %+v", att.Libraries)
		}
		var funcs [][2]int
		for _, p := range []string{famA, bare, famB} {
			i := strings.Index(src, p)
			funcs = append(funcs, [2]int{i, i + len(p)})
		}
		scope := func(off int) [][2]int {
			for _, f := range funcs {
				if f[0] <= off && off < f[1] {
					return [][2]int{f}
				}
			}
			return nil
		}
		got := ""
		if o := att.OriginAt(strings.Index(src, "this.innerHTML"), scope); o != nil {
			got = o.Name
		}
		if got != tc.want {
			t.Errorf("with %q: origin %q, want %q", tc.head, got, tc.want)
		}
	}
}

// monoDB has an umbrella whose versions before 2.0.0 are one library (as
// d3 3.x is), and another library.
func monoDB() *DB {
	return NewDB(File{Format: FormatVersion, MinLen: 6, Libraries: []Lib{
		{Name: "mono", Versions: []string{"1.5.0", "2.0.0"}, Licenses: []string{"BSD-3-Clause", "ISC"}, Umbrella: true, Family: "mono-", Modular: "2.0.0"},
		{Name: "beta", Versions: []string{"0.9.1"}, Licenses: []string{"BSD-3-Clause"}, Strings: map[string]uint64{
			"beta: stack overflow": 1, "beta-chart-title": 1, "beta-axis-label": 1, "beta-legend-item": 1, "beta: no data": 1}},
	}})
}

// TestMonolithOwnsItsFunction: a monolith identified by its version
// constant alone (d3 3.x: its strings are its later modules') owns the
// library-sized function around the constant, whose declarations a
// minifier hoists above it; not a small function, one that holds another
// library's marks, nor the code outside.
func TestMonolithOwnsItsFunction(t *testing.T) {
	filler := strings.Repeat("p=p+1;", 4<<10) // 24 KB of the library's code
	beta := `x("beta: stack overflow","beta-chart-title","beta-axis-label","beta-legend-item","beta: no data");`
	for _, tc := range []struct {
		name, head, body string
		want             string
	}{
		{"monolith", `var m={version:"1.5.0"};`, filler, "mono"},
		{"small function", `var m={version:"1.5.0"};`, "p=1;", ""},
		{"another library inside", `var m={version:"1.5.0"};`, filler + beta, ""},
		{"not written as a version", `var m="1.5.0";`, filler, ""},
		{"a modular version", `var m={version:"2.0.0"};`, filler, ""},
	} {
		lib := `function(){function h(t){this.innerHTML=t}` + tc.head + tc.body + `;this.mono=m}`
		own := `function own(q){document.body.innerHTML=q}`
		src := "!" + lib + "();" + own
		att := monoDB().Identify([]byte(src))
		fl := [2]int{1, 1 + len(lib)}
		fo := [2]int{strings.Index(src, own), strings.Index(src, own) + len(own)}
		scope := func(off int) [][2]int {
			for _, f := range [][2]int{fl, fo} {
				if f[0] <= off && off < f[1] {
					return [][2]int{f}
				}
			}
			return nil
		}
		got := ""
		if o := att.OriginAt(strings.Index(src, "this.innerHTML"), scope); o != nil {
			got = o.Name + " " + o.Version
		}
		want := tc.want
		if want != "" {
			want += " 1.5.0"
		}
		if got != want {
			t.Errorf("%s: origin of the library's code %q, want %q (libraries %+v)", tc.name, got, want, att.Libraries)
		}
		if o := att.OriginAt(strings.Index(src, "document.body.innerHTML"), scope); o != nil {
			t.Errorf("%s: the visual's own code after it has origin %s", tc.name, o.Name)
		}
	}
}
