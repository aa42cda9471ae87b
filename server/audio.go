package server

import (
	"context"
	"net/http"
	"strings"

	"github.com/jackc/pgx/v5"

	"sotay/content"
	"sotay/content/blob"
	"sotay/db"
)

// handleGetAudio serves a document's audio to whoever may read the
// document. The URL names the file by its SHA-256 (the feeds and the API
// give it), so the bytes behind a URL never change: Range requests for
// resumed downloads on poor links, the hash as a strong ETag, and
// immutable caching; private, because access depends on who asks. An old
// URL (the document was edited and re-rendered since) answers 404 with a
// code that tells the phone to sync.
func (s *Server) handleGetAudio(w http.ResponseWriter, r *http.Request) error {
	a, id, err := s.actorAndID(r)
	if err != nil {
		return err
	}
	sum, ok := strings.CutSuffix(r.PathValue("file"), ".mp3")
	if !ok || !blob.ValidSum(sum) {
		return db.NotFound("audio_not_found", "Không tìm thấy tệp âm thanh.")
	}
	made, err := content.OpenDocumentAudio(r.Context(), s.pool, a, id, sum)
	if err != nil {
		return err
	}
	f, err := s.blobs.Open(sum)
	if err != nil {
		return err
	}
	defer f.Close()
	w.Header().Set("Content-Type", "audio/mpeg")
	w.Header().Set("ETag", `"`+sum+`"`)
	w.Header().Set("Cache-Control", "private, max-age=31536000, immutable")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	http.ServeContent(w, r, "", made, f)
	return nil
}

func (s *Server) handleRetryAudio(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	return s.documentWrite(w, r, http.StatusOK, func(ctx context.Context, tx pgx.Tx, a *content.Actor) (content.Document, error) {
		return content.RetryDocumentAudio(ctx, tx, a, id)
	})
}
