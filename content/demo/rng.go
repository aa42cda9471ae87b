package demo

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// Each phase draws from its own stream of the seed, so a change in how
// documents are written does not change the members, and so on.
const (
	streamTree uint64 = iota + 1
	streamMembers
	streamPositions
	streamDocuments
	streamCells
)

// rng is a seeded random source with the helpers the generators need.
type rng struct{ *rand.Rand }

func newRNG(seed int64, stream uint64) *rng {
	return &rng{rand.New(rand.NewPCG(uint64(seed), 0x5eed0000+stream))}
}

// sub derives an independent generator, e.g. one per cell, so that the text
// of one cell does not depend on how much was drawn for the cells before it.
func (r *rng) sub() *rng {
	return &rng{rand.New(rand.NewPCG(r.Uint64(), r.Uint64()))}
}

func (r *rng) pick(xs []string) string { return xs[r.IntN(len(xs))] }

// between returns an int in [lo, hi].
func (r *rng) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + r.IntN(hi-lo+1)
}

// chance is true with probability p.
func (r *rng) chance(p float64) bool { return r.Float64() < p }

// fbetween returns a float in [lo, hi).
func (r *rng) fbetween(lo, hi float64) float64 { return lo + r.Float64()*(hi-lo) }

// pickN returns n distinct items of xs in random order (all of them when n
// exceeds len(xs)).
func (r *rng) pickN(xs []string, n int) []string {
	idx := r.Perm(len(xs))
	if n > len(xs) {
		n = len(xs)
	}
	out := make([]string, n)
	for i := range out {
		out[i] = xs[idx[i]]
	}
	return out
}

// shuffled returns a shuffled copy of xs.
func (r *rng) shuffled(xs []string) []string { return r.pickN(xs, len(xs)) }

// weighted picks items with given weights.
type weighted struct {
	items []string
	cum   []float64
}

func newWeighted(pairs ...any) weighted {
	var w weighted
	total := 0.0
	for i := 0; i < len(pairs); i += 2 {
		w.items = append(w.items, pairs[i].(string))
		switch v := pairs[i+1].(type) {
		case int:
			total += float64(v)
		case float64:
			total += v
		}
		w.cum = append(w.cum, total)
	}
	return w
}

func (w weighted) pick(r *rng) string {
	x := r.Float64() * w.cum[len(w.cum)-1]
	lo, hi := 0, len(w.cum)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if w.cum[mid] > x {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return w.items[lo]
}

// Vietnamese number formats: "." groups thousands, "," is the decimal mark.

// vnInt formats 3098490000 as "3.098.490.000".
func vnInt(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// vnDec formats 97.06 with one decimal as "97,1".
func vnDec(x float64, decimals int) string {
	s := strconv.FormatFloat(x, 'f', decimals, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	n, _ := strconv.ParseInt(intPart, 10, 64)
	if frac == "" {
		return vnInt(n)
	}
	return vnInt(n) + "," + frac
}

// pct draws a percentage in [lo, hi) and formats it as "97,1%".
func (r *rng) pct(lo, hi float64) string { return vnDec(r.fbetween(lo, hi), 1) + "%" }

// money draws an amount of đồng in [lo, hi) rounded to thousands: "3.098.490.000 đồng".
func (r *rng) money(lo, hi int64) string {
	v := lo + r.Int64N(hi-lo)
	return vnInt(v/1000*1000) + " đồng"
}

// num draws an int in [lo, hi] and formats it with thousand dots.
func (r *rng) num(lo, hi int) string { return vnInt(int64(r.between(lo, hi))) }

// vnDate formats a date as documents write it: "15/3/2026".
func vnDate(t time.Time) string {
	return strconv.Itoa(t.Day()) + "/" + strconv.Itoa(int(t.Month())) + "/" + strconv.Itoa(t.Year())
}

// roman returns the Roman numeral of n (1..3999).
func roman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// Dates are calendar days at midnight UTC (how pgx sends a date); times are
// instants, laid out in Vietnam's zone (UTC+7, no daylight saving).
var ict = time.FixedZone("ICT", 7*3600)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func addDays(t time.Time, n int) time.Time { return t.AddDate(0, 0, n) }

// at is the instant of hour:minute (Vietnam time) on date d.
func at(d time.Time, hour, minute int) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), hour, minute, 0, 0, ict).UTC()
}

// localDay is the calendar day of instant t in Vietnam.
func localDay(t time.Time) time.Time {
	l := t.In(ict)
	return day(l.Year(), l.Month(), l.Day())
}

func minDate(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func maxDate(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
