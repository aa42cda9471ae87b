package content_test

import (
	"context"
	"maps"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"sotay/content"
	"sotay/sync/feed"
	"sotay/sync/wire"
)

// BenchmarkPullBootstrap: a new phone pulls its member's whole feed set
// (the documents of a year for their cell and every unit above, the roster,
// their profile), page after page, with a cold page cache each time.
func BenchmarkPullBootstrap(b *testing.B) {
	w := newSyncWorld(b, 100, 1)
	a := w.actors[0]
	changes := 0
	for b.Loop() {
		w.syncer.Pages = feed.NewPageCache(64 << 20)
		cursors := map[string]string{}
		client := uuid.NewString()
		changes = 0
		for {
			resp, err := w.syncer.Pull(context.Background(), a, wire.PullRequest{Version: 1, ClientID: client, Feeds: cursors})
			if err != nil {
				b.Fatal(err)
			}
			for f, p := range resp.Feeds {
				cursors[f] = p.Cursor
				changes += len(p.Changes)
			}
			if !resp.More {
				break
			}
		}
	}
	b.ReportMetric(float64(changes), "entries")
}

// BenchmarkPullIncremental: a phone that is up to date pulls after one
// change to its commune's feed; reports the p99 latency.
func BenchmarkPullIncremental(b *testing.B) {
	w := newSyncWorld(b, 20, 1)
	a := w.actors[0]
	client := uuid.NewString()
	cursors := w.pullAll(b, a, client, nil)
	var lat []time.Duration
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		w.publishToRoot(b, "Bản tin")
		b.StartTimer()
		start := time.Now()
		cursors = w.pullAll(b, a, client, cursors)
		lat = append(lat, time.Since(start))
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}

// BenchmarkPullHerd: 10,000 up-to-date phones pull after one province-wide
// publish. Reports the page reads the herd cost (one) and pulls per second.
func BenchmarkPullHerd(b *testing.B) {
	w := newSyncWorld(b, 20, 20)
	type phone struct {
		a       *content.Actor
		client  string
		cursors map[string]string
	}
	phones := make([]phone, len(w.actors))
	for i, a := range w.actors {
		phones[i] = phone{a, uuid.NewString(), nil}
		phones[i].cursors = w.pullAll(b, a, phones[i].client, nil)
	}
	const herd = 10000
	var reads int64
	for b.Loop() {
		b.StopTimer()
		w.publishToRoot(b, "Bản tin khẩn")
		before := w.syncer.Pages.Reads()
		b.StartTimer()
		sem := make(chan struct{}, 16)
		done := make(chan struct{}, herd)
		for i := 0; i < herd; i++ {
			p := phones[i%len(phones)]
			sem <- struct{}{}
			go func() {
				defer func() { <-sem; done <- struct{}{} }()
				if _, err := w.syncer.Pull(context.Background(), p.a, wire.PullRequest{Version: 1, ClientID: p.client, Feeds: p.cursors}); err != nil {
					b.Error(err)
				}
			}()
		}
		for i := 0; i < herd; i++ {
			<-done
		}
		b.StopTimer()
		reads = w.syncer.Pages.Reads() - before
		for i := range phones {
			phones[i].cursors = w.pullAll(b, phones[i].a, phones[i].client, phones[i].cursors)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(reads), "page-reads")
	b.ReportMetric(float64(herd)/(b.Elapsed().Seconds()/float64(b.N)), "pulls/s")
}

// BenchmarkPullIncrementalAt1000PerSecond: up-to-date phones pull at a
// steady 1,000 pulls a second while an editor publishes to the province
// every 100 ms; reports the p99 latency of those pulls.
func BenchmarkPullIncrementalAt1000PerSecond(b *testing.B) {
	w := newSyncWorld(b, 20, 100)
	type phone struct {
		a       *content.Actor
		client  string
		cursors map[string]string
	}
	phones := make([]*phone, len(w.actors))
	for i, a := range w.actors {
		phones[i] = &phone{a: a, client: uuid.NewString()}
		phones[i].cursors = w.pullAll(b, a, phones[i].client, nil)
	}
	const rate, seconds = 1000, 5
	var lat []time.Duration
	for b.Loop() {
		stop := make(chan struct{})
		go func() {
			t := time.NewTicker(100 * time.Millisecond)
			defer t.Stop()
			for {
				select {
				case <-stop:
					return
				case <-t.C:
					w.publishToRoot(b, "Bản tin")
				}
			}
		}()
		results := make(chan time.Duration, rate*seconds)
		tick := time.NewTicker(time.Second / rate)
		var inflight sync.WaitGroup
		for i := 0; i < rate*seconds; i++ {
			<-tick.C
			p := phones[i%len(phones)]
			inflight.Add(1)
			go func(cursors map[string]string) {
				defer inflight.Done()
				start := time.Now()
				if _, err := w.syncer.Pull(context.Background(), p.a, wire.PullRequest{Version: 1, ClientID: p.client, Feeds: cursors}); err != nil {
					b.Error(err)
				}
				results <- time.Since(start)
			}(maps.Clone(p.cursors))
		}
		tick.Stop()
		inflight.Wait()
		close(stop)
		close(results)
		for d := range results {
			lat = append(lat, d)
		}
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}
