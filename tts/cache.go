package tts

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"

	"sotay/tts/audio"
)

// Cache keeps synthesised chunks by key (Plan computes the keys): an edit
// of one paragraph re-synthesises that paragraph only, and the weekly
// briefings of cells that share content share their chunks.
type Cache interface {
	// Get returns the chunk, or ok false when it is not there (or not
	// readable: a damaged entry is a miss, synthesised again).
	Get(key string) (p audio.PCM, ok bool)
	Put(key string, p audio.PCM) error
}

// DirCache is a Cache in a directory: one file of raw little-endian
// samples per chunk, under a two-letter fan-out, written to a temporary
// file and renamed into place so that a crash leaves no half chunk.
type DirCache struct{ Dir string }

func (c DirCache) path(key string) string {
	if len(key) < 3 {
		key = "___" + key
	}
	return filepath.Join(c.Dir, key[:2], key+".pcm")
}

// Get implements Cache.
func (c DirCache) Get(key string) (audio.PCM, bool) {
	b, err := os.ReadFile(c.path(key))
	if err != nil || len(b) == 0 || len(b)%2 != 0 {
		return nil, false // a chunk is never empty: a damaged entry is a miss
	}
	p := make(audio.PCM, len(b)/2)
	for i := range p {
		p[i] = int16(binary.LittleEndian.Uint16(b[2*i:]))
	}
	return p, true
}

// Put implements Cache.
func (c DirCache) Put(key string, p audio.PCM) error {
	path := c.path(key)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("tts: chunk cache: %w", err)
	}
	b := make([]byte, 2*len(p))
	for i, s := range p {
		binary.LittleEndian.PutUint16(b[2*i:], uint16(s))
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".chunk-*")
	if err != nil {
		return fmt.Errorf("tts: chunk cache: %w", err)
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync() // on disk before it has its name: a crash leaves no empty chunk
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("tts: chunk cache: %w", err)
	}
	return nil
}
