package gen

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// rng is splitmix64: tiny, fast and, unlike math/rand, guaranteed to give the
// same sequence on every Go release (the committed examples depend on it).
type rng struct{ s uint64 }

func newRNG(seed int64) *rng { return &rng{s: uint64(seed)*0x9E3779B97F4A7C15 + 0x1234567} }

func (r *rng) next() uint64 {
	r.s += 0x9E3779B97F4A7C15
	z := r.s
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

// intn returns a number in [0,n).
func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

func (r *rng) pick(s []string) string { return s[r.intn(len(s))] }

var fillerWords = []string{"value", "label", "axis", "tick", "legend", "color", "width", "height", "margin",
	"padding", "scale", "domain", "range", "series", "category", "measure", "format", "tooltip", "title",
	"opacity", "stroke", "fill", "radius", "angle", "offset", "index", "count", "total", "ratio", "step",
	"node", "edge", "path", "point", "group", "layer", "view", "panel", "cell", "row", "column", "key"}

// fillerModule writes one module of minified, library-like code. Names are
// unique within the module and start with an upper-case letter, so
// they never collide with keywords.
type fillerModule struct {
	r    *rng
	sb   *strings.Builder
	next int
	// names of functions of one argument defined so far (callable with a number)
	unary []string
}

// shortGlobals are names the generator must not shadow.
var shortGlobals = map[string]bool{"Map": true, "Set": true, "NaN": true, "URL": true, "CSS": true}

func (m *fillerModule) name() string {
	for {
		if n := m.rawName(); !shortGlobals[n] {
			return n
		}
	}
}

func (m *fillerModule) rawName() string {
	const first = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	const rest = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$"
	i := m.next
	m.next++
	buf := []byte{first[i%len(first)]}
	i /= len(first)
	for i > 0 {
		buf = append(buf, rest[i%len(rest)])
		i /= len(rest)
	}
	return string(buf)
}

func (m *fillerModule) num() string { return strconv.Itoa(m.r.intn(1000)) }

func (m *fillerModule) word() string { return m.r.pick(fillerWords) }

func (m *fillerModule) str() string { return `"` + m.word() + `"` }

// snippet appends one top-level declaration.
func (m *fillerModule) snippet() {
	w := m.sb.WriteString
	n := m.name()
	switch m.r.intn(16) {
	case 0:
		w("function " + n + "(e,t){for(var n=0,r=e.length;n<r;n++)if(e[n]===t)return n;return-1}")
	case 1:
		w("function " + n + "(e){return null==e?\"\":String(e).replace(/[A-Z]/g,(function(t){return\"-\"+t.toLowerCase()}))}")
	case 2:
		w("class " + n + "{constructor(e,t){this." + m.word() + "=e,this.y=t||" + m.num() + "}get size(){return this." + fillerWords[0] + "*this.y}")
		w("scale(e){const t=new " + n + "(this.y*e,this.y);return t}toString(){return\"" + n + "(\"+this.y+\")\"}static from(e){return new " + n + "(e[0],e[1])}}")
	case 3:
		w("const " + n + "=(()=>{let e=" + m.num() + ";const t=new Map;return{next:()=>++e,get:n=>t.get(n),set:(n,r)=>(t.set(n,r),r),has:n=>t.has(n),clear(){t.clear(),e=0}}})();")
	case 4:
		w("const " + n + "={" + m.word() + ":" + m.num() + "," + m.word() + "A:" + m.str() + "," + m.word() + "B:[" + m.num() + "," + m.num() + "," + m.num() + "]," + m.word() + "C:{enabled:!" + strconv.Itoa(m.r.intn(2)) + ",name:" + m.str() + "}};")
	case 5:
		w("function " + n + "(e){return e.reduce(((e,t)=>e+(+t||0)),0)}")
		m.unary = append(m.unary, n+"([")
	case 6:
		w("function " + n + "(e,t){return String(e).split(t||\",\").map((e=>e.trim())).filter(Boolean).join(t||\",\")}")
	case 7:
		w("function " + n + "(e){switch(e){case 0:return" + m.str() + ";case 1:return" + m.str() + ";case 2:return" + m.str() + ";default:return\"" + m.word() + "-\"+e}}")
	case 8:
		w("function " + n + "(e){let t=1;for(;e>1;)t*=e,e--;return t}")
		m.unary = append(m.unary, n+"(")
	case 9:
		w("function " + n + "(e,t){const n=e[1]-e[0],r=t[1]-t[0];return i=>t[0]+(i-e[0])*r/(n||1)}")
	case 10:
		w("function " + n + "(e){this.items=e||[],this." + m.word() + "=" + m.num() + "}" + n + ".prototype.push=function(e){return this.items.push(e),this}," + n + ".prototype.size=function(){return this.items.length};")
	case 11:
		w("function " + n + "(e){try{return JSON.parse(e)}catch(t){return null}}")
	case 12:
		w("function " + n + "(e,t){return`${e}:${null==t?\"" + m.word() + "\":t}`}")
	case 13:
		w("const " + n + "=(e,{x:t=0,y:n=" + m.num() + "}={})=>({...e,x:t,y:n,[`" + m.word() + "`]:t+n});")
	case 14:
		w("function " + n + "(e,t,n){return Math.min(n==null?" + m.num() + ":n,Math.max(t||0,+e))}")
		m.unary = append(m.unary, n+"(")
	default:
		w("var " + n + "=function(e){var t=e>>>0,n=[];do{n.push(t%" + strconv.Itoa(2+m.r.intn(30)) + "),t=Math.floor(t/" + strconv.Itoa(2+m.r.intn(30)) + ")}while(t>0);return n.reverse().join(\"\")};")
	}
	// now and then, use something defined earlier
	if len(m.unary) > 0 && m.r.intn(4) == 0 {
		u := m.r.pick(m.unary)
		if strings.HasSuffix(u, "[") {
			w("var " + m.name() + "=" + u + m.num() + "," + m.num() + "]);")
		} else {
			w("var " + m.name() + "=" + u + strconv.Itoa(m.r.intn(12)) + ");")
		}
	}
}

// Filler returns deterministic modules of library-like, minified code
// totalling about size bytes. The code parses as ES2022, uses no API that
// certification cares about (no network, dynamic code, DOM sinks, storage or
// timers), and depends only on the seed.
func Filler(seed int64, size int) []string {
	if size <= 0 {
		return nil
	}
	r := newRNG(seed)
	var mods []string
	total := 0
	for total < size {
		target := 2048 + r.intn(6144)
		if rem := size - total; target > rem {
			target = rem
		}
		var sb strings.Builder
		sb.Grow(target + 512)
		sb.WriteString(`"use strict";`)
		m := &fillerModule{r: r, sb: &sb}
		for sb.Len() < target {
			m.snippet()
		}
		mods = append(mods, sb.String())
		total += sb.Len()
	}
	return mods
}

func decodeRune(s string) (rune, int) { return utf8.DecodeRuneInString(s) }
