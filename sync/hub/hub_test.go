package hub_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
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

// TestSlowConsumerIsDropped: a phone that stops reading is dropped (its
// writes stop finishing); a phone that keeps up keeps getting every poke,
// and the hub's poking never waits for the slow one.
func TestSlowConsumerIsDropped(t *testing.T) {
	h := hub.New(hub.Config{QueueSize: 8, WriteTimeout: 300 * time.Millisecond, Log: quiet()})
	feeds := []string{"unit:1", "unit:2", "unit:3", "unit:4", "unit:5", "unit:6"}
	url := serve(t, h, feeds)
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
	slow.WriteJSON(map[string]any{"type": "subscribe", "feeds": feeds})
	fast := subscribe(t, url, feeds...)
	var head int64
	deadline := time.Now().Add(60 * time.Second)
	for {
		head++
		start := time.Now()
		for _, f := range feeds {
			h.Poke(f, head)
		}
		if took := time.Since(start); took > 500*time.Millisecond { // closing a slow phone used to hold it a second
			t.Fatalf("poking waited %v for a slow phone", took)
		}
		seen := map[string]bool{}
		for len(seen) < len(feeds) {
			var m map[string]any
			fast.SetReadDeadline(time.Now().Add(5 * time.Second))
			if err := fast.ReadJSON(&m); err != nil {
				t.Fatalf("the fast phone lost its socket: %v", err)
			}
			if m["type"] == "poke" && int64(m["head"].(float64)) == head {
				seen[m["feed"].(string)] = true
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

// TestOlderHeadsAreNotPoked: a replayed notification does not poke again,
// and pokes of one feed waiting for the writer collapse into the newest.
func TestOlderHeadsAreNotPoked(t *testing.T) {
	h := hub.New(hub.Config{Log: quiet()})
	ws := subscribe(t, serve(t, h, []string{"unit:1"}), "unit:1")
	h.Poke("unit:1", 5)
	h.Poke("unit:1", 5)
	h.Poke("unit:1", 4)
	h.Poke("unit:1", 6)
	var last float64
	for last != 6 {
		var m map[string]any
		ws.SetReadDeadline(time.Now().Add(5 * time.Second))
		if err := ws.ReadJSON(&m); err != nil {
			t.Fatal(err)
		}
		if m["head"].(float64) < last || m["head"].(float64) == 4 {
			t.Fatalf("poke %v after %v", m["head"], last)
		}
		last = m["head"].(float64)
	}
	if pokes, _ := h.Stats(); pokes != 2 {
		t.Fatalf("%d pokes queued, want 2", pokes)
	}
}

// Re-checks of many members at once run a few at a time, never all
// together against the database; a plain poke of a member's feed (an inbox
// entry) re-checks nothing.
func TestMemberPokesReCheckAFewAtATime(t *testing.T) {
	h := hub.New(hub.Config{Log: quiet()})
	var running, most, calls atomic.Int32
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		member := r.URL.Query().Get("m")
		h.Serve(w, r, hub.Client{Feeds: func(context.Context) ([]string, error) {
			n := running.Add(1)
			defer running.Add(-1)
			for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
			}
			calls.Add(1)
			time.Sleep(5 * time.Millisecond) // a query's time
			return []string{"member:" + member}, nil
		}})
	}))
	defer hs.Close()
	url := "ws" + strings.TrimPrefix(hs.URL, "http")
	const n = 40
	for i := range n {
		subscribe(t, fmt.Sprintf("%s?m=%d", url, i), fmt.Sprintf("member:%d", i))
	}
	calls.Store(0)
	for i := range n {
		feed := fmt.Sprintf("member:%d", i)
		h.Recheck(feed)
		h.Recheck(feed) // a second while the first waits: one re-check
		h.Poke(feed, 1) // a poke alone (an inbox entry) re-checks nothing
	}
	deadline := time.Now().Add(10 * time.Second)
	for calls.Load() < n && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond)
	if c := calls.Load(); c < n || c > 2*n {
		t.Fatalf("%d re-checks for %d connections", c, n)
	}
	if m := most.Load(); m > 4 {
		t.Fatalf("%d re-checks ran at once", m)
	}
}
