package content

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"sotay/db"
)

// AuditEntry is one admin write: who, what, when, from where.
type AuditEntry struct {
	ID         int64          `json:"id"`
	At         time.Time      `json:"at"`
	AccountID  *int64         `json:"account_id"`
	Source     string         `json:"source"`
	Action     string         `json:"action"`
	ObjectType string         `json:"object_type"`
	ObjectID   string         `json:"object_id"`
	Details    map[string]any `json:"details"`
}

const insertAuditSQL = `
INSERT INTO audit_log (account_id, source, action, object_type, object_id, details)
VALUES ($1, $2, $3, $4, $5, $6)`

// Audit records an admin write. Call it in the transaction of the write, so
// there is never a write without its entry nor an entry without its write.
// by is nil for writes made from the command line.
func Audit(ctx context.Context, q db.Querier, by *Actor, action, objectType, objectID string, details map[string]any) error {
	var account *int64
	source := "cli"
	if by != nil {
		account, source = &by.AccountID, by.Source
	}
	if details == nil {
		details = map[string]any{}
	}
	if _, err := q.Exec(ctx, insertAuditSQL, account, source, action, objectType, objectID, details); err != nil {
		return fmt.Errorf("content: audit %s: %w", action, err)
	}
	return nil
}

// AuditFilter selects entries of the audit log, newest first.
type AuditFilter struct {
	ObjectType, ObjectID string // optional, together
	AccountID            int64  // optional: one person's writes
	BeforeID             int64  // keyset pagination: entries older than this id
	Limit                int    // 1..500, default 100
}

// ListAudit returns audit entries for an admin of the whole tree (the log
// spans every subtree, so only the root's admins read it).
func ListAudit(ctx context.Context, q db.Querier, a *Actor, f AuditFilter) ([]AuditEntry, error) {
	if !a.Can(RoleAdmin, rootPathOrEmpty(ctx, q)) {
		return nil, db.Forbidden("forbidden", "Chỉ quản trị cấp cao nhất được xem nhật ký thao tác.")
	}
	return listAudit(ctx, q, f)
}

// AuditLog returns the latest entries about one object, newest first, with
// no permission check: for callers that have checked access to the object.
func AuditLog(ctx context.Context, q db.Querier, objectType, objectID string, limit int) ([]AuditEntry, error) {
	return listAudit(ctx, q, AuditFilter{ObjectType: objectType, ObjectID: objectID, Limit: limit})
}

func listAudit(ctx context.Context, q db.Querier, f AuditFilter) ([]AuditEntry, error) {
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 100
	}
	rows, err := q.Query(ctx, `
		SELECT id, at, account_id, source, action, object_type, object_id, details
		FROM audit_log
		WHERE ($1 = '' OR object_type = $1) AND ($2 = '' OR object_id = $2)
		  AND ($3 = 0 OR account_id = $3)
		  AND ($4 = 0 OR id < $4)
		ORDER BY id DESC LIMIT $5`, f.ObjectType, f.ObjectID, f.AccountID, f.BeforeID, f.Limit)
	if err != nil {
		return nil, fmt.Errorf("content: audit log: %w", err)
	}
	return pgx.CollectRows(rows, pgx.RowToStructByPos[AuditEntry])
}
