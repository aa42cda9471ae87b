package server

import (
	"net/http"
	"strconv"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"sotay/content"
	"sotay/db"
)

type memberRequest = content.MemberInput

type memberReply struct {
	Member    content.Member       `json:"member"`
	History   []content.Membership `json:"history"`
	Positions []content.Position   `json:"positions"`
}

type membersReply struct {
	Members []content.Member `json:"members"`
	Next    string           `json:"next,omitempty" doc:"pass as ?after= for the next page"`
}

type transferRequest struct {
	CellID int64  `json:"cell_id"`
	Reason string `json:"reason"`
}

type stateRequest struct {
	State  content.MemberState `json:"state" doc:"left, expelled or deceased"`
	Reason string              `json:"reason"`
}

type positionRequest struct {
	UnitID int64  `json:"unit_id"`
	Role   string `json:"role" doc:"secretary, deputy or committee_member"`
}

type positionReply = content.Position

type activationReply struct {
	Code      string    `json:"code" doc:"give it to the member; it works once"`
	ExpiresAt time.Time `json:"expires_at"`
}

type revokeRequest struct {
	Wipe bool `json:"wipe" doc:"order the device to erase its local copy at its next contact"`
}

type grantRequest struct {
	AccountID int64        `json:"account_id"`
	UnitID    int64        `json:"unit_id"`
	Role      content.Role `json:"role,omitempty" doc:"admin, editor or viewer (PUT only)"`
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

func (s *Server) memberReply(r *http.Request, m content.Member) (memberReply, error) {
	h, err := content.MemberHistory(r.Context(), s.pool, m.ID)
	if err != nil {
		return memberReply{}, err
	}
	p, err := content.MemberPositions(r.Context(), s.pool, m.ID)
	if err != nil {
		return memberReply{}, err
	}
	return memberReply{m, h, p}, nil
}

func (s *Server) handleListMembers(w http.ResponseWriter, r *http.Request) error {
	a, err := s.actor(r)
	if err != nil {
		return err
	}
	unit, err := queryInt(r, "unit", 0)
	if err != nil {
		return err
	}
	if unit == 0 {
		return badRequest("unit_required", "Thiếu tham số unit (mã tổ chức).", "unit")
	}
	after, err := queryInt(r, "after", 0)
	if err != nil {
		return err
	}
	limit, err := pageLimit(r, 100, 500)
	if err != nil {
		return err
	}
	ms, err := content.ListMembers(r.Context(), s.pool, a, content.MemberFilter{UnitID: unit, Query: r.URL.Query().Get("q"), AfterID: after, Limit: int(limit)})
	if err != nil {
		return err
	}
	reply := membersReply{Members: ms}
	if len(ms) > 0 && len(ms) == int(limit) {
		reply.Next = itoa(ms[len(ms)-1].ID)
	}
	writeJSON(w, http.StatusOK, reply)
	return nil
}

// memberWrite runs fn in a transaction and answers with the member it returns.
func (s *Server) memberWrite(w http.ResponseWriter, r *http.Request, status int, fn func(tx pgx.Tx, a *content.Actor) (content.Member, error)) error {
	a, err := s.actor(r)
	if err != nil {
		return err
	}
	var m content.Member
	if err := db.Transact(r.Context(), s.pool, func(tx pgx.Tx) error {
		m, err = fn(tx, a)
		return err
	}); err != nil {
		return err
	}
	reply, err := s.memberReply(r, m)
	if err != nil {
		return err
	}
	writeJSON(w, status, reply)
	return nil
}

func (s *Server) handleCreateMember(w http.ResponseWriter, r *http.Request) error {
	var req memberRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	return s.memberWrite(w, r, http.StatusCreated, func(tx pgx.Tx, a *content.Actor) (content.Member, error) {
		return content.CreateMember(r.Context(), tx, a, req)
	})
}

func (s *Server) handleGetMember(w http.ResponseWriter, r *http.Request) error {
	a, err := s.actor(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	m, err := content.ViewMember(r.Context(), s.pool, a, id)
	if err != nil {
		return err
	}
	reply, err := s.memberReply(r, m)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, reply)
	return nil
}

func (s *Server) handleUpdateMember(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var req memberRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	return s.memberWrite(w, r, http.StatusOK, func(tx pgx.Tx, a *content.Actor) (content.Member, error) {
		return content.UpdateMember(r.Context(), tx, a, id, req)
	})
}

func (s *Server) handleTransferMember(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var req transferRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	return s.memberWrite(w, r, http.StatusOK, func(tx pgx.Tx, a *content.Actor) (content.Member, error) {
		return content.TransferMember(r.Context(), tx, a, id, req.CellID, req.Reason)
	})
}

func (s *Server) handleMemberState(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var req stateRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	return s.memberWrite(w, r, http.StatusOK, func(tx pgx.Tx, a *content.Actor) (content.Member, error) {
		return content.SetMemberState(r.Context(), tx, a, id, req.State, req.Reason)
	})
}

func (s *Server) handleAssignPosition(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var req positionRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	a, err := s.actor(r)
	if err != nil {
		return err
	}
	var p content.Position
	if err := db.Transact(r.Context(), s.pool, func(tx pgx.Tx) error {
		p, err = content.AssignPosition(r.Context(), tx, a, id, req.UnitID, req.Role)
		return err
	}); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, p)
	return nil
}

func (s *Server) handleActivationCode(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	a, err := s.actor(r)
	if err != nil {
		return err
	}
	var reply activationReply
	if err := db.Transact(r.Context(), s.pool, func(tx pgx.Tx) error {
		reply.Code, reply.ExpiresAt, err = content.IssueActivationCode(r.Context(), tx, a, id)
		return err
	}); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, reply)
	return nil
}

func (s *Server) handleMemberDevices(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	a, err := s.actor(r)
	if err != nil {
		return err
	}
	devs, err := content.MemberDevices(r.Context(), s.pool, a, id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, devicesReply{devs})
	return nil
}

func (s *Server) handleRevokeDevice(w http.ResponseWriter, r *http.Request) error {
	id, err := pathUUID(r, "id")
	if err != nil {
		return err
	}
	var req revokeRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	a, err := s.actor(r)
	if err != nil {
		return err
	}
	if err := db.Transact(r.Context(), s.pool, func(tx pgx.Tx) error {
		return content.RevokeDevice(r.Context(), tx, a, uuid.UUID(id), req.Wipe)
	}); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) handleSetGrant(w http.ResponseWriter, r *http.Request) error {
	return s.grantWrite(w, r, func(tx pgx.Tx, a *content.Actor, g grantRequest) error {
		return content.SetGrant(r.Context(), tx, a, g.AccountID, g.UnitID, g.Role)
	})
}

func (s *Server) handleRevokeGrant(w http.ResponseWriter, r *http.Request) error {
	return s.grantWrite(w, r, func(tx pgx.Tx, a *content.Actor, g grantRequest) error {
		return content.RevokeGrant(r.Context(), tx, a, g.AccountID, g.UnitID)
	})
}

func (s *Server) grantWrite(w http.ResponseWriter, r *http.Request, fn func(pgx.Tx, *content.Actor, grantRequest) error) error {
	var req grantRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	a, err := s.actor(r)
	if err != nil {
		return err
	}
	if err := db.Transact(r.Context(), s.pool, func(tx pgx.Tx) error { return fn(tx, a, req) }); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
