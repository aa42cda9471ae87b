package audio

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"testing"
	"time"

	"sotay/internal/need"
)

func TestChaptersRoundTrip(t *testing.T) {
	chapters := []Chapter{
		{"Phần mở đầu", 0, 12345 * time.Millisecond},
		{"Chương I: Những quy định chung", 12345 * time.Millisecond, 61*time.Second + 500*time.Microsecond},
		{"Điều 5. Quyền và nghĩa vụ của người cao tuổi", 61 * time.Second, 2 * time.Hour},
		{"", 2 * time.Hour, 2*time.Hour + time.Millisecond},
	}
	const title = "Nghị quyết số 42-NQ/TW về chăm sóc người cao tuổi"
	fake := []byte{0xFF, 0xF3, 0x80, 0xC4, 1, 2, 3}
	tagged := WithChapters(fake, title, chapters)
	if !bytes.HasPrefix(tagged, []byte("ID3\x04\x00\x00")) || !bytes.HasSuffix(tagged, fake) {
		t.Fatalf("tag layout wrong: % x …", tagged[:10])
	}
	if !bytes.Contains(tagged, []byte("TIT2")) || !bytes.Contains(tagged, []byte("CTOC")) ||
		bytes.Count(tagged, []byte("CHAP")) != len(chapters) {
		t.Fatal("missing TIT2/CTOC/CHAP frames")
	}
	if !bytes.Contains(tagged, []byte("toc\x00\x03\x04chp0\x00chp1\x00chp2\x00chp3\x00")) {
		t.Error("CTOC is not top-level+ordered with the four children")
	}
	// CHAP chp1: start 12345 ms, end 61001 ms (61 s + 0.5 ms rounds up), no byte offsets.
	want := []byte("chp1\x00")
	want = binary.BigEndian.AppendUint32(want, 12345)
	want = binary.BigEndian.AppendUint32(want, 61001)
	want = append(want, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF)
	if !bytes.Contains(tagged, want) {
		t.Error("CHAP chp1 body not as expected")
	}
	gotTitle, got, err := ReadChapters(tagged)
	if err != nil {
		t.Fatal(err)
	}
	if gotTitle != title {
		t.Errorf("title %q, want %q", gotTitle, title)
	}
	if len(got) != len(chapters) {
		t.Fatalf("%d chapters back, want %d", len(got), len(chapters))
	}
	for i, c := range chapters {
		c.Start = c.Start.Round(time.Millisecond)
		c.End = c.End.Round(time.Millisecond)
		if got[i] != c {
			t.Errorf("chapter %d: %+v, want %+v", i, got[i], c)
		}
	}

	// Re-chaptering replaces the tag instead of stacking a second one.
	again := WithChapters(tagged, "khác", chapters[:1])
	if n := bytes.Count(again, []byte("ID3\x04")); n != 1 {
		t.Errorf("%d ID3 tags after re-tagging, want 1", n)
	}
	if tt, cs, err := ReadChapters(again); err != nil || tt != "khác" || len(cs) != 1 {
		t.Errorf("re-tagged: %q %v %v", tt, cs, err)
	}
	if !bytes.HasSuffix(again, fake) {
		t.Error("re-tagging damaged the audio")
	}
}

// More than 255 chapters need a tree of CTOCs (one-byte entry count).
func TestManyChapters(t *testing.T) {
	var chapters []Chapter
	for i := range 600 {
		chapters = append(chapters, Chapter{fmt.Sprintf("Điều %d", i+1), time.Duration(i) * time.Second, time.Duration(i+1) * time.Second})
	}
	_, got, err := ReadChapters(WithChapters(nil, "Luật", chapters))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(chapters) {
		t.Fatalf("%d chapters back, want %d", len(got), len(chapters))
	}
	for i := range got {
		if got[i] != chapters[i] {
			t.Fatalf("chapter %d: %+v, want %+v", i, got[i], chapters[i])
		}
	}
}

func TestReadChaptersErrors(t *testing.T) {
	if _, _, err := ReadChapters([]byte{0xFF, 0xF3, 0x80, 0xC4}); err == nil {
		t.Error("no tag: no error")
	}
	tagged := WithChapters(nil, "t", []Chapter{{"a", 0, time.Second}})
	if _, _, err := ReadChapters(tagged[:len(tagged)-5]); err == nil {
		t.Error("truncated tag: no error")
	}
}

// go-mp3 and mpg123 skip the ID3v2 tag: the chaptered file decodes to the
// same exact count as the bare one.
func TestChapteredMP3Decodes(t *testing.T) {
	need.Tool(t, "mpg123")
	p := Level(speechAndTone(t, Samples(7300*time.Millisecond)), -19, -1.5)
	m := encode(t, p)
	tagged := WithChapters(m, "Bản tin", []Chapter{
		{"Mở đầu", 0, 3 * time.Second},
		{"Nội dung", 3 * time.Second, p.Duration()},
	})
	n, err := MP3Samples(tagged)
	if err != nil {
		t.Fatal(err)
	}
	dec := mpg123Decode(t, tagged)
	t.Logf("chaptered: %d bytes of tag, go-mp3 %d, mpg123 %d, PCM %d", len(tagged)-len(m), n, len(dec), len(p))
	if n != len(p) || len(dec) != len(p) {
		t.Errorf("chaptered file: go-mp3 %d, mpg123 %d samples, want %d", n, len(dec), len(p))
	}
	title, cs, err := ReadChapters(tagged)
	if err != nil || title != "Bản tin" || len(cs) != 2 || cs[1].End != p.Duration().Round(time.Millisecond) {
		t.Errorf("ReadChapters on the MP3: %q %+v %v", title, cs, err)
	}
}
