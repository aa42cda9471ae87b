package content

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"sotay/db"
	"sotay/jobs"
)

// AudioState is where a document's audio stands.
type AudioState string

const (
	AudioPending   AudioState = "pending"   // waiting for a worker
	AudioRendering AudioState = "rendering" // a worker has it
	AudioReady     AudioState = "ready"     // the file is there: URL, duration, chapters
	AudioFailed    AudioState = "failed"    // the last try failed (Reason); tried again later
)

// DocumentAudio is the audio of a document's current version, as the API
// shows it; members' feeds carry it only when ready.
type DocumentAudio struct {
	State    AudioState `json:"state"`
	Version  int        `json:"version"`            // the document version it speaks
	Reason   string     `json:"reason,omitempty"`   // failed: why, in Vietnamese
	Attempts int        `json:"attempts,omitempty"` // tries for this version so far
	// Ready:
	URL        string         `json:"url,omitempty"` // content-addressed: never changes, cache forever
	SHA256     string         `json:"sha256,omitempty"`
	Size       int64          `json:"size,omitempty"`
	DurationMS int64          `json:"duration_ms,omitempty"`
	Chapters   []AudioChapter `json:"chapters,omitempty"`
}

// AudioChapter is a mark in the audio (a heading of the document).
type AudioChapter struct {
	Title   string `json:"title"`
	StartMS int64  `json:"start_ms"`
	EndMS   int64  `json:"end_ms"`
}

// AudioURL is where members fetch a document's audio: named by its hash,
// checked against the document on every request.
func AudioURL(documentID int64, sha256 string) string {
	return "/api/v1/documents/" + strconv.FormatInt(documentID, 10) + "/audio/" + sha256 + ".mp3"
}

// RenderAudioArgs is the job that renders a document version's audio.
type RenderAudioArgs struct {
	DocumentID int64 `json:"document_id"`
	Version    int   `json:"version"`
}

// Kind implements river.JobArgs.
func (RenderAudioArgs) Kind() string { return "document_audio" }

// AudioQueue is the River queue of audio renders: they are CPU-bound, so a
// process works few at once, apart from the quick jobs of other queues.
const AudioQueue = "audio"

// AudioMaxAttempts bounds the tries of one version's render (River's
// backoff grows as attempts⁴, so ten span about four hours).
const AudioMaxAttempts = 10

// docAudioWanted is called by docChanged for a published document: when its
// version has no audio yet (first publication, or an edit), the audio row
// becomes pending for that version and the render job is enqueued, both in
// the change's transaction. A republished document, or any other change
// that keeps the version, keeps its audio.
func docAudioWanted(ctx context.Context, q db.Querier, d Document) error {
	var wanted bool
	err := q.QueryRow(ctx, `
		INSERT INTO document_audio (document_id, version, state) VALUES ($1, $2, 'pending')
		ON CONFLICT (document_id) DO UPDATE
		SET version = EXCLUDED.version, state = 'pending', reason = NULL, attempts = 0, plan_key = NULL, updated_at = now()
		WHERE document_audio.version <> EXCLUDED.version
		RETURNING true`, d.ID, d.Version).Scan(&wanted)
	if err == pgx.ErrNoRows {
		return nil
	}
	if err != nil {
		return fmt.Errorf("content: audio of document %d: %w", d.ID, err)
	}
	return enqueueRender(ctx, q, d.ID, d.Version, true)
}

// enqueueRender enqueues the render of a document version. unique: a second
// enqueue of the same version while one is known to River adds nothing; a
// retry by hand (after River gave up) must not be unique, or the finished
// job would swallow it.
func enqueueRender(ctx context.Context, q db.Querier, id int64, version int, unique bool) error {
	opts := &river.InsertOpts{Queue: AudioQueue, MaxAttempts: AudioMaxAttempts}
	if unique {
		opts.UniqueOpts = river.UniqueOpts{ByArgs: true}
	}
	return jobs.Enqueue(ctx, q, RenderAudioArgs{DocumentID: id, Version: version}, opts)
}

// RetryDocumentAudio renders a document's audio again after its render
// failed for good (an editor's button): the attempts start over.
func RetryDocumentAudio(ctx context.Context, q db.Querier, a *Actor, id int64) (Document, error) {
	d, err := docForEdit(ctx, q, a, id)
	if err != nil {
		return Document{}, err
	}
	var state AudioState
	var version int
	err = q.QueryRow(ctx, `SELECT state, version FROM document_audio WHERE document_id = $1 FOR UPDATE`, id).Scan(&state, &version)
	if err == pgx.ErrNoRows {
		return Document{}, db.Conflict("no_audio", "Tài liệu chưa ban hành nên chưa có âm thanh.")
	}
	if err != nil {
		return Document{}, fmt.Errorf("content: audio of document %d: %w", id, err)
	}
	// Allowed when no render is on its way: the last try failed for good,
	// or a worker died on it and River gave up.
	var live bool
	if err := q.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM river_job WHERE kind = 'document_audio'
		AND (args->>'document_id')::bigint = $1 AND (args->>'version')::int = $2
		AND state IN ('available', 'pending', 'running', 'retryable', 'scheduled'))`, id, version).Scan(&live); err != nil {
		return Document{}, fmt.Errorf("content: audio of document %d: %w", id, err)
	}
	if state == AudioReady || live {
		return Document{}, db.Conflict("audio_on_its_way", "Âm thanh của tài liệu đã có hoặc đang được tạo (hệ thống tự thử lại khi lỗi), không cần tạo lại.")
	}
	if _, err := q.Exec(ctx, `UPDATE document_audio SET state = 'pending', reason = NULL, attempts = 0, updated_at = now()
		WHERE document_id = $1`, id); err != nil {
		return Document{}, fmt.Errorf("content: audio of document %d: %w", id, err)
	}
	if err := enqueueRender(ctx, q, id, version, false); err != nil {
		return Document{}, err
	}
	if err := Audit(ctx, q, a, "document.audio_retry", "document", strconv.FormatInt(id, 10), map[string]any{"version": version}); err != nil {
		return Document{}, err
	}
	return docFull(ctx, q, d)
}

// docAudios loads the audio of documents by id.
func docAudios(ctx context.Context, q db.Querier, ids []int64) (map[int64]*DocumentAudio, error) {
	rows, err := q.Query(ctx, `
		SELECT a.document_id, a.state, a.version, coalesce(a.reason, ''), a.attempts,
		       coalesce(f.sha256, ''), coalesce(f.size, 0), coalesce(f.duration_ms, 0), coalesce(f.chapters, '[]')
		FROM document_audio a LEFT JOIN audio_files f ON f.plan_key = a.plan_key
		WHERE a.document_id = ANY($1)`, ids)
	if err != nil {
		return nil, fmt.Errorf("content: audio of documents: %w", err)
	}
	defer rows.Close()
	out := map[int64]*DocumentAudio{}
	for rows.Next() {
		var id int64
		var chapters []byte
		a := &DocumentAudio{}
		if err := rows.Scan(&id, &a.State, &a.Version, &a.Reason, &a.Attempts, &a.SHA256, &a.Size, &a.DurationMS, &chapters); err != nil {
			return nil, fmt.Errorf("content: audio of documents: %w", err)
		}
		if a.State == AudioReady {
			a.URL = AudioURL(id, a.SHA256)
			if err := json.Unmarshal(chapters, &a.Chapters); err != nil {
				return nil, fmt.Errorf("content: audio chapters of document %d: %w", id, err)
			}
		}
		out[id] = a
	}
	return out, rows.Err()
}

// audioForFeed is what members' phones get of a document's audio: the file
// when it is ready for the version they get, nothing otherwise (a pending
// render is no news to a phone, and its state changing must not rewrite
// the feed entry).
func audioForFeed(a *DocumentAudio, version int) *DocumentAudio {
	if a == nil || a.State != AudioReady || a.Version != version {
		return nil
	}
	return &DocumentAudio{State: a.State, Version: a.Version, URL: a.URL, SHA256: a.SHA256, Size: a.Size,
		DurationMS: a.DurationMS, Chapters: a.Chapters}
}

// OpenDocumentAudio checks that the actor may read the document and that
// sha256 is its current audio, and returns the file's blob name and when
// it was made (for Last-Modified).
func OpenDocumentAudio(ctx context.Context, q db.Querier, a *Actor, id int64, sha256 string) (time.Time, error) {
	d, err := docLoad(ctx, q, id, false)
	if err != nil || !docMayRead(a, d) {
		return time.Time{}, docNotFound()
	}
	var made time.Time
	err = q.QueryRow(ctx, `SELECT f.created_at FROM document_audio a JOIN audio_files f ON f.plan_key = a.plan_key
		WHERE a.document_id = $1 AND a.state = 'ready' AND f.sha256 = $2`, id, sha256).Scan(&made)
	if err == pgx.ErrNoRows {
		return time.Time{}, db.NotFound("audio_not_found", "Không tìm thấy tệp âm thanh này của tài liệu (có thể tài liệu đã được sửa: hãy đồng bộ lại).")
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("content: audio of document %d: %w", id, err)
	}
	return made, nil
}

// WantAudio enqueues the audio of the published documents of ids that
// have none for their version, as publishing each would: for writers that
// publish in bulk (the demo seed). Call it in their transaction.
func WantAudio(ctx context.Context, q db.Querier, ids []int64) error {
	rows, err := q.Query(ctx, `SELECT id, version FROM documents WHERE id = ANY($1) AND status = 'published' ORDER BY id`, ids)
	if err != nil {
		return fmt.Errorf("content: documents for audio: %w", err)
	}
	docs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Document, error) {
		var d Document
		return d, r.Scan(&d.ID, &d.Version)
	})
	if err != nil {
		return fmt.Errorf("content: documents for audio: %w", err)
	}
	for _, d := range docs {
		if err := docAudioWanted(ctx, q, d); err != nil {
			return err
		}
	}
	return nil
}
