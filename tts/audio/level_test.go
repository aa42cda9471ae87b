package audio

import (
	"math"
	"testing"
	"time"
)

const (
	targetLUFS = -19.0
	ceilingTP  = -1.5
)

func checkLeveled(t *testing.T, name string, in, out PCM) {
	t.Helper()
	if len(out) != len(in) {
		t.Fatalf("%s: Level changed the length %d → %d", name, len(in), len(out))
	}
	l, tp := Loudness(out), TruePeak(out)
	t.Logf("%s: in %.2f LUFS / %.2f dBTP → out %.2f LUFS / %.2f dBTP", name, Loudness(in), TruePeak(in), l, tp)
	if dbDiff(l, targetLUFS) > 0.5 {
		t.Errorf("%s: %.2f LUFS, want %v ± 0.5", name, l, targetLUFS)
	}
	if tp > ceilingTP+0.05 {
		t.Errorf("%s: true peak %.3f dBTP, want ≤ %v (+0.05)", name, tp, ceilingTP)
	}
}

func scale(p PCM, db float64) PCM {
	g := math.Pow(10, db/20)
	out := make(PCM, len(p))
	for i, v := range p {
		out[i] = int16(max(-32768, min(32767, math.Round(float64(v)*g))))
	}
	return out
}

// Real espeak-ng speech, as produced, then 20 dB quieter, then driven 10 dB
// into hard clipping (very loud, peaks flattened at full scale).
func TestLevelSpeech(t *testing.T) {
	s := speech(t)
	checkLeveled(t, "espeak speech", s, Level(s, targetLUFS, ceilingTP))

	quiet := scale(s, -20)
	qo := Level(quiet, targetLUFS, ceilingTP)
	checkLeveled(t, "quiet speech", quiet, qo)
	if Loudness(qo) <= Loudness(quiet)+15 {
		t.Errorf("quiet input did not get louder: %.2f → %.2f LUFS", Loudness(quiet), Loudness(qo))
	}

	loud := scale(s, 10)
	lo := Level(loud, targetLUFS, ceilingTP)
	checkLeveled(t, "loud speech", loud, lo)
	if Loudness(lo) >= Loudness(loud)-5 {
		t.Errorf("loud input did not get quieter: %.2f → %.2f LUFS", Loudness(loud), Loudness(lo))
	}
}

// The limiter must be smooth: the gain it applies may not jump between
// neighbouring samples (a 5 ms attack ramp moves the gain by at most
// 1/110 of its swing per sample).
func TestLevelLimiterIsSmooth(t *testing.T) {
	s := speech(t)
	x := pcmToFloat(s)
	env := make([]float64, len(x))
	gp := gapPeaks(x, 0)
	for i, v := range x {
		env[i] = max(math.Abs(v), gp[i])
		if i > 0 {
			env[i] = max(env[i], gp[i-1])
		}
	}
	y := make([]float64, len(x))
	one := make([]float64, len(x))
	for i := range one {
		one[i] = 1
	}
	// Feed a constant through the limiter with speech's envelope to read
	// the gain curve itself.
	g := 2.0 // +6 dB: forces heavy limiting
	limit := 32768 * math.Pow(10, ceilingTP/20)
	limitGain(y, one, env, make([]float64, len(x)), g, limit)
	var worst, minGain float64 = 0, 1
	for i := 1; i < len(y); i++ {
		worst = max(worst, math.Abs(y[i]-y[i-1])/g)
		minGain = min(minGain, y[i]/g)
	}
	t.Logf("limiter: deepest gain %.2f dB, largest step %.5f per sample", 20*math.Log10(minGain), worst)
	if worst > 1.0/attackSamples {
		t.Errorf("gain step %.5f per sample, want ≤ 1/%d", worst, attackSamples)
	}
	for i, v := range y {
		if v*env[i] > limit*(1+1e-9) {
			t.Fatalf("sample %d: envelope %.0f × gain %.4f exceeds the limit %.0f", i, env[i], v, limit)
		}
	}
}

// An impulse train is all peak and no loudness: the target cannot be met,
// but the result must not clip or exceed the ceiling.
func TestLevelImpulseTrainDoesNotClip(t *testing.T) {
	p := Silence(10 * time.Second)
	for i := 100; i < len(p); i += SampleRate / 10 {
		p[i] = 32767
		if i+SampleRate/20 < len(p) {
			p[i+SampleRate/20] = -32768
		}
	}
	out := Level(p, targetLUFS, ceilingTP)
	tp := TruePeak(out)
	t.Logf("impulse train: %.2f LUFS / %.2f dBTP → %.2f LUFS / %.2f dBTP", Loudness(p), TruePeak(p), Loudness(out), tp)
	if tp > ceilingTP+0.05 {
		t.Errorf("true peak %.3f dBTP, want ≤ %v", tp, ceilingTP)
	}
	for i, v := range out {
		if v == 32767 || v == -32768 {
			t.Fatalf("sample %d is at full scale (%d)", i, v)
		}
	}
}

func TestLevelSilenceAndGainOnly(t *testing.T) {
	z := Silence(5 * time.Second)
	for i, v := range Level(z, targetLUFS, ceilingTP) {
		if v != 0 {
			t.Fatalf("silence became %d at sample %d", v, i)
		}
	}
	if got := Level(nil, targetLUFS, ceilingTP); len(got) != 0 {
		t.Errorf("Level(nil) has %d samples", len(got))
	}
	// A quiet sine needs +gain only (its crest factor is 3 dB): the result
	// is the same waveform, scaled.
	in := fade(sine(997, -35, 6*time.Second, 0))
	out := Level(in, targetLUFS, ceilingTP)
	checkLeveled(t, "−35 dBFS sine", in, out)
	g := math.Pow(10, (Loudness(out)-Loudness(in))/20)
	for i := range in {
		if math.Abs(float64(out[i])-g*float64(in[i])) > 1 {
			t.Fatalf("sample %d: %d, want %.1f (pure gain, no limiting)", i, out[i], g*float64(in[i]))
		}
	}
	// A clip shorter than one 400 ms gating block is still levelled.
	short := fade(sine(997, -35, 300*time.Millisecond, 0))
	so := Level(short, targetLUFS, ceilingTP)
	if l := shortLoudness(so); dbDiff(l, targetLUFS) > 0.5 {
		t.Errorf("300 ms clip: %.2f LUFS (single block), want %v ± 0.5", l, targetLUFS)
	}
}
