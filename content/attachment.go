package content

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"sotay/content/blob"
	"sotay/db"
)

// MaxAttachmentSize is the largest file a document may carry (20 MiB).
const MaxAttachmentSize = 20 << 20

// MaxAttachmentName is the longest file name kept (characters).
const MaxAttachmentName = 255

// attTypes are the content types an attachment may have, with the file
// extensions that go with each (the first is added to a name without one).
// The type is sniffed from the bytes, never taken from the client.
var attTypes = map[string][]string{
	"application/pdf": {".pdf"},
	"image/png":       {".png"},
	"image/jpeg":      {".jpg", ".jpeg"},
	"image/webp":      {".webp"},
}

// Attachment is a file attached to a document, stored in the blob store
// under its SHA-256.
type Attachment struct {
	ID          int64     `json:"id"`
	DocumentID  int64     `json:"document_id"`
	Name        string    `json:"name"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"`
	CreatedAt   time.Time `json:"created_at"`
}

const attColumns = `id, document_id, name, content_type, size, sha256, created_at`

func attScan(row pgx.Row, extra ...any) (Attachment, error) {
	var a Attachment
	err := row.Scan(append([]any{&a.ID, &a.DocumentID, &a.Name, &a.ContentType, &a.Size, &a.SHA256, &a.CreatedAt}, extra...)...)
	return a, err
}

// AddAttachment stores the file r yields and attaches it to a document. The
// actor must be an editor of the document's audience; a retracted document
// takes no new files; on a published document the addition is a new
// version (docRevise). The type is sniffed from the first 512 bytes (PDF,
// PNG, JPEG or WebP only; declaredType, what the client claimed, is only
// recorded in the audit log), the name is cleaned (no directories, no
// control or bidi characters, at most 255 characters, an extension that
// matches the type), and the size may not exceed MaxAttachmentSize.
//
// The blob is written before the row: if the transaction rolls back, an
// unreferenced blob stays behind, which is harmless. r is read once, so a
// transaction that db.Transact re-runs must get a fresh reader: spool the
// upload (a multipart form does) before the transaction starts.
func AddAttachment(ctx context.Context, q db.Querier, store *blob.Store, a *Actor, docID int64, name, declaredType string, r io.Reader) (Attachment, error) {
	// Check the rights before reading a byte, without holding the row lock
	// during the upload; the state is checked again under the lock below.
	d, err := docLoad(ctx, q, docID, false)
	if err != nil {
		return Attachment{}, err
	}
	if err := docMayEdit(a, d); err != nil {
		return Attachment{}, err
	}
	if d.Status == StatusRetracted {
		return Attachment{}, attRetracted()
	}
	head := make([]byte, 512)
	n, err := io.ReadFull(r, head)
	switch {
	case n == 0 && (err == io.EOF || err == nil):
		return Attachment{}, db.Invalid("file", "empty_file", "Tệp rỗng.")
	case err != nil && err != io.ErrUnexpectedEOF && err != io.EOF:
		return Attachment{}, fmt.Errorf("content: read attachment: %w", err)
	}
	head = head[:n]
	ctype, _, _ := mime.ParseMediaType(http.DetectContentType(head))
	exts, ok := attTypes[ctype]
	if !ok {
		return Attachment{}, db.Invalid("file", "file_type_not_allowed",
			"Chỉ nhận tệp PDF hoặc ảnh PNG, JPEG, WebP; tệp này không thuộc các loại đó.")
	}
	name = attCleanName(name, exts)

	sum, size, err := store.Put(io.MultiReader(bytes.NewReader(head), r), MaxAttachmentSize)
	if err != nil {
		return Attachment{}, err
	}

	old, err := docForEdit(ctx, q, a, docID)
	if err != nil {
		return Attachment{}, err
	}
	if old.Status == StatusRetracted {
		return Attachment{}, attRetracted()
	}
	att, err := attScan(q.QueryRow(ctx, `INSERT INTO attachments (document_id, name, content_type, size, sha256, created_by)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING `+attColumns, docID, name, ctype, size, sum, docAccount(a)))
	if err != nil {
		return Attachment{}, db.Translate(err, "tệp đính kèm")
	}
	version, err := attTouch(ctx, q, a, old)
	if err != nil {
		return Attachment{}, err
	}
	if err := Audit(ctx, q, a, "attachment.add", "document", strconv.FormatInt(docID, 10), map[string]any{
		"attachment_id": att.ID, "name": name, "content_type": ctype, "declared_type": declaredType,
		"size": size, "sha256": sum, "version": version}); err != nil {
		return Attachment{}, err
	}
	return att, nil
}

// GetAttachment returns an attachment to whoever may read the document; a
// removed attachment, to whoever may read a version that had it (what a
// member saw at version N can always be shown again). Anyone else gets not
// found.
func GetAttachment(ctx context.Context, q db.Querier, a *Actor, docID, attID int64) (Attachment, error) {
	var removed bool
	att, err := attScan(q.QueryRow(ctx, `SELECT `+attColumns+`, removed_at IS NOT NULL FROM attachments
		WHERE id = $1 AND document_id = $2`, attID, docID), &removed)
	if errors.Is(err, pgx.ErrNoRows) {
		return Attachment{}, attNotFound()
	}
	if err != nil {
		return Attachment{}, fmt.Errorf("content: attachment %d: %w", attID, err)
	}
	if !removed {
		if _, err := GetDocumentMeta(ctx, q, a, docID); err != nil {
			return Attachment{}, err
		}
		return att, nil
	}
	versions, err := DocumentVersions(ctx, q, a, docID)
	if err != nil {
		return Attachment{}, err
	}
	for _, v := range versions {
		for _, va := range v.Attachments {
			if va.ID == attID {
				return att, nil
			}
		}
	}
	return Attachment{}, attNotFound()
}

// RemoveAttachment detaches a file from a document (the row is kept, marked
// removed; the blob stays, other documents and earlier versions may refer to
// it). The actor must be an editor of the document's audience; on a
// published document the removal is a new version (docRevise).
func RemoveAttachment(ctx context.Context, q db.Querier, a *Actor, docID, attID int64) error {
	old, err := docForEdit(ctx, q, a, docID)
	if err != nil {
		return err
	}
	if old.Status == StatusRetracted {
		return attRetracted()
	}
	var name string
	err = q.QueryRow(ctx, `UPDATE attachments SET removed_at = now()
		WHERE id = $1 AND document_id = $2 AND removed_at IS NULL RETURNING name`, attID, docID).Scan(&name)
	if errors.Is(err, pgx.ErrNoRows) {
		return attNotFound()
	}
	if err != nil {
		return fmt.Errorf("content: remove attachment %d: %w", attID, err)
	}
	version, err := attTouch(ctx, q, a, old)
	if err != nil {
		return err
	}
	return Audit(ctx, q, a, "attachment.remove", "document", strconv.FormatInt(docID, 10),
		map[string]any{"attachment_id": attID, "name": name, "version": version})
}

// attTouch records that a document's attachments changed, in the change's
// transaction: the document's updated_at moves, a published document gets a
// new version whose snapshot holds the attachments as they now are
// (docRevise), and the change goes through docChanged like any other. It
// returns the document's version afterwards.
func attTouch(ctx context.Context, q db.Querier, a *Actor, old Document) (int, error) {
	if _, err := q.Exec(ctx, `UPDATE documents SET updated_at = now(), updated_by = coalesce($2, updated_by) WHERE id = $1`,
		old.ID, docAccount(a)); err != nil {
		return 0, fmt.Errorf("content: touch document %d: %w", old.ID, err)
	}
	d, err := docRevise(ctx, q, a, old.ID)
	if err != nil {
		return 0, err
	}
	// The sync feeds are written in docChanged, in this transaction.
	return d.Version, docChanged(ctx, q, &old, d)
}

func attNotFound() error {
	return db.NotFound("attachment_not_found", "Không tìm thấy tệp đính kèm.")
}

func attRetracted() error {
	return db.Conflict("document_retracted", "Tài liệu đã thu hồi, không thể thay đổi tệp đính kèm.")
}

// attCleanName makes a client's file name safe to store and to put in a
// Content-Disposition header: the last path element only, no control,
// format (bidi override, zero-width) or reserved characters, no leading
// dots, at most MaxAttachmentName characters, and an extension from exts.
func attCleanName(name string, exts []string) string {
	name = strings.ToValidUTF8(name, "")
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == utf8.RuneError:
			return -1
		case strings.ContainsRune(`<>:"|?*;`, r):
			return '_'
		case unicode.IsSpace(r):
			return ' '
		}
		return r
	}, name)
	name = strings.Trim(name, " .")
	ext := strings.ToLower(path.Ext(name))
	known := false
	for _, e := range exts {
		known = known || ext == e
	}
	if !known {
		ext = exts[0]
		name += ext
	}
	base := strings.TrimSpace(strings.TrimSuffix(name, name[len(name)-len(ext):]))
	if base == "" {
		base = "tep-dinh-kem"
	}
	if r := []rune(base); len(r)+len(ext) > MaxAttachmentName {
		base = strings.TrimSpace(string(r[:MaxAttachmentName-len(ext)]))
	}
	return base + ext
}
