package server

import (
	"net/http"

	"sotay/content"
)

type meReply struct {
	AccountID int64              `json:"account_id"`
	Member    *content.Member    `json:"member"`
	Cell      []content.Unit     `json:"cell_path" doc:"the member's cell and its ancestors, root first"`
	Positions []content.Position `json:"positions"`
	Grants    []content.Grant    `json:"grants"`
}

func (s *Server) handleMe(w http.ResponseWriter, r *http.Request) error {
	a, err := s.actor(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	reply := meReply{AccountID: a.AccountID, Grants: a.Grants, Cell: []content.Unit{}, Positions: []content.Position{}}
	if reply.Grants == nil {
		reply.Grants = []content.Grant{}
	}
	if a.MemberID != 0 {
		m, err := content.GetMember(ctx, s.pool, a.MemberID)
		if err != nil {
			return err
		}
		reply.Member = &m
		if reply.Cell, err = content.Ancestors(ctx, s.pool, a.CellID); err != nil {
			return err
		}
		if reply.Positions, err = content.MemberPositions(ctx, s.pool, a.MemberID); err != nil {
			return err
		}
	}
	writeJSON(w, http.StatusOK, reply)
	return nil
}
