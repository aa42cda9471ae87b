package vi

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// parseSpoken is an independent reader of spoken Vietnamese numbers, used to check that
// every reading round-trips. It knows nothing of the writer's grouping logic: it keeps a
// pending digit, folds it in at trăm/mươi/mười, and closes scales at nghìn/triệu/tỷ.
func parseSpoken(t *testing.T, s string) uint64 {
	t.Helper()
	digits := map[string]uint64{"không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4,
		"năm": 5, "lăm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9}
	var total, belowBillion, group, pending uint64
	for _, w := range strings.Fields(s) {
		if d, ok := digits[w]; ok {
			pending = d
			continue
		}
		switch w {
		case "trăm":
			group += pending * 100
		case "mươi":
			group += pending * 10
		case "mười":
			group += 10
		case "linh", "lẻ":
		case "nghìn", "ngàn":
			belowBillion += (group + pending) * 1000
			group = 0
		case "triệu":
			belowBillion += (group + pending) * 1_000_000
			group = 0
		case "tỷ":
			total += (belowBillion + group + pending) * 1_000_000_000
			belowBillion, group = 0, 0
		default:
			t.Fatalf("unexpected word %q in %q", w, s)
		}
		pending = 0
	}
	return total + belowBillion + group + pending
}

// checkLocalRules checks the Vietnamese spelling rules on the reading of v.
func checkLocalRules(t *testing.T, v uint64, s string) {
	t.Helper()
	padded := " " + s + " "
	for _, bad := range []string{" mươi một ", " mươi năm ", " mươi bốn ", " mười mốt ", " mười tư ", " linh lăm ", " linh mốt ", " linh tư ", "  "} {
		if strings.Contains(padded, bad) {
			t.Fatalf("%d → %q contains %q", v, s, bad)
		}
	}
	// "mười lăm" exactly where a group ends in 15, "lăm" never after linh.
	groups := map[bool]bool{}
	x := v
	for x > 0 {
		groups[x%1000%100 == 15] = true
		x /= 1000
	}
	if strings.Contains(s, "mười lăm") != groups[true] {
		t.Fatalf("%d → %q: mười lăm mismatch", v, s)
	}
	if strings.Contains(s, "mười năm") {
		t.Fatalf("%d → %q says mười năm", v, s)
	}
	if v != 0 && strings.HasPrefix(s, "không") {
		t.Fatalf("%d → %q starts with không", v, s)
	}
}

func TestCardinalRoundTrip(t *testing.T) {
	for _, d := range []Dialect{North, South} {
		n := New(Options{Dialect: d})
		check := func(v uint64) {
			s := strings.Join(n.cardinal(nil, v), " ")
			if got := parseSpoken(t, s); got != v {
				t.Fatalf("%d → %q → %d", v, s, got)
			}
			checkLocalRules(t, v, s)
			// The same number written in the source with thousands dots reads the same.
			if text := n.Text(dotted(v)); text != s {
				t.Fatalf("Text(%q) = %q, cardinal %q", dotted(v), text, s)
			}
		}
		for v := uint64(0); v <= 100_000; v++ {
			check(v)
		}
		r := rand.New(rand.NewPCG(1, 2))
		for range 50_000 {
			// spread over all magnitudes, with many zero groups
			v := r.Uint64N(maxCardinal)
			switch r.IntN(4) {
			case 0:
				v = v / 1_000_000 * 1_000_000
			case 1:
				v = v - v%1_000_000_000 + v%1000
			case 2:
				v %= uint64(pow10(r.IntN(15) + 1))
			}
			check(v)
		}
		check(maxCardinal - 1)
	}
}

func pow10(k int) uint64 {
	p := uint64(1)
	for range k {
		p *= 10
	}
	return p
}

// dotted writes v with "." thousands separators, as Vietnamese documents do.
func dotted(v uint64) string {
	s := strconv.FormatUint(v, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return s
}

func TestPlainDigitsMatchDotted(t *testing.T) {
	n := New(Options{})
	for _, v := range []uint64{1234, 2021, 99999, 1000000, 123456789012345} {
		if a, b := n.Text(strconv.FormatUint(v, 10)), n.Text(dotted(v)); a != b {
			t.Errorf("%d: %q vs %q", v, a, b)
		}
	}
	// Beyond the range: digit by digit.
	if got := n.Text("1234567890123456"); got != "một hai ba bốn năm sáu bảy tám chín không một hai ba bốn năm sáu" {
		t.Errorf("long number: %q", got)
	}
}

func TestDecimalRoundTrip(t *testing.T) {
	n := New(Options{})
	r := rand.New(rand.NewPCG(3, 4))
	for range 20_000 {
		ip := r.Uint64N(1_000_000)
		zeros := r.IntN(3)
		fp := r.Uint64N(10_000) + 1
		src := dotted(ip) + "," + strings.Repeat("0", zeros) + strconv.FormatUint(fp, 10)
		got := n.Text(src)
		left, right, ok := strings.Cut(got, " phẩy ")
		if !ok {
			t.Fatalf("%q → %q: no phẩy", src, got)
		}
		if parseSpoken(t, left) != ip {
			t.Fatalf("%q → %q: integer part", src, got)
		}
		want := strings.Repeat("không ", zeros) + strings.Join(n.cardinal(nil, fp), " ")
		if right != want {
			t.Fatalf("%q → %q: decimal part %q, want %q", src, got, right, want)
		}
	}
}
