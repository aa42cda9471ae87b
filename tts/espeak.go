package tts

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"

	"sotay/tts/audio"
)

// Espeak is the default engine: espeak-ng (Debian's package) run as a
// subprocess per chunk — never linked through cgo, whose Vietnamese code
// has known crashes and hangs on long inputs; a subprocess can be timed out
// and killed, and its crash is one chunk's error.
type Espeak struct {
	Program string        // default "espeak-ng"
	Voice   string        // default "vi" (northern); "vi-vn-x-south", "vi-vn-x-central"
	Rate    int           // espeak's -s; default 132: about 177 syllables a minute, pauses included
	Pitch   int           // espeak's -p, 0–99; 0 takes the voice's own
	Timeout time.Duration // per chunk; default 30 s (a chunk is at most MaxChars)

	mu      sync.Mutex
	version string // once known
}

func (e *Espeak) program() string {
	if e.Program == "" {
		return "espeak-ng"
	}
	return e.Program
}

func (e *Espeak) voice() string {
	if e.Voice == "" {
		return "vi"
	}
	return e.Voice
}

func (e *Espeak) rate() int {
	if e.Rate <= 0 {
		return 132
	}
	return e.Rate
}

// ID implements Engine.
func (e *Espeak) ID() string {
	return fmt.Sprintf("espeak-ng voice=%s rate=%d pitch=%d", e.voice(), e.rate(), e.Pitch)
}

// MaxChars implements Engine: espeak takes any length, but its Vietnamese
// rules slow down and have hung on very long runs; paragraphs are split
// below this.
func (e *Espeak) MaxChars() int { return 2000 }

// Version implements Engine: the release espeak-ng reports, asked until
// it answers (an engine installed after start is found then).
func (e *Espeak) Version(ctx context.Context) (string, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.version != "" {
		return e.version, nil
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, e.program(), "--version").Output()
	if err != nil {
		return "", e.runError(err, nil)
	}
	// "eSpeak NG text-to-speech: 1.51  Data at: /usr/lib/..."
	v := strings.TrimSpace(string(out))
	if i := strings.Index(v, "Data at:"); i >= 0 {
		v = strings.TrimSpace(v[:i])
	}
	if v == "" {
		return "", fmt.Errorf("tts: %s --version said nothing", e.program())
	}
	e.version = v
	return v, nil
}

// Synthesize implements Engine.
func (e *Espeak) Synthesize(ctx context.Context, text string) (audio.PCM, error) {
	timeout := e.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	args := []string{"-v", e.voice(), "-s", strconv.Itoa(e.rate()),
		"-z",      // no pause after the last sentence: the renderer plans pauses
		"-b", "1", // the text is UTF-8
		"--stdout", "--stdin"}
	if e.Pitch > 0 {
		args = append(args, "-p", strconv.Itoa(e.Pitch))
	}
	cmd := exec.CommandContext(ctx, e.program(), args...)
	cmd.Stdin = strings.NewReader(text)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	cmd.WaitDelay = time.Second
	if err := cmd.Run(); err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			return nil, fmt.Errorf("tts: espeak-ng did not finish a chunk of %d characters in %v", len([]rune(text)), timeout)
		}
		return nil, e.runError(err, &stderr)
	}
	pcm, err := audio.ReadWAV(&out)
	if err != nil {
		return nil, fmt.Errorf("tts: espeak-ng output is not audio: %w", err)
	}
	if len(pcm) == 0 && strings.TrimSpace(text) != "" {
		return nil, fmt.Errorf("tts: espeak-ng returned no audio for %d characters", len([]rune(text)))
	}
	return pcm, nil
}

func (e *Espeak) runError(err error, stderr *bytes.Buffer) error {
	if errors.Is(err, exec.ErrNotFound) || errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%w: %s is not installed (apt-get install espeak-ng)", ErrEngineMissing, e.program())
	}
	msg := ""
	if stderr != nil {
		msg = strings.TrimSpace(stderr.String())
		if len(msg) > 300 {
			msg = msg[:300]
		}
	}
	return fmt.Errorf("tts: %s failed: %v %s", e.program(), err, msg)
}
