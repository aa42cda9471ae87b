package audio

import (
	"math"
	"math/cmplx"
	"testing"
	"time"
)

// At 48 kHz the analog-prototype design must reproduce the biquads printed
// in ITU-R BS.1770-4 (Tables 1 and 2); that pins the derivation used at
// 22,050 Hz.
func TestKWeightingMatchesBS1770At48k(t *testing.T) {
	shelf, hp := kWeighting(48000)
	want := []struct {
		name      string
		got, want float64
	}{
		{"shelf b0", shelf.b0, 1.53512485958697},
		{"shelf b1", shelf.b1, -2.69169618940638},
		{"shelf b2", shelf.b2, 1.19839281085285},
		{"shelf a1", shelf.a1, -1.69065929318241},
		{"shelf a2", shelf.a2, 0.73248077421585},
		{"hp a1", hp.a1, -1.99004745483398},
		{"hp a2", hp.a2, 0.99007225036621},
		{"hp b0", hp.b0, 1},
		{"hp b1", hp.b1, -2},
		{"hp b2", hp.b2, 1},
	}
	for _, c := range want {
		if math.Abs(c.got-c.want) > 1e-7 {
			t.Errorf("%s = %.14f, want %.14f", c.name, c.got, c.want)
		}
	}
}

// A 997 Hz sine of peak amplitude A dBFS in a mono channel reads A − 3.01
// LUFS (the −0.691 dB offset exists to make this so).
func TestLoudnessSineReferences(t *testing.T) {
	var worst float64
	for _, amp := range []float64{-40, -20, -10, -3} {
		for _, d := range []time.Duration{5 * time.Second, 12 * time.Second, 20 * time.Second} {
			got := Loudness(sine(997, amp, d, 0))
			want := amp - 3.0103
			err := got - want
			if math.Abs(err) > math.Abs(worst) {
				worst = err
			}
			if math.Abs(err) > 0.1 {
				t.Errorf("997 Hz at %v dBFS for %v: %.3f LUFS, want %.3f ± 0.1", amp, d, got, want)
			}
		}
	}
	t.Logf("worst loudness error on 997 Hz references: %+.3f LU", worst)
}

func TestLoudnessSilenceAndShort(t *testing.T) {
	for name, p := range map[string]PCM{
		"empty":        nil,
		"silence 10 s": Silence(10 * time.Second),
		"below gate":   sine(997, -75, 10*time.Second, 0), // ≈ −78 LUFS
		"300 ms tone":  sine(997, -20, 300*time.Millisecond, 0),
	} {
		if got := Loudness(p); !math.IsInf(got, -1) {
			t.Errorf("%s: Loudness = %v, want -Inf", name, got)
		}
	}
}

// Gating: silence does not dilute the measurement (absolute gate), and a
// quiet passage 30 dB down is dropped by the relative gate.
func TestLoudnessGating(t *testing.T) {
	tone := sine(997, -20, 10*time.Second, 0)
	ref := Loudness(tone)
	half := append(append(PCM{}, Silence(10*time.Second)...), tone...)
	if got := Loudness(half); dbDiff(got, ref) > 0.1 {
		t.Errorf("half silence, half tone: %.3f LUFS, want the tone's %.3f ± 0.1", got, ref)
	}
	quiet := append(append(PCM{}, sine(997, -50, 10*time.Second, 0)...), tone...)
	if got := Loudness(quiet); dbDiff(got, ref) > 0.1 {
		t.Errorf("tone after a −50 dBFS passage: %.3f LUFS, want %.3f ± 0.1 (relative gate)", got, ref)
	}
	// A passage only 6 dB down is above the relative gate and must count.
	mixed := append(append(PCM{}, sine(997, -26, 10*time.Second, 0)...), tone...)
	if got := Loudness(mixed); got > ref-1 {
		t.Errorf("tone after a −26 dBFS passage: %.3f LUFS, want clearly below %.3f (not gated)", got, ref)
	}
}

// kResponseDB is the K-weighting magnitude at f Hz for our sample rate,
// evaluated from the biquad coefficients.
func kResponseDB(f float64) float64 {
	shelf, hp := kWeighting(SampleRate)
	z := cmplx.Exp(complex(0, -2*math.Pi*f/SampleRate)) // z⁻¹
	h := func(b biquad) complex128 {
		num := complex(b.b0, 0) + complex(b.b1, 0)*z + complex(b.b2, 0)*z*z
		den := 1 + complex(b.a1, 0)*z + complex(b.a2, 0)*z*z
		return num / den
	}
	return 20 * math.Log10(cmplx.Abs(h(shelf)*h(hp)))
}

// Different frequencies at the same amplitude read as the K-weighting curve
// says. Loose bounds come from the analog curve: the shelf adds ~+4 dB well
// above 1.7 kHz (at 5 kHz about +3.5 dB over 1 kHz at 48 kHz; the bilinear
// map at 22.05 kHz pulls it a little lower), and the 38 Hz high-pass takes
// ~1.2 dB off at 100 Hz.
func TestLoudnessFollowsKWeighting(t *testing.T) {
	ref := Loudness(sine(997, -20, 10*time.Second, 0))
	for _, c := range []struct {
		f      float64
		lo, hi float64 // loose bounds on L(f) − L(997), dB
	}{
		{100, -2.5, -0.5},
		{5000, 3.0, 4.0},
	} {
		got := Loudness(sine(c.f, -20, 10*time.Second, 0)) - ref
		want := kResponseDB(c.f) - kResponseDB(997)
		t.Logf("%5.0f Hz reads %+.3f dB against 997 Hz (filter response %+.3f)", c.f, got, want)
		if dbDiff(got, want) > 0.05 {
			t.Errorf("%v Hz: %+.3f dB relative to 997 Hz, filter says %+.3f", c.f, got, want)
		}
		if got < c.lo || got > c.hi {
			t.Errorf("%v Hz: %+.3f dB relative to 997 Hz, outside [%v, %v]", c.f, got, c.lo, c.hi)
		}
	}
}
