package vi

import "strings"

// Headings in party documents are often in capitals ("NGHỊ QUYẾT HỘI NGHỊ LẦN THỨ
// MƯỜI"). Those tokens are words, not abbreviations: isSyllable recognises a single
// Vietnamese syllable (onset + vowel cluster + final consonant, at most one tone mark)
// so such a token is read as the lower-case word instead of being spelled or reported.

// toneBase maps every toned vowel to its base vowel; base vowels map to themselves.
var toneBase = func() map[rune]rune {
	m := make(map[rune]rune, 80)
	bases := []rune("aăâeêioôơuưy")
	toned := []string{"áàảãạ", "ắằẳẵặ", "ấầẩẫậ", "éèẻẽẹ", "ếềểễệ", "íìỉĩị", "óòỏõọ", "ốồổỗộ", "ớờởỡợ", "úùủũụ", "ứừửữự", "ýỳỷỹỵ"}
	for i, b := range bases {
		m[b] = b
		for _, t := range toned[i] {
			m[t] = b
		}
	}
	return m
}()

var onsets = []string{"ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
	"b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", ""}

var codas = map[string]bool{"": true, "c": true, "ch": true, "m": true, "n": true, "ng": true, "nh": true, "p": true, "t": true}

// isSyllable reports whether lower (a lower-case word) is one Vietnamese syllable.
func isSyllable(lower string) bool {
	if len(lower) > 16 {
		return false
	}
	var base []rune
	tones := 0
	for _, r := range lower {
		b, vowel := toneBase[r]
		if vowel && b != r {
			tones++
		}
		if vowel {
			r = b
		}
		base = append(base, r)
	}
	if tones > 1 {
		return false
	}
	s := string(base)
	for _, on := range onsets {
		rest, ok := strings.CutPrefix(s, on)
		if ok && nucleusAndCoda(rest) {
			return true
		}
	}
	return false
}

// nucleusAndCoda checks 1–3 base vowels (no vowel doubled, except "oo" as in "xoong")
// followed by a permitted final consonant.
func nucleusAndCoda(s string) bool {
	r := []rune(s)
	v := 0
	for v < len(r) && v < 4 && isBaseVowel(r[v]) {
		if v > 0 && r[v] == r[v-1] && r[v] != 'o' {
			return false
		}
		v++
	}
	return v >= 1 && v <= 3 && codas[string(r[v:])]
}

func isBaseVowel(r rune) bool { return strings.ContainsRune("aăâeêioôơuưy", r) }
