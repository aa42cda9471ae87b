package content

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"sotay/db"
	"sotay/sync/feed"
)

// MutationFunc applies one mutation a member made on their phone, in the
// push's transaction. An *db.Error of kind invalid, forbidden, not found or
// conflict rejects it for good (the phone drops it); any other error is
// transient (the phone sends it again later).
type MutationFunc func(ctx context.Context, tx pgx.Tx, a *Actor, args json.RawMessage) error

// mutations are what phones may do. Adding one is a line here and its
// function (meetings add theirs the same way).
var mutations = map[string]MutationFunc{
	"document.read":     mutDocumentRead,
	"document.listened": mutDocumentListened,
	"document.bookmark": mutDocumentBookmark,
	"note.set":          mutNoteSet,
	"comment.add":       mutCommentAdd,
}

// MutationNames lists the mutations phones may push.
func MutationNames() []string {
	names := make([]string, 0, len(mutations))
	for n := range mutations {
		names = append(names, n)
	}
	return names
}

// decodeArgs reads a mutation's arguments strictly: unknown fields and
// trailing data are refused, so a typo never passes as an empty value.
func decodeArgs(args json.RawMessage, v any) error {
	dec := json.NewDecoder(bytes.NewReader(args))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil || dec.More() {
		return db.Invalid("args", "invalid_args", "Dữ liệu của thao tác không hợp lệ.")
	}
	return nil
}

// memberDocument returns a document the acting member may read (not found
// otherwise: a phone may hold a document its member lost access to).
func memberDocument(ctx context.Context, q db.Querier, a *Actor, id int64) (Document, error) {
	if a.MemberID == 0 || a.CellID == 0 {
		return Document{}, db.Forbidden("not_a_member", "Chỉ đảng viên đang sinh hoạt mới thực hiện được thao tác này.")
	}
	return GetDocumentMeta(ctx, q, a, id)
}

// docState is a member's own state of one document, in their feed as
// doc_state:<document id>.
type docState struct {
	DocumentID int64      `json:"document_id"`
	ReadAt     *time.Time `json:"read_at"`
	ListenedS  *int       `json:"listened_s"`
	Bookmarked bool       `json:"bookmarked"`
	Note       string     `json:"note"`
}

// upsertDocState changes a member's state of a document with set (a SQL
// assignment list over $3) and writes the result into their feed.
func upsertDocState(ctx context.Context, tx pgx.Tx, a *Actor, docID int64, set string, arg any) error {
	var st docState
	err := tx.QueryRow(ctx, `
		INSERT INTO member_documents (member_id, document_id) VALUES ($1, $2)
		ON CONFLICT (member_id, document_id) DO UPDATE SET updated_at = now()
		RETURNING document_id`, a.MemberID, docID).Scan(&st.DocumentID)
	if err != nil {
		return fmt.Errorf("content: member document: %w", err)
	}
	err = tx.QueryRow(ctx, `UPDATE member_documents SET `+set+`, updated_at = now()
		WHERE member_id = $1 AND document_id = $2
		RETURNING document_id, read_at, listened_s, bookmarked, note`, a.MemberID, docID, arg).
		Scan(&st.DocumentID, &st.ReadAt, &st.ListenedS, &st.Bookmarked, &st.Note)
	if err != nil {
		return db.Translate(err, "trạng thái tài liệu")
	}
	c, err := feed.Put(feed.Member(a.MemberID), entity("doc_state", docID), st)
	if err != nil {
		return err
	}
	_, err = feed.Write(ctx, tx, []feed.Change{c})
	return err
}

func mutDocumentRead(ctx context.Context, tx pgx.Tx, a *Actor, args json.RawMessage) error {
	var in struct {
		DocumentID int64      `json:"document_id"`
		At         *time.Time `json:"at"`
	}
	if err := decodeArgs(args, &in); err != nil {
		return err
	}
	if _, err := memberDocument(ctx, tx, a, in.DocumentID); err != nil {
		return err
	}
	at := time.Now()
	if in.At != nil && in.At.Before(at) {
		at = *in.At // read offline, earlier
	}
	return upsertDocState(ctx, tx, a, in.DocumentID, `read_at = coalesce(read_at, $3)`, at)
}

// maxListenSeconds bounds a listening position: no document reads for a day.
const maxListenSeconds = 24 * 3600

func mutDocumentListened(ctx context.Context, tx pgx.Tx, a *Actor, args json.RawMessage) error {
	var in struct {
		DocumentID int64 `json:"document_id"`
		PositionS  int   `json:"position_s"`
	}
	if err := decodeArgs(args, &in); err != nil {
		return err
	}
	if in.PositionS < 0 || in.PositionS > maxListenSeconds {
		return db.Invalid("position_s", "invalid_position", "Vị trí nghe không hợp lệ.")
	}
	if _, err := memberDocument(ctx, tx, a, in.DocumentID); err != nil {
		return err
	}
	return upsertDocState(ctx, tx, a, in.DocumentID, `listened_s = $3, listened_at = now()`, in.PositionS)
}

func mutDocumentBookmark(ctx context.Context, tx pgx.Tx, a *Actor, args json.RawMessage) error {
	var in struct {
		DocumentID int64 `json:"document_id"`
		Bookmarked bool  `json:"bookmarked"`
	}
	if err := decodeArgs(args, &in); err != nil {
		return err
	}
	if _, err := memberDocument(ctx, tx, a, in.DocumentID); err != nil {
		return err
	}
	return upsertDocState(ctx, tx, a, in.DocumentID, `bookmarked = $3`, in.Bookmarked)
}

// maxNote bounds a member's note on a document (characters).
const maxNote = 10000

// docText is the arguments of a mutation that writes text about a document.
type docText struct {
	DocumentID int64  `json:"document_id"`
	Text       string `json:"text"`
}

// readDocText decodes docText and cleans its text (NFC, trimmed), refusing
// NUL characters and more than max characters, and an empty text unless
// emptyOK.
func readDocText(args json.RawMessage, max int, emptyOK bool, code, msg string) (docText, error) {
	var in docText
	if err := decodeArgs(args, &in); err != nil {
		return in, err
	}
	in.Text = nfc(strings.TrimSpace(in.Text))
	if (in.Text == "" && !emptyOK) || utf8.RuneCountInString(in.Text) > max || strings.ContainsRune(in.Text, 0) {
		return in, db.Invalid("text", code, msg)
	}
	return in, nil
}

func mutNoteSet(ctx context.Context, tx pgx.Tx, a *Actor, args json.RawMessage) error {
	in, err := readDocText(args, maxNote, true, "invalid_note", fmt.Sprintf("Ghi chú tối đa %d ký tự.", maxNote))
	if err != nil {
		return err
	}
	if _, err := memberDocument(ctx, tx, a, in.DocumentID); err != nil {
		return err
	}
	return upsertDocState(ctx, tx, a, in.DocumentID, `note = $3`, in.Text)
}

// Comment is a member's comment on a draft (góp ý dự thảo): officers of the
// draft's audience read them all, each member their own.
type Comment struct {
	ID         int64     `json:"id"`
	DocumentID int64     `json:"document_id"`
	MemberID   int64     `json:"member_id"`
	MemberName string    `json:"member_name"`
	Body       string    `json:"body"`
	CreatedAt  time.Time `json:"created_at"`
}

const maxComment = 5000

func mutCommentAdd(ctx context.Context, tx pgx.Tx, a *Actor, args json.RawMessage) error {
	in, err := readDocText(args, maxComment, false, "invalid_comment", fmt.Sprintf("Góp ý phải có nội dung (tối đa %d ký tự).", maxComment))
	if err != nil {
		return err
	}
	text := in.Text
	d, err := memberDocument(ctx, tx, a, in.DocumentID)
	if err != nil {
		return err
	}
	if d.Type != DocDraft {
		return db.Invalid("document_id", "not_a_draft", "Chỉ góp ý được cho dự thảo.")
	}
	if d.CommentsUntil == nil || !time.Now().Before(*d.CommentsUntil) {
		return db.Conflict("comments_closed", "Đã hết hạn góp ý cho dự thảo này.")
	}
	var c Comment
	err = tx.QueryRow(ctx, `
		INSERT INTO comments (document_id, member_id, body) VALUES ($1, $2, $3)
		RETURNING id, document_id, member_id, (SELECT full_name FROM members WHERE id = $2), body, created_at`,
		d.ID, a.MemberID, text).Scan(&c.ID, &c.DocumentID, &c.MemberID, &c.MemberName, &c.Body, &c.CreatedAt)
	if err != nil {
		return db.Translate(err, "góp ý")
	}
	ent := entity("comment", c.ID)
	toOfficers, err := feed.Put(feed.Officers(d.AudienceUnitID), ent, c)
	if err != nil {
		return err
	}
	toMember, err := feed.Put(feed.Member(a.MemberID), ent, c)
	if err != nil {
		return err
	}
	_, err = feed.Write(ctx, tx, []feed.Change{toOfficers, toMember})
	return err
}
