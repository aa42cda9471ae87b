package server

import (
	"net/http/httptest"
	"net/netip"
	"testing"
)

func TestClientIPBelievesOnlyTrustedProxies(t *testing.T) {
	s := &Server{trustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}}
	cases := []struct{ remote, xff, want string }{
		{"203.0.113.7:5000", "", "203.0.113.7"},
		{"203.0.113.7:5000", "1.2.3.4", "203.0.113.7"},              // not a proxy: its header is a lie
		{"10.0.0.5:5000", "198.51.100.9", "198.51.100.9"},           // the load balancer's word
		{"10.0.0.5:5000", "6.6.6.6, 198.51.100.9", "198.51.100.9"},  // the client cannot push an address in front
		{"10.0.0.5:5000", "198.51.100.9, 10.0.0.9", "198.51.100.9"}, // two proxies deep
		{"10.0.0.5:5000", "garbage", "10.0.0.5"},
		{"10.0.0.5:5000", "", "10.0.0.5"},
	}
	for _, c := range cases {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = c.remote
		if c.xff != "" {
			r.Header.Set("X-Forwarded-For", c.xff)
		}
		if got := s.clientIP(r); got != c.want {
			t.Errorf("remote %s, X-Forwarded-For %q: got %s, want %s", c.remote, c.xff, got, c.want)
		}
	}
}
