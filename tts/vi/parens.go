package vi

import (
	"strings"
	"unicode"
)

// maxParenFields bounds the parenthesised group redundantParenthesis looks at.
const maxParenFields = 8

// redundantParenthesis drops a parenthesis that only repeats, in short, the words just
// before it: "Ban Tổ chức Tỉnh ủy (BTC TU)", "Ủy ban nhân dân (UBND)". It applies when
// the group fs[i..last] opens with "(" and closes with ")", every token in it is known
// (nothing would be reported as unknown), and its spoken words equal the last words of
// the sentence so far, compared case-insensitively and without punctuation. Anything
// after the ")" (",", ".") is still emitted. Otherwise it reports false and the group is
// read as usual, as a phrase between pauses.
func (n *Normaliser) redundantParenthesis(a *assembler, fs []field, i int) (int, bool) {
	if !strings.HasPrefix(fs[i].lead, "(") || len(fs[i].lead) != 1 || a.cur.Len() == 0 {
		return i, false
	}
	last := -1
	for j := i; j < len(fs) && j < i+maxParenFields; j++ {
		if j > i && fs[j].lead != "" {
			return i, false
		}
		if t := fs[j].trail; t != "" {
			if t[0] == ')' {
				last = j
			}
			break
		}
	}
	if last < 0 {
		return i, false
	}
	cores := make([]string, 0, last-i+1)
	for _, f := range fs[i : last+1] {
		cores = append(cores, f.core)
	}
	unknown := false
	probe := *n
	probe.unknownFn = func(string) { unknown = true }
	var inner assembler
	probe.line(&inner, strings.Join(cores, " "))
	inner.end()
	if unknown || len(inner.out) != 1 {
		return i, false
	}
	said := spokenWords(inner.out[0])
	if len(said) == 0 || !endsWith(a.cur.String(), said) {
		return i, false
	}
	emitTrail(a, fs[last].trail[1:])
	return last, true
}

// spokenWords splits a sentence into lower-case words without punctuation.
func spokenWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) })
}

// endsWith reports whether the sentence so far ends with the words want, compared as
// spokenWords does. Only the tail of the sentence is examined.
func endsWith(sentence string, want []string) bool {
	end := len(sentence)
	for k := len(want) - 1; k >= 0; k-- {
		// skip separators back to the end of the previous word
		for end > 0 && strings.IndexByte(" ,.;:?!", sentence[end-1]) >= 0 {
			end--
		}
		start := strings.LastIndexAny(sentence[:end], " ,.;:?!") + 1
		if start >= end || strings.ToLower(sentence[start:end]) != want[k] {
			return false
		}
		end = start
	}
	return true
}
