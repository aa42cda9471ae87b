package server

import (
	"context"
	"log/slog"
	"net/http"
	"net/netip"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"sotay/content"
	"sotay/content/blob"
	"sotay/db"
	"sotay/sync/feed"
	"sotay/sync/hub"
)

// Server holds what the handlers need. Build it with New.
type Server struct {
	pool        *pgxpool.Pool
	accounts    *content.Accounts
	signer      *content.Signer
	revocations *content.Revocations
	blobs       *blob.Store
	syncer      *content.Syncer
	hub         *hub.Hub
	log         *slog.Logger
	metrics     *metrics
	now         func() time.Time
	// trustedProxies are the load balancers whose X-Forwarded-For is believed.
	trustedProxies []netip.Prefix
	openapi        []byte // built once, on first request
	openapiOnce    sync.Once
}

// pageCacheBytes bounds the in-process cache of sync pages.
const pageCacheBytes = 64 << 20

// Deps are the parts a Server is built from; cmd/sotay wires them.
type Deps struct {
	Pool        *pgxpool.Pool
	Signer      *content.Signer
	Revocations *content.Revocations
	Blobs       *blob.Store
	Log         *slog.Logger
	// TrustedProxies lists the networks of load balancers in front of serve.
	TrustedProxies []netip.Prefix
}

// New builds a Server.
func New(d Deps) *Server {
	m := newMetrics()
	m.pool = func() (int32, int32, int32) {
		st := d.Pool.Stat()
		return st.TotalConns(), st.IdleConns(), st.AcquiredConns()
	}
	return &Server{
		pool:        d.Pool,
		accounts:    &content.Accounts{Pool: d.Pool, Signer: d.Signer},
		signer:      d.Signer,
		revocations: d.Revocations,
		blobs:       d.Blobs,
		syncer:      &content.Syncer{Pool: d.Pool, Pages: feed.NewPageCache(pageCacheBytes)},
		hub:         hub.New(hub.Config{Log: d.Log}),
		log:         d.Log,
		metrics:     m,
		now:         time.Now,

		trustedProxies: d.TrustedProxies,
	}
}

// Handler is the whole HTTP surface: the API, health and metrics.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.routes() {
		mux.Handle(rt.Method+" "+rt.Pattern, s.wrap(rt))
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusNotFound, errorBody{errorDetail{"no_route", "Không có địa chỉ " + r.Method + " " + r.URL.Path + ".", ""}})
	})
	return s.withRequestID(mux)
}

// StartBackground runs the process-wide loops: revocation reloads, the
// publication of scheduled documents and the purge of expired sign-in
// state. They stop with ctx.
func (s *Server) StartBackground(ctx context.Context) {
	go s.revocations.Run(ctx, s.pool, 2*time.Second, s.log)
	go s.hub.Run(ctx, 2*time.Second)
	go s.hub.Listen(ctx, func(ctx context.Context) (*pgx.Conn, error) {
		return pgx.ConnectConfig(ctx, s.pool.Config().ConnConfig.Copy())
	}, nil)
	// Every process publishes what is due; PublishDue skips the documents
	// another process is publishing.
	go s.every(ctx, 15*time.Second, "publish scheduled documents", func(ctx context.Context) error {
		_, err := content.PublishDue(ctx, s.pool, s.now())
		return err
	})
	go s.every(ctx, time.Hour, "purge expired sign-in state", func(ctx context.Context) error {
		_, err := content.PurgeExpired(ctx, s.pool)
		return err
	})
	go s.every(ctx, time.Hour, "purge old feed tombstones", func(ctx context.Context) error {
		return db.Transact(ctx, s.pool, func(tx pgx.Tx) error {
			_, err := feed.PurgeTombstones(ctx, tx, feed.TombstoneRetention)
			return err
		})
	})
}

// every runs fn now and then every interval until ctx ends, logging failures.
func (s *Server) every(ctx context.Context, interval time.Duration, what string, fn func(context.Context) error) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if err := fn(ctx); err != nil && ctx.Err() == nil {
			s.log.Warn(what, "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
