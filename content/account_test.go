package content_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"sotay/content"
	"sotay/db"
	"sotay/db/dbtest"
)

type acctFixture struct {
	pool     *pgxpool.Pool
	accounts *content.Accounts
	admin    *content.Actor
	cell     content.Unit
	member   content.Member
}

func newAcctFixture(t *testing.T) *acctFixture {
	t.Helper()
	ctx := context.Background()
	pool := dbtest.New(t)
	signer, err := content.LoadSigner(ctx, pool)
	if err != nil {
		t.Fatal(err)
	}
	f := &acctFixture{pool: pool, accounts: &content.Accounts{Pool: pool, Signer: signer}}
	root := mustUnit(t, pool, nil, content.KindProvince, "P", "Đảng bộ tỉnh")
	f.cell = mustUnit(t, pool, &root.ID, content.KindCell, "C1", "Chi bộ thôn Đông")
	adminID, err := content.CreateStaffAccount(ctx, pool, "admin", "mat-khau-admin", root.ID, content.RoleAdmin)
	if err != nil {
		t.Fatal(err)
	}
	f.admin, err = content.LoadActor(ctx, pool, adminID, [16]byte{}, "127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	phone := "0912345678"
	f.member, err = content.CreateMember(ctx, pool, f.admin, content.MemberInput{
		CardNumber: "12.345.678", FullName: "Nguyễn Văn An", Phone: &phone, Status: content.StatusFull, CellID: f.cell.ID})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func mustUnit(t *testing.T, q db.Querier, parent *int64, kind content.UnitKind, code, name string) content.Unit {
	t.Helper()
	u, err := content.CreateUnit(context.Background(), q, nil, content.NewUnit{ParentID: parent, Kind: kind, Code: code, Name: name})
	if err != nil {
		t.Fatalf("create unit %s: %v", code, err)
	}
	return u
}

func (f *acctFixture) activate(t *testing.T) content.Tokens {
	t.Helper()
	ctx := context.Background()
	code, _, err := content.IssueActivationCode(ctx, f.pool, f.admin, f.member.ID)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := f.accounts.Activate(ctx, "12345678", strings.ToLower(code), "mat-khau-moi", content.DeviceInfo{Name: "Điện thoại"}, "10.0.0.1")
	if err != nil {
		t.Fatalf("activate: %v", err)
	}
	return tok
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	var e *db.Error
	if !errors.As(err, &e) || e.Code != code {
		t.Fatalf("err = %v, want code %q", err, code)
	}
}

func TestActivationCodeIsSingleUseAndReplaced(t *testing.T) {
	f := newAcctFixture(t)
	ctx := context.Background()
	dev := content.DeviceInfo{Name: "A"}
	if _, err := f.accounts.Login(ctx, "12345678", "bat-ky", dev, "10.0.0.1"); err == nil {
		t.Fatal("login before activation succeeded")
	}
	old, _, _ := content.IssueActivationCode(ctx, f.pool, f.admin, f.member.ID)
	code, exp, err := content.IssueActivationCode(ctx, f.pool, f.admin, f.member.ID)
	if err != nil || time.Until(exp) < 6*24*time.Hour {
		t.Fatalf("code expiry %v, err %v", exp, err)
	}
	_, err = f.accounts.Activate(ctx, "12345678", old, "mat-khau-moi", dev, "10.0.0.1")
	wantCode(t, err, "invalid_activation_code")
	_, err = f.accounts.Activate(ctx, "12345678", code, "ngan", dev, "10.0.0.1")
	wantCode(t, err, "weak_password")
	if _, err := f.accounts.Activate(ctx, "0912 345 678", code, "mat-khau-moi", dev, "10.0.0.1"); err != nil {
		t.Fatalf("activate by phone: %v", err)
	}
	_, err = f.accounts.Activate(ctx, "12345678", code, "mat-khau-khac", dev, "10.0.0.1")
	wantCode(t, err, "invalid_activation_code")
	if _, err := f.accounts.Login(ctx, "12.345.678", "mat-khau-moi", dev, "10.0.0.1"); err != nil {
		t.Fatalf("login by card number: %v", err)
	}
	if _, err := f.accounts.Login(ctx, "+84912345678", "mat-khau-moi", dev, "10.0.0.1"); err != nil {
		t.Fatalf("login by phone: %v", err)
	}
}

func TestActivationCodeExpires(t *testing.T) {
	f := newAcctFixture(t)
	ctx := context.Background()
	code, _, _ := content.IssueActivationCode(ctx, f.pool, f.admin, f.member.ID)
	f.pool.Exec(ctx, `UPDATE activation_codes SET expires_at = now() - interval '1 second'`)
	_, err := f.accounts.Activate(ctx, "12345678", code, "mat-khau-moi", content.DeviceInfo{}, "10.0.0.1")
	wantCode(t, err, "invalid_activation_code")
}

func TestLoginRateLimitPerAccountAndSource(t *testing.T) {
	f := newAcctFixture(t)
	f.activate(t)
	ctx := context.Background()
	login := func(pw, source string) error {
		_, err := f.accounts.Login(ctx, "12345678", pw, content.DeviceInfo{}, source)
		return err
	}
	for i := 0; i < content.MaxFailuresPerLogin; i++ {
		wantCode(t, login("sai-mat-khau", "10.0.0.2"), "invalid_credentials")
	}
	err := login("mat-khau-moi", "10.0.0.2")
	wantCode(t, err, "too_many_attempts")
	var e *db.Error
	errors.As(err, &e)
	if !strings.Contains(e.Message, "thử lại sau 15 phút") || e.RetryAfter <= 14*time.Minute {
		t.Fatalf("message %q retry %v", e.Message, e.RetryAfter)
	}
	// The guesser's address is locked; the member, elsewhere, is not.
	if err := login("mat-khau-moi", "10.0.0.3"); err != nil {
		t.Fatalf("the member from their own address: %v", err)
	}
	// Guesses from many addresses lock the account everywhere at the looser limit.
	for i := 0; i < content.MaxFailuresAnywhere; i++ {
		login("sai-mat-khau", fmt.Sprintf("10.1.%d.%d", i/4, i%4))
	}
	wantCode(t, login("mat-khau-moi", "10.0.0.3"), "too_many_attempts")
	// Once the window has passed the right password works again.
	f.pool.Exec(ctx, `UPDATE sign_in_attempts SET at = at - interval '16 minutes'`)
	if err := login("mat-khau-moi", "10.0.0.3"); err != nil {
		t.Fatalf("login after window: %v", err)
	}
	// Per source: many different unknown logins from one address.
	for i := 0; i < content.MaxFailuresPerSource; i++ {
		f.accounts.Login(ctx, fmt.Sprintf("staff-%d", i), "x", content.DeviceInfo{}, "10.9.9.9")
	}
	wantCode(t, login("mat-khau-moi", "10.9.9.9"), "too_many_attempts")
}

// TestParallelGuessesAreCounted: forty wrong passwords at once get the five
// tries of the limit, not forty.
func TestParallelGuessesAreCounted(t *testing.T) {
	f := newAcctFixture(t)
	f.activate(t)
	ctx := context.Background()
	results := make(chan error, 40)
	for i := 0; i < 40; i++ {
		go func() {
			_, err := f.accounts.Login(ctx, "12345678", "sai-mat-khau", content.DeviceInfo{}, "10.0.0.66")
			results <- err
		}()
	}
	checked := 0
	for i := 0; i < 40; i++ {
		var e *db.Error
		if err := <-results; errors.As(err, &e) && e.Code == "invalid_credentials" {
			checked++
		} else if e == nil || e.Code != "too_many_attempts" {
			t.Fatalf("unexpected %v", err)
		}
	}
	// Possibly none: every guess may see five others in flight and stop.
	if checked > content.MaxFailuresPerLogin {
		t.Fatalf("%d passwords were checked; the limit is %d", checked, content.MaxFailuresPerLogin)
	}
}

func TestRefreshRotatesAndReuseRevokesSession(t *testing.T) {
	f := newAcctFixture(t)
	ctx := context.Background()
	t1 := f.activate(t)
	t2, err := f.accounts.Refresh(ctx, t1.RefreshToken, "10.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	if t2.RefreshToken == t1.RefreshToken || t2.SessionID != t1.SessionID {
		t.Fatal("refresh did not rotate within the same session")
	}
	t3, err := f.accounts.Refresh(ctx, t2.RefreshToken, "10.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	// A thief replays the first token: the session dies, for the thief and the owner.
	_, err = f.accounts.Refresh(ctx, t1.RefreshToken, "10.6.6.6")
	wantCode(t, err, "refresh_reused")
	_, err = f.accounts.Refresh(ctx, t3.RefreshToken, "10.0.0.1")
	wantCode(t, err, "session_revoked")

	rev := content.NewRevocations()
	if err := rev.Load(ctx, f.pool); err != nil {
		t.Fatal(err)
	}
	if err := rev.Check(t3.SessionID); !errors.Is(err, content.ErrSessionRevoked) {
		t.Fatalf("revocations.Check = %v", err)
	}
	_, err = f.accounts.Refresh(ctx, "rt1.forged", "10.0.0.1")
	wantCode(t, err, "invalid_refresh_token")
}

func TestRevocationReachesAnotherProcessAndWipe(t *testing.T) {
	f := newAcctFixture(t)
	ctx := context.Background()
	tok := f.activate(t)
	other := content.NewRevocations() // another serve process's view
	if err := other.Load(ctx, f.pool); err != nil {
		t.Fatal(err)
	}
	if err := other.Check(tok.SessionID); err != nil {
		t.Fatalf("fresh session revoked: %v", err)
	}
	devs, err := content.MemberDevices(ctx, f.pool, f.admin, f.member.ID)
	if err != nil || len(devs) != 1 || devs[0].Name != "Điện thoại" {
		t.Fatalf("devices %+v err %v", devs, err)
	}
	if err := content.RevokeDevice(ctx, f.pool, f.admin, tok.SessionID, true); err != nil {
		t.Fatal(err)
	}
	if err := other.Load(ctx, f.pool); err != nil {
		t.Fatal(err)
	}
	if err := other.Check(tok.SessionID); !errors.Is(err, content.ErrDeviceWiped) {
		t.Fatalf("after wipe, Check = %v", err)
	}
	_, err = f.accounts.Refresh(ctx, tok.RefreshToken, "10.0.0.1")
	wantCode(t, err, "device_wiped")
	log, _ := content.ListAudit(ctx, f.pool, f.admin, content.AuditFilter{ObjectType: "session", ObjectID: tok.SessionID.String()})
	if len(log) != 1 || log[0].Action != "device.revoke" {
		t.Fatalf("audit %+v", log)
	}
}

func TestExpelledMemberLosesAccess(t *testing.T) {
	f := newAcctFixture(t)
	ctx := context.Background()
	tok := f.activate(t)
	err := db.Transact(ctx, f.pool, func(tx pgx.Tx) error {
		_, err := content.SetMemberState(ctx, tx, f.admin, f.member.ID, content.StateExpelled, "kỷ luật khai trừ")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	rev := content.NewRevocations()
	rev.Load(ctx, f.pool)
	if err := rev.Check(tok.SessionID); err == nil {
		t.Fatal("expelled member's session still valid")
	}
	_, err = f.accounts.Login(ctx, "12345678", "mat-khau-moi", content.DeviceInfo{}, "10.0.0.1")
	wantCode(t, err, "account_disabled")
	if _, err := content.LoadActor(ctx, f.pool, tok.AccountID, tok.SessionID, ""); err == nil {
		t.Fatal("LoadActor of an expelled member succeeded")
	}
}

func TestAccessTokenSignedAndExpiring(t *testing.T) {
	f := newAcctFixture(t)
	tok := f.activate(t)
	now := time.Now()
	c, err := f.accounts.Signer.Verify(tok.AccessToken, now)
	if err != nil || c.SessionID != tok.SessionID || c.MemberID != f.member.ID {
		t.Fatalf("verify: %+v %v", c, err)
	}
	_, err = f.accounts.Signer.Verify(tok.AccessToken, now.Add(content.AccessTTL+time.Second))
	wantCode(t, err, "token_expired")
	tampered := []byte(tok.AccessToken)
	tampered[10] ^= 1
	_, err = f.accounts.Signer.Verify(string(tampered), now)
	wantCode(t, err, "invalid_token")
}

func TestPurgeExpiredKeepsWhatChecksNeed(t *testing.T) {
	f := newAcctFixture(t)
	ctx := context.Background()
	t1 := f.activate(t)
	t2, err := f.accounts.Refresh(ctx, t1.RefreshToken, "10.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	f.accounts.Login(ctx, "12345678", "sai", content.DeviceInfo{}, "10.0.0.1")
	if n, err := content.PurgeExpired(ctx, f.pool); err != nil || n != 0 {
		t.Fatalf("fresh state purged: %d %v", n, err)
	}
	// The used token stays until it expires: reuse is still recognised.
	if _, err := f.accounts.Refresh(ctx, t1.RefreshToken, "10.0.0.1"); err == nil {
		t.Fatal("reuse not recognised")
	}
	f.pool.Exec(ctx, `UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE session_id = $1`, t2.SessionID)
	f.pool.Exec(ctx, `UPDATE sign_in_attempts SET at = now() - interval '2 days'`)
	n, err := content.PurgeExpired(ctx, f.pool)
	if err != nil || n < 3 {
		t.Fatalf("purged %d, err %v; want the 2 expired tokens and the old attempts", n, err)
	}
}

// TestWipeOfASignedOutDeviceStillReachesProcesses: an admin may order a wipe
// after the device was already signed out; other processes still learn it.
func TestWipeOfASignedOutDeviceStillReachesProcesses(t *testing.T) {
	f := newAcctFixture(t)
	ctx := context.Background()
	tok := f.activate(t)
	rev := content.NewRevocations()
	rev.Load(ctx, f.pool)
	if err := content.RevokeDevice(ctx, f.pool, f.admin, tok.SessionID, false); err != nil {
		t.Fatal(err)
	}
	rev.Load(ctx, f.pool)
	if err := rev.Check(tok.SessionID); !errors.Is(err, content.ErrSessionRevoked) {
		t.Fatalf("after sign-out: %v", err)
	}
	if err := content.RevokeDevice(ctx, f.pool, f.admin, tok.SessionID, true); err != nil {
		t.Fatal(err)
	}
	rev.Load(ctx, f.pool)
	if err := rev.Check(tok.SessionID); !errors.Is(err, content.ErrDeviceWiped) {
		t.Fatalf("after a later wipe: %v", err)
	}
}

func TestPasswordsMatchAcrossUnicodeForms(t *testing.T) {
	composed := "mật khẩu của tôi"
	decomposed := "ma\u0323\u0302t kha\u0302\u0309u cu\u0309a to\u0302i"
	h, err := content.HashPassword(decomposed)
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := content.CheckPassword(h, composed); !ok {
		t.Fatal("the same password typed in another Unicode form does not match")
	}
	if ok, _ := content.CheckPassword(h, "mat khau cua toi"); ok {
		t.Fatal("a password without its diacritics matched")
	}
}

func TestIPv6GuessesCountPerBlock(t *testing.T) {
	f := newAcctFixture(t)
	f.activate(t)
	ctx := context.Background()
	for i := 1; i <= content.MaxFailuresPerLogin; i++ {
		f.accounts.Login(ctx, "12345678", "sai-mat-khau", content.DeviceInfo{}, fmt.Sprintf("2001:db8:1:2::%x", i))
	}
	_, err := f.accounts.Login(ctx, "12345678", "mat-khau-moi", content.DeviceInfo{}, "2001:db8:1:2::99")
	wantCode(t, err, "too_many_attempts")
	if _, err := f.accounts.Login(ctx, "12345678", "mat-khau-moi", content.DeviceInfo{}, "2001:db8:1:3::1"); err != nil {
		t.Fatalf("another /64: %v", err)
	}
}
