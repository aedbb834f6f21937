package diff

import (
	"sort"

	"github.com/tdewolff/parse/v2/js"

	"github.com/pbicert/pbicert/rules"
)

// netSpans marks the tokens of every network reference found by the
// network rules, extended to the whole call (callee, arguments and any
// chained .then(…) calls) when the reference is called or constructed:
// that is the code a certified build may remove or stub.
// The result holds, per token, 1 + the index in apis of the API name (0: none).
// bad marks the callee of every call that cannot be made (CallRule).
func netSpans(toks []rawTok, findings []rules.Finding, jsFile string) (api []int32, apis []string, bad []bool) {
	api = make([]int32, len(toks))
	bad = make([]bool, len(toks))
	index := map[string]int32{}
	for _, f := range findings {
		if f.Location.File != jsFile || f.API == "" {
			continue
		}
		i := sort.Search(len(toks), func(i int) bool { return int(toks[i].start) >= f.Location.Offset })
		if i >= len(toks) || int(toks[i].start) != f.Location.Offset {
			continue
		}
		if f.Rule == CallRule {
			end := i + 1
			if toks[i].tt == js.OpenParenToken {
				end = matchClose(toks, i)
			}
			for k := i; k < end; k++ {
				bad[k] = true
			}
			continue
		}
		if f.Category != rules.Network {
			continue
		}
		id, ok := index[f.API]
		if !ok {
			apis = append(apis, f.API)
			id = int32(len(apis))
			index[f.API] = id
		}
		start := i
		if start > 0 && toks[start-1].tt == js.NewToken {
			start--
		}
		end := chainEnd(toks, i)
		for k := start; k < end; k++ {
			if api[k] == 0 {
				api[k] = id
			}
		}
	}
	return api, apis, bad
}

// chainEnd returns the index after the member/call chain starting at i:
// a.b["c"](…).d(…)…
func chainEnd(toks []rawTok, i int) int {
	if i >= len(toks) {
		return i
	}
	j := i + 1
	if toks[i].tt == js.ImportToken && j < len(toks) && toks[j].tt == js.OpenParenToken {
		return matchClose(toks, j)
	}
	for j < len(toks) {
		switch toks[j].tt {
		case js.DotToken, js.OptChainToken:
			j++
			if j < len(toks) && (js.IsIdentifierName(toks[j].tt) || toks[j].tt == js.PrivateIdentifierToken) {
				j++
			}
		case js.OpenBracketToken, js.OpenParenToken:
			j = matchClose(toks, j)
		case js.TemplateToken:
			j++
		default:
			return j
		}
	}
	return j
}

// matchClose returns the index after the bracket closing the one at i.
func matchClose(toks []rawTok, i int) int {
	depth := 0
	for j := i; j < len(toks); j++ {
		switch toks[j].tt {
		case js.OpenParenToken, js.OpenBracketToken, js.OpenBraceToken, js.TemplateStartToken:
			depth++
		case js.CloseParenToken, js.CloseBracketToken, js.CloseBraceToken, js.TemplateEndToken:
			depth--
			if depth == 0 {
				return j + 1
			}
		}
	}
	return len(toks)
}
