package content

import "golang.org/x/text/unicode/norm"

// nfc returns s in Unicode normal form C. Vietnamese typed on some phones or
// pasted from some word processors arrives decomposed ("ệ" as e + two
// combining marks); stored that way it would not match in search, sort or
// uniqueness checks. Every free text a person types goes through it.
func nfc(s string) string {
	if norm.NFC.IsNormalString(s) {
		return s
	}
	return norm.NFC.String(s)
}
