package content_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/jackc/pgx/v5"

	"sotay/content"
	"sotay/db"
	"sotay/sync/feed"
)

// feedState is what a feed holds now: entity → body ("" for a tombstone).
func feedState(t *testing.T, q db.Querier, name string) map[string]string {
	t.Helper()
	rows, err := q.Query(context.Background(), `SELECT entity, coalesce(body, '') FROM feed_entries WHERE feed = $1`, name)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	var e, b string
	pgx.ForEachRow(rows, []any{&e, &b}, func() error { out[e] = b; return nil })
	return out
}

func TestDocumentsReachTheirAudienceFeed(t *testing.T) {
	w := newDocWorld(t)
	ctx := context.Background()
	d := w.publish(t, w.communeEditor, docIn(w.commune, "Thông báo của xã", "nội dung"))
	ent := fmt.Sprintf("document:%d", d.ID)
	unitFeed := feedState(t, w.pool, feed.Unit(w.commune.ID))
	var body content.Document
	if err := json.Unmarshal([]byte(unitFeed[ent]), &body); err != nil || body.Title != "Thông báo của xã" || body.BodyHTML == "" {
		t.Fatalf("document in feed: %q %v", unitFeed[ent], err)
	}
	// Officers only: out of the unit feed, into the officers feed.
	in := d.Input()
	in.OfficersOnly = true
	if err := w.tx(t, func(tx pgx.Tx) error {
		_, err := content.UpdateDocument(ctx, tx, w.communeEditor, d.ID, in)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if feedState(t, w.pool, feed.Unit(w.commune.ID))[ent] != "" || feedState(t, w.pool, feed.Officers(w.commune.ID))[ent] == "" {
		t.Fatal("officers-only document not moved to the officers feed")
	}
	// Retracted: a tombstone.
	if err := w.tx(t, func(tx pgx.Tx) error {
		_, err := content.RetractDocument(ctx, tx, w.communeEditor, d.ID, "nhầm")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if s, ok := feedState(t, w.pool, feed.Officers(w.commune.ID))[ent]; !ok || s != "" {
		t.Fatalf("retracted document still live in its feed: %q", s)
	}
	// A draft never reaches a feed.
	draft := w.create(t, w.communeEditor, docIn(w.commune, "Nháp", ""))
	if _, ok := feedState(t, w.pool, feed.Unit(w.commune.ID))[fmt.Sprintf("document:%d", draft.ID)]; ok {
		t.Fatal("a draft reached the feed")
	}
}

func TestRostersAndFeedSets(t *testing.T) {
	f := newAcctFixture(t)
	ctx := context.Background()
	other := mustUnit(t, f.pool, f.cell.ParentID, content.KindCell, "C2", "Chi bộ thôn Tây")
	ent := fmt.Sprintf("member:%d", f.member.ID)
	roster := feedState(t, f.pool, feed.Unit(f.cell.ID))
	if roster[ent] == "" {
		t.Fatal("new member not in the cell's roster")
	}
	var r map[string]any
	json.Unmarshal([]byte(roster[ent]), &r)
	if _, leak := r["phone"]; leak || r["full_name"] != "Nguyễn Văn An" {
		t.Fatalf("roster entry %v", r)
	}
	if _, leak := r["card_number"]; leak {
		t.Fatal("roster leaks card numbers")
	}
	if feedState(t, f.pool, feed.Member(f.member.ID))[fmt.Sprintf("profile:%d", f.member.ID)] == "" {
		t.Fatal("no profile in the member's own feed")
	}

	if _, err := content.AssignPosition(ctx, f.pool, f.admin, f.member.ID, f.cell.ID, "secretary"); err != nil {
		t.Fatal(err)
	}
	feeds, err := content.MemberFeeds(ctx, f.pool, f.member.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{feed.Member(f.member.ID), feed.Officers(*f.cell.ParentID), feed.Officers(f.cell.ID), feed.Unit(*f.cell.ParentID), feed.Unit(f.cell.ID)}
	if fmt.Sprint(feeds) != fmt.Sprint(sorted(want)) {
		t.Fatalf("feeds of a secretary: %v, want %v", feeds, sorted(want))
	}
	if err := db.Transact(ctx, f.pool, func(tx pgx.Tx) error {
		_, err := content.TransferMember(ctx, tx, f.admin, f.member.ID, other.ID, "")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if s, ok := feedState(t, f.pool, feed.Unit(f.cell.ID))[ent]; !ok || s != "" {
		t.Fatalf("the old cell's roster still lists the member: %q", s)
	}
	if feedState(t, f.pool, feed.Unit(other.ID))[ent] == "" {
		t.Fatal("the new cell's roster lacks the member")
	}
	feeds, _ = content.MemberFeeds(ctx, f.pool, f.member.ID)
	want = []string{feed.Member(f.member.ID), feed.Unit(*f.cell.ParentID), feed.Unit(other.ID)}
	if fmt.Sprint(feeds) != fmt.Sprint(sorted(want)) {
		t.Fatalf("feeds after the transfer: %v, want %v", feeds, sorted(want))
	}
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	slices.Sort(out)
	return out
}
