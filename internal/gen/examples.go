package gen

// Examples returns the committed example packages (testdata/packages), by
// file name: the clean visual, the one with findings, and one per older era.
func Examples() (map[string][]byte, error) {
	eraVisual := func(era int) Visual {
		v := Clean()
		v.Era = era
		v.Minify = false
		v.FillerBytes = 24 << 10
		v.Seed = int64(era)
		return v
	}
	visuals := map[string]Visual{
		"example.pbiviz":  Clean(),
		"findings.pbiviz": WithFindings(),
		"era1.pbiviz":     eraVisual(1),
		"era2.pbiviz":     eraVisual(2),
		"era3.pbiviz":     eraVisual(3),
	}
	out := make(map[string][]byte, len(visuals))
	for name, v := range visuals {
		b, err := BuildPackage(v, ZipOptions{})
		if err != nil {
			return nil, err
		}
		out[name] = b
	}
	return out, nil
}
