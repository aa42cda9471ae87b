package server_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"sotay/content"
	"sotay/internal/need"
	"sotay/tts"
	"sotay/tts/vi"
)

func TestAudioDownloadRangeAndAccess(t *testing.T) {
	need.Tool(t, "espeak-ng")
	need.Tool(t, "lame")
	w := newWorld(t)
	var d content.Document
	w.do("POST", "/api/v1/documents", w.tokS1, map[string]any{"type": "notice", "title": "Thông báo họp chi bộ",
		"body": "Chi bộ họp lúc 19:30 ngày 3/12.", "audience_unit_id": w.C1.ID}, 201, &d)
	w.do("POST", fmt.Sprintf("/api/v1/documents/%d/publish", d.ID), w.tokS1, nil, 200, &d)
	if d.Audio == nil || d.Audio.State != content.AudioPending {
		t.Fatalf("published document's audio: %+v", d.Audio)
	}
	w.do("POST", fmt.Sprintf("/api/v1/documents/%d/audio/retry", d.ID), w.tokS1, nil, 409, nil)
	au := &content.Audio{Pool: w.pool, Blobs: w.blobs, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Renderer: &tts.Renderer{Engine: &tts.Espeak{}, Normaliser: vi.New(vi.Options{}), Cache: tts.DirCache{Dir: t.TempDir()}}}
	if err := au.RenderDocument(context.Background(), content.RenderAudioArgs{DocumentID: d.ID, Version: 1}, 1); err != nil {
		t.Fatal(err)
	}
	w.do("GET", fmt.Sprintf("/api/v1/documents/%d", d.ID), w.tokM1, nil, 200, &d)
	a := d.Audio
	if a == nil || a.State != content.AudioReady || !strings.HasSuffix(a.URL, a.SHA256+".mp3") {
		t.Fatalf("audio %+v", a)
	}
	get := func(path, tok string, header ...string) (*http.Response, []byte) {
		req, _ := http.NewRequest("GET", w.url+path, nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, b
	}
	resp, b := get(a.URL, w.tokM1)
	if resp.StatusCode != 200 || int64(len(b)) != a.Size || resp.Header.Get("Content-Type") != "audio/mpeg" {
		t.Fatalf("whole file: %d, %d bytes of %d, %q", resp.StatusCode, len(b), a.Size, resp.Header.Get("Content-Type"))
	}
	// A download cut off on a poor link resumes where it stopped.
	resp, tail := get(a.URL, w.tokM1, "Range", fmt.Sprintf("bytes=%d-", a.Size/2), "If-Range", `"`+a.SHA256+`"`)
	if resp.StatusCode != 206 || string(tail) != string(b[a.Size/2:]) || resp.Header.Get("ETag") != `"`+a.SHA256+`"` ||
		!strings.Contains(resp.Header.Get("Cache-Control"), "immutable") {
		t.Fatalf("resumed: %d, %d bytes, %v", resp.StatusCode, len(tail), resp.Header)
	}
	if resp, _ := get(a.URL, w.tokM1, "If-None-Match", `"`+a.SHA256+`"`); resp.StatusCode != 304 {
		t.Fatalf("conditional GET: %d", resp.StatusCode)
	}
	// Members who may not read the document, strangers and made-up names get nothing.
	if resp, _ := get(a.URL, w.tokM3); resp.StatusCode != 404 {
		t.Fatalf("member of another cell: %d", resp.StatusCode)
	}
	if resp, _ := get(a.URL, ""); resp.StatusCode != 401 {
		t.Fatalf("no token: %d", resp.StatusCode)
	}
	for _, name := range []string{"x.mp3", a.SHA256, strings.Repeat("a", 64) + ".mp3", "../../etc/passwd"} {
		if resp, _ := get(fmt.Sprintf("/api/v1/documents/%d/audio/%s", d.ID, name), w.tokM1); resp.StatusCode != 404 {
			t.Fatalf("audio/%s: %d", name, resp.StatusCode)
		}
	}
	// Edited, the document's old audio URL tells the phone to sync.
	in := d.Input()
	in.Body = "Chi bộ họp lúc 20:00 ngày 3/12."
	w.do("PUT", fmt.Sprintf("/api/v1/documents/%d", d.ID), w.tokS1, in, 200, &d)
	if resp, b := get(a.URL, w.tokM1); resp.StatusCode != 404 || errorCode(b) != "audio_not_found" {
		t.Fatalf("old audio after an edit: %d %s", resp.StatusCode, b)
	}
}
