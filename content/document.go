package content

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"sotay/db"
)

// DocumentType is what kind of text a document is (GLOSSARY.md, "Documents").
type DocumentType string

// The document types, as the documents.type CHECK lists them.
const (
	DocResolution      DocumentType = "resolution"       // Nghị quyết (NQ)
	DocDirective       DocumentType = "directive"        // Chỉ thị (CT)
	DocConclusion      DocumentType = "conclusion"       // Kết luận (KL)
	DocRegulation      DocumentType = "regulation"       // Quy định (QĐ)
	DocDecision        DocumentType = "decision"         // Quyết định (QĐ)
	DocGuidance        DocumentType = "guidance"         // Hướng dẫn (HD)
	DocPlan            DocumentType = "plan"             // Kế hoạch (KH)
	DocNotice          DocumentType = "notice"           // Thông báo (TB)
	DocOfficialLetter  DocumentType = "official_letter"  // Công văn (CV)
	DocBulletin        DocumentType = "bulletin"         // Bản tin sinh hoạt chi bộ
	DocMeetingMaterial DocumentType = "meeting_material" // Tài liệu sinh hoạt chi bộ
	DocArticle         DocumentType = "article"          // Bài viết (news, health, culture, study)
	DocDraft           DocumentType = "draft"            // Dự thảo, opened for members' comments
)

// DocumentTypes lists the types in the order forms show them.
var DocumentTypes = []DocumentType{DocResolution, DocDirective, DocConclusion, DocRegulation, DocDecision,
	DocGuidance, DocPlan, DocNotice, DocOfficialLetter, DocBulletin, DocMeetingMaterial, DocArticle, DocDraft}

var docTypeLabels = map[DocumentType]string{
	DocResolution:      "Nghị quyết",
	DocDirective:       "Chỉ thị",
	DocConclusion:      "Kết luận",
	DocRegulation:      "Quy định",
	DocDecision:        "Quyết định",
	DocGuidance:        "Hướng dẫn",
	DocPlan:            "Kế hoạch",
	DocNotice:          "Thông báo",
	DocOfficialLetter:  "Công văn",
	DocBulletin:        "Bản tin sinh hoạt chi bộ",
	DocMeetingMaterial: "Tài liệu sinh hoạt chi bộ",
	DocArticle:         "Bài viết",
	DocDraft:           "Dự thảo",
}

// Label is the type's Vietnamese name ("Nghị quyết").
func (t DocumentType) Label() string { return docTypeLabels[t] }

// Valid reports whether t is one of the types.
func (t DocumentType) Valid() bool { _, ok := docTypeLabels[t]; return ok }

// DocumentCategory files an article (and only an article).
type DocumentCategory string

// The article categories, as the documents.category CHECK lists them.
const (
	CategoryNews    DocumentCategory = "news"    // Tin tức
	CategoryHealth  DocumentCategory = "health"  // Sức khỏe
	CategoryCulture DocumentCategory = "culture" // Văn hóa
	CategoryStudy   DocumentCategory = "study"   // Học tập
)

// DocumentCategories lists the categories in the order forms show them.
var DocumentCategories = []DocumentCategory{CategoryNews, CategoryHealth, CategoryCulture, CategoryStudy}

var docCategoryLabels = map[DocumentCategory]string{
	CategoryNews: "Tin tức", CategoryHealth: "Sức khỏe", CategoryCulture: "Văn hóa", CategoryStudy: "Học tập",
}

// Label is the category's Vietnamese name.
func (c DocumentCategory) Label() string { return docCategoryLabels[c] }

// Valid reports whether c is one of the categories.
func (c DocumentCategory) Valid() bool { _, ok := docCategoryLabels[c]; return ok }

// DocumentStatus is where a document is in its life:
//
//	draft ──publish──▶ published ──retract──▶ retracted ──publish──▶ published
//	  │  ▲                 ▲
//	  │  └─unschedule─┐    │ (publish now, or PublishDue at publish_at)
//	  └──publish(at)──▶ scheduled
type DocumentStatus string

// The statuses.
const (
	StatusDraft     DocumentStatus = "draft"
	StatusScheduled DocumentStatus = "scheduled"
	StatusPublished DocumentStatus = "published"
	StatusRetracted DocumentStatus = "retracted"
)

var docStatusLabels = map[DocumentStatus]string{
	StatusDraft: "Bản nháp", StatusScheduled: "Hẹn giờ ban hành", StatusPublished: "Đã ban hành", StatusRetracted: "Đã thu hồi",
}

// Label is the status's Vietnamese name.
func (s DocumentStatus) Label() string { return docStatusLabels[s] }

// Valid reports whether s is one of the statuses.
func (s DocumentStatus) Valid() bool { _, ok := docStatusLabels[s]; return ok }

// Limits of the editable fields (the table's CHECKs allow at least as much).
const (
	MaxDocumentTitle   = 500     // characters
	MaxDocumentSymbol  = 100     // characters
	MaxDocumentIssuer  = 300     // characters
	MaxDocumentSummary = 5000    // characters
	MaxDocumentBody    = 2000000 // bytes of UTF-8 (so also characters)
	MaxRetractReason   = 1000    // characters
)

// Document is a text a committee publishes to a unit's subtree. Lists and
// search results leave Body, BodyHTML and Attachments empty; GetDocument
// fills them.
type Document struct {
	ID               int64            `json:"id"`
	Type             DocumentType     `json:"type"`
	Category         DocumentCategory `json:"category,omitempty"`
	Symbol           string           `json:"symbol"`              // "18-NQ/TU"
	Issuer           string           `json:"issuer"`              // "Tỉnh ủy Bắc Ninh"
	IssuedOn         string           `json:"issued_on,omitempty"` // "2006-01-02"
	Title            string           `json:"title"`
	Summary          string           `json:"summary"`
	Body             string           `json:"body,omitempty"`      // Markdown subset (RenderMarkdown)
	BodyHTML         string           `json:"body_html,omitempty"` // safe HTML of Body
	AudienceUnitID   int64            `json:"audience_unit_id"`
	AudienceUnitName string           `json:"audience_unit_name"`
	AudiencePath     string           `json:"-"` // the audience unit's ltree path
	OfficersOnly     bool             `json:"officers_only"`
	CommentsUntil    *time.Time       `json:"comments_until"`
	Status           DocumentStatus   `json:"status"`
	PublishAt        *time.Time       `json:"publish_at"`   // when a scheduled document goes out
	PublishedAt      *time.Time       `json:"published_at"` // when it (last) went out
	RetractedAt      *time.Time       `json:"retracted_at"`
	RetractReason    string           `json:"retract_reason,omitempty"`
	Version          int              `json:"version"` // 0 until first published; then the latest snapshot
	Attachments      []Attachment     `json:"attachments,omitempty"`
	Audio            *DocumentAudio   `json:"audio,omitempty"` // once published; GetDocument and feeds fill it
	CreatedAt        time.Time        `json:"created_at"`
	UpdatedAt        time.Time        `json:"updated_at"`
}

// DocumentInput is what an editor writes: the fields of a document that
// CreateDocument and UpdateDocument take.
type DocumentInput struct {
	Type           DocumentType     `json:"type"`
	Category       DocumentCategory `json:"category"`  // required for articles, empty otherwise
	Symbol         string           `json:"symbol"`    // optional
	Issuer         string           `json:"issuer"`    // optional
	IssuedOn       string           `json:"issued_on"` // "2006-01-02" or empty
	Title          string           `json:"title"`
	Summary        string           `json:"summary"`
	Body           string           `json:"body"`
	AudienceUnitID int64            `json:"audience_unit_id"`
	OfficersOnly   bool             `json:"officers_only"`
	CommentsUntil  *time.Time       `json:"comments_until"` // required for drafts (Dự thảo), in the future
}

// Input returns the editable fields of d, for an edit form.
func (d Document) Input() DocumentInput {
	return DocumentInput{Type: d.Type, Category: d.Category, Symbol: d.Symbol, Issuer: d.Issuer, IssuedOn: d.IssuedOn,
		Title: d.Title, Summary: d.Summary, Body: d.Body, AudienceUnitID: d.AudienceUnitID,
		OfficersOnly: d.OfficersOnly, CommentsUntil: d.CommentsUntil}
}

func (in *DocumentInput) normalize() {
	oneLine := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	in.Title, in.Symbol, in.Issuer = oneLine(nfc(in.Title)), oneLine(nfc(in.Symbol)), oneLine(nfc(in.Issuer))
	in.IssuedOn = strings.TrimSpace(in.IssuedOn)
	in.Summary = strings.TrimSpace(docNewlines(nfc(in.Summary)))
	in.Body = docNewlines(nfc(in.Body))
	if in.CommentsUntil != nil {
		t := in.CommentsUntil.UTC().Truncate(time.Microsecond) // what timestamptz keeps
		in.CommentsUntil = &t
	}
}

func docNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// validate checks the input. prev is the stored document on an update (nil
// on create): a comments deadline already stored may be in the past, a new
// one may not.
func (in *DocumentInput) validate(now time.Time, prev *Document) error {
	for _, f := range []struct{ name, value string }{
		{"title", in.Title}, {"symbol", in.Symbol}, {"issuer", in.Issuer}, {"summary", in.Summary}, {"body", in.Body},
	} {
		if err := docCheckText(f.name, f.value); err != nil {
			return err
		}
	}
	if !in.Type.Valid() {
		return db.Invalid("type", "invalid_type", "Loại tài liệu không hợp lệ.")
	}
	if in.Type == DocAudioBriefing || (prev != nil && prev.Type == DocAudioBriefing) {
		return db.Invalid("type", "system_document", "Bản tin âm thanh do hệ thống tự soạn hằng tuần, không tạo hay sửa bằng tay.")
	}
	switch {
	case in.Type == DocArticle && in.Category == "":
		return db.Invalid("category", "category_required", "Bài viết phải có chuyên mục.")
	case in.Type == DocArticle && !in.Category.Valid():
		return db.Invalid("category", "invalid_category", "Chuyên mục không hợp lệ.")
	case in.Type != DocArticle && in.Category != "":
		return db.Invalid("category", "category_not_allowed", "Chỉ bài viết mới có chuyên mục.")
	}
	if in.Title == "" {
		return db.Invalid("title", "title_required", "Tiêu đề không được để trống.")
	}
	if utf8.RuneCountInString(in.Title) > MaxDocumentTitle {
		return db.Invalid("title", "title_too_long", fmt.Sprintf("Tiêu đề quá dài (tối đa %d ký tự).", MaxDocumentTitle))
	}
	if utf8.RuneCountInString(in.Symbol) > MaxDocumentSymbol {
		return db.Invalid("symbol", "symbol_too_long", fmt.Sprintf("Số, ký hiệu quá dài (tối đa %d ký tự).", MaxDocumentSymbol))
	}
	if utf8.RuneCountInString(in.Issuer) > MaxDocumentIssuer {
		return db.Invalid("issuer", "issuer_too_long", fmt.Sprintf("Cơ quan ban hành quá dài (tối đa %d ký tự).", MaxDocumentIssuer))
	}
	if utf8.RuneCountInString(in.Summary) > MaxDocumentSummary {
		return db.Invalid("summary", "summary_too_long", fmt.Sprintf("Trích yếu quá dài (tối đa %d ký tự).", MaxDocumentSummary))
	}
	if len(in.Body) > MaxDocumentBody {
		return db.Invalid("body", "body_too_large", "Nội dung quá dài (tối đa 2 MB).")
	}
	if in.IssuedOn != "" {
		d, err := time.Parse(time.DateOnly, in.IssuedOn)
		if err != nil || d.Year() < 1930 || d.Year() > 9999 {
			return db.Invalid("issued_on", "invalid_issued_on", "Ngày ban hành không hợp lệ (định dạng YYYY-MM-DD).")
		}
	}
	if in.AudienceUnitID <= 0 {
		return db.Invalid("audience_unit_id", "audience_required", "Chưa chọn phạm vi gửi (tổ chức nhận tài liệu).")
	}
	if in.CommentsUntil == nil {
		if in.Type == DocDraft {
			return db.Invalid("comments_until", "comments_until_required", "Dự thảo phải có hạn góp ý.")
		}
		return nil
	}
	unchanged := prev != nil && prev.CommentsUntil != nil && prev.CommentsUntil.Equal(*in.CommentsUntil)
	if !unchanged && !in.CommentsUntil.After(now) {
		return db.Invalid("comments_until", "comments_until_past", "Hạn góp ý phải ở tương lai.")
	}
	if prev != nil && prev.Status == StatusScheduled && prev.PublishAt != nil && in.Type == DocDraft {
		return docDeadlineAfter(in.CommentsUntil, *prev.PublishAt)
	}
	return nil
}

// docDeadlineAfter checks that a draft for comments still takes comments
// when it goes out.
func docDeadlineAfter(until *time.Time, goesOut time.Time) error {
	if until != nil && !until.After(goesOut) {
		return db.Invalid("comments_until", "comments_until_past", "Hạn góp ý của dự thảo phải sau thời điểm ban hành: hãy sửa hạn góp ý hoặc giờ ban hành.")
	}
	return nil
}

// docCheckText refuses text PostgreSQL or a reader would choke on: invalid
// UTF-8, NUL and other control characters (tab and newline are fine).
func docCheckText(field, s string) error {
	if !utf8.ValidString(s) {
		return db.Invalid(field, "invalid_utf8", "Nội dung chứa ký tự không hợp lệ (không phải UTF-8).")
	}
	for _, r := range s {
		if r < ' ' && r != '\t' && r != '\n' || r == 0x7f || unicode.Is(unicode.Cc, r) && r >= 0x80 {
			return db.Invalid(field, "invalid_character", "Nội dung chứa ký tự điều khiển không hợp lệ.")
		}
	}
	return nil
}

// docSame reports whether the input would change nothing in d.
func docSame(d Document, in DocumentInput) bool {
	cur := d.Input()
	sameTime := (cur.CommentsUntil == nil) == (in.CommentsUntil == nil) &&
		(cur.CommentsUntil == nil || cur.CommentsUntil.Equal(*in.CommentsUntil))
	cur.CommentsUntil, in.CommentsUntil = nil, nil
	return sameTime && cur == in
}

func docNull[T comparable](v T) *T {
	var zero T
	if v == zero {
		return nil
	}
	return &v
}

// docAccount is the account to record as author: nil for the command line
// and the scheduler.
func docAccount(a *Actor) *int64 {
	if a == nil || a.AccountID == 0 {
		return nil
	}
	return &a.AccountID
}

func docNotFound() error {
	return db.NotFound("document_not_found", "Không tìm thấy tài liệu.")
}

// docColumns is the one list of a document's columns, in docScan's order,
// over docFrom; body is the body expression (an empty string in lists).
// Every column is named, so a query may wrap the list in a subquery and
// refer to its columns (search does).
func docColumns(body string) string {
	return `d.id, d.type, coalesce(d.category, '') AS category, d.symbol, d.issuer,
	coalesce(to_char(d.issued_on, 'YYYY-MM-DD'), '') AS issued_on, d.title, d.summary, ` + body + ` AS body,
	d.audience_unit_id, au.name AS audience_unit_name, au.path::text AS audience_path, d.officers_only,
	d.comments_until, d.status, d.publish_at, d.published_at, d.retracted_at,
	coalesce(d.retract_reason, '') AS retract_reason, d.version, d.created_at, d.updated_at`
}

const docFrom = ` FROM documents d JOIN units au ON au.id = d.audience_unit_id `

// docScan is the one scan of docColumns; extra receives the columns a query
// selects after them.
func docScan(row pgx.Row, extra ...any) (Document, error) {
	var d Document
	dest := append([]any{&d.ID, &d.Type, &d.Category, &d.Symbol, &d.Issuer, &d.IssuedOn, &d.Title, &d.Summary, &d.Body,
		&d.AudienceUnitID, &d.AudienceUnitName, &d.AudiencePath, &d.OfficersOnly, &d.CommentsUntil,
		&d.Status, &d.PublishAt, &d.PublishedAt, &d.RetractedAt, &d.RetractReason, &d.Version, &d.CreatedAt, &d.UpdatedAt},
		extra...)
	err := row.Scan(dest...)
	return d, err
}

func docCollect(rows pgx.Rows, err error) ([]Document, error) {
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (Document, error) { return docScan(r) })
}

// docLoad reads a document with its body, without any access check;
// forUpdate locks the row for the rest of the transaction.
func docLoad(ctx context.Context, q db.Querier, id int64, forUpdate bool) (Document, error) {
	sql := `SELECT ` + docColumns("d.body") + docFrom + `WHERE d.id = $1`
	if forUpdate {
		sql += ` FOR UPDATE OF d`
	}
	d, err := docScan(q.QueryRow(ctx, sql, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return Document{}, docNotFound()
	}
	if err != nil {
		return Document{}, fmt.Errorf("content: load document %d: %w", id, err)
	}
	return d, nil
}

// docMayRead is the read rule of one document: a member reads a published
// document addressed to a subtree holding their cell (officers-only ones
// only with a position inside it); staff with viewer rights on the audience
// read it in any status. docVisibleSQL is the same rule in SQL.
func docMayRead(a *Actor, d Document) bool {
	return d.Status == StatusPublished && a.MayRead(d.AudiencePath, d.OfficersOnly) || a.Can(RoleViewer, d.AudiencePath)
}

// docForEdit loads and locks a document for a write by a: not found when a
// may not even read it (existence is not leaked), forbidden when a may read
// but not edit it.
func docForEdit(ctx context.Context, q db.Querier, a *Actor, id int64) (Document, error) {
	d, err := docLoad(ctx, q, id, true)
	if err != nil {
		return Document{}, err
	}
	if err := docMayEdit(a, d); err != nil {
		return Document{}, err
	}
	return d, nil
}

// docMayEdit is the write rule of one document: an editor of its audience.
func docMayEdit(a *Actor, d Document) error {
	if !docMayRead(a, d) {
		return docNotFound()
	}
	if !a.Can(RoleEditor, d.AudiencePath) {
		return db.Forbidden("forbidden", fmt.Sprintf("Bạn không có quyền sửa tài liệu gửi %s.", d.AudienceUnitName))
	}
	return nil
}

// docAudience returns the audience unit if a may publish to it.
func docAudience(ctx context.Context, q db.Querier, a *Actor, unitID int64) (Unit, error) {
	u, err := RequireUnit(ctx, q, a, RoleEditor, unitID)
	if errors.Is(err, db.ErrNotFound) {
		return Unit{}, db.Invalid("audience_unit_id", "unknown_unit", "Tổ chức nhận tài liệu không tồn tại.")
	}
	return u, err
}

// docFull adds what a reader of one document gets: the rendered body and the
// live attachments (docsFull).
func docFull(ctx context.Context, q db.Querier, d Document) (Document, error) {
	full, err := docsFull(ctx, q, []Document{d})
	if err != nil {
		return Document{}, err
	}
	return full[0], nil
}

// docsFull is docFull for many documents at once, the one place a reader's
// view of a document is built (the API's and the sync feeds'): the live
// attachments of all of them, oldest first, in one query, and each body
// rendered (RenderMarkdown), in parallel when there are many.
func docsFull(ctx context.Context, q db.Querier, docs []Document) ([]Document, error) {
	if len(docs) == 0 {
		return nil, nil
	}
	ids := make([]int64, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	rows, err := q.Query(ctx, `SELECT `+attColumns+` FROM attachments
		WHERE document_id = ANY($1) AND removed_at IS NULL ORDER BY document_id, id`, ids)
	if err != nil {
		return nil, fmt.Errorf("content: attachments of documents: %w", err)
	}
	all, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Attachment, error) { return attScan(r) })
	if err != nil {
		return nil, fmt.Errorf("content: attachments of documents: %w", err)
	}
	atts := make(map[int64][]Attachment)
	for _, a := range all {
		atts[a.DocumentID] = append(atts[a.DocumentID], a)
	}
	audios, err := docAudios(ctx, q, ids)
	if err != nil {
		return nil, err
	}
	out := make([]Document, len(docs))
	build := func(i int) {
		d := docs[i]
		d.BodyHTML = RenderMarkdown(d.Body)
		d.Attachments = atts[d.ID]
		d.Audio = audios[d.ID]
		if d.Attachments == nil {
			d.Attachments = []Attachment{}
		}
		out[i] = d
	}
	docParallel(len(docs), build)
	return out, nil
}

// docParallel calls f(i) for every i in [0, n), spread over the CPUs when n
// is large enough for it to pay.
func docParallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n/256)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				lo := int(next.Add(64)) - 64
				if lo >= n {
					return
				}
				for i := lo; i < min(lo+64, n); i++ {
					f(i)
				}
			}
		})
	}
	wg.Wait()
}

const insertDocumentSQL = `
INSERT INTO documents (type, category, symbol, issuer, issued_on, title, summary, body,
                       audience_unit_id, officers_only, comments_until, created_by, updated_by)
VALUES ($1, $2, $3, $4, $5::date, $6, $7, $8, $9, $10, $11, $12, $12)
RETURNING id`

// CreateDocument saves a new document as a draft. The actor must be an
// editor of the audience unit. It writes the audit entry too: run it in the
// caller's transaction.
func CreateDocument(ctx context.Context, q db.Querier, a *Actor, in DocumentInput) (Document, error) {
	in.normalize()
	if err := in.validate(time.Now(), nil); err != nil {
		return Document{}, err
	}
	if _, err := docAudience(ctx, q, a, in.AudienceUnitID); err != nil {
		return Document{}, err
	}
	var id int64
	err := q.QueryRow(ctx, insertDocumentSQL, in.Type, docNull(in.Category), in.Symbol, in.Issuer, docNull(in.IssuedOn),
		in.Title, in.Summary, in.Body, in.AudienceUnitID, in.OfficersOnly, in.CommentsUntil, docAccount(a)).Scan(&id)
	if err != nil {
		return Document{}, db.Translate(err, "tài liệu")
	}
	d, err := docLoad(ctx, q, id, false)
	if err != nil {
		return Document{}, err
	}
	if err := docChanged(ctx, q, nil, d); err != nil {
		return Document{}, err
	}
	if err := Audit(ctx, q, a, "document.create", "document", strconv.FormatInt(id, 10),
		map[string]any{"title": d.Title, "type": d.Type, "audience_unit_id": d.AudienceUnitID}); err != nil {
		return Document{}, err
	}
	return docFull(ctx, q, d)
}

const updateDocumentSQL = `
UPDATE documents SET type = $2, category = $3, symbol = $4, issuer = $5, issued_on = $6::date, title = $7,
       summary = $8, body = $9, audience_unit_id = $10, officers_only = $11, comments_until = $12,
       updated_by = $13, updated_at = now()
WHERE id = $1`

// UpdateDocument saves an edit. The actor must be an editor of the current
// audience and, when it changes, of the new one. A draft or scheduled
// document changes in place; a published one gets a new version (docRevise),
// snapshotted in document_versions, so what members read before stays
// readable. A retracted document cannot be edited. An edit that changes
// nothing is not a new version.
func UpdateDocument(ctx context.Context, q db.Querier, a *Actor, id int64, in DocumentInput) (Document, error) {
	old, err := docForEdit(ctx, q, a, id)
	if err != nil {
		return Document{}, err
	}
	if old.Status == StatusRetracted {
		return Document{}, db.Conflict("document_retracted", "Tài liệu đã thu hồi, không thể sửa.")
	}
	in.normalize()
	if err := in.validate(time.Now(), &old); err != nil {
		return Document{}, err
	}
	if in.AudienceUnitID != old.AudienceUnitID {
		if _, err := docAudience(ctx, q, a, in.AudienceUnitID); err != nil {
			return Document{}, err
		}
	}
	if docSame(old, in) {
		return docFull(ctx, q, old)
	}
	// The sync feeds are written in docChanged, in this transaction.
	_, err = q.Exec(ctx, updateDocumentSQL, id, in.Type, docNull(in.Category), in.Symbol, in.Issuer, docNull(in.IssuedOn),
		in.Title, in.Summary, in.Body, in.AudienceUnitID, in.OfficersOnly, in.CommentsUntil, docAccount(a))
	if err != nil {
		return Document{}, db.Translate(err, "tài liệu")
	}
	d, err := docRevise(ctx, q, a, id)
	if err != nil {
		return Document{}, err
	}
	if err := docChanged(ctx, q, &old, d); err != nil {
		return Document{}, err
	}
	details := map[string]any{"version": d.Version, "status": d.Status}
	if d.AudienceUnitID != old.AudienceUnitID {
		details["audience_unit_id"] = d.AudienceUnitID
		details["previous_audience_unit_id"] = old.AudienceUnitID
	}
	if err := Audit(ctx, q, a, "document.update", "document", strconv.FormatInt(id, 10), details); err != nil {
		return Document{}, err
	}
	return docFull(ctx, q, d)
}

// GetDocument returns a document with its body (and BodyHTML) and live
// attachments, if the actor may read it (see docMayRead). Anyone else gets
// not found, never forbidden: existence is not leaked.
func GetDocument(ctx context.Context, q db.Querier, a *Actor, id int64) (Document, error) {
	d, err := docLoad(ctx, q, id, false)
	if err != nil {
		return Document{}, err
	}
	if !docMayRead(a, d) {
		return Document{}, docNotFound()
	}
	return docFull(ctx, q, d)
}

// docScope says whose view a query takes.
type docScope int

const (
	docAsMember docScope = 1 << iota // published documents addressed to the actor's cell
	docAsStaff                       // any status, audience inside the actor's grants
)

// docArgs collects positional arguments while a query is built.
type docArgs []any

func (a *docArgs) add(v any) string {
	*a = append(*a, v)
	return "$" + strconv.Itoa(len(*a))
}

// docVisibleSQL is the read rule (docMayRead) as a SQL condition over d
// (documents) and au (its audience unit), for lists and search: the one
// place it is written. For a member, the audience must be an ancestor of (or
// be) their cell, and officers-only documents need a position inside the
// audience; for staff, the audience must lie inside one of their grants.
func docVisibleSQL(a *Actor, scope docScope, args *docArgs) string {
	var or []string
	if scope&docAsMember != 0 && a != nil && a.CellPath != "" {
		officers := a.OfficerPaths
		if officers == nil {
			officers = []string{}
		}
		or = append(or, `(d.status = 'published' AND au.path @> `+args.add(a.CellPath)+`::text::ltree
			AND (NOT d.officers_only OR au.path @> `+args.add(officers)+`::text[]::ltree[]))`)
	}
	if scope&docAsStaff != 0 && a.IsStaff() {
		paths := make([]string, len(a.Grants))
		for i, g := range a.Grants {
			paths[i] = g.UnitPath // every role includes viewer
		}
		or = append(or, `au.path <@ `+args.add(paths)+`::text[]::ltree[]`)
	}
	if len(or) == 0 {
		return "false"
	}
	return "(" + strings.Join(or, " OR ") + ")"
}

// DocumentFilter selects documents for ListDocuments.
type DocumentFilter struct {
	// Manage lists as staff: every status, audiences inside the actor's
	// grants, newest change first. Otherwise the list is what the actor
	// reads as a member: published documents addressed to their cell,
	// newest publication first.
	Manage   bool
	Type     DocumentType     // optional
	Category DocumentCategory // optional
	Status   DocumentStatus   // optional (members only ever see published)
	UnitID   int64            // optional: audience is this unit or below it
	Cursor   string           // from the previous page; empty for the first
	Limit    int              // 1..100, default 20
}

// ListDocuments returns one page of documents (without bodies) and the
// cursor of the next page ("" after the last). Pages are keyset-paginated on
// (published_at, id) for members and (updated_at, id) for staff, both
// descending, so a page never repeats or skips a row because others were
// added meanwhile.
func ListDocuments(ctx context.Context, q db.Querier, a *Actor, f DocumentFilter) ([]Document, string, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = 20
	}
	limit = min(limit, 100)
	var args docArgs
	scope, order := docAsMember, "d.published_at"
	if f.Manage {
		scope, order = docAsStaff, "d.updated_at"
	}
	where := []string{docVisibleSQL(a, scope, &args)}
	if f.Type != "" {
		if !f.Type.Valid() {
			return nil, "", db.Invalid("type", "invalid_type", "Loại tài liệu không hợp lệ.")
		}
		where = append(where, "d.type = "+args.add(f.Type))
	}
	if f.Category != "" {
		if !f.Category.Valid() {
			return nil, "", db.Invalid("category", "invalid_category", "Chuyên mục không hợp lệ.")
		}
		where = append(where, "d.category = "+args.add(f.Category))
	}
	if f.Status != "" {
		if !f.Status.Valid() {
			return nil, "", db.Invalid("status", "invalid_status", "Trạng thái không hợp lệ.")
		}
		where = append(where, "d.status = "+args.add(f.Status))
	}
	if f.UnitID != 0 {
		where = append(where, "au.path <@ (SELECT path FROM units WHERE id = "+args.add(f.UnitID)+")")
	}
	if f.Cursor != "" {
		at, id, err := docParseCursor(f.Cursor)
		if err != nil {
			return nil, "", err
		}
		where = append(where, "("+order+", d.id) < ("+args.add(at)+"::timestamptz, "+args.add(id)+"::bigint)")
	}
	sql := `SELECT ` + docColumns("''") + docFrom + `WHERE ` + strings.Join(where, " AND ") +
		` ORDER BY ` + order + ` DESC, d.id DESC LIMIT ` + args.add(limit+1)
	docs, err := docCollect(q.Query(ctx, sql, args...))
	if err != nil {
		return nil, "", fmt.Errorf("content: list documents: %w", err)
	}
	next := ""
	if len(docs) > limit {
		docs = docs[:limit]
		last := docs[limit-1]
		at := last.UpdatedAt
		if !f.Manage && last.PublishedAt != nil {
			at = *last.PublishedAt
		}
		next = docCursor(at, last.ID)
	}
	return docs, next, nil
}

// docCursor encodes a keyset position; clients treat it as opaque.
func docCursor(at time.Time, id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(at.UnixMicro(), 10) + "." + strconv.FormatInt(id, 10)))
}

func docParseCursor(s string) (time.Time, int64, error) {
	bad := db.Invalid("cursor", "invalid_cursor", "Con trỏ phân trang không hợp lệ.")
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return time.Time{}, 0, bad
	}
	us, ids, ok := strings.Cut(string(raw), ".")
	micros, err1 := strconv.ParseInt(us, 10, 64)
	id, err2 := strconv.ParseInt(ids, 10, 64)
	if !ok || err1 != nil || err2 != nil {
		return time.Time{}, 0, bad
	}
	return time.UnixMicro(micros).UTC(), id, nil
}

// DocumentVersion is a published state of a document, as members read it:
// every field a reader sees and the attachments it carried. Version lists
// leave Body and BodyHTML empty.
type DocumentVersion struct {
	DocumentID     int64               `json:"document_id"`
	Version        int                 `json:"version"`
	Type           DocumentType        `json:"type"`
	Category       DocumentCategory    `json:"category,omitempty"`
	Symbol         string              `json:"symbol"`
	Issuer         string              `json:"issuer"`
	IssuedOn       string              `json:"issued_on,omitempty"`
	Title          string              `json:"title"`
	Summary        string              `json:"summary"`
	Body           string              `json:"body,omitempty"`
	BodyHTML       string              `json:"body_html,omitempty"`
	AudienceUnitID int64               `json:"audience_unit_id"`
	AudiencePath   string              `json:"-"` // the version's audience unit's ltree path
	OfficersOnly   bool                `json:"officers_only"`
	CommentsUntil  *time.Time          `json:"comments_until"`
	Attachments    []VersionAttachment `json:"attachments"` // oldest first; empty, never null, when it had none
	CreatedAt      time.Time           `json:"created_at"`
}

// VersionAttachment is an attachment as a version of a document carried it
// (a later version may have dropped it); its bytes are in the blob store
// under SHA256.
type VersionAttachment struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"`
}

// docSnapshotSQL copies a document's current state, with its live
// attachments (oldest first, as VersionAttachment), into document_versions
// under its current version number.
const docSnapshotSQL = `
INSERT INTO document_versions (document_id, version, type, category, symbol, issuer, issued_on, title, summary, body,
                               audience_unit_id, officers_only, comments_until, attachments, created_by)
SELECT d.id, d.version, d.type, d.category, d.symbol, d.issuer, d.issued_on, d.title, d.summary, d.body,
       d.audience_unit_id, d.officers_only, d.comments_until,
       coalesce((SELECT jsonb_agg(jsonb_build_object('id', a.id, 'name', a.name, 'content_type', a.content_type,
                                                     'size', a.size, 'sha256', a.sha256) ORDER BY a.id)
                 FROM attachments a WHERE a.document_id = d.id AND a.removed_at IS NULL), '[]'),
       coalesce($2, d.updated_by)
FROM documents d WHERE d.id = $1`

// docSnapshot records the document's current version (docSnapshotSQL); by
// is its author (nil: the document's last editor).
func docSnapshot(ctx context.Context, q db.Querier, by *Actor, id int64) error {
	if _, err := q.Exec(ctx, docSnapshotSQL, id, docAccount(by)); err != nil {
		return db.Translate(err, "phiên bản tài liệu")
	}
	return nil
}

// docRevise is the versioning rule, in one place: every change a reader of
// a published document sees (an edit, an attachment added or removed) calls
// it in the change's transaction, after writing the change and before
// docChanged. A published document gets the next version number and its
// snapshot (docSnapshot: the fields and the attachments as they now stand);
// a draft or scheduled document changes in place, still version 0, and
// publishing snapshots it (docPublishLocked). A caller whose change changes
// nothing does not call it: no change, no version. It returns the document
// as stored afterwards.
func docRevise(ctx context.Context, q db.Querier, by *Actor, id int64) (Document, error) {
	tag, err := q.Exec(ctx, `UPDATE documents SET version = version + 1 WHERE id = $1 AND status = 'published'`, id)
	if err != nil {
		return Document{}, fmt.Errorf("content: new version of document %d: %w", id, err)
	}
	if tag.RowsAffected() == 1 {
		if err := docSnapshot(ctx, q, by, id); err != nil {
			return Document{}, err
		}
	}
	return docLoad(ctx, q, id, false)
}

// docVersionColumns lists a version's columns for docScanVersion, over
// docVersionFrom; body is the body expression (an empty string in lists).
func docVersionColumns(body string) string {
	return `v.document_id, v.version, v.type, coalesce(v.category, ''), v.symbol, v.issuer,
	coalesce(to_char(v.issued_on, 'YYYY-MM-DD'), ''), v.title, v.summary, ` + body + `, v.audience_unit_id, vu.path::text,
	v.officers_only, v.comments_until, v.attachments, v.created_at`
}

// docVersionFrom joins each version to its own audience unit: a version is
// read under the audience it was published to, not the document's current one.
const docVersionFrom = ` FROM document_versions v JOIN units vu ON vu.id = v.audience_unit_id `

func docScanVersion(row pgx.Row) (DocumentVersion, error) {
	var v DocumentVersion
	err := row.Scan(&v.DocumentID, &v.Version, &v.Type, &v.Category, &v.Symbol, &v.Issuer, &v.IssuedOn, &v.Title,
		&v.Summary, &v.Body, &v.AudienceUnitID, &v.AudiencePath, &v.OfficersOnly, &v.CommentsUntil, &v.Attachments,
		&v.CreatedAt)
	if v.Attachments == nil {
		v.Attachments = []VersionAttachment{}
	}
	return v, err
}

// docMayReadVersion is the read rule (docMayRead) of one version of d: the
// document as it stands now (its status) under the version's own audience
// and officers-only flag. A version once addressed to officers only, or to
// another subtree, stays closed to whoever could not read it then.
func docMayReadVersion(a *Actor, d Document, v DocumentVersion) bool {
	d.AudienceUnitID, d.AudiencePath, d.OfficersOnly = v.AudienceUnitID, v.AudiencePath, v.OfficersOnly
	return docMayRead(a, d)
}

func docVersionNotFound() error {
	return db.NotFound("version_not_found", "Không tìm thấy phiên bản này của tài liệu.")
}

// DocumentVersions lists a document's published versions, newest first,
// without bodies but with their attachments, to whoever may read the
// document: only the versions the actor may read under their own audience
// (docMayReadVersion).
func DocumentVersions(ctx context.Context, q db.Querier, a *Actor, id int64) ([]DocumentVersion, error) {
	d, err := GetDocumentMeta(ctx, q, a, id)
	if err != nil {
		return nil, err
	}
	rows, err := q.Query(ctx, `SELECT `+docVersionColumns("''")+docVersionFrom+`
		WHERE v.document_id = $1 ORDER BY v.version DESC`, id)
	if err != nil {
		return nil, fmt.Errorf("content: document versions %d: %w", id, err)
	}
	all, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (DocumentVersion, error) { return docScanVersion(r) })
	if err != nil {
		return nil, fmt.Errorf("content: document versions %d: %w", id, err)
	}
	vs := make([]DocumentVersion, 0, len(all))
	for _, v := range all {
		if docMayReadVersion(a, d, v) {
			vs = append(vs, v)
		}
	}
	return vs, nil
}

// GetDocumentVersion returns version n of a document, with its body, to
// whoever may read the document and that version (docMayReadVersion);
// anyone else gets not found.
func GetDocumentVersion(ctx context.Context, q db.Querier, a *Actor, id int64, n int) (DocumentVersion, error) {
	d, err := GetDocumentMeta(ctx, q, a, id)
	if err != nil {
		return DocumentVersion{}, err
	}
	v, err := docScanVersion(q.QueryRow(ctx, `SELECT `+docVersionColumns("v.body")+docVersionFrom+`
		WHERE v.document_id = $1 AND v.version = $2`, id, n))
	if errors.Is(err, pgx.ErrNoRows) {
		return DocumentVersion{}, docVersionNotFound()
	}
	if err != nil {
		return DocumentVersion{}, fmt.Errorf("content: document %d version %d: %w", id, n, err)
	}
	if !docMayReadVersion(a, d, v) {
		return DocumentVersion{}, docVersionNotFound()
	}
	v.BodyHTML = RenderMarkdown(v.Body)
	return v, nil
}

// GetDocumentMeta is GetDocument without the body and attachments: for
// access checks and headers (an attachment download, a version list).
func GetDocumentMeta(ctx context.Context, q db.Querier, a *Actor, id int64) (Document, error) {
	d, err := docScan(q.QueryRow(ctx, `SELECT `+docColumns("''")+docFrom+`WHERE d.id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return Document{}, docNotFound()
	}
	if err != nil {
		return Document{}, fmt.Errorf("content: load document %d: %w", id, err)
	}
	if !docMayRead(a, d) {
		return Document{}, docNotFound()
	}
	return d, nil
}
