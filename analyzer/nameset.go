package analyzer

// nameSet answers "is this name in the set" for hot paths without hashing
// most candidates: a first-byte table and length bounds reject them first.
type nameSet struct {
	m              map[string]bool
	first          [256]bool
	minLen, maxLen int
}

func newNameSet(m map[string]bool) *nameSet {
	s := &nameSet{m: m, minLen: 1 << 30}
	for k, ok := range m {
		if !ok || k == "" {
			continue
		}
		s.first[k[0]] = true
		s.minLen = min(s.minLen, len(k))
		s.maxLen = max(s.maxLen, len(k))
	}
	return s
}

func (s *nameSet) has(b []byte) bool {
	if s == nil || len(b) < s.minLen || len(b) > s.maxLen || !s.first[b[0]] {
		return false
	}
	return s.m[string(b)]
}
