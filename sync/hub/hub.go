package hub

import (
	"context"
	"encoding/json"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

// Config tunes a hub. Zero fields take the defaults.
type Config struct {
	// QueueSize bounds the messages waiting per connection; beyond it the
	// connection is dropped. Pokes of one feed collapse, so this is about
	// distinct feeds: a phone follows at most 64 (default 72).
	QueueSize    int
	PingEvery    time.Duration // keep-alive ping period (default 30 s)
	WriteTimeout time.Duration // one write's deadline (default 10 s)
	// PullRate is the pulls per second one serve process should see after a
	// poke; pokes carry the window that spreads their subscribers to it
	// (default 2,000/s).
	PullRate int
	Log      *slog.Logger
}

func (c *Config) defaults() {
	if c.QueueSize <= 0 {
		c.QueueSize = 72
	}
	if c.PingEvery <= 0 {
		c.PingEvery = 30 * time.Second
	}
	if c.WriteTimeout <= 0 {
		c.WriteTimeout = 10 * time.Second
	}
	if c.PullRate <= 0 {
		c.PullRate = 2000
	}
	if c.Log == nil {
		c.Log = slog.Default()
	}
}

// Hub holds the connections of one serve process and what they follow.
type Hub struct {
	cfg      Config
	upgrader websocket.Upgrader

	mu    sync.RWMutex
	conns map[*conn]struct{}
	feeds map[string]map[*conn]struct{}
	heads map[string]int64 // last head poked per feed

	dropped atomic.Int64 // slow consumers dropped
	pokes   atomic.Int64 // pokes queued

	// Re-checks of what members may read (Recheck): queued, each
	// connection once, and run maxRefreshing at a time, so that a change
	// touching many members' records costs the database a steady trickle,
	// not a query per socket in the same second.
	refreshMu      sync.Mutex
	refreshQ       []*conn
	refreshRunning int
}

// maxRefreshing bounds the re-checks one hub runs at once.
const maxRefreshing = 4

func (h *Hub) queueRefresh(c *conn) {
	if !c.refreshPending.CompareAndSwap(false, true) {
		return // queued already: one re-check serves both pokes
	}
	h.refreshMu.Lock()
	h.refreshQ = append(h.refreshQ, c)
	start := h.refreshRunning < maxRefreshing
	if start {
		h.refreshRunning++
	}
	h.refreshMu.Unlock()
	if start {
		go h.refreshLoop()
	}
}

func (h *Hub) refreshLoop() {
	for {
		h.refreshMu.Lock()
		if len(h.refreshQ) == 0 {
			h.refreshQ = nil // let a burst's backing array go
			h.refreshRunning--
			h.refreshMu.Unlock()
			return
		}
		c := h.refreshQ[0]
		h.refreshQ[0] = nil
		h.refreshQ = h.refreshQ[1:]
		h.refreshMu.Unlock()
		c.refreshPending.Store(false)
		if !c.isClosed() {
			c.refresh()
		}
	}
}

// New makes a hub; call Run to feed it and Serve for each socket.
func New(cfg Config) *Hub {
	cfg.defaults()
	return &Hub{
		cfg: cfg,
		upgrader: websocket.Upgrader{
			ReadBufferSize:    256, // clients send little: a subscription now and then
			WriteBufferPool:   &sync.Pool{},
			EnableCompression: false,
			CheckOrigin:       func(*http.Request) bool { return true }, // phones send no Origin; auth is the token
		},
		conns: map[*conn]struct{}{},
		feeds: map[string]map[*conn]struct{}{},
		heads: map[string]int64{},
	}
}

// Conns is the number of open sockets.
func (h *Hub) Conns() int {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return len(h.conns)
}

// Stats reports pokes queued and slow consumers dropped (a full queue, or a
// write that did not finish in WriteTimeout) since start.
func (h *Hub) Stats() (pokes, dropped int64) { return h.pokes.Load(), h.dropped.Load() }

// poke is the message a phone gets: feed F is at head; pull within
// pull_after_ms (at a random moment of that window).
type poke struct {
	Type        string `json:"type"`
	Feed        string `json:"feed"`
	Head        int64  `json:"head"`
	PullAfterMS int    `json:"pull_after_ms"`
}

// Poke tells every connection following feed that it is at head. The
// message is encoded once for all of them. An older head than one already
// poked is ignored (notifications may arrive out of order across feeds'
// transactions, never within one feed, but a reconnect replays).
func (h *Hub) Poke(feed string, head int64) {
	h.mu.Lock()
	if head <= h.heads[feed] {
		h.mu.Unlock()
		return
	}
	h.heads[feed] = head
	subs := make([]*conn, 0, len(h.feeds[feed]))
	for c := range h.feeds[feed] {
		subs = append(subs, c)
	}
	h.mu.Unlock()
	if len(subs) == 0 {
		return
	}
	window := len(subs) * 1000 / h.cfg.PullRate
	b, _ := json.Marshal(poke{Type: "poke", Feed: feed, Head: head, PullAfterMS: window})
	pm, err := websocket.NewPreparedMessage(websocket.TextMessage, b)
	if err != nil {
		h.cfg.Log.Error("hub: prepare poke", "err", err)
		return
	}
	for _, c := range subs {
		c.send(feed, pm)
	}
	h.pokes.Add(int64(len(subs)))
}

// Recheck re-checks, for every connection following feed, which feeds its
// member may read (after a change of the member's own record: a transfer,
// a position taken or ended, an expulsion): feeds lost are no longer
// followed, and the phone is told.
func (h *Hub) Recheck(feed string) {
	h.mu.RLock()
	subs := make([]*conn, 0, len(h.feeds[feed]))
	for c := range h.feeds[feed] {
		subs = append(subs, c)
	}
	h.mu.RUnlock()
	for _, c := range subs {
		h.queueRefresh(c)
	}
}

func (h *Hub) add(c *conn) {
	c.slot = rand.Uint32()
	h.mu.Lock()
	h.conns[c] = struct{}{}
	h.mu.Unlock()
}

// follow replaces the feeds a connection follows; false (and nothing
// followed) when the connection has closed meanwhile.
func (h *Hub) follow(c *conn, feeds []string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.unfollowLocked(c)
	if feeds != nil && c.isClosed() {
		return false
	}
	c.feeds = feeds
	for _, f := range feeds {
		set := h.feeds[f]
		if set == nil {
			set = map[*conn]struct{}{}
			h.feeds[f] = set
		}
		set[c] = struct{}{}
	}
	return true
}

func (h *Hub) unfollowLocked(c *conn) {
	for _, f := range c.feeds {
		if set := h.feeds[f]; set != nil {
			delete(set, c)
			if len(set) == 0 {
				delete(h.feeds, f)
			}
		}
	}
	c.feeds = nil
}

func (h *Hub) remove(c *conn) {
	h.mu.Lock()
	h.unfollowLocked(c)
	delete(h.conns, c)
	h.mu.Unlock()
}

// sweep runs on the shared timer: it pings the connections whose turn it is
// (each connection once per PingEvery, spread over the ticks so that 100,000
// phones are not all pinged in the same millisecond) and closes those whose
// session was revoked or whose token expired.
func (h *Hub) sweep(now time.Time, tick, slots uint32) {
	h.mu.RLock()
	all := make([]*conn, 0, len(h.conns))
	for c := range h.conns {
		all = append(all, c)
	}
	h.mu.RUnlock()
	for _, c := range all {
		if reason := c.client.closeReason(now); reason != "" {
			c.closeWith(reason)
			continue
		}
		if c.slot%slots == tick%slots {
			c.send("", nil)
		}
	}
}

// Run pings and sweeps connections every sweepEvery until ctx ends, and
// closes them all when it does. (Pokes come from Listen.)
func (h *Hub) Run(ctx context.Context, sweepEvery time.Duration) {
	t := time.NewTicker(sweepEvery)
	defer t.Stop()
	slots := uint32(max(1, h.cfg.PingEvery/sweepEvery))
	for tick := uint32(0); ; tick++ {
		select {
		case <-ctx.Done():
			h.closeAll("server_shutdown")
			return
		case now := <-t.C:
			h.sweep(now, tick, slots)
		}
	}
}

func (h *Hub) closeAll(reason string) {
	h.mu.RLock()
	all := make([]*conn, 0, len(h.conns))
	for c := range h.conns {
		all = append(all, c)
	}
	h.mu.RUnlock()
	for _, c := range all {
		c.closeWith(reason)
	}
}
