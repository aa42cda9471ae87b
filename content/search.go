package content

import (
	"context"
	"fmt"
	"html"
	"strings"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"sotay/db"
)

// MaxSearchQuery is the longest search query accepted (characters).
const MaxSearchQuery = 200

// SearchHit is one search result: the document (without body), a snippet of
// its text around the matches as safe HTML (escaped, matches in <mark>), and
// the rank the results are ordered by.
type SearchHit struct {
	Document Document `json:"document"`
	Snippet  string   `json:"snippet"`
	Rank     float32  `json:"rank"`
}

// The snippet markers: control characters, which documents cannot contain
// (docCheckText refuses them), so ts_headline's output can be escaped as a
// whole and the markers then turned into tags.
const (
	searchStart = "\x01"
	searchStop  = "\x02"
)

const searchHeadlineOptions = "StartSel=" + searchStart + ", StopSel=" + searchStop +
	`, MaxWords=35, MinWords=15, ShortWord=1, MaxFragments=2, FragmentDelimiter=" … "`

// searchSQL ranks first and makes snippets only for the page of hits:
// ts_headline re-parses the text, the costly part. The hits are the list
// columns (docColumns, scanned by docScan), the text snippets are cut from
// and the rank; %s is the visibility condition (docVisibleSQL).
//
// The snippet text is the indexed text (symbol, title, summary, the start
// of the body), so the words that matched are in it whichever field they
// came from.
var searchSQL = `
WITH q AS (SELECT websearch_to_tsquery('sotay_vi', translate($1, '/', ' ')) AS query),
hits AS (
    SELECT ` + docColumns("''") + `,
           d.symbol || ' ' || d.title || E'\n' || d.summary || E'\n' || left(d.body, 100000) AS snippet_text,
           ts_rank_cd(d.search, q.query) AS rank
    ` + docFrom + `, q
    WHERE d.search @@ q.query AND %s
    ORDER BY rank DESC, d.published_at DESC NULLS LAST, d.id DESC
    LIMIT $2)
SELECT hits.*, ts_headline('sotay_vi', hits.snippet_text, q.query, $3)
FROM hits, q
ORDER BY hits.rank DESC, hits.published_at DESC NULLS LAST, hits.id DESC`

// SearchDocuments finds the documents the actor may read (published ones
// addressed to their cell, and for staff anything inside their grants: the
// rule of ListDocuments, shared) that match query, best first. Matching
// ignores case and diacritics ("nghi quyet so 18" finds "Nghị quyết số
// 18-NQ/TU") and takes web-search syntax: "quoted phrases", or, -excluded.
// limit is 1..50 (default 20).
func SearchDocuments(ctx context.Context, q db.Querier, a *Actor, query string, limit int) ([]SearchHit, error) {
	query = strings.TrimSpace(query)
	if !utf8.ValidString(query) || strings.ContainsAny(query, searchStart+searchStop+"\x00") {
		return nil, db.Invalid("q", "invalid_query", "Từ khóa tìm kiếm chứa ký tự không hợp lệ.")
	}
	if query == "" {
		return nil, db.Invalid("q", "query_required", "Hãy nhập từ khóa tìm kiếm.")
	}
	if utf8.RuneCountInString(query) > MaxSearchQuery {
		return nil, db.Invalid("q", "query_too_long", fmt.Sprintf("Từ khóa tìm kiếm quá dài (tối đa %d ký tự).", MaxSearchQuery))
	}
	if limit <= 0 {
		limit = 20
	}
	limit = min(limit, 50)
	args := docArgs{query, limit, searchHeadlineOptions}
	sql := fmt.Sprintf(searchSQL, docVisibleSQL(a, docAsMember|docAsStaff, &args))
	rows, err := q.Query(ctx, sql, args...)
	if err != nil {
		return nil, fmt.Errorf("content: search: %w", err)
	}
	hits, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (SearchHit, error) {
		var h SearchHit
		var text, headline string
		d, err := docScan(r, &text, &h.Rank, &headline)
		h.Document = d
		h.Snippet = searchSnippetHTML(searchPlain(headline))
		return h, err
	})
	if err != nil {
		return nil, fmt.Errorf("content: search: %w", err)
	}
	return hits, nil
}

// searchPlain flattens a Markdown excerpt to one line of text: heading and
// list markers, ** and ` go, line breaks become spaces.
func searchPlain(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if _, text, ok := mdHeading(l); ok {
			l = text
		} else if _, _, text, ok := mdListItem(l); ok {
			l = text
		}
		lines[i] = l
	}
	s = strings.NewReplacer("**", "", "`", "").Replace(strings.Join(lines, " "))
	return strings.Join(strings.Fields(s), " ")
}

// searchSnippetHTML escapes a ts_headline result and turns its markers into
// <mark> tags, always balanced whatever the markers' order.
func searchSnippetHTML(headline string) string {
	var b strings.Builder
	open := false
	for {
		i := strings.IndexAny(headline, searchStart+searchStop)
		if i < 0 {
			break
		}
		b.WriteString(html.EscapeString(headline[:i]))
		switch {
		case headline[i] == searchStart[0] && !open:
			b.WriteString("<mark>")
			open = true
		case headline[i] == searchStop[0] && open:
			b.WriteString("</mark>")
			open = false
		}
		headline = headline[i+1:]
	}
	b.WriteString(html.EscapeString(headline))
	if open {
		b.WriteString("</mark>")
	}
	return b.String()
}
