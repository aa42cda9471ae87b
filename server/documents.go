package server

import (
	"context"
	"errors"
	"io"
	"math"
	"net/http"
	"os"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"sotay/content"
	"sotay/db"
)

type documentRequest = content.DocumentInput

type documentReply = content.Document

type documentsReply struct {
	Documents []content.Document `json:"documents"`
	Next      string             `json:"next,omitempty" doc:"pass as ?cursor= for the next page"`
}

type searchReply struct {
	Hits []content.SearchHit `json:"hits"`
}

type versionsReply struct {
	Versions []content.DocumentVersion `json:"versions"`
}

type publishRequest struct {
	At *time.Time `json:"at,omitempty" doc:"publish later, at this time; now when absent or past"`
}

type retractRequest struct {
	Reason string `json:"reason"`
}

func (s *Server) handleListDocuments(w http.ResponseWriter, r *http.Request) error {
	a, err := s.actor(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	unit, err := queryInt(r, "unit", 0)
	if err != nil {
		return err
	}
	limit, err := queryInt(r, "limit", 20)
	if err != nil {
		return err
	}
	f := content.DocumentFilter{
		Manage:   q.Get("manage") == "1" || q.Get("manage") == "true",
		Type:     content.DocumentType(q.Get("type")),
		Category: content.DocumentCategory(q.Get("category")),
		Status:   content.DocumentStatus(q.Get("status")),
		UnitID:   unit,
		Cursor:   q.Get("cursor"),
		Limit:    int(limit),
	}
	docs, next, err := content.ListDocuments(r.Context(), s.pool, a, f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, documentsReply{docs, next})
	return nil
}

func (s *Server) handleSearchDocuments(w http.ResponseWriter, r *http.Request) error {
	a, err := s.actor(r)
	if err != nil {
		return err
	}
	limit, err := queryInt(r, "limit", 20)
	if err != nil {
		return err
	}
	hits, err := content.SearchDocuments(r.Context(), s.pool, a, r.URL.Query().Get("q"), int(limit))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, searchReply{hits})
	return nil
}

func (s *Server) handleGetDocument(w http.ResponseWriter, r *http.Request) error {
	a, id, err := s.actorAndID(r)
	if err != nil {
		return err
	}
	d, err := content.GetDocument(r.Context(), s.pool, a, id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, d)
	return nil
}

// documentWrite runs a write on a document as the actor and answers with
// the document the write returns (content returns it whole: body rendered,
// attachments listed).
func (s *Server) documentWrite(w http.ResponseWriter, r *http.Request, status int, fn func(ctx context.Context, tx pgx.Tx, a *content.Actor) (content.Document, error)) error {
	d, err := asActor(s, r, fn)
	return respond(w, status, d, err)
}

func (s *Server) handleCreateDocument(w http.ResponseWriter, r *http.Request) error {
	var req documentRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	return s.documentWrite(w, r, http.StatusCreated, func(ctx context.Context, tx pgx.Tx, a *content.Actor) (content.Document, error) {
		return content.CreateDocument(ctx, tx, a, req)
	})
}

func (s *Server) handleUpdateDocument(w http.ResponseWriter, r *http.Request) error {
	id, req, err := idAndBody[documentRequest](w, r)
	if err != nil {
		return err
	}
	return s.documentWrite(w, r, http.StatusOK, func(ctx context.Context, tx pgx.Tx, a *content.Actor) (content.Document, error) {
		return content.UpdateDocument(ctx, tx, a, id, req)
	})
}

func (s *Server) handlePublishDocument(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var req publishRequest
	if r.ContentLength != 0 {
		if err := decodeJSON(w, r, &req); err != nil {
			return err
		}
	}
	return s.documentWrite(w, r, http.StatusOK, func(ctx context.Context, tx pgx.Tx, a *content.Actor) (content.Document, error) {
		return content.PublishDocument(ctx, tx, a, id, req.At)
	})
}

func (s *Server) handleUnscheduleDocument(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	return s.documentWrite(w, r, http.StatusOK, func(ctx context.Context, tx pgx.Tx, a *content.Actor) (content.Document, error) {
		return content.UnscheduleDocument(ctx, tx, a, id)
	})
}

func (s *Server) handleRetractDocument(w http.ResponseWriter, r *http.Request) error {
	id, req, err := idAndBody[retractRequest](w, r)
	if err != nil {
		return err
	}
	return s.documentWrite(w, r, http.StatusOK, func(ctx context.Context, tx pgx.Tx, a *content.Actor) (content.Document, error) {
		return content.RetractDocument(ctx, tx, a, id, req.Reason)
	})
}

func (s *Server) handleDocumentVersions(w http.ResponseWriter, r *http.Request) error {
	a, id, err := s.actorAndID(r)
	if err != nil {
		return err
	}
	vs, err := content.DocumentVersions(r.Context(), s.pool, a, id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, versionsReply{vs})
	return nil
}

func (s *Server) handleDocumentVersion(w http.ResponseWriter, r *http.Request) error {
	a, id, err := s.actorAndID(r)
	if err != nil {
		return err
	}
	n, err := pathID(r, "n")
	if err != nil {
		return err
	}
	if n > math.MaxInt32 {
		return db.NotFound("version_not_found", "Không tìm thấy phiên bản này của tài liệu.")
	}
	v, err := content.GetDocumentVersion(r.Context(), s.pool, a, id, int(n))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, v)
	return nil
}

// handleAddAttachment takes the file as the raw request body (its name in
// ?name=), spools it to a temporary file first, so a transaction retry can
// read it again and no row lock waits on a slow upload.
func (s *Server) handleAddAttachment(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	name := r.URL.Query().Get("name")
	if name == "" {
		return badRequest("name_required", "Thiếu tên tệp (tham số name).", "name")
	}
	spool, err := os.CreateTemp("", "sotay-upload-*")
	if err != nil {
		return err
	}
	defer os.Remove(spool.Name())
	defer spool.Close()
	_, err = io.Copy(spool, http.MaxBytesReader(w, r.Body, content.MaxAttachmentSize))
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return &apiError{http.StatusRequestEntityTooLarge, errorDetail{"file_too_large",
			"Tệp quá lớn (tối đa " + strconv.Itoa(content.MaxAttachmentSize>>20) + " MB).", "file"}}
	}
	if err != nil {
		return badRequest("bad_body", "Không nhận được tệp.", "file")
	}
	att, err := asActor(s, r, func(ctx context.Context, tx pgx.Tx, a *content.Actor) (content.Attachment, error) {
		if _, err := spool.Seek(0, io.SeekStart); err != nil { // a retried transaction reads the file again
			return content.Attachment{}, err
		}
		return content.AddAttachment(ctx, tx, s.blobs, a, id, name, r.Header.Get("Content-Type"), spool)
	})
	return respond(w, http.StatusCreated, att, err)
}

// handleGetAttachment serves the file to whoever may read the document,
// with Range requests and the SHA-256 as a strong ETag. The bytes behind an
// attachment never change, so clients may keep them forever; the cache is
// private because access depends on who asks.
func (s *Server) handleGetAttachment(w http.ResponseWriter, r *http.Request) error {
	a, id, err := s.actorAndID(r)
	if err != nil {
		return err
	}
	aid, err := pathID(r, "aid")
	if err != nil {
		return err
	}
	att, err := content.GetAttachment(r.Context(), s.pool, a, id, aid)
	if err != nil {
		return err
	}
	f, err := s.blobs.Open(att.SHA256)
	if err != nil {
		return err
	}
	defer f.Close()
	w.Header().Set("Content-Type", att.ContentType)
	w.Header().Set("ETag", `"`+att.SHA256+`"`)
	w.Header().Set("Cache-Control", "private, max-age=31536000, immutable")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Security-Policy", "sandbox")
	w.Header().Set("Content-Disposition", contentDisposition(att.Name))
	http.ServeContent(w, r, "", att.CreatedAt, f)
	return nil
}

func contentDisposition(name string) string {
	return "inline; filename*=UTF-8''" + urlPathEscape(name)
}

func (s *Server) handleRemoveAttachment(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	aid, err := pathID(r, "aid")
	if err != nil {
		return err
	}
	_, err = asActor(s, r, func(ctx context.Context, tx pgx.Tx, a *content.Actor) (none, error) {
		return none{}, content.RemoveAttachment(ctx, tx, a, id, aid)
	})
	return noContent(w, err)
}
