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

// AuditLog returns the latest entries about one object (newest first).
func AuditLog(ctx context.Context, q db.Querier, objectType, objectID string, limit int) ([]AuditEntry, error) {
	rows, err := q.Query(ctx, `
		SELECT id, at, account_id, source, action, object_type, object_id, details
		FROM audit_log WHERE object_type = $1 AND object_id = $2
		ORDER BY id DESC LIMIT $3`, objectType, objectID, limit)
	if err != nil {
		return nil, fmt.Errorf("content: audit log: %w", err)
	}
	return pgx.CollectRows(rows, pgx.RowToStructByPos[AuditEntry])
}
