package server

import (
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

var errUnitNotFound = db.NotFound("not_found", "Không tìm thấy tổ chức.")

// visibleUnit returns the unit if the actor may see it: a unit on the way
// from the root to their cell, or one inside a subtree they may view.
func (s *Server) visibleUnit(r *http.Request, a *content.Actor, id int64) (content.Unit, error) {
	u, err := content.GetUnit(r.Context(), s.pool, id)
	if err != nil {
		return content.Unit{}, err
	}
	if a.Can(content.RoleViewer, u.Path) || (a.CellPath != "" && content.IsWithin(a.CellPath, u.Path)) {
		return u, nil
	}
	return content.Unit{}, errUnitNotFound
}

func (s *Server) handleGetUnit(w http.ResponseWriter, r *http.Request) error {
	a, err := s.actor(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
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
	a, err := s.actor(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	u, err := content.GetUnit(r.Context(), s.pool, id)
	if err != nil {
		return err
	}
	if !a.Can(content.RoleViewer, u.Path) {
		return errUnitNotFound
	}
	kids, err := content.Children(r.Context(), s.pool, id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, unitsReply{kids})
	return nil
}

func (s *Server) handleCreateUnit(w http.ResponseWriter, r *http.Request) error {
	a, err := s.actor(r)
	if err != nil {
		return err
	}
	var req unitCreateRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	if req.ParentID == nil {
		return badRequest("parent_required", "Phải chọn tổ chức cấp trên.", "parent_id")
	}
	var u content.Unit
	err = db.Transact(r.Context(), s.pool, func(tx pgx.Tx) error {
		if _, err := content.RequireUnit(r.Context(), tx, a, content.RoleAdmin, *req.ParentID); err != nil {
			return err
		}
		u, err = content.CreateUnit(r.Context(), tx, req)
		if err != nil {
			return err
		}
		return content.Audit(r.Context(), tx, a, "unit.create", "unit", itoa(u.ID), map[string]any{"code": u.Code, "parent_id": req.ParentID})
	})
	if err != nil {
		return err
	}
	anc, err := content.Ancestors(r.Context(), s.pool, u.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, unitReply{u, anc})
	return nil
}

func (s *Server) handlePatchUnit(w http.ResponseWriter, r *http.Request) error {
	a, err := s.actor(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var req unitPatchRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	var u content.Unit
	err = db.Transact(r.Context(), s.pool, func(tx pgx.Tx) error {
		ctx := r.Context()
		if _, err := content.RequireUnit(ctx, tx, a, content.RoleAdmin, id); err != nil {
			return err
		}
		if req.Name != nil {
			if u, err = content.RenameUnit(ctx, tx, id, *req.Name); err != nil {
				return err
			}
			if err := content.Audit(ctx, tx, a, "unit.rename", "unit", itoa(id), map[string]any{"name": *req.Name}); err != nil {
				return err
			}
		}
		if req.ParentID != nil {
			if _, err := content.RequireUnit(ctx, tx, a, content.RoleAdmin, *req.ParentID); err != nil {
				return err
			}
			if u, err = content.MoveUnit(ctx, tx, id, *req.ParentID); err != nil {
				return err
			}
			if err := content.Audit(ctx, tx, a, "unit.move", "unit", itoa(id), map[string]any{"parent_id": *req.ParentID}); err != nil {
				return err
			}
		}
		if req.Name == nil && req.ParentID == nil {
			return badRequest("nothing_to_change", "Không có gì để thay đổi (name hoặc parent_id).", "")
		}
		return nil
	})
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
