package tts_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"sotay/internal/need"
	"sotay/tts"
	"sotay/tts/audio"
	"sotay/tts/vi"
)

// counting is an engine that counts its calls.
type counting struct {
	tts.Engine
	calls atomic.Int32
}

func (c *counting) Synthesize(ctx context.Context, text string) (audio.PCM, error) {
	c.calls.Add(1)
	return c.Engine.Synthesize(ctx, text)
}

func newRenderer(t testing.TB) (*tts.Renderer, *counting) {
	need.Tool(t, "espeak-ng")
	need.Tool(t, "lame")
	e := &counting{Engine: &tts.Espeak{}}
	return &tts.Renderer{Engine: e, Normaliser: vi.New(vi.Options{}), Cache: tts.DirCache{Dir: t.TempDir()}}, e
}

func TestEditingOneParagraphRendersOneChunk(t *testing.T) {
	ctx := context.Background()
	r, e := newRenderer(t)
	s := tts.Script{Title: "Thông báo", Blocks: []tts.Block{
		{Kind: tts.Title, Text: "Thông báo số 12-TB/ĐU của Đảng ủy xã.", Chapter: "Mở đầu"},
		{Kind: tts.Paragraph, Text: "Chi bộ họp vào lúc 14:30 ngày 5/12/2026."},
		{Kind: tts.Heading, Text: "Phần I. Nội dung", Chapter: "Phần I. Nội dung"},
		{Kind: tts.Paragraph, Text: "Quán triệt Nghị quyết số 18-NQ/TU của BTV Tỉnh ủy."},
		{Kind: tts.Paragraph, Text: "Tổng kết công tác năm 2026, tỷ lệ hoàn thành đạt 97,1%."},
	}}
	p1, err := r.Plan(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	r1, err := r.Render(ctx, p1)
	if err != nil {
		t.Fatal(err)
	}
	if r1.Chunks != 5 || r1.Synthesized != 5 || e.calls.Load() != 5 || len(r1.Chapters) != 2 {
		t.Fatalf("first render: %d chunks, %d synthesised, %d calls, %d chapters", r1.Chunks, r1.Synthesized, e.calls.Load(), len(r1.Chapters))
	}
	if r1.Chapters[0].Start != 300*time.Millisecond || r1.Chapters[1].End != r1.Duration {
		t.Fatalf("chapters %+v of %v", r1.Chapters, r1.Duration)
	}
	// The same script plans the same file.
	if again, _ := r.Plan(ctx, s); again.Key != p1.Key {
		t.Fatal("the same script planned two keys")
	}
	s.Blocks[3].Text = "Quán triệt Kết luận số 21-KL/TW của BCHTW."
	p2, _ := r.Plan(ctx, s)
	if p2.Key == p1.Key {
		t.Fatal("an edit kept the plan key")
	}
	r2, err := r.Render(ctx, p2)
	if err != nil {
		t.Fatal(err)
	}
	if r2.Synthesized != 1 || e.calls.Load() != 6 {
		t.Fatalf("after one edit: %d synthesised, %d calls in all", r2.Synthesized, e.calls.Load())
	}
	// Another voice is another sound: nothing is reused.
	r.Engine = &counting{Engine: &tts.Espeak{Voice: "vi-vn-x-south"}}
	p3, _ := r.Plan(ctx, s)
	for i := range p3.Chunks {
		if p3.Chunks[i].Key == p2.Chunks[i].Key {
			t.Fatalf("chunk %d keeps its key under another voice", i)
		}
	}
}

func TestPlanCutsLongParagraphsAtSentences(t *testing.T) {
	need.Tool(t, "espeak-ng")
	r := &tts.Renderer{Engine: &tts.Espeak{}, Normaliser: vi.New(vi.Options{}), Cache: tts.DirCache{Dir: t.TempDir()}}
	long := strings.Repeat("Các cấp ủy, tổ chức đảng quán triệt và triển khai thực hiện nghiêm túc nghị quyết. ", 60)
	p, err := r.Plan(context.Background(), tts.Script{Blocks: []tts.Block{{Kind: tts.Paragraph, Text: long}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Chunks) < 2 {
		t.Fatalf("%d chunks for %d characters", len(p.Chunks), len([]rune(long)))
	}
	for i, c := range p.Chunks {
		if n := len([]rune(c.Text)); n > r.Engine.MaxChars() || !strings.HasSuffix(c.Text, ".") {
			t.Fatalf("chunk %d: %d characters, ends %q", i, n, c.Text[len(c.Text)-5:])
		}
		if want := 350 * time.Millisecond; i < len(p.Chunks)-1 && c.Pause != want {
			t.Fatalf("chunk %d pause %v", i, c.Pause)
		}
	}
}

// resolutionScript reads the 3,000-word test resolution as a Script, with
// a chapter per heading.
func resolutionScript(t testing.TB) tts.Script {
	b, err := os.ReadFile(filepath.Join("testdata", "nghi-quyet-3000.md"))
	if err != nil {
		t.Fatal(err)
	}
	s := tts.Script{Title: "Nghị quyết số 18-NQ/TU"}
	for _, para := range strings.Split(string(b), "\n\n") {
		para = strings.TrimSpace(strings.NewReplacer("**", "").Replace(para))
		if para == "" {
			continue
		}
		if h, ok := strings.CutPrefix(strings.TrimLeft(para, "#"), " "); ok && strings.HasPrefix(para, "#") {
			s.Blocks = append(s.Blocks, tts.Block{Kind: tts.Heading, Text: h, Chapter: h})
			continue
		}
		s.Blocks = append(s.Blocks, tts.Block{Kind: tts.Paragraph, Text: para})
	}
	return s
}

// A real-length resolution renders to a file that both go-mp3 and mpg123
// decode to exactly the recorded duration, at the rate elderly listeners
// follow.
func TestResolutionRendersToPlayableMP3(t *testing.T) {
	need.Tool(t, "mpg123")
	ctx := context.Background()
	r, _ := newRenderer(t)
	p, err := r.Plan(ctx, resolutionScript(t))
	if err != nil {
		t.Fatal(err)
	}
	out, err := r.Render(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "nq.mp3")
	if err := os.WriteFile(path, out.MP3, 0o644); err != nil {
		t.Fatal(err)
	}
	raw, err := exec.Command("mpg123", "-q", "-m", "-s", path).Output()
	if err != nil {
		t.Fatalf("mpg123: %v", err)
	}
	if got := len(raw) / 2; got != out.Samples {
		t.Fatalf("mpg123 decodes %d samples, the rendering says %d", got, out.Samples)
	}
	if got, err := audio.MP3Samples(out.MP3); err != nil || got != out.Samples {
		t.Fatalf("go-mp3 decodes %d samples (%v), the rendering says %d", got, err, out.Samples)
	}
	title, chapters, err := audio.ReadChapters(out.MP3)
	if err != nil || title != "Nghị quyết số 18-NQ/TU" || len(chapters) != len(out.Chapters) || len(chapters) < 6 {
		t.Fatalf("tag: %q, %d chapters (%v), rendering has %d", title, len(chapters), err, len(out.Chapters))
	}
	syllables := 0
	for _, c := range p.Chunks {
		syllables += len(strings.Fields(c.Text))
	}
	perMinute := float64(syllables) / out.Duration.Minutes()
	kbps := float64(len(out.MP3)*8) / out.Duration.Seconds() / 1000
	t.Logf("%d syllables, %v, %.0f syllables a minute, %.1f kbps, %d chunks, %d chapters", syllables, out.Duration.Round(time.Second), perMinute, kbps, out.Chunks, len(chapters))
	if perMinute < 170 || perMinute > 185 {
		t.Errorf("%.0f syllables a minute: elderly listeners need about 170–185", perMinute)
	}
	if kbps > 48 {
		t.Errorf("%.1f kbps: more than a poor link should carry", kbps)
	}
	if loud := audio.Loudness(decode(t, raw)); loud < -20 || loud > -18 {
		t.Errorf("loudness %.1f LUFS, want −19 ± 1", loud)
	}
}

func decode(t testing.TB, raw []byte) audio.PCM {
	p := make(audio.PCM, len(raw)/2)
	for i := range p {
		p[i] = int16(uint16(raw[2*i]) | uint16(raw[2*i+1])<<8)
	}
	return p
}

// BenchmarkRender3000Words renders the test resolution from an empty cache
// (normalise, synthesise, join, level, encode, tag, verify) and reports it
// as a multiple of real time.
func BenchmarkRender3000Words(b *testing.B) {
	ctx := context.Background()
	s := resolutionScript(b)
	var audioLen, spent time.Duration
	for b.Loop() {
		r, _ := newRenderer(b)
		start := time.Now()
		p, err := r.Plan(ctx, s)
		if err != nil {
			b.Fatal(err)
		}
		out, err := r.Render(ctx, p)
		if err != nil {
			b.Fatal(err)
		}
		spent += time.Since(start)
		audioLen += out.Duration
	}
	b.ReportMetric(audioLen.Seconds()/spent.Seconds(), "x-realtime")
	b.ReportMetric(audioLen.Seconds()/float64(b.N), "audio-s")
}

// BenchmarkRawEspeakLame is the floor: the same normalised text through
// espeak-ng piped into lame, as one shell pipeline, nothing else.
func BenchmarkRawEspeakLame(b *testing.B) {
	need.Tool(b, "espeak-ng")
	need.Tool(b, "lame")
	ctx := context.Background()
	r, _ := newRenderer(b)
	p, err := r.Plan(ctx, resolutionScript(b))
	if err != nil {
		b.Fatal(err)
	}
	var text strings.Builder
	for _, c := range p.Chunks {
		text.WriteString(c.Text)
		text.WriteString("\n")
	}
	out := filepath.Join(b.TempDir(), "raw.mp3")
	var spent time.Duration
	for b.Loop() {
		cmd := exec.Command("sh", "-c", "espeak-ng -v vi -s 132 -b 1 --stdin --stdout | lame --quiet -m m -V 7 - "+out)
		cmd.Stdin = strings.NewReader(text.String())
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			b.Fatalf("%v: %s", err, stderr.String())
		}
		spent += time.Since(start)
	}
	samples, err := exec.Command("mpg123", "-q", "-m", "-s", out).Output()
	if err != nil {
		b.Fatal(err)
	}
	d := audio.Duration(len(samples) / 2)
	b.ReportMetric(d.Seconds()*float64(b.N)/spent.Seconds(), "x-realtime")
	b.ReportMetric(d.Seconds(), "audio-s")
}

// BenchmarkRerenderAfterEdit: the resolution rendered once; then one
// paragraph edited and the whole file rendered again from the cache (one
// chunk synthesised; the join, levelling, encoding and check as before).
func BenchmarkRerenderAfterEdit(b *testing.B) {
	ctx := context.Background()
	s := resolutionScript(b)
	r, _ := newRenderer(b)
	p, err := r.Plan(ctx, s)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := r.Render(ctx, p); err != nil {
		b.Fatal(err)
	}
	para := len(s.Blocks) / 2
	orig := s.Blocks[para].Text
	synthesized := 0
	for i := 0; b.Loop(); i++ {
		s.Blocks[para].Text = fmt.Sprintf("%s Sửa lần thứ %d.", orig, i+1)
		p, err := r.Plan(ctx, s)
		if err != nil {
			b.Fatal(err)
		}
		out, err := r.Render(ctx, p)
		if err != nil {
			b.Fatal(err)
		}
		synthesized = out.Synthesized
	}
	b.ReportMetric(float64(synthesized), "chunks-synthesised")
}
