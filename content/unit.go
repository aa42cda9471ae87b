package content

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"sotay/db"
)

// UnitKind is the kind of an org unit (see GLOSSARY.md). The tree is data:
// kinds do not fix depths.
type UnitKind string

// The unit kinds.
const (
	KindProvince   UnitKind = "province"
	KindCommune    UnitKind = "commune"
	KindCommittee  UnitKind = "committee"
	KindGrassroots UnitKind = "grassroots"
	KindSubunit    UnitKind = "subunit"
	KindCell       UnitKind = "cell"
	KindGroup      UnitKind = "group"
)

// UnitKinds lists the kinds, for validation and forms.
var UnitKinds = []UnitKind{KindProvince, KindCommune, KindCommittee, KindGrassroots, KindSubunit, KindCell, KindGroup}

// Unit is one node of the organisation tree.
type Unit struct {
	ID        int64     `json:"id"`
	ParentID  *int64    `json:"parent_id"`
	Path      string    `json:"path"` // ids from the root, dot-separated ("1.17.342")
	Kind      UnitKind  `json:"kind"`
	Code      string    `json:"code"`
	Name      string    `json:"name"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Depth is the unit's level, 1 for the root.
func (u Unit) Depth() int { return strings.Count(u.Path, ".") + 1 }

const unitColumns = `id, parent_id, path::text, kind, code, name, updated_at`

func scanUnit(row pgx.Row) (Unit, error) {
	var u Unit
	err := row.Scan(&u.ID, &u.ParentID, &u.Path, &u.Kind, &u.Code, &u.Name, &u.UpdatedAt)
	return u, err
}

func collectUnits(rows pgx.Rows, err error) ([]Unit, error) {
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (Unit, error) { return scanUnit(r) })
}

// NewUnit is the input for CreateUnit.
type NewUnit struct {
	ParentID *int64   `json:"parent_id"`
	Kind     UnitKind `json:"kind"`
	Code     string   `json:"code"`
	Name     string   `json:"name"`
}

func (n *NewUnit) normalize() error {
	if !validKind(n.Kind) {
		return db.Invalid("kind", "invalid_kind", "Loại tổ chức không hợp lệ.")
	}
	if !ValidUnitCode(n.Code) {
		return db.Invalid("code", "invalid_code", "Mã tổ chức chỉ gồm chữ, số, dấu chấm, gạch ngang, gạch dưới (tối đa 64 ký tự).")
	}
	var err error
	n.Name, err = unitName(n.Name)
	return err
}

// unitName cleans a unit's name (NFC, single spaces) and checks its length.
func unitName(s string) (string, error) {
	s = strings.Join(strings.Fields(nfc(s)), " ")
	if s == "" || len([]rune(s)) > 300 {
		return "", db.Invalid("name", "invalid_name", "Tên tổ chức không được để trống (tối đa 300 ký tự).")
	}
	return s, nil
}

// treeLock serialises writes to the shape of the tree (creating and moving
// units) within their transactions: a move reads paths that a concurrent
// move or create would otherwise make stale, leaving a cycle or a child whose
// path does not run through its parent. Tree writes are rare; readers never
// take it.
const treeLock = 0x736f7461_7472 // "sota" "tr"

func lockTree(ctx context.Context, q db.Querier) error {
	if _, err := q.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(treeLock)); err != nil {
		return fmt.Errorf("content: lock tree: %w", err)
	}
	return nil
}

func validKind(k UnitKind) bool {
	for _, x := range UnitKinds {
		if x == k {
			return true
		}
	}
	return false
}

// ValidUnitCode is the rule for a unit's code (units.code): 1–64 ASCII
// letters, digits, dots, dashes and underscores. The member import checks
// cell codes with it.
func ValidUnitCode(c string) bool {
	if len(c) == 0 || len(c) > 64 {
		return false
	}
	for _, r := range c {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

const insertUnitSQL = `
WITH n AS (SELECT nextval(pg_get_serial_sequence('units', 'id')) AS id)
INSERT INTO units (id, parent_id, path, kind, code, name)
SELECT n.id, $1, CASE WHEN $1::bigint IS NULL THEN n.id::text::ltree
                      ELSE (SELECT path FROM units WHERE id = $1) || n.id::text END,
       $2, $3, $4
FROM n
RETURNING ` + unitColumns

// CreateUnit adds a unit under its parent (or a root when ParentID is nil).
// The actor needs RoleAdmin on the parent; a nil actor is the command line
// (and may create a root). Call it in a transaction: it takes the tree lock.
func CreateUnit(ctx context.Context, q db.Querier, a *Actor, n NewUnit) (Unit, error) {
	if err := n.normalize(); err != nil {
		return Unit{}, err
	}
	if err := lockTree(ctx, q); err != nil {
		return Unit{}, err
	}
	if n.ParentID == nil && a != nil {
		return Unit{}, db.Invalid("parent_id", "parent_required", "Phải chọn tổ chức cấp trên.")
	}
	if n.ParentID == nil {
		if root, err := RootUnit(ctx, q); err == nil {
			return Unit{}, db.Conflict("root_exists", "Cây tổ chức đã có gốc ("+root.Name+"); tổ chức mới phải có cấp trên.")
		}
	}
	if n.ParentID != nil {
		if _, err := RequireUnit(ctx, q, a, RoleAdmin, *n.ParentID); err != nil {
			return Unit{}, unknownAs(err, "parent_id", "unknown_parent", "Tổ chức cấp trên không tồn tại.")
		}
	}
	u, err := scanUnit(q.QueryRow(ctx, insertUnitSQL, n.ParentID, n.Kind, n.Code, n.Name))
	if err != nil {
		return Unit{}, db.Translate(err, "mã tổ chức "+n.Code)
	}
	if err := unitChanged(ctx, q, u); err != nil {
		return Unit{}, err
	}
	return u, Audit(ctx, q, a, "unit.create", "unit", fmt.Sprint(u.ID), map[string]any{"code": u.Code, "parent_id": n.ParentID})
}

// GetUnit returns the unit with id.
func GetUnit(ctx context.Context, q db.Querier, id int64) (Unit, error) {
	u, err := scanUnit(q.QueryRow(ctx, `SELECT `+unitColumns+` FROM units WHERE id = $1`, id))
	if err != nil {
		return Unit{}, db.Translate(err, "tổ chức")
	}
	return u, nil
}

// GetUnitByCode returns the unit with code.
func GetUnitByCode(ctx context.Context, q db.Querier, code string) (Unit, error) {
	u, err := scanUnit(q.QueryRow(ctx, `SELECT `+unitColumns+` FROM units WHERE code = $1`, code))
	if err != nil {
		return Unit{}, db.Translate(err, "tổ chức có mã "+code)
	}
	return u, nil
}

// Children returns the direct children of a unit, by name.
func Children(ctx context.Context, q db.Querier, id int64) ([]Unit, error) {
	return collectUnits(q.Query(ctx, `SELECT `+unitColumns+` FROM units WHERE parent_id = $1 ORDER BY name, id`, id))
}

// Ancestors returns the unit's ancestors and the unit itself, root first.
func Ancestors(ctx context.Context, q db.Querier, id int64) ([]Unit, error) {
	return collectUnits(q.Query(ctx, `
		SELECT `+unitColumns+` FROM units
		WHERE path @> (SELECT path FROM units WHERE id = $1)
		ORDER BY nlevel(path)`, id))
}

// RenameUnit changes a unit's name. The actor needs RoleAdmin on the unit.
func RenameUnit(ctx context.Context, q db.Querier, a *Actor, id int64, name string) (Unit, error) {
	name, err := unitName(name)
	if err != nil {
		return Unit{}, err
	}
	if a != nil {
		if _, err := RequireUnit(ctx, q, a, RoleAdmin, id); err != nil {
			return Unit{}, err
		}
	}
	u, err := scanUnit(q.QueryRow(ctx, `UPDATE units SET name = $2, updated_at = now() WHERE id = $1 RETURNING `+unitColumns, id, name))
	if err != nil {
		return Unit{}, db.Translate(err, "tổ chức")
	}
	if err := unitChanged(ctx, q, u); err != nil {
		return Unit{}, err
	}
	return u, Audit(ctx, q, a, "unit.rename", "unit", fmt.Sprint(id), map[string]any{"name": name})
}

const moveUnitSQL = `
WITH moved AS (SELECT path AS old FROM units WHERE id = $1),
     target AS (SELECT path AS new_parent FROM units WHERE id = $2)
UPDATE units SET
    path = target.new_parent || subpath(units.path, nlevel(moved.old) - 1),
    parent_id = CASE WHEN units.id = $1 THEN $2 ELSE units.parent_id END,
    updated_at = now()
FROM moved, target
WHERE units.path <@ moved.old`

// MoveUnit moves a unit and its whole subtree under a new parent. A unit
// cannot move below itself, and the root does not move. The actor needs
// RoleAdmin on the unit and on the new parent. Call it in a transaction: it
// takes the tree lock, so the paths it reads stay true until it commits.
func MoveUnit(ctx context.Context, q db.Querier, a *Actor, id, newParentID int64) (Unit, error) {
	if err := lockTree(ctx, q); err != nil {
		return Unit{}, err
	}
	u, err := RequireUnit(ctx, q, a, RoleAdmin, id)
	if err != nil {
		return Unit{}, err
	}
	p, err := RequireUnit(ctx, q, a, RoleAdmin, newParentID)
	if err != nil {
		return Unit{}, unknownAs(err, "parent_id", "unknown_parent", "Tổ chức cấp trên mới không tồn tại.")
	}
	if u.ParentID == nil {
		return Unit{}, db.Invalid("id", "move_root", "Không thể chuyển tổ chức gốc.")
	}
	if IsWithin(p.Path, u.Path) {
		return Unit{}, db.Invalid("parent_id", "move_into_self", "Không thể chuyển một tổ chức vào chính nó hoặc tổ chức cấp dưới của nó.")
	}
	if _, err := q.Exec(ctx, moveUnitSQL, id, newParentID); err != nil {
		return Unit{}, fmt.Errorf("content: move unit %d: %w", id, err)
	}
	if err := Audit(ctx, q, a, "unit.move", "unit", fmt.Sprint(id), map[string]any{"from": u.ParentID, "parent_id": newParentID}); err != nil {
		return Unit{}, err
	}
	moved, err := GetUnit(ctx, q, id)
	if err != nil {
		return Unit{}, err
	}
	// Members below learn their new ancestors from their feed set; the unit's
	// own entry says where it now hangs.
	return moved, unitChanged(ctx, q, moved)
}

// unknownAs turns "no such unit" into bad input in field (the unit was named
// in the request body, not in the address); other errors pass.
func unknownAs(err error, field, code, msg string) error {
	if errors.Is(err, db.ErrNotFound) {
		return db.Invalid(field, code, msg)
	}
	return err
}

// IsWithin reports whether path is inside the subtree rooted at root (or is root).
func IsWithin(path, root string) bool {
	return path == root || strings.HasPrefix(path, root+".")
}
