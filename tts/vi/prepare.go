package vi

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// prepare makes the raw paragraph safe to scan: invalid bytes become spaces, the text is
// NFC (espeak spells NFD "Việt Nam" letter by letter), every line break becomes "\n",
// other white space a plain space, dashes a plain "-", and invisible format characters
// (zero-width space, soft hyphen, BOM) disappear so they cannot split or hide a token.
func prepare(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, " ")
	}
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf && r > ' ' && r != 0x7f:
			b.WriteByte(byte(r)) // fast path for printable ASCII
		case r == '\n' || r == '\r' || r == '\v' || r == '\f' || r == 0x85 || r == 0x2028 || r == 0x2029:
			b.WriteByte('\n')
		case r >= 0x2010 && r <= 0x2015, r == 0x2212, r == 0xFE63, r == 0xFF0D:
			b.WriteByte('-')
		case r == 0x2026:
			b.WriteString("...")
		case unicode.IsSpace(r), r == utf8.RuneError:
			b.WriteByte(' ')
		case unicode.Is(unicode.Cc, r), unicode.Is(unicode.Cf, r):
			// dropped
		default:
			b.WriteRune(r)
		}
	}
	// Dropping a format character can leave a base letter next to a combining mark.
	return norm.NFC.String(b.String())
}

// field is one white-space separated chunk of a line, with the brackets and quotes that
// open it and the punctuation that closes it taken off, so rules only see the core.
type field struct {
	lead  string // opening brackets and quotes
	core  string // the token itself: "1.000", "TP", "18-NQ/TU", "đ/c", "v.v"
	trail string // closing brackets, quotes and . , ; : ? ! after the core
}

func isOpener(r rune) bool {
	return strings.ContainsRune("([{<\"'`“‘«‹„‚*•·", r)
}

func isCloser(r rune) bool {
	return strings.ContainsRune(")]}>\"'`”’»›.,;:?!", r)
}

func splitField(raw string) field {
	var f field
	i := 0
	for i < len(raw) {
		r, size := utf8.DecodeRuneInString(raw[i:])
		if !isOpener(r) {
			break
		}
		i += size
	}
	j := len(raw)
	for j > i {
		r, size := utf8.DecodeLastRuneInString(raw[i:j])
		if !isCloser(r) {
			break
		}
		j -= size
	}
	f.lead, f.core, f.trail = raw[:i], raw[i:j], raw[j:]
	return f
}
