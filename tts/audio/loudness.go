package audio

import "math"

// biquad is a second-order IIR section, direct form II transposed (the
// numerically kindest form for float64 and a tiny state).
type biquad struct {
	b0, b1, b2, a1, a2 float64
	z1, z2             float64
}

func (f *biquad) step(x float64) float64 {
	y := f.b0*x + f.z1
	f.z1 = f.b1*x - f.a1*y + f.z2
	f.z2 = f.b2*x - f.a2*y
	return y
}

// The K-weighting curve of BS.1770 is specified as two digital biquads at
// 48 kHz. To run it at 22,050 Hz we go back to the analog prototypes those
// biquads came from (a high shelf and a second-order high-pass, whose centre
// frequencies, Qs and gain below reproduce the 48 kHz table to ~1e-8) and
// apply the bilinear transform pre-warped at each centre frequency. This is
// the same derivation libebur128 and most R128 meters use; resampling the
// 48 kHz coefficients would be wrong.
const (
	shelfF0   = 1681.974450955533 // Hz
	shelfGain = 3.999843853973347 // dB
	shelfQ    = 0.7071752369554196
	hpF0      = 38.13547087602444 // Hz
	hpQ       = 0.5003270373238773
)

// kWeighting returns the pre-filter (high shelf, "head effects") and the
// RLB high-pass for sample rate fs.
func kWeighting(fs float64) (shelf, hp biquad) {
	k := math.Tan(math.Pi * shelfF0 / fs)
	vh := math.Pow(10, shelfGain/20)
	vb := math.Pow(vh, 0.4996667741545416)
	a0 := 1 + k/shelfQ + k*k
	shelf = biquad{
		b0: (vh + vb*k/shelfQ + k*k) / a0,
		b1: 2 * (k*k - vh) / a0,
		b2: (vh - vb*k/shelfQ + k*k) / a0,
		a1: 2 * (k*k - 1) / a0,
		a2: (1 - k/shelfQ + k*k) / a0,
	}
	k = math.Tan(math.Pi * hpF0 / fs)
	a0 = 1 + k/hpQ + k*k
	hp = biquad{
		b0: 1, b1: -2, b2: 1,
		a1: 2 * (k*k - 1) / a0,
		a2: (1 - k/hpQ + k*k) / a0,
	}
	return shelf, hp
}

// Gating-block geometry: 400 ms blocks every 100 ms (75 % overlap). At
// 22,050 Hz both are whole sample counts (8820 and 2205), so the blocks are
// exact and a block's energy is the sum of four 100 ms sub-blocks.
const (
	subBlock     = SampleRate / 10
	blockSubs    = 4
	absoluteGate = -70.0 // LUFS
	relativeGate = -10.0 // LU below the absolutely-gated loudness
)

// loudnessOffset is the −0.691 dB constant of BS.1770 that makes a 997 Hz
// sine read its RMS level after K-weighting.
const loudnessOffset = -0.691

// subBlockEnergies K-weights p (scaled to ±1.0 full scale) and returns the
// sum of squares of each complete 100 ms sub-block.
func subBlockEnergies(p PCM) []float64 {
	shelf, hp := kWeighting(SampleRate)
	n := len(p) / subBlock
	e := make([]float64, n)
	const scale = 1.0 / 32768
	for i := 0; i < n; i++ {
		var s float64
		for _, v := range p[i*subBlock : (i+1)*subBlock] {
			y := hp.step(shelf.step(float64(v) * scale))
			s += y * y
		}
		e[i] = s
	}
	return e
}

// blockPowers returns the mean square of every 400 ms gating block.
func blockPowers(p PCM) []float64 {
	e := subBlockEnergies(p)
	if len(e) < blockSubs {
		return nil
	}
	z := make([]float64, len(e)-blockSubs+1)
	for j := range z {
		var s float64
		for _, v := range e[j : j+blockSubs] {
			s += v
		}
		z[j] = s / (blockSubs * subBlock)
	}
	return z
}

func powerToLUFS(z float64) float64 {
	if z <= 0 {
		return math.Inf(-1)
	}
	return loudnessOffset + 10*math.Log10(z)
}

// gatedLoudness applies the two BS.1770-4 gates to block powers.
func gatedLoudness(z []float64) float64 {
	// Absolute gate: compare powers, not logs, to avoid a log per block.
	absPow := math.Pow(10, (absoluteGate-loudnessOffset)/10)
	var sum float64
	var n int
	for _, v := range z {
		if v > absPow {
			sum += v
			n++
		}
	}
	if n == 0 {
		return math.Inf(-1)
	}
	relPow := sum / float64(n) * math.Pow(10, relativeGate/10)
	sum, n = 0, 0
	for _, v := range z {
		if v > absPow && v > relPow {
			sum += v
			n++
		}
	}
	if n == 0 {
		return math.Inf(-1)
	}
	return powerToLUFS(sum / float64(n))
}

// Loudness is the integrated loudness of p in LUFS per EBU R128 /
// ITU-R BS.1770-4: K-weighting computed for SampleRate from the analog
// prototypes, 400 ms blocks with 75 % overlap, an absolute gate at −70 LUFS
// and a relative gate 10 LU below the absolutely-gated level. A mono signal
// has channel weight 1.
//
// It returns -Inf for silence, for audio that never rises above the
// absolute gate, and for audio shorter than one 400 ms block (BS.1770 has no
// block to measure; libebur128 does the same).
func Loudness(p PCM) float64 {
	return gatedLoudness(blockPowers(p))
}

// shortLoudness is the K-weighted level of the whole clip as a single block
// (no gating beyond the absolute gate). Level uses it for clips shorter than
// one gating block, where Loudness has nothing to measure.
func shortLoudness(p PCM) float64 {
	shelf, hp := kWeighting(SampleRate)
	var s float64
	for _, v := range p {
		y := hp.step(shelf.step(float64(v) / 32768))
		s += y * y
	}
	if len(p) == 0 {
		return math.Inf(-1)
	}
	l := powerToLUFS(s / float64(len(p)))
	if l <= absoluteGate {
		return math.Inf(-1)
	}
	return l
}
