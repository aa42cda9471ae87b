package server

import (
	"context"
	"net/http"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"sotay/content"
)

type activateRequest struct {
	Login    string             `json:"login" doc:"party card number or phone"`
	Code     string             `json:"code" doc:"the activation code from the cell secretary, e.g. ABCDE-FGHJK"`
	Password string             `json:"password" doc:"the new password, at least 8 characters"`
	Device   content.DeviceInfo `json:"device"`
}

type loginRequest struct {
	Login    string             `json:"login" doc:"party card number, phone, or staff login name"`
	Password string             `json:"password"`
	Device   content.DeviceInfo `json:"device"`
}

type refreshRequest struct {
	RefreshToken string `json:"refresh_token"`
}

type tokensReply = content.Tokens

type devicesReply struct {
	Devices []content.Device `json:"devices"`
}

func (s *Server) handleActivate(w http.ResponseWriter, r *http.Request) error {
	var req activateRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	t, err := s.accounts.Activate(r.Context(), req.Login, req.Code, req.Password, req.Device, s.clientIP(r))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, t)
	return nil
}

func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) error {
	var req loginRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	t, err := s.accounts.Login(r.Context(), req.Login, req.Password, req.Device, s.clientIP(r))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, t)
	return nil
}

func (s *Server) handleRefresh(w http.ResponseWriter, r *http.Request) error {
	var req refreshRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	t, err := s.accounts.Refresh(r.Context(), req.RefreshToken, s.clientIP(r))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, t)
	return nil
}

func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request) error {
	c := claims(r)
	return s.revokeOwn(w, r, c.SessionID)
}

func (s *Server) handleRevokeMyDevice(w http.ResponseWriter, r *http.Request) error {
	id, err := pathUUID(r, "id")
	if err != nil {
		return err
	}
	return s.revokeOwn(w, r, id)
}

// revokeOwn signs a session out through the same rule as every revocation
// (content.RevokeDevice): one's own sessions, or those one may manage.
func (s *Server) revokeOwn(w http.ResponseWriter, r *http.Request, session uuid.UUID) error {
	_, err := asActor(s, r, func(ctx context.Context, tx pgx.Tx, a *content.Actor) (none, error) {
		return none{}, content.RevokeDevice(ctx, tx, a, session, false)
	})
	return noContent(w, err)
}

func (s *Server) handleMyDevices(w http.ResponseWriter, r *http.Request) error {
	c := claims(r)
	devs, err := content.ListDevices(r.Context(), s.pool, c.AccountID, c.SessionID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, devicesReply{devs})
	return nil
}
