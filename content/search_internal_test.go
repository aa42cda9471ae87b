package content

import "testing"

func TestSearchSnippetHTML(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"a \x01b\x02 c":            "a <mark>b</mark> c",
		"<i>\x01&\x02":             "&lt;i&gt;<mark>&amp;</mark>",
		"\x02stray\x01open":        "stray<mark>open</mark>",
		"\x01\x01twice\x02\x02":    "<mark>twice</mark>",
		"\"q\" 'a'":                "&#34;q&#34; &#39;a&#39;",
		"\x01<script>\x02alert(1)": "<mark>&lt;script&gt;</mark>alert(1)",
	}
	for in, want := range cases {
		if got := searchSnippetHTML(in); got != want {
			t.Errorf("searchSnippetHTML(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSearchPlain(t *testing.T) {
	t.Parallel()
	in := "18-NQ/TU \x01Nghị\x02 quyết\n\n# Điều 1\nNội dung **\x01nghị\x02 quyết**\n- mục `một`\n2. mục hai\t cuối"
	want := "18-NQ/TU \x01Nghị\x02 quyết Điều 1 Nội dung \x01nghị\x02 quyết mục một mục hai cuối"
	if got := searchPlain(in); got != want {
		t.Errorf("searchPlain = %q, want %q", got, want)
	}
}
