package audio

import (
	"context"
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"

	"github.com/hajimehoshi/go-mp3"
)

// EncodeVerifiedMP3 is EncodeMP3 and MP3Samples at once: while lame writes
// the file, go-mp3 decodes what is already written, on the other core, so
// the check costs little more than the encoding. It returns the file and
// the exact number of samples it decodes to (Info frame, encoder delay and
// padding taken off, read from the LAME tag lame writes last), and an error
// when lame fails or the file does not decode to len(p) samples.
func EncodeVerifiedMP3(ctx context.Context, p PCM) ([]byte, int, error) {
	var res decodeResult
	data, err := encodeWith(ctx, p, func(out string) func() {
		f, err := os.Open(out)
		if err != nil {
			res.err = err
			return func() {}
		}
		tail := &tailReader{f: f, ctx: ctx}
		decoded := make(chan decodeResult, 1)
		go func() { decoded <- decodeCount(tail) }()
		return func() {
			tail.finished.Store(true)
			res = <-decoded
			f.Close()
		}
	})
	if err != nil {
		return nil, 0, err
	}
	if res.err != nil {
		return nil, 0, fmt.Errorf("audio: go-mp3 decoding: %w", res.err)
	}
	fi, err := ParseFirstFrame(data)
	if err != nil {
		return nil, 0, err
	}
	if fi.Version == "2.5" || fi.SampleRate != SampleRate || res.rate != SampleRate {
		return nil, 0, fmt.Errorf("audio: lame wrote MPEG-%s at %d Hz, want %d", fi.Version, fi.SampleRate, SampleRate)
	}
	if !fi.HasLAMETag {
		return nil, 0, ErrNoGaplessInfo
	}
	samples := res.samples - fi.FrameSamples - fi.EncDelay - fi.EncPadding
	if samples != len(p) {
		return nil, 0, fmt.Errorf("audio: the encoded file decodes to %d samples, not the %d encoded", samples, len(p))
	}
	return data, samples, nil
}

type decodeResult struct {
	samples, rate int
	err           error
}

// decodeCount decodes r with go-mp3 to its end and counts the samples
// (go-mp3 writes 16-bit stereo: 4 bytes a sample).
func decodeCount(r io.Reader) decodeResult {
	dec, err := mp3.NewDecoder(r)
	if err != nil {
		return decodeResult{err: err}
	}
	n, err := io.CopyBuffer(io.Discard, dec, make([]byte, 64<<10))
	if err == nil && n%4 != 0 {
		err = fmt.Errorf("%d bytes are not whole stereo samples", n)
	}
	return decodeResult{samples: int(n / 4), rate: dec.SampleRate(), err: err}
}

// tailReader reads a file another process is still writing: at its end it
// waits for more until told the writer has finished. It is not a Seeker,
// so go-mp3 decodes it front to back without scanning ahead.
type tailReader struct {
	f        *os.File
	ctx      context.Context
	finished atomic.Bool
}

func (t *tailReader) Read(b []byte) (int, error) {
	for {
		done := t.finished.Load() // before the read: a final read after it sees everything
		n, err := t.f.Read(b)
		if n > 0 || (err != nil && err != io.EOF) {
			return n, err
		}
		if done {
			return 0, io.EOF
		}
		if t.ctx.Err() != nil {
			return 0, t.ctx.Err()
		}
		time.Sleep(2 * time.Millisecond)
	}
}
