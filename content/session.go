package content

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"sotay/db"
)

// RefreshTTL is how long an unused refresh token lives; each use rotates it.
const RefreshTTL = 90 * 24 * time.Hour

// ActivationTTL is how long an activation code may be used.
const ActivationTTL = 7 * 24 * time.Hour

// Device is a signed-in device: one session.
type Device struct {
	ID            uuid.UUID  `json:"id"`
	Name          string     `json:"name"`
	Platform      string     `json:"platform"`
	CreatedAt     time.Time  `json:"created_at"`
	LastSeenAt    time.Time  `json:"last_seen_at"`
	LastIP        string     `json:"last_ip"`
	RevokedAt     *time.Time `json:"revoked_at,omitempty"`
	WipeRequested bool       `json:"wipe_requested"`
	Current       bool       `json:"current"`
}

// DeviceInfo is what a client says about itself when signing in.
type DeviceInfo struct {
	Name     string `json:"name"`
	Platform string `json:"platform"`
}

func (d *DeviceInfo) clean() {
	d.Name = truncate(strings.TrimSpace(d.Name), 100)
	d.Platform = truncate(strings.TrimSpace(d.Platform), 40)
}

func truncate(s string, n int) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}

// Tokens is what a successful sign-in returns.
type Tokens struct {
	AccessToken     string    `json:"access_token"`
	AccessExpiresAt time.Time `json:"access_expires_at"`
	RefreshToken    string    `json:"refresh_token"`
	SessionID       uuid.UUID `json:"session_id"`
	AccountID       int64     `json:"account_id"`
	MemberID        int64     `json:"member_id,omitempty"`
}

func hashToken(s string) []byte {
	h := sha256.Sum256([]byte(s))
	return h[:]
}

func newRefreshToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return "rt1." + b64.EncodeToString(b)
}

// issueTokens starts a refresh token for a session and signs an access token.
func issueTokens(ctx context.Context, q db.Querier, s *Signer, now time.Time, session uuid.UUID, accountID, memberID int64) (Tokens, error) {
	rt := newRefreshToken()
	if _, err := q.Exec(ctx, `INSERT INTO refresh_tokens (hash, session_id, expires_at) VALUES ($1, $2, $3)`,
		hashToken(rt), session, now.Add(RefreshTTL)); err != nil {
		return Tokens{}, fmt.Errorf("content: refresh token: %w", err)
	}
	exp := now.Add(AccessTTL)
	return Tokens{
		AccessToken:     s.Sign(AccessClaims{SessionID: session, AccountID: accountID, MemberID: memberID, Expires: exp}),
		AccessExpiresAt: exp.UTC().Truncate(time.Second),
		RefreshToken:    rt,
		SessionID:       session,
		AccountID:       accountID,
		MemberID:        memberID,
	}, nil
}

func startSession(ctx context.Context, q db.Querier, s *Signer, now time.Time, accountID, memberID int64, dev DeviceInfo, ip string) (Tokens, error) {
	dev.clean()
	id := uuid.New()
	if _, err := q.Exec(ctx, `INSERT INTO sessions (id, account_id, device_name, platform, last_ip) VALUES ($1, $2, $3, $4, $5)`,
		id, accountID, dev.Name, dev.Platform, ip); err != nil {
		return Tokens{}, fmt.Errorf("content: start session: %w", err)
	}
	return issueTokens(ctx, q, s, now, id, accountID, memberID)
}

// sessionScope says which sessions to sign out: one session (Only), or
// every session of Account except one (Except, uuid.Nil for none).
type sessionScope struct {
	Only    uuid.UUID
	Account int64
	Except  uuid.UUID
}

const revokeSessionsSQL = `
UPDATE sessions SET
    revoked_at = coalesce(revoked_at, now()),
    revoked_reason = coalesce(revoked_reason, $4),
    wipe_requested_at = CASE WHEN $5 THEN coalesce(wipe_requested_at, now()) ELSE wipe_requested_at END
WHERE (CASE WHEN $1 <> '00000000-0000-0000-0000-000000000000'::uuid THEN id = $1
            ELSE account_id = $2 AND id <> $3 END)
  AND (revoked_at IS NULL OR ($5 AND wipe_requested_at IS NULL))`

// revokeSessions is the one way sessions are signed out. With wipe, the
// devices are also told to erase their local copy at their next contact
// (also a device already signed out). Every serve process learns of it
// through Revocations within seconds.
func revokeSessions(ctx context.Context, q db.Querier, scope sessionScope, reason string, wipe bool) error {
	if _, err := q.Exec(ctx, revokeSessionsSQL, scope.Only, scope.Account, scope.Except, reason, wipe); err != nil {
		return fmt.Errorf("content: revoke sessions: %w", err)
	}
	return nil
}

// ListDevices returns an account's devices that are still signed in, newest first.
func ListDevices(ctx context.Context, q db.Querier, accountID int64, current uuid.UUID) ([]Device, error) {
	rows, err := q.Query(ctx, `
		SELECT id, device_name, platform, created_at, last_seen_at, last_ip, revoked_at, wipe_requested_at IS NOT NULL, id = $2
		FROM sessions WHERE account_id = $1 AND (revoked_at IS NULL OR wipe_requested_at IS NOT NULL)
		ORDER BY last_seen_at DESC`, accountID, current)
	if err != nil {
		return nil, fmt.Errorf("content: list devices: %w", err)
	}
	return pgx.CollectRows(rows, pgx.RowToStructByPos[Device])
}

// MemberDevices lists a member's devices for an admin of the member's cell
// (who outranks the member: see dominates).
func MemberDevices(ctx context.Context, q db.Querier, a *Actor, memberID int64) ([]Device, error) {
	_, _, accountID, err := manageMemberAccount(ctx, q, a, memberID, RoleAdmin)
	if err != nil {
		return nil, err
	}
	if accountID == 0 {
		return []Device{}, nil
	}
	return ListDevices(ctx, q, accountID, uuid.Nil)
}

// RevokeDevice signs a device out. The account's owner may sign out their
// own devices; an admin who may manage the account (see manageAccount) may
// sign out anyone's and, with wipe, order the device to erase its local copy
// at its next contact.
func RevokeDevice(ctx context.Context, q db.Querier, a *Actor, sessionID uuid.UUID, wipe bool) error {
	var accountID int64
	err := q.QueryRow(ctx, `SELECT account_id FROM sessions WHERE id = $1`, sessionID).Scan(&accountID)
	if err != nil {
		return db.Translate(err, "thiết bị")
	}
	own := accountID == a.AccountID
	if !own {
		if err := manageAccount(ctx, q, a, accountID); err != nil {
			if db.KindOf(err) == db.KindNotFound {
				return db.NotFound("not_found", "Không tìm thấy thiết bị.")
			}
			return err
		}
	}
	reason := "revoked"
	if own {
		reason = "signed_out"
	}
	if err := revokeSessions(ctx, q, sessionScope{Only: sessionID}, reason, wipe); err != nil {
		return err
	}
	if own && !wipe {
		return nil // signing out one's own device is not an admin write
	}
	return Audit(ctx, q, a, "device.revoke", "session", sessionID.String(), map[string]any{"wipe": wipe, "account_id": accountID})
}
