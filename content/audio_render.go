package content

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"syscall"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"sotay/content/blob"
	"sotay/db"
	"sotay/tts"
	"sotay/tts/audio"
)

// Audio is what rendering a document's audio needs.
type Audio struct {
	Pool     *pgxpool.Pool
	Renderer *tts.Renderer
	Blobs    *blob.Store
	Log      *slog.Logger
}

// RenderDocument is the work of a RenderAudioArgs job (attempt is River's,
// from 1). It renders the version's audio unless that version is no longer
// the document's latest (an edit superseded it: the edit's own job renders
// the new one) and unless a file with the same plan exists (the spoken text
// did not change: an attachment was added, say), then marks it ready and
// puts the document, with its audio, in its feed again, so that phones get
// it. A failure is recorded on the document (state failed, a reason in
// Vietnamese) and returned, for River to retry.
func (au *Audio) RenderDocument(ctx context.Context, args RenderAudioArgs, attempt int) error {
	var d Document
	current := true
	err := db.Transact(ctx, au.Pool, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE document_audio SET state = 'rendering', reason = NULL, plan_key = NULL,
			attempts = attempts + 1, updated_at = now() WHERE document_id = $1 AND version = $2 AND state <> 'ready'`,
			args.DocumentID, args.Version)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			current = false
			return nil
		}
		d, err = docLoad(ctx, tx, args.DocumentID, false)
		return err
	})
	if err != nil {
		return fmt.Errorf("content: audio of document %d: %w", args.DocumentID, err)
	}
	if !current {
		return nil // superseded, done already, or the document is gone
	}
	key, err := au.renderOnce(ctx, d)
	if err != nil {
		au.failed(ctx, args, err, attempt)
		return err
	}
	return db.Transact(ctx, au.Pool, func(tx pgx.Tx) error {
		// Locks in the order every change of a document takes them: the
		// document, its audio, its feeds.
		if _, err := tx.Exec(ctx, `SELECT 1 FROM documents WHERE id = $1 FOR UPDATE`, args.DocumentID); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `UPDATE document_audio SET state = 'ready', plan_key = $3, updated_at = now()
			WHERE document_id = $1 AND version = $2`, args.DocumentID, args.Version, key)
		if err != nil || tag.RowsAffected() == 0 {
			return err // superseded while rendering: the newer job will say
		}
		if err := DocumentsChanged(ctx, tx, []int64{args.DocumentID}); err != nil {
			return err
		}
		if d.Type == DocAudioBriefing && args.Version == 1 {
			return briefingReady(ctx, tx, d)
		}
		return nil
	})
}

// renderOnce makes the file of d's script unless it exists, and returns its
// plan key.
func (au *Audio) renderOnce(ctx context.Context, d Document) (string, error) {
	plan, err := au.Renderer.Plan(ctx, DocumentScript(d))
	if err != nil {
		return "", err
	}
	var had string
	err = au.Pool.QueryRow(ctx, `SELECT sha256 FROM audio_files WHERE plan_key = $1`, plan.Key).Scan(&had)
	if err == nil && au.Blobs.Has(had) {
		return plan.Key, nil
	}
	if err != nil && err != pgx.ErrNoRows {
		return "", err
	}
	r, err := au.Renderer.Render(ctx, plan)
	if err != nil {
		return "", err
	}
	sum, size, err := au.Blobs.Put(bytes.NewReader(r.MP3), int64(len(r.MP3))+1)
	if err != nil {
		return "", err
	}
	chapters := make([]AudioChapter, len(r.Chapters))
	for i, c := range r.Chapters {
		chapters[i] = AudioChapter{Title: c.Title, StartMS: c.Start.Milliseconds(), EndMS: c.End.Milliseconds()}
	}
	cj, _ := json.Marshal(chapters)
	_, err = au.Pool.Exec(ctx, `INSERT INTO audio_files (plan_key, sha256, size, samples, duration_ms, chapters)
		VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (plan_key) DO UPDATE SET sha256 = EXCLUDED.sha256, size = EXCLUDED.size, samples = EXCLUDED.samples,
		    duration_ms = EXCLUDED.duration_ms, chapters = EXCLUDED.chapters`,
		plan.Key, sum, size, r.Samples, r.Duration.Milliseconds(), cj)
	if err != nil {
		return "", fmt.Errorf("content: record audio file: %w", err)
	}
	if had != "" && had != sum {
		// The file was lost and made again with other bytes (a cloud
		// engine need not be deterministic): the documents sharing it
		// must carry the new address.
		if err := au.readdress(ctx, plan.Key); err != nil {
			return "", err
		}
	}
	au.Log.Info("audio rendered", "document", d.ID, "version", d.Version, "duration", r.Duration.Round(1e9),
		"chunks", r.Chunks, "synthesized", r.Synthesized, "bytes", size)
	return plan.Key, nil
}

// readdress puts again in their feeds the documents whose ready audio is
// the file of planKey.
func (au *Audio) readdress(ctx context.Context, planKey string) error {
	return db.Transact(ctx, au.Pool, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT document_id FROM document_audio WHERE plan_key = $1 AND state = 'ready' ORDER BY 1`, planKey)
		if err != nil {
			return err
		}
		ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil {
			return err
		}
		return DocumentsChanged(ctx, tx, ids)
	})
}

// failed records why a render failed. An interrupted render (the worker
// stopping) is pending again, not failed: it is picked up where River
// puts it.
func (au *Audio) failed(ctx context.Context, args RenderAudioArgs, cause error, attempt int) {
	state, reason := AudioFailed, audioFailureReason(cause, attempt >= AudioMaxAttempts)
	if errors.Is(ctx.Err(), context.Canceled) && attempt < AudioMaxAttempts {
		// The worker is stopping: River gives the job to a worker again.
		// (A render that ran out of its time is a failure like any other.)
		state, reason = AudioPending, ""
	}
	au.Log.Warn("audio render failed", "document", args.DocumentID, "version", args.Version, "attempt", attempt, "err", cause)
	_, err := au.Pool.Exec(context.WithoutCancel(ctx), `UPDATE document_audio SET state = $3, reason = nullif($4, ''), updated_at = now()
		WHERE document_id = $1 AND version = $2`, args.DocumentID, args.Version, state, reason)
	if err != nil {
		au.Log.Error("audio: record failure", "document", args.DocumentID, "err", err)
	}
}

// audioFailureReason says in Vietnamese why a render failed, for the editor
// who sees the document, and what happens next.
func audioFailureReason(err error, last bool) string {
	// The reason is shown to every reader of the document: it says what
	// happened in words, never the raw error (paths, a provider's reply),
	// which goes to the log.
	var why string
	switch {
	case errors.Is(err, tts.ErrEngineMissing):
		why = "Máy chủ chưa có bộ đọc tiếng Việt (espeak-ng) hoặc chưa cấu hình dịch vụ đọc: báo quản trị hệ thống."
	case errors.Is(err, context.DeadlineExceeded):
		why = "Bộ đọc không trả lời kịp."
	case errors.Is(err, syscall.ENOSPC):
		why = "Máy chủ hết dung lượng đĩa: báo quản trị hệ thống."
	case errors.Is(err, audio.ErrLameNotFound):
		why = "Máy chủ chưa có bộ mã hóa MP3 (lame): báo quản trị hệ thống."
	default:
		why = "Không tạo được âm thanh do lỗi khi đọc hoặc mã hóa (chi tiết trong nhật ký máy chủ)."
	}
	if last {
		return why + fmt.Sprintf(" Đã thử %d lần; sửa nguyên nhân rồi bấm \"Tạo lại âm thanh\".", AudioMaxAttempts)
	}
	return why + " Hệ thống sẽ tự thử lại."
}
