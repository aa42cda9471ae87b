package push_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river/rivertype"

	"sotay/content"
	"sotay/db"
	"sotay/db/dbtest"
	"sotay/push"
)

// crashEnv makes this test binary a worker that delivers one group and is
// killed mid-batch by the test: "dbURL fcmURL group".
const crashEnv = "SOTAY_PUSH_CRASH"

func TestMain(m *testing.M) {
	if spec := os.Getenv(crashEnv); spec != "" {
		f := strings.Fields(spec)
		ctx := context.Background()
		pool, err := db.Open(ctx, f[0], 4)
		if err == nil {
			var d *push.Deliverer
			if d, err = deliverer(ctx, pool, f[1]); err == nil {
				fmt.Println("STARTED")
				err = d.Deliver(ctx, push.DeliverArgs{Group: f[2]})
			}
		}
		fmt.Println("ERR", err)
		os.Exit(1)
	}
	dbtest.Main(m)
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func deliverer(ctx context.Context, pool *pgxpool.Pool, fcmURL string) (*push.Deliverer, error) {
	fcm, err := push.NewFCM(ctx, push.FCMConfig{ProjectID: "sotay-test", Endpoint: fcmURL + "/v1", NoAuth: true})
	if err != nil {
		return nil, err
	}
	return &push.Deliverer{Pool: pool, Sender: fcm, Limiter: push.NewLimiter(10000), Log: quiet()}, nil
}

// cellOf makes a cell of n active members, each with a signed-in device
// whose FCM token tokenOf(i) gives ("" for none). It returns the member ids.
func cellOf(t testing.TB, pool *pgxpool.Pool, n int, tokenOf func(i int) string) []int64 {
	t.Helper()
	ctx := context.Background()
	cell, err := content.CreateUnit(ctx, pool, nil, content.NewUnit{Kind: content.KindProvince, Code: "tinh", Name: "Đảng bộ tỉnh"})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := pool.Query(ctx, `INSERT INTO members (card_number, full_name, status, cell_id)
		SELECT (10000000 + g)::text, 'Đảng viên ' || g, 'full', $1 FROM generate_series(1, $2) g ORDER BY g RETURNING id`, cell.ID, n)
	if err != nil {
		t.Fatal(err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		t.Fatal(err)
	}
	var tokens, members []string
	for i, id := range ids {
		if tok := tokenOf(i); tok != "" {
			tokens = append(tokens, tok)
			members = append(members, strconv.FormatInt(id, 10))
		}
	}
	_, err = pool.Exec(ctx, `
		WITH a AS (INSERT INTO accounts (member_id) SELECT m::bigint FROM unnest($2::text[]) m RETURNING id, member_id),
		     s AS (INSERT INTO sessions (id, account_id) SELECT gen_random_uuid(), id FROM a RETURNING id, account_id)
		INSERT INTO push_devices (token, session_id, member_id, platform)
		SELECT t.token, s.id, a.member_id, 'android'
		FROM unnest($1::text[], $2::text[]) AS t(token, member) JOIN a ON a.member_id = t.member::bigint JOIN s ON s.account_id = a.id`,
		tokens, members)
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

func notify(t testing.TB, pool *pgxpool.Pool, b push.Batch) string {
	t.Helper()
	var group string
	err := db.Transact(context.Background(), pool, func(tx pgx.Tx) (err error) {
		group, err = push.Notify(context.Background(), tx, push.QuietHours{}, b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return group
}

// ids returns the notification ids of group by member.
func notificationIDs(t testing.TB, pool *pgxpool.Pool, group string) map[int64]string {
	rows, _ := pool.Query(context.Background(), `SELECT member_id, id FROM notifications WHERE grp = $1`, group)
	out := map[int64]string{}
	var m, id int64
	pgx.ForEachRow(rows, []any{&m, &id}, func() error { out[m] = strconv.FormatInt(id, 10); return nil })
	return out
}

func inboxHas(t testing.TB, pool *pgxpool.Pool, member int64, id string) bool {
	var n int
	pool.QueryRow(context.Background(), `SELECT count(*) FROM feed_entries WHERE feed = $1 AND entity = $2 AND body IS NOT NULL`,
		"member:"+strconv.FormatInt(member, 10), "notification:"+id).Scan(&n)
	return n == 1
}

func TestDeliverPushesOnceRetriesAndDropsDeadTokens(t *testing.T) {
	pool := dbtest.New(t)
	ctx := context.Background()
	tokens := []string{"ok-a", "gone-b", "", "down-d", "busy-e", "flaky-f"}
	members := cellOf(t, pool, len(tokens), func(i int) string { return tokens[i] })
	fake := newFakeFCM()
	fake.fail["down-d"] = []int{503}  // the SDK retries this one itself
	fake.fail["busy-e"] = []int{429}  // quota: we wait at least a minute
	fake.fail["flaky-f"] = []int{500} // a server error: River retries the job
	srv := httptest.NewServer(fake)
	defer srv.Close()
	d, err := deliverer(ctx, pool, srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	group := notify(t, pool, push.Batch{Kind: "meeting_announced", CollapseKey: "meeting:1",
		Items: []push.Item{{Members: members, Title: "Sinh hoạt chi bộ tháng 12", Body: "19:30 ngày 3/12 tại nhà văn hóa thôn", Link: "sotay://meetings/1"}}})
	ids := notificationIDs(t, pool, group)

	err = d.Deliver(ctx, push.DeliverArgs{Group: group})
	var snooze *rivertype.JobSnoozeError
	if !errors.As(err, &snooze) || snooze.Duration < time.Minute {
		t.Fatalf("after a quota error: %v, want a snooze of at least a minute", err)
	}
	for i, m := range members {
		if !inboxHas(t, pool, m, ids[m]) {
			t.Fatalf("member %d has no inbox entry", i)
		}
	}
	want := map[string]int{"ok-a": 1, "gone-b": 1, "down-d": 1, "busy-e": 0, "flaky-f": 0}
	for tok, n := range want {
		m := members[indexOf(tokens, tok)]
		if got := fake.received(tok, ids[m]); got != n {
			t.Fatalf("%s received %d times, want %d", tok, got, n)
		}
	}
	var gone int
	pool.QueryRow(ctx, `SELECT count(*) FROM push_devices WHERE token = 'gone-b'`).Scan(&gone)
	if gone != 0 {
		t.Fatal("an UNREGISTERED token was kept")
	}
	// The job again (River, a minute later): only what is left goes out.
	if err := d.Deliver(ctx, push.DeliverArgs{Group: group}); err != nil {
		t.Fatal(err)
	}
	if err := d.Deliver(ctx, push.DeliverArgs{Group: group}); err != nil {
		t.Fatal(err)
	}
	for _, tok := range []string{"ok-a", "down-d", "busy-e", "flaky-f"} {
		if got := fake.received(tok, ids[members[indexOf(tokens, tok)]]); got != 1 {
			t.Fatalf("%s received %d times in all, want 1", tok, got)
		}
	}
	var pending int
	pool.QueryRow(ctx, `SELECT count(*) FROM notifications WHERE grp = $1 AND pushed_at IS NULL`, group).Scan(&pending)
	if pending != 0 || fake.duplicates() != 0 {
		t.Fatalf("%d notifications pending, %d duplicates", pending, fake.duplicates())
	}
}

func indexOf(s []string, v string) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	panic(v)
}

func TestQuietHours(t *testing.T) {
	q := push.DefaultQuietHours
	vn := time.FixedZone("ICT", 7*3600)
	at := func(d, h, m int) time.Time { return time.Date(2026, 12, d, h, m, 0, 0, vn) }
	ptr := func(t time.Time) *time.Time { return &t }
	cases := []struct {
		due      time.Time
		deadline *time.Time
		want     time.Time
	}{
		{at(2, 19, 0), nil, at(2, 19, 0)},                 // evening: at once
		{at(2, 21, 29), nil, at(2, 21, 29)},               // just before quiet hours
		{at(2, 21, 30), nil, at(3, 6, 30)},                // quiet: the morning
		{at(3, 2, 0), nil, at(3, 6, 30)},                  // small hours: this morning
		{at(3, 6, 30), nil, at(3, 6, 30)},                 // the end of quiet hours
		{at(2, 22, 0), ptr(at(3, 5, 0)), at(2, 22, 0)},    // the meeting is before morning: now
		{at(2, 22, 0), ptr(at(3, 19, 30)), at(3, 6, 30)},  // the meeting is tomorrow evening: morning
		{at(2, 23, 59), ptr(at(3, 6, 30)), at(2, 23, 59)}, // starts as quiet hours end: now
	}
	for _, c := range cases {
		if got := q.Adjust(c.due, c.deadline); !got.Equal(c.want) {
			t.Errorf("Adjust(%v, %v) = %v, want %v", c.due, c.deadline, got.In(vn), c.want)
		}
	}
}

func TestCancelledAndMovedNotifications(t *testing.T) {
	pool := dbtest.New(t)
	ctx := context.Background()
	members := cellOf(t, pool, 3, func(i int) string { return fmt.Sprintf("ok-%d", i) })
	fake := newFakeFCM()
	srv := httptest.NewServer(fake)
	defer srv.Close()
	d, _ := deliverer(ctx, pool, srv.URL)
	later := time.Now().Add(time.Hour)
	meeting := later.Add(2 * time.Hour)
	b := push.Batch{Group: "meeting:7:reminder", Kind: "meeting_reminder", At: later, Expires: &meeting,
		Items: []push.Item{{Members: members, Title: "Nhắc lịch sinh hoạt", Body: "Còn hai giờ", Link: "sotay://meetings/7"}}}
	notify(t, pool, b)
	var jobAt time.Time
	pool.QueryRow(ctx, `SELECT scheduled_at FROM river_job WHERE kind = 'push_deliver'`).Scan(&jobAt)
	if jobAt.Sub(later).Abs() > time.Second {
		t.Fatalf("the job is scheduled for %v, want %v", jobAt, later)
	}
	// Due later: a run now sends nothing and puts nothing in inboxes.
	if err := d.Deliver(ctx, push.DeliverArgs{Group: b.Group}); err != nil || len(fake.got) != 0 || inboxHas(t, pool, members[0], notificationIDs(t, pool, b.Group)[members[0]]) {
		t.Fatalf("an early run delivered: %v, %v", err, fake.got)
	}
	// Moved earlier (the meeting was brought forward): due now.
	if err := db.Transact(ctx, pool, func(tx pgx.Tx) error {
		return push.Reschedule(ctx, tx, push.QuietHours{}, b.Group, time.Now().Add(-time.Second), &meeting)
	}); err != nil {
		t.Fatal(err)
	}
	var jobs int
	pool.QueryRow(ctx, `SELECT count(*) FROM river_job WHERE kind = 'push_deliver'`).Scan(&jobs)
	if jobs != 2 {
		t.Fatalf("%d delivery jobs after a move, want 2", jobs)
	}
	if err := d.Deliver(ctx, push.DeliverArgs{Group: b.Group}); err != nil {
		t.Fatal(err)
	}
	if len(fake.got) != 3 {
		t.Fatalf("after the move: %v", fake.got)
	}
	// A cancelled meeting's reminders reach no one.
	c := push.Batch{Group: "meeting:8:reminder", Kind: "meeting_reminder", At: time.Now(),
		Items: []push.Item{{Members: members, Title: "Nhắc", Body: "x", Link: "sotay://meetings/8"}}}
	notify(t, pool, c)
	if err := db.Transact(ctx, pool, func(tx pgx.Tx) error { return push.Cancel(ctx, tx, c.Group) }); err != nil {
		t.Fatal(err)
	}
	if err := d.Deliver(ctx, push.DeliverArgs{Group: c.Group}); err != nil {
		t.Fatal(err)
	}
	if len(fake.got) != 3 || inboxHas(t, pool, members[0], notificationIDs(t, pool, c.Group)[members[0]]) {
		t.Fatalf("a cancelled notification went out: %v", fake.got)
	}
}

func TestRegisterDevice(t *testing.T) {
	pool := dbtest.New(t)
	ctx := context.Background()
	members := cellOf(t, pool, 1, func(int) string { return "" })
	var acct int64
	pool.QueryRow(ctx, `INSERT INTO accounts (member_id) VALUES ($1) RETURNING id`, members[0]).Scan(&acct)
	s := uuid.New()
	pool.Exec(ctx, `INSERT INTO sessions (id, account_id) VALUES ($1, $2)`, s, acct)
	count := func() (n int) {
		pool.QueryRow(ctx, `SELECT count(*) FROM push_devices WHERE session_id = $1`, s).Scan(&n)
		return n
	}
	for _, bad := range []struct{ token, platform, field string }{{"", "android", "token"}, {"a b", "android", "token"},
		{strings.Repeat("x", 5000), "android", "token"}, {"tok", "symbian", "platform"}} {
		var e *db.Error
		if err := push.RegisterDevice(ctx, pool, s, members[0], bad.token, bad.platform); !errors.As(err, &e) || e.Field != bad.field {
			t.Fatalf("%q/%q: %v", bad.token[:min(len(bad.token), 10)], bad.platform, err)
		}
	}
	if err := push.RegisterDevice(ctx, pool, s, 0, "tok", "android"); err == nil {
		t.Fatal("a staff session registered a device")
	}
	for _, tok := range []string{"tok-1", "tok-1", "tok-2"} { // a refresh replaces the session's token
		if err := push.RegisterDevice(ctx, pool, s, members[0], tok, "android"); err != nil {
			t.Fatal(err)
		}
	}
	var tok string
	pool.QueryRow(ctx, `SELECT token FROM push_devices WHERE session_id = $1`, s).Scan(&tok)
	if count() != 1 || tok != "tok-2" {
		t.Fatalf("%d tokens, %q", count(), tok)
	}
	if err := push.RemoveDevice(ctx, pool, s); err != nil || count() != 0 {
		t.Fatalf("remove: %v, %d left", err, count())
	}
}

// A worker killed in the middle of a batch (FCM has the requests, the
// answers never come back) does not send them again when the job runs
// again; the batches it had not reached go out.
func TestNoDuplicatesAfterAWorkerDiesMidBatch(t *testing.T) {
	url := dbtest.NewURL(t)
	ctx := context.Background()
	pool, err := db.Open(ctx, url, 4)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	members := cellOf(t, pool, 700, func(i int) string { return fmt.Sprintf("ok-%03d", i) }) // seven batches of 100
	fake := newFakeFCM()
	fake.holdAfter, fake.hold = 120, make(chan struct{})
	srv := httptest.NewServer(fake)
	defer srv.Close()
	group := notify(t, pool, push.Batch{Kind: "meeting_announced", Items: []push.Item{{Members: members, Title: "Họp", Body: "x", Link: "sotay://meetings/1"}}})

	child := exec.Command(os.Args[0], "-test.run", "^$")
	child.Env = append(os.Environ(), crashEnv+"="+url+" "+srv.URL+" "+group)
	child.Stderr = os.Stderr
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	// The first batch is answered; of the second, 20 are answered, 50 are
	// held (the SDK sends 50 at a time) and 30 wait their turn: kill then.
	deadline := time.Now().Add(time.Minute)
	for {
		fake.mu.Lock()
		n := fake.requests
		fake.mu.Unlock()
		if n >= 170 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the worker sent %d requests", n)
		}
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond)
	child.Process.Kill()
	child.Wait()
	fake.mu.Lock()
	close(fake.hold) // FCM answers again (to no one, for the killed worker's requests)
	fake.hold = nil
	fake.mu.Unlock()

	d, _ := deliverer(ctx, pool, srv.URL)
	if err := d.Deliver(ctx, push.DeliverArgs{Group: group}); err != nil {
		t.Fatal(err)
	}
	ids := notificationIDs(t, pool, group)
	sent := 0
	for i, m := range members {
		n := fake.received(fmt.Sprintf("ok-%03d", i), ids[m])
		if n > 1 {
			t.Fatalf("member %d got the notification %d times", i, n)
		}
		sent += n
	}
	var unknown int
	pool.QueryRow(ctx, `SELECT count(*) FROM push_sends WHERE state = 'unknown'`).Scan(&unknown)
	// The killed batch is given up whole (70 of it reached FCM, 30 never
	// did: those members have the notice in their inbox only); the five
	// batches the worker never reached go out.
	if sent != 670 || unknown != 100 || fake.duplicates() != 0 {
		t.Fatalf("%d of 700 reached FCM (want 670); %d sends of the killed batch unknown (want 100)", sent, unknown)
	}
}

// What a phone receives: the Vietnamese notice, the deep link and kind for
// the app, the meeting's collapse key, and a time to live ending when the
// meeting starts.
func TestMessageCarriesLinkCollapseAndTTL(t *testing.T) {
	pool := dbtest.New(t)
	ctx := context.Background()
	members := cellOf(t, pool, 1, func(int) string { return "ok-1" })
	fake := newFakeFCM()
	srv := httptest.NewServer(fake)
	defer srv.Close()
	d, _ := deliverer(ctx, pool, srv.URL)
	starts := time.Now().Add(3 * time.Hour)
	group := notify(t, pool, push.Batch{Kind: "meeting_reminder", Expires: &starts, CollapseKey: "meeting:12",
		Items: []push.Item{{Members: members, Title: "Nhắc lịch: Sinh hoạt chi bộ", Body: "19:30 thứ Năm 03/12", Link: "sotay://meetings/12"}}})
	if err := d.Deliver(ctx, push.DeliverArgs{Group: group}); err != nil {
		t.Fatal(err)
	}
	m := fake.last["ok-1"]
	n := m["notification"].(map[string]any)
	data := m["data"].(map[string]any)
	android := m["android"].(map[string]any)
	apns := m["apns"].(map[string]any)["headers"].(map[string]any)
	ttl, _ := time.ParseDuration(strings.TrimSuffix(android["ttl"].(string), "s") + "s")
	if n["title"] != "Nhắc lịch: Sinh hoạt chi bộ" || data["link"] != "sotay://meetings/12" || data["kind"] != "meeting_reminder" ||
		android["collapse_key"] != "meeting:12" || apns["apns-collapse-id"] != "meeting:12" ||
		ttl < 2*time.Hour+50*time.Minute || ttl > 3*time.Hour {
		t.Fatalf("message %v", m)
	}
}

// Without FCM credentials push is off, and the inbox still fills.
func TestWithoutPushTheInboxStillFills(t *testing.T) {
	pool := dbtest.New(t)
	ctx := context.Background()
	members := cellOf(t, pool, 2, func(i int) string { return fmt.Sprintf("ok-%d", i) })
	d := &push.Deliverer{Pool: pool, Log: quiet()}
	group := notify(t, pool, push.Batch{Kind: "document_published", Items: []push.Item{{Members: members, Title: "Tài liệu mới", Body: "x", Link: "sotay://documents/1"}}})
	if err := d.Deliver(ctx, push.DeliverArgs{Group: group}); err != nil {
		t.Fatal(err)
	}
	ids := notificationIDs(t, pool, group)
	var pending, sends int
	pool.QueryRow(ctx, `SELECT count(*) FROM notifications WHERE pushed_at IS NULL`).Scan(&pending)
	pool.QueryRow(ctx, `SELECT count(*) FROM push_sends`).Scan(&sends)
	if !inboxHas(t, pool, members[0], ids[members[0]]) || !inboxHas(t, pool, members[1], ids[members[1]]) || pending != 0 || sends != 0 {
		t.Fatalf("inbox-only delivery: pending %d, sends %d", pending, sends)
	}
}

// A phone whose FCM token rotates while its notification waits for a retry
// is the same phone: it does not get it twice.
func TestRotatedTokenIsTheSameDevice(t *testing.T) {
	pool := dbtest.New(t)
	ctx := context.Background()
	members := cellOf(t, pool, 2, func(i int) string { return []string{"ok-1", "busy-2"}[i] })
	fake := newFakeFCM()
	fake.fail["busy-2"] = []int{429}
	srv := httptest.NewServer(fake)
	defer srv.Close()
	d, _ := deliverer(ctx, pool, srv.URL)
	group := notify(t, pool, push.Batch{Kind: "meeting_announced", Items: []push.Item{{Members: members, Title: "Họp", Body: "x", Link: "sotay://meetings/1"}}})
	d.Deliver(ctx, push.DeliverArgs{Group: group}) // ok-1 sent; busy-2 throttled
	var session uuid.UUID
	pool.QueryRow(ctx, `SELECT session_id FROM push_devices WHERE token = 'ok-1'`).Scan(&session)
	if err := push.RegisterDevice(ctx, pool, session, members[0], "ok-1-rotated", "android"); err != nil {
		t.Fatal(err)
	}
	if err := d.Deliver(ctx, push.DeliverArgs{Group: group}); err != nil {
		t.Fatal(err)
	}
	ids := notificationIDs(t, pool, group)
	if fake.received("ok-1-rotated", ids[members[0]]) != 0 || fake.received("busy-2", ids[members[1]]) != 1 {
		t.Fatalf("after a rotation: %v", fake.got)
	}
}

// A worker stopping while it waits for its turn under the rate limit
// claims nothing: everything goes out when the job runs again.
func TestStoppingBeforeABatchLosesNothing(t *testing.T) {
	pool := dbtest.New(t)
	members := cellOf(t, pool, 150, func(i int) string { return fmt.Sprintf("ok-%03d", i) })
	fake := newFakeFCM()
	srv := httptest.NewServer(fake)
	defer srv.Close()
	d, _ := deliverer(context.Background(), pool, srv.URL)
	d.Limiter = push.NewLimiter(200) // the second batch of 100 waits half a second
	group := notify(t, pool, push.Batch{Kind: "meeting_announced", Items: []push.Item{{Members: members, Title: "Họp", Body: "x", Link: "sotay://meetings/1"}}})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if err := d.Deliver(ctx, push.DeliverArgs{Group: group}); err == nil {
		t.Fatal("a stopped delivery said it was done")
	}
	var unknown int
	pool.QueryRow(context.Background(), `SELECT count(*) FROM push_sends WHERE state IN ('sending', 'unknown')`).Scan(&unknown)
	if unknown != 0 {
		t.Fatalf("%d sends left claimed by a stopped worker", unknown)
	}
	if err := d.Deliver(context.Background(), push.DeliverArgs{Group: group}); err != nil {
		t.Fatal(err)
	}
	ids := notificationIDs(t, pool, group)
	for i, m := range members {
		if n := fake.received(fmt.Sprintf("ok-%03d", i), ids[m]); n != 1 {
			t.Fatalf("member %d received %d", i, n)
		}
	}
}

func TestPurgeKeepsWhatIsRecent(t *testing.T) {
	pool := dbtest.New(t)
	ctx := context.Background()
	members := cellOf(t, pool, 1, func(int) string { return "ok-1" })
	fake := newFakeFCM()
	srv := httptest.NewServer(fake)
	defer srv.Close()
	d, _ := deliverer(ctx, pool, srv.URL)
	group := notify(t, pool, push.Batch{Kind: "meeting_announced", Items: []push.Item{{Members: members, Title: "Họp", Body: "x", Link: "sotay://meetings/1"}}})
	d.Deliver(ctx, push.DeliverArgs{Group: group})
	if n, err := push.Purge(ctx, pool, time.Now()); err != nil || n != 0 {
		t.Fatalf("purged %d fresh rows (%v)", n, err)
	}
	if n, err := push.Purge(ctx, pool, time.Now().AddDate(1, 0, 0)); err != nil || n != 2 {
		t.Fatalf("a year later purged %d (%v), want the send and the notification", n, err)
	}
}
