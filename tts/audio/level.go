package audio

import "math"

// Limiter timing. The attack is a look-ahead: gain starts falling 5 ms
// before a peak so the peak itself is already attenuated (no overshoot, no
// click from an instant gain step). The release is an exponential recovery;
// 80 ms is slow enough not to pump on syllables and quick enough that the
// next syllable is not ducked.
const (
	attackSamples = SampleRate * 5 / 1000 // 110
	releaseTau    = 0.080 * SampleRate    // samples
	// limiterMargin keeps the limiter's ceiling a little under the target
	// so int16 rounding and the slow gain slope inside the interpolation
	// window cannot push the measured true peak over it.
	limiterMargin = 0.1 // dB
	levelPasses   = 5
	// maxMakeupDB bounds how much gain beyond the plain loudness gain the
	// passes may add to win back what limiting took. More than this means
	// the signal is mostly peaks (an impulse train, clicks) and squeezing
	// it further would only raise the noise between them.
	maxMakeupDB = 6.0
)

// Level returns p scaled so its integrated loudness is targetLUFS (e.g. −19)
// and its true peak is at most peakDBTP (e.g. −1.5).
//
// Gain alone is applied when it keeps the true peak under the ceiling.
// Otherwise a look-ahead peak limiter reduces the gain around the peaks
// (linear 5 ms ramp down before a peak, ~80 ms exponential release), and
// the overall gain is re-solved a few times so the limited result still
// lands on the loudness target. Output never clips: the ceiling is capped at
// full scale and the result is checked with TruePeak before returning.
//
// Silence (and anything below the −70 LUFS absolute gate) is returned
// unchanged. Clips shorter than one 400 ms gating block are measured as one
// block. When the target is unreachable under the ceiling (an impulse train,
// say), the result is as loud as the limiter allows.
func Level(p PCM, targetLUFS, peakDBTP float64) PCM {
	out := make(PCM, len(p))
	copy(out, p)
	in := Loudness(p)
	measure := Loudness
	if len(p) < subBlock*blockSubs {
		in = shortLoudness(p)
		measure = shortLoudness
	}
	if math.IsInf(in, -1) || math.IsNaN(in) || math.IsNaN(targetLUFS) {
		return out
	}
	// Never aim above digital full scale (less one LSB of headroom).
	peakDBTP = math.Min(peakDBTP, 20*math.Log10(32767.0/32768))
	ceiling := 32768 * math.Pow(10, peakDBTP/20)

	x := pcmToFloat(p)
	gainDB := targetLUFS - in
	maxGainDB := gainDB + maxMakeupDB
	limit := ceiling * math.Pow(10, -limiterMargin/20)
	// Peak envelope of the input: the largest true-peak magnitude touching
	// each sample (the sample and the two gaps around it). It does not
	// depend on the gain, so it is computed once; only where it could make
	// the limiter act at the largest gain tried (with room for the final
	// tightening below) does it need interpolating.
	gp := gapPeaks(x, 0.8*limit/math.Pow(10, maxGainDB/20))
	env := make([]float64, len(x))
	for i, v := range x {
		m := math.Max(math.Abs(v), gp[i])
		if i > 0 {
			m = math.Max(m, gp[i-1])
		}
		env[i] = m
	}

	y := make([]float64, len(x))
	scratch := make([]float64, len(x))
	for pass := 0; pass < levelPasses; pass++ {
		g := math.Pow(10, gainDB/20)
		limitGain(y, x, env, scratch, g, limit)
		quantize(out, y)
		got := measure(out)
		if math.IsInf(got, -1) {
			break
		}
		// Limiting only removes energy, so loudness grows with gain and
		// the correction below approaches the target from underneath.
		miss := targetLUFS - got
		if math.Abs(miss) < 0.02 || gainDB >= maxGainDB {
			break
		}
		gainDB = math.Min(gainDB+miss, maxGainDB)
	}
	// Belt and braces: the limiter works on the input's peak envelope; if
	// rounding or the gain slope still leaves the output a hair over the
	// ceiling, tighten the limit and redo the last pass.
	for try := 0; try < 4; try++ {
		tp := truePeakLinear(pcmToFloat(out))
		if tp <= ceiling {
			break
		}
		limit *= ceiling / tp * math.Pow(10, -0.02/20)
		limitGain(y, x, env, scratch, math.Pow(10, gainDB/20), limit)
		quantize(out, y)
	}
	return out
}

// limitGain writes y = x·g·r, where r ≤ 1 is the smoothed limiter gain that
// keeps env·g·r ≤ limit at every sample.
//
// Construction (offline, so the look-ahead costs nothing):
//  1. need[n] = min(1, limit / (g·env[n])).
//  2. A sliding minimum over the next A samples (A = attack): the gain
//     reaches its floor A samples ahead of the peak.
//  3. Release: after a peak the gain climbs back towards 1 exponentially,
//     but never above the look-ahead minimum.
//  4. A moving average over the previous A samples turns the step down into
//     a linear ramp. Each averaged value is ≤ need[n] because every window
//     of step 2 that enters the average contains n, so smoothing can never
//     let a peak through.
//
// need is scratch space as long as x.
func limitGain(y, x, env, need []float64, g, limit float64) {
	n := len(x)
	any := false
	for i, e := range env {
		r := 1.0
		if e*g > limit {
			r = limit / (e * g)
			any = true
		}
		need[i] = r
	}
	if !any {
		for i, v := range x {
			y[i] = v * g
		}
		return
	}
	const a = attackSamples
	m := slidingMinAhead(need, a) // in place: need is not read again
	alpha := 1 - math.Exp(-1/releaseTau)
	prev := 1.0
	for i, v := range m {
		r := prev + (1-prev)*alpha
		if v < r {
			r = v
		}
		m[i] = r
		prev = r
	}
	// Moving average over m[i-a+1..i]. Virtual entries before the start
	// take m[0], the minimum of need over the first a samples: that is no
	// larger than the minimum over any window that would reach into the
	// signal, so the guarantee holds from the first sample.
	win := make([]float64, a)
	for k := range win {
		win[k] = m[0]
	}
	sum := a * m[0]
	for i := 0; i < n; i++ {
		k := i % a
		sum += m[i] - win[k]
		win[k] = m[i]
		r := sum / a
		if r > 1 {
			r = 1
		}
		y[i] = x[i] * g * r
	}
}

// slidingMinAhead replaces v[i] by min(v[i : i+w]) (shorter at the end),
// in place, with a monotonic deque of (index, value) pairs: O(n), and no
// second array as long as the signal.
func slidingMinAhead(v []float64, w int) []float64 {
	type entry struct {
		i int
		v float64
	}
	dq := make([]entry, 0, w+1)
	// Walk backwards so the window [i, i+w) is "behind" the cursor.
	for i := len(v) - 1; i >= 0; i-- {
		x := v[i]
		for len(dq) > 0 && dq[len(dq)-1].v >= x {
			dq = dq[:len(dq)-1]
		}
		dq = append(dq, entry{i, x})
		if dq[0].i >= i+w {
			dq = dq[1:]
		}
		v[i] = dq[0].v
	}
	return v
}

// quantize rounds to int16, saturating (it never has to: the limiter keeps
// peaks under full scale, but a wrap-around would be a disaster).
func quantize(dst PCM, y []float64) {
	for i, v := range y {
		v = math.Round(v)
		switch {
		case v > 32767:
			v = 32767
		case v < -32768:
			v = -32768
		}
		dst[i] = int16(v)
	}
}
