package content

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"sotay/db"
)

// Accounts signs people in: passwords, activation codes, device sessions and
// their rotating refresh tokens.
type Accounts struct {
	Pool   *pgxpool.Pool
	Signer *Signer
	Now    func() time.Time // time.Now when nil
}

func (s *Accounts) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// loginKey is how a typed login is looked up: staff login names, card numbers and phones.
type loginKey struct{ name, card, phone string }

func parseLogin(s string) (loginKey, error) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 100 {
		return loginKey{}, db.Invalid("login", "login_required", "Vui lòng nhập số thẻ đảng viên hoặc số điện thoại.")
	}
	digits := strings.Map(func(r rune) rune {
		if r == ' ' || r == '.' || r == '+' || r == '-' {
			return -1
		}
		return r
	}, s)
	if !allDigits(digits) {
		return loginKey{name: strings.ToLower(s)}, nil
	}
	// The same digits may be a card number or a phone: look up both, written
	// however people write them (spaces, dots, dashes, +84).
	k := loginKey{card: digits}
	if p, err := ParsePhone(s); err == nil {
		k.phone = p
	}
	return k, nil
}

func (k loginKey) String() string {
	if k.name != "" {
		return k.name
	}
	return k.card
}

type accountRow struct {
	id, memberID int64
	hash         *string
	usable       bool // not disabled, and the member (if any) is active
}

const findAccountSQL = `
SELECT a.id, coalesce(a.member_id, 0), a.password_hash,
       a.disabled_at IS NULL AND (a.member_id IS NULL OR m.state = 'active')
FROM accounts a LEFT JOIN members m ON m.id = a.member_id
WHERE ($1 <> '' AND a.login = $1) OR ($2 <> '' AND m.card_number = $2) OR ($3 <> '' AND m.phone = $3)
ORDER BY (m.card_number = $2) DESC NULLS LAST
LIMIT 1`

func findAccount(ctx context.Context, q db.Querier, k loginKey) (accountRow, bool, error) {
	var r accountRow
	err := q.QueryRow(ctx, findAccountSQL, k.name, k.card, k.phone).Scan(&r.id, &r.memberID, &r.hash, &r.usable)
	if errors.Is(err, pgx.ErrNoRows) {
		return r, false, nil
	}
	if err != nil {
		return r, false, fmt.Errorf("content: find account: %w", err)
	}
	return r, true, nil
}

// who names the account for rate limiting: its id when it exists, or the
// login as typed (normalised) when it does not.
func (k loginKey) who(acc accountRow, found bool) string {
	if found {
		return fmt.Sprint(acc.id)
	}
	return "login:" + k.String()
}

// errBadCredentials is the one answer to a wrong login, a wrong password and
// an account not yet activated alike: which phones and cards belong to
// members is nobody's business.
var errBadCredentials = db.Unauthorized("invalid_credentials",
	"Số thẻ/số điện thoại hoặc mật khẩu không đúng. Nếu chưa kích hoạt tài khoản, hãy dùng mã kích hoạt do bí thư chi bộ cấp.")

// dummyHash is checked against when the login is unknown, so an unknown
// login costs as long as a wrong password and reveals nothing.
var dummyHash, _ = HashPassword("sotay-no-such-account")

// Login signs in with a card number, phone or staff login and a password,
// and starts a session for the device.
func (s *Accounts) Login(ctx context.Context, login, password string, dev DeviceInfo, source string) (Tokens, error) {
	k, err := parseLogin(login)
	if err != nil {
		return Tokens{}, err
	}
	if password == "" {
		return Tokens{}, db.Invalid("password", "password_required", "Vui lòng nhập mật khẩu.")
	}
	acc, found, err := findAccount(ctx, s.Pool, k)
	if err != nil {
		return Tokens{}, err
	}
	at, err := s.beginAttempt(ctx, k.who(acc, found), source)
	if err != nil {
		return Tokens{}, err
	}
	hash := dummyHash
	if found && acc.hash != nil {
		hash = *acc.hash
	}
	ok, err := CheckPassword(hash, truncate(password, 200))
	if err != nil {
		return Tokens{}, err
	}
	if !found || acc.hash == nil || !ok {
		return Tokens{}, errBadCredentials
	}

	if !acc.usable {
		return Tokens{}, db.Forbidden("account_disabled", "Tài khoản đã bị khóa hoặc không còn hiệu lực.")
	}
	var t Tokens
	err = db.Transact(ctx, s.Pool, func(tx pgx.Tx) error {
		if err := at.succeeded(ctx, tx); err != nil {
			return err
		}
		t, err = startSession(ctx, tx, s.Signer, s.now(), acc.id, acc.memberID, dev, source)
		return err
	})
	return t, err
}

// Activate sets a member's first password with a one-time activation code
// and signs the device in.
func (s *Accounts) Activate(ctx context.Context, login, code, password string, dev DeviceInfo, source string) (Tokens, error) {
	k, err := parseLogin(login)
	if err != nil {
		return Tokens{}, err
	}
	if err := ValidatePassword(password); err != nil {
		return Tokens{}, err
	}
	acc, found, err := findAccount(ctx, s.Pool, k)
	if err != nil {
		return Tokens{}, err
	}
	at, err := s.beginAttempt(ctx, k.who(acc, found), source)
	if err != nil {
		return Tokens{}, err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return Tokens{}, err
	}
	var t Tokens
	var bad bool
	err = db.Transact(ctx, s.Pool, func(tx pgx.Tx) error {
		bad = false
		var used bool
		err := tx.QueryRow(ctx, `
			SELECT used_at IS NOT NULL FROM activation_codes
			WHERE code_hash = $1 AND account_id = $2 AND expires_at > now() FOR UPDATE`,
			HashActivationCode(code), acc.id).Scan(&used)
		if errors.Is(err, pgx.ErrNoRows) || used || !found {
			bad = true
			return nil
		}
		if err != nil {
			return err
		}
		if !acc.usable {
			return db.Forbidden("account_disabled", "Tài khoản đã bị khóa hoặc không còn hiệu lực.")
		}
		if _, err := tx.Exec(ctx, `UPDATE activation_codes SET used_at = now() WHERE code_hash = $1`, HashActivationCode(code)); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE accounts SET password_hash = $2, password_changed_at = now() WHERE id = $1`, acc.id, hash); err != nil {
			return err
		}
		if err := at.succeeded(ctx, tx); err != nil {
			return err
		}
		t, err = startSession(ctx, tx, s.Signer, s.now(), acc.id, acc.memberID, dev, source)
		if err != nil {
			return err
		}
		// A code issued to an account that already had a password is a
		// reset (a forgotten password, a lost phone): the old devices go.
		if acc.hash != nil {
			return revokeSessions(ctx, tx, sessionScope{Account: acc.id, Except: t.SessionID}, "password_reset", false)
		}
		return nil
	})
	if err != nil {
		return Tokens{}, err
	}
	if bad {
		return Tokens{}, db.Unauthorized("invalid_activation_code", "Mã kích hoạt không đúng, đã dùng hoặc đã hết hạn. Hãy xin bí thư chi bộ cấp mã mới.")
	}
	return t, nil
}

// Refresh trades a refresh token for a new pair. A refresh token works once:
// presenting one that was already used means it was copied, so the whole
// session is revoked and both holders must sign in again.
func (s *Accounts) Refresh(ctx context.Context, refreshToken, source string) (Tokens, error) {
	if !strings.HasPrefix(refreshToken, "rt1.") || len(refreshToken) > 100 {
		return Tokens{}, db.Unauthorized("invalid_refresh_token", "Phiên đăng nhập không hợp lệ. Vui lòng đăng nhập lại.")
	}
	var t Tokens
	var outcome error
	err := db.Transact(ctx, s.Pool, func(tx pgx.Tx) error {
		outcome = nil
		var (
			sessionID           [16]byte
			used, expired       bool
			revoked, wipe       bool
			accountID, memberID int64
			usable              bool
		)
		err := tx.QueryRow(ctx, `
			SELECT rt.session_id, rt.used_at IS NOT NULL, rt.expires_at <= now(),
			       s.revoked_at IS NOT NULL, s.wipe_requested_at IS NOT NULL, s.account_id, coalesce(a.member_id, 0),
			       a.disabled_at IS NULL AND (a.member_id IS NULL OR m.state = 'active')
			FROM refresh_tokens rt
			JOIN sessions s ON s.id = rt.session_id
			JOIN accounts a ON a.id = s.account_id
			LEFT JOIN members m ON m.id = a.member_id
			WHERE rt.hash = $1
			FOR UPDATE OF rt, s`, hashToken(refreshToken)).Scan(
			&sessionID, &used, &expired, &revoked, &wipe, &accountID, &memberID, &usable)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			outcome = db.Unauthorized("invalid_refresh_token", "Phiên đăng nhập không hợp lệ. Vui lòng đăng nhập lại.")
			return nil
		case err != nil:
			return err
		case wipe:
			outcome = ErrDeviceWiped
			return nil
		case revoked:
			outcome = ErrSessionRevoked
			return nil
		case used:
			if err := revokeSessions(ctx, tx, sessionScope{Only: sessionID}, "refresh_reused", false); err != nil {
				return err
			}
			outcome = db.Unauthorized("refresh_reused", "Phiên đăng nhập đã bị thu hồi vì mã làm mới bị dùng lại. Vui lòng đăng nhập lại.")
			return nil
		case expired:
			outcome = db.Unauthorized("refresh_expired", "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.")
			return nil
		case !usable:
			outcome = db.Forbidden("account_disabled", "Tài khoản đã bị khóa hoặc không còn hiệu lực.")
			return nil
		}
		if _, err := tx.Exec(ctx, `UPDATE refresh_tokens SET used_at = now() WHERE hash = $1`, hashToken(refreshToken)); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE sessions SET last_seen_at = now(), last_ip = $2 WHERE id = $1`, sessionID, source); err != nil {
			return err
		}
		t, err = issueTokens(ctx, tx, s.Signer, s.now(), sessionID, accountID, memberID)
		return err
	})
	if err != nil {
		return Tokens{}, err
	}
	if outcome != nil {
		return Tokens{}, outcome
	}
	return t, nil
}

// ErrSessionRevoked and ErrDeviceWiped answer a request from a signed-out
// device. A wiped device must erase its local copy (the SDK does).
var (
	ErrSessionRevoked = db.Unauthorized("session_revoked", "Thiết bị này đã bị đăng xuất. Vui lòng đăng nhập lại.")
	ErrDeviceWiped    = db.Unauthorized("device_wiped", "Thiết bị này đã bị thu hồi; dữ liệu trên máy sẽ được xóa.")
)

// IssueActivationCode gives a member a one-time code (valid ActivationTTL)
// with which they set their password; earlier unused codes stop working. It
// creates the member's account on first use. The actor needs RoleEditor on
// the member's cell (a cell's secretary, or an admin above).
func IssueActivationCode(ctx context.Context, q db.Querier, a *Actor, memberID int64) (code string, expires time.Time, err error) {
	if _, _, _, err := manageMemberAccount(ctx, q, a, memberID, RoleEditor); err != nil {
		return "", time.Time{}, err
	}
	var accountID int64
	if err := q.QueryRow(ctx, `
		INSERT INTO accounts (member_id) VALUES ($1)
		ON CONFLICT (member_id) DO UPDATE SET member_id = excluded.member_id
		RETURNING id`, memberID).Scan(&accountID); err != nil {
		return "", time.Time{}, fmt.Errorf("content: account for member %d: %w", memberID, err)
	}
	if _, err := q.Exec(ctx, `UPDATE activation_codes SET expires_at = least(expires_at, now()) WHERE account_id = $1 AND used_at IS NULL`, accountID); err != nil {
		return "", time.Time{}, fmt.Errorf("content: expire old codes: %w", err)
	}
	code = NewActivationCode()
	if err := q.QueryRow(ctx, `
		INSERT INTO activation_codes (code_hash, account_id, issued_by, expires_at) VALUES ($1, $2, $3, now() + $4::interval)
		RETURNING expires_at`, HashActivationCode(code), accountID, a.AccountID, ActivationTTL).Scan(&expires); err != nil {
		return "", time.Time{}, fmt.Errorf("content: activation code: %w", err)
	}
	if err := Audit(ctx, q, a, "account.activation_code", "member", fmt.Sprint(memberID), nil); err != nil {
		return "", time.Time{}, err
	}
	return code, expires, nil
}

// CreateStaffAccount creates (or resets the password of) a staff account
// with a login name and grants it role on a unit. It is what
// `sotay account create-admin` runs, so it writes the audit entry as the CLI.
func CreateStaffAccount(ctx context.Context, q db.Querier, login, password string, unitID int64, role Role) (int64, error) {
	login = strings.ToLower(strings.TrimSpace(login))
	if len(login) < 3 || len(login) > 64 || allDigits(login) {
		return 0, db.Invalid("login", "invalid_login", "Tên đăng nhập gồm 3–64 chữ thường, số, dấu chấm, gạch ngang (không được chỉ có số).")
	}
	if err := ValidatePassword(password); err != nil {
		return 0, err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return 0, err
	}
	var id int64
	err = q.QueryRow(ctx, `
		INSERT INTO accounts (login, password_hash, password_changed_at) VALUES ($1, $2, now())
		ON CONFLICT (login) DO UPDATE SET password_hash = excluded.password_hash, password_changed_at = now(), disabled_at = NULL
		RETURNING id`, login, hash).Scan(&id)
	if err != nil {
		return 0, db.Translate(err, "tài khoản "+login)
	}
	// A reset password signs out every device that knew the old one.
	if err := revokeSessions(ctx, q, sessionScope{Account: id}, "password_reset", false); err != nil {
		return 0, err
	}
	if err := SetGrant(ctx, q, nil, id, unitID, role); err != nil {
		return 0, err
	}
	return id, Audit(ctx, q, nil, "account.create_staff", "account", fmt.Sprint(id), map[string]any{"login": login, "unit_id": unitID, "role": role})
}

// DisableAccount locks an account and signs out all its devices. The actor
// must be able to manage the account (see manageAccount).
func DisableAccount(ctx context.Context, q db.Querier, a *Actor, accountID int64) error {
	if err := manageAccount(ctx, q, a, accountID); err != nil {
		return err
	}
	if _, err := q.Exec(ctx, `UPDATE accounts SET disabled_at = coalesce(disabled_at, now()) WHERE id = $1`, accountID); err != nil {
		return fmt.Errorf("content: disable account: %w", err)
	}
	if err := revokeSessions(ctx, q, sessionScope{Account: accountID}, "account_disabled", false); err != nil {
		return err
	}
	return Audit(ctx, q, a, "account.disable", "account", fmt.Sprint(accountID), nil)
}

// ChangePassword sets a new password for a signed-in account after checking
// the current one, and signs out every other device of the account (a
// changed password usually means a worry about one of them).
func (s *Accounts) ChangePassword(ctx context.Context, accountID int64, session [16]byte, current, next, source string) error {
	if err := ValidatePassword(next); err != nil {
		return err
	}
	at, err := s.beginAttempt(ctx, fmt.Sprint(accountID), source)
	if err != nil {
		return err
	}
	var hash *string
	if err := s.Pool.QueryRow(ctx, `SELECT password_hash FROM accounts WHERE id = $1 AND disabled_at IS NULL`, accountID).Scan(&hash); err != nil {
		return db.Translate(err, "tài khoản")
	}
	ok := false
	if hash != nil {
		var err error
		if ok, err = CheckPassword(*hash, truncate(current, 200)); err != nil {
			return err
		}
	}
	if !ok {
		return db.Invalid("current_password", "wrong_password", "Mật khẩu hiện tại không đúng.")
	}
	newHash, err := HashPassword(next)
	if err != nil {
		return err
	}
	return db.Transact(ctx, s.Pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE accounts SET password_hash = $2, password_changed_at = now() WHERE id = $1`, accountID, newHash); err != nil {
			return err
		}
		if err := at.succeeded(ctx, tx); err != nil {
			return err
		}
		return revokeSessions(ctx, tx, sessionScope{Account: accountID, Except: session}, "password_changed", false)
	})
}
