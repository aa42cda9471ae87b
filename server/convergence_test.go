package server_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http/httptest"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"sotay/content"
	"sotay/content/blob"
	"sotay/server"
	"sotay/sync/wire"
)

// simPhone is a phone in the convergence test: it follows PROTOCOL.md
// (purge, reset, checksums, outbox), goes offline and online, and signs in
// again when its session is revoked.
type simPhone struct {
	*phone
	member  content.Member
	card    string
	online  bool
	outbox  []wire.Mutation
	comment map[int64]bool // comment.add mutations the server applied
}

// TestConvergence is DESIGN.md §4 as one randomised, repeatable run: members
// go offline and online, move between cells, lose their sessions, push
// repeated and out-of-order mutations, while admins publish, edit and retract
// across the tree and the server restarts. At the end each phone holds
// exactly what the server says its member may see, every accepted mutation
// was applied once, and no phone ever held a feed its member could not read.
func TestConvergence(t *testing.T) {
	seed := uint64(20261128)
	rng := rand.New(rand.NewPCG(seed, 1))
	w := newWorld(t)
	ctx := context.Background()
	cells := []content.Unit{w.C1, w.C2, w.C3}
	audiences := []content.Unit{w.P, w.A, w.B, w.G, w.C1, w.C2, w.C3}

	// A server we can restart: a new process's worth of state each time.
	var hs *httptest.Server
	restart := func() {
		if hs != nil {
			hs.Close()
		}
		signer, _ := content.LoadSigner(ctx, w.pool)
		rev := content.NewRevocations()
		rev.Load(ctx, w.pool)
		blobs, _ := blob.Open(t.TempDir())
		srv := server.New(server.Deps{Pool: w.pool, Signer: signer, Revocations: rev, Blobs: blobs, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
		hs = httptest.NewServer(srv.Handler())
		w.url = hs.URL
		// The revocation list of this "process" is loaded now; reload it on every request in this test.
		reloadRevocations = func() { rev.Load(ctx, w.pool) }
	}
	restart()
	defer func() { hs.Close() }()

	// Phones: the world's four members and eight more.
	phones := []*simPhone{}
	addPhone := func(m content.Member, card string) {
		tok := w.login(card)
		phones = append(phones, &simPhone{phone: newPhone(t, w, tok), member: m, card: card, online: true, comment: map[int64]bool{}})
	}
	addPhone(w.m1, "10000001")
	addPhone(w.s1, "10000002")
	addPhone(w.m2, "10000003")
	addPhone(w.m3, "10000004")
	for i := 0; i < 8; i++ {
		card := fmt.Sprintf("2000%04d", i)
		var m struct{ Member content.Member }
		w.do("POST", "/api/v1/members", w.tokAdmin, map[string]any{"card_number": card, "full_name": fmt.Sprintf("Đảng viên %d", i),
			"status": "full", "cell_id": cells[i%3].ID}, 201, &m)
		var code struct{ Code string }
		w.do("POST", fmt.Sprintf("/api/v1/members/%d/activation-code", m.Member.ID), w.tokAdmin, nil, 201, &code)
		w.do("POST", "/api/v1/auth/activate", "", map[string]any{"login": card, "code": code.Code, "password": pw}, 200, nil)
		addPhone(m.Member, card)
	}
	adminTok := func() string { return w.login("admin") }
	admin := adminTok()

	var docs []int64
	var draft content.Document
	until := time.Now().Add(24 * time.Hour)
	w.do("POST", "/api/v1/documents", admin, map[string]any{"type": "draft", "title": "Dự thảo", "audience_unit_id": w.P.ID, "comments_until": until}, 201, &draft)
	w.do("POST", fmt.Sprintf("/api/v1/documents/%d/publish", draft.ID), admin, nil, 200, nil)

	// sync brings a phone up to date, signing in again if its session died,
	// and checks that it holds no feed its member may not read.
	sync := func(p *simPhone) {
		reloadRevocations()
		p.w.url = w.url
		if st := w.doStatus("GET", "/api/v1/auth/devices", p.tok, nil); st == 401 {
			p.tok = w.login(p.card)
		}
		// Push the outbox, sometimes twice (a lost answer), sometimes with a
		// gap first (out of order).
		if len(p.outbox) > 0 {
			if len(p.outbox) > 1 && rng.IntN(4) == 0 {
				resp := p.push(p.outbox[1:]...)
				if resp.Results[0].Outcome != wire.Refused {
					t.Fatalf("a gap was not refused: %+v", resp.Results[0])
				}
			}
			resp := p.push(p.outbox...)
			if rng.IntN(3) == 0 {
				again := p.push(p.outbox...)
				for _, r := range again.Results {
					if r.Outcome != wire.Skipped {
						t.Fatalf("a repeated mutation was not skipped: %+v", r)
					}
				}
			}
			for _, r := range resp.Results {
				m := p.outbox[r.ID-p.outbox[0].ID]
				if m.Name == "comment.add" && (r.Outcome == wire.Applied || r.Outcome == wire.Skipped) {
					p.comment[r.ID] = true
				}
			}
			kept := p.outbox[:0]
			for _, m := range p.outbox {
				if m.ID > resp.LastMutationID {
					kept = append(kept, m)
				}
			}
			p.outbox = kept
		}
		p.pull()
		allowed, err := content.MemberFeeds(ctx, w.pool, p.member.ID)
		if err != nil {
			t.Fatal(err)
		}
		for f := range p.data {
			if !slices.Contains(allowed, f) {
				t.Fatalf("phone of member %d holds feed %s it may not read (allowed %v)", p.member.ID, f, allowed)
			}
		}
	}

	for step := 0; step < 400; step++ {
		switch r := rng.IntN(100); {
		case r < 20: // publish somewhere
			u := audiences[rng.IntN(len(audiences))]
			var d content.Document
			w.do("POST", "/api/v1/documents", admin, map[string]any{"type": "notice", "title": fmt.Sprintf("Thông báo %d", step),
				"body": fmt.Sprintf("Nội dung %d", step), "audience_unit_id": u.ID, "officers_only": rng.IntN(5) == 0}, 201, &d)
			w.do("POST", fmt.Sprintf("/api/v1/documents/%d/publish", d.ID), admin, nil, 200, nil)
			docs = append(docs, d.ID)
		case r < 30 && len(docs) > 0: // edit: new text, sometimes a new audience
			id := docs[rng.IntN(len(docs))]
			var d content.Document
			if w.doStatus("GET", fmt.Sprintf("/api/v1/documents/%d", id), admin, &d) != 200 || d.Status != content.StatusPublished {
				continue
			}
			in := d.Input()
			in.Body = fmt.Sprintf("Sửa ở bước %d", step)
			if rng.IntN(3) == 0 {
				in.AudienceUnitID = audiences[rng.IntN(len(audiences))].ID
			}
			w.do("PUT", fmt.Sprintf("/api/v1/documents/%d", id), admin, in, 200, nil)
		case r < 36 && len(docs) > 0: // retract or republish
			id := docs[rng.IntN(len(docs))]
			var d content.Document
			w.doStatus("GET", fmt.Sprintf("/api/v1/documents/%d", id), admin, &d)
			if d.Status == content.StatusPublished {
				w.do("POST", fmt.Sprintf("/api/v1/documents/%d/retract", id), admin, map[string]string{"reason": "thu hồi"}, 200, nil)
			} else if d.Status == content.StatusRetracted {
				w.do("POST", fmt.Sprintf("/api/v1/documents/%d/publish", id), admin, nil, 200, nil)
			}
		case r < 42: // a member moves
			p := phones[rng.IntN(len(phones))]
			to := cells[rng.IntN(len(cells))]
			var m struct{ Member content.Member }
			w.do("GET", fmt.Sprintf("/api/v1/members/%d", p.member.ID), admin, nil, 200, &m)
			if *m.Member.CellID != to.ID {
				w.do("POST", fmt.Sprintf("/api/v1/members/%d/transfer", p.member.ID), admin, map[string]any{"cell_id": to.ID}, 200, nil)
			}
		case r < 45: // a device is signed out by an admin
			p := phones[rng.IntN(len(phones))]
			var devs struct{ Devices []content.Device }
			w.do("GET", fmt.Sprintf("/api/v1/members/%d/devices", p.member.ID), admin, nil, 200, &devs)
			for _, d := range devs.Devices {
				if d.RevokedAt == nil {
					w.do("POST", "/api/v1/devices/"+d.ID.String()+"/revoke", admin, map[string]bool{"wipe": false}, 204, nil)
				}
			}
		case r < 47: // the server restarts
			restart()
			admin = adminTok()
		case r < 60: // a phone goes offline or comes back
			p := phones[rng.IntN(len(phones))]
			p.online = !p.online
		case r < 80: // a member does something on their phone, online or not
			p := phones[rng.IntN(len(phones))]
			var held []int64
			for _, f := range p.data {
				for e := range f {
					var id int64
					if _, err := fmt.Sscanf(e, "document:%d", &id); err == nil {
						held = append(held, id)
					}
				}
			}
			if rng.IntN(3) == 0 {
				p.outbox = append(p.outbox, p.mut("comment.add", map[string]any{"document_id": draft.ID, "text": fmt.Sprintf("Góp ý %d", step)}))
			} else if len(held) > 0 {
				id := held[rng.IntN(len(held))]
				p.outbox = append(p.outbox, p.mut("note.set", map[string]any{"document_id": id, "text": fmt.Sprintf("ghi chú %d", step)}))
			}
		default: // online phones sync
			for _, p := range phones {
				if p.online && rng.IntN(2) == 0 {
					sync(p)
				}
			}
		}
	}

	// Everyone comes online and syncs until the outbox is empty.
	for _, p := range phones {
		p.online = true
		for range 5 {
			sync(p)
			if len(p.outbox) == 0 {
				break
			}
		}
		if len(p.outbox) != 0 {
			t.Fatalf("phone of member %d could not empty its outbox: %d left", p.member.ID, len(p.outbox))
		}
	}

	for _, p := range phones {
		// The copy equals the server's live feeds, exactly.
		allowed, _ := content.MemberFeeds(ctx, w.pool, p.member.ID)
		held := make([]string, 0, len(p.data))
		for f := range p.data {
			held = append(held, f)
		}
		sort.Strings(held)
		if fmt.Sprint(held) != fmt.Sprint(allowed) {
			t.Fatalf("member %d: phone holds feeds %v, may read %v", p.member.ID, held, allowed)
		}
		for _, f := range allowed {
			rows, _ := w.pool.Query(ctx, `SELECT entity, body FROM feed_entries WHERE feed = $1 AND NOT deleted`, f)
			want := map[string]string{}
			var e, b string
			pgx.ForEachRow(rows, []any{&e, &b}, func() error { want[e] = b; return nil })
			if len(want) != len(p.data[f]) {
				t.Fatalf("member %d, feed %s: phone holds %d entries, server %d", p.member.ID, f, len(p.data[f]), len(want))
			}
			for e, b := range want {
				if string(p.data[f][e]) != b {
					t.Fatalf("member %d, feed %s, %s differs", p.member.ID, f, e)
				}
			}
		}
		// The documents on the phone are exactly those the member may read.
		a := memberActor(t, w, p.member.ID)
		onPhone := map[int64]bool{}
		for _, f := range p.data {
			for e := range f {
				var id int64
				if _, err := fmt.Sscanf(e, "document:%d", &id); err == nil {
					onPhone[id] = true
				}
			}
		}
		for _, id := range append(docs, draft.ID) {
			_, err := content.GetDocument(ctx, w.pool, a, id)
			if (err == nil) != onPhone[id] {
				t.Fatalf("member %d, document %d: readable %v, on the phone %v", p.member.ID, id, err == nil, onPhone[id])
			}
		}
		// Every accepted comment was applied once.
		var n int
		w.pool.QueryRow(ctx, `SELECT count(*) FROM comments WHERE member_id = $1`, p.member.ID).Scan(&n)
		if n != len(p.comment) {
			t.Fatalf("member %d: %d comments stored, %d accepted", p.member.ID, n, len(p.comment))
		}
		var last int64
		w.pool.QueryRow(ctx, `SELECT coalesce(max(last_mutation_id), 0) FROM sync_clients WHERE id = $1`, p.id).Scan(&last)
		if last != p.nextID {
			t.Fatalf("member %d: server applied up to %d, phone made %d", p.member.ID, last, p.nextID)
		}
	}
}

// reloadRevocations makes the test's current server process see
// revocations at once (a real process reloads every two seconds).
var reloadRevocations = func() {}

func memberActor(t *testing.T, w *world, memberID int64) *content.Actor {
	t.Helper()
	var acc int64
	if err := w.pool.QueryRow(context.Background(), `SELECT id FROM accounts WHERE member_id = $1`, memberID).Scan(&acc); err != nil {
		t.Fatal(err)
	}
	a, err := content.LoadActor(context.Background(), w.pool, acc, [16]byte{}, "test")
	if err != nil {
		t.Fatal(err)
	}
	return a
}
