package content

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"sotay/db"
)

var errMemberNotFound = db.NotFound("not_found", "Không tìm thấy đảng viên.")

// targetMember loads a member that the actor wants to act on with role need
// over the member's cell (for a member no longer active: the last cell they
// were in). An actor who may not even see the member (no viewer right on
// that cell) gets not found, so neither existence nor cell leaks; one who
// sees but lacks need gets forbidden.
func targetMember(ctx context.Context, q db.Querier, a *Actor, id int64, need Role) (Member, Unit, error) {
	m, err := GetMember(ctx, q, id)
	if errors.Is(err, db.ErrNotFound) {
		return Member{}, Unit{}, errMemberNotFound
	}
	if err != nil {
		return Member{}, Unit{}, err
	}
	cellID := m.CellID
	if cellID == nil {
		var last int64
		err := q.QueryRow(ctx, `SELECT unit_id FROM memberships WHERE member_id = $1 ORDER BY started_on DESC, id DESC LIMIT 1`, id).Scan(&last)
		if err != nil {
			return Member{}, Unit{}, errMemberNotFound
		}
		cellID = &last
	}
	cell, err := GetUnit(ctx, q, *cellID)
	if err != nil {
		return Member{}, Unit{}, err
	}
	if !a.Can(RoleViewer, cell.Path) {
		return Member{}, Unit{}, errMemberNotFound
	}
	if !a.Can(need, cell.Path) {
		return Member{}, Unit{}, forbiddenOn(cell)
	}
	return m, cell, nil
}

// activeMember is targetMember for actions that need the member in a cell.
func activeMember(ctx context.Context, q db.Querier, a *Actor, id int64, need Role) (Member, Unit, error) {
	m, cell, err := targetMember(ctx, q, a, id, need)
	if err == nil && m.CellID == nil {
		return Member{}, Unit{}, db.Conflict("member_inactive", "Đảng viên không còn sinh hoạt.")
	}
	return m, cell, err
}

// dominates checks that the actor outranks every right the account holds:
// for each unit where the account has a grant or its member a current
// position, the actor must be an admin of a unit strictly above it (or, for
// the root, of the root itself). Officers and staff are managed from above:
// nobody may reset the password of, lock out, sign out, re-grant, transfer or
// expel a person with rights equal to or beyond their own (a secretary
// resetting the province admin's password would take over the province; a
// commune admin could otherwise lock out their fellow commune admin).
func dominates(ctx context.Context, q db.Querier, a *Actor, accountID, memberID int64) error {
	rows, err := q.Query(ctx, `
		SELECT u.path::text, u.name FROM grants g JOIN units u ON u.id = g.unit_id WHERE g.account_id = $1
		UNION
		SELECT u.path::text, u.name FROM positions p JOIN units u ON u.id = p.unit_id WHERE p.member_id = $2 AND p.ended_on IS NULL`,
		accountID, memberID)
	if err != nil {
		return fmt.Errorf("content: rights of account %d: %w", accountID, err)
	}
	var path, name string
	var outranked string
	if _, err := pgx.ForEachRow(rows, []any{&path, &name}, func() error {
		if outranked == "" && !a.outranks(path) {
			outranked = name
		}
		return nil
	}); err != nil {
		return fmt.Errorf("content: rights of account %d: %w", accountID, err)
	}
	if outranked != "" {
		return db.Forbidden("outranked", "Người này giữ chức vụ hoặc quyền quản trị tại "+outranked+
			"; chỉ quản trị viên cấp trên được thực hiện thao tác này.")
	}
	return nil
}

// outranks reports whether the actor is an admin of a unit strictly above
// path, or of path itself when it is a root.
func (a *Actor) outranks(path string) bool {
	parent := path
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		parent = path[:i]
	}
	return a.Can(RoleAdmin, parent)
}

// accountOf returns the account of a member (0 when it has none yet).
func accountOf(ctx context.Context, q db.Querier, memberID int64) (int64, error) {
	var id int64
	err := q.QueryRow(ctx, `SELECT id FROM accounts WHERE member_id = $1`, memberID).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("content: account of member %d: %w", memberID, err)
	}
	return id, nil
}

// manageMemberAccount is targetMember plus dominates: for actions on a
// member's account and membership.
func manageMemberAccount(ctx context.Context, q db.Querier, a *Actor, memberID int64, need Role) (Member, Unit, int64, error) {
	m, cell, err := targetMember(ctx, q, a, memberID, need)
	if err != nil {
		return Member{}, Unit{}, 0, err
	}
	accountID, err := accountOf(ctx, q, memberID)
	if err != nil {
		return Member{}, Unit{}, 0, err
	}
	if err := dominates(ctx, q, a, accountID, memberID); err != nil {
		return Member{}, Unit{}, 0, err
	}
	return m, cell, accountID, nil
}

// manageAccount checks that the actor may act on an account as an admin: a
// member's account through manageMemberAccount; a staff account (no member)
// when the actor is an admin over all its grants, or of the root when it has
// none.
func manageAccount(ctx context.Context, q db.Querier, a *Actor, accountID int64) error {
	var memberID *int64
	err := q.QueryRow(ctx, `SELECT member_id FROM accounts WHERE id = $1`, accountID).Scan(&memberID)
	if errors.Is(err, pgx.ErrNoRows) {
		return db.NotFound("not_found", "Không tìm thấy tài khoản.")
	}
	if err != nil {
		return fmt.Errorf("content: account %d: %w", accountID, err)
	}
	if memberID != nil {
		_, _, _, err := manageMemberAccount(ctx, q, a, *memberID, RoleAdmin)
		return err
	}
	var grants int
	if err := q.QueryRow(ctx, `SELECT count(*) FROM grants WHERE account_id = $1`, accountID).Scan(&grants); err != nil {
		return fmt.Errorf("content: account %d: %w", accountID, err)
	}
	if grants == 0 {
		root, err := RootUnit(ctx, q)
		if err != nil {
			return err
		}
		if !a.Can(RoleAdmin, root.Path) {
			return db.Forbidden("forbidden", "Chỉ quản trị viên cấp cao nhất quản lý tài khoản này.")
		}
		return nil
	}
	return dominates(ctx, q, a, accountID, 0)
}

// RootUnit returns the root of the tree (the first, when there are several).
func RootUnit(ctx context.Context, q db.Querier) (Unit, error) {
	u, err := scanUnit(q.QueryRow(ctx, `SELECT `+unitColumns+` FROM units WHERE parent_id IS NULL ORDER BY id LIMIT 1`))
	if errors.Is(err, pgx.ErrNoRows) {
		return Unit{}, db.NotFound("empty_tree", "Chưa có tổ chức nào: hãy nạp dữ liệu mẫu hoặc tạo tổ chức gốc.")
	}
	if err != nil {
		return Unit{}, fmt.Errorf("content: root unit: %w", err)
	}
	return u, nil
}

func rootPathOrEmpty(ctx context.Context, q db.Querier) string {
	u, err := RootUnit(ctx, q)
	if err != nil {
		return "\x00" // matches nothing
	}
	return u.Path
}
