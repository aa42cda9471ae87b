package content

import (
	"html"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"
)

// RenderMarkdown turns a document body written in a small subset of Markdown
// into safe HTML. The subset is what committee staff type in a textarea:
//
//	# Heading … ###### Heading      headings
//	(blank line)                    separates paragraphs, lists and headings
//	- item, * item, + item          unordered list
//	1. item, 2) item                ordered list (the first number is kept)
//	**bold**, *italic*, `code`      inline
//	[text](https://…)               links: http, https and mailto only
//	\*                              a literal punctuation character
//
// A line break inside a paragraph or list item is kept (<br>): documents are
// laid out line by line ("Nơi nhận:", addresses). Everything else, raw HTML
// included, is text: every character of the source reaches the output
// HTML-escaped, and the only tags are the ones this renderer writes, always
// balanced. A link whose destination is not http(s) or mailto (javascript:,
// data:, relative...) is rendered as its text alone.
func RenderMarkdown(src string) string {
	src = strings.ToValidUTF8(src, "\uFFFD")
	src = strings.ReplaceAll(src, "\x00", "\uFFFD")
	src = strings.ReplaceAll(src, "\r\n", "\n")
	src = strings.ReplaceAll(src, "\r", "\n")
	lines := strings.Split(src, "\n")

	var b strings.Builder
	var para []string // lines of the open paragraph
	var list struct {
		ordered bool
		items   [][]string // each item's lines
		start   int
	}
	flushPara := func() {
		if len(para) == 0 {
			return
		}
		b.WriteString("<p>")
		mdLines(&b, para)
		b.WriteString("</p>\n")
		para = nil
	}
	flushList := func() {
		if len(list.items) == 0 {
			return
		}
		tag := "ul"
		if list.ordered {
			tag = "ol"
		}
		b.WriteString("<" + tag)
		if list.ordered && list.start != 1 {
			b.WriteString(` start="` + strconv.Itoa(list.start) + `"`)
		}
		b.WriteString(">\n")
		for _, item := range list.items {
			b.WriteString("<li>")
			mdLines(&b, item)
			b.WriteString("</li>\n")
		}
		b.WriteString("</" + tag + ">\n")
		list.items = nil
	}

	for _, raw := range lines {
		line := strings.TrimRight(raw, " \t")
		trimmed := strings.TrimLeft(line, " \t")
		if trimmed == "" {
			flushPara()
			flushList()
			continue
		}
		if level, text, ok := mdHeading(trimmed); ok {
			flushPara()
			flushList()
			h := "h" + strconv.Itoa(level)
			b.WriteString("<" + h + ">")
			mdInline(&b, text, true)
			b.WriteString("</" + h + ">\n")
			continue
		}
		if ordered, start, text, ok := mdListItem(trimmed); ok {
			flushPara()
			if len(list.items) > 0 && list.ordered != ordered {
				flushList()
			}
			if len(list.items) == 0 {
				list.ordered, list.start = ordered, start
			}
			list.items = append(list.items, []string{text})
			continue
		}
		if n := len(list.items); n > 0 {
			// A line right after an item, without a blank line, continues it.
			list.items[n-1] = append(list.items[n-1], trimmed)
			continue
		}
		para = append(para, trimmed)
	}
	flushPara()
	flushList()
	return b.String()
}

// mdHeading recognises "# text" up to six #, with a space after them;
// closing #s are dropped.
func mdHeading(s string) (level int, text string, ok bool) {
	for level < len(s) && s[level] == '#' {
		level++
	}
	if level == 0 || level > 6 || level == len(s) || (s[level] != ' ' && s[level] != '\t') {
		return 0, "", false
	}
	text = strings.TrimSpace(s[level:])
	if t := strings.TrimRight(text, "#"); t != text && (t == "" || strings.HasSuffix(t, " ") || strings.HasSuffix(t, "\t")) {
		text = strings.TrimSpace(t)
	}
	return level, text, true
}

// mdListItem recognises "- text", "* text", "+ text", "12. text" and "12) text".
func mdListItem(s string) (ordered bool, start int, text string, ok bool) {
	if len(s) >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && (s[1] == ' ' || s[1] == '\t') {
		return false, 0, strings.TrimSpace(s[2:]), true
	}
	i := 0
	for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || i+1 >= len(s) || (s[i] != '.' && s[i] != ')') || (s[i+1] != ' ' && s[i+1] != '\t') {
		return false, 0, "", false
	}
	n, _ := strconv.Atoi(s[:i])
	return true, n, strings.TrimSpace(s[i+2:]), true
}

// mdLines writes lines as inline text separated by <br>.
func mdLines(b *strings.Builder, lines []string) {
	for i, l := range lines {
		if i > 0 {
			b.WriteString("<br>\n")
		}
		mdInline(b, l, true)
	}
}

// mdMaxDepth bounds the nesting of inline constructs; deeper text is
// written escaped, without formatting.
const mdMaxDepth = 8

// mdInline writes one line of inline Markdown. Text is escaped character by
// character; each construct is recognised only when it is closed on the
// line, and its inside is rendered by a recursive call, so tags always
// balance. links is false inside a link's text (no nested links).
//
// The work is linear in the line for each nesting level: a closer search
// that fails is not repeated further on (noCloser), and link brackets and
// parentheses are matched once per line (mdMatch).
func mdInline(b *strings.Builder, s string, links bool) { mdInlineDepth(b, s, links, 0) }

func mdInlineDepth(b *strings.Builder, s string, links bool, depth int) {
	if depth > mdMaxDepth {
		b.WriteString(html.EscapeString(s))
		return
	}
	var match []int32
	if links && strings.Contains(s, "](") {
		match = mdMatch(s)
	}
	noCloser := [3]bool{} // `, **, * : no closer anywhere after the last failed search
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && mdPunct(s[i+1]):
			b.WriteString(html.EscapeString(s[i+1 : i+2]))
			i += 2
			continue
		case c == '`' && !noCloser[0]:
			if j := strings.IndexByte(s[i+1:], '`'); j > 0 {
				b.WriteString("<code>")
				b.WriteString(html.EscapeString(s[i+1 : i+1+j]))
				b.WriteString("</code>")
				i += j + 2
				continue
			} else if j < 0 {
				noCloser[0] = true
			}
		case c == '*' && strings.HasPrefix(s[i:], "**"):
			if noCloser[1] {
				b.WriteString("**")
				i += 2
				continue
			}
			if j := mdCloser(s[i+2:], "**"); j > 0 {
				b.WriteString("<strong>")
				mdInlineDepth(b, s[i+2:i+2+j], links, depth+1)
				b.WriteString("</strong>")
				i += j + 4
				continue
			}
			noCloser[1] = true
			b.WriteString("**")
			i += 2
			continue
		case c == '*' && !noCloser[2]:
			if j := mdCloser(s[i+1:], "*"); j > 0 {
				b.WriteString("<em>")
				mdInlineDepth(b, s[i+1:i+1+j], links, depth+1)
				b.WriteString("</em>")
				i += j + 2
				continue
			}
			noCloser[2] = true
		case c == '[' && match != nil:
			if text, dest, n, ok := mdLink(s, i, match); ok {
				if href, safe := mdSafeURL(dest); safe {
					b.WriteString(`<a href="`)
					b.WriteString(html.EscapeString(href))
					b.WriteString(`" rel="nofollow noopener noreferrer">`)
					mdInlineDepth(b, text, false, depth+1)
					b.WriteString("</a>")
				} else {
					mdInlineDepth(b, text, false, depth+1)
				}
				i += n
				continue
			}
		}
		// Plain text: one whole UTF-8 character, escaped.
		_, size := utf8.DecodeRuneInString(s[i:])
		b.WriteString(html.EscapeString(s[i : i+size]))
		i += size
	}
}

// mdCloser finds the delimiter that closes an emphasis opened just before s:
// the inside must not be empty nor start or end with a space, and a single
// * must not be half of a **. It returns the inside's length, or -1.
func mdCloser(s, delim string) int {
	if s == "" || s[0] == ' ' || s[0] == '\t' {
		return -1
	}
	for j := 0; j < len(s); j++ {
		if s[j] == '\\' {
			j++
			continue
		}
		if s[j] == '`' { // a code span hides its delimiters
			if k := strings.IndexByte(s[j+1:], '`'); k > 0 {
				j += k + 1
				continue
			}
		}
		if s[j] != '*' {
			continue
		}
		if delim == "*" && strings.HasPrefix(s[j:], "**") {
			j++ // a ** inside an emphasis is bold, not the closer
			continue
		}
		if !strings.HasPrefix(s[j:], delim) || j == 0 || s[j-1] == ' ' || s[j-1] == '\t' {
			continue
		}
		return j
	}
	return -1
}

// mdMatch pairs brackets and parentheses in one pass: match[i] is the index
// of the ] or ) closing the [ or ( at i, or -1. Escaped characters pair with
// nothing.
func mdMatch(s string) []int32 {
	match := make([]int32, len(s))
	var brackets, parens []int32
	for i := 0; i < len(s); i++ {
		match[i] = -1
		switch s[i] {
		case '\\':
			if i+1 < len(s) {
				i++
				match[i] = -1
			}
		case '[':
			brackets = append(brackets, int32(i))
		case '(':
			parens = append(parens, int32(i))
		case ']':
			if n := len(brackets); n > 0 {
				match[brackets[n-1]] = int32(i)
				brackets = brackets[:n-1]
			}
		case ')':
			if n := len(parens); n > 0 {
				match[parens[n-1]] = int32(i)
				parens = parens[:n-1]
			}
		}
	}
	return match
}

// mdLink parses "[text](dest)" at s[i:], with balanced brackets in the text
// and balanced parentheses in the destination. n is the length consumed.
func mdLink(s string, i int, match []int32) (text, dest string, n int, ok bool) {
	end := int(match[i])
	if end < 0 || end+1 >= len(s) || s[end+1] != '(' {
		return "", "", 0, false
	}
	closing := int(match[end+1])
	if closing < 0 {
		return "", "", 0, false
	}
	return s[i+1 : end], strings.TrimSpace(s[end+2 : closing]), closing + 1 - i, true
}

// mdSafeURL accepts absolute http and https URLs with a host, and mailto
// URLs; nothing with spaces, quotes, angle brackets, backslashes or control
// characters. It returns the URL to write (still to be escaped).
func mdSafeURL(dest string) (string, bool) {
	if dest == "" || len(dest) > 2048 {
		return "", false
	}
	for _, r := range dest {
		if r <= ' ' || r == 0x7f || r == '"' || r == '\'' || r == '<' || r == '>' || r == '\\' || r == '`' ||
			(r >= 0x80 && r <= 0x9f) || r == 0x2028 || r == 0x2029 {
			return "", false
		}
	}
	u, err := url.Parse(dest)
	if err != nil {
		return "", false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" || u.User != nil {
			return "", false
		}
	case "mailto":
		if u.Opaque == "" {
			return "", false
		}
	default:
		return "", false
	}
	return dest, true
}

func mdPunct(c byte) bool {
	return strings.IndexByte("\\`*_{}[]()#+-.!|<>~\"'", c) >= 0
}
