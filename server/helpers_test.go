package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"sotay/content"
	"sotay/content/blob"
	"sotay/db"
	"sotay/db/dbtest"
	"sotay/server"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// world is a small province with one person of each kind, signed in:
//
//	P (province)
//	├── A (commune) ── G (grassroots) ──┬── C1 (cell): member m1, secretary s1
//	│                                    └── C2 (cell): member m2
//	└── B (commune) ── C3 (cell): member m3
//
// editorA is committee staff with an editor grant on A; admin has admin on P.
type world struct {
	t                       testing.TB
	pool                    *pgxpool.Pool
	url                     string
	P, A, B, G, C1, C2, C3  content.Unit
	m1, s1, m2, m3          content.Member
	tokM1, tokS1, tokM3     string
	tokEditorA, tokAdmin    string
	tokViewerB              string
	revocations             *content.Revocations
	memberRefresh, memberID string
	blobs                   *blob.Store
}

const pw = "mat-khau-123"

func newWorld(t testing.TB) *world {
	t.Helper()
	ctx := context.Background()
	pool := dbtest.New(t)
	w := &world{t: t, pool: pool}
	unit := func(parent *content.Unit, kind content.UnitKind, code, name string) content.Unit {
		var pid *int64
		if parent != nil {
			pid = &parent.ID
		}
		u, err := content.CreateUnit(ctx, pool, nil, content.NewUnit{ParentID: pid, Kind: kind, Code: code, Name: name})
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	w.P = unit(nil, content.KindProvince, "P", "Đảng bộ tỉnh")
	w.A = unit(&w.P, content.KindCommune, "A", "Đảng bộ xã A")
	w.B = unit(&w.P, content.KindCommune, "B", "Đảng bộ xã B")
	w.G = unit(&w.A, content.KindGrassroots, "G", "Đảng bộ cơ sở G")
	w.C1 = unit(&w.G, content.KindCell, "C1", "Chi bộ thôn 1")
	w.C2 = unit(&w.G, content.KindCell, "C2", "Chi bộ thôn 2")
	w.C3 = unit(&w.B, content.KindCell, "C3", "Chi bộ thôn 3")

	staff := func(login string, u content.Unit, role content.Role) {
		if _, err := content.CreateStaffAccount(ctx, pool, login, pw, u.ID, role); err != nil {
			t.Fatal(err)
		}
	}
	staff("admin", w.P, content.RoleAdmin)
	staff("bientap.a", w.A, content.RoleEditor)
	staff("xem.b", w.B, content.RoleViewer)
	var adminID int64
	if err := pool.QueryRow(ctx, `SELECT id FROM accounts WHERE login = 'admin'`).Scan(&adminID); err != nil {
		t.Fatal(err)
	}
	admin, err := content.LoadActor(ctx, pool, adminID, [16]byte{}, "test")
	if err != nil {
		t.Fatal(err)
	}
	member := func(card, name string, cell content.Unit) content.Member {
		m, err := content.CreateMember(ctx, pool, admin, content.MemberInput{CardNumber: card, FullName: name, Status: content.StatusFull, CellID: cell.ID})
		if err != nil {
			t.Fatal(err)
		}
		code, _, err := content.IssueActivationCode(ctx, pool, admin, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		signer, _ := content.LoadSigner(ctx, pool)
		acc := &content.Accounts{Pool: pool, Signer: signer}
		if _, err := acc.Activate(ctx, card, code, pw, content.DeviceInfo{Name: "seed"}, "test"); err != nil {
			t.Fatal(err)
		}
		return m
	}
	w.m1 = member("10000001", "Nguyễn Văn Một", w.C1)
	w.s1 = member("10000002", "Trần Thị Hai", w.C1)
	w.m2 = member("10000003", "Lê Văn Ba", w.C2)
	w.m3 = member("10000004", "Phạm Thị Bốn", w.C3)
	if _, err := content.AssignPosition(ctx, pool, admin, w.s1.ID, w.C1.ID, "secretary"); err != nil {
		t.Fatal(err)
	}

	signer, err := content.LoadSigner(ctx, pool)
	if err != nil {
		t.Fatal(err)
	}
	w.revocations = content.NewRevocations()
	blobs, err := blob.Open(t.TempDir())
	w.blobs = blobs
	if err != nil {
		t.Fatal(err)
	}
	srv := server.New(server.Deps{Pool: pool, Signer: signer, Revocations: w.revocations, Blobs: blobs,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	w.url = hs.URL

	w.tokM1 = w.login("10000001")
	w.tokS1 = w.login("10000002")
	w.tokM3 = w.login("10000004")
	w.tokEditorA = w.login("bientap.a")
	w.tokAdmin = w.login("admin")
	w.tokViewerB = w.login("xem.b")
	return w
}

func (w *world) login(login string) string {
	w.t.Helper()
	var tok content.Tokens
	w.do("POST", "/api/v1/auth/login", "", map[string]any{"login": login, "password": pw, "device": map[string]string{"name": "test"}}, 200, &tok)
	return tok.AccessToken
}

// do sends a JSON request and checks the status; out, when not nil, receives the body.
func (w *world) do(method, path, token string, body any, want int, out any) []byte {
	w.t.Helper()
	var rd io.Reader
	if b, ok := body.([]byte); ok {
		rd = bytes.NewReader(b)
	} else if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, w.url+path, rd)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		w.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		w.t.Fatalf("%s %s: status %d, want %d: %s", method, path, resp.StatusCode, want, b)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			w.t.Fatalf("%s %s: decode %s: %v", method, path, b, err)
		}
	}
	return b
}

// errorCode extracts error.code from an error body.
func errorCode(b []byte) string {
	var e struct {
		Error struct{ Code, Message, Field string }
	}
	json.Unmarshal(b, &e)
	return e.Error.Code
}

func (w *world) tx(fn func(tx pgx.Tx) error) {
	w.t.Helper()
	if err := db.Transact(context.Background(), w.pool, fn); err != nil {
		w.t.Fatal(err)
	}
}

// doStatus sends a GET and returns the status, decoding a 200 body into out.
func (w *world) doStatus(method, path, token string, out any) int {
	w.t.Helper()
	req, _ := http.NewRequest(method, w.url+path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		w.t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == 200 && out != nil {
		json.NewDecoder(resp.Body).Decode(out)
	}
	return resp.StatusCode
}
