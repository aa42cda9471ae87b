package vi

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// lineState is the context the rules look back on inside one line.
type lineState struct {
	prev1, prev2 string // the two previous source tokens, lower-cased ("" after punctuation)
	afterNumber  bool   // the previous token was a number, so a unit or a range dash may follow
	// dates is set after a date so that the next item of a list is one too: 'd' after a
	// bare day ("các ngày 20, 21/11"), 'm' after a day and month ("ngày 20/11, 01/6").
	// It survives ", " and the words of listWords.
	dates byte
}

// listWords join the items of a list of dates: "ngày 20/11 và 01/6".
var listWords = map[string]bool{"và": true, "hoặc": true, "đến": true}

// dateWords are the words after which "1/3" is a day and month rather than a fraction.
// "ngày", "mùng" and "mồng" already name the day; the others get "ngày" added.
var dateWords = map[string]bool{"ngày": true, "mùng": true, "mồng": true,
	"hôm": false, "sáng": false, "trưa": false, "chiều": false, "tối": false, "đêm": false}

// scaleWords may sit between a number and its unit ("5 triệu đ", "2 nghìn tỷ đồng").
var scaleWords = map[string]bool{"tr": true, "trăm": true, "nghìn": true, "ngàn": true, "triệu": true, "tỷ": true, "tỉ": true}

// line normalises one line of text into the assembler.
func (n *Normaliser) line(a *assembler, line string) {
	raw := strings.Fields(line)
	fs := make([]field, len(raw))
	for i, r := range raw {
		fs[i] = splitField(r)
	}
	var st lineState
	for i := 0; i < len(fs); i++ {
		if last, ok := n.redundantParenthesis(a, fs, i); ok {
			st = lineState{}
			i = last
			continue
		}
		i = n.field(a, &st, fs, i)
	}
}

// field reads fs[i] (and, for phone numbers written in groups, the fields after it) and
// returns the index of the last field it consumed.
func (n *Normaliser) field(a *assembler, st *lineState, fs []field, i int) int {
	f := fs[i]
	emitLead(a, f.lead)
	last, trail, number, dates := i, f.trail, false, byte(0)
	hasNext := i+1 < len(fs)
	switch {
	case f.core == "":
	case strings.Trim(f.core, "-") == "":
		// A free-standing dash: "2021 - 2025" is a range, anything else a pause.
		if st.afterNumber && f.lead == "" && f.trail == "" && hasNext && fs[i+1].lead == "" && startsNumeric(fs[i+1].core) {
			a.word("đến")
		} else {
			a.punct(',')
		}
	case i == 0 && hasNext && (strings.HasPrefix(trail, ".") || strings.HasPrefix(trail, ")")) &&
		(addressPrefix[f.core] == "" || trail[0] == ')') && n.label(a, f.core):
		// A heading label at line start: "II. NHIỆM VỤ", "1. Tình hình", "a) …"
		a.punct(',')
		trail = trail[1:]
	case startsNumeric(f.core):
		last, number, dates = n.numericField(a, st, fs, i)
		trail = fs[last].trail
	default:
		last, trail = n.wordField(a, st, fs, i)
	}
	emitTrail(a, trail)

	lower := strings.ToLower(fs[last].core)
	st.afterNumber = trail == "" && (number || (st.afterNumber && scaleWords[lower]))
	switch {
	case dates != 0 && (trail == "" || trail == ","):
		st.dates = dates
	case st.dates != 0 && trail == "" && f.lead == "" && listWords[lower]:
	default:
		st.dates = 0
	}
	st.prev2, st.prev1 = st.prev1, lower
	if fs[last].trail != "" {
		st.prev2, st.prev1 = "", ""
	}
	return last
}

// startsNumeric: a digit, or a sign or currency directly before a digit ("-5", "+84…", "$5").
func startsNumeric(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == '-' || s[0] == '+' || s[0] == '$' {
		s = s[1:]
	}
	return s != "" && s[0] >= '0' && s[0] <= '9'
}

// label reads a line-start heading label: a Roman numeral, a number such as "1" or
// "1.2", or a single letter.
func (n *Normaliser) label(a *assembler, core string) bool {
	if v, ok := parseRoman(core); ok {
		a.words(n.cardinal(nil, uint64(v)))
		return true
	}
	parts := strings.Split(core, ".")
	for _, p := range parts {
		if !isDigits(p) || len(p) > 2 {
			parts = nil
			break
		}
	}
	if parts != nil {
		for j, p := range parts {
			if j > 0 {
				a.word("chấm")
			}
			a.words(n.value(nil, p))
		}
		return true
	}
	if r, size := utf8.DecodeRuneInString(core); size == len(core) && unicode.IsLetter(r) {
		a.word(core)
		return true
	}
	return false
}

func emitLead(a *assembler, lead string) {
	for _, r := range lead {
		if r == '(' || r == '[' || r == '{' || r == '<' {
			a.punct(',')
		}
	}
}

// emitTrail turns closing punctuation into pauses: brackets are a comma, quotes nothing.
func emitTrail(a *assembler, trail string) {
	for i := 0; i < len(trail); i++ {
		switch c := trail[i]; c {
		case ')', ']', '}', '>':
			a.punct(',')
		case '.', ',', ';', ':', '?', '!':
			a.punct(c)
		}
	}
}

// numericField reads a token that starts with a digit. The words before it decide what
// it is: "quý 2", "thứ 4", "tháng 4/2024", "ngày 1/3", "số 12/2021", "8 giờ 05", a list
// of dates; without such a word the shape decides (phone, date, month/year, time,
// number, range, fraction, unit). dates is set when the token was read as a date.
func (n *Normaliser) numericField(a *assembler, st *lineState, fs []field, i int) (last int, number bool, dates byte) {
	core := fs[i].core
	if last, groups, ok := hotline(fs, i); ok && st.prev1 != "năm" {
		a.words(phone(nil, groups))
		return last, false, 0
	}
	if last, ok := spacedPhone(fs, i); ok {
		groups := make([]string, 0, last-i+1)
		for _, f := range fs[i : last+1] {
			groups = append(groups, f.core)
		}
		a.words(phone(nil, groups))
		return last, false, 0
	}
	if last, ok := n.clockWithGio(a, st, fs, i); ok {
		return last, false, 0
	}
	var w []string
	ok := false
	switch p := st.prev1; {
	case p == "quý":
		w, ok = n.quarter(w, core)
	case p == "thứ":
		if v, isNum := atoi(core); isNum {
			w, ok = n.ordinal(w, v), true
		}
	case p == "tháng":
		if m, isNum := small(core, 2); isNum && m >= 1 && m <= 12 {
			w, ok = n.month(w, m), true
		} else if m, y, isMY := parseMonthYear(core, true); isMY {
			w, ok = n.monthYear(w, m, y, false), true
		}
	case p == "số" && strings.ContainsAny(core, "/-") && !isPhone(phoneGroups(core)):
		n.generic(a, core, true) // a document number: "số 12/2021", "số 18-NQ/TU"
		return i, false, 0
	}
	_, isDateWord := dateWords[st.prev1]
	if !ok && isDateWord {
		if d, m, isDM := parseDayMonth(core); isDM {
			w, ok, dates = n.date(w, d, m, -1, !dateWords[st.prev1]), true, 'm'
		} else if d, isDay := small(core, 2); isDay && d >= 1 && d <= 31 {
			w, ok, dates = n.cardinal(w, uint64(d)), true, 'd' // "ngày 03": the zero is layout
		}
	}
	if !ok && !isDateWord && st.dates != 0 && strings.IndexByte(core, '/') > 0 {
		// the next item of a list of dates: "ngày 20/11, 01/6", "các ngày 20, 21/11"
		if d, m, y, isDate := parseFullDate(core); isDate {
			w, ok, dates = n.date(w, d, m, y, st.dates == 'm'), true, 'm'
		} else if d, m, isDM := parseDayMonth(core); isDM {
			w, ok, dates = n.date(w, d, m, -1, st.dates == 'm'), true, 'm'
		}
	} else if !ok && st.dates == 'd' {
		if d, isDay := small(core, 2); isDay && d >= 1 && d <= 31 {
			w, ok, dates = n.cardinal(w, uint64(d)), true, 'd' // "ngày 20, 21 và 22/11"
		}
	}
	if ok {
		a.words(w)
		return i, false, dates
	}
	if strings.ContainsAny(core, "/-.") {
		if _, _, _, isDate := parseFullDate(core); isDate {
			dates = 'm' // "11/4/2022, 12/4": a list of dates may follow
		}
	}
	w, number = n.numeric(nil, core, st.prev1)
	if w != nil {
		a.words(w)
		return i, number, dates
	}
	n.generic(a, core, isDocumentSymbol(core))
	return i, false, 0
}

// clockWithGio reads the numbers of a time written with the word "giờ": the hour before
// it and the minutes after it are read by value ("08 giờ" → "tám giờ", "8 giờ 05" →
// "tám giờ năm"), and zero minutes, which are layout, are left out together with a
// following "phút" ("08 giờ 00" → "tám giờ").
func (n *Normaliser) clockWithGio(a *assembler, st *lineState, fs []field, i int) (int, bool) {
	core := fs[i].core
	h, ok := small(core, 2)
	if !ok {
		return i, false
	}
	if h <= 24 && fs[i].trail == "" && i+1 < len(fs) && fs[i+1].lead == "" && strings.EqualFold(fs[i+1].core, "giờ") {
		a.words(n.cardinal(nil, uint64(h)))
		return i, true
	}
	if m := h; st.prev1 == "giờ" && len(core) == 2 && len(st.prev2) <= 2 && isDigits(st.prev2) && m <= 59 {
		if m > 0 {
			a.words(n.cardinal(nil, uint64(m)))
		} else if fs[i].trail == "" && i+1 < len(fs) && fs[i+1].lead == "" && strings.EqualFold(fs[i+1].core, "phút") {
			return i + 1, true
		}
		return i, true
	}
	return i, false
}

// numeric reads a numeric token by its shape alone; it returns nil if the shape is not
// one it knows, and number == true if the token is a quantity a unit may follow.
func (n *Normaliser) numeric(dst []string, s, prev string) (w []string, number bool) {
	switch s[0] {
	case '+':
		if digits := s[1:]; isDigits(digits) && len(digits) >= 9 {
			return international(dst, digits), false
		}
	case '-':
		if w, number := n.numeric(append(dst, "âm"), s[1:], ""); w != nil && number {
			return w, true
		}
		return nil, false
	case '$':
		if w, ok := n.quantity(dst, s[1:]); ok {
			return append(w, "đô", "la"), false
		}
		return nil, false
	}
	if groups := phoneGroups(s); isPhone(groups) {
		return phone(dst, groups), false
	}
	if d, m, y, ok := parseFullDate(s); ok {
		return n.date(dst, d, m, y, !dateWords[prev]), false
	}
	if m, y, ok := parseMonthYear(s, false); ok {
		return n.monthYear(dst, m, y, prev != "tháng"), false
	}
	if w, ok := n.quantity(dst, s); ok {
		return w, true
	}
	// a range with the unit on both ends: "6,5%-7%", "5km-7km"
	if from, to, ok := strings.Cut(s, "-"); ok {
		if j := unitStart(from); j > 0 && j < len(from) {
			if k := unitStart(to); k > 0 && strings.HasPrefix(to[k:], from[j:]) && strings.IndexByte(to, '-') < 0 {
				if _, ok := n.unit(from[j:]); ok {
					if w, ok := n.rangeEnd(dst, from[:j]); ok {
						if w, number := n.numeric(append(w, "đến"), to, ""); w != nil && !number {
							return w, false
						}
					}
				}
			}
		}
	}
	// a number with its unit attached: "42km", "97,1%", "500.000đ", "5-7%", "50.000đ/người"
	if j := unitStart(s); j > 0 {
		// a "/" left dangling by a space ("500.000đ/ người") is dropped
		if u, ok := n.unit(strings.TrimSuffix(s[j:], "/")); ok {
			body := strings.TrimRight(s[:j], ".,-/")
			if w, ok := n.quantity(dst, body); ok {
				return append(w, strings.Fields(u)...), false
			}
		}
	}
	return nil, false
}

// unitStart is the index of the first byte of s that cannot belong to a number.
func unitStart(s string) int {
	return strings.IndexFunc(s, func(r rune) bool { return !strings.ContainsRune("0123456789.,-/", r) })
}

// quantity reads a number, a time, a range "a-b" of those, or an all-numeric fraction
// "a/b" (read "a trên b"; this is also how invalid dates such as 32/13 are read).
func (n *Normaliser) quantity(dst []string, s string) ([]string, bool) {
	if w, ok := n.readNumber(dst, s); ok {
		return w, true
	}
	if w, ok := n.readTime(dst, s); ok {
		return w, true
	}
	if from, to, ok := strings.Cut(s, "-"); ok && from != "" && to != "" {
		if w, ok := n.rangeEnd(dst, from); ok {
			if w, ok := n.rangeEnd(append(w, "đến"), to); ok {
				return w, true
			}
		}
		return dst, false
	}
	if parts := strings.Split(s, "/"); len(parts) > 1 {
		w := dst
		for j, p := range parts {
			if j > 0 {
				w = append(w, "trên")
			}
			var ok bool
			if w, ok = n.readNumber(w, p); !ok {
				return dst, false
			}
		}
		return w, true
	}
	return dst, false
}

// rangeEnd reads one side of a range: a number or a time.
func (n *Normaliser) rangeEnd(dst []string, s string) ([]string, bool) {
	if w, ok := n.readNumber(dst, s); ok {
		return w, true
	}
	return n.readTime(dst, s)
}

// spacedPhone finds a phone number written in groups separated by spaces
// ("0912 345 678", "028 3829 1234") starting at fs[i]; it returns the last field.
func spacedPhone(fs []field, i int) (int, bool) {
	first := fs[i].core
	if len(first) < 3 || len(first) > 4 || first[0] != '0' || !isDigits(first) {
		return i, false
	}
	total, j := len(first), i
	for total < 10 && fs[j].trail == "" && j+1 < len(fs) {
		g := fs[j+1]
		if g.lead != "" || len(g.core) < 2 || len(g.core) > 4 || !isDigits(g.core) {
			break
		}
		j++
		total += len(g.core)
	}
	if j > i && (total == 10 || total == 11) {
		return j, true
	}
	return i, false
}

// wordField reads a token that starts with a letter or symbol (and, for "Q. 1", the
// field after it). It returns the last field consumed and the closing punctuation still
// to be emitted: the dot of "TP." or "Nguyễn V. A" is dropped so it does not end the
// sentence.
func (n *Normaliser) wordField(a *assembler, st *lineState, fs []field, i int) (int, string) {
	core, trail := fs[i].core, fs[i].trail
	dotted := strings.HasPrefix(trail, ".")
	hasNext := i+1 < len(fs)
	if st.afterNumber {
		u, ok := n.unit(core)
		if !ok && strings.IndexByte(core, '/') > 0 {
			u, ok = n.compoundUnit(core, true) // "3 lần/năm", "5 tấn/ha"
		}
		if ok {
			a.phrase(u)
			if dotted && hasNext && scaleWords[core] && fs[i+1].lead == "" {
				// "2 tr. đồng": the dot abbreviates the scale, a currency follows
				if _, isUnit := n.unit(fs[i+1].core); isUnit {
					return i, trail[1:]
				}
			}
			return i, trail
		}
	}
	if last, rest, ok := n.address(a, fs, i); ok {
		return last, rest
	}
	if dotted {
		if exp, ok := dict.lookup(core + "."); ok {
			a.phrase(exp)
			return i, afterDottedAbbreviation(core, trail, fs, i)
		}
	}
	if exp, ok := dict.lookup(core); ok {
		a.phrase(exp)
		return i, trail
	}
	if st.prev1 == "quý" {
		if w, ok := n.quarter(nil, core); ok {
			a.words(w)
			return i, trail
		}
	}
	if v, ok := parseRoman(core); ok && romanLetterOK(core) && romanContext(st.prev2, st.prev1) {
		if st.prev1 == "thứ" {
			a.words(n.ordinal(nil, uint64(v)))
		} else {
			a.words(n.cardinal(nil, uint64(v)))
		}
		return i, trail
	}
	if dotted && hasNext {
		if r, size := utf8.DecodeRuneInString(core); size == len(core) && unicode.IsUpper(r) {
			a.word(core) // an initial inside a name: "Nguyễn V. A"
			return i, trail[1:]
		}
	}
	n.generic(a, core, false)
	if dotted && hasNext && strings.Contains(core, ".") {
		// "GS.TS." ends in a title abbreviation: its dot is not a full stop.
		if _, ok := dict.lookup(core[strings.LastIndexByte(core, '.')+1:] + "."); ok {
			return i, trail[1:]
		}
	}
	return i, trail
}

// addressPrefix are the one-letter abbreviations of an address or a quarter.
var addressPrefix = map[string]string{"Q": "quận", "P": "phường"}

// address reads "Q." and "P." before a number or a capitalised name, glued or spaced:
// "Q.1", "Q. 1" → "quận một", "P. Bến Nghé", "P.Bến Nghé" → "phường Bến Nghé". "Q."
// before a quarter (a Roman numeral up to IV, or a number with a year) is "quý":
// "Q.I/2025" → "quý một năm hai nghìn không trăm hai mươi lăm". Before a name the letter
// is an initial when a capitalised word precedes it ("Nguyễn P. Anh"), and is left alone.
func (n *Normaliser) address(a *assembler, fs []field, i int) (int, string, bool) {
	core, trail := fs[i].core, fs[i].trail
	if len(core) < 1 || (core[0] != 'Q' && core[0] != 'P') {
		return i, trail, false
	}
	letter, rest, last := core[:1], "", i
	switch {
	case core == letter && strings.HasPrefix(trail, ".") && i+1 < len(fs) && fs[i+1].lead == "":
		rest, last = fs[i+1].core, i+1
	case len(core) > 2 && core[1] == '.':
		rest = core[2:]
	default:
		return i, trail, false
	}
	if letter == "Q" && (strings.ContainsAny(rest, "/-") || !isDigits(rest)) {
		if w, ok := n.quarter([]string{"quý"}, rest); ok {
			a.words(w)
			return last, fs[last].trail, true
		}
	}
	if isDigits(rest) && len(rest) <= 3 {
		a.word(addressPrefix[letter])
		a.words(n.value(nil, rest))
		return last, fs[last].trail, true
	}
	r, _ := utf8.DecodeRuneInString(rest)
	if !unicode.IsUpper(r) || allCapitals(rest) {
		return i, trail, false
	}
	if i > 0 && fs[i-1].trail == "" {
		if p, _ := utf8.DecodeRuneInString(fs[i-1].core); unicode.IsUpper(p) {
			return i, trail, false // an initial: "Nguyễn P. Anh"
		}
	}
	a.word(addressPrefix[letter])
	if last == i {
		n.generic(a, rest, false) // "P.Bến"
		return i, trail, true
	}
	return i, trail[1:], true // "P. Bến": the name is read next
}

// afterDottedAbbreviation decides whether the dot of a dictionary abbreviation such as
// "TP." or "v.v." also ends the sentence. Capitalised ones are titles before a name
// ("TP. Hồ Chí Minh", "GS. Nguyễn"): never. Lower-case ones close a list ("v.v."): the
// sentence ends when the next word starts with a capital.
func afterDottedAbbreviation(core, trail string, fs []field, i int) string {
	if i+1 >= len(fs) {
		return trail
	}
	first, _ := utf8.DecodeRuneInString(core)
	next, _ := utf8.DecodeRuneInString(fs[i+1].lead + fs[i+1].core)
	if unicode.IsLower(first) && unicode.IsUpper(next) {
		return trail
	}
	return trail[1:]
}
