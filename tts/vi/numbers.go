package vi

import "strings"

// maxCardinal is the first value no longer read as a number. Figures this long are
// codes or identifiers, so they are read digit by digit (espeak also freezes on them).
const maxCardinal = 1_000_000_000_000_000

var digitWord = [10]string{"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"}

// cardinal appends the Vietnamese reading of v (v < maxCardinal).
//
// Numbers are read in groups of three digits with the scales nghìn/ngàn, triệu, tỷ; the
// part above a billion is itself read as a number followed by "tỷ", which gives
// "một nghìn tỷ" for 10^12. A group after a non-zero higher group is read in full
// ("không trăm linh năm"); all-zero groups are skipped.
func (n *Normaliser) cardinal(dst []string, v uint64) []string {
	if v == 0 {
		return append(dst, "không")
	}
	if v >= maxCardinal {
		return spellDigits(dst, uitoa(v))
	}
	started := false
	if b := v / 1_000_000_000; b > 0 {
		dst = n.belowBillion(dst, b, false)
		dst = append(dst, "tỷ")
		started = true
	}
	return n.belowBillion(dst, v%1_000_000_000, started)
}

// belowBillion reads v < 10^9; started says a higher scale was already read, so the
// first non-zero group must be read in full.
func (n *Normaliser) belowBillion(dst []string, v uint64, started bool) []string {
	groups := [3]uint64{v / 1_000_000, v / 1000 % 1000, v % 1000}
	scales := [3]string{"triệu", n.thousand, ""}
	for i, g := range groups {
		if g == 0 {
			continue
		}
		dst = n.group(dst, g, started)
		if scales[i] != "" {
			dst = append(dst, scales[i])
		}
		started = true
	}
	return dst
}

// group reads 1 ≤ g ≤ 999. full means the group follows a higher one, so a zero
// hundreds digit is said ("không trăm") and a zero tens digit becomes linh/lẻ.
func (n *Normaliser) group(dst []string, g uint64, full bool) []string {
	h, t, u := g/100, g/10%10, g%10
	if full || h > 0 {
		dst = append(dst, digitWord[h], "trăm")
		full = true
	}
	switch {
	case t == 0 && u == 0:
	case t == 0:
		if full {
			dst = append(dst, n.zeroTens) // 105: một trăm linh năm (5 stays năm here)
		}
		dst = append(dst, digitWord[u])
	case t == 1:
		dst = append(dst, "mười")
		if u == 5 {
			dst = append(dst, "lăm") // 15: mười lăm; 11 and 14 keep một and bốn
		} else if u > 0 {
			dst = append(dst, digitWord[u])
		}
	default:
		dst = append(dst, digitWord[t], "mươi")
		switch u {
		case 0:
		case 1:
			dst = append(dst, "mốt")
		case 4:
			dst = append(dst, "tư")
		case 5:
			dst = append(dst, "lăm")
		default:
			dst = append(dst, digitWord[u])
		}
	}
	return dst
}

// spellDigits reads every ASCII digit of s on its own: codes, leading-zero strings,
// figures beyond maxCardinal.
func spellDigits(dst []string, s string) []string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' {
			dst = append(dst, digitWord[c-'0'])
		}
	}
	return dst
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// atoi parses an all-digit string of at most 15 digits.
func atoi(s string) (uint64, bool) {
	if !isDigits(s) || len(s) > 15 {
		return 0, false
	}
	var v uint64
	for i := 0; i < len(s); i++ {
		v = v*10 + uint64(s[i]-'0')
	}
	return v, true
}

func uitoa(v uint64) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + v%10)
		v /= 10
		if v == 0 {
			return string(b[i:])
		}
	}
}

// integer reads a plain digit string: as a number, unless it has a leading zero (a code
// such as "0912" or "05", read digit by digit) or is too long for a cardinal.
func (n *Normaliser) integer(dst []string, s string) []string {
	if len(s) > 1 && s[0] == '0' {
		return spellDigits(dst, s)
	}
	if v, ok := atoi(s); ok {
		return n.cardinal(dst, v)
	}
	return spellDigits(dst, s)
}

// value reads a digit string by its value, ignoring leading zeros: used where leading
// zeros are layout, not meaning ("05/01/2024", "01/2024/NĐ-CP").
func (n *Normaliser) value(dst []string, s string) []string {
	t := strings.TrimLeft(s, "0")
	if t == "" {
		return append(dst, "không")
	}
	return n.integer(dst, t)
}

// readNumber reads a number in Vietnamese notation: "." separates thousands (only in
// groups of exactly three digits) and "," is the decimal point, read "phẩy". The
// decimal part is read as a number, except that its leading zeros are read one by one
// (0,05: không phẩy không năm). It reports false for anything else.
func (n *Normaliser) readNumber(dst []string, s string) ([]string, bool) {
	intPart, frac, hasFrac := strings.Cut(s, ",")
	if hasFrac && strings.IndexByte(frac, ',') >= 0 {
		// "1,000,000" in English layout: accept only clean groups of three.
		if strings.IndexByte(intPart, '.') >= 0 || !groupedBy3(intPart, strings.Split(frac, ",")) {
			return dst, false
		}
		intPart, hasFrac = intPart+strings.ReplaceAll(frac, ",", ""), false
	}
	if hasFrac && !isDigits(frac) {
		return dst, false
	}
	digits := intPart
	if strings.IndexByte(intPart, '.') >= 0 {
		parts := strings.Split(intPart, ".")
		if !groupedBy3(parts[0], parts[1:]) {
			return dst, false
		}
		digits = strings.Join(parts, "")
		if len(digits) > 15 {
			return spellDigits(dst, digits), true
		}
	} else if !isDigits(digits) {
		return dst, false
	}
	if hasFrac && len(digits) > 1 && digits[0] == '0' {
		return dst, false // "05,5" is no number we know how to read
	}
	dst = n.integer(dst, digits)
	if hasFrac {
		dst = append(dst, "phẩy")
		rest := strings.TrimLeft(frac, "0")
		dst = spellDigits(dst, frac[:len(frac)-len(rest)])
		if rest != "" {
			dst = n.integer(dst, rest)
		}
	}
	return dst, true
}

// groupedBy3 checks a thousands layout: the first group has 1–3 digits and no leading
// zero, every further group exactly three digits.
func groupedBy3(first string, rest []string) bool {
	if len(first) < 1 || len(first) > 3 || !isDigits(first) || first[0] == '0' {
		return false
	}
	for _, g := range rest {
		if len(g) != 3 || !isDigits(g) {
			return false
		}
	}
	return true
}

// ordinal reads "thứ N": 1 is nhất and 4 is tư; every other number is its cardinal.
func (n *Normaliser) ordinal(dst []string, v uint64) []string {
	switch v {
	case 1:
		return append(dst, "nhất")
	case 4:
		return append(dst, "tư")
	}
	return n.cardinal(dst, v)
}
