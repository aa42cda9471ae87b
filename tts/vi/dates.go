package vi

import "strings"

// daysIn is the longest month length; 29 for February so leap days are accepted.
var daysIn = [13]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// small parses a day, month, hour or minute of 1..maxLen digits.
func small(s string, maxLen int) (int, bool) {
	if len(s) == 0 || len(s) > maxLen {
		return 0, false
	}
	v, ok := atoi(s)
	return int(v), ok
}

func validDayMonth(d, m int) bool { return m >= 1 && m <= 12 && d >= 1 && d <= daysIn[m] }

// splitSep splits s at every sep and reports whether s used that separator.
func splitSep(s string, sep byte) []string {
	if strings.IndexByte(s, sep) < 0 {
		return nil
	}
	return strings.Split(s, string(sep))
}

// dateParts finds the separator ("/", "-" or ".") of a date-like token and its parts.
func dateParts(s string) ([]string, byte) {
	for _, sep := range []byte{'/', '-', '.'} {
		if p := splitSep(s, sep); p != nil {
			return p, sep
		}
	}
	return nil, 0
}

// parseFullDate accepts d/m/yyyy, d-m-yyyy and d.m.yyyy (also two-digit years with "/").
func parseFullDate(s string) (d, m, y int, ok bool) {
	p, sep := dateParts(s)
	if len(p) != 3 {
		return 0, 0, 0, false
	}
	d, okD := small(p[0], 2)
	m, okM := small(p[1], 2)
	y, okY := small(p[2], 4)
	okY = okY && (len(p[2]) == 4 || (sep == '/' && len(p[2]) == 2))
	if !okD || !okM || !okY || !validDayMonth(d, m) {
		return 0, 0, 0, false
	}
	return d, m, y, true
}

// parseDayMonth accepts d/m, d-m and d.m; only trusted after a word such as "ngày",
// since "1/3" alone is as likely a fraction.
func parseDayMonth(s string) (d, m int, ok bool) {
	p, _ := dateParts(s)
	if len(p) != 2 {
		return 0, 0, false
	}
	d, okD := small(p[0], 2)
	m, okM := small(p[1], 2)
	return d, m, okD && okM && validDayMonth(d, m)
}

// parseMonthYear accepts m/yyyy (and m-yyyy, m.yyyy when "tháng" precedes).
func parseMonthYear(s string, anySep bool) (m, y int, ok bool) {
	p, sep := dateParts(s)
	if len(p) != 2 || (!anySep && sep != '/') || len(p[1]) != 4 {
		return 0, 0, false
	}
	m, okM := small(p[0], 2)
	y, okY := small(p[1], 4)
	return m, y, okM && okY && m >= 1 && m <= 12
}

// month reads a month number: tháng tư for April, the cardinal for every other month.
func (n *Normaliser) month(dst []string, m int) []string {
	if m == 4 {
		return append(dst, "tư")
	}
	return n.cardinal(dst, uint64(m))
}

// date reads day, month and (when y ≥ 0) year; withNgay adds the leading "ngày",
// left out when the text already says it.
func (n *Normaliser) date(dst []string, d, m, y int, withNgay bool) []string {
	if withNgay {
		dst = append(dst, "ngày")
	}
	dst = n.cardinal(dst, uint64(d))
	dst = append(dst, "tháng")
	dst = n.month(dst, m)
	if y >= 0 {
		dst = append(dst, "năm")
		dst = n.cardinal(dst, uint64(y))
	}
	return dst
}

// monthYear reads "M năm Y", with "tháng" in front unless the text already says it.
func (n *Normaliser) monthYear(dst []string, m, y int, withThang bool) []string {
	if withThang {
		dst = append(dst, "tháng")
	}
	dst = n.month(dst, m)
	dst = append(dst, "năm")
	return n.cardinal(dst, uint64(y))
}

// readTime reads 14:30, 14:30:15, 14h30, 14h and 14H: hours "giờ", minutes "phút"
// (left out when zero and no seconds follow), seconds "giây".
func (n *Normaliser) readTime(dst []string, s string) ([]string, bool) {
	var hs, ms, ss string
	if p := splitSep(s, ':'); p != nil {
		if len(p) > 3 || len(p) < 2 {
			return dst, false
		}
		hs, ms = p[0], p[1]
		if len(p) == 3 {
			ss = p[2]
			if len(ss) != 2 {
				return dst, false
			}
		}
		if len(ms) != 2 {
			return dst, false
		}
	} else if i := strings.IndexAny(s, "hH"); i > 0 {
		hs, ms = s[:i], s[i+1:]
		if ms != "" && len(ms) != 2 {
			return dst, false
		}
	} else {
		return dst, false
	}
	h, ok := small(hs, 2)
	if !ok || h > 24 {
		return dst, false
	}
	var m, sec int
	if ms != "" {
		if m, ok = small(ms, 2); !ok || m > 59 {
			return dst, false
		}
	}
	if ss != "" {
		if sec, ok = small(ss, 2); !ok || sec > 59 {
			return dst, false
		}
	}
	dst = n.cardinal(dst, uint64(h))
	dst = append(dst, "giờ")
	if m > 0 || ss != "" {
		dst = n.cardinal(dst, uint64(m))
		dst = append(dst, "phút")
	}
	if ss != "" {
		dst = n.cardinal(dst, uint64(sec))
		dst = append(dst, "giây")
	}
	return dst, true
}

// quarter reads what follows "quý": 2, II, 2/2024, I/2024, IV-2023 → "hai", "một năm …".
func (n *Normaliser) quarter(dst []string, s string) ([]string, bool) {
	q, year, hasYear := strings.Cut(s, "/")
	if !hasYear {
		q, year, hasYear = strings.Cut(s, "-")
	}
	v, ok := small(q, 1)
	if !ok {
		v, ok = parseRoman(q)
	}
	if !ok || v < 1 || v > 4 {
		return dst, false
	}
	y := -1
	if hasYear {
		if y, ok = small(year, 4); !ok || len(year) != 4 {
			return dst, false
		}
	}
	dst = n.cardinal(dst, uint64(v))
	if y >= 0 {
		dst = append(dst, "năm")
		dst = n.cardinal(dst, uint64(y))
	}
	return dst, true
}
