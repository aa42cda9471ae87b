package tts

import (
	"context"
	"errors"

	"sotay/tts/audio"
)

// Engine turns normalised Vietnamese text into speech.
type Engine interface {
	// ID names the engine and what shapes its sound (voice, rate, pitch):
	// part of every chunk's cache key, so a change of any of them renders
	// anew.
	ID() string
	// Version is the engine's own version (the espeak-ng release, the
	// provider's model): part of the cache key too.
	Version(ctx context.Context) (string, error)
	// MaxChars is the longest text one call takes; longer paragraphs are
	// split at sentences.
	MaxChars() int
	// Synthesize speaks text: mono PCM at audio.SampleRate. An error says
	// why (ErrEngineMissing, a timeout, a crash, output that is not audio).
	Synthesize(ctx context.Context, text string) (audio.PCM, error)
}

// ErrEngineMissing is the error of an engine that cannot run at all here:
// its program is not installed, or its service is not configured.
var ErrEngineMissing = errors.New("tts: engine not available")
