package server_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"sotay/content"
)

func TestLoginRefreshReuseAndLogout(t *testing.T) {
	w := newWorld(t)
	var tok content.Tokens
	w.do("POST", "/api/v1/auth/login", "", map[string]any{"login": "10000001", "password": pw, "device": map[string]string{"name": "Redmi", "platform": "android"}}, 200, &tok)
	var me struct {
		Member   content.Member
		CellPath []content.Unit `json:"cell_path"`
	}
	w.do("GET", "/api/v1/me", tok.AccessToken, nil, 200, &me)
	if me.Member.ID != w.m1.ID || len(me.CellPath) != 4 || me.CellPath[3].ID != w.C1.ID {
		t.Fatalf("me = %+v", me)
	}
	var next content.Tokens
	w.do("POST", "/api/v1/auth/refresh", "", map[string]string{"refresh_token": tok.RefreshToken}, 200, &next)
	b := w.do("POST", "/api/v1/auth/refresh", "", map[string]string{"refresh_token": tok.RefreshToken}, 401, nil)
	if errorCode(b) != "refresh_reused" {
		t.Fatalf("reuse: %s", b)
	}
	// The reuse revoked the session: once this process reloads its list, the new access token fails too.
	w.revocations.Load(context.Background(), w.pool)
	b = w.do("GET", "/api/v1/me", next.AccessToken, nil, 401, nil)
	if errorCode(b) != "session_revoked" {
		t.Fatalf("access after reuse: %s", b)
	}

	other := w.login("10000001")
	var devs struct{ Devices []content.Device }
	w.do("GET", "/api/v1/auth/devices", other, nil, 200, &devs)
	if len(devs.Devices) < 1 || !devs.Devices[0].Current {
		t.Fatalf("devices %+v", devs)
	}
	w.do("POST", "/api/v1/auth/logout", other, nil, 204, nil)
	w.revocations.Load(context.Background(), w.pool)
	w.do("GET", "/api/v1/me", other, nil, 401, nil)
}

func TestLoginRateLimitedWithRetryAfter(t *testing.T) {
	w := newWorld(t)
	for i := 0; i < content.MaxFailuresPerLogin; i++ {
		b := w.do("POST", "/api/v1/auth/login", "", map[string]any{"login": "10000003", "password": "sai-roi-nhe"}, 401, nil)
		if errorCode(b) != "invalid_credentials" {
			t.Fatalf("attempt %d: %s", i, b)
		}
	}
	req, _ := http.NewRequest("POST", w.url+"/api/v1/auth/login", strings.NewReader(`{"login":"10000003","password":"`+pw+`"}`))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("status %d Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
}

func TestBadInputIsClearJSON(t *testing.T) {
	w := newWorld(t)
	cases := []struct {
		name, method, path, token string
		body                      any
		status                    int
		code                      string
	}{
		{"unknown field", "POST", "/api/v1/auth/login", "", []byte(`{"login":"x","password":"y","admin":true}`), 400, "unknown_field"},
		{"not json", "POST", "/api/v1/auth/login", "", []byte(`login=x`), 400, "bad_json"},
		{"two values", "POST", "/api/v1/auth/login", "", []byte(`{"login":"x"} {}`), 400, "bad_json"},
		{"wrong type", "POST", "/api/v1/auth/login", "", []byte(`{"login":5}`), 400, "bad_type"},
		{"invalid utf8", "POST", "/api/v1/auth/login", "", []byte("{\"login\":\"\xff\xfe\"}"), 400, "invalid_utf8"},
		{"too large", "POST", "/api/v1/auth/login", "", []byte(`{"login":"` + strings.Repeat("a", 2<<20) + `"}`), 413, "body_too_large"},
		{"empty", "POST", "/api/v1/auth/login", "", []byte(``), 400, "empty_body"},
		{"no token", "GET", "/api/v1/me", "", nil, 401, "unauthenticated"},
		{"forged token", "GET", "/api/v1/me", "v1.AAAA.BBBB", nil, 401, "invalid_token"},
		{"bad id", "GET", "/api/v1/members/abc", w.tokAdmin, nil, 400, "bad_id"},
		{"no route", "GET", "/api/v1/nothing", "", nil, 404, "no_route"},
		{"bad date", "POST", "/api/v1/members", w.tokAdmin, []byte(`{"card_number":"12345678","full_name":"A","status":"full","cell_id":1,"birth_date":"31/02/1970"}`), 400, "bad_json"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := w.do(c.method, c.path, c.token, c.body, c.status, nil)
			if errorCode(b) != c.code {
				t.Fatalf("code %q, want %q: %s", errorCode(b), c.code, b)
			}
			if !strings.Contains(string(b), `"message"`) {
				t.Fatalf("no message: %s", b)
			}
		})
	}
}

func TestActivationThroughAPI(t *testing.T) {
	w := newWorld(t)
	var created struct{ Member content.Member }
	w.do("POST", "/api/v1/members", w.tokAdmin, map[string]any{"card_number": "20000001", "full_name": "Đỗ Văn Năm",
		"status": "probationary", "cell_id": w.C1.ID, "joined_on": "2025-06-01", "phone": "0987 654 321"}, 201, &created)
	var code struct{ Code string }
	// The secretary of C1 issues the code; the secretary of nothing elsewhere cannot.
	w.do("POST", fmt.Sprintf("/api/v1/members/%d/activation-code", created.Member.ID), w.tokM3, nil, 404, nil)
	w.do("POST", fmt.Sprintf("/api/v1/members/%d/activation-code", created.Member.ID), w.tokS1, nil, 201, &code)
	var tok content.Tokens
	w.do("POST", "/api/v1/auth/activate", "", map[string]any{"login": "0987654321", "code": code.Code, "password": "mat-khau-rieng"}, 200, &tok)
	b := w.do("POST", "/api/v1/auth/activate", "", map[string]any{"login": "0987654321", "code": code.Code, "password": "mat-khau-khac"}, 401, nil)
	if errorCode(b) != "invalid_activation_code" {
		t.Fatalf("second use: %s", b)
	}
	w.do("GET", "/api/v1/me", tok.AccessToken, nil, 200, nil)
}

func TestAdminRevokesAndWipesDevice(t *testing.T) {
	w := newWorld(t)
	var devs struct{ Devices []content.Device }
	w.do("GET", fmt.Sprintf("/api/v1/members/%d/devices", w.m1.ID), w.tokAdmin, nil, 200, &devs)
	if len(devs.Devices) == 0 {
		t.Fatal("no devices")
	}
	w.do("GET", fmt.Sprintf("/api/v1/members/%d/devices", w.m1.ID), w.tokS1, nil, 403, nil)
	for _, d := range devs.Devices {
		w.do("POST", "/api/v1/devices/"+d.ID.String()+"/revoke", w.tokAdmin, map[string]bool{"wipe": true}, 204, nil)
	}
	w.revocations.Load(context.Background(), w.pool)
	b := w.do("GET", "/api/v1/me", w.tokM1, nil, 401, nil)
	if errorCode(b) != "device_wiped" {
		t.Fatalf("wiped device: %s", b)
	}
}

func TestExpelledMemberLosesAccessAtOnce(t *testing.T) {
	w := newWorld(t)
	w.do("GET", "/api/v1/me", w.tokM1, nil, 200, nil)
	w.do("POST", fmt.Sprintf("/api/v1/members/%d/state", w.m1.ID), w.tokAdmin, map[string]string{"state": "expelled", "reason": "khai trừ"}, 200, nil)
	w.revocations.Load(context.Background(), w.pool)
	// /auth/devices needs no database lookup of the account: only the revocation list refuses it.
	if b := w.do("GET", "/api/v1/auth/devices", w.tokM1, nil, 401, nil); errorCode(b) != "session_revoked" {
		t.Fatalf("expelled member's token: %s", b)
	}
	b := w.do("POST", "/api/v1/auth/login", "", map[string]any{"login": "10000001", "password": pw}, 403, nil)
	if errorCode(b) != "account_disabled" {
		t.Fatalf("login after expulsion: %s", b)
	}
}
