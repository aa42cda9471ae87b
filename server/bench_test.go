package server_test

import (
	"bytes"
	"net/http"
	"sort"
	"testing"
	"time"
)

// BenchmarkLogin measures a member's sign-in over HTTP (argon2id check,
// session and refresh token written) and reports the median and p95.
func BenchmarkLogin(b *testing.B) {
	w := newWorld(b)
	body := []byte(`{"login":"10000001","password":"` + pw + `","device":{"name":"bench"}}`)
	var lat []time.Duration
	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		resp, err := http.Post(w.url+"/api/v1/auth/login", "application/json", bytes.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			b.Fatalf("status %d", resp.StatusCode)
		}
		lat = append(lat, time.Since(start))
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*95/100].Microseconds())/1000, "p95-ms")
}

// BenchmarkAuthenticatedRequest measures GET /api/v1/auth/devices: token
// check in memory, one query.
func BenchmarkAuthenticatedRequest(b *testing.B) {
	w := newWorld(b)
	req, _ := http.NewRequest("GET", w.url+"/api/v1/auth/devices", nil)
	req.Header.Set("Authorization", "Bearer "+w.tokM1)
	for b.Loop() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		resp.Body.Close()
	}
}
