package vi

// Roman numerals are read only where the text makes them numbers: after words like
// "Khóa", "Đại hội", "quý" (see romanContext) and as line-start headings "II.". Elsewhere
// "XIII" is treated as an unknown abbreviation rather than guessed.

var romanValue = map[byte]int{'I': 1, 'V': 5, 'X': 10, 'L': 50, 'C': 100, 'D': 500, 'M': 1000}

// parseRoman accepts only canonical upper-case numerals from 1 to 3999, so "IIII" or
// "VX" (which no document means as numbers) are rejected.
func parseRoman(s string) (int, bool) {
	if len(s) == 0 || len(s) > 15 {
		return 0, false
	}
	total := 0
	for i := 0; i < len(s); i++ {
		v, ok := romanValue[s[i]]
		if !ok {
			return 0, false
		}
		if i+1 < len(s) && romanValue[s[i+1]] > v {
			total -= v
		} else {
			total += v
		}
	}
	if total < 1 || total > 3999 || toRoman(total) != s {
		return 0, false
	}
	return total, true
}

func toRoman(v int) string {
	vals := [...]int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := [...]string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b []byte
	for i, n := range vals {
		for v >= n {
			b = append(b, syms[i]...)
			v -= n
		}
	}
	return string(b)
}

// romanLetterOK keeps single letters other than I, V and X out: "Mục C" or "Phần D" are
// far more often letters than 100 or 500.
func romanLetterOK(s string) bool {
	return len(s) > 1 || s == "I" || s == "V" || s == "X"
}

// romanAfter are the (lower-case) words after which a Roman numeral is a number.
var romanAfter = map[string]bool{
	"khóa": true, "khoá": true, "phần": true, "chương": true, "mục": true, "quý": true,
	"lần": true, "thứ": true, "kỳ": true, "kì": true, "đợt": true, "tập": true, "đh": true,
}

// romanContext reports whether the words before the token make a Roman numeral a number:
// one of romanAfter, or the two-word phrases "Đại hội", "Hội nghị", "thế kỷ".
func romanContext(prev2, prev1 string) bool {
	if romanAfter[prev1] {
		return true
	}
	switch prev2 + " " + prev1 {
	case "đại hội", "hội nghị", "thế kỷ", "thế kỉ", "phụ lục":
		return true
	}
	return false
}
