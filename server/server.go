package server

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"sotay/content"
	"sotay/content/blob"
)

// Server holds what the handlers need. Build it with New.
type Server struct {
	pool        *pgxpool.Pool
	accounts    *content.Accounts
	signer      *content.Signer
	revocations *content.Revocations
	blobs       *blob.Store
	log         *slog.Logger
	metrics     *metrics
	now         func() time.Time
}

// Deps are the parts a Server is built from; cmd/sotay wires them.
type Deps struct {
	Pool        *pgxpool.Pool
	Signer      *content.Signer
	Revocations *content.Revocations
	Blobs       *blob.Store
	Log         *slog.Logger
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
		log:         d.Log,
		metrics:     m,
		now:         time.Now,
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

// StartBackground runs the process-wide loops: revocation reloads and the
// promotion of scheduled documents. They stop with ctx.
func (s *Server) StartBackground(ctx context.Context) {
	go s.revocations.Run(ctx, s.pool, 2*time.Second, s.log)
	go s.publishDueLoop(ctx, 15*time.Second)
}
