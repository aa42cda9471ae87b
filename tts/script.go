package tts

import "time"

// BlockKind is what a block of a Script is, which sets the pause after it.
type BlockKind int

const (
	Paragraph BlockKind = iota
	Heading             // a heading inside the document: Phần, Chương, Điều, a numbered section
	Title               // the document's opening: its type, number, issuer and title
)

// Block is one paragraph or heading of what to say.
type Block struct {
	Kind BlockKind
	Text string // as written: numbers, dates and abbreviations are normalised when planned
	// Chapter, when not empty, starts a chapter here with this title (the
	// player's table of contents; a heading's own text, usually).
	Chapter string
}

// Script is what a rendering says, in order.
type Script struct {
	Title  string // the MP3's title tag
	Blocks []Block
}

// The planned silences. A listener hears the structure: a breath between
// the pieces of a long paragraph, a beat between paragraphs, a clear stop
// after a heading (research: ~350 ms, 700 ms, 1 s).
const (
	pauseLead      = 300 * time.Millisecond
	pauseInside    = 350 * time.Millisecond
	pauseParagraph = 700 * time.Millisecond
	pauseHeading   = time.Second
)

func pauseAfter(k BlockKind) time.Duration {
	if k == Paragraph {
		return pauseParagraph
	}
	return pauseHeading
}
