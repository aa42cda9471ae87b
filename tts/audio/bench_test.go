package audio

import (
	"context"
	"testing"
	"time"

	"sotay/internal/need"
)

const benchAudio = 10 * time.Minute

// tenMinutes is real espeak-ng speech with tone and pauses, repeated to 10
// minutes.
func tenMinutes(b *testing.B) PCM {
	return speechAndTone(b, Samples(benchAudio))
}

// reportRealtime reports how many seconds of audio are processed per
// second of wall time.
func reportRealtime(b *testing.B, audio time.Duration) {
	b.ReportMetric(audio.Seconds()*float64(b.N)/b.Elapsed().Seconds(), "x_realtime")
}

func BenchmarkLoudness(b *testing.B) {
	p := tenMinutes(b)
	b.ResetTimer()
	for b.Loop() {
		Loudness(p)
	}
	reportRealtime(b, p.Duration())
}

func BenchmarkTruePeak(b *testing.B) {
	p := tenMinutes(b)
	b.ResetTimer()
	for b.Loop() {
		TruePeak(p)
	}
	reportRealtime(b, p.Duration())
}

func BenchmarkLevel(b *testing.B) {
	p := tenMinutes(b)
	b.ResetTimer()
	for b.Loop() {
		Level(p, -19, -1.5)
	}
	reportRealtime(b, p.Duration())
}

func BenchmarkEncodeMP3(b *testing.B) {
	need.Tool(b, "lame")
	p := Level(tenMinutes(b), -19, -1.5)
	b.ResetTimer()
	var size int
	for b.Loop() {
		m, err := EncodeMP3(context.Background(), p)
		if err != nil {
			b.Fatal(err)
		}
		size = len(m)
	}
	reportRealtime(b, p.Duration())
	b.ReportMetric(float64(size)*8/p.Duration().Seconds()/1000, "kbps")
}

func BenchmarkMP3Samples(b *testing.B) {
	need.Tool(b, "lame")
	p := Level(tenMinutes(b), -19, -1.5)
	m, err := EncodeMP3(context.Background(), p)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		n, err := MP3Samples(m)
		if err != nil || n != len(p) {
			b.Fatalf("MP3Samples = %d, %v; want %d", n, err, len(p))
		}
	}
	reportRealtime(b, p.Duration())
}
