package vi

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// checkInvariants asserts what every output must satisfy, whatever the input.
func checkInvariants(t *testing.T, in string, sentences []string) {
	t.Helper()
	for _, s := range sentences {
		if s == "" {
			t.Fatalf("%q: empty sentence", in)
		}
		if !utf8.ValidString(s) || !norm.NFC.IsNormalString(s) {
			t.Fatalf("%q: sentence %q is not valid NFC", in, s)
		}
		for _, r := range s {
			if r >= '0' && r <= '9' {
				t.Fatalf("%q: sentence %q has a digit", in, s)
			}
			if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) && !strings.ContainsRune(" ,.;:?!", r) {
				t.Fatalf("%q: sentence %q has %q", in, s, r)
			}
		}
		for _, tok := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(" ,.;:?!", r) }) {
			if allCapitals(tok) {
				t.Fatalf("%q: sentence %q has all-capitals token %q", in, s, tok)
			}
		}
		if strings.Contains(s, "  ") || strings.HasPrefix(s, " ") || strings.HasSuffix(s, " ") {
			t.Fatalf("%q: sentence %q has stray spaces", in, s)
		}
	}
}

// mustBeReported lists the tokens of in that are certainly unknown abbreviations:
// free-standing capitals without a vowel (so not a heading word), not in the
// dictionary, not a Roman numeral, and not a unit after a number.
func mustBeReported(in string) []string {
	var out []string
	for _, line := range strings.Split(prepare(in), "\n") {
		fields := strings.Fields(line)
		for i, f := range fields {
			if len(f) < 2 || strings.Trim(f, "BCDFGHJKLMNPQRSTVXZ") != "" {
				continue
			}
			if _, ok := dict.lookup(f); ok {
				continue
			}
			if _, ok := parseRoman(f); ok {
				continue
			}
			if i > 0 {
				prev := fields[i-1]
				if prev[len(prev)-1] >= '0' && prev[len(prev)-1] <= '9' || scaleWords[strings.ToLower(prev)] {
					continue
				}
			}
			out = append(out, f)
		}
	}
	return out
}

func FuzzNormalise(f *testing.F) {
	for _, r := range specRows {
		f.Add(r.in)
	}
	for _, r := range moreRows {
		f.Add(r.in)
	}
	for _, r := range reviewRows {
		f.Add(r.in)
	}
	f.Add("Theo Nghị quyết số 18-NQ/TU ngày 11.4.2022 của BCHTW; GS.TS. Nguyễn V. A nói: “KT-XH tăng 6,5%” (so với quý I/2024) v.v.\nXIII ABC")
	f.Add("\xff\xfe 12\x00 ĐĐ ΑΒΓ ϒϒ 1.2.3.4.5 99:99 0,0,0 --- ... 12345678901234567890")
	f.Fuzz(func(t *testing.T, in string) {
		var reported []string
		n := New(Options{Unknown: func(s string) { reported = append(reported, s) }})
		out := n.Sentences(in)
		checkInvariants(t, in, out)
		for _, tok := range mustBeReported(in) {
			found := false
			for _, r := range reported {
				if r == tok {
					found = true
					break
				}
			}
			if !found {
				t.Fatalf("%q: unknown %q not reported (reported %q, output %q)", in, tok, reported, out)
			}
		}
		if s := New(Options{Dialect: South}).Sentences(in); len(s) != len(out) {
			t.Fatalf("%q: dialects split differently: %q vs %q", in, out, s)
		}
	})
}
