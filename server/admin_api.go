package server

import (
	"context"
	"net/http"

	"github.com/jackc/pgx/v5"

	"sotay/content"
)

type passwordRequest struct {
	CurrentPassword string `json:"current_password"`
	NewPassword     string `json:"new_password" doc:"at least 8 characters; every other device is signed out"`
}

type auditReply struct {
	Entries []content.AuditEntry `json:"entries"`
	Next    string               `json:"next,omitempty" doc:"pass as ?before= for older entries"`
}

func (s *Server) handleChangePassword(w http.ResponseWriter, r *http.Request) error {
	var req passwordRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	c := claims(r)
	if err := s.accounts.ChangePassword(r.Context(), c.AccountID, c.SessionID, req.CurrentPassword, req.NewPassword, s.clientIP(r)); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) handleAudit(w http.ResponseWriter, r *http.Request) error {
	a, err := s.actor(r)
	if err != nil {
		return err
	}
	account, err := queryInt(r, "account", 0)
	if err != nil {
		return err
	}
	before, err := queryInt(r, "before", 0)
	if err != nil {
		return err
	}
	limit, err := pageLimit(r, 100, 500)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	entries, err := content.ListAudit(r.Context(), s.pool, a, content.AuditFilter{
		ObjectType: q.Get("object_type"), ObjectID: q.Get("object_id"), AccountID: account, BeforeID: before, Limit: int(limit)})
	if err != nil {
		return err
	}
	reply := auditReply{Entries: entries}
	if len(entries) > 0 && len(entries) == int(limit) {
		reply.Next = itoa(entries[len(entries)-1].ID)
	}
	writeJSON(w, http.StatusOK, reply)
	return nil
}

func (s *Server) handleDisableAccount(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	_, err = asActor(s, r, func(ctx context.Context, tx pgx.Tx, a *content.Actor) (none, error) {
		return none{}, content.DisableAccount(ctx, tx, a, id)
	})
	return noContent(w, err)
}

func (s *Server) handleEndPosition(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	_, err = asActor(s, r, func(ctx context.Context, tx pgx.Tx, a *content.Actor) (none, error) {
		return none{}, content.EndPosition(ctx, tx, a, id)
	})
	return noContent(w, err)
}
