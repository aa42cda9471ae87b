package server_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"sotay/content"
	"sotay/content/blob"
	"sotay/server"
)

// startServe starts another serve process's worth of server (with its
// background loops: revocations, LISTEN) on the world's database.
func startServe(t *testing.T, w *world) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	signer, _ := content.LoadSigner(ctx, w.pool)
	rev := content.NewRevocations()
	rev.Load(ctx, w.pool)
	blobs, _ := blob.Open(t.TempDir())
	srv := server.New(server.Deps{Pool: w.pool, Signer: signer, Revocations: rev, Blobs: blobs, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	srv.StartBackground(ctx)
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	return hs.URL
}

func dial(t *testing.T, base, token string) *websocket.Conn {
	t.Helper()
	u := "ws" + strings.TrimPrefix(base, "http") + "/api/v1/sync/ws?access_token=" + token
	ws, resp, err := websocket.DefaultDialer.Dial(u, nil)
	if err != nil {
		t.Fatalf("dial: %v (%v)", err, resp)
	}
	t.Cleanup(func() { ws.Close() })
	return ws
}

type hubMsg struct {
	Type        string   `json:"type"`
	Feed        string   `json:"feed"`
	Head        int64    `json:"head"`
	PullAfterMS int      `json:"pull_after_ms"`
	Feeds       []string `json:"feeds"`
	Refused     []string `json:"refused"`
}

func readMsg(t *testing.T, ws *websocket.Conn, within time.Duration) hubMsg {
	t.Helper()
	ws.SetReadDeadline(time.Now().Add(within))
	var m hubMsg
	if err := ws.ReadJSON(&m); err != nil {
		t.Fatalf("read: %v", err)
	}
	return m
}

// TestPokesCrossServeProcesses: a phone on process B is poked when an
// editor publishes through process A; it may follow only its own feeds.
func TestPokesCrossServeProcesses(t *testing.T) {
	w := newWorld(t)
	a, b := startServe(t, w), startServe(t, w)
	ws := dial(t, b, w.tokM1)
	unitA, unitB := fmt.Sprintf("unit:%d", w.A.ID), fmt.Sprintf("unit:%d", w.B.ID)
	ws.WriteJSON(map[string]any{"type": "subscribe", "feeds": []string{unitA, unitB}})
	m := readMsg(t, ws, 5*time.Second)
	if m.Type != "subscribed" || fmt.Sprint(m.Feeds) != fmt.Sprint([]string{unitA}) || fmt.Sprint(m.Refused) != fmt.Sprint([]string{unitB}) {
		t.Fatalf("subscribed: %+v", m)
	}
	time.Sleep(300 * time.Millisecond) // both processes LISTEN
	w2 := *w
	w2.url = a
	var d content.Document
	w2.do("POST", "/api/v1/documents", w.tokEditorA, map[string]any{"type": "notice", "title": "Thông báo", "audience_unit_id": w.A.ID}, 201, &d)
	w2.do("POST", fmt.Sprintf("/api/v1/documents/%d/publish", d.ID), w.tokEditorA, nil, 200, nil)
	m = readMsg(t, ws, 5*time.Second)
	if m.Type != "poke" || m.Feed != unitA || m.Head == 0 {
		t.Fatalf("poke: %+v", m)
	}
	// A publish elsewhere pokes nobody here.
	w2.do("POST", "/api/v1/documents", w.tokAdmin, map[string]any{"type": "notice", "title": "B", "audience_unit_id": w.B.ID}, 201, &d)
	w2.do("POST", fmt.Sprintf("/api/v1/documents/%d/publish", d.ID), w.tokAdmin, nil, 200, nil)
	ws.SetReadDeadline(time.Now().Add(700 * time.Millisecond))
	var other hubMsg
	if err := ws.ReadJSON(&other); err == nil {
		t.Fatalf("poked about a feed not followed: %+v", other)
	}
}

// TestRevokedDeviceSocketCloses: an admin revokes the device; its socket
// closes within seconds with the reason.
func TestRevokedDeviceSocketCloses(t *testing.T) {
	w := newWorld(t)
	b := startServe(t, w)
	ws := dial(t, b, w.tokM3)
	ws.WriteJSON(map[string]any{"type": "subscribe", "feeds": []string{}})
	readMsg(t, ws, 5*time.Second)
	var devs struct{ Devices []content.Device }
	w.do("GET", fmt.Sprintf("/api/v1/members/%d/devices", w.m3.ID), w.tokAdmin, nil, 200, &devs)
	for _, d := range devs.Devices {
		w.do("POST", "/api/v1/devices/"+d.ID.String()+"/revoke", w.tokAdmin, map[string]bool{"wipe": true}, 204, nil)
	}
	ws.SetReadDeadline(time.Now().Add(10 * time.Second))
	_, _, err := ws.ReadMessage()
	var ce *websocket.CloseError
	if !errorsAs(err, &ce) || ce.Text != "device_wiped" {
		t.Fatalf("socket after revocation: %v", err)
	}
}

func errorsAs(err error, target **websocket.CloseError) bool {
	ce, ok := err.(*websocket.CloseError)
	if ok {
		*target = ce
	}
	return ok
}

func TestSocketNeedsAToken(t *testing.T) {
	w := newWorld(t)
	u := "ws" + strings.TrimPrefix(w.url, "http") + "/api/v1/sync/ws"
	_, resp, err := websocket.DefaultDialer.Dial(u, nil)
	if err == nil || resp == nil || resp.StatusCode != 401 {
		t.Fatalf("no token: %v %v", err, resp)
	}
}

// TestSocketFollowsMembership: after a transfer the socket stops following
// the feeds the member lost, and says so; the old commune's commits no
// longer poke it.
func TestSocketFollowsMembership(t *testing.T) {
	w := newWorld(t)
	b := startServe(t, w)
	ws := dial(t, b, w.tokM1)
	unitA, mine := fmt.Sprintf("unit:%d", w.A.ID), fmt.Sprintf("member:%d", w.m1.ID)
	ws.WriteJSON(map[string]any{"type": "subscribe", "feeds": []string{unitA, mine}})
	if m := readMsg(t, ws, 5*time.Second); len(m.Feeds) != 2 {
		t.Fatalf("subscribed: %+v", m)
	}
	time.Sleep(300 * time.Millisecond)
	w.do("POST", fmt.Sprintf("/api/v1/members/%d/transfer", w.m1.ID), w.tokAdmin, map[string]any{"cell_id": w.C3.ID}, 200, nil)
	for {
		m := readMsg(t, ws, 5*time.Second)
		if m.Type == "subscribed" {
			if fmt.Sprint(m.Refused) != fmt.Sprint([]string{unitA}) {
				t.Fatalf("after the transfer: %+v", m)
			}
			break
		}
	}
	var d content.Document
	w.do("POST", "/api/v1/documents", w.tokEditorA, map[string]any{"type": "notice", "title": "Chỉ xã A", "audience_unit_id": w.A.ID}, 201, &d)
	w.do("POST", fmt.Sprintf("/api/v1/documents/%d/publish", d.ID), w.tokEditorA, nil, 200, nil)
	ws.SetReadDeadline(time.Now().Add(700 * time.Millisecond))
	var m hubMsg
	if err := ws.ReadJSON(&m); err == nil && m.Feed == unitA {
		t.Fatalf("still poked about the lost feed: %+v", m)
	}
}
