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
