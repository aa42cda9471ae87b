package server

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"sotay/content"
	"sotay/db"
)

type ctxKey int

const (
	keyRequestID ctxKey = iota
	keyClaims
)

func requestID(r *http.Request) string {
	id, _ := r.Context().Value(keyRequestID).(string)
	return id
}

func (s *Server) withRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if id == "" || len(id) > 64 {
			b := make([]byte, 8)
			rand.Read(b)
			id = hex.EncodeToString(b)
		}
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), keyRequestID, id)))
	})
}

// statusRecorder remembers the status for logs and metrics.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// Hijack lets the WebSocket upgrade take the connection.
func (r *statusRecorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	h, ok := r.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, nil, errors.New("server: connection cannot be hijacked")
	}
	r.status = http.StatusSwitchingProtocols
	return h.Hijack()
}

// wrap turns a route into an http.Handler: authentication when the route
// needs it, errors written in one place, panics answered, one log line and
// metrics per request.
func (s *Server) wrap(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		defer func() {
			if p := recover(); p != nil {
				s.log.Error("panic", "panic", p, "path", r.URL.Path, "request_id", requestID(r))
				if rec.status == 0 {
					writeError(rec, r, s.log, errPanic)
				}
			}
			d := time.Since(start)
			s.metrics.observe(rt.Method+" "+rt.Pattern, rec.status, d)
			s.log.Info("request", "method", r.Method, "path", r.URL.Path, "status", rec.status,
				"ms", d.Milliseconds(), "request_id", requestID(r))
		}()
		if rt.Gzip {
			r = r.WithContext(context.WithValue(r.Context(), gzipKey{}, true))
		}
		if rt.MaxBody > 0 {
			r = r.WithContext(context.WithValue(r.Context(), bodyLimitKey{}, rt.MaxBody))
		}
		// Every request has a minute to send its body; an upload has fifteen.
		readFor := time.Minute
		if rt.Slow {
			readFor = 15 * time.Minute
		}
		_ = http.NewResponseController(rec).SetReadDeadline(time.Now().Add(readFor))
		if rt.Auth {
			c, err := s.authenticate(r, rt.TokenInQuery)
			if err != nil {
				writeError(rec, r, s.log, err)
				return
			}
			r = r.WithContext(context.WithValue(r.Context(), keyClaims, c))
		}
		if err := rt.Handle(rec, r); err != nil {
			writeError(rec, r, s.log, err)
		}
	})
}

var errPanic = &db.Error{Kind: db.KindInternal, Code: "internal", Message: "Đã có lỗi trong hệ thống. Vui lòng thử lại sau."}

var errNoToken = db.Unauthorized("unauthenticated", "Vui lòng đăng nhập.")

// authenticate checks the bearer access token: its signature and expiry, and
// the in-memory revocation list. No database round trip.
func (s *Server) authenticate(r *http.Request, tokenInQuery bool) (content.AccessClaims, error) {
	h := r.Header.Get("Authorization")
	tok, ok := strings.CutPrefix(h, "Bearer ")
	if !ok && tokenInQuery {
		tok, ok = r.URL.Query().Get("access_token"), true
	}
	if !ok || tok == "" {
		return content.AccessClaims{}, errNoToken
	}
	c, err := s.signer.Verify(strings.TrimSpace(tok), s.now())
	if err != nil {
		return content.AccessClaims{}, err
	}
	if err := s.revocations.Check(c.SessionID); err != nil {
		return content.AccessClaims{}, err
	}
	return c, nil
}

func claims(r *http.Request) content.AccessClaims {
	c, _ := r.Context().Value(keyClaims).(content.AccessClaims)
	return c
}

// actor loads who is acting, with grants and cell, for the current request.
func (s *Server) actor(r *http.Request) (*content.Actor, error) {
	c := claims(r)
	a, err := content.LoadActor(r.Context(), s.pool, c.AccountID, c.SessionID, s.clientIP(r))
	if err != nil && db.KindOf(err) == db.KindForbidden {
		return nil, db.Unauthorized("account_disabled", "Tài khoản đã bị khóa hoặc không còn hiệu lực.")
	}
	return a, err
}

// clientIP is who is asking, for rate limits and the audit log: the peer
// address, or, when the peer is a trusted proxy (a load balancer), the
// nearest address in X-Forwarded-For that is not itself a trusted proxy.
func (s *Server) clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	if !s.trusted(host) {
		return host
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop := strings.TrimSpace(hops[i])
		if _, err := netip.ParseAddr(hop); err != nil {
			break
		}
		if !s.trusted(hop) {
			return hop
		}
		host = hop
	}
	return host
}

func (s *Server) trusted(addr string) bool {
	ip, err := netip.ParseAddr(addr)
	if err != nil {
		return false
	}
	for _, p := range s.trustedProxies {
		if p.Contains(ip.Unmap()) {
			return true
		}
	}
	return false
}
