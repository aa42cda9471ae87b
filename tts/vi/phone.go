package vi

import "strings"

// Vietnamese phone numbers have 10 digits (mobile) or 11 (some landlines), start with 0
// and are read digit by digit in the groups they are written in, with a short pause
// between groups: "0912 345 678" → "không chín một hai, ba bốn năm, sáu bảy tám".

func isPhone(groups []string) bool {
	total := 0
	for _, g := range groups {
		if !isDigits(g) {
			return false
		}
		total += len(g)
	}
	return len(groups) > 0 && groups[0][0] == '0' && (total == 10 || total == 11)
}

// phoneGroups splits a phone number written in one piece: by its dots or hyphens if it
// has them, else 4-3-3 (10 digits) or 4-3-4 (11 digits).
func phoneGroups(s string) []string {
	for _, sep := range []string{".", "-"} {
		if strings.Contains(s, sep) {
			return strings.Split(s, sep)
		}
	}
	if len(s) < 10 {
		return []string{s}
	}
	return []string{s[:4], s[4:7], s[7:]}
}

// phone reads the groups digit by digit with a pause between groups.
func phone(dst []string, groups []string) []string {
	for i, g := range groups {
		if i > 0 {
			dst = append(dst, ",")
		}
		dst = spellDigits(dst, g)
	}
	return dst
}

// international reads "+84912345678" as "cộng" and the digits in groups of three.
func international(dst []string, digits string) []string {
	dst = append(dst, "cộng")
	for i := 0; i < len(digits); i += 3 {
		if i > 0 {
			dst = append(dst, ",")
		}
		dst = spellDigits(dst, digits[i:min(i+3, len(digits))])
	}
	return dst
}

// hotline finds a 1800/1900 service number starting at fs[i]: the prefix and 4 or 6 more
// digits, in one piece ("19001234", "1900.1234", "1800.123.456") or in groups separated
// by spaces ("1900 1234", "1900 123 456"). It returns the last field and the groups to
// read digit by digit: "một chín không không, một hai ba bốn".
func hotline(fs []field, i int) (int, []string, bool) {
	core := fs[i].core
	if len(core) < 4 || (core[:4] != "1800" && core[:4] != "1900") {
		return i, nil, false
	}
	if len(core) > 4 {
		var groups []string
		if core[4] == '.' {
			groups = strings.Split(core, ".")
		} else {
			groups = []string{core[:4], core[4:]}
		}
		rest := 0
		for _, g := range groups[1:] {
			if !isDigits(g) || len(g) < 2 {
				return i, nil, false
			}
			rest += len(g)
		}
		if rest != 4 && rest != 6 {
			return i, nil, false
		}
		if len(groups) == 2 && rest == 6 {
			groups = []string{groups[0], groups[1][:3], groups[1][3:]}
		}
		return i, groups, true
	}
	last, total := i, 0
	for j := i; total < 6 && fs[j].trail == "" && j+1 < len(fs); j++ {
		g := fs[j+1]
		if g.lead != "" || len(g.core) < 2 || len(g.core) > 6 || !isDigits(g.core) {
			break
		}
		total += len(g.core)
		if total == 4 || total == 6 {
			last = j + 1
		}
	}
	if last == i {
		return i, nil, false
	}
	groups := []string{core}
	for _, f := range fs[i+1 : last+1] {
		groups = append(groups, f.core)
	}
	return last, groups, true
}
