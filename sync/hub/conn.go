package hub

import (
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

// Client is what the server tells the hub about an authenticated socket.
type Client struct {
	// Feeds returns the feeds the member may read now; the hub follows the
	// intersection of those and the ones the phone asks for.
	Feeds func(ctx context.Context) ([]string, error)
	// Revoked reports a reason to close (session revoked, device wiped), or "".
	Revoked func() string
	// Expires is when the access token used to connect expires.
	Expires time.Time
}

func (c Client) closeReason(now time.Time) string {
	if c.Revoked != nil {
		if r := c.Revoked(); r != "" {
			return r
		}
	}
	if !c.Expires.IsZero() && now.After(c.Expires) {
		return "token_expired"
	}
	return ""
}

// conn is one socket. Its queue is the only way messages reach it; the one
// writer goroutine, alive only while there is something to send, owns all
// writes.
type conn struct {
	hub    *Hub
	ws     *websocket.Conn
	client Client
	feeds  []string // guarded by hub.mu
	slot   uint32   // which sweep pings it

	refreshPending atomic.Bool // queued for a re-check of its feeds (Hub.queueRefresh)

	mu      sync.Mutex
	queue   []queued
	writing bool
	closed  bool
	reason  string
}

// queued is a message waiting for the writer: a poke about a feed (key is
// the feed: a newer poke replaces an older one still waiting), a ping (nil
// message), or a reply (no key).
type queued struct {
	key string
	m   *websocket.PreparedMessage
}

// send queues m (nil: a ping) under key (a feed, or "" for messages that
// are never replaced). A poke replaces an older poke of the same feed still
// waiting, so a burst of commits costs one slot, not one per commit; a
// connection whose queue still fills up is dropped.
func (c *conn) send(key string, m *websocket.PreparedMessage) {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return
	}
	if key != "" {
		for i := range c.queue {
			if c.queue[i].key == key {
				c.queue[i].m = m
				c.mu.Unlock()
				return
			}
		}
	}
	if len(c.queue) >= c.hub.cfg.QueueSize {
		c.mu.Unlock()
		c.hub.dropped.Add(1)
		c.closeWith("too_slow")
		return
	}
	c.queue = append(c.queue, queued{key, m})
	start := !c.writing
	c.writing = true
	c.mu.Unlock()
	if start {
		go c.write()
	}
}

// write drains the queue, then ends.
func (c *conn) write() {
	for {
		c.mu.Lock()
		if len(c.queue) == 0 || c.closed {
			c.writing = false
			c.mu.Unlock()
			return
		}
		m := c.queue[0].m
		// Shift rather than reslice: the queue keeps its array, so a poke
		// to an idle connection allocates nothing.
		n := copy(c.queue, c.queue[1:])
		c.queue[n] = queued{}
		c.queue = c.queue[:n]
		c.mu.Unlock()
		deadline := time.Now().Add(c.hub.cfg.WriteTimeout)
		var err error
		if m == nil {
			err = c.ws.WriteControl(websocket.PingMessage, nil, deadline)
		} else {
			c.ws.SetWriteDeadline(deadline)
			err = c.ws.WritePreparedMessage(m)
		}
		if err != nil {
			c.hub.dropped.Add(1) // a phone that cannot take a write in WriteTimeout is too slow
			c.closeWith("write_failed")
			return
		}
	}
}

// closeWith marks the connection closed and forgets it at once, then closes
// the socket, telling the phone why (a close frame with the reason), on a
// goroutine of its own: the caller may be the hub's poke loop, which must
// never wait for one phone.
func (c *conn) closeWith(reason string) {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return
	}
	c.closed, c.reason = true, reason
	c.queue = nil
	c.mu.Unlock()
	c.hub.remove(c)
	code := websocket.ClosePolicyViolation
	switch reason {
	case "server_shutdown":
		code = websocket.CloseGoingAway
	case "too_slow", "write_failed":
		code = websocket.CloseTryAgainLater
	}
	go func() {
		_ = c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, reason), time.Now().Add(time.Second))
		c.ws.Close()
	}()
}

func (c *conn) isClosed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.closed
}

// subscribe is what a phone sends: the feeds it holds.
type subscribe struct {
	Type  string   `json:"type"` // "subscribe"
	Feeds []string `json:"feeds"`
}

// subscribed answers it: the feeds followed, and those refused (the phone
// pulls to learn why).
type subscribed struct {
	Type    string   `json:"type"` // "subscribed"
	Feeds   []string `json:"feeds"`
	Refused []string `json:"refused"`
}

// Serve upgrades the request to a WebSocket for an authenticated client and
// returns at once: the socket lives on in one small reader goroutine (the
// HTTP server's goroutine, with the stack it grew parsing the request, ends
// here), which is most of what an idle phone costs.
func (h *Hub) Serve(w http.ResponseWriter, r *http.Request, client Client) error {
	ws, err := h.upgrader.Upgrade(w, r, nil)
	if err != nil {
		return nil // the upgrader has answered the client
	}
	ws.SetReadLimit(16 << 10)
	c := &conn{hub: h, ws: ws, client: client}
	h.add(c)
	go c.read()
	return nil
}

// read handles what the phone sends (subscriptions, pongs) until the socket
// closes.
func (c *conn) read() {
	h, ws := c.hub, c.ws
	defer c.closeWith("closed")
	readFor := 2*h.cfg.PingEvery + 10*time.Second
	ws.SetReadDeadline(time.Now().Add(readFor))
	ws.SetPongHandler(func(string) error { return ws.SetReadDeadline(time.Now().Add(readFor)) })
	for {
		_, data, err := ws.ReadMessage()
		if err != nil {
			return
		}
		ws.SetReadDeadline(time.Now().Add(readFor))
		var msg subscribe
		if json.Unmarshal(data, &msg) != nil || msg.Type != "subscribe" || len(msg.Feeds) > 64 {
			c.closeWith("bad_message")
			return
		}
		if !c.resubscribe(msg.Feeds) {
			return
		}
	}
}

// resubscribe follows the feeds asked for that the member may read now and
// tells the phone which those are; false when the connection had to close.
func (c *conn) resubscribe(asked []string) bool {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	allowed, err := c.client.Feeds(ctx)
	cancel()
	if err != nil {
		c.closeWith("server_error")
		return false
	}
	ok := map[string]bool{}
	for _, f := range allowed {
		ok[f] = true
	}
	reply := subscribed{Type: "subscribed", Feeds: []string{}, Refused: []string{}}
	for _, f := range asked {
		if ok[f] {
			reply.Feeds = append(reply.Feeds, f)
		} else {
			reply.Refused = append(reply.Refused, f)
		}
	}
	if !c.hub.follow(c, reply.Feeds) {
		return false
	}
	b, _ := json.Marshal(reply)
	pm, _ := websocket.NewPreparedMessage(websocket.TextMessage, b)
	c.send("", pm)
	return true
}

// refresh re-checks what the member may read after their own feed moved (a
// transfer, a position taken or ended, an expulsion): feeds they lost are
// no longer followed, and the phone is told (a "subscribed" message whose
// refused lists them) so that it pulls.
func (c *conn) refresh() {
	c.hub.mu.RLock()
	following := append([]string(nil), c.feeds...)
	c.hub.mu.RUnlock()
	c.resubscribe(following)
}
