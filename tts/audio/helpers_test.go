package audio

import (
	"bytes"
	"context"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"sotay/internal/need"
)

// sine returns d of a sine at freq Hz with peak amplitude ampDBFS relative
// to full scale 32768, starting at phase (radians).
func sine(freq, ampDBFS float64, d time.Duration, phase float64) PCM {
	n := Samples(d)
	a := 32768 * math.Pow(10, ampDBFS/20)
	p := make(PCM, n)
	for i := range p {
		v := math.Round(a * math.Sin(2*math.Pi*freq*float64(i)/SampleRate+phase))
		p[i] = int16(max(-32768, min(32767, v)))
	}
	return p
}

// ~70 syllables: about 22 s at espeak-ng -v vi -s 145.
const vietText = "Xin kính chào các cụ. Hôm nay chúng tôi xin đọc bản tin về nghị quyết của " +
	"Ban Chấp hành Trung ương. Nghị quyết nêu rõ việc chăm lo đời sống cho người cao tuổi, " +
	"bảo đảm mọi người được khám chữa bệnh đầy đủ, được sống vui khỏe và có ích cho gia đình " +
	"và xã hội. Các cấp ủy đảng cần quan tâm lãnh đạo, chỉ đạo thực hiện tốt nhiệm vụ này."

var (
	speechOnce sync.Once
	speechPCM  PCM
	speechRaw  []byte
	speechErr  error
)

// espeakStdout runs espeak-ng the way the pipeline does and returns its raw
// stdout (a WAV with placeholder sizes).
func espeakStdout(tb testing.TB) []byte {
	tb.Helper()
	need.Tool(tb, "espeak-ng")
	speechOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		var stderr bytes.Buffer
		cmd := exec.CommandContext(ctx, "espeak-ng", "-v", "vi", "-s", "145", "-b", "1", "--stdout", vietText)
		cmd.Stderr = &stderr
		speechRaw, speechErr = cmd.Output()
		if speechErr != nil {
			speechErr = &toolError{speechErr, stderr.String()}
			return
		}
		speechPCM, speechErr = ReadWAV(bytes.NewReader(speechRaw))
	})
	if speechErr != nil {
		tb.Fatalf("espeak-ng: %v", speechErr)
	}
	return speechRaw
}

// speech returns ~22 s of real espeak-ng Vietnamese speech.
func speech(tb testing.TB) PCM {
	tb.Helper()
	espeakStdout(tb)
	return append(PCM(nil), speechPCM...)
}

type toolError struct {
	err    error
	stderr string
}

func (e *toolError) Error() string { return e.err.Error() + ": " + e.stderr }

// repeatTo repeats p until it is exactly n samples long.
func repeatTo(p PCM, n int) PCM {
	out := make(PCM, 0, n)
	for len(out) < n {
		out = append(out, p[:min(len(p), n-len(out))]...)
	}
	return out
}

// mpg123Decode decodes an MP3 file with mpg123 (gapless, as it does by
// default) to mono 16-bit and returns the samples.
func mpg123Decode(tb testing.TB, mp3 []byte) PCM {
	tb.Helper()
	need.Tool(tb, "mpg123")
	f := filepath.Join(tb.TempDir(), "in.mp3")
	if err := os.WriteFile(f, mp3, 0o600); err != nil {
		tb.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd := exec.Command("mpg123", "-q", "-m", "-e", "s16", "-s", f)
	cmd.Stderr = &stderr
	raw, err := cmd.Output()
	if err != nil {
		tb.Fatalf("mpg123: %v: %s", err, stderr.String())
	}
	p := make(PCM, len(raw)/2)
	for i := range p {
		p[i] = int16(uint16(raw[2*i]) | uint16(raw[2*i+1])<<8)
	}
	return p
}

func dbDiff(got, want float64) float64 { return math.Abs(got - want) }
