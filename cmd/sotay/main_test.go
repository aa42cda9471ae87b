package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"sotay/db"
	"sotay/db/dbtest"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// run runs one sotay command in-process with the given environment.
func run(t *testing.T, ctx context.Context, env map[string]string, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb syncBuffer
	dataDir := t.TempDir() // nothing a test runs writes into the source tree (./var)
	getenv := func(k string) string {
		if v, ok := env[k]; ok || k != "SOTAY_DATA_DIR" {
			return v
		}
		return dataDir
	}
	err = Run(ctx, Env{Args: args, Getenv: getenv, Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb})
	return out.String(), errb.String(), err
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestEveryCommandHasHelp(t *testing.T) {
	for _, c := range commands() {
		args := []string{c.name, "--help"}
		if c.name == "import" {
			args = []string{"import", "members", "--help"}
		}
		if c.name == "account" {
			args = []string{"account", "create-admin", "--help"}
		}
		_, stderr, _ := run(t, context.Background(), nil, "", args...)
		if !strings.Contains(stderr, "Usage: sotay") {
			t.Errorf("%s --help printed %q", c.name, stderr)
		}
	}
	out, _, err := run(t, context.Background(), nil, "", "version")
	if err != nil || !strings.HasPrefix(out, "sotay ") {
		t.Fatalf("version: %q %v", out, err)
	}
	if _, _, err := run(t, context.Background(), nil, "", "frobnicate"); err == nil {
		t.Fatal("unknown command accepted")
	}
}

func TestServeRefusesStaleSchemaUntilMigrated(t *testing.T) {
	env := map[string]string{"SOTAY_DATABASE_URL": dbtest.NewEmptyURL(t), "SOTAY_BLOB_DIR": t.TempDir()}
	ctx := context.Background()
	_, _, err := run(t, ctx, env, "", "serve", "--addr", "127.0.0.1:0")
	if err == nil || !strings.Contains(err.Error(), "sotay migrate") {
		t.Fatalf("serve on an empty database: %v", err)
	}
	out, _, err := run(t, ctx, env, "", "migrate")
	if err != nil || !strings.Contains(out, fmt.Sprintf("applied %d migration", db.SchemaVersion())) {
		t.Fatalf("migrate: %q %v", out, err)
	}
	out, _, err = run(t, ctx, env, "", "migrate")
	if err != nil || !strings.Contains(out, "applied 0 migration") {
		t.Fatalf("second migrate: %q %v", out, err)
	}
}

func mustConfig(t *testing.T, env map[string]string) Config {
	c, err := loadConfig(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestEndToEnd is the "done when", through the real binary's Run:
// seed a small province, import members from CSV (bad rows refused), create
// an admin, serve, activate a member, publish a document to a commune as its
// editor, read it as a member of a cell below, and not as a member elsewhere.
func TestEndToEnd(t *testing.T) {
	ctx := context.Background()
	env := map[string]string{"SOTAY_DATABASE_URL": dbtest.NewURL(t), "SOTAY_BLOB_DIR": t.TempDir(), "SOTAY_LOG_LEVEL": "warn", "SOTAY_DATA_DIR": t.TempDir()}
	out, _, err := run(t, ctx, env, "", "seed", "--communes", "3", "--grassroots", "4", "--cells", "12", "--members-per-cell", "5")
	if err != nil || !strings.Contains(out, "login admin") {
		t.Fatalf("seed: %q %v", out, err)
	}
	if _, _, err := run(t, ctx, env, "", "seed", "--cells", "12"); err == nil {
		t.Fatal("seeding twice was accepted")
	}

	var cellCode, otherCellCode string
	{
		d, err := openDatabase(ctx, mustConfig(t, env), io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		d.Pool.QueryRow(ctx, `SELECT code FROM units WHERE kind = 'cell' ORDER BY path LIMIT 1`).Scan(&cellCode)
		d.Pool.QueryRow(ctx, `SELECT c.code FROM units c WHERE c.kind = 'cell' AND subpath(c.path, 0, 2) <> (SELECT subpath(path, 0, 2) FROM units WHERE code = $1) ORDER BY c.path LIMIT 1`, cellCode).Scan(&otherCellCode)
		d.Close()
	}
	csvPath := filepath.Join(t.TempDir(), "members.csv")
	bad := "card_number,full_name,status,cell_code,phone\n" +
		"88000001,Nguyễn Văn Nhập,full," + cellCode + ",0911000001\n" +
		"88000002,Trần Thị Khác,full," + otherCellCode + ",0911000002\n" +
		"12,Sai Số Thẻ,full," + cellCode + ",\n"
	os.WriteFile(csvPath, []byte(bad), 0o600)
	_, stderr, err := run(t, ctx, env, "", "import", "members", csvPath)
	if err == nil || !strings.Contains(stderr, "dòng 4") {
		t.Fatalf("import with a bad row: err %v, stderr %q", err, stderr)
	}
	os.WriteFile(csvPath, []byte(strings.Join(strings.Split(bad, "\n")[:3], "\n")+"\n"), 0o600)
	out, _, err = run(t, ctx, env, "", "import", "members", csvPath)
	if err != nil || !strings.Contains(out, "thêm 2") {
		t.Fatalf("import: %q %v", out, err)
	}
	out, _, err = run(t, ctx, env, "", "import", "members", csvPath)
	if err != nil || !strings.Contains(out, "không đổi 2") {
		t.Fatalf("re-import: %q %v", out, err)
	}
	env["SOTAY_ADMIN_PASSWORD"] = "mat-khau-quan-tri"
	if out, _, err := run(t, ctx, env, "", "account", "create-admin", "--login", "tinhuy"); err != nil || !strings.Contains(out, "admin of") {
		t.Fatalf("create-admin: %q %v", out, err)
	}

	// serve
	sctx, stop := context.WithCancel(ctx)
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- Run(sctx, Env{Args: []string{"serve", "--addr", "127.0.0.1:0"}, Getenv: func(k string) string { return env[k] },
			Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, Ready: func(a string) { ready <- a }})
	}()
	var base string
	select {
	case a := <-ready:
		base = "http://" + a + "/api/v1"
	case err := <-done:
		t.Fatalf("serve ended: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not start")
	}
	c := &client{t: t, base: base}
	admin := c.token("/auth/login", map[string]any{"login": "tinhuy", "password": "mat-khau-quan-tri"})

	var members struct{ Members []struct{ ID int64 } }
	c.call("GET", "/members?q=88000001&unit=1", admin, nil, 200, &members)
	var code struct{ Code string }
	c.call("POST", fmt.Sprintf("/members/%d/activation-code", members.Members[0].ID), admin, nil, 201, &code)
	member := c.token("/auth/activate", map[string]any{"login": "0911000001", "code": code.Code, "password": "mat-khau-dang-vien"})
	c.call("GET", fmt.Sprintf("/members?q=88000002&unit=1"), admin, nil, 200, &members)
	c.call("POST", fmt.Sprintf("/members/%d/activation-code", members.Members[0].ID), admin, nil, 201, &code)
	elsewhere := c.token("/auth/activate", map[string]any{"login": "88000002", "code": code.Code, "password": "mat-khau-dang-vien"})

	var me struct {
		CellPath []struct{ ID int64 } `json:"cell_path"`
	}
	c.call("GET", "/me", member, nil, 200, &me)
	commune := me.CellPath[1].ID
	// A commune editor: a new staff account with an editor grant on the commune.
	env["SOTAY_ADMIN_PASSWORD"] = "mat-khau-bien-tap"
	out, _, err = run(t, ctx, env, "", "account", "create-admin", "--login", "bientap.xa", "--role", "editor", "--unit", unitCode(t, c, admin, commune))
	if err != nil {
		t.Fatalf("editor account: %q %v", out, err)
	}
	editor := c.token("/auth/login", map[string]any{"login": "bientap.xa", "password": "mat-khau-bien-tap"})
	var doc struct {
		ID     int64
		Status string
	}
	c.call("POST", "/documents", editor, map[string]any{"type": "notice", "symbol": "125-TB/ĐU", "title": "Thông báo lịch sinh hoạt tháng 12",
		"body": "Sinh hoạt vào ngày 3/12.", "audience_unit_id": commune}, 201, &doc)
	c.call("POST", fmt.Sprintf("/documents/%d/publish", doc.ID), editor, nil, 200, &doc)
	if doc.Status != "published" {
		t.Fatalf("status %s", doc.Status)
	}
	c.call("GET", fmt.Sprintf("/documents/%d", doc.ID), member, nil, 200, nil)
	c.call("GET", fmt.Sprintf("/documents/%d", doc.ID), elsewhere, nil, 404, nil)

	stop()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve after SIGTERM: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
	}
}

func unitCode(t *testing.T, c *client, tok string, id int64) string {
	var u struct{ Unit struct{ Code string } }
	c.call("GET", fmt.Sprintf("/units/%d", id), tok, nil, 200, &u)
	return u.Unit.Code
}

type client struct {
	t    *testing.T
	base string
}

func (c *client) token(path string, body any) string {
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	c.call("POST", path, "", body, 200, &tok)
	return tok.AccessToken
}

func (c *client) call(method, path, tok string, body any, want int, out any) {
	c.t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, c.base+path, rd)
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		c.t.Fatalf("%s %s: %d, want %d: %s", method, path, resp.StatusCode, want, b)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			c.t.Fatalf("decode %s: %v", b, err)
		}
	}
}

// TestPrivateClusterDefault is `make run` without a database URL: the first
// serve creates the cluster under the data directory, migrates, seeds and
// prints the demo logins; Ctrl-C stops server and cluster; the second serve
// reuses both and prints the same logins.
func TestPrivateClusterDefault(t *testing.T) {
	dataDir, err := os.MkdirTemp("", "sotay-run-")
	if err != nil {
		t.Fatal(err)
	}
	os.Chmod(dataDir, 0o755)
	t.Cleanup(func() { os.RemoveAll(dataDir) })
	env := map[string]string{"SOTAY_DATA_DIR": dataDir, "SOTAY_LOG_LEVEL": "warn"}
	serve := func() (banner string) {
		ctx, stop := context.WithCancel(context.Background())
		var out syncBuffer
		ready := make(chan string, 1)
		done := make(chan error, 1)
		go func() {
			done <- Run(ctx, Env{Args: []string{"serve", "--addr", "127.0.0.1:0", "--demo-cells", "8"}, Getenv: func(k string) string { return env[k] },
				Stdin: strings.NewReader(""), Stdout: &out, Stderr: io.Discard, Ready: func(a string) { ready <- a }})
		}()
		select {
		case a := <-ready:
			resp, err := http.Get("http://" + a + "/readyz")
			if err != nil || resp.StatusCode != 200 {
				t.Fatalf("readyz: %v %v", resp, err)
			}
			resp.Body.Close()
		case err := <-done:
			t.Fatalf("serve ended: %v", err)
		case <-time.After(60 * time.Second):
			t.Fatal("serve did not start")
		}
		stop()
		if err := <-done; err != nil {
			t.Fatalf("serve: %v", err)
		}
		if _, err := os.Stat(filepath.Join(dataDir, "pg", "postmaster.pid")); !os.IsNotExist(err) {
			t.Fatalf("the cluster still runs after serve stopped: %v", err)
		}
		return out.String()
	}
	first := serve()
	if !strings.Contains(first, "login admin") || !strings.Contains(first, "mã kích hoạt") {
		t.Fatalf("first start printed no demo logins:\n%s", first)
	}
	second := serve()
	if !strings.Contains(second, "login admin") || strings.Count(second, "login ") != strings.Count(first, "login ") {
		t.Fatalf("second start:\n%s", second)
	}
}

// TestREADMEListsEveryVariable keeps the README's configuration table and
// the variables sotay reads in step.
func TestREADMEListsEveryVariable(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	for _, v := range configVars {
		row := "| `" + v.Name + "` | "
		if !strings.Contains(readme, row) {
			t.Errorf("README lacks a row for %s", v.Name)
			continue
		}
		rest := readme[strings.Index(readme, row)+len(row):]
		def := strings.TrimSpace(rest[:strings.Index(rest, "|")])
		want := "`" + v.Default + "`"
		if v.Default == "" {
			want = "empty"
		}
		if def != want {
			t.Errorf("README says %s defaults to %s; the code says %s", v.Name, def, want)
		}
	}
}
