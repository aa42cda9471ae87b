package worker_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"sotay/content"
	"sotay/content/blob"
	"sotay/db"
	"sotay/db/dbtest"
	"sotay/internal/need"
	"sotay/tts"
	"sotay/tts/vi"
	"sotay/worker"
)

// crashEnv makes this test binary a worker process whose engine never
// finishes: the test kills it mid-render. Its value is "dbURL blobDir".
const crashEnv = "SOTAY_WORKER_CRASH"

func TestMain(m *testing.M) {
	if spec := os.Getenv(crashEnv); spec != "" {
		url, dir, _ := strings.Cut(spec, " ")
		slowWorker(url, dir)
		return
	}
	dbtest.Main(m)
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func audioDeps(t testing.TB, pool *pgxpool.Pool, blobDir string, engine tts.Engine) *content.Audio {
	blobs, err := blob.Open(blobDir)
	if err != nil {
		t.Fatal(err)
	}
	r := &tts.Renderer{Engine: engine, Normaliser: vi.New(vi.Options{}), Cache: tts.DirCache{Dir: filepath.Join(blobDir, "cache")}}
	return &content.Audio{Pool: pool, Renderer: r, Blobs: blobs, Log: quiet()}
}

// slowWorker works jobs with an engine that hangs, until killed.
func slowWorker(url, blobDir string) {
	ctx := context.Background()
	pool, err := db.Open(ctx, url, 4)
	if err != nil {
		fmt.Println("ERR", err)
		os.Exit(1)
	}
	hang := filepath.Join(blobDir, "hang.sh")
	os.WriteFile(hang, []byte("#!/bin/sh\nsleep 600\n"), 0o755)
	c, err := worker.New(worker.Config{Pool: pool, Log: quiet(), PollInterval: 100 * time.Millisecond,
		Audio: audioDeps(nil, pool, blobDir, &tts.Espeak{Program: hang, Timeout: time.Hour})})
	if err == nil {
		err = c.Start(ctx)
	}
	if err != nil {
		fmt.Println("ERR", err)
		os.Exit(1)
	}
	fmt.Println("STARTED")
	select {}
}

// publish writes a commune and a published document to it; returns its id.
func publish(t *testing.T, pool *pgxpool.Pool) int64 {
	t.Helper()
	ctx := context.Background()
	prov, err := content.CreateUnit(ctx, pool, nil, content.NewUnit{Kind: content.KindProvince, Code: "tinh", Name: "Đảng bộ tỉnh"})
	if err != nil {
		t.Fatal(err)
	}
	var acct int64
	pool.QueryRow(ctx, `INSERT INTO accounts (login) VALUES ('bientap') RETURNING id`).Scan(&acct)
	ed := &content.Actor{AccountID: acct, Source: "test", Grants: []content.Grant{{UnitID: prov.ID, UnitPath: prov.Path, Role: content.RoleEditor}}}
	var id int64
	err = db.Transact(ctx, pool, func(tx pgx.Tx) error {
		d, err := content.CreateDocument(ctx, tx, ed, content.DocumentInput{Type: content.DocNotice, Title: "Thông báo lịch họp",
			Body: "Chi bộ họp lúc 19:30 ngày 3/12/2026.\n\nĐề nghị các đ/c đảng viên dự đầy đủ.", AudienceUnitID: prov.ID})
		if err != nil {
			return err
		}
		id = d.ID
		_, err = content.PublishDocument(ctx, tx, ed, id, nil)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// waitAudio polls the document's audio until it is in state, or fails.
func waitAudio(t *testing.T, pool *pgxpool.Pool, id int64, state string, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	var got string
	for time.Now().Before(deadline) {
		pool.QueryRow(context.Background(), `SELECT state FROM document_audio WHERE document_id = $1`, id).Scan(&got)
		if got == state {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("document %d audio is %q after %v, want %q", id, got, within, state)
}

func TestPublishedDocumentGetsItsAudio(t *testing.T) {
	need.Tool(t, "espeak-ng")
	need.Tool(t, "lame")
	pool := dbtest.New(t)
	c, err := worker.New(worker.Config{Pool: pool, Log: quiet(), PollInterval: 100 * time.Millisecond,
		Audio: audioDeps(t, pool, t.TempDir(), &tts.Espeak{})})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer c.Stop(context.Background())
	id := publish(t, pool)
	waitAudio(t, pool, id, "ready", time.Minute)
	var state string
	pool.QueryRow(context.Background(), `SELECT state FROM river_job WHERE kind = 'document_audio'`).Scan(&state)
	deadline := time.Now().Add(5 * time.Second)
	for state != "completed" && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		pool.QueryRow(context.Background(), `SELECT state FROM river_job WHERE kind = 'document_audio'`).Scan(&state)
	}
	if state != "completed" {
		t.Fatalf("job %s", state)
	}
}

// A worker killed in the middle of a render (no chance to say anything)
// leaves its job running; another worker rescues it and the audio is made.
func TestARenderSurvivesAWorkerCrash(t *testing.T) {
	need.Tool(t, "espeak-ng")
	need.Tool(t, "lame")
	url := dbtest.NewURL(t)
	ctx := context.Background()
	pool, err := db.Open(ctx, url, 4)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	dir := t.TempDir()
	child := exec.Command(os.Args[0], "-test.run", "^$")
	child.Env = append(os.Environ(), crashEnv+"="+url+" "+dir)
	child.Stdout, child.Stderr = os.Stderr, os.Stderr
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	id := publish(t, pool)
	waitAudio(t, pool, id, "rendering", time.Minute)
	child.Process.Kill()
	child.Wait()
	var state string
	pool.QueryRow(ctx, `SELECT state FROM river_job WHERE kind = 'document_audio'`).Scan(&state)
	if state != "running" {
		t.Fatalf("the killed worker's job is %q", state)
	}
	start := time.Now()
	c, err := worker.New(worker.Config{Pool: pool, Log: quiet(), PollInterval: 100 * time.Millisecond,
		RenderTimeout: 30 * time.Second, RescueAfter: 2 * time.Second, JobTimeout: time.Second,
		Audio: audioDeps(t, pool, dir, &tts.Espeak{})})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer c.Stop(ctx)
	waitAudio(t, pool, id, "ready", 2*time.Minute)
	var attempts int
	pool.QueryRow(ctx, `SELECT attempts FROM document_audio WHERE document_id = $1`, id).Scan(&attempts)
	t.Logf("rescued and rendered %v after the crash; %d attempts", time.Since(start).Round(time.Millisecond), attempts)
	if attempts != 2 {
		t.Fatalf("%d attempts, want 2 (the crashed one and the rescue)", attempts)
	}
}

func TestBriefingSchedule(t *testing.T) {
	b := &worker.Briefings{Weekday: time.Saturday, Hour: 6}
	vn := time.FixedZone("ICT", 7*3600)
	at := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, vn) }
	cases := []struct{ now, next, last time.Time }{
		{at(2026, 11, 27, 12, 0), at(2026, 11, 28, 6, 0), at(2026, 11, 21, 6, 0)}, // a Friday
		{at(2026, 11, 28, 6, 0), at(2026, 12, 5, 6, 0), at(2026, 11, 28, 6, 0)},   // the moment itself
		{at(2026, 11, 28, 5, 59), at(2026, 11, 28, 6, 0), at(2026, 11, 21, 6, 0)},
		{at(2026, 11, 29, 0, 30), at(2026, 12, 5, 6, 0), at(2026, 11, 28, 6, 0)}, // Sunday night, late
	}
	for _, c := range cases {
		if got := b.Next(c.now); !got.Equal(c.next) {
			t.Errorf("Next(%v) = %v, want %v", c.now, got.In(vn), c.next)
		}
		if got := b.Last(c.now); !got.Equal(c.last) {
			t.Errorf("Last(%v) = %v, want %v", c.now, got.In(vn), c.last)
		}
	}
}
