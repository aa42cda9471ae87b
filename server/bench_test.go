package server_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
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

// BenchmarkAuthenticatedRequest measures GET /api/v1/auth/devices: the
// token checked in memory and one query (no actor loaded).
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

// BenchmarkReadDocument measures a member reading one document: token in
// memory, the actor (two queries) and the document with its rendered body.
func BenchmarkReadDocument(b *testing.B) {
	w := newWorld(b)
	var d struct{ ID int64 }
	w.do("POST", "/api/v1/documents", w.tokAdmin, map[string]any{"type": "notice", "title": "Thông báo",
		"body": strings.Repeat("Nội dung **thông báo** của xã.\n\n", 100), "audience_unit_id": w.A.ID}, 201, &d)
	w.do("POST", fmt.Sprintf("/api/v1/documents/%d/publish", d.ID), w.tokAdmin, nil, 200, nil)
	req, _ := http.NewRequest("GET", fmt.Sprintf("%s/api/v1/documents/%d", w.url, d.ID), nil)
	req.Header.Set("Authorization", "Bearer "+w.tokM1)
	for b.Loop() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			b.Fatalf("status %d", resp.StatusCode)
		}
	}
}
