package content

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"sotay/db"
)

// Role is an admin right on a subtree. Higher roles include the lower ones.
type Role string

// The roles, from least to most.
const (
	RoleViewer Role = "viewer" // sees members, statistics and unpublished documents of the subtree
	RoleEditor Role = "editor" // writes and publishes documents to the subtree, issues activation codes
	RoleAdmin  Role = "admin"  // manages units, members, accounts, grants and devices of the subtree
)

func (r Role) rank() int {
	switch r {
	case RoleViewer:
		return 1
	case RoleEditor:
		return 2
	case RoleAdmin:
		return 3
	}
	return 0
}

// ValidRole reports whether r is one of the roles.
func ValidRole(r Role) bool { return r.rank() > 0 }

// Grant is a role on a unit's subtree, either granted explicitly or held by
// position: the secretary and deputy secretary of a unit are its editors.
type Grant struct {
	UnitID     int64  `json:"unit_id"`
	UnitPath   string `json:"unit_path"`
	UnitName   string `json:"unit_name"`
	Role       Role   `json:"role"`
	ByPosition bool   `json:"by_position"`
}

// Actor is who is acting: the signed-in account, its member (if any), and
// everything a permission check needs, loaded once per request.
type Actor struct {
	AccountID int64
	SessionID uuid.UUID
	Source    string // client address, for the audit log
	MemberID  int64  // 0 for staff accounts without a member
	CellID    int64  // the member's current cell, 0 if none
	CellPath  string
	// OfficerPaths are the units where the member holds a current position.
	OfficerPaths []string
	Grants       []Grant
}

// Can is the one permission check of sotay: may the actor act with role need
// on the unit at unitPath? True when a grant on that unit or an ancestor has
// at least that role. The API and the web admin both call it.
func (a *Actor) Can(need Role, unitPath string) bool {
	if a == nil {
		return false
	}
	for _, g := range a.Grants {
		if g.Role.rank() >= need.rank() && IsWithin(unitPath, g.UnitPath) {
			return true
		}
	}
	return false
}

// IsStaff reports whether the actor holds any grant at all.
func (a *Actor) IsStaff() bool { return a != nil && len(a.Grants) > 0 }

// MayRead reports whether the actor, as a member, may read what is addressed
// to the subtree at audiencePath: the actor's cell is inside it, and, for
// officers-only material, the actor holds a position inside it.
func (a *Actor) MayRead(audiencePath string, officersOnly bool) bool {
	if a == nil || a.CellPath == "" || !IsWithin(a.CellPath, audiencePath) {
		return false
	}
	if !officersOnly {
		return true
	}
	for _, p := range a.OfficerPaths {
		if IsWithin(p, audiencePath) {
			return true
		}
	}
	return false
}

const loadActorSQL = `
SELECT a.member_id, m.cell_id, cu.path::text,
       coalesce((SELECT array_agg(u.path::text) FROM positions p JOIN units u ON u.id = p.unit_id
                 WHERE p.member_id = a.member_id AND p.ended_on IS NULL), '{}')
FROM accounts a
LEFT JOIN members m ON m.id = a.member_id AND m.state = 'active'
LEFT JOIN units cu ON cu.id = m.cell_id
WHERE a.id = $1 AND a.disabled_at IS NULL`

const loadGrantsSQL = `
SELECT g.unit_id, u.path::text, u.name, g.role, false
FROM grants g JOIN units u ON u.id = g.unit_id
WHERE g.account_id = $1
UNION ALL
SELECT p.unit_id, u.path::text, u.name, 'editor', true
FROM accounts a
JOIN members m ON m.id = a.member_id AND m.state = 'active'
JOIN positions p ON p.member_id = m.id AND p.ended_on IS NULL AND p.role IN ('secretary', 'deputy')
JOIN units u ON u.id = p.unit_id
WHERE a.id = $1
ORDER BY 2`

// LoadActor builds the Actor for an account. A disabled account, or one whose
// member is no longer active, gets ErrForbidden.
func LoadActor(ctx context.Context, q db.Querier, accountID int64, session uuid.UUID, source string) (*Actor, error) {
	a := &Actor{AccountID: accountID, SessionID: session, Source: source}
	var memberID, cellID *int64
	var cellPath *string
	err := q.QueryRow(ctx, loadActorSQL, accountID).Scan(&memberID, &cellID, &cellPath, &a.OfficerPaths)
	if err == pgx.ErrNoRows {
		return nil, db.Forbidden("account_disabled", "Tài khoản đã bị khóa hoặc không còn hiệu lực.")
	}
	if err != nil {
		return nil, fmt.Errorf("content: load actor %d: %w", accountID, err)
	}
	if memberID != nil {
		a.MemberID = *memberID
		if cellID == nil {
			return nil, db.Forbidden("member_inactive", "Đảng viên không còn sinh hoạt trong hệ thống.")
		}
		a.CellID, a.CellPath = *cellID, *cellPath
	}
	rows, err := q.Query(ctx, loadGrantsSQL, accountID)
	if err != nil {
		return nil, fmt.Errorf("content: load grants %d: %w", accountID, err)
	}
	a.Grants, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (Grant, error) {
		var g Grant
		err := r.Scan(&g.UnitID, &g.UnitPath, &g.UnitName, &g.Role, &g.ByPosition)
		return g, err
	})
	if err != nil {
		return nil, fmt.Errorf("content: load grants %d: %w", accountID, err)
	}
	return a, nil
}

// RequireUnit returns the unit if the actor holds need on it. A unit the
// actor may not even see (no viewer right on it, and not on the way from the
// root to their own cell) is not found, whether it exists or not, so its
// name never leaks; a visible one without the right is forbidden. A nil
// actor is the command line, which may do anything.
func RequireUnit(ctx context.Context, q db.Querier, a *Actor, need Role, unitID int64) (Unit, error) {
	u, err := GetUnit(ctx, q, unitID)
	if err != nil {
		return Unit{}, err
	}
	if a == nil || a.Can(need, u.Path) {
		return u, nil
	}
	if a.Sees(u.Path) {
		return Unit{}, forbiddenOn(u)
	}
	return Unit{}, errUnitNotFound
}

var errUnitNotFound = db.NotFound("not_found", "Không tìm thấy tổ chức.")

// Sees reports whether the actor may know of the unit at path: it is inside
// a subtree they may view, or on the way from the root to their cell or to a
// unit of one of their grants.
func (a *Actor) Sees(path string) bool {
	if a.Can(RoleViewer, path) || (a.CellPath != "" && IsWithin(a.CellPath, path)) {
		return true
	}
	for _, g := range a.Grants {
		if IsWithin(g.UnitPath, path) {
			return true
		}
	}
	return false
}

func forbiddenOn(u Unit) error {
	return db.Forbidden("forbidden", fmt.Sprintf("Bạn không có quyền thực hiện thao tác này tại %s.", u.Name))
}

const grantSQL = `
INSERT INTO grants (account_id, unit_id, role, granted_by) VALUES ($1, $2, $3, $4)
ON CONFLICT (account_id, unit_id) DO UPDATE SET role = excluded.role, granted_by = excluded.granted_by, created_at = now()`

// SetGrant gives account the role on unit's subtree (replacing an earlier
// grant on the same unit). The actor needs RoleAdmin on the unit and must be
// able to manage the account (see manageAccount): nobody re-grants a peer or
// a superior. by is nil for grants made from the command line.
func SetGrant(ctx context.Context, q db.Querier, by *Actor, accountID, unitID int64, role Role) error {
	if !ValidRole(role) {
		return db.Invalid("role", "invalid_role", "Vai trò không hợp lệ (admin, editor, viewer).")
	}
	var byID *int64
	if by != nil {
		if _, err := RequireUnit(ctx, q, by, RoleAdmin, unitID); err != nil {
			return err
		}
		if err := manageAccount(ctx, q, by, accountID); err != nil {
			return err
		}
		byID = &by.AccountID
	}
	if _, err := q.Exec(ctx, grantSQL, accountID, unitID, role, byID); err != nil {
		return db.Translate(err, "quyền quản trị")
	}
	return Audit(ctx, q, by, "grant.set", "account", fmt.Sprint(accountID), map[string]any{"unit_id": unitID, "role": role})
}

// RevokeGrant removes account's grant on unit, under the same rule as SetGrant.
func RevokeGrant(ctx context.Context, q db.Querier, by *Actor, accountID, unitID int64) error {
	if _, err := RequireUnit(ctx, q, by, RoleAdmin, unitID); err != nil {
		return err
	}
	if err := manageAccount(ctx, q, by, accountID); err != nil {
		return err
	}
	if _, err := q.Exec(ctx, `DELETE FROM grants WHERE account_id = $1 AND unit_id = $2`, accountID, unitID); err != nil {
		return fmt.Errorf("content: revoke grant: %w", err)
	}
	return Audit(ctx, q, by, "grant.revoke", "account", fmt.Sprint(accountID), map[string]any{"unit_id": unitID})
}
