package audio

import (
	"bytes"
	"context"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sotay/internal/need"
)

// speechAndTone is real speech followed by a 1 kHz tone and silence, cut or
// repeated to exactly n samples, then levelled like the pipeline does.
func speechAndTone(t testing.TB, n int) PCM {
	s := speech(t)
	s = append(s, fade(sine(1000, -12, 2*time.Second, 0))...)
	s = append(s, Silence(700*time.Millisecond)...)
	return repeatTo(s, n)
}

func encode(t testing.TB, p PCM) []byte {
	t.Helper()
	need.Tool(t, "lame")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	m, err := EncodeMP3(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// correlation is the normalised cross-correlation of a and b at lag 0; a
// gapless decoder that is sample-aligned scores close to 1.
func correlation(a, b PCM) float64 {
	var ab, aa, bb float64
	for i := range min(len(a), len(b)) {
		x, y := float64(a[i]), float64(b[i])
		ab += x * y
		aa += x * x
		bb += y * y
	}
	return ab / math.Sqrt(aa*bb)
}

// The headline property: go-mp3's sample count, corrected with the LAME
// tag, equals the PCM length exactly, and mpg123 (gapless by default)
// agrees and is time-aligned with the input.
func TestEncodeMP3SampleExact(t *testing.T) {
	need.Tool(t, "lame")
	need.Tool(t, "mpg123")
	lengths := []int{
		1, 575, 576, 577, 1151, 1152, 1153, SampleRate + 1,
		SampleRate,                       // 1 s
		Samples(7300 * time.Millisecond), // 7.3 s
		Samples(61 * time.Second),        // 61 s
	}
	for _, n := range lengths {
		p := Level(speechAndTone(t, n), -19, -1.5)
		m := encode(t, p)
		fi, err := ParseFirstFrame(m)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Version != "2" || fi.SampleRate != SampleRate || fi.Channels != 1 || !fi.HasLAMETag {
			t.Fatalf("%d samples: first frame %+v, want MPEG-2 22050 Hz mono with a LAME tag", n, fi)
		}
		got, err := MP3Samples(m)
		if err != nil {
			t.Fatalf("%d samples: MP3Samples: %v", n, err)
		}
		dec := mpg123Decode(t, m)
		kbps := float64(len(m)) * 8 / p.Duration().Seconds() / 1000
		t.Logf("%6d samples (%7.3f s): go-mp3 %d, mpg123 %d, delay %d, padding %d, %d bytes, %.1f kbps",
			n, p.Duration().Seconds(), got, len(dec), fi.EncDelay, fi.EncPadding, len(m), kbps)
		if got != n {
			t.Errorf("%d samples: MP3Samples = %d (off by %d)", n, got, got-n)
		}
		if len(dec) != n {
			t.Errorf("%d samples: mpg123 decodes %d (off by %d)", n, len(dec), len(dec)-n)
		}
		if n >= SampleRate {
			// Time alignment, and proof that lame read our raw PCM right
			// (Debian's lame warns that libsndfile may ignore -r).
			if c := correlation(p, dec); c < 0.9 {
				t.Errorf("%d samples: mpg123 output correlates %.3f with the input, want > 0.9", n, c)
			}
			if d := Loudness(dec) - Loudness(p); math.Abs(d) > 0.5 {
				t.Errorf("%d samples: decoded loudness differs by %.2f LU", n, d)
			}
		}
		if n >= 7*SampleRate && kbps > 48 {
			t.Errorf("%d samples: %.1f kbps, want ≤ 48", n, kbps)
		}
	}
}

// Pure speech (no tone) is what the budget is about: ≤ 48 kbps average.
func TestEncodeMP3SpeechBitrate(t *testing.T) {
	p := Level(speech(t), -19, -1.5)
	m := encode(t, p)
	kbps := float64(len(m)) * 8 / p.Duration().Seconds() / 1000
	t.Logf("speech %.1f s: %d bytes, %.1f kbps", p.Duration().Seconds(), len(m), kbps)
	if kbps > 48 {
		t.Errorf("%.1f kbps on speech, want ≤ 48", kbps)
	}
}

func TestEncodeMP3Errors(t *testing.T) {
	t.Run("lame missing", func(t *testing.T) {
		t.Setenv("PATH", t.TempDir())
		_, err := EncodeMP3(context.Background(), make(PCM, 100))
		if !errors.Is(err, exec.ErrNotFound) || !errors.Is(err, ErrLameNotFound) {
			t.Fatalf("err = %v, want exec.ErrNotFound and ErrLameNotFound", err)
		}
		t.Logf("lame missing: %v", err)
	})
	t.Run("empty input", func(t *testing.T) {
		if _, err := EncodeMP3(context.Background(), nil); err == nil {
			t.Fatal("no error for empty PCM")
		}
	})
	need.Tool(t, "lame")
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := EncodeMP3(ctx, make(PCM, SampleRate))
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
	})
	t.Run("timeout mid-encode", func(t *testing.T) {
		p := repeatTo(sine(440, -10, time.Second, 0), 10*60*SampleRate) // 10 min: seconds of lame
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err := EncodeMP3(ctx, p)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("err = %v, want context.DeadlineExceeded", err)
		}
		if el := time.Since(start); el > 5*time.Second {
			t.Errorf("took %v to give up after a 50 ms deadline", el)
		}
	})
	t.Run("lame fails", func(t *testing.T) {
		// A fake lame that exits 1 with a message: the message must reach
		// the error.
		dir := t.TempDir()
		script := "#!/bin/sh\necho 'fake lame: bad things' >&2\nexit 1\n"
		if err := os.WriteFile(filepath.Join(dir, "lame"), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
		t.Setenv("PATH", dir)
		_, err := EncodeMP3(context.Background(), make(PCM, 100))
		if err == nil || !strings.Contains(err.Error(), "fake lame: bad things") || !strings.Contains(err.Error(), "exit status 1") {
			t.Fatalf("err = %v, want exit status and stderr", err)
		}
	})
	t.Run("empty output", func(t *testing.T) {
		dir := t.TempDir()
		script := "#!/bin/sh\n/bin/cat >/dev/null\nfor a; do out=$a; done\n: > \"$out\"\n"
		if err := os.WriteFile(filepath.Join(dir, "lame"), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
		t.Setenv("PATH", dir)
		_, err := EncodeMP3(context.Background(), make(PCM, 100))
		if err == nil || !strings.Contains(err.Error(), "no output") {
			t.Fatalf("err = %v, want an empty-output error", err)
		}
	})
}

// lameFile runs lame with extra flags on p, for files EncodeMP3 would never
// make.
func lameFile(t *testing.T, p PCM, flags ...string) []byte {
	t.Helper()
	need.Tool(t, "lame")
	out := filepath.Join(t.TempDir(), "x.mp3")
	args := append([]string{"-r", "-s", "22.05", "--signed", "--little-endian", "--bitwidth", "16", "-m", "m", "--silent"}, flags...)
	cmd := exec.Command("lame", append(args, "-", out)...)
	cmd.Stdin = bytes.NewReader(p.bytesLE())
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("lame %v: %v: %s", flags, err, b)
	}
	m, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestMP3SamplesErrors(t *testing.T) {
	p := sine(440, -10, 2*time.Second, 0)
	if _, err := MP3Samples([]byte("definitely not an mp3, just some text")); err == nil {
		t.Error("garbage: no error")
	}
	if _, err := MP3Samples(nil); err == nil {
		t.Error("empty: no error")
	}
	m25 := lameFile(t, p, "--resample", "11.025", "-V", "7")
	if _, err := MP3Samples(m25); err == nil || !strings.Contains(err.Error(), "MPEG-2.5") {
		t.Errorf("11.025 kHz (MPEG-2.5): err = %v, want an MPEG-2.5 error", err)
	}
	m44 := lameFile(t, p, "--resample", "44.1", "-V", "7")
	if _, err := MP3Samples(m44); err == nil || !strings.Contains(err.Error(), "44100") {
		t.Errorf("44.1 kHz: err = %v, want a sample-rate error", err)
	}
	noTag := lameFile(t, p, "-b", "32", "-t") // CBR, no Xing/LAME tag
	n, err := MP3Samples(noTag)
	if !errors.Is(err, ErrNoGaplessInfo) || n < len(p) {
		t.Errorf("no LAME tag: n = %d, err = %v; want ErrNoGaplessInfo and n ≥ %d", n, err, len(p))
	}
	// A truncated file is short, not exact: detect it by comparing counts.
	good := encode(t, p)
	if n, err := MP3Samples(good[:len(good)/2]); err == nil && n == len(p) {
		t.Error("half a file still reports the full length")
	}
}

// Decoding while lame writes gives the same exact count as decoding the
// finished file, for lengths around frame boundaries and long ones.
func TestEncodeVerifiedMP3(t *testing.T) {
	need.Tool(t, "lame")
	ctx := context.Background()
	for _, n := range []int{1, 575, 577, 22050, 160965, 1345050} {
		p := make(PCM, n)
		for i := range p {
			p[i] = int16(8000 * math.Sin(2*math.Pi*440*float64(i)/SampleRate))
		}
		data, got, err := EncodeVerifiedMP3(ctx, p)
		if err != nil {
			t.Fatalf("%d samples: %v", n, err)
		}
		if want, err := MP3Samples(data); err != nil || got != n || want != n {
			t.Fatalf("%d samples: streaming count %d, file count %d (%v)", n, got, want, err)
		}
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, _, err := EncodeVerifiedMP3(cancelled, make(PCM, 1000)); err == nil {
		t.Fatal("a cancelled encode succeeded")
	}
}
