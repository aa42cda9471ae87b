package feed

import (
	"container/list"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sync"
	"time"

	"sotay/db"
	"sotay/sync/wire"
)

// CachedPage is a page as the protocol carries it, shared by every pull that
// asks for the same (feed, cursor, head).
type CachedPage struct {
	Changes []wire.Change
	To      int64
	More    bool
	size    int

	encodeOnce sync.Once
	encoded    []byte
	etag       string
}

// Chunk is a page as the chunk endpoint sends it.
type Chunk struct {
	Changes []wire.Change `json:"changes"`
	Cursor  string        `json:"cursor"`
	More    bool          `json:"more,omitempty"`
}

// Encoded returns the page's JSON (as a Chunk) and its strong ETag, both
// computed once however many phones ask.
func (p *CachedPage) Encoded() ([]byte, string) {
	p.encodeOnce.Do(func() {
		p.encoded, _ = json.Marshal(Chunk{Changes: p.Changes, Cursor: wire.FormatCursor(p.To), More: p.More})
		sum := sha256.Sum256(p.encoded)
		p.etag = `"` + hex.EncodeToString(sum[:16]) + `"`
	})
	return p.encoded, p.etag
}

// PageCache keeps recent pages in memory, least recently used out first,
// up to a byte budget; concurrent misses of one key wait for a single read.
// The page for (feed, from, head) is the same whenever it is read (a later
// write moves the head, and so the key), which is what makes sharing safe.
type PageCache struct {
	mu       sync.Mutex
	max, n   int
	order    *list.List // front: most recent
	items    map[pageKey]*list.Element
	inflight map[pageKey]*call
	reads    int64 // database reads, for tests and metrics
}

type pageKey struct {
	feed     string
	from, to int64
	limit    int
}

type entry struct {
	key  pageKey
	page *CachedPage
}

type call struct {
	done chan struct{}
	page *CachedPage
	err  error
}

// NewPageCache makes a cache holding up to maxBytes of page bodies.
func NewPageCache(maxBytes int) *PageCache {
	return &PageCache{max: maxBytes, order: list.New(), items: map[pageKey]*list.Element{}, inflight: map[pageKey]*call{}}
}

// Get returns the page of feed after from up to head, reading it through q
// (a snapshot in which head is the feed's head) on a miss.
func (c *PageCache) Get(ctx context.Context, q db.Querier, feed string, from, head int64, limit int) (*CachedPage, error) {
	if from >= head {
		return &CachedPage{Changes: []wire.Change{}, To: head}, nil
	}
	k := pageKey{feed, from, head, limit}
	c.mu.Lock()
	if el, ok := c.items[k]; ok {
		c.order.MoveToFront(el)
		c.mu.Unlock()
		return el.Value.(*entry).page, nil
	}
	if cl, ok := c.inflight[k]; ok {
		c.mu.Unlock()
		select {
		case <-cl.done:
			return cl.page, cl.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	cl := &call{done: make(chan struct{})}
	c.inflight[k] = cl
	c.reads++
	c.mu.Unlock()

	// Others may be waiting for this read: it must not fail because the
	// phone that happened to ask first went away.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	cl.page, cl.err = read(rctx, q, feed, from, head, limit)
	cancel()
	c.mu.Lock()
	delete(c.inflight, k)
	if cl.err == nil {
		c.items[k] = c.order.PushFront(&entry{k, cl.page})
		c.n += cl.page.size
		for c.n > c.max && c.order.Len() > 1 {
			old := c.order.Back()
			c.order.Remove(old)
			e := old.Value.(*entry)
			delete(c.items, e.key)
			c.n -= e.page.size
		}
	}
	c.mu.Unlock()
	close(cl.done)
	return cl.page, cl.err
}

// Reads is how many pages were read from the database (not the cache).
func (c *PageCache) Reads() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.reads
}

func read(ctx context.Context, q db.Querier, feed string, from, head int64, limit int) (*CachedPage, error) {
	p, err := ReadPage(ctx, q, feed, from, head, limit)
	if err != nil {
		return nil, err
	}
	// size counts the entry overhead and twice the bodies: the page may also
	// hold its encoded copy (Encoded).
	out := &CachedPage{Changes: make([]wire.Change, len(p.Entries)), To: p.To, More: p.More, size: 256}
	for i, e := range p.Entries {
		out.Changes[i] = wire.Change{Entity: e.Entity, Deleted: e.Deleted, Body: e.Body}
		out.size += 2*(len(e.Entity)+len(e.Body)) + 64
	}
	return out, nil
}
