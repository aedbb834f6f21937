package analyzer

// Units is the number of pieces the program was parsed in: 1 when it was
// parsed in one piece, more when it was split and its units parsed in
// parallel (split.go). Tests use it to prove the parallel parse ran.
func (p *Program) Units() int {
	if p.split == nil {
		return 1
	}
	return p.split.Len() + 1
}
