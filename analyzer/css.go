package analyzer

import (
	"strconv"
	"strings"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/css"
)

// CSSRef is a resource reference in CSS: url(), @import or a @font-face source.
type CSSRef struct {
	Kind string // "url", "import", "font-face"
	URL  string // decoded
	Pos  int    // byte offset of the url( / @import in the CSS text
}

// ScanCSS lexes CSS text (never failing: unterminated strings and comments
// are tolerated) and returns every url(), @import and @font-face src, with
// escapes such as u\72l( decoded.
func ScanCSS(text []byte) []CSSRef {
	var out []CSSRef
	buf := make([]byte, len(text), len(text)+1)
	copy(buf, text)
	l := css.NewLexer(parse.NewInputBytes(buf))
	off := 0
	inImport := -1 // offset of a pending @import
	fontFace := false
	depth := 0
	fontDepth := -1
	urlFunc := -1 // offset of a pending escaped url( function
	var urlBuf []byte
	urlDone := false
	for {
		tt, data := l.Next()
		if tt == css.ErrorToken {
			break
		}
		at := off
		off += len(data)
		if urlFunc >= 0 && tt != css.RightParenthesisToken && tt != css.StringToken {
			urlBuf = append(urlBuf, data...)
		}
		switch tt {
		case css.AtKeywordToken:
			name := strings.ToLower(cssUnescape(string(data[1:])))
			switch name {
			case "import":
				inImport = at
			case "font-face":
				fontFace = true
			}
		case css.LeftBraceToken:
			depth++
			if fontFace && fontDepth < 0 {
				fontDepth = depth
			}
		case css.RightBraceToken:
			if depth == fontDepth {
				fontDepth, fontFace = -1, false
			}
			depth--
		case css.SemicolonToken:
			inImport = -1
		case css.URLToken, css.BadURLToken:
			u := cssURLValue(string(data))
			kind := "url"
			pos := at
			if inImport >= 0 {
				kind, pos = "import", inImport
				inImport = -1
			} else if fontDepth > 0 {
				kind = "font-face"
			}
			out = append(out, CSSRef{Kind: kind, URL: u, Pos: pos})
		case css.FunctionToken:
			name := strings.ToLower(cssUnescape(string(data[:len(data)-1])))
			if name == "url" || name == "image-set" || name == "-webkit-image-set" || name == "src" {
				urlFunc, urlBuf, urlDone = at, urlBuf[:0], false
			}
		case css.StringToken:
			s := cssUnquote(string(data))
			switch {
			case inImport >= 0:
				out = append(out, CSSRef{Kind: "import", URL: s, Pos: inImport})
				inImport = -1
			case urlFunc >= 0:
				kind := "url"
				if fontDepth > 0 {
					kind = "font-face"
				}
				out = append(out, CSSRef{Kind: kind, URL: s, Pos: urlFunc})
				urlDone = true
			}
		case css.RightParenthesisToken:
			if urlFunc >= 0 && !urlDone {
				if u := strings.TrimSpace(cssUnescape(string(urlBuf))); u != "" {
					kind := "url"
					if inImport >= 0 {
						kind = "import"
						inImport = -1
					} else if fontDepth > 0 {
						kind = "font-face"
					}
					out = append(out, CSSRef{Kind: kind, URL: u, Pos: urlFunc})
				}
			}
			urlFunc = -1
		}
	}
	return out
}

func cssURLValue(tok string) string {
	i := strings.IndexByte(tok, '(')
	if i < 0 {
		return ""
	}
	s := strings.TrimSpace(strings.TrimSuffix(tok[i+1:], ")"))
	if len(s) > 0 && (s[0] == '"' || s[0] == '\'') {
		return cssUnquote(s)
	}
	return cssUnescape(s)
}

func cssUnquote(s string) string {
	if len(s) >= 1 && (s[0] == '"' || s[0] == '\'') {
		q := s[0]
		s = s[1:]
		if len(s) > 0 && s[len(s)-1] == q {
			s = s[:len(s)-1]
		}
	}
	return cssUnescape(s)
}

// cssUnescape decodes CSS escapes (\72, \"...).
func cssUnescape(s string) string {
	if !strings.Contains(s, "\\") {
		return s
	}
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 >= len(s) {
			sb.WriteByte(s[i])
			continue
		}
		j := i + 1
		for j < len(s) && j < i+7 && isHex(s[j]) {
			j++
		}
		if j > i+1 {
			v, _ := strconv.ParseUint(s[i+1:j], 16, 32)
			sb.WriteRune(rune(v))
			if j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n') {
				j++
			}
			i = j - 1
			continue
		}
		if s[i+1] == '\n' {
			i++
			continue
		}
		sb.WriteByte(s[i+1])
		i++
	}
	return sb.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// URLKind classifies a URL for the network rules.
type URLKind int

const (
	// URLLocal: relative, fragment, data:, blob:, about: — stays inside the visual.
	URLLocal URLKind = iota
	// URLRemote: http(s)://, ws(s)://, ftp:, protocol-relative //host.
	URLRemote
	// URLScript: javascript: (dynamic code).
	URLScript
	// URLDataHTML: data:text/html or data:*javascript (code in a data URL).
	URLDataHTML
)

// urlBlanks removes what browsers ignore inside schemes: tabs and newlines
// (built once: a Replacer builds an 8 KB table on its first use, which per
// call was 2.4 MB on the 6 MB benchmark bundle).
var urlBlanks = strings.NewReplacer("\t", "", "\n", "", "\r", "")

// ClassifyURL says where a constant URL points.
func ClassifyURL(u string) URLKind {
	s := strings.ToLower(strings.TrimSpace(u))
	s = urlBlanks.Replace(s)
	switch {
	case strings.HasPrefix(s, "javascript:"), strings.HasPrefix(s, "vbscript:"):
		return URLScript
	case strings.HasPrefix(s, "data:text/html"), strings.HasPrefix(s, "data:application/javascript"),
		strings.HasPrefix(s, "data:text/javascript"), strings.HasPrefix(s, "data:application/x-javascript"),
		strings.HasPrefix(s, "data:image/svg+xml") && strings.Contains(s, "<script"):
		return URLDataHTML
	case strings.HasPrefix(s, "//"), strings.HasPrefix(s, "\\\\"):
		return URLRemote
	}
	if i := strings.Index(s, ":"); i > 0 {
		scheme := s[:i]
		switch scheme {
		case "data", "blob", "about", "mailto", "tel":
			return URLLocal
		}
		if isScheme(scheme) {
			return URLRemote
		}
	}
	return URLLocal
}

func isScheme(s string) bool {
	if s == "" || !(s[0] >= 'a' && s[0] <= 'z') {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}
