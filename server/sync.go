package server

import (
	"context"
	"errors"
	"net/http"

	"sotay/content"
	"sotay/db"
	"sotay/sync/hub"
	"sotay/sync/wire"
)

// syncPullRequest and friends name the wire types for the OpenAPI document.
type (
	syncPullRequest = wire.PullRequest
	syncPullReply   = wire.PullResponse
	syncPushRequest = wire.PushRequest
	syncPushReply   = wire.PushResponse
)

// wireError turns a malformed sync request into 400 with its reason.
func wireError(err error) error {
	if err != nil && errors.Is(err, wire.ErrBadRequest) {
		return badRequest("bad_sync_request", "Yêu cầu đồng bộ không hợp lệ: "+err.Error(), "")
	}
	return err
}

// syncRequest reads a pull or push body and checks its shape.
func syncRequest[T any, P interface {
	*T
	Check() error
}](w http.ResponseWriter, r *http.Request) (T, error) {
	var req T
	if err := decodeJSON(w, r, &req); err != nil {
		return req, err
	}
	return req, wireError(P(&req).Check())
}

func (s *Server) handleSyncPull(w http.ResponseWriter, r *http.Request) error {
	req, err := syncRequest[syncPullRequest](w, r)
	if err != nil {
		return err
	}
	a, err := s.actor(r)
	if err != nil {
		return err
	}
	resp, err := s.syncer.Pull(r.Context(), a, req)
	if err != nil {
		return err
	}
	return writeJSONCompressed(w, r, http.StatusOK, resp)
}

func (s *Server) handleSyncPush(w http.ResponseWriter, r *http.Request) error {
	req, err := syncRequest[syncPushRequest](w, r)
	if err != nil {
		return err
	}
	a, err := s.actor(r)
	if err != nil {
		return err
	}
	resp, err := content.Push(r.Context(), s.pool, a, req)
	return respond(w, http.StatusOK, resp, err)
}

// handleSyncSocket upgrades to the poke socket (sync/PROTOCOL.md, "Pokes").
// The token comes in the Authorization header or, for browsers, which cannot
// set headers on a WebSocket, as ?access_token=.
func (s *Server) handleSyncSocket(w http.ResponseWriter, r *http.Request) error {
	c := claims(r)
	client := hub.Client{
		Expires: c.Expires,
		Revoked: func() string {
			if err := s.revocations.Check(c.SessionID); err != nil {
				var e *db.Error
				if errors.As(err, &e) {
					return e.Code
				}
				return "session_revoked"
			}
			return ""
		},
		Feeds: func(ctx context.Context) ([]string, error) {
			if c.MemberID == 0 {
				return nil, nil
			}
			return content.MemberFeeds(ctx, s.pool, c.MemberID)
		},
	}
	return s.hub.Serve(w, r, client)
}

// handleSyncChunk serves the entries of one feed in (from, to]: the same
// bytes for everyone who may read the feed, with a strong ETag, and — since
// a chunk at or below the head never changes meaning — marked immutable.
func (s *Server) handleSyncChunk(w http.ResponseWriter, r *http.Request) error {
	a, err := s.actor(r)
	if err != nil {
		return err
	}
	name := r.PathValue("feed")
	from, err1 := wire.ParseCursor(r.URL.Query().Get("from"))
	to, err2 := wire.ParseCursor(r.URL.Query().Get("to"))
	if err1 != nil || err2 != nil || r.URL.Query().Get("to") == "" {
		return badRequest("bad_cursor", "Tham số from và to phải là con trỏ đồng bộ (số thứ tự).", "from")
	}
	page, err := s.syncer.Chunk(r.Context(), a, name, from, to)
	if err != nil {
		return err
	}
	body, etag := page.Encoded()
	w.Header().Set("ETag", etag)
	w.Header().Set("Cache-Control", "private, max-age=31536000, immutable")
	w.Header().Set("Vary", "Authorization")
	if match := r.Header.Get("If-None-Match"); match == etag || match == gzipETag(etag) {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	writeCompressed(w, r, http.StatusOK, body)
	return nil
}
