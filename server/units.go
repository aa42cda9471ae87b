package server

import (
	"context"
	"net/http"

	"github.com/jackc/pgx/v5"

	"sotay/content"
	"sotay/db"
)

type unitReply struct {
	Unit      content.Unit   `json:"unit"`
	Ancestors []content.Unit `json:"ancestors" doc:"root first, the unit itself last"`
}

type unitsReply struct {
	Units []content.Unit `json:"units"`
}

type unitCreateRequest = content.NewUnit

type unitPatchRequest struct {
	Name     *string `json:"name,omitempty"`
	ParentID *int64  `json:"parent_id,omitempty" doc:"move the unit and its subtree under this unit"`
}

// visibleUnit returns the unit if the actor may know of it (content.Actor.Sees).
func (s *Server) visibleUnit(r *http.Request, a *content.Actor, id int64) (content.Unit, error) {
	u, err := content.GetUnit(r.Context(), s.pool, id)
	if err != nil {
		return content.Unit{}, err
	}
	if !a.Sees(u.Path) {
		return content.Unit{}, db.NotFound("not_found", "Không tìm thấy tổ chức.")
	}
	return u, nil
}

func (s *Server) handleGetUnit(w http.ResponseWriter, r *http.Request) error {
	a, id, err := s.actorAndID(r)
	if err != nil {
		return err
	}
	u, err := s.visibleUnit(r, a, id)
	if err != nil {
		return err
	}
	anc, err := content.Ancestors(r.Context(), s.pool, u.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, unitReply{u, anc})
	return nil
}

func (s *Server) handleUnitChildren(w http.ResponseWriter, r *http.Request) error {
	a, id, err := s.actorAndID(r)
	if err != nil {
		return err
	}
	if _, err := content.RequireUnit(r.Context(), s.pool, a, content.RoleViewer, id); err != nil {
		return err
	}
	kids, err := content.Children(r.Context(), s.pool, id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, unitsReply{kids})
	return nil
}

func (s *Server) handleCreateUnit(w http.ResponseWriter, r *http.Request) error {
	var req unitCreateRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	u, err := asActor(s, r, func(ctx context.Context, tx pgx.Tx, a *content.Actor) (content.Unit, error) {
		return content.CreateUnit(ctx, tx, a, req)
	})
	if err != nil {
		return err
	}
	return s.writeUnit(w, r, http.StatusCreated, u)
}

func (s *Server) handlePatchUnit(w http.ResponseWriter, r *http.Request) error {
	id, req, err := idAndBody[unitPatchRequest](w, r)
	if err != nil {
		return err
	}
	if req.Name == nil && req.ParentID == nil {
		return badRequest("nothing_to_change", "Không có gì để thay đổi (name hoặc parent_id).", "")
	}
	u, err := asActor(s, r, func(ctx context.Context, tx pgx.Tx, a *content.Actor) (u content.Unit, err error) {
		if req.Name != nil {
			if u, err = content.RenameUnit(ctx, tx, a, id, *req.Name); err != nil {
				return u, err
			}
		}
		if req.ParentID != nil {
			u, err = content.MoveUnit(ctx, tx, a, id, *req.ParentID)
		}
		return u, err
	})
	if err != nil {
		return err
	}
	return s.writeUnit(w, r, http.StatusOK, u)
}

func (s *Server) writeUnit(w http.ResponseWriter, r *http.Request, status int, u content.Unit) error {
	anc, err := content.Ancestors(r.Context(), s.pool, u.ID)
	if err != nil {
		return err
	}
	writeJSON(w, status, unitReply{u, anc})
	return nil
}
