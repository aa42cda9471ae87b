package server_test

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"sotay/content"
	"sotay/db"
	"sotay/sync/feed"
	"sotay/sync/wire"
)

// phone is a minimal sync client, as sync/PROTOCOL.md asks one to behave: it
// applies pages, purges removed feeds, resets, checks checksums, and keeps an
// outbox of mutations.
type phone struct {
	w       *world
	t       *testing.T
	tok     string
	id      string
	cursors map[string]string
	data    map[string]map[string]json.RawMessage
	nextID  int64
	lastMut int64
}

func newPhone(t *testing.T, w *world, tok string) *phone {
	return &phone{w: w, t: t, tok: tok, id: uuid.NewString(), cursors: map[string]string{}, data: map[string]map[string]json.RawMessage{}}
}

func (p *phone) pull() wire.PullResponse {
	p.t.Helper()
	var last wire.PullResponse
	for range 50 {
		var resp wire.PullResponse
		p.w.do("POST", "/api/v1/sync/pull", p.tok, wire.PullRequest{Version: wire.Version, ClientID: p.id, Feeds: p.cursors}, 200, &resp)
		for _, f := range resp.Removed {
			delete(p.data, f)
			delete(p.cursors, f)
		}
		for name, page := range resp.Feeds {
			if page.Reset || p.data[name] == nil {
				p.data[name] = map[string]json.RawMessage{}
			}
			for _, c := range page.Changes {
				if c.Deleted {
					delete(p.data[name], c.Entity)
				} else {
					p.data[name][c.Entity] = c.Body
				}
			}
			p.cursors[name] = page.Cursor
			if !page.More {
				var sum uint64
				for e, b := range p.data[name] {
					sum += wire.Hash(e, b)
				}
				if wire.FormatChecksum(sum) != page.Checksum {
					p.t.Fatalf("feed %s: checksum %d, server says %s", name, sum, page.Checksum)
				}
			}
		}
		p.lastMut = resp.LastMutationID
		last = resp
		if !resp.More {
			return last
		}
	}
	p.t.Fatal("pull never caught up")
	return last
}

func (p *phone) has(feed, entity string) bool {
	_, ok := p.data[feed][entity]
	return ok
}

func (p *phone) push(muts ...wire.Mutation) wire.PushResponse {
	p.t.Helper()
	var resp wire.PushResponse
	p.w.do("POST", "/api/v1/sync/push", p.tok, wire.PushRequest{Version: wire.Version, ClientID: p.id, Mutations: muts}, 200, &resp)
	return resp
}

func (p *phone) mut(name string, args any) wire.Mutation {
	p.nextID++
	b, _ := json.Marshal(args)
	return wire.Mutation{ID: p.nextID, Name: name, Args: b}
}

func TestSyncBootstrapIncrementalAndRevocation(t *testing.T) {
	w := newWorld(t)
	ph := newPhone(t, w, w.tokM1)
	resp := ph.pull()
	wantFeeds := []string{fmt.Sprintf("member:%d", w.m1.ID), fmt.Sprintf("unit:%d", w.A.ID), fmt.Sprintf("unit:%d", w.C1.ID),
		fmt.Sprintf("unit:%d", w.G.ID), fmt.Sprintf("unit:%d", w.P.ID)}
	slices.Sort(wantFeeds)
	if fmt.Sprint(resp.Added) != fmt.Sprint(wantFeeds) {
		t.Fatalf("bootstrap feeds %v, want %v", resp.Added, wantFeeds)
	}
	c1 := fmt.Sprintf("unit:%d", w.C1.ID)
	if !ph.has(c1, fmt.Sprintf("member:%d", w.s1.ID)) || !ph.has(fmt.Sprintf("member:%d", w.m1.ID), fmt.Sprintf("profile:%d", w.m1.ID)) {
		t.Fatalf("roster or profile missing: %v", ph.data)
	}

	// A commune document reaches the phone; its retraction removes it.
	var d content.Document
	w.do("POST", "/api/v1/documents", w.tokEditorA, map[string]any{"type": "notice", "title": "Thông báo", "audience_unit_id": w.A.ID}, 201, &d)
	w.do("POST", fmt.Sprintf("/api/v1/documents/%d/publish", d.ID), w.tokEditorA, nil, 200, nil)
	ph.pull()
	unitA, doc := fmt.Sprintf("unit:%d", w.A.ID), fmt.Sprintf("document:%d", d.ID)
	if !ph.has(unitA, doc) {
		t.Fatal("published document did not arrive")
	}
	w.do("POST", fmt.Sprintf("/api/v1/documents/%d/retract", d.ID), w.tokEditorA, map[string]string{"reason": "nhầm"}, 200, nil)
	ph.pull()
	if ph.has(unitA, doc) {
		t.Fatal("retracted document still on the phone")
	}

	// Transferred to commune B: the old feeds are removed, the new ones added.
	w.do("POST", fmt.Sprintf("/api/v1/documents/%d/publish", d.ID), w.tokEditorA, nil, 200, nil)
	w.do("POST", fmt.Sprintf("/api/v1/members/%d/transfer", w.m1.ID), w.tokAdmin, map[string]any{"cell_id": w.C3.ID}, 200, nil)
	resp = ph.pull()
	if !slices.Contains(resp.Removed, unitA) || !slices.Contains(resp.Removed, c1) || !slices.Contains(resp.Added, fmt.Sprintf("unit:%d", w.C3.ID)) {
		t.Fatalf("after transfer: removed %v added %v", resp.Removed, resp.Added)
	}
	if _, held := ph.data[unitA]; held {
		t.Fatal("the phone still holds commune A's feed")
	}
}

func TestSyncBadInput(t *testing.T) {
	w := newWorld(t)
	id := uuid.NewString()
	cases := []struct {
		name string
		req  any
	}{
		{"bad feed name", wire.PullRequest{Version: 1, ClientID: id, Feeds: map[string]string{"users:1": ""}}},
		{"bad cursor", wire.PullRequest{Version: 1, ClientID: id, Feeds: map[string]string{fmt.Sprintf("unit:%d", w.P.ID): "abc"}}},
		{"negative cursor", wire.PullRequest{Version: 1, ClientID: id, Feeds: map[string]string{fmt.Sprintf("unit:%d", w.P.ID): "-1"}}},
		{"no client", wire.PullRequest{Version: 1, ClientID: "phone", Feeds: map[string]string{}}},
		{"old version", wire.PullRequest{Version: 0, ClientID: id}},
	}
	for _, c := range cases {
		b := w.do("POST", "/api/v1/sync/pull", w.tokM1, c.req, 400, nil)
		if errorCode(b) != "bad_sync_request" {
			t.Errorf("%s: %s", c.name, b)
		}
	}
	// Another member's feed: not served, and named as removed.
	other := fmt.Sprintf("member:%d", w.m3.ID)
	var resp wire.PullResponse
	w.do("POST", "/api/v1/sync/pull", w.tokM1, wire.PullRequest{Version: 1, ClientID: id, Feeds: map[string]string{other: "0"}}, 200, &resp)
	if _, leaked := resp.Feeds[other]; leaked || !slices.Contains(resp.Removed, other) {
		t.Fatalf("another member's feed: %+v", resp)
	}
	// A cursor ahead of the head: the feed starts over.
	mine := fmt.Sprintf("member:%d", w.m1.ID)
	w.do("POST", "/api/v1/sync/pull", w.tokM1, wire.PullRequest{Version: 1, ClientID: id, Feeds: map[string]string{mine: "999999"}}, 200, &resp)
	if !resp.Feeds[mine].Reset || len(resp.Feeds[mine].Changes) == 0 {
		t.Fatalf("cursor ahead: %+v", resp.Feeds[mine])
	}
	// The client id belongs to m1 now.
	b := w.do("POST", "/api/v1/sync/pull", w.tokM3, wire.PullRequest{Version: 1, ClientID: id, Feeds: map[string]string{}}, 403, nil)
	if errorCode(b) != "client_of_another_account" {
		t.Fatalf("someone else's client id: %s", b)
	}
	// Push: a batch out of order is refused as a whole.
	w.do("POST", "/api/v1/sync/push", w.tokM1, wire.PushRequest{Version: 1, ClientID: id,
		Mutations: []wire.Mutation{{ID: 2, Name: "note.set"}, {ID: 1, Name: "note.set"}}}, 400, nil)
}

func TestSyncPushExactlyOnce(t *testing.T) {
	w := newWorld(t)
	var d content.Document
	until := time.Now().Add(72 * time.Hour)
	w.do("POST", "/api/v1/documents", w.tokEditorA, map[string]any{"type": "draft", "title": "Dự thảo nghị quyết",
		"audience_unit_id": w.A.ID, "comments_until": until}, 201, &d)
	w.do("POST", fmt.Sprintf("/api/v1/documents/%d/publish", d.ID), w.tokEditorA, nil, 200, nil)

	ph := newPhone(t, w, w.tokM1)
	ph.pull()
	read := ph.mut("document.read", map[string]any{"document_id": d.ID})
	listen := ph.mut("document.listened", map[string]any{"document_id": d.ID, "position_s": 95})
	comment := ph.mut("comment.add", map[string]any{"document_id": d.ID, "text": "Đề nghị bổ sung chỉ tiêu về phát triển đảng viên trẻ."})
	unknown := ph.mut("meeting.teleport", map[string]any{})
	bad := ph.mut("document.listened", map[string]any{"document_id": d.ID, "position_s": -5})
	elsewhere := ph.mut("document.read", map[string]any{"document_id": 999999})
	note := ph.mut("note.set", map[string]any{"document_id": d.ID, "text": "Xem lại mục 3"})

	resp := ph.push(read, listen, comment)
	if resp.LastMutationID != 3 || resp.Results[2].Outcome != wire.Applied {
		t.Fatalf("first push %+v", resp)
	}
	// The same batch again (the answer was lost): nothing applied twice.
	resp = ph.push(read, listen, comment)
	for _, r := range resp.Results {
		if r.Outcome != wire.Skipped {
			t.Fatalf("repeat: %+v", resp.Results)
		}
	}
	// A gap: 5 before 4 is refused, nothing moves.
	resp = ph.push(bad)
	if resp.Results[0].Outcome != wire.Refused || resp.LastMutationID != 3 {
		t.Fatalf("gap: %+v", resp)
	}
	resp = ph.push(unknown, bad, elsewhere, note)
	want := []string{wire.Rejected, wire.Rejected, wire.Rejected, wire.Applied}
	for i, r := range resp.Results {
		if r.Outcome != want[i] {
			t.Fatalf("mutation %d: %+v, want %s", r.ID, r, want[i])
		}
	}
	if resp.LastMutationID != 7 || resp.Results[0].Code != "unknown_mutation" || resp.Results[1].Code != "invalid_position" || resp.Results[2].Code != "document_not_found" {
		t.Fatalf("rejections: %+v", resp.Results)
	}
	var comments, states, rejections int
	w.pool.QueryRow(t.Context(), `SELECT count(*) FROM comments`).Scan(&comments)
	w.pool.QueryRow(t.Context(), `SELECT count(*) FROM member_documents WHERE read_at IS NOT NULL AND listened_s = 95 AND note = 'Xem lại mục 3'`).Scan(&states)
	w.pool.QueryRow(t.Context(), `SELECT count(*) FROM sync_rejections`).Scan(&rejections)
	if comments != 1 || states != 1 || rejections != 3 {
		t.Fatalf("comments %d, states %d, rejections %d", comments, states, rejections)
	}
	// The pull reports the last applied mutation; the member sees their
	// state and comment; the secretary (an officer in commune A) sees the comment.
	ph.pull()
	mine := fmt.Sprintf("member:%d", w.m1.ID)
	if ph.lastMut != 7 || !ph.has(mine, fmt.Sprintf("doc_state:%d", d.ID)) {
		t.Fatalf("last %d, member feed %v", ph.lastMut, ph.data[mine])
	}
	sec := newPhone(t, w, w.tokS1)
	sec.pull()
	officersA := fmt.Sprintf("officers:%d", w.A.ID)
	if len(sec.data[officersA]) != 1 {
		t.Fatalf("the secretary's view of comments: %v", sec.data[officersA])
	}
	if _, ok := ph.data[officersA]; ok {
		t.Fatal("a plain member reads the officers feed")
	}
}

// TestSyncChunkIsSharedAndImmutable: two members of a commune get the same
// bytes and ETag for a chunk of its feed, marked immutable; a member
// elsewhere gets 404; a revalidation gets 304.
func TestSyncChunkIsSharedAndImmutable(t *testing.T) {
	w := newWorld(t)
	var d content.Document
	w.do("POST", "/api/v1/documents", w.tokEditorA, map[string]any{"type": "notice", "title": "Thông báo", "audience_unit_id": w.A.ID}, 201, &d)
	w.do("POST", fmt.Sprintf("/api/v1/documents/%d/publish", d.ID), w.tokEditorA, nil, 200, nil)
	var head struct{ Head int64 }
	w.pool.QueryRow(t.Context(), `SELECT head FROM feeds WHERE name = $1`, fmt.Sprintf("unit:%d", w.A.ID)).Scan(&head.Head)
	path := fmt.Sprintf("%s/api/v1/sync/feeds/unit:%d?from=0&to=%d", w.url, w.A.ID, head.Head)
	get := func(tok, etag string) (*http.Response, []byte) {
		req, _ := http.NewRequest("GET", path, nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		if etag != "" {
			req.Header.Set("If-None-Match", etag)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp, b
	}
	r1, b1 := get(w.tokM1, "")
	r2, b2 := get(w.login("10000003"), "") // m2, of another cell in commune A
	if r1.StatusCode != 200 || string(b1) != string(b2) || r1.Header.Get("ETag") == "" || r1.Header.Get("ETag") != r2.Header.Get("ETag") ||
		!strings.Contains(r1.Header.Get("Cache-Control"), "immutable") || !strings.Contains(string(b1), fmt.Sprintf("document:%d", d.ID)) {
		t.Fatalf("chunk: %d %v %s", r1.StatusCode, r1.Header, b1)
	}
	if r, _ := get(w.tokM1, r1.Header.Get("ETag")); r.StatusCode != 304 {
		t.Fatalf("revalidation: %d", r.StatusCode)
	}
	if r, _ := get(w.tokM3, ""); r.StatusCode != 404 {
		t.Fatalf("a member elsewhere: %d", r.StatusCode)
	}
}

// TestBootstrapAcrossARaisedHorizon: a feed with more live entries than a
// page, whose old tombstones were purged, still downloads whole on a new
// phone (its bootstrap cursors may go below the horizon).
func TestBootstrapAcrossARaisedHorizon(t *testing.T) {
	w := newWorld(t)
	ctx := t.Context()
	name := fmt.Sprintf("unit:%d", w.P.ID)
	write := func(changes ...feed.Change) {
		if err := db.Transact(ctx, w.pool, func(tx pgx.Tx) error { _, err := feed.Write(ctx, tx, changes); return err }); err != nil {
			t.Fatal(err)
		}
	}
	gone, _ := feed.Put(name, "note:gone", 0)
	write(gone)
	write(feed.Delete(name, "note:gone"))
	for i := 0; i < 1200; i += 10 {
		var batch []feed.Change
		for j := i; j < i+10; j++ {
			c, _ := feed.Put(name, fmt.Sprintf("note:%d", j), j)
			batch = append(batch, c)
		}
		write(batch...)
	}
	w.pool.Exec(ctx, `UPDATE feed_entries SET written_at = now() - interval '1 year' WHERE deleted`)
	if err := db.Transact(ctx, w.pool, func(tx pgx.Tx) error { _, err := feed.PurgeTombstones(ctx, tx, feed.TombstoneRetention); return err }); err != nil {
		t.Fatal(err)
	}
	write(feed.Delete(name, "note:5")) // the horizon is now far above the first page
	var horizon int64
	w.pool.QueryRow(ctx, `SELECT horizon FROM feeds WHERE name = $1`, name).Scan(&horizon)
	if horizon < 2 {
		t.Fatalf("horizon %d", horizon)
	}
	w.pool.Exec(ctx, `UPDATE feeds SET horizon = head - 1 WHERE name = $1`, name) // as if much was purged
	ph := newPhone(t, w, w.tokM1)
	ph.pull()
	if n := len(ph.data[name]); n < 1199 {
		t.Fatalf("the phone holds %d entries of %s", n, name)
	}
}

// TestPullIsCompressed: a client that takes gzip gets a gzip answer.
func TestPullIsCompressed(t *testing.T) {
	w := newWorld(t)
	body, _ := json.Marshal(wire.PullRequest{Version: 1, ClientID: uuid.NewString(), Feeds: map[string]string{}})
	req, _ := http.NewRequest("POST", w.url+"/api/v1/sync/pull", strings.NewReader(string(body)))
	req.Header.Set("Authorization", "Bearer "+w.tokM1)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("Content-Encoding %q", resp.Header.Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var pr wire.PullResponse
	if err := json.NewDecoder(zr).Decode(&pr); err != nil || len(pr.Added) == 0 {
		t.Fatalf("decoded %+v, %v", pr, err)
	}
}
