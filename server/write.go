package server

import (
	"context"
	"net/http"

	"github.com/jackc/pgx/v5"

	"sotay/content"
	"sotay/db"
)

// asActor runs fn in one transaction as the request's actor: a write, its
// audit entry and (with the sync issue) its feed entries commit together or
// not at all.
func asActor[T any](s *Server, r *http.Request, fn func(ctx context.Context, tx pgx.Tx, a *content.Actor) (T, error)) (T, error) {
	var out T
	a, err := s.actor(r)
	if err != nil {
		return out, err
	}
	err = db.Transact(r.Context(), s.pool, func(tx pgx.Tx) error {
		var err error
		out, err = fn(r.Context(), tx, a)
		return err
	})
	return out, err
}

// respond writes v as JSON with status, unless err says otherwise.
func respond[T any](w http.ResponseWriter, status int, v T, err error) error {
	if err != nil {
		return err
	}
	writeJSON(w, status, v)
	return nil
}

// noContent answers 204, unless err says otherwise.
func noContent(w http.ResponseWriter, err error) error {
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// none is the result of a write that answers with no body.
type none struct{}

// idAndBody reads the path id and the JSON body of a write.
func idAndBody[T any](w http.ResponseWriter, r *http.Request) (int64, T, error) {
	var req T
	id, err := pathID(r, "id")
	if err != nil {
		return 0, req, err
	}
	return id, req, decodeJSON(w, r, &req)
}

// actorAndID is what most reads start with: who asks, and about which id.
func (s *Server) actorAndID(r *http.Request) (*content.Actor, int64, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, 0, err
	}
	a, err := s.actor(r)
	return a, id, err
}
