package content_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"sotay/content"
	"sotay/content/blob"
	"sotay/db"
	"sotay/internal/need"
	"sotay/sync/feed"
	"sotay/tts"
	"sotay/tts/audio"
	"sotay/tts/vi"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// audioJobs counts the render jobs enqueued for document id.
func audioJobs(t *testing.T, q db.Querier, id int64) int {
	t.Helper()
	var n int
	if err := q.QueryRow(context.Background(), `SELECT count(*) FROM river_job WHERE kind = 'document_audio'
		AND (args->>'document_id')::bigint = $1`, id).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func audioOf(t *testing.T, w *docWorld, a *content.Actor, id int64) *content.DocumentAudio {
	t.Helper()
	d, err := content.GetDocument(context.Background(), w.pool, a, id)
	if err != nil {
		t.Fatal(err)
	}
	return d.Audio
}

func TestPublishingEnqueuesTheAudioInItsTransaction(t *testing.T) {
	w := newDocWorld(t)
	ctx := context.Background()
	d := w.create(t, w.communeEditor, docIn(w.commune, "Nghị quyết về chuyển đổi số", "Nội dung."))
	if a := audioOf(t, w, w.communeEditor, d.ID); a != nil || audioJobs(t, w.pool, d.ID) != 0 {
		t.Fatalf("a draft has audio %+v", a)
	}
	// A publication that rolls back leaves no job behind.
	boom := db.Conflict("boom", "boom")
	err := w.tx(t, func(tx pgx.Tx) error {
		if _, err := content.PublishDocument(ctx, tx, w.communeEditor, d.ID, nil); err != nil {
			return err
		}
		return boom
	})
	if err != boom || audioJobs(t, w.pool, d.ID) != 0 {
		t.Fatalf("rolled back publish: err %v, jobs %d", err, audioJobs(t, w.pool, d.ID))
	}
	if err := w.tx(t, func(tx pgx.Tx) error {
		_, err := content.PublishDocument(ctx, tx, w.communeEditor, d.ID, nil)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if a := audioOf(t, w, w.memberA, d.ID); a == nil || a.State != content.AudioPending || a.Version != 1 || audioJobs(t, w.pool, d.ID) != 1 {
		t.Fatalf("after publish: audio %+v, jobs %d", a, audioJobs(t, w.pool, d.ID))
	}
	// An edit is a new version: a new render.
	in := d.Input()
	in.Body = "Nội dung đã sửa."
	if err := w.tx(t, func(tx pgx.Tx) error {
		_, err := content.UpdateDocument(ctx, tx, w.communeEditor, d.ID, in)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if a := audioOf(t, w, w.memberA, d.ID); a.State != content.AudioPending || a.Version != 2 || audioJobs(t, w.pool, d.ID) != 2 {
		t.Fatalf("after edit: audio %+v, jobs %d", a, audioJobs(t, w.pool, d.ID))
	}
	// Retracting and republishing keeps the version: no render.
	for _, step := range []func(tx pgx.Tx) error{
		func(tx pgx.Tx) error {
			_, err := content.RetractDocument(ctx, tx, w.communeEditor, d.ID, "Ban hành nhầm")
			return err
		},
		func(tx pgx.Tx) error {
			_, err := content.PublishDocument(ctx, tx, w.communeEditor, d.ID, nil)
			return err
		},
	} {
		if err := w.tx(t, step); err != nil {
			t.Fatal(err)
		}
	}
	if n := audioJobs(t, w.pool, d.ID); n != 2 {
		t.Fatalf("republish enqueued a render: %d jobs", n)
	}
	// Nobody writes a briefing by hand.
	bad := docIn(w.commune, "Bản tin giả", "x")
	bad.Type = content.DocAudioBriefing
	err = w.tx(t, func(tx pgx.Tx) error { _, err := content.CreateDocument(ctx, tx, w.communeEditor, bad); return err })
	docWantErr(t, "create a briefing by hand", err, db.KindInvalid, "system_document")
}

// audioWorld adds what renders need: a blob store, a chunk cache and the
// real engine.
func newAudio(t *testing.T, w *docWorld, engine tts.Engine) (*content.Audio, tts.DirCache) {
	t.Helper()
	need.Tool(t, "espeak-ng")
	need.Tool(t, "lame")
	blobs, err := blob.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	cache := tts.DirCache{Dir: t.TempDir()}
	r := &tts.Renderer{Engine: engine, Normaliser: vi.New(vi.Options{}), Cache: cache}
	return &content.Audio{Pool: w.pool, Renderer: r, Blobs: blobs, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}, cache
}

func TestAudioRenderReachesReadersOnly(t *testing.T) {
	w := newDocWorld(t)
	ctx := context.Background()
	au, _ := newAudio(t, w, &tts.Espeak{})
	d := w.publish(t, w.communeEditor, docIn(w.commune, "Nghị quyết số 05-NQ/ĐU về xây dựng nông thôn mới",
		"# Phần I. Tình hình\n\nNăm 2025, xã đạt 19/19 tiêu chí.\n\n# Phần II. Nhiệm vụ\n\nPhấn đấu thu nhập bình quân 75 triệu đồng mỗi người."))
	before := feedState(t, w.pool, feed.Unit(w.commune.ID))["document:"+itoa(d.ID)]
	if strings.Contains(before, `"audio"`) {
		t.Fatalf("a pending render is in the feed: %s", before)
	}
	if err := au.RenderDocument(ctx, content.RenderAudioArgs{DocumentID: d.ID, Version: 1}, 1); err != nil {
		t.Fatal(err)
	}
	a := audioOf(t, w, w.memberA, d.ID)
	if a.State != content.AudioReady || a.URL == "" || a.DurationMS < 3000 || a.Size == 0 || len(a.Chapters) != 3 {
		t.Fatalf("rendered audio: %+v", a)
	}
	if a.Chapters[1].Title != "Phần I. Tình hình" || a.Chapters[1].StartMS <= a.Chapters[0].StartMS || a.Chapters[2].EndMS != a.DurationMS {
		t.Fatalf("chapters: %+v", a.Chapters)
	}
	// The feed entry now carries the file: what phones need to fetch it.
	var entry struct{ Audio *content.DocumentAudio }
	if err := json.Unmarshal([]byte(feedState(t, w.pool, feed.Unit(w.commune.ID))["document:"+itoa(d.ID)]), &entry); err != nil {
		t.Fatal(err)
	}
	if entry.Audio == nil || entry.Audio.URL != a.URL || entry.Audio.DurationMS != a.DurationMS || entry.Audio.Reason != "" {
		t.Fatalf("feed audio %+v, want %+v", entry.Audio, a)
	}
	// Readers may open it; others are told it is not there, as for the document.
	if _, err := content.OpenDocumentAudio(ctx, w.pool, w.memberA, d.ID, a.SHA256); err != nil {
		t.Fatalf("member of the audience: %v", err)
	}
	_, err := content.OpenDocumentAudio(ctx, w.pool, w.memberX, d.ID, a.SHA256)
	docWantErr(t, "member of another commune", err, db.KindNotFound, "")
	_, err = content.OpenDocumentAudio(ctx, w.pool, w.memberA, d.ID, strings.Repeat("0", 64))
	docWantErr(t, "another hash", err, db.KindNotFound, "audio_not_found")
	f, err := au.Blobs.Open(a.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	head := make([]byte, 3)
	io.ReadFull(f, head)
	f.Close()
	if !bytes.Equal(head, []byte("ID3")) {
		t.Fatalf("the file starts %q, not with its chapter tag", head)
	}
	// Rendering the same version again (a retried job) makes nothing new.
	if err := au.RenderDocument(ctx, content.RenderAudioArgs{DocumentID: d.ID, Version: 1}, 2); err != nil {
		t.Fatal(err)
	}
	var files int
	w.pool.QueryRow(ctx, `SELECT count(*) FROM audio_files`).Scan(&files)
	if files != 1 {
		t.Fatalf("%d files after rendering one plan twice", files)
	}
}

func TestAudioFailureIsAStateAndARetry(t *testing.T) {
	w := newDocWorld(t)
	ctx := context.Background()
	au, _ := newAudio(t, w, &tts.Espeak{Program: "/nonexistent/espeak-ng"})
	d := w.publish(t, w.communeEditor, docIn(w.commune, "Thông báo", "Họp lúc 14:30."))
	err := au.RenderDocument(ctx, content.RenderAudioArgs{DocumentID: d.ID, Version: 1}, 1)
	if err == nil {
		t.Fatal("a render without its engine succeeded")
	}
	a := audioOf(t, w, w.communeEditor, d.ID)
	if a.State != content.AudioFailed || !strings.Contains(a.Reason, "espeak-ng") || !strings.Contains(a.Reason, "tự thử lại") || a.URL != "" {
		t.Fatalf("failed audio: %+v", a)
	}
	if strings.Contains(feedState(t, w.pool, feed.Unit(w.commune.ID))["document:"+itoa(d.ID)], `"audio"`) {
		t.Fatal("a failed render reached the feed")
	}
	// The last attempt says so, and an editor may start over.
	au.RenderDocument(ctx, content.RenderAudioArgs{DocumentID: d.ID, Version: 1}, content.AudioMaxAttempts)
	if a := audioOf(t, w, w.communeEditor, d.ID); !strings.Contains(a.Reason, "Tạo lại âm thanh") {
		t.Fatalf("last failure: %q", a.Reason)
	}
	err = w.tx(t, func(tx pgx.Tx) error { _, err := content.RetryDocumentAudio(ctx, tx, w.memberA, d.ID); return err })
	docWantErr(t, "a member retries", err, db.KindForbidden, "")
	// While River still holds a try, the button waits.
	err = w.tx(t, func(tx pgx.Tx) error {
		_, err := content.RetryDocumentAudio(ctx, tx, w.communeEditor, d.ID)
		return err
	})
	docWantErr(t, "retry while a try is due", err, db.KindConflict, "audio_on_its_way")
	if _, err := w.pool.Exec(ctx, `UPDATE river_job SET state = 'discarded', finalized_at = now() WHERE kind = 'document_audio'`); err != nil {
		t.Fatal(err)
	}
	if err := w.tx(t, func(tx pgx.Tx) error {
		_, err := content.RetryDocumentAudio(ctx, tx, w.communeEditor, d.ID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if a := audioOf(t, w, w.communeEditor, d.ID); a.State != content.AudioPending || audioJobs(t, w.pool, d.ID) != 2 {
		t.Fatalf("after retry: %+v, %d jobs", a, audioJobs(t, w.pool, d.ID))
	}
	err = w.tx(t, func(tx pgx.Tx) error {
		_, err := content.RetryDocumentAudio(ctx, tx, w.communeEditor, d.ID)
		return err
	})
	docWantErr(t, "retry of a pending render", err, db.KindConflict, "audio_on_its_way")
}

func TestASupersededRenderDoesNothing(t *testing.T) {
	w := newDocWorld(t)
	ctx := context.Background()
	au, _ := newAudio(t, w, &tts.Espeak{})
	d := w.publish(t, w.communeEditor, docIn(w.commune, "Kế hoạch", "Bản đầu."))
	in := d.Input()
	in.Body = "Bản sửa."
	if err := w.tx(t, func(tx pgx.Tx) error {
		_, err := content.UpdateDocument(ctx, tx, w.communeEditor, d.ID, in)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if err := au.RenderDocument(ctx, content.RenderAudioArgs{DocumentID: d.ID, Version: 1}, 1); err != nil {
		t.Fatal(err)
	}
	if a := audioOf(t, w, w.communeEditor, d.ID); a.State != content.AudioPending || a.Version != 2 || a.Attempts != 0 {
		t.Fatalf("a stale job touched the audio: %+v", a)
	}
}

// The proof: a real-length resolution, published like any other,
// becomes a file both decoders play to its recorded duration, with a
// chapter per part.
func TestAResolutionPublishedIsHeardWhole(t *testing.T) {
	need.Tool(t, "mpg123")
	w := newDocWorld(t)
	ctx := context.Background()
	au, _ := newAudio(t, w, &tts.Espeak{})
	body, err := os.ReadFile("../tts/testdata/nghi-quyet-3000.md")
	if err != nil {
		t.Fatal(err)
	}
	in := docIn(w.province, "Nghị quyết về phát triển kinh tế - xã hội giai đoạn 2021-2025", string(body))
	in.Symbol, in.Issuer = "18-NQ/TU", "Tỉnh ủy Bắc Ninh"
	d := w.publish(t, w.provinceEditor, in)
	if err := au.RenderDocument(ctx, content.RenderAudioArgs{DocumentID: d.ID, Version: 1}, 1); err != nil {
		t.Fatal(err)
	}
	a := audioOf(t, w, w.memberX, d.ID)
	if a.State != content.AudioReady || a.DurationMS < 15*60*1000 {
		t.Fatalf("audio %+v", a)
	}
	f, err := au.Blobs.Path(a.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := exec.Command("mpg123", "-q", "-m", "-s", f).Output()
	if err != nil {
		t.Fatal(err)
	}
	if ms := int64(len(raw)/2) * 1000 / 22050; ms != a.DurationMS {
		t.Fatalf("mpg123 plays %d ms, the document says %d", ms, a.DurationMS)
	}
	mp3, _ := os.ReadFile(f)
	if n, err := audio.MP3Samples(mp3); err != nil || int64(n)*1000/22050 != a.DurationMS {
		t.Fatalf("go-mp3: %d samples (%v) for %d ms", n, err, a.DurationMS)
	}
	var parts []string
	for _, c := range a.Chapters {
		if strings.HasPrefix(c.Title, "Phần ") {
			parts = append(parts, c.Title)
		}
	}
	if len(parts) != 4 || len(a.Chapters) < 20 || a.Chapters[0].Title != d.Title {
		t.Fatalf("%d chapters, parts %q", len(a.Chapters), parts)
	}
	// Edited, the document goes out again without the old audio, and gets
	// its own once rendered: one chunk made anew.
	in.Body += "\n\nNghị quyết này được phổ biến đến chi bộ và đảng viên.\n"
	if err := w.tx(t, func(tx pgx.Tx) error {
		_, err := content.UpdateDocument(ctx, tx, w.provinceEditor, d.ID, in)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(feedState(t, w.pool, feed.Unit(w.province.ID))["document:"+itoa(d.ID)], a.SHA256) {
		t.Fatal("version 2 went out with version 1's audio")
	}
	if err := au.RenderDocument(ctx, content.RenderAudioArgs{DocumentID: d.ID, Version: 2}, 1); err != nil {
		t.Fatal(err)
	}
	a2 := audioOf(t, w, w.memberX, d.ID)
	if a2.State != content.AudioReady || a2.Version != 2 || a2.SHA256 == a.SHA256 ||
		!strings.Contains(feedState(t, w.pool, feed.Unit(w.province.ID))["document:"+itoa(d.ID)], a2.SHA256) {
		t.Fatalf("after the edit: %+v", a2)
	}
}
