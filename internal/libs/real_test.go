package libs

import (
	"os"
	"path/filepath"
	"testing"
)

// cacheDir is the node_modules folder scripts/libs-fetch fills (or
// PBICERT_LIBS_CACHE/node_modules).
func cacheDir() string {
	if d := os.Getenv("PBICERT_LIBS_CACHE"); d != "" {
		return filepath.Join(d, "node_modules")
	}
	return filepath.Join("..", "..", ".cache", "libs", "node_modules")
}

func TestExploreReal(t *testing.T) {
	files := []string{"lib-d3-7.9.0/dist/d3.min.js", "lib-d3-5.16.0/dist/d3.min.js", "lib-d3-3.5.17/d3.min.js", "lib-lodash-4.17.21/lodash.min.js", "lib-jquery-3.7.1/dist/jquery.min.js",
		"lib-jquery-2.2.4/dist/jquery.min.js", "lib-moment-2.30.1/min/moment.min.js", "lib-react-dom-18.3.1/umd/react-dom.production.min.js",
		"lib-leaflet-1.9.4/dist/leaflet.js", "lib-vega-5.30.0/build/vega.min.js", "lib-echarts-5.5.1/dist/echarts.min.js",
		"lib-dompurify-3.1.6/dist/purify.min.js", "lib-core-js-bundle-3.38.1/minified.js", "lib-regenerator-runtime-0.14.1/runtime.js",
		"lib-plotly.js-dist-min-2.35.2/plotly.min.js"}
	db, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(cacheDir(), f))
		if err != nil {
			t.Log(err)
			continue
		}
		att := db.Identify(b)
		t.Logf("== %s", f)
		for _, l := range att.Libraries {
			t.Logf("   %s %s %s %d %v", l.Name, l.Version, l.License, l.Strings, l.Evidence)
		}
	}
}

func TestExploreOne(t *testing.T) {
	db, _ := Default()
	name := os.Getenv("LIB")
	l := db.Lookup(name)
	if l == nil {
		t.Skip()
	}
	t.Logf("%s versions %v strings %d minHits %d", name, l.Versions, len(l.Strings), minHits(l))
	for s, m := range l.Strings {
		if len(l.Strings) < 40 {
			t.Logf("  %q %b", s, m)
		}
	}
}

func TestExploreHits(t *testing.T) {
	db, _ := Default()
	l := db.Lookup(os.Getenv("LIB"))
	b, err := os.ReadFile(filepath.Join(cacheDir(), os.Getenv("FILE")))
	if l == nil || err != nil {
		t.Skip()
	}
	found := map[string]bool{}
	Scan(b, 5, func(x Literal) {
		if _, ok := l.Strings[x.Value]; ok {
			found[x.Value] = true
		}
	}, nil)
	for s, m := range l.Strings {
		t.Logf("%v %q %b", found[s], s, m)
	}
}
