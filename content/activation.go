package content

import (
	"crypto/rand"
	"crypto/sha256"
	"strings"
)

// activationAlphabet has no 0/O, 1/I/L: codes are read aloud and typed by
// elderly members from a slip of paper.
const activationAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// NewActivationCode returns a fresh 10-character code, shown as XXXXX-XXXXX.
func NewActivationCode() string {
	b := make([]byte, 10)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on Linux
	}
	out := make([]byte, 0, 11)
	for i, c := range b {
		if i == 5 {
			out = append(out, '-')
		}
		out = append(out, activationAlphabet[int(c)%len(activationAlphabet)])
	}
	return string(out)
}

// HashActivationCode is how codes are stored: the SHA-256 of the code in
// canonical form (upper case, without spaces or dashes), so "abcde fghjk"
// and "ABCDE-FGHJK" are the same code.
func HashActivationCode(code string) []byte {
	var b strings.Builder
	for _, r := range strings.ToUpper(code) {
		if r == ' ' || r == '-' {
			continue
		}
		b.WriteRune(r)
	}
	sum := sha256.Sum256([]byte(b.String()))
	return sum[:]
}
