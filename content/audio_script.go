package content

import (
	"regexp"
	"strings"

	"sotay/tts"
)

// DocumentScript is what a document's audio says: an opening (its type,
// number, issuer and title), then its body, heading by heading and
// paragraph by paragraph, with a chapter at the opening and at every
// heading — the Markdown headings, and the lines that head a part of a
// party document though typed as plain text ("Phần I", "Chương II",
// "Điều 5.", "II. NHIỆM VỤ").
func DocumentScript(d Document) tts.Script {
	s := tts.Script{Title: d.Title}
	opening := d.Type.Label()
	if d.Symbol != "" {
		opening += " số " + d.Symbol
	}
	if d.Issuer != "" {
		opening += " của " + d.Issuer
	}
	s.Blocks = append(s.Blocks, tts.Block{Kind: tts.Title, Text: opening + ". " + d.Title + ".", Chapter: d.Title})
	body := d.Body
	if strings.TrimSpace(body) == "" {
		body = d.Summary
	}
	s.Blocks = append(s.Blocks, scriptBlocks(body)...)
	return s
}

// scriptHeading recognises the headings of party and state documents typed
// as plain lines.
var scriptHeading = regexp.MustCompile(`^(?:(?:Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC|Điều|ĐIỀU)\s+[0-9IVXLC]+\b|[IVXLC]+\.\s+\S)`)

// scriptBlocks cuts a Markdown body into spoken blocks: headings, and
// paragraphs (a list item is a paragraph of its own; the lines of one
// paragraph stay apart so that each is a sentence).
func scriptBlocks(body string) []tts.Block {
	var blocks []tts.Block
	var para []string
	flush := func() {
		if len(para) > 0 {
			blocks = append(blocks, tts.Block{Kind: tts.Paragraph, Text: strings.Join(para, "\n")})
			para = nil
		}
	}
	for _, line := range strings.Split(body, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			flush()
			continue
		}
		if _, text, ok := mdHeading(line); ok {
			flush()
			text = scriptPlain(text)
			blocks = append(blocks, tts.Block{Kind: tts.Heading, Text: text, Chapter: chapterTitle(text)})
			continue
		}
		if _, _, text, ok := mdListItem(line); ok {
			flush()
			para = append(para, scriptPlain(text))
			flush()
			continue
		}
		plain := scriptPlain(line)
		if scriptHeading.MatchString(plain) {
			flush()
			blocks = append(blocks, tts.Block{Kind: tts.Heading, Text: plain, Chapter: chapterTitle(plain)})
			continue
		}
		para = append(para, plain)
	}
	flush()
	return blocks
}

var (
	scriptLink     = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	scriptEmphasis = regexp.MustCompile(`\*\*|__|\*|` + "`")
	scriptEscape   = regexp.MustCompile(`\\([\\*_\[\]()#+\-.!` + "`" + `])`)
)

// scriptPlain is a line of Markdown as it is read aloud: links are their
// text, emphasis marks and escapes are gone.
func scriptPlain(s string) string {
	s = scriptLink.ReplaceAllString(s, "$1")
	s = scriptEscape.ReplaceAllString(s, "\x00$1")
	s = scriptEmphasis.ReplaceAllString(s, "")
	return strings.TrimSpace(strings.ReplaceAll(s, "\x00", ""))
}

// chapterTitle is a heading shortened for a player's list.
func chapterTitle(s string) string {
	const max = 80
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return strings.TrimSpace(string(r[:max-1])) + "…"
}
