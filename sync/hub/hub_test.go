package hub_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"sotay/sync/hub"
)

func serve(t *testing.T, h *hub.Hub, feeds []string) string {
	t.Helper()
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.Serve(w, r, hub.Client{Feeds: func(context.Context) ([]string, error) { return feeds, nil }})
	}))
	t.Cleanup(hs.Close)
	return "ws" + strings.TrimPrefix(hs.URL, "http")
}

func subscribe(t *testing.T, url string, feeds ...string) *websocket.Conn {
	t.Helper()
	ws, _, err := websocket.DefaultDialer.Dial(url, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	ws.WriteJSON(map[string]any{"type": "subscribe", "feeds": feeds})
	var m map[string]any
	ws.SetReadDeadline(time.Now().Add(5 * time.Second))
	if err := ws.ReadJSON(&m); err != nil || m["type"] != "subscribed" {
		t.Fatalf("subscribe: %v %v", m, err)
	}
	return ws
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// TestSlowConsumerIsDropped: a phone that stops reading is dropped once its
// queue is full; a phone that keeps up keeps getting every poke.
func TestSlowConsumerIsDropped(t *testing.T) {
	h := hub.New(hub.Config{QueueSize: 4, Log: quiet()})
	url := serve(t, h, []string{"unit:1"})
	// The slow phone reads nothing, through a tiny receive buffer.
	d := websocket.Dialer{NetDialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := (&net.Dialer{}).DialContext(ctx, network, addr)
		if err == nil {
			c.(*net.TCPConn).SetReadBuffer(1024)
		}
		return c, err
	}}
	slow, _, err := d.Dial(url, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Close()
	slow.WriteJSON(map[string]any{"type": "subscribe", "feeds": []string{"unit:1"}})
	fast := subscribe(t, url, "unit:1")
	var head int64
	deadline := time.Now().Add(60 * time.Second)
	for {
		// A few pokes at a time, as fast as the fast phone takes them.
		for range 3 {
			head++
			h.Poke("unit:1", head)
		}
		for {
			var m map[string]any
			fast.SetReadDeadline(time.Now().Add(5 * time.Second))
			if err := fast.ReadJSON(&m); err != nil {
				t.Fatalf("the fast phone lost its socket: %v", err)
			}
			if m["type"] == "poke" && int64(m["head"].(float64)) == head {
				break
			}
		}
		if _, dropped := h.Stats(); dropped > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("a phone that never reads was not dropped")
		}
	}
	for h.Conns() != 1 {
		time.Sleep(10 * time.Millisecond)
	}
}

// TestOlderHeadsAreNotPoked: a replayed notification does not poke twice.
func TestOlderHeadsAreNotPoked(t *testing.T) {
	h := hub.New(hub.Config{Log: quiet()})
	ws := subscribe(t, serve(t, h, []string{"unit:1"}), "unit:1")
	h.Poke("unit:1", 5)
	h.Poke("unit:1", 5)
	h.Poke("unit:1", 4)
	h.Poke("unit:1", 6)
	var heads []float64
	for range 2 {
		var m map[string]any
		ws.SetReadDeadline(time.Now().Add(5 * time.Second))
		if err := ws.ReadJSON(&m); err != nil {
			t.Fatal(err)
		}
		heads = append(heads, m["head"].(float64))
	}
	if heads[0] != 5 || heads[1] != 6 {
		t.Fatalf("pokes %v", heads)
	}
	if pokes, _ := h.Stats(); pokes != 2 {
		t.Fatalf("%d pokes queued, want 2", pokes)
	}
}
