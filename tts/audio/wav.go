package audio

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"time"
)

// SampleRate is the only rate this package handles: everything here is mono
// 16-bit PCM at this rate. It is espeak-ng's native rate and an MPEG-2
// layer III rate (22.05 kHz), which go-mp3 decodes (unlike MPEG-2.5).
const SampleRate = 22050

// PCM is mono signed 16-bit audio at SampleRate.
type PCM []int16

// Duration returns the length of the audio.
func (p PCM) Duration() time.Duration { return Duration(len(p)) }

// Duration converts a sample count at SampleRate to a duration, rounded to
// the nearest nanosecond.
func Duration(samples int) time.Duration {
	n := int64(samples) * int64(time.Second)
	if n >= 0 {
		n += SampleRate / 2
	} else {
		n -= SampleRate / 2
	}
	return time.Duration(n / SampleRate)
}

// Samples converts a duration to the nearest whole number of samples at
// SampleRate; negative durations give 0.
func Samples(d time.Duration) int {
	if d <= 0 {
		return 0
	}
	// Split to avoid overflowing int64 for long durations.
	sec := int64(d / time.Second)
	rem := int64(d % time.Second)
	return int(sec*SampleRate + (rem*SampleRate+int64(time.Second)/2)/int64(time.Second))
}

// Silence returns d of digital silence (rounded to whole samples).
func Silence(d time.Duration) PCM { return make(PCM, Samples(d)) }

// Placeholder sizes written by streaming WAV writers that cannot seek back
// (espeak-ng --stdout writes 0x7FFFF000; others use 0xFFFFFFFF or 0).
const (
	espeakPlaceholder = 0x7FFFF000
	maxUint32         = 0xFFFFFFFF
)

// Errors returned by ReadWAV; wrapped with details, test with errors.Is.
var (
	ErrNotWAV            = errors.New("audio: not a RIFF/WAVE stream")
	ErrUnsupportedFormat = errors.New("audio: unsupported WAV format")
)

// ReadWAV reads a RIFF/WAVE stream of mono 16-bit PCM at SampleRate to EOF.
//
// The size fields of the RIFF and data chunks are ignored, because a
// streaming writer such as `espeak-ng --stdout` cannot seek back to fill
// them in and leaves placeholders (0x7FFFF000): the samples run to EOF. The
// one exception is a data size that is plausible (not a placeholder) and
// smaller than what follows it, as in a file with trailing chunks (LIST,
// id3): then only the declared samples are returned. A trailing odd byte
// (a half sample from a truncated stream) is dropped.
func ReadWAV(r io.Reader) (PCM, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var hdr [12]byte
	if _, err := io.ReadFull(br, hdr[:]); err != nil {
		return nil, fmt.Errorf("%w: short header: %v", ErrNotWAV, err)
	}
	if string(hdr[0:4]) != "RIFF" || string(hdr[8:12]) != "WAVE" {
		return nil, fmt.Errorf("%w: header starts %q", ErrNotWAV, hdr[:])
	}
	haveFmt := false
	for {
		var ch [8]byte
		if _, err := io.ReadFull(br, ch[:]); err != nil {
			if !haveFmt {
				return nil, fmt.Errorf("%w: no fmt chunk before end of stream", ErrNotWAV)
			}
			return nil, fmt.Errorf("%w: no data chunk before end of stream", ErrNotWAV)
		}
		id := string(ch[0:4])
		size := binary.LittleEndian.Uint32(ch[4:8])
		switch id {
		case "fmt ":
			if size < 16 || size > 1<<10 {
				return nil, fmt.Errorf("%w: fmt chunk of %d bytes", ErrNotWAV, size)
			}
			buf := make([]byte, size+size&1)
			if _, err := io.ReadFull(br, buf); err != nil {
				return nil, fmt.Errorf("%w: short fmt chunk: %v", ErrNotWAV, err)
			}
			if err := checkFmt(buf[:size]); err != nil {
				return nil, err
			}
			haveFmt = true
		case "data":
			if !haveFmt {
				return nil, fmt.Errorf("%w: data chunk before fmt chunk", ErrNotWAV)
			}
			raw, err := io.ReadAll(br)
			if err != nil {
				return nil, fmt.Errorf("audio: reading WAV data: %w", err)
			}
			if size != espeakPlaceholder && size != maxUint32 && size != 0 && int64(size) < int64(len(raw)) {
				raw = raw[:size]
			}
			p := make(PCM, len(raw)/2)
			for i := range p {
				p[i] = int16(binary.LittleEndian.Uint16(raw[2*i:]))
			}
			return p, nil
		default:
			// Skip chunks we do not need (LIST, fact, …); RIFF pads to even.
			if _, err := io.CopyN(io.Discard, br, int64(size)+int64(size&1)); err != nil {
				return nil, fmt.Errorf("%w: short %q chunk: %v", ErrNotWAV, id, err)
			}
		}
	}
}

// checkFmt accepts only what the rest of the package assumes, so a wrong
// engine setting fails loudly here instead of producing chipmunk audio.
func checkFmt(b []byte) error {
	format := binary.LittleEndian.Uint16(b[0:])
	channels := binary.LittleEndian.Uint16(b[2:])
	rate := binary.LittleEndian.Uint32(b[4:])
	bits := binary.LittleEndian.Uint16(b[14:])
	const pcm, extensible = 1, 0xFFFE
	if format == extensible && len(b) >= 26 {
		// WAVE_FORMAT_EXTENSIBLE: the real format is the first two bytes
		// of the SubFormat GUID.
		format = binary.LittleEndian.Uint16(b[24:])
	}
	switch {
	case format != pcm:
		return fmt.Errorf("%w: format tag %#x, want 1 (integer PCM)", ErrUnsupportedFormat, format)
	case channels != 1:
		return fmt.Errorf("%w: %d channels, want mono", ErrUnsupportedFormat, channels)
	case bits != 16:
		return fmt.Errorf("%w: %d bits per sample, want 16", ErrUnsupportedFormat, bits)
	case rate != SampleRate:
		return fmt.Errorf("%w: sample rate %d Hz, want %d", ErrUnsupportedFormat, rate, SampleRate)
	}
	return nil
}

// WriteWAV writes p as a canonical 44-byte-header RIFF/WAVE file with true
// sizes.
func WriteWAV(w io.Writer, p PCM) error {
	dataLen := 2 * int64(len(p))
	if dataLen > math.MaxUint32-36 {
		return fmt.Errorf("audio: %d samples do not fit in a WAV file", len(p))
	}
	var h [44]byte
	copy(h[0:], "RIFF")
	binary.LittleEndian.PutUint32(h[4:], uint32(36+dataLen))
	copy(h[8:], "WAVEfmt ")
	binary.LittleEndian.PutUint32(h[16:], 16)
	binary.LittleEndian.PutUint16(h[20:], 1) // integer PCM
	binary.LittleEndian.PutUint16(h[22:], 1) // mono
	binary.LittleEndian.PutUint32(h[24:], SampleRate)
	binary.LittleEndian.PutUint32(h[28:], SampleRate*2) // byte rate
	binary.LittleEndian.PutUint16(h[32:], 2)            // block align
	binary.LittleEndian.PutUint16(h[34:], 16)
	copy(h[36:], "data")
	binary.LittleEndian.PutUint32(h[40:], uint32(dataLen))
	if _, err := w.Write(h[:]); err != nil {
		return err
	}
	_, err := w.Write(p.bytesLE())
	return err
}

// bytesLE is the raw little-endian sample data (WAV data, lame -r input).
func (p PCM) bytesLE() []byte {
	b := make([]byte, 2*len(p))
	for i, s := range p {
		binary.LittleEndian.PutUint16(b[2*i:], uint16(s))
	}
	return b
}
