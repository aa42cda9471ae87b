package server_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"
	"time"

	"sotay/content"
	"sotay/content/blob"
	"sotay/server"
)

func TestChangePasswordSignsOtherDevicesOut(t *testing.T) {
	w := newWorld(t)
	other := w.login("10000001")
	b := w.do("POST", "/api/v1/auth/password", w.tokM1, map[string]string{"current_password": "sai", "new_password": "mat-khau-moi-1"}, 400, nil)
	if errorCode(b) != "wrong_password" {
		t.Fatalf("wrong current: %s", b)
	}
	w.do("POST", "/api/v1/auth/password", w.tokM1, map[string]string{"current_password": pw, "new_password": "mat-khau-moi-1"}, 204, nil)
	w.revocations.Load(context.Background(), w.pool)
	w.do("GET", "/api/v1/me", w.tokM1, nil, 200, nil)
	w.do("GET", "/api/v1/me", other, nil, 401, nil)
	w.do("POST", "/api/v1/auth/login", "", map[string]any{"login": "10000001", "password": pw}, 401, nil)
	w.do("POST", "/api/v1/auth/login", "", map[string]any{"login": "10000001", "password": "mat-khau-moi-1"}, 200, nil)
}

func TestResetWithActivationCodeSignsOldDevicesOut(t *testing.T) {
	w := newWorld(t)
	var code struct{ Code string }
	w.do("POST", fmt.Sprintf("/api/v1/members/%d/activation-code", w.m1.ID), w.tokS1, nil, 201, &code)
	w.do("POST", "/api/v1/auth/activate", "", map[string]any{"login": "10000001", "code": code.Code, "password": "quen-mat-khau"}, 200, nil)
	w.revocations.Load(context.Background(), w.pool)
	w.do("GET", "/api/v1/me", w.tokM1, nil, 401, nil)
}

func TestAuditRecordsAdminWrites(t *testing.T) {
	w := newWorld(t)
	var u struct{ Unit content.Unit }
	w.do("POST", "/api/v1/units", w.tokAdmin, map[string]any{"parent_id": w.G.ID, "kind": "cell", "code": "C9", "name": "Chi bộ mới"}, 201, &u)
	w.do("PATCH", fmt.Sprintf("/api/v1/units/%d", u.Unit.ID), w.tokAdmin, map[string]any{"name": "Chi bộ thôn 9", "parent_id": w.B.ID}, 200, nil)
	w.do("POST", fmt.Sprintf("/api/v1/members/%d/transfer", w.m2.ID), w.tokAdmin, map[string]any{"cell_id": u.Unit.ID, "reason": "chuyển nơi ở"}, 200, nil)
	var log struct{ Entries []content.AuditEntry }
	w.do("GET", fmt.Sprintf("/api/v1/audit?object_type=unit&object_id=%d", u.Unit.ID), w.tokAdmin, nil, 200, &log)
	actions := map[string]bool{}
	for _, e := range log.Entries {
		actions[e.Action] = true
		if e.AccountID == nil || e.Source == "" {
			t.Errorf("entry without who or where: %+v", e)
		}
	}
	for _, a := range []string{"unit.create", "unit.rename", "unit.move"} {
		if !actions[a] {
			t.Errorf("no %s in %v", a, actions)
		}
	}
	w.do("GET", fmt.Sprintf("/api/v1/audit?object_type=member&object_id=%d", w.m2.ID), w.tokAdmin, nil, 200, &log)
	if len(log.Entries) == 0 || log.Entries[0].Action != "member.transfer" {
		t.Fatalf("member log %+v", log.Entries)
	}
	w.do("GET", "/api/v1/audit", w.tokEditorA, nil, 403, nil)
}

// TestRevocationReachesAnotherServeProcess runs a second server on the same
// database with its background loops: a device revoked through the first is
// refused by the second within seconds, with no request-time lookup.
func TestRevocationReachesAnotherServeProcess(t *testing.T) {
	w := newWorld(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	signer, _ := content.LoadSigner(ctx, w.pool)
	rev := content.NewRevocations()
	if err := rev.Load(ctx, w.pool); err != nil {
		t.Fatal(err)
	}
	blobs, _ := blob.Open(t.TempDir())
	second := server.New(server.Deps{Pool: w.pool, Signer: signer, Revocations: rev, Blobs: blobs, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	second.StartBackground(ctx)
	hs := httptest.NewServer(second.Handler())
	defer hs.Close()
	w2 := *w
	w2.url = hs.URL
	w2.do("GET", "/api/v1/me", w.tokM3, nil, 200, nil)

	var devs struct{ Devices []content.Device }
	w.do("GET", fmt.Sprintf("/api/v1/members/%d/devices", w.m3.ID), w.tokAdmin, nil, 200, &devs)
	for _, d := range devs.Devices {
		w.do("POST", "/api/v1/devices/"+d.ID.String()+"/revoke", w.tokAdmin, map[string]bool{"wipe": false}, 204, nil)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		req := httptest.NewRequest("GET", "/api/v1/me", nil)
		req.Header.Set("Authorization", "Bearer "+w.tokM3)
		rec := httptest.NewRecorder()
		second.Handler().ServeHTTP(rec, req)
		if rec.Code == 401 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the second process still accepts a revoked device after 10 s")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestNoTakeoverFromBelow: a person with rights (a grant, a position) can be
// reset, locked out, signed out or expelled only by an admin above those
// rights: here a commune admin against a member of their commune who is the
// province's admin.
func TestNoTakeoverFromBelow(t *testing.T) {
	w := newWorld(t)
	// m2 (cell C2, commune A) becomes an admin of the whole province.
	var acc struct {
		AccountID int64 `json:"account_id"`
	}
	tokM2 := w.login("10000003")
	w.do("GET", "/api/v1/me", tokM2, nil, 200, &acc)
	w.do("PUT", "/api/v1/grants", w.tokAdmin, map[string]any{"account_id": acc.AccountID, "unit_id": w.P.ID, "role": "admin"}, 204, nil)
	// A commune admin of A.
	w.do("PUT", "/api/v1/grants", w.tokAdmin, map[string]any{"account_id": accountIDOf(w, w.tokEditorA), "unit_id": w.A.ID, "role": "admin"}, 204, nil)
	communeAdmin := w.login("bientap.a")
	for _, c := range []struct {
		method, path string
		body         any
	}{
		{"POST", fmt.Sprintf("/api/v1/members/%d/activation-code", w.m2.ID), nil},
		{"POST", fmt.Sprintf("/api/v1/accounts/%d/disable", acc.AccountID), nil},
		{"GET", fmt.Sprintf("/api/v1/members/%d/devices", w.m2.ID), nil},
		{"POST", fmt.Sprintf("/api/v1/members/%d/state", w.m2.ID), map[string]string{"state": "expelled", "reason": "x"}},
		{"POST", fmt.Sprintf("/api/v1/members/%d/transfer", w.m2.ID), map[string]any{"cell_id": w.C1.ID}},
		{"PATCH", fmt.Sprintf("/api/v1/members/%d", w.m2.ID), map[string]any{"card_number": "99999999", "full_name": "Lê Văn Ba", "status": "full"}},
		{"DELETE", "/api/v1/grants", map[string]any{"account_id": acc.AccountID, "unit_id": w.P.ID}},
	} {
		if b := w.do(c.method, c.path, communeAdmin, c.body, 403, nil); errorCode(b) != "outranked" && errorCode(b) != "forbidden" {
			t.Errorf("%s %s: %s", c.method, c.path, b)
		}
	}
	// The same commune admin manages an ordinary member of the commune.
	w.do("POST", fmt.Sprintf("/api/v1/members/%d/activation-code", w.m1.ID), communeAdmin, nil, 201, nil)
	// And the province admin manages m2.
	w.do("POST", fmt.Sprintf("/api/v1/members/%d/activation-code", w.m2.ID), w.tokAdmin, nil, 201, nil)
}

func accountIDOf(w *world, tok string) int64 {
	var me struct {
		AccountID int64 `json:"account_id"`
	}
	w.do("GET", "/api/v1/me", tok, nil, 200, &me)
	return me.AccountID
}

// TestBackgroundPublishesScheduledDocuments: a serve process's background
// loop publishes a document whose time has come.
func TestBackgroundPublishesScheduledDocuments(t *testing.T) {
	w := newWorld(t)
	var d content.Document
	w.do("POST", "/api/v1/documents", w.tokAdmin, map[string]any{"type": "bulletin", "title": "Bản tin hẹn giờ", "audience_unit_id": w.P.ID}, 201, &d)
	w.do("POST", fmt.Sprintf("/api/v1/documents/%d/publish", d.ID), w.tokAdmin, map[string]any{"at": time.Now().Add(time.Second)}, 200, &d)
	w.do("GET", fmt.Sprintf("/api/v1/documents/%d", d.ID), w.tokM3, nil, 404, nil)
	time.Sleep(1100 * time.Millisecond)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	signer, _ := content.LoadSigner(ctx, w.pool)
	blobs, _ := blob.Open(t.TempDir())
	server.New(server.Deps{Pool: w.pool, Signer: signer, Revocations: content.NewRevocations(), Blobs: blobs,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))}).StartBackground(ctx)
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		var got content.Document
		b := w.doStatus("GET", fmt.Sprintf("/api/v1/documents/%d", d.ID), w.tokM3, &got)
		if b == 200 && got.Status == content.StatusPublished {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("not published after 10 s (status %d %s)", b, got.Status)
		}
	}
}
