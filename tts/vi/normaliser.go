package vi

import "strings"

// Version names the rule set. Bump it whenever a rule changes the output, because it is
// part of the audio cache key: stale audio would otherwise be served for changed text.
const Version = "vi-2"

// Dialect picks the regional words for numbers.
type Dialect int

const (
	// North reads 1.000 as "một nghìn" and 105 as "một trăm linh năm" (the default).
	North Dialect = iota
	// South reads 1.000 as "một ngàn" and 105 as "một trăm lẻ năm".
	South
)

// Options configures a Normaliser.
type Options struct {
	Dialect Dialect // North (default): nghìn, linh; South: ngàn, lẻ
	// Unknown is called for each all-capitals token (two or more letters) that the
	// dictionary does not know and that is not a Vietnamese syllable written in capitals
	// (headings such as "NGHỊ QUYẾT" are read as words, not reported). May be nil.
	// It may be called from several goroutines if the Normaliser is shared.
	Unknown func(token string)
}

// Normaliser turns paragraphs into sentences of spoken words. It holds no mutable state
// after New, so one value may be used from many goroutines.
type Normaliser struct {
	opts      Options
	thousand  string // "nghìn" or "ngàn"
	zeroTens  string // "linh" or "lẻ": the word for a zero tens digit before units
	perMille  string // reading of ‰
	unknownFn func(string)
}

// New returns a Normaliser for the given options.
func New(opts Options) *Normaliser {
	n := &Normaliser{opts: opts, thousand: "nghìn", zeroTens: "linh", unknownFn: opts.Unknown}
	if opts.Dialect == South {
		n.thousand, n.zeroTens = "ngàn", "lẻ"
	}
	n.perMille = "phần " + n.thousand
	return n
}

// Sentences normalises one paragraph (or heading) and splits it into sentences to be
// spoken, each NFC, containing only words, spaces and , . ; : ? ! punctuation. A sentence
// ends at . ? ! ; in the source (the mark is kept) and at every line end (no mark added).
func (n *Normaliser) Sentences(paragraph string) []string {
	text := prepare(paragraph)
	var a assembler
	for len(text) > 0 {
		line, rest, _ := strings.Cut(text, "\n")
		n.line(&a, line)
		a.end()
		text = rest
	}
	return a.out
}

// Text is the normalised paragraph as one string (sentences joined by a space).
func (n *Normaliser) Text(s string) string {
	return strings.Join(n.Sentences(s), " ")
}

// unknown reports an all-capitals token the dictionary does not know.
func (n *Normaliser) unknown(token string) {
	if n.unknownFn != nil {
		n.unknownFn(token)
	}
}
