package content_test

import (
	"regexp"
	"strings"
	"testing"

	"sotay/content"
)

func TestRenderMarkdown(t *testing.T) {
	t.Parallel()
	cases := []struct{ name, src, want string }{
		{"paragraphs", "Một\n\nHai", "<p>Một</p>\n<p>Hai</p>\n"},
		{"line breaks", "Nơi nhận:\n- Như trên,", "<p>Nơi nhận:</p>\n<ul>\n<li>Như trên,</li>\n</ul>\n"},
		{"br inside paragraph", "dòng 1\ndòng 2\r\ndòng 3", "<p>dòng 1<br>\ndòng 2<br>\ndòng 3</p>\n"},
		{"headings", "# Một\n###### Sáu ##\n####### bảy", "<h1>Một</h1>\n<h6>Sáu</h6>\n<p>####### bảy</p>\n"},
		{"heading needs a space", "#hashtag", "<p>#hashtag</p>\n"},
		{"unordered", "- a\n* b\n+ c", "<ul>\n<li>a</li>\n<li>b</li>\n<li>c</li>\n</ul>\n"},
		{"ordered", "1. một\n2. hai", "<ol>\n<li>một</li>\n<li>hai</li>\n</ol>\n"},
		{"ordered start", "3) ba\n4) bốn", "<ol start=\"3\">\n<li>ba</li>\n<li>bốn</li>\n</ol>\n"},
		{"list continuation", "- a\n  tiếp\n- b", "<ul>\n<li>a<br>\ntiếp</li>\n<li>b</li>\n</ul>\n"},
		{"list kinds switch", "- a\n1. b", "<ul>\n<li>a</li>\n</ul>\n<ol>\n<li>b</li>\n</ol>\n"},
		{"emphasis", "**đậm** và *nghiêng* và `mã`", "<p><strong>đậm</strong> và <em>nghiêng</em> và <code>mã</code></p>\n"},
		{"nested emphasis", "**đậm *nghiêng* đậm**", "<p><strong>đậm <em>nghiêng</em> đậm</strong></p>\n"},
		{"unclosed emphasis", "2 * 3 = 6, **không đóng", "<p>2 * 3 = 6, **không đóng</p>\n"},
		{"escape", `\*không nghiêng\*`, "<p>*không nghiêng*</p>\n"},
		{"link", "[Cổng](https://dangcongsan.vn/a?b=1&c=2)", `<p><a href="https://dangcongsan.vn/a?b=1&amp;c=2" rel="nofollow noopener noreferrer">Cổng</a></p>` + "\n"},
		{"link with parens", "[x](https://vi.wikipedia.org/wiki/A_(B))", `<p><a href="https://vi.wikipedia.org/wiki/A_(B)" rel="nofollow noopener noreferrer">x</a></p>` + "\n"},
		{"mailto", "[thư](mailto:vp@tinhuy.vn)", `<p><a href="mailto:vp@tinhuy.vn" rel="nofollow noopener noreferrer">thư</a></p>` + "\n"},
		{"code keeps stars", "`a*b*c`", "<p><code>a*b*c</code></p>\n"},
	}
	for _, c := range cases {
		if got := content.RenderMarkdown(c.src); got != c.want {
			t.Errorf("%s: RenderMarkdown(%q)\n got %q\nwant %q", c.name, c.src, got, c.want)
		}
	}
}

// TestRenderMarkdownIsSafe feeds the renderer what an attacker would write
// and checks the output contains no tag or attribute the renderer does not
// write itself, and no dangerous URL.
func TestRenderMarkdownIsSafe(t *testing.T) {
	t.Parallel()
	attacks := []string{
		`<script>alert(1)</script>`,
		`<img src=x onerror=alert(1)>`,
		"# <b onmouseover=alert(1)>x</b>",
		"- <iframe src=javascript:alert(1)>",
		`[click](javascript:alert(1))`,
		`[click](JaVaScRiPt:alert(1))`,
		`[click]( javascript:alert(1))`,
		"[click](java\tscript:alert(1))",
		`[click](javascript&#58;alert(1))`,
		`[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
		`[click](vbscript:msgbox(1))`,
		`[click](//evil.example/x)`,
		`[click](https://ok.vn" onmouseover="alert(1))`,
		`[click](https://ok.vn/"><script>alert(1)</script>)`,
		`[click](https://ok.vn/'onmouseover='alert(1))`,
		`[<script>alert(1)</script>](https://ok.vn)`,
		`[x](https://a.vn)<script>`,
		"**<script>**alert(1)",
		"`</code><script>alert(1)</script>`",
		"*<svg/onload=alert(1)>*",
		`[[x](https://a.vn)](javascript:alert(1))`,
		"\x00<script>\xff\xfe",
		"&lt;script&gt; &amp; &#x3C;",
		`[a](https://google.com@evil.vn)`,
	}
	allowedTag := regexp.MustCompile(`^</?(p|br|h[1-6]|ul|ol|li|strong|em|code)>$|^<ol start="\d+">$|^<a href="(https?|mailto):[^"<>]*" rel="nofollow noopener noreferrer">$|^</a>$`)
	tag := regexp.MustCompile(`<[^>]*>`)
	for _, src := range attacks {
		out := content.RenderMarkdown(src)
		for _, tg := range tag.FindAllString(out, -1) {
			if !allowedTag.MatchString(tg) {
				t.Errorf("RenderMarkdown(%q) = %q: unexpected tag %q", src, out, tg)
			}
		}
		low := strings.ToLower(out)
		for _, bad := range []string{"<script", "<img", "<iframe", "<svg", "javascript:", "vbscript:", "data:text", "onerror=\"", "onmouseover=\""} {
			if bad == "javascript:" || bad == "vbscript:" || bad == "data:text" {
				// The text of a refused link may mention the scheme; it must never be an href.
				if strings.Contains(low, `href="`+bad) || strings.Contains(low, `href="`+strings.TrimSuffix(bad, ":")) {
					t.Errorf("RenderMarkdown(%q) = %q: dangerous href", src, out)
				}
				continue
			}
			if strings.Contains(low, bad) {
				t.Errorf("RenderMarkdown(%q) = %q contains %q", src, out, bad)
			}
		}
		if strings.Count(out, "<a ") != strings.Count(out, "</a>") {
			t.Errorf("RenderMarkdown(%q) = %q: unbalanced links", src, out)
		}
	}
	// Raw HTML comes out as visible text.
	if got := content.RenderMarkdown("<script>alert(1)</script>"); got != "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n" {
		t.Errorf("raw HTML: %q", got)
	}
	// A refused link shows its text only.
	if got := content.RenderMarkdown("[bấm](javascript:alert(1))"); got != "<p>bấm</p>\n" {
		t.Errorf("javascript link: %q", got)
	}
	// An attribute injection attempt is not a link at all.
	if got := content.RenderMarkdown(`[x](https://ok.vn" onmouseover="alert(1))`); strings.Contains(got, "<a ") {
		t.Errorf("attribute injection became a link: %q", got)
	}
}

func FuzzRenderMarkdown(f *testing.F) {
	for _, s := range []string{"# a\n- b\n1. c\n**d** *e* `f` [g](https://h.vn)", "<script>", "[x](javascript:y)"} {
		f.Add(s)
	}
	tag := regexp.MustCompile(`<[^>]*>`)
	allowedTag := regexp.MustCompile(`^</?(p|br|h[1-6]|ul|ol|li|strong|em|code)>$|^<ol start="\d+">$|^<a href="(https?|mailto):[^"<>]*" rel="nofollow noopener noreferrer">$|^</a>$`)
	f.Fuzz(func(t *testing.T, src string) {
		out := content.RenderMarkdown(src)
		for _, tg := range tag.FindAllString(out, -1) {
			if !allowedTag.MatchString(tg) {
				t.Fatalf("RenderMarkdown(%q) = %q: unexpected tag %q", src, out, tg)
			}
		}
		for _, tg := range []string{"p", "ul", "ol", "li", "strong", "em", "code", "a"} {
			open := strings.Count(out, "<"+tg+">") + strings.Count(out, "<"+tg+" ")
			if open != strings.Count(out, "</"+tg+">") {
				t.Fatalf("RenderMarkdown(%q) = %q: unbalanced <%s>", src, out, tg)
			}
		}
	})
}
