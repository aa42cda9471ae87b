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
}

// dateWords are the words after which "1/3" is a day and month rather than a fraction.
// "ngày", "mùng" and "mồng" already name the day; the others get "ngày" added.
var dateWords = map[string]bool{"ngày": true, "mùng": true, "mồng": true,
	"hôm": false, "sáng": false, "trưa": false, "chiều": false, "tối": false, "đêm": false}

// scaleWords may sit between a number and its unit ("5 triệu đ", "2 nghìn tỷ đồng").
var scaleWords = map[string]bool{"trăm": true, "nghìn": true, "ngàn": true, "triệu": true, "tỷ": true, "tỉ": true}

// line normalises one line of text into the assembler.
func (n *Normaliser) line(a *assembler, line string) {
	raw := strings.Fields(line)
	fs := make([]field, len(raw))
	for i, r := range raw {
		fs[i] = splitField(r)
	}
	var st lineState
	for i := 0; i < len(fs); i++ {
		i = n.field(a, &st, fs, i)
	}
}

// field reads fs[i] (and, for phone numbers written in groups, the fields after it) and
// returns the index of the last field it consumed.
func (n *Normaliser) field(a *assembler, st *lineState, fs []field, i int) int {
	f := fs[i]
	emitLead(a, f.lead)
	last, trail, number := i, f.trail, false
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
	case i == 0 && hasNext && (strings.HasPrefix(trail, ".") || strings.HasPrefix(trail, ")")) && n.label(a, f.core):
		// A heading label at line start: "II. NHIỆM VỤ", "1. Tình hình", "a) …"
		a.punct(',')
		trail = trail[1:]
	case startsNumeric(f.core):
		last, number = n.numericField(a, st, fs, i)
		trail = fs[last].trail
	default:
		trail = n.wordField(a, st, fs, i)
	}
	emitTrail(a, trail)

	lower := strings.ToLower(fs[last].core)
	st.afterNumber = fs[last].trail == "" && (number || (st.afterNumber && scaleWords[lower]))
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
// it is: "quý 2", "thứ 4", "tháng 4/2024", "ngày 1/3", "số 12/2021"; without such a word
// the shape decides (phone, date, month/year, time, number, range, fraction, unit).
func (n *Normaliser) numericField(a *assembler, st *lineState, fs []field, i int) (last int, number bool) {
	core := fs[i].core
	if last, ok := spacedPhone(fs, i); ok {
		groups := make([]string, 0, last-i+1)
		for _, f := range fs[i : last+1] {
			groups = append(groups, f.core)
		}
		a.words(phone(nil, groups))
		return last, false
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
		return i, false
	}
	if _, isDateWord := dateWords[st.prev1]; !ok && isDateWord {
		if d, m, isDM := parseDayMonth(core); isDM {
			w, ok = n.date(w, d, m, -1, !dateWords[st.prev1]), true
		} else if d, isDay := small(core, 2); isDay && d >= 1 && d <= 31 {
			w, ok = n.cardinal(w, uint64(d)), true // "ngày 03": the zero is layout
		}
	}
	if ok {
		a.words(w)
		return i, false
	}
	w, number = n.numeric(nil, core, st.prev1)
	if w != nil {
		a.words(w)
		return i, number
	}
	n.generic(a, core, isDocumentSymbol(core))
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
	// a number with its unit attached: "42km", "97,1%", "500.000đ", "5-7%"
	if j := strings.IndexFunc(s, func(r rune) bool { return !strings.ContainsRune("0123456789.,-/", r) }); j > 0 {
		if u, ok := n.unit(s[j:]); ok {
			body := strings.TrimRight(s[:j], ".,-/")
			if w, ok := n.quantity(dst, body); ok {
				return append(w, strings.Fields(u)...), false
			}
		}
	}
	return nil, false
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

// wordField reads a token that starts with a letter or symbol and returns the closing
// punctuation still to be emitted: the dot of "TP." or "Nguyễn V. A" is dropped so it
// does not end the sentence.
func (n *Normaliser) wordField(a *assembler, st *lineState, fs []field, i int) string {
	core, trail := fs[i].core, fs[i].trail
	dotted := strings.HasPrefix(trail, ".")
	hasNext := i+1 < len(fs)
	if st.afterNumber {
		if u, ok := n.unit(core); ok {
			a.phrase(u)
			return trail
		}
	}
	if dotted {
		if exp, ok := dict.lookup(core + "."); ok {
			a.phrase(exp)
			return afterDottedAbbreviation(core, trail, fs, i)
		}
	}
	if exp, ok := dict.lookup(core); ok {
		a.phrase(exp)
		return trail
	}
	if st.prev1 == "quý" {
		if w, ok := n.quarter(nil, core); ok {
			a.words(w)
			return trail
		}
	}
	if v, ok := parseRoman(core); ok && romanLetterOK(core) && romanContext(st.prev2, st.prev1) {
		if st.prev1 == "thứ" {
			a.words(n.ordinal(nil, uint64(v)))
		} else {
			a.words(n.cardinal(nil, uint64(v)))
		}
		return trail
	}
	if dotted && hasNext {
		if r, size := utf8.DecodeRuneInString(core); size == len(core) && unicode.IsUpper(r) {
			a.word(core) // an initial inside a name: "Nguyễn V. A"
			return trail[1:]
		}
	}
	n.generic(a, core, false)
	if dotted && hasNext && strings.Contains(core, ".") {
		// "GS.TS." ends in a title abbreviation: its dot is not a full stop.
		if _, ok := dict.lookup(core[strings.LastIndexByte(core, '.')+1:] + "."); ok {
			return trail[1:]
		}
	}
	return trail
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
