package tts_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"sotay/internal/need"
	"sotay/tts"
	"sotay/tts/audio"
)

func TestEspeakSpeaksVietnamese(t *testing.T) {
	need.Tool(t, "espeak-ng")
	e := &tts.Espeak{}
	v, err := e.Version(context.Background())
	if err != nil || !strings.Contains(v, "eSpeak NG") {
		t.Fatalf("version %q, %v", v, err)
	}
	p, err := e.Synthesize(context.Background(), "Ủy ban nhân dân tỉnh Bắc Ninh ban hành kế hoạch.")
	if err != nil {
		t.Fatal(err)
	}
	// Ten syllables at about three a second: a few seconds of sound.
	if d := audio.Duration(len(p)); d < 2*time.Second || d > 6*time.Second {
		t.Fatalf("duration %v", d)
	}
	if !strings.Contains(e.ID(), "voice=vi") {
		t.Fatalf("ID %q does not name the voice", e.ID())
	}
}

// script writes an executable shell script standing in for espeak-ng.
func script(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "fake-espeak")
	if err := os.WriteFile(p, []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestEspeakFailuresAreErrors(t *testing.T) {
	ctx := context.Background()
	_, err := (&tts.Espeak{Program: "/nonexistent/espeak-ng"}).Synthesize(ctx, "xin chào")
	if !errors.Is(err, tts.ErrEngineMissing) {
		t.Fatalf("missing engine: %v", err)
	}
	cases := map[string]struct {
		body string
		want string
	}{
		"crash":   {"echo 'Segmentation fault' >&2; exit 139", "Segmentation fault"},
		"garbage": {"echo 'this is not a wav file at all, no RIFF here'", "not audio"},
		"silence": {"printf 'RIFF\\044\\000\\000\\000WAVEfmt \\020\\000\\000\\000\\001\\000\\001\\000\\042\\126\\000\\000\\104\\254\\000\\000\\002\\000\\020\\000data\\000\\000\\000\\000'", "no audio"},
		"timeout": {"sleep 5", "did not finish"},
	}
	for name, c := range cases {
		e := &tts.Espeak{Program: script(t, c.body), Timeout: 300 * time.Millisecond}
		_, err := e.Synthesize(ctx, "xin chào")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want it to say %q", name, err, c.want)
		}
	}
}

// fakeCloud is a local stand-in for a Google-style text:synthesize API.
type fakeCloud struct {
	answers []int // status of each call in turn (then 200)
	calls   atomic.Int32
	last    map[string]any
}

func (f *fakeCloud) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := int(f.calls.Add(1)) - 1
	if r.URL.Path != "/v1/text:synthesize" || r.Header.Get("X-Goog-Api-Key") != "k" {
		http.Error(w, "bad path or key", http.StatusForbidden)
		return
	}
	json.NewDecoder(r.Body).Decode(&f.last)
	if n < len(f.answers) && f.answers[n] != 200 {
		if f.answers[n] == http.StatusTooManyRequests {
			w.Header().Set("Retry-After", "1")
		}
		http.Error(w, `{"error":{"message":"try later"}}`, f.answers[n])
		return
	}
	var wav bytes.Buffer
	audio.WriteWAV(&wav, audio.Silence(500*time.Millisecond))
	json.NewEncoder(w).Encode(map[string]string{"audioContent": base64.StdEncoding.EncodeToString(wav.Bytes())})
}

func TestCloudEngineAgainstAFakeProvider(t *testing.T) {
	ctx := context.Background()
	f := &fakeCloud{answers: []int{http.StatusTooManyRequests, http.StatusServiceUnavailable, 200}}
	srv := httptest.NewServer(f)
	defer srv.Close()
	c := &tts.Cloud{BaseURL: srv.URL, Key: "k", Voice: "vi-VN-Test-A", Backoff: 10 * time.Millisecond}
	start := time.Now()
	p, err := c.Synthesize(ctx, "xin chào các đồng chí")
	if err != nil {
		t.Fatal(err)
	}
	if len(p) != audio.SampleRate/2 || f.calls.Load() != 3 {
		t.Fatalf("%d samples after %d calls", len(p), f.calls.Load())
	}
	if time.Since(start) < time.Second {
		t.Fatal("Retry-After was not honoured")
	}
	voice := f.last["voice"].(map[string]any)
	cfg := f.last["audioConfig"].(map[string]any)
	if voice["languageCode"] != "vi-VN" || voice["name"] != "vi-VN-Test-A" || cfg["audioEncoding"] != "LINEAR16" || cfg["sampleRateHertz"] != float64(audio.SampleRate) {
		t.Fatalf("request: %v", f.last)
	}

	// A refusal is not retried; endless throttling gives up.
	f2 := &fakeCloud{answers: []int{http.StatusBadRequest}}
	srv2 := httptest.NewServer(f2)
	defer srv2.Close()
	if _, err := (&tts.Cloud{BaseURL: srv2.URL, Key: "k", Voice: "v"}).Synthesize(ctx, "x"); err == nil || f2.calls.Load() != 1 {
		t.Fatalf("400: err %v after %d calls", err, f2.calls.Load())
	}
	f3 := &fakeCloud{answers: []int{500, 500, 500, 500, 500}}
	srv3 := httptest.NewServer(f3)
	defer srv3.Close()
	if _, err := (&tts.Cloud{BaseURL: srv3.URL, Key: "k", Voice: "v", Retries: 2, Backoff: time.Millisecond}).Synthesize(ctx, "x"); err == nil || f3.calls.Load() != 3 {
		t.Fatalf("500s: err %v after %d calls", err, f3.calls.Load())
	}
	// Garbage instead of audio.
	srv4 := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"audioContent":"bm90IGEgd2F2"}`))
	}))
	defer srv4.Close()
	if _, err := (&tts.Cloud{BaseURL: srv4.URL, Voice: "v"}).Synthesize(ctx, "x"); err == nil {
		t.Fatal("garbage audio accepted")
	}
	if _, err := (&tts.Cloud{}).Synthesize(ctx, "x"); !errors.Is(err, tts.ErrEngineMissing) {
		t.Fatalf("unconfigured cloud: %v", err)
	}
}
