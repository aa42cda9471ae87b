package server

import (
	"context"
	"net/http"

	"github.com/jackc/pgx/v5"

	"sotay/content"
	"sotay/push"
)

// pushDeviceRequest is what the app sends when FCM gives it a token (at
// start and whenever FCM rotates it).
type pushDeviceRequest struct {
	Token    string `json:"token"`
	Platform string `json:"platform"` // android, ios or web
}

func (s *Server) handleRegisterPushDevice(w http.ResponseWriter, r *http.Request) error {
	var req pushDeviceRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	_, err := asActor(s, r, func(ctx context.Context, tx pgx.Tx, a *content.Actor) (none, error) {
		return none{}, push.RegisterDevice(ctx, tx, a.SessionID, a.MemberID, req.Token, req.Platform)
	})
	return noContent(w, err)
}

func (s *Server) handleRemovePushDevice(w http.ResponseWriter, r *http.Request) error {
	_, err := asActor(s, r, func(ctx context.Context, tx pgx.Tx, a *content.Actor) (none, error) {
		return none{}, push.RemoveDevice(ctx, tx, a.SessionID)
	})
	return noContent(w, err)
}
