package analyzer

import (
	"math/rand"
	"strconv"
	"testing"

	"github.com/tdewolff/parse/v2/js"
)

// The plain-digits fast path of literalValue folds a number literal to
// the same string as the general path (ParseFloat, then formatNumber),
// and leaves every other spelling to the general path.
func TestPlainIntFold(t *testing.T) {
	plain := []string{"0", "1", "9", "10", "42", "99", "100", "65535", "999999999999999", "123456789012345"}
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 2000; i++ {
		plain = append(plain, strconv.FormatInt(r.Int63n(1_000_000_000_000_000), 10))
	}
	for _, lit := range plain {
		f, err := strconv.ParseFloat(lit, 64)
		if err != nil {
			t.Fatal(err)
		}
		want := Value{Kind: Const, Str: formatNumber(f), Root: "num"}
		if got := literalValue(&js.LiteralExpr{TokenType: js.DecimalToken, Data: []byte(lit)}, false); got != want {
			t.Errorf("%s: %+v, want %+v", lit, got, want)
		}
		if _, ok := plainInt([]byte(lit)); !ok {
			t.Errorf("%s: not taken by the fast path", lit)
		}
	}
	for _, lit := range []string{"", "00", "01", "010", "08", "1e3", "1.0", ".5", "0x10", "1_000", "1000000000000000", "12345678901234567890"} {
		if s, ok := plainInt([]byte(lit)); ok {
			t.Errorf("%q: taken by the fast path as %q", lit, s)
		}
	}
}
