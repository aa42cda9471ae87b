package content_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"sotay/content"
)

// addMembers puts n active full members in cell and returns their ids.
func addMembers(t *testing.T, w *docWorld, cell content.Unit, n int) []int64 {
	t.Helper()
	rows, err := w.pool.Query(context.Background(), `INSERT INTO members (card_number, full_name, status, cell_id)
		SELECT (10000000 + $1 * 1000 + g)::text, 'Đảng viên ' || g, 'full', $1 FROM generate_series(1, $2) g RETURNING id`, cell.ID, n)
	if err != nil {
		t.Fatal(err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

type notice struct {
	member      int64
	title, body string
}

func noticesOf(t *testing.T, w *docWorld, kind string) map[int64]notice {
	rows, _ := w.pool.Query(context.Background(), `SELECT member_id, title, body FROM notifications WHERE kind = $1`, kind)
	out := map[int64]notice{}
	var n notice
	pgx.ForEachRow(rows, []any{&n.member, &n.title, &n.body}, func() error { out[n.member] = n; return nil })
	return out
}

func noticeJobAt(t *testing.T, w *docWorld) time.Time {
	var at time.Time
	w.pool.QueryRow(context.Background(), `SELECT max(scheduled_at) FROM river_job WHERE kind = 'document_notices'`).Scan(&at)
	return at
}

func TestDocumentNoticesOncePerMemberAtMostHourly(t *testing.T) {
	w := newDocWorld(t)
	ctx := context.Background()
	a, b, x := addMembers(t, w, w.cellA, 3), addMembers(t, w, w.cellB, 2), addMembers(t, w, w.cellX, 2)
	w.publish(t, w.communeEditor, docIn(w.commune, "Nghị quyết về chuyển đổi số", "x"))
	w.publish(t, w.cellSecretary, docIn(w.cellA, "Thông báo của chi bộ A", "x"))
	secret := docIn(w.commune, "Tài liệu cho cấp ủy", "x")
	secret.OfficersOnly = true
	w.publish(t, w.communeEditor, secret)
	if at := noticeJobAt(t, w); at.Before(time.Now()) || at.After(time.Now().Add(3*time.Minute)) {
		t.Fatalf("notices job at %v, want in about two minutes", at)
	}
	n, err := content.SendDocumentNotices(ctx, w.pool)
	if err != nil || n != 5 {
		t.Fatalf("noticed %d members (%v), want 5", n, err)
	}
	got := noticesOf(t, w, "document_published")
	for _, m := range a {
		if got[m].title != "2 tài liệu mới" {
			t.Fatalf("cell A member: %+v", got[m])
		}
	}
	for _, m := range b {
		if got[m].title != "Tài liệu mới: Nghị quyết" || got[m].body != "Nghị quyết về chuyển đổi số" {
			t.Fatalf("cell B member: %+v", got[m])
		}
	}
	for _, m := range x {
		if _, ok := got[m]; ok {
			t.Fatal("a member of another commune was told")
		}
	}
	// The next publication waits for the hour since the last notices.
	w.publish(t, w.communeEditor, docIn(w.commune, "Kế hoạch tháng 12", "x"))
	if at := noticeJobAt(t, w); at.Before(time.Now().Add(58 * time.Minute)) {
		t.Fatalf("the next notices at %v: sooner than an hour after the last", at)
	}
	if n, err := content.SendDocumentNotices(ctx, w.pool); err != nil || n != 5 {
		t.Fatalf("second run noticed %d (%v)", n, err)
	}
	// A document that went out with an older date (a scheduled one
	// published late, a transaction that committed after a run) is news too.
	late := w.publish(t, w.communeEditor, docIn(w.commune, "Thông báo đến muộn", "x"))
	w.pool.Exec(ctx, `UPDATE documents SET published_at = now() - interval '3 hours' WHERE id = $1`, late.ID)
	if n, err := content.SendDocumentNotices(ctx, w.pool); err != nil || n != 5 {
		t.Fatalf("a late-dated document noticed %d (%v), want 5", n, err)
	}
	if n, _ := content.SendDocumentNotices(ctx, w.pool); n != 0 {
		t.Fatalf("a run with nothing new noticed %d", n)
	}
	var perMember int
	w.pool.QueryRow(ctx, `SELECT max(c) FROM (SELECT count(*) c FROM notifications WHERE kind = 'document_published' GROUP BY member_id) s`).Scan(&perMember)
	if perMember != 3 {
		t.Fatalf("%d notices to one member over three runs with news", perMember)
	}
}
