package audio

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/hajimehoshi/go-mp3"
)

// lameArgs are the encoder flags (input and output paths are appended): raw
// little-endian signed 16-bit mono PCM at 22.05 kHz in, the research preset
// (-m m --resample 22.05 -V 7: MPEG-2 layer III, VBR about 38 kbps on
// speech) out. --resample is a no-op on 22.05 kHz input but pins the output
// rate should the input rate ever change. --noreplaygain skips an analysis
// pass we do not use (Level has already set the loudness). --silent keeps
// progress output off stderr but still lets errors through.
var lameArgs = []string{
	"-r", "-s", "22.05", "--signed", "--little-endian", "--bitwidth", "16",
	"-m", "m", "--resample", "22.05", "-V", "7",
	"--noreplaygain", "--silent",
}

// LameFlags returns a copy of the flags EncodeMP3 passes to lame, for
// logging and for cache keys (a change of flags changes the output).
func LameFlags() []string { return append([]string(nil), lameArgs...) }

// ErrLameNotFound is wrapped (together with exec.ErrNotFound) when the lame
// binary is not on PATH.
var ErrLameNotFound = errors.New("audio: lame not found in PATH (install the Debian package \"lame\")")

// EncodeMP3 encodes p with the lame CLI (a subprocess under ctx, never cgo)
// and returns a VBR MPEG-2 layer III file, 22.05 kHz mono, starting with a
// Xing frame that carries the LAME tag (encoder delay and padding), which
// MP3Samples needs to be sample-exact.
//
// PCM goes to lame's stdin. The MP3 does NOT come back on stdout: lame 3.100
// silently drops the Xing/LAME tag when the output is "-" (it writes the tag
// last by seeking back to the start of the file, and "-" is assumed
// unseekable, even when it is redirected to a file). So lame writes to a
// file in a private temporary directory, which is read and removed.
// stderr is kept for error messages.
//
// Errors: lame missing (wraps ErrLameNotFound and exec.ErrNotFound), empty
// input, nonzero exit, empty output, and ctx cancellation or deadline
// (wraps ctx.Err()).
func EncodeMP3(ctx context.Context, p PCM) ([]byte, error) {
	return encodeWith(ctx, p, nil)
}

// encodeWith runs lame on p into a file in a private temporary directory
// and returns the file's bytes. started, when not nil, is called with the
// output's path once it exists (empty), before lame writes to it, and
// returns a function called when lame has ended (EncodeVerifiedMP3 decodes
// the file meanwhile).
func encodeWith(ctx context.Context, p PCM, started func(out string) (ended func())) ([]byte, error) {
	if len(p) == 0 {
		return nil, errors.New("audio: EncodeMP3: no samples to encode")
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("audio: EncodeMP3: %w", err)
	}
	lame, err := exec.LookPath("lame")
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrLameNotFound, err)
	}
	dir, err := os.MkdirTemp("", "sotay-lame-")
	if err != nil {
		return nil, fmt.Errorf("audio: EncodeMP3: %w", err)
	}
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "out.mp3")
	ended := func() {}
	if started != nil {
		// The file exists, empty, before lame opens it (lame truncates it).
		if err := os.WriteFile(out, nil, 0o600); err != nil {
			return nil, fmt.Errorf("audio: EncodeMP3: %w", err)
		}
		ended = started(out)
	}
	cmd := exec.CommandContext(ctx, lame, append(LameFlags(), "-", out)...)
	cmd.Stdin = bytes.NewReader(p.bytesLE())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	// If lame is killed but something still holds a pipe, do not hang.
	cmd.WaitDelay = 5 * time.Second
	runErr := cmd.Run()
	ended()
	if ctxErr := ctx.Err(); ctxErr != nil {
		return nil, fmt.Errorf("audio: EncodeMP3: lame interrupted: %w", ctxErr)
	}
	if runErr != nil {
		return nil, fmt.Errorf("audio: EncodeMP3: lame failed: %w: %s", runErr, lameStderr(&stderr))
	}
	mp3Data, err := os.ReadFile(out)
	if err != nil {
		return nil, fmt.Errorf("audio: EncodeMP3: reading lame output: %w", err)
	}
	if len(mp3Data) == 0 {
		return nil, fmt.Errorf("audio: EncodeMP3: lame produced no output: %s", lameStderr(&stderr))
	}
	return mp3Data, nil
}

// lameStderr trims lame's stderr for an error message, dropping Debian's
// libsndfile warning, which lame prints for every raw-input run.
func lameStderr(b *bytes.Buffer) string {
	var keep []string
	for _, l := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		if strings.Contains(l, "libsndfile may ignore -r") || strings.HasPrefix(l, "Compile without libsndfile") {
			continue
		}
		keep = append(keep, l)
	}
	s := strings.Join(keep, "; ")
	if len(s) > 500 {
		s = s[:500] + "…"
	}
	if s == "" {
		s = "(no stderr)"
	}
	return s
}

// ErrNoGaplessInfo is returned (wrapped) by MP3Samples when the file has no
// LAME tag, so encoder delay and padding are unknown. The count returned
// with it is what the decoder outputs, an upper bound on the audio.
var ErrNoGaplessInfo = errors.New("audio: no LAME tag (encoder delay/padding unknown)")

// FrameInfo is what MP3Samples reads from the first MPEG frame and its
// Xing/LAME tag.
type FrameInfo struct {
	Version      string // "1", "2" or "2.5"
	SampleRate   int
	Channels     int
	FrameSamples int  // samples per frame: 1152 (MPEG-1) or 576
	HasInfoFrame bool // the first frame is a Xing/Info frame (decodes as silence)
	HasLAMETag   bool
	EncDelay     int // samples, from the LAME tag
	EncPadding   int // samples, from the LAME tag
	Encoder      string
}

// ParseFirstFrame reads the header and Xing/LAME tag of the first MPEG
// audio frame of mp3 (after any ID3v2 tag).
func ParseFirstFrame(mp3 []byte) (FrameInfo, error) {
	var fi FrameInfo
	off := id3v2Len(mp3)
	if off >= len(mp3) {
		return fi, errors.New("audio: no MPEG audio after the ID3 tag")
	}
	b := mp3[off:]
	// The first frame should follow immediately; tolerate a little junk
	// the way decoders do.
	i := 0
	for ; i+4 <= len(b) && i < 4096; i++ {
		if b[i] == 0xFF && b[i+1]&0xE0 == 0xE0 {
			break
		}
	}
	if i+4 > len(b) || i >= 4096 {
		return fi, errors.New("audio: no MPEG frame sync found")
	}
	b = b[i:]
	h := binary.BigEndian.Uint32(b)
	versionBits := (h >> 19) & 3
	layerBits := (h >> 17) & 3
	protected := (h>>16)&1 == 0
	rateIdx := (h >> 10) & 3
	mode := (h >> 6) & 3
	if layerBits != 1 {
		return fi, fmt.Errorf("audio: not MPEG layer III (layer bits %b)", layerBits)
	}
	if rateIdx == 3 {
		return fi, errors.New("audio: reserved sample-rate index in MPEG header")
	}
	rates := [3]int{44100, 48000, 32000}
	switch versionBits {
	case 3:
		fi.Version, fi.SampleRate, fi.FrameSamples = "1", rates[rateIdx], 1152
	case 2:
		fi.Version, fi.SampleRate, fi.FrameSamples = "2", rates[rateIdx]/2, 576
	case 0:
		fi.Version, fi.SampleRate, fi.FrameSamples = "2.5", rates[rateIdx]/4, 576
	default:
		return fi, errors.New("audio: reserved MPEG version in header")
	}
	fi.Channels = 2
	if mode == 3 {
		fi.Channels = 1
	}
	// The Xing/Info tag sits right after the side information, whose size
	// depends on version and channel count.
	side := 32
	switch {
	case fi.Version == "1" && fi.Channels == 1:
		side = 17
	case fi.Version != "1" && fi.Channels == 1:
		side = 9
	case fi.Version != "1":
		side = 17
	}
	x := 4 + side
	if protected {
		x += 2
	}
	if len(b) < x+8 {
		return fi, nil
	}
	tag := string(b[x : x+4])
	if tag != "Xing" && tag != "Info" {
		return fi, nil
	}
	fi.HasInfoFrame = true
	flags := binary.BigEndian.Uint32(b[x+4:])
	l := x + 8
	for _, f := range []struct {
		bit  uint32
		size int
	}{{1, 4}, {2, 4}, {4, 100}, {8, 4}} { // frames, bytes, TOC, quality
		if flags&f.bit != 0 {
			l += f.size
		}
	}
	// LAME extension: 9-byte encoder string, …, then at +21 three bytes
	// holding 12-bit encoder delay and 12-bit padding.
	if len(b) < l+24 {
		return fi, nil
	}
	enc := string(b[l : l+4])
	if enc != "LAME" && enc != "Lavc" && enc != "Lavf" {
		return fi, nil
	}
	fi.HasLAMETag = true
	fi.Encoder = strings.TrimRight(string(b[l:l+9]), "\x00 ")
	d := b[l+21:]
	fi.EncDelay = int(d[0])<<4 | int(d[1])>>4
	fi.EncPadding = int(d[1]&0x0F)<<8 | int(d[2])
	return fi, nil
}

// MP3Samples decodes mp3 with go-mp3 and returns the exact number of mono
// samples of the audio it encodes.
//
// go-mp3 trims nothing: its output is the Xing/Info frame decoded as
// silence (one frame), then the encoder delay (which already includes the
// decoder's 529-sample delay in LAME's accounting), the audio, and the
// padding. So
//
//	samples = decoded − frame samples − enc_delay − enc_padding
//
// with go-mp3's stereo output counted as 4 bytes per sample. The whole file
// is decoded (not just its headers counted), so a file that does not decode
// fails here rather than on a listener's phone. A leading ID3v2 tag (see
// WithChapters) is skipped by go-mp3 and by this function.
//
// Errors: undecodable data; MPEG-2.5 (go-mp3 cannot decode it); a sample
// rate other than SampleRate; no LAME tag (ErrNoGaplessInfo, returned with
// the uncorrected count).
func MP3Samples(mp3data []byte) (int, error) {
	fi, err := ParseFirstFrame(mp3data)
	if err != nil {
		return 0, err
	}
	if fi.Version == "2.5" {
		return 0, fmt.Errorf("audio: MPEG-2.5 (%d Hz) is not supported by go-mp3; encode at 22.05 kHz (MPEG-2)", fi.SampleRate)
	}
	if fi.SampleRate != SampleRate {
		return 0, fmt.Errorf("audio: MP3 sample rate is %d Hz, want %d", fi.SampleRate, SampleRate)
	}
	dec, err := mp3.NewDecoder(bytes.NewReader(mp3data))
	if err != nil {
		return 0, fmt.Errorf("audio: go-mp3: %w", err)
	}
	if dec.SampleRate() != SampleRate {
		return 0, fmt.Errorf("audio: go-mp3 reports %d Hz, want %d", dec.SampleRate(), SampleRate)
	}
	n, err := io.CopyBuffer(io.Discard, dec, make([]byte, 64<<10))
	if err != nil {
		return 0, fmt.Errorf("audio: go-mp3 decoding: %w", err)
	}
	if n%4 != 0 {
		return 0, fmt.Errorf("audio: go-mp3 returned %d bytes, not whole stereo samples", n)
	}
	decoded := int(n / 4)
	if !fi.HasLAMETag {
		return decoded, ErrNoGaplessInfo
	}
	samples := decoded - fi.FrameSamples - fi.EncDelay - fi.EncPadding
	if samples < 0 {
		return 0, fmt.Errorf("audio: LAME tag delay %d + padding %d exceeds the %d decoded samples", fi.EncDelay, fi.EncPadding, decoded)
	}
	return samples, nil
}
