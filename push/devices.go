package push

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"github.com/google/uuid"

	"sotay/db"
)

// Platforms a device may register from.
var platforms = map[string]bool{"android": true, "ios": true, "web": true}

// RegisterDevice records the FCM token of the device signed in as session
// for member, or refreshes it: a session holds one token, so a new token
// (FCM rotates them) replaces the old one; a token that moved to another
// session (another account signed in on the phone) moves with it.
func RegisterDevice(ctx context.Context, q db.Querier, session uuid.UUID, member int64, token, platform string) error {
	token = strings.TrimSpace(token)
	if token == "" || len(token) > 4096 || strings.IndexFunc(token, func(r rune) bool { return r > unicode.MaxASCII || unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
		return db.Invalid("token", "invalid_token", "Mã thiết bị nhận thông báo (FCM token) không hợp lệ.")
	}
	if !platforms[platform] {
		return db.Invalid("platform", "invalid_platform", "Nền tảng phải là android, ios hoặc web.")
	}
	if member == 0 {
		return db.Forbidden("not_a_member", "Chỉ tài khoản của đảng viên mới nhận thông báo trên điện thoại.")
	}
	if _, err := q.Exec(ctx, `DELETE FROM push_devices WHERE session_id = $1 AND token <> $2`, session, token); err != nil {
		return fmt.Errorf("push: register device: %w", err)
	}
	_, err := q.Exec(ctx, `INSERT INTO push_devices (token, session_id, member_id, platform) VALUES ($1, $2, $3, $4)
		ON CONFLICT (token) DO UPDATE SET session_id = EXCLUDED.session_id, member_id = EXCLUDED.member_id,
		    platform = EXCLUDED.platform, updated_at = now()`, token, session, member, platform)
	if err != nil {
		return fmt.Errorf("push: register device: %w", err)
	}
	return nil
}

// RemoveDevice stops pushes to the device signed in as session (the member
// turned notifications off, or signs out).
func RemoveDevice(ctx context.Context, q db.Querier, session uuid.UUID) error {
	if _, err := q.Exec(ctx, `DELETE FROM push_devices WHERE session_id = $1`, session); err != nil {
		return fmt.Errorf("push: remove device: %w", err)
	}
	return nil
}
