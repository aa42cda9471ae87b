package tts

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"sotay/tts/vi"
)

// renderVersion names how chunks become a file: the pauses, the loudness
// targets, the encoder settings, the chapter tags. Bump it when any of
// those change, and every document renders anew.
const renderVersion = "render-1 lufs=-19 tp=-1.5 lame=-V7"

// Plan is a Script made ready to render: the spoken text of every chunk,
// its cache key and the silence after it. Its Key names the MP3 the plan
// makes: two plans with the same key make the same file, so a document
// whose plan is unchanged is never rendered again, and cells whose weekly
// briefings say the same thing share one file.
type Plan struct {
	Title  string
	Chunks []Chunk
	Key    string
}

// Chunk is one call to the engine.
type Chunk struct {
	Text    string        // normalised: what the engine reads
	Key     string        // the cache key (everything that shapes its sound)
	Pause   time.Duration // silence after it
	Chapter string        // a chapter starts at this chunk, so named ("" for none)
}

// Plan normalises s and cuts it into chunks: one per paragraph, or several
// when a paragraph is longer than the engine takes, cut between sentences.
func (r *Renderer) Plan(ctx context.Context, s Script) (Plan, error) {
	ver, err := r.Engine.Version(ctx)
	if err != nil {
		return Plan{}, err
	}
	keyBase := chunkKeyBase{Normaliser: vi.Version, Dictionary: vi.DictionaryVersion(), Engine: r.Engine.ID(), EngineVersion: ver}
	p := Plan{Title: s.Title}
	max := r.Engine.MaxChars()
	for _, b := range s.Blocks {
		pieces := pack(r.Normaliser.Sentences(b.Text), max)
		for i, text := range pieces {
			c := Chunk{Text: text, Key: keyBase.key(text), Pause: pauseInside}
			if i == len(pieces)-1 {
				c.Pause = pauseAfter(b.Kind)
			}
			if i == 0 {
				c.Chapter = b.Chapter
			}
			p.Chunks = append(p.Chunks, c)
		}
		if len(pieces) == 0 && b.Chapter != "" {
			// A chapter whose heading says nothing speakable still starts
			// where it stands: at the next chunk.
			p.Chunks = append(p.Chunks, Chunk{Chapter: b.Chapter})
		}
	}
	p.Key = p.key()
	return p, nil
}

type chunkKeyBase struct {
	Normaliser    string `json:"normaliser"`
	Dictionary    string `json:"dictionary"`
	Engine        string `json:"engine"`
	EngineVersion string `json:"engine_version"`
	Text          string `json:"text"`
}

func (b chunkKeyBase) key(text string) string {
	b.Text = text
	j, _ := json.Marshal(b)
	sum := sha256.Sum256(j)
	return hex.EncodeToString(sum[:])
}

func (p Plan) key() string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00", renderVersion, p.Title)
	for _, c := range p.Chunks {
		fmt.Fprintf(h, "%s\x00%d\x00%s\x00", c.Key, c.Pause, c.Chapter)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// pack joins sentences into pieces of at most max characters (a sentence
// longer than max alone is cut at spaces).
func pack(sentences []string, max int) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	for _, s := range sentences {
		for utf8.RuneCountInString(s) > max {
			cut := cutAt(s, max)
			flush()
			out = append(out, strings.TrimSpace(s[:cut]))
			s = strings.TrimSpace(s[cut:])
		}
		if s == "" {
			continue
		}
		if cur.Len() > 0 && utf8.RuneCountInString(cur.String())+1+utf8.RuneCountInString(s) > max {
			flush()
		}
		if cur.Len() > 0 {
			cur.WriteByte(' ')
		}
		cur.WriteString(s)
	}
	flush()
	return out
}

// cutAt is the byte offset of the last space within the first max runes
// of s (or the max-th rune when there is none).
func cutAt(s string, max int) int {
	n, last, end := 0, -1, len(s)
	for i, r := range s {
		if n == max {
			end = i
			break
		}
		if r == ' ' {
			last = i
		}
		n++
	}
	if last > 0 {
		return last
	}
	return end
}
