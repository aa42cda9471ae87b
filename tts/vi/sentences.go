package vi

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// assembler collects spoken words and pauses and cuts them into sentences.
//
// Sentence splitting happens here, after expansion, and only on punctuation the rules
// chose to emit: the dots of "TP.", "v.v.", "1.000" or "11.4.2022" were consumed by the
// expansion, so they can never split a sentence.
type assembler struct {
	out     []string
	cur     strings.Builder
	pending byte // a ',' or ':' waiting for the next word; dropped if the sentence ends
}

// isTerminal reports the marks that end a sentence. ";" ends one too: list items in
// party documents are separated by ";" and each deserves its own clause pause.
func isTerminal(p byte) bool { return p == '.' || p == '?' || p == '!' || p == ';' }

// word appends one spoken word after making it safe (see cleanWord).
func (a *assembler) word(w string) {
	w = cleanWord(w)
	if w == "" {
		return
	}
	if a.cur.Len() > 0 {
		if a.pending != 0 {
			a.cur.WriteByte(a.pending)
			a.pending = 0
		}
		a.cur.WriteByte(' ')
	}
	a.cur.WriteString(w)
}

// phrase appends a dictionary expansion or other multi-word text; a word ending in ","
// adds a pause after it ("cán bộ, công chức").
func (a *assembler) phrase(s string) {
	for len(s) > 0 {
		var w string
		w, s, _ = strings.Cut(s, " ")
		if strings.HasSuffix(w, ",") {
			a.word(w[:len(w)-1])
			a.punct(',')
			continue
		}
		a.word(w)
	}
}

// words appends words produced by the number rules, where "," is a pause.
func (a *assembler) words(ws []string) {
	for _, w := range ws {
		if w == "," {
			a.punct(',')
		} else {
			a.word(w)
		}
	}
}

// punct records a punctuation mark. Marks before the first word of a sentence are
// dropped; a terminal mark ends the sentence; commas and colons collapse into one pause.
func (a *assembler) punct(p byte) {
	if a.cur.Len() == 0 {
		return
	}
	if isTerminal(p) {
		a.pending = 0
		a.cur.WriteByte(p)
		a.flush()
		return
	}
	if p == ':' || a.pending == 0 {
		a.pending = p
	}
}

// end closes the sentence at a line end without adding a mark.
func (a *assembler) end() {
	a.pending = 0
	a.flush()
}

func (a *assembler) flush() {
	if a.cur.Len() > 0 {
		s := a.cur.String()
		if !norm.NFC.IsNormalString(s) {
			s = norm.NFC.String(s)
		}
		a.out = append(a.out, s)
	}
	a.cur.Reset()
	a.pending = 0
}

// cleanWord is the last guard of the output invariants: a word keeps only letters and
// the combining marks that follow them (so no digit or symbol can reach espeak), and a
// word of two or more letters that are all capitals is lower-cased, because espeak would
// spell it with English letter names. The rules upstream already expand such tokens;
// this only catches exotic input (e.g. Greek capitals).
func cleanWord(w string) string {
	clean := true
	letters, upper := 0, 0
	for _, r := range w {
		switch {
		case unicode.IsLetter(r):
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		case r >= utf8.RuneSelf && unicode.Is(unicode.Mn, r):
		default:
			clean = false
		}
	}
	if clean && !(letters >= 2 && upper == letters) && (letters > 0) {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsLetter(r) {
			return w
		}
	}
	var b strings.Builder
	prevKept := false
	for _, r := range w {
		switch {
		case unicode.IsLetter(r):
			b.WriteRune(r)
			prevKept = true
		case prevKept && r >= utf8.RuneSelf && unicode.Is(unicode.Mn, r):
			b.WriteRune(r)
		default:
			prevKept = false
		}
	}
	s := b.String()
	if allCapitals(s) {
		s = strings.ToLower(s)
		if allCapitals(s) { // capitals without a lower-case form: drop them
			s = strings.Map(func(r rune) rune {
				if unicode.IsUpper(r) {
					return -1
				}
				return r
			}, s)
		}
	}
	for _, r := range s {
		if unicode.IsLetter(r) {
			return s
		}
	}
	return "" // only stray marks were left
}

// allCapitals reports whether s has at least two letters and all of them are capitals.
func allCapitals(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
}
