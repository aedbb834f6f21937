// Package sandbox evaluates small, closed JavaScript expressions in a goja
// runtime with no host objects, a time budget and a call-stack limit. The
// analyzer uses it to recover keys it cannot fold statically
// (window[(() => "fe" + "tch")()]). It is the only place pbicert executes
// any code from a visual, and only code the analyzer has proven to be
// closed: key expressions with no free variables but pure built-ins and no
// loops, and decoding loops whose every input is a constant the analyzer
// writes in (analyzer/loops.go), which the time budget bounds.
package sandbox

import (
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/dop251/goja"
)

// Budget bounds one evaluation.
type Budget struct {
	Timeout   time.Duration // default 250ms
	MaxStack  int           // default 256 frames
	MaxResult int           // longest string accepted (default 4096)
}

var errTooLong = errors.New("result too long")

// DefaultTimeout bounds one evaluation. It is generous on purpose: the
// expressions are loop-free and finish in well under a millisecond, and a
// budget that a loaded machine (or the race detector) can exceed would make
// the findings depend on the machine. DefaultTotal bounds all evaluations
// of one input, so hostile input cannot multiply it.
const (
	DefaultTimeout = 250 * time.Millisecond
	DefaultTotal   = 2 * time.Second
)

// NewEvaluator returns the evaluation function for one input: each call is
// EvalString with budget b, and once the calls together have taken total
// (DefaultTotal when zero) every further call gives ok == false at once.
// It is safe for concurrent use.
func NewEvaluator(b Budget, total time.Duration) func(code string) (string, bool) {
	if total <= 0 {
		total = DefaultTotal
	}
	if b.Timeout <= 0 {
		b.Timeout = DefaultTimeout
	}
	var mu sync.Mutex
	left := total
	return func(code string) (string, bool) {
		mu.Lock()
		if left <= 0 {
			mu.Unlock()
			return "", false
		}
		one := b
		if left < one.Timeout {
			one.Timeout = left
		}
		mu.Unlock()
		start := time.Now()
		s, ok := EvalString(code, one)
		mu.Lock()
		left -= time.Since(start)
		mu.Unlock()
		return s, ok
	}
}

// EvalString evaluates code (an expression) and returns its string value.
// It never panics; any error, time-out, non-string result or oversized
// result gives ok == false.
func EvalString(code string, b Budget) (s string, ok bool) {
	if b.Timeout <= 0 {
		b.Timeout = DefaultTimeout
	}
	if b.MaxStack <= 0 {
		b.MaxStack = 256
	}
	if b.MaxResult <= 0 {
		b.MaxResult = 4096
	}
	if len(code) > 16<<10 {
		return "", false
	}
	defer func() {
		if r := recover(); r != nil {
			s, ok = "", false
		}
	}()
	rt := goja.New()
	rt.SetMaxCallStackSize(b.MaxStack)
	// no host objects at all: remove what a script could use to reach out
	for _, name := range []string{"eval", "Function"} {
		_ = rt.GlobalObject().Delete(name)
	}
	rt.Set("atob", func(in string) (string, error) { return atob(in) })
	timer := time.AfterFunc(b.Timeout, func() { rt.Interrupt("time budget exceeded") })
	defer timer.Stop()
	v, err := rt.RunString("(" + code + ")")
	if err != nil || v == nil {
		return "", false
	}
	exp := v.Export()
	str, isStr := exp.(string)
	if !isStr {
		return "", false
	}
	if len(str) > b.MaxResult {
		return "", false
	}
	return str, true
}

func atob(s string) (string, error) {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	s = strings.TrimRight(s, "=")
	var out []byte
	var acc, bits uint
	for _, c := range []byte(s) {
		i := strings.IndexByte(alphabet, c)
		if i < 0 {
			return "", errors.New("invalid base64")
		}
		acc = acc<<6 | uint(i)
		bits += 6
		if bits >= 8 {
			bits -= 8
			out = append(out, byte(acc>>bits))
			acc &= 1<<bits - 1
		}
	}
	if len(out) > 1<<16 {
		return "", errTooLong
	}
	return string(out), nil
}
