package audio

import (
	"math"
	"testing"
	"time"
)

// fade applies 10 ms raised-cosine fades so that cutting a sine off at full
// amplitude does not ring (which is a real overshoot, but not the one under
// test).
func fade(p PCM) PCM {
	n := min(len(p)/2, SampleRate/100)
	for i := 0; i < n; i++ {
		g := 0.5 - 0.5*math.Cos(math.Pi*float64(i)/float64(n))
		p[i] = int16(math.Round(float64(p[i]) * g))
		p[len(p)-1-i] = int16(math.Round(float64(p[len(p)-1-i]) * g))
	}
	return p
}

// A full-scale sine at fs/4 sampled 45° off its crest: every sample is
// ±0.707 (−3 dBFS) but the waveform reaches 0 dBFS between them.
func TestTruePeakInterSample(t *testing.T) {
	p := fade(sine(SampleRate/4.0, 0, time.Second, math.Pi/4))
	sp, tp := SamplePeak(p), TruePeak(p)
	t.Logf("fs/4 sine at 45°: sample peak %.3f dBFS, true peak %.3f dBTP", sp, tp)
	if math.Abs(sp+3.01) > 0.01 {
		t.Errorf("sample peak %.3f, want −3.01", sp)
	}
	if tp <= sp+2.5 || math.Abs(tp) > 0.1 {
		t.Errorf("true peak %.3f dBTP, want ≈ 0 (> sample peak %.3f)", tp, sp)
	}
}

func TestTruePeakPlainSignals(t *testing.T) {
	if tp := TruePeak(Silence(time.Second)); !math.IsInf(tp, -1) {
		t.Errorf("silence: %v dBTP, want -Inf", tp)
	}
	// A low-frequency sine's true peak is its amplitude.
	for _, f := range []float64{100, 997, 3000} {
		p := fade(sine(f, -6, 2*time.Second, 0.3))
		if tp := TruePeak(p); math.Abs(tp+6) > 0.05 {
			t.Errorf("%v Hz −6 dBFS sine: true peak %.3f dBTP, want −6 ± 0.05", f, tp)
		}
	}
	// A constant stays constant between samples (unity DC gain of every
	// phase); only away from the ends, where a step really does ring.
	dc := make([]float64, 1000)
	for i := range dc {
		dc[i] = 16384
	}
	for i, v := range gapPeaks(dc, 0)[tpTaps : 1000-tpTaps] {
		if math.Abs(v-16384) > 1e-9 {
			t.Fatalf("DC: interpolated %v after sample %d, want 16384", v, i+tpTaps)
		}
	}
}

// Skipping quiet gaps changes nothing that matters: every gap that can
// peak above the floor gets its exact value, and the true peak is the one
// interpolating every gap gives.
func TestGapPeaksSkipsOnlyQuietGaps(t *testing.T) {
	x := pcmToFloat(speech(t))
	all := gapPeaks(x, 0)
	floor := 0.3 * truePeakLinear(x)
	some := gapPeaks(x, floor)
	skipped := 0
	for i := range all {
		switch {
		case some[i] == all[i]:
		case some[i] == 0 && all[i] <= floor:
			skipped++
		default:
			t.Fatalf("gap %d: %v with floor, %v without", i, some[i], all[i])
		}
	}
	if skipped < len(all)/4 {
		t.Fatalf("only %d of %d gaps skipped", skipped, len(all))
	}
	brute := 0.0
	for i, v := range x {
		brute = max(brute, math.Abs(v), all[i])
	}
	if got := truePeakLinear(x); got != brute {
		t.Fatalf("true peak %v, interpolating everything %v", got, brute)
	}
}
