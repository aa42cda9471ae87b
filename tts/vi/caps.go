package vi

import (
	"strings"
	"unicode"
)

// letterName is the Vietnamese name of each capital letter, used to say an unknown
// abbreviation letter by letter ("VTV" → "vê tê vê") instead of espeak's English names.
var letterName = map[rune]string{
	'A': "a", 'Ă': "á", 'Â': "ớ", 'B': "bê", 'C': "xê", 'D': "dê", 'Đ': "đê", 'E': "e", 'Ê': "ê",
	'F': "ép", 'G': "giê", 'H': "hát", 'I': "i", 'J': "gi", 'K': "ca", 'L': "e lờ", 'M': "em mờ",
	'N': "en nờ", 'O': "o", 'Ô': "ô", 'Ơ': "ơ", 'P': "pê", 'Q': "quy", 'R': "e rờ", 'S': "ét xì",
	'T': "tê", 'U': "u", 'Ư': "ư", 'V': "vê", 'W': "vê kép", 'X': "ích xì", 'Y': "i dài", 'Z': "dét",
}

// letterRun reads a run of letters (no digits or symbols): a dictionary entry, an
// all-capitals token (a heading word in capitals, or an abbreviation the dictionary does
// not know, which is reported and spelled), or an ordinary word.
func (n *Normaliser) letterRun(a *assembler, w string) {
	if exp, ok := dict.lookup(w); ok {
		a.phrase(exp)
		return
	}
	if !allCapitals(w) {
		a.word(w)
		return
	}
	lower := strings.ToLower(w)
	if isSyllable(lower) {
		a.word(lower) // "NGHỊ", "BAN": a word in capitals
		return
	}
	n.unknown(w)
	spell(a, w)
}

// spell says each letter by its Vietnamese name; letters without one are lower-cased.
func spell(a *assembler, w string) {
	for _, r := range w {
		if name, ok := letterName[r]; ok {
			a.phrase(name)
		} else if unicode.IsLetter(r) {
			a.word(strings.ToLower(string(r)))
		}
	}
}
