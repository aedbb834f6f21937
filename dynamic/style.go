package dynamic

import (
	"strconv"
	"strings"

	"github.com/dop251/goja"
	"golang.org/x/net/html"
)

// Style objects: one plain object per element whose own properties are the
// declarations in camelCase; the CSSStyleDeclaration prototype holds the
// methods and every common property name as "", so feature tests such as
// 'transform' in el.style (Leaflet) see a browser.

var cssNames = strings.Fields(`alignContent alignItems alignSelf animation animationDelay animationDuration animationName
animationTimingFunction background backgroundColor backgroundImage backgroundPosition backgroundRepeat backgroundSize
border borderBottom borderColor borderLeft borderRadius borderRight borderStyle borderTop borderWidth bottom boxShadow
boxSizing clip clipPath color columnGap content cursor direction display fill fillOpacity filter flex flexBasis
flexDirection flexGrow flexShrink flexWrap float font fontFamily fontSize fontStyle fontWeight gap gridTemplateColumns
gridTemplateRows height justifyContent left letterSpacing lineHeight listStyle margin marginBottom marginLeft marginRight
marginTop maxHeight maxWidth minHeight minWidth mixBlendMode objectFit opacity order outline overflow overflowX overflowY
padding paddingBottom paddingLeft paddingRight paddingTop perspective pointerEvents position resize right rowGap
shapeRendering stroke strokeDasharray strokeDashoffset strokeLinecap strokeLinejoin strokeOpacity strokeWidth tableLayout
textAlign textAnchor textDecoration textOverflow textShadow textTransform top touchAction transform transformOrigin
transition transitionDuration transitionProperty userSelect verticalAlign visibility webkitTransform webkitTransition
webkitUserSelect WebkitTransform WebkitTransition MozTransform msTransform OTransform webkitAnimation whiteSpace width
willChange wordBreak wordWrap zIndex zoom dominantBaseline alignmentBaseline paintOrder vectorEffect`)

func camel(s string) string {
	if strings.HasPrefix(s, "--") {
		return s
	}
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "-ms-") {
		s = s[1:]
	} else if strings.HasPrefix(s, "-") {
		s = s[1:]
	}
	var sb strings.Builder
	up := false
	for _, r := range s {
		if r == '-' {
			up = true
			continue
		}
		if up && r >= 'a' && r <= 'z' {
			r -= 32
		}
		up = false
		sb.WriteRune(r)
	}
	return sb.String()
}

func kebab(s string) string {
	if strings.HasPrefix(s, "--") {
		return s
	}
	var sb strings.Builder
	for i, r := range s {
		if r >= 'A' && r <= 'Z' {
			if i == 0 {
				sb.WriteByte('-')
			} else {
				sb.WriteByte('-')
			}
			r += 32
		}
		sb.WriteRune(r)
	}
	out := sb.String()
	for _, p := range []string{"webkit-", "moz-", "ms-", "o-"} {
		if strings.HasPrefix(out, p) {
			return "-" + out
		}
	}
	return out
}

func (e *env) installStyle() {
	ctor := e.rt.ToValue(func(goja.ConstructorCall) *goja.Object { panic(e.rt.NewTypeError("Illegal constructor")) }).ToObject(e.rt)
	p := e.rt.NewObject()
	ctor.Set("prototype", p)
	p.Set("constructor", ctor)
	e.rt.GlobalObject().Set("CSSStyleDeclaration", ctor)
	for _, k := range cssNames {
		p.Set(k, "")
	}
	self := func(c goja.FunctionCall) *goja.Object {
		o, ok := c.This.(*goja.Object)
		if !ok {
			panic(e.rt.NewTypeError("Illegal invocation"))
		}
		return o
	}
	p.Set("setProperty", func(c goja.FunctionCall) goja.Value {
		o := self(c)
		k := camel(c.Argument(0).String())
		v := c.Argument(1)
		if goja.IsNull(v) || goja.IsUndefined(v) || v.String() == "" {
			_ = o.Delete(k)
			return goja.Undefined()
		}
		o.Set(k, v.String())
		return goja.Undefined()
	})
	p.Set("getPropertyValue", func(c goja.FunctionCall) goja.Value {
		o := self(c)
		v := o.Get(camel(c.Argument(0).String()))
		if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
			return e.v("")
		}
		return e.v(v.String())
	})
	p.Set("getPropertyPriority", func(c goja.FunctionCall) goja.Value { return e.v("") })
	p.Set("removeProperty", func(c goja.FunctionCall) goja.Value {
		o := self(c)
		k := camel(c.Argument(0).String())
		old := o.Get(k)
		_ = o.Delete(k)
		if old == nil || goja.IsUndefined(old) {
			return e.v("")
		}
		return e.v(old.String())
	})
	p.Set("item", func(c goja.FunctionCall) goja.Value {
		keys := self(c).Keys()
		i := int(c.Argument(0).ToInteger())
		if i >= 0 && i < len(keys) {
			return e.v(kebab(keys[i]))
		}
		return e.v("")
	})
	_ = p.DefineAccessorProperty("cssText", e.v(func(c goja.FunctionCall) goja.Value { return e.v(e.cssText(self(c))) }),
		e.v(func(c goja.FunctionCall) goja.Value {
			e.parseCSSText(self(c), e.str(c.Argument(0)))
			return goja.Undefined()
		}),
		goja.FLAG_FALSE, goja.FLAG_TRUE)
	_ = p.DefineAccessorProperty("length", e.v(func(c goja.FunctionCall) goja.Value { return e.v(len(self(c).Keys())) }),
		nil, goja.FLAG_FALSE, goja.FLAG_TRUE)
	e.protos["CSSStyleDeclaration"] = p
}

// newStyle makes an empty style declaration.
func (e *env) newStyle() *goja.Object {
	o := e.rt.NewObject()
	_ = o.SetPrototype(e.protos["CSSStyleDeclaration"])
	return o
}

// styleOf returns an element's style object, created from its style
// attribute on first use.
func (e *env) styleOf(n *html.Node) *goja.Object {
	s := e.state(n)
	if s.style == nil {
		s.style = e.newStyle()
		if css, ok := getAttr(n, "style"); ok {
			e.parseCSSText(s.style, css)
		}
	}
	return s.style
}

func (e *env) cssText(o *goja.Object) string {
	var sb strings.Builder
	for _, k := range o.Keys() {
		v := o.Get(k)
		if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
			continue
		}
		s := v.String()
		if s == "" {
			continue
		}
		if sb.Len() > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(kebab(k))
		sb.WriteString(": ")
		sb.WriteString(s)
		sb.WriteByte(';')
	}
	return sb.String()
}

func (e *env) parseCSSText(o *goja.Object, css string) {
	for _, k := range o.Keys() {
		_ = o.Delete(k)
	}
	for _, decl := range strings.Split(css, ";") {
		k, v, ok := strings.Cut(decl, ":")
		if !ok {
			continue
		}
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		v = strings.TrimSpace(strings.TrimSuffix(v, "!important"))
		if k != "" && v != "" {
			o.Set(camel(k), v)
		}
	}
}

// computedStyle is getComputedStyle: the element's declarations over
// browser defaults.
func (e *env) computedStyle(n *html.Node) *goja.Object {
	o := e.newStyle()
	defaults := map[string]string{"display": "block", "visibility": "visible", "opacity": "1", "position": "static",
		"fontSize": "12px", "fontFamily": "Segoe UI", "fontWeight": "400", "lineHeight": "normal", "color": "rgb(0, 0, 0)",
		"backgroundColor": "rgba(0, 0, 0, 0)", "transform": "none", "boxSizing": "content-box", "overflow": "visible",
		"paddingLeft": "0px", "paddingRight": "0px", "paddingTop": "0px", "paddingBottom": "0px", "marginLeft": "0px",
		"marginRight": "0px", "marginTop": "0px", "marginBottom": "0px", "borderLeftWidth": "0px", "borderRightWidth": "0px",
		"borderTopWidth": "0px", "borderBottomWidth": "0px", "zIndex": "auto", "direction": "ltr", "whiteSpace": "normal"}
	for k, v := range defaults {
		o.Set(k, v)
	}
	if n != nil && n.Type == html.ElementNode {
		w, h := e.size(n, 0)
		o.Set("width", ftoa(w)+"px")
		o.Set("height", ftoa(h)+"px")
		if s := e.st[n]; s != nil && s.style != nil {
			for _, k := range s.style.Keys() {
				o.Set(k, s.style.Get(k))
			}
		}
	}
	return o
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
