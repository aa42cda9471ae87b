package vi

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Anything the specific rules did not recognise ("COVID-19", "4.0", "abc.gov.vn",
// "18-NQ/TU", "GS.TS", "A1") is cut into runs of letters, runs of digits and single
// symbols, and each run is read on its own. This makes every token readable without
// ever passing a digit or an unknown symbol to espeak.

type runKind byte

const (
	letterRun runKind = iota
	digitRun
	symbolRun
)

type run struct {
	kind runKind
	text string
}

// splitRuns cuts s into letter runs (letters with their combining marks), ASCII digit
// runs and single other characters.
func splitRuns(s string) []run {
	var runs []run
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		kind := symbolRun
		switch {
		case r >= '0' && r <= '9':
			kind = digitRun
		case unicode.IsLetter(r):
			kind = letterRun
		}
		j := i + size
		if kind != symbolRun {
			for j < len(s) {
				r2, size2 := utf8.DecodeRuneInString(s[j:])
				same := (kind == digitRun && r2 >= '0' && r2 <= '9') ||
					(kind == letterRun && (unicode.IsLetter(r2) || unicode.Is(unicode.Mn, r2)))
				if !same {
					break
				}
				j += size2
			}
		}
		runs = append(runs, run{kind, s[i:j]})
		i = j
	}
	return runs
}

// symbolWords are read aloud wherever they appear in a token.
var symbolWords = map[string]string{
	"%": "phần trăm", "&": "và", "+": "cộng", "=": "bằng", "@": "a còng", "°": "độ",
	"$": "đô la", "€": "ơ rô", "×": "nhân", "<": "nhỏ hơn", ">": "lớn hơn", "²": "vuông", "³": "khối",
}

// generic reads a token run by run. In a document symbol (symbol == true: "18-NQ/TU",
// "01/2024/NĐ-CP") numbers are read by value and "-" and "/" are silent except for a
// pause between two numbers; elsewhere digit runs with a leading zero are codes read
// digit by digit.
func (n *Normaliser) generic(a *assembler, s string, symbol bool) {
	runs := splitRuns(s)
	for i, r := range runs {
		switch r.kind {
		case letterRun:
			n.letterRun(a, r.text)
		case digitRun:
			if symbol {
				a.words(n.value(nil, r.text))
			} else {
				a.words(n.integer(nil, r.text))
			}
		default:
			n.symbol(a, runs, i)
		}
	}
}

// symbol reads one non-alphanumeric character of a generic token from its neighbours.
func (n *Normaliser) symbol(a *assembler, runs []run, i int) {
	c := runs[i].text
	if w, ok := symbolWords[c]; ok {
		a.phrase(w)
		return
	}
	if c == "‰" {
		a.phrase(n.perMille)
		return
	}
	var prev, next run
	prev.kind, next.kind = symbolRun, symbolRun
	if i > 0 {
		prev = runs[i-1]
	}
	if i+1 < len(runs) {
		next = runs[i+1]
	}
	betweenDigits := prev.kind == digitRun && next.kind == digitRun
	switch c {
	case ".":
		// "4.0" and "abc.gov.vn" say the dot; "GS.TS" and "TP.HCM" do not.
		if betweenDigits || (prev.kind == letterRun && next.kind == letterRun && plainWord(prev.text) && plainWord(next.text)) {
			a.word("chấm")
		}
	case ",", ";", ":", "/", "-", "_", "|", "\\":
		if betweenDigits {
			a.punct(',')
		}
	}
}

// plainWord: lower-case and not an abbreviation, as in a web address.
func plainWord(w string) bool {
	if _, ok := dict.lookup(w); ok {
		return false
	}
	return strings.ToLower(w) == w
}

// isDocumentSymbol recognises party and state document numbers: a number followed by
// "-" or "/" and parts in letters, at least one with a capital ("18-NQ/TU",
// "01/2024/NĐ-CP", "123/QĐ-UBND", "42-HD/BTCTW").
func isDocumentSymbol(s string) bool {
	if s == "" || s[0] < '0' || s[0] > '9' || !strings.ContainsAny(s, "-/") {
		return false
	}
	hasCapital := false
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '/' }) {
		if isDigits(part) {
			continue
		}
		for _, r := range part {
			if unicode.IsUpper(r) {
				hasCapital = true
			} else if !unicode.IsLetter(r) && r != '&' && r != '.' {
				return false
			}
		}
	}
	return hasCapital
}
