package server

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"sotay/content"
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

// memberWrite runs a write on a member as the actor and answers with the member.
func (s *Server) memberWrite(w http.ResponseWriter, r *http.Request, status int, fn func(ctx context.Context, tx pgx.Tx, a *content.Actor) (content.Member, error)) error {
	m, err := asActor(s, r, fn)
	if err != nil {
		return err
	}
	reply, err := s.memberReply(r, m)
	return respond(w, status, reply, err)
}

func (s *Server) handleCreateMember(w http.ResponseWriter, r *http.Request) error {
	var req memberRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	return s.memberWrite(w, r, http.StatusCreated, func(ctx context.Context, tx pgx.Tx, a *content.Actor) (content.Member, error) {
		return content.CreateMember(ctx, tx, a, req)
	})
}

func (s *Server) handleGetMember(w http.ResponseWriter, r *http.Request) error {
	a, id, err := s.actorAndID(r)
	if err != nil {
		return err
	}
	m, err := content.ViewMember(r.Context(), s.pool, a, id)
	if err != nil {
		return err
	}
	reply, err := s.memberReply(r, m)
	return respond(w, http.StatusOK, reply, err)
}

func (s *Server) handleUpdateMember(w http.ResponseWriter, r *http.Request) error {
	id, req, err := idAndBody[memberRequest](w, r)
	if err != nil {
		return err
	}
	return s.memberWrite(w, r, http.StatusOK, func(ctx context.Context, tx pgx.Tx, a *content.Actor) (content.Member, error) {
		return content.UpdateMember(ctx, tx, a, id, req)
	})
}

func (s *Server) handleTransferMember(w http.ResponseWriter, r *http.Request) error {
	id, req, err := idAndBody[transferRequest](w, r)
	if err != nil {
		return err
	}
	return s.memberWrite(w, r, http.StatusOK, func(ctx context.Context, tx pgx.Tx, a *content.Actor) (content.Member, error) {
		return content.TransferMember(ctx, tx, a, id, req.CellID, req.Reason)
	})
}

func (s *Server) handleMemberState(w http.ResponseWriter, r *http.Request) error {
	id, req, err := idAndBody[stateRequest](w, r)
	if err != nil {
		return err
	}
	return s.memberWrite(w, r, http.StatusOK, func(ctx context.Context, tx pgx.Tx, a *content.Actor) (content.Member, error) {
		return content.SetMemberState(ctx, tx, a, id, req.State, req.Reason)
	})
}

func (s *Server) handleAssignPosition(w http.ResponseWriter, r *http.Request) error {
	id, req, err := idAndBody[positionRequest](w, r)
	if err != nil {
		return err
	}
	p, err := asActor(s, r, func(ctx context.Context, tx pgx.Tx, a *content.Actor) (content.Position, error) {
		return content.AssignPosition(ctx, tx, a, id, req.UnitID, req.Role)
	})
	return respond(w, http.StatusCreated, p, err)
}

func (s *Server) handleActivationCode(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	reply, err := asActor(s, r, func(ctx context.Context, tx pgx.Tx, a *content.Actor) (reply activationReply, err error) {
		reply.Code, reply.ExpiresAt, err = content.IssueActivationCode(ctx, tx, a, id)
		return reply, err
	})
	return respond(w, http.StatusCreated, reply, err)
}

func (s *Server) handleMemberDevices(w http.ResponseWriter, r *http.Request) error {
	a, id, err := s.actorAndID(r)
	if err != nil {
		return err
	}
	devs, err := content.MemberDevices(r.Context(), s.pool, a, id)
	return respond(w, http.StatusOK, devicesReply{devs}, err)
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
	_, err = asActor(s, r, func(ctx context.Context, tx pgx.Tx, a *content.Actor) (none, error) {
		return none{}, content.RevokeDevice(ctx, tx, a, id, req.Wipe)
	})
	return noContent(w, err)
}

func (s *Server) handleSetGrant(w http.ResponseWriter, r *http.Request) error {
	var g grantRequest
	if err := decodeJSON(w, r, &g); err != nil {
		return err
	}
	_, err := asActor(s, r, func(ctx context.Context, tx pgx.Tx, a *content.Actor) (none, error) {
		return none{}, content.SetGrant(ctx, tx, a, g.AccountID, g.UnitID, g.Role)
	})
	return noContent(w, err)
}

func (s *Server) handleRevokeGrant(w http.ResponseWriter, r *http.Request) error {
	var g grantRequest
	if err := decodeJSON(w, r, &g); err != nil {
		return err
	}
	_, err := asActor(s, r, func(ctx context.Context, tx pgx.Tx, a *content.Actor) (none, error) {
		return none{}, content.RevokeGrant(ctx, tx, a, g.AccountID, g.UnitID)
	})
	return noContent(w, err)
}
