package pbiviz

// Pos is a position in a file: 1-based line and column (in characters) and
// 0-based byte offset.
type Pos struct{ Line, Col, Offset int }

func (p *Package) pos(off int) Pos {
	l, c := LineCol(p.ResourceRaw, off)
	return Pos{l, c, off}
}

// capabilitiesSpan finds the capabilities value in the resource.
func (p *Package) capabilitiesSpan() (span, bool) {
	top, err := objectFields(p.ResourceRaw, 0, p.long)
	if err != nil {
		return span{}, false
	}
	s, ok := top["capabilities"]
	return s, ok
}

// CapabilitiesPos locates, in ResourceRaw, the first JSON string equal to
// key (as an object key or a string value, at any depth) inside the
// capabilities object: CapabilitiesPos("privileges") finds the key,
// CapabilitiesPos("WebAccess") the privilege's name. When key is not found
// it returns the start of capabilities, and the start of the file when there
// are no capabilities. It is best effort and never fails.
func (p *Package) CapabilitiesPos(key string) (line, col, offset int) {
	s, ok := p.capabilitiesSpan()
	if !ok {
		return 1, 1, 0
	}
	off := s.Start
	if i := findString(p.ResourceRaw[:s.End], s.Start, key); i >= 0 {
		off = i
	}
	q := p.pos(off)
	return q.Line, q.Col, q.Offset
}

// PrivilegePos locates the privilege named name in capabilities.privileges
// (the position of its name string), falling back like CapabilitiesPos.
func (p *Package) PrivilegePos(name string) Pos {
	s, ok := p.capabilitiesSpan()
	if !ok {
		return Pos{1, 1, 0}
	}
	caps, err := objectFields(p.ResourceRaw, s.Start, p.long)
	if err != nil {
		return p.pos(s.Start)
	}
	ps, ok := caps["privileges"]
	if !ok {
		return p.pos(s.Start)
	}
	found := -1
	_ = elements(p.ResourceRaw, ps.Start, p.long, func(_ int, e span) bool {
		_ = members(p.ResourceRaw, e.Start, p.long, func(k string, _ int, v span) bool {
			if k == "name" && kind(p.ResourceRaw[v.Start:v.End]) == "string" && unquote(p.ResourceRaw[v.Start:v.End]) == name {
				found = v.Start
			}
			return found < 0
		})
		return found < 0
	})
	if found < 0 {
		return p.pos(ps.Start)
	}
	return p.pos(found)
}

// findString returns the offset of the first string token in b[from:]
// whose unescaped value is s, or -1.
func findString(b []byte, from int, s string) int {
	for i := from; i < len(b); i++ {
		if b[i] != '"' {
			continue
		}
		e := skipStringBody(b, i+1)
		if e > len(b) {
			return -1
		}
		if unquote(b[i:e]) == s {
			return i
		}
		i = e - 1
	}
	return -1
}
