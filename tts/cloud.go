package tts

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"sotay/tts/audio"
)

// Cloud is the engine for a cloud provider speaking the Google Cloud
// Text-to-Speech v1 REST shape (POST {BaseURL}/v1/text:synthesize), asking
// for LINEAR16 at audio.SampleRate so that the audio is encoded once, by
// us. Throttling (429) and server errors are retried with backoff here, so
// that one busy minute of the provider costs a delay, not a failed render.
type Cloud struct {
	BaseURL string  // e.g. https://texttospeech.googleapis.com
	Key     string  // API key, sent as the key parameter
	Voice   string  // e.g. vi-VN-Wavenet-A
	Rate    float64 // speakingRate, 0.25–2; 0 means 1
	Client  *http.Client
	// Retries of a throttled or failed request (default 3), waiting
	// Backoff, doubled each time (default 1 s), or what Retry-After says.
	Retries int
	Backoff time.Duration
}

// ID implements Engine.
func (c *Cloud) ID() string {
	return fmt.Sprintf("cloud %s voice=%s rate=%g", c.BaseURL, c.Voice, c.rate())
}

// Version implements Engine: the provider does not say which model answers,
// so the voice name (providers version their voices by name) and the API
// version stand for it.
func (c *Cloud) Version(context.Context) (string, error) {
	if c.BaseURL == "" || c.Voice == "" {
		return "", fmt.Errorf("%w: the cloud engine needs a base URL and a voice", ErrEngineMissing)
	}
	return "v1 " + c.Voice, nil
}

// MaxChars implements Engine: the v1 API takes 5,000 bytes; Vietnamese runs
// about 1.35 bytes a character, so 2,800 characters stay under 80% of it.
func (c *Cloud) MaxChars() int { return 2800 }

func (c *Cloud) rate() float64 {
	if c.Rate <= 0 {
		return 1
	}
	return c.Rate
}

type cloudRequest struct {
	Input struct {
		Text string `json:"text"`
	} `json:"input"`
	Voice struct {
		LanguageCode string `json:"languageCode"`
		Name         string `json:"name"`
	} `json:"voice"`
	AudioConfig struct {
		AudioEncoding   string  `json:"audioEncoding"`
		SampleRateHertz int     `json:"sampleRateHertz"`
		SpeakingRate    float64 `json:"speakingRate"`
	} `json:"audioConfig"`
}

// Synthesize implements Engine.
func (c *Cloud) Synthesize(ctx context.Context, text string) (audio.PCM, error) {
	if _, err := c.Version(ctx); err != nil {
		return nil, err
	}
	var req cloudRequest
	req.Input.Text = text
	req.Voice.LanguageCode, req.Voice.Name = "vi-VN", c.Voice
	req.AudioConfig.AudioEncoding, req.AudioConfig.SampleRateHertz, req.AudioConfig.SpeakingRate = "LINEAR16", audio.SampleRate, c.rate()
	body, _ := json.Marshal(req)
	retries, backoff := c.Retries, c.Backoff
	if retries <= 0 {
		retries = 3
	}
	if backoff <= 0 {
		backoff = time.Second
	}
	for attempt := 0; ; attempt++ {
		pcm, wait, err := c.once(ctx, body)
		if err == nil {
			return pcm, nil
		}
		if wait < 0 || attempt >= retries {
			return nil, err
		}
		if wait == 0 {
			wait = backoff << attempt
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("%w (then %v)", err, ctx.Err())
		case <-time.After(wait):
		}
	}
}

// once makes one request. wait is how long to wait before retrying (0: the
// backoff), or negative when retrying cannot help.
func (c *Cloud) once(ctx context.Context, body []byte) (pcm audio.PCM, wait time.Duration, err error) {
	client := c.Client
	if client == nil {
		client = &http.Client{Timeout: 2 * time.Minute}
	}
	url := strings.TrimRight(c.BaseURL, "/") + "/v1/text:synthesize"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, -1, fmt.Errorf("tts: cloud request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	if c.Key != "" {
		req.Header.Set("X-Goog-Api-Key", c.Key)
	}
	resp, err := client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, -1, fmt.Errorf("tts: cloud engine: %w", ctx.Err())
		}
		return nil, 0, fmt.Errorf("tts: cloud engine: %w", err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, 0, fmt.Errorf("tts: cloud engine: reading the answer: %w", err)
	}
	switch {
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		wait := time.Duration(0)
		if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s > 0 {
			wait = time.Duration(s) * time.Second
		}
		return nil, wait, fmt.Errorf("tts: cloud engine answered %s", resp.Status)
	case resp.StatusCode != http.StatusOK:
		return nil, -1, fmt.Errorf("tts: cloud engine refused the request: %s %s", resp.Status, snippet(raw))
	}
	var answer struct {
		AudioContent string `json:"audioContent"`
	}
	if err := json.Unmarshal(raw, &answer); err != nil {
		return nil, -1, fmt.Errorf("tts: cloud engine answer is not JSON: %s", snippet(raw))
	}
	wav, err := base64.StdEncoding.DecodeString(answer.AudioContent)
	if err != nil || len(wav) == 0 {
		return nil, -1, fmt.Errorf("tts: cloud engine answer holds no audio")
	}
	pcm, err = audio.ReadWAV(bytes.NewReader(wav))
	if err != nil {
		return nil, -1, fmt.Errorf("tts: cloud engine audio: %w", err)
	}
	return pcm, 0, nil
}

func snippet(b []byte) string {
	if len(b) > 200 {
		b = b[:200]
	}
	return strings.TrimSpace(string(b))
}
