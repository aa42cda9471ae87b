package tts

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"time"

	"sotay/tts/audio"
	"sotay/tts/vi"
)

// Renderer turns Scripts into verified MP3.
type Renderer struct {
	Engine     Engine
	Normaliser *vi.Normaliser
	Cache      Cache
	Workers    int // chunks synthesised at once; default the number of CPUs
}

// Rendering is a finished, verified file.
type Rendering struct {
	MP3      []byte
	Samples  int // of mono audio at audio.SampleRate, as decoded back
	Duration time.Duration
	Chapters []audio.Chapter
	Key      string // the Plan's key
	// Chunks in the plan, and how many of them had to be synthesised (the
	// others came from the cache).
	Chunks, Synthesized int
}

// Render synthesises the chunks of p the cache lacks, joins all of them
// with their pauses, levels the loudness (−19 LUFS, peaks under −1.5
// dBTP), encodes once while decoding the result to check that every sample
// is there, and tags the chapters. An error leaves nothing behind but the
// chunks already cached.
func (r *Renderer) Render(ctx context.Context, p Plan) (Rendering, error) {
	if len(p.Chunks) == 0 {
		return Rendering{}, fmt.Errorf("tts: nothing to say")
	}
	pcms, synthesized, err := r.synthesize(ctx, p.Chunks)
	if err != nil {
		return Rendering{}, err
	}
	var total int
	for i, c := range p.Chunks {
		total += len(pcms[i]) + samplesOf(c.Pause)
	}
	joined := make(audio.PCM, 0, samplesOf(pauseLead)+total)
	joined = append(joined, audio.Silence(pauseLead)...)
	var chapters []audio.Chapter
	for i, c := range p.Chunks {
		if c.Chapter != "" {
			at := audio.Duration(len(joined))
			if n := len(chapters); n > 0 {
				chapters[n-1].End = at
			}
			chapters = append(chapters, audio.Chapter{Title: c.Chapter, Start: at})
		}
		joined = append(joined, pcms[i]...)
		joined = append(joined, audio.Silence(c.Pause)...)
	}
	if n := len(chapters); n > 0 {
		chapters[n-1].End = audio.Duration(len(joined))
	}
	levelled := audio.Level(joined, -19, -1.5)
	// Encoded once, and decoded back with go-mp3 as it is written: a file
	// that does not decode to every sample is an error, never served.
	mp3, got, err := audio.EncodeVerifiedMP3(ctx, levelled)
	if err != nil {
		return Rendering{}, fmt.Errorf("tts: %w", err)
	}
	mp3 = audio.WithChapters(mp3, p.Title, chapters)
	return Rendering{MP3: mp3, Samples: got, Duration: audio.Duration(got), Chapters: chapters, Key: p.Key,
		Chunks: len(p.Chunks), Synthesized: synthesized}, nil
}

func samplesOf(d time.Duration) int { return int(d * audio.SampleRate / time.Second) }

// synthesize returns every chunk's audio, from the cache or the engine
// (Workers at a time), caching what it made.
func (r *Renderer) synthesize(ctx context.Context, chunks []Chunk) ([]audio.PCM, int, error) {
	out := make([]audio.PCM, len(chunks))
	var todo []int
	for i, c := range chunks {
		if c.Text == "" {
			continue
		}
		if p, ok := r.Cache.Get(c.Key); ok {
			out[i] = p
			continue
		}
		todo = append(todo, i)
	}
	workers := r.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
		next     = make(chan int)
	)
	for range min(workers, len(todo)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				p, err := r.Engine.Synthesize(ctx, chunks[i].Text)
				if err == nil {
					err = r.Cache.Put(chunks[i].Key, p)
				}
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
						cancel()
					}
					mu.Unlock()
					continue
				}
				out[i] = p
			}
		}()
	}
feed:
	for _, i := range todo {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if firstErr != nil {
		return nil, 0, firstErr
	}
	if err := ctx.Err(); err != nil {
		return nil, 0, err
	}
	return out, len(todo), nil
}
