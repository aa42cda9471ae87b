package push_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"sotay/db/dbtest"
	"sotay/push"
)

// BenchmarkAnnounce100k: a province-wide conference announced to 100,000
// members, each with a phone, through the real firebase SDK to the fake
// FCM, whose quota model is FCM's: 600,000 messages a minute. Reports the
// time from the notify (in the announcing transaction) to the last send,
// sends per second, and how many the fake throttled (target: none).
func BenchmarkAnnounce100k(b *testing.B) {
	const n = 100000
	pool := dbtest.New(b)
	ctx := context.Background()
	members := cellOf(b, pool, n, func(i int) string { return fmt.Sprintf("tok-%06d", i) })
	fake := newFakeFCM()
	fake.quota = 600000
	srv := httptest.NewServer(fake)
	defer srv.Close()
	d, err := deliverer(ctx, pool, srv.URL)
	if err != nil {
		b.Fatal(err)
	}
	d.Limiter = push.NewLimiter(3000) // SOTAY_PUSH_RATE's default
	var spent time.Duration
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		group := notify(b, pool, push.Batch{Kind: "meeting_announced", Expires: nil, Items: []push.Item{{Members: members,
			Title: "Hội nghị quán triệt nghị quyết", Body: fmt.Sprintf("08:00 thứ Hai, lần %d", i), Link: "sotay://meetings/1"}}})
		if err := d.Deliver(ctx, push.DeliverArgs{Group: group}); err != nil {
			b.Fatal(err)
		}
		spent += time.Since(start)
	}
	fake.mu.Lock()
	got := 0
	for _, ids := range fake.got {
		got += len(ids)
	}
	fake.mu.Unlock()
	if got != n*b.N || fake.duplicates() != 0 {
		b.Fatalf("%d sends for %d×%d, %d duplicates", got, n, b.N, fake.duplicates())
	}
	b.ReportMetric(spent.Seconds()/float64(b.N), "s-per-100k")
	b.ReportMetric(float64(got)/spent.Seconds(), "sends/s")
	b.ReportMetric(float64(fake.throttled), "throttled")
}
