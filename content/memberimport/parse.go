package memberimport

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"sotay/content"
	"sotay/db"
)

// This file is the parsing and validation layer: CSV in, normalised records
// and row errors out, without a database (FuzzParse drives it).

// field is one known column of the file.
type field int

const (
	fCard field = iota
	fName
	fBirth
	fGender
	fPhone
	fStatus
	fJoined
	fOfficial
	fCell
	nFields
)

// fieldNames are the canonical (English) header names.
var fieldNames = [nFields]string{"card_number", "full_name", "birth_date", "gender", "phone", "status", "joined_on", "official_on", "cell_code"}

// fieldLabels say what each column is, in Vietnamese, for messages.
var fieldLabels = [nFields]string{"số thẻ đảng viên", "họ và tên", "ngày sinh", "giới tính", "số điện thoại", "trạng thái", "ngày vào Đảng", "ngày chính thức", "mã chi bộ"}

var requiredFields = []field{fCard, fName, fStatus, fCell}

// headerAliases maps a folded header (lower case, no diacritics, words
// joined by "_") to its column.
var headerAliases = map[string]field{}

func init() {
	for f, names := range map[field][]string{
		fCard:     {"card_number", "card", "card_no", "so_the", "so_the_dang_vien", "the_dang_vien", "ma_the", "so_the_dv"},
		fName:     {"full_name", "name", "ho_ten", "ho_va_ten", "ten", "ho_ten_dang_vien"},
		fBirth:    {"birth_date", "date_of_birth", "dob", "birthday", "ngay_sinh", "ngay_thang_nam_sinh"},
		fGender:   {"gender", "sex", "gioi_tinh"},
		fPhone:    {"phone", "phone_number", "mobile", "so_dien_thoai", "dien_thoai", "sdt", "so_dt"},
		fStatus:   {"status", "trang_thai", "loai_dang_vien"},
		fJoined:   {"joined_on", "ngay_vao_dang", "ngay_ket_nap", "ngay_ket_nap_dang"},
		fOfficial: {"official_on", "ngay_chinh_thuc", "ngay_cong_nhan_chinh_thuc"},
		fCell:     {"cell_code", "unit_code", "ma_chi_bo", "chi_bo", "ma_don_vi", "ma_to_chuc"},
	} {
		for _, n := range names {
			headerAliases[n] = f
		}
	}
}

// record is one data row, normalised. Zero times are empty dates.
type record struct {
	line                    int
	card, name              string
	gender, phone           string // "" when empty
	status                  string
	cellCode                string
	birth, joined, official time.Time
	bad                     bool // some column failed validation
}

// parsed is a whole file after the Go-side validation.
type parsed struct {
	header  []string       // column names as written in the file
	col     [nFields]int   // index of each known column in the header
	present [nFields]bool  // which known columns the header has
	rows    int            // data rows (blank rows are not counted)
	recs    []record       // every row that could be read as a record, bad or not
	errs    []RowError     // row errors found so far
	colPos  map[string]int // header name -> position, to sort errors
	words   [nFields]map[string]word
}

// word is the outcome of a content.Parse function on one value.
type word struct {
	v   string
	err error
}

// parseWord is parse(s), remembered per column: a file has a handful of
// distinct statuses and genders, written 100,000 times, and parsing them
// folds diacritics.
func (p *parsed) parseWord(f field, s string, parse func(string) (string, error)) (string, error) {
	if w, ok := p.words[f][s]; ok {
		return w.v, w.err
	}
	v, err := parse(s)
	if p.words[f] == nil {
		p.words[f] = map[string]word{}
	}
	if len(p.words[f]) < 256 {
		p.words[f][s] = word{v, err}
	}
	return v, err
}

func parseStatus(s string) (string, error) {
	st, err := content.ParseMemberStatus(s)
	return string(st), err
}

func (p *parsed) column(f field) string { return p.header[p.col[f]] }

// addRuleErr reports a broken member rule (see content.RuleError) on line,
// in the column of the rule's field.
func (p *parsed) addRuleErr(line int, err error) {
	var re *content.RuleError
	if !errors.As(err, &re) {
		p.addErr(line, -1, "%s", err.Error())
		return
	}
	f := field(-1)
	for i, n := range fieldNames {
		if n == re.Field {
			f = field(i)
		}
	}
	p.addErr(line, f, "%s", re.Reason)
}

func (p *parsed) addErr(line int, f field, format string, args ...any) {
	col := ""
	if f >= 0 && f < nFields && p.present[f] {
		col = p.column(f)
	}
	p.errs = append(p.errs, RowError{Line: line, Column: col, Reason: fmt.Sprintf(format, args...)})
}

// sortErrors orders errors by line, then by the column's place in the header.
func sortErrors(errs []RowError, colPos map[string]int) {
	sort.SliceStable(errs, func(i, j int) bool {
		if errs[i].Line != errs[j].Line {
			return errs[i].Line < errs[j].Line
		}
		pi, iok := colPos[errs[i].Column]
		pj, jok := colPos[errs[j].Column]
		if !iok || !jok {
			return !iok && jok // row-level errors (no column) first
		}
		return pi < pj
	})
}

// badFile is a structural problem: the file as a whole cannot be imported.
func badFile(code, msg string) *db.Error {
	return db.Invalid("file", code, msg)
}

// maxHeaderBytes bounds the header line; a longer one is not a member list.
const maxHeaderBytes = 64 << 10

// parse reads and validates a member list. today (a UTC midnight) is the
// reference for "not in the future". progress, if not nil, is called now
// and then with the number of rows read. The error is a structural problem;
// row problems are in parsed.errs.
func parse(r io.Reader, today time.Time, progress func(rows int)) (*parsed, error) {
	br := bufio.NewReaderSize(r, maxHeaderBytes)
	if b, _ := br.Peek(3); bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3)
	} else if bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) {
		return nil, badFile("import_not_utf8", "Tệp được lưu bằng mã UTF-16; hãy lưu lại dưới dạng “CSV UTF-8”.")
	}
	headLine, err := br.ReadSlice('\n')
	switch {
	case errors.Is(err, bufio.ErrBufferFull):
		return nil, badFile("import_not_csv", "Dòng tiêu đề quá dài: tệp không phải danh sách CSV.")
	case err != nil && err != io.EOF:
		return nil, fmt.Errorf("memberimport: read header: %w", err)
	}
	head := string(headLine)
	if strings.TrimSpace(head) == "" {
		return nil, badFile("import_empty", "Tệp trống hoặc dòng đầu không phải dòng tiêu đề.")
	}
	if !utf8.ValidString(head) {
		return nil, badFile("import_not_utf8", "Dòng tiêu đề không phải văn bản UTF-8: tệp không phải CSV (tệp Excel .xlsx?) hoặc không lưu bằng mã UTF-8. Hãy lưu dưới dạng “CSV UTF-8”.")
	}

	cr := csv.NewReader(io.MultiReader(strings.NewReader(head), br))
	cr.Comma = detectDelimiter(head)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	hdr, err := cr.Read()
	if err != nil {
		return nil, badFile("import_not_csv", "Không đọc được dòng tiêu đề CSV: "+csvReason(err))
	}

	p := &parsed{colPos: map[string]int{}}
	for i := range p.col {
		p.col[i] = -1
	}
	for i, h := range hdr {
		h = strings.TrimSpace(h)
		p.header = append(p.header, h)
		if _, dup := p.colPos[h]; !dup {
			p.colPos[h] = i
		}
		f, ok := headerAliases[foldHeader(h)]
		if !ok {
			continue // unknown columns (STT, ghi chú...) are ignored
		}
		if p.present[f] {
			return nil, badFile("import_duplicate_column", fmt.Sprintf("Cột %s có hai lần trong dòng tiêu đề (%q và %q).", fieldNames[f], p.header[p.col[f]], h))
		}
		p.present[f], p.col[f] = true, i
	}
	var missing []string
	for _, f := range requiredFields {
		if !p.present[f] {
			missing = append(missing, fieldNames[f]+" ("+fieldLabels[f]+")")
		}
	}
	if len(missing) > 0 {
		e := badFile("import_missing_column", "Thiếu cột bắt buộc trong dòng tiêu đề: "+strings.Join(missing, ", ")+
			". Dòng tiêu đề phải có card_number, full_name, status, cell_code (thứ tự tùy ý; xem tài liệu về tên cột tiếng Việt).")
		e.Field = fieldNames[requiredFieldMissing(p)]
		return nil, e
	}

	cards := map[string]int{}  // card number -> first line
	phones := map[string]int{} // phone -> first line
	lastReport := time.Now()
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			p.rows++
			p.errs = append(p.errs, RowError{Line: pe.StartLine, Reason: "lỗi định dạng CSV: " + csvReason(err)})
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("memberimport: read: %w", err)
		}
		if blank(rec) {
			continue
		}
		line, _ := cr.FieldPos(0)
		p.rows++
		if progress != nil && p.rows%1024 == 0 && time.Since(lastReport) >= time.Second {
			progress(p.rows)
			lastReport = time.Now()
		}
		if len(rec) < len(hdr) || len(rec) > len(hdr) && !blank(rec[len(hdr):]) {
			p.errs = append(p.errs, RowError{Line: line, Reason: fmt.Sprintf("dòng có %d cột, dòng tiêu đề có %d cột", len(rec), len(hdr))})
			continue
		}
		rc := p.validate(rec, line, today)
		if rc.card != "" {
			if first, ok := cards[rc.card]; ok {
				p.addErr(line, fCard, "số thẻ %s trùng với dòng %d", rc.card, first)
				rc.bad = true
			} else {
				cards[rc.card] = line
			}
		}
		if rc.phone != "" {
			if first, ok := phones[rc.phone]; ok {
				p.addErr(line, fPhone, "số điện thoại %s trùng với dòng %d", rc.phone, first)
				rc.bad = true
			} else {
				phones[rc.phone] = line
			}
		}
		p.recs = append(p.recs, rc)
	}
	if progress != nil {
		progress(p.rows)
	}
	return p, nil
}

// validate checks and normalises one row by the member rules of package
// content (the same rules as the API's). Values that cannot be read stay
// empty in the record (so the file-wide checks skip them), and a record
// with any error is marked bad.
func (p *parsed) validate(rec []string, line int, today time.Time) record {
	rc := record{line: line}
	nErrs := len(p.errs)
	var ok [nFields]bool // the column is present and valid UTF-8
	for i, v := range rec {
		if !utf8.ValidString(v) {
			col := fmt.Sprintf("cột %d", i+1)
			if i < len(p.header) && p.header[i] != "" {
				col = p.header[i]
			}
			p.errs = append(p.errs, RowError{Line: line, Column: col, Reason: "giá trị không phải văn bản UTF-8 (hãy lưu tệp dưới dạng “CSV UTF-8”)"})
		}
	}
	for f := range nFields {
		ok[f] = p.present[f] && utf8.ValidString(rec[p.col[f]])
	}
	val := func(f field) string { return strings.TrimSpace(rec[p.col[f]]) }

	var err error
	if ok[fCard] {
		if rc.card, err = content.ParseCardNumber(val(fCard)); err != nil {
			p.addRuleErr(line, err)
		}
	}
	if ok[fName] {
		if rc.name, err = content.ParseFullName(rec[p.col[fName]]); err != nil {
			p.addRuleErr(line, err)
		}
	}
	if ok[fStatus] {
		if rc.status, err = p.parseWord(fStatus, val(fStatus), parseStatus); err != nil {
			p.addRuleErr(line, err)
		}
	}
	if ok[fGender] {
		if rc.gender, err = p.parseWord(fGender, val(fGender), content.ParseGender); err != nil {
			p.addRuleErr(line, err)
		}
	}
	if ok[fPhone] {
		if rc.phone, err = content.ParsePhone(val(fPhone)); err != nil {
			p.addRuleErr(line, err)
		}
	}
	if ok[fCell] {
		if s := val(fCell); s == "" {
			p.addErr(line, fCell, "thiếu mã chi bộ")
		} else if !content.ValidUnitCode(s) {
			p.addErr(line, fCell, "mã chi bộ %s không hợp lệ (chỉ gồm chữ, số, dấu chấm, gạch ngang, gạch dưới)", quote(s))
		} else {
			rc.cellCode = s
		}
	}
	// date reads a date column into d; nil when empty or unreadable.
	date := func(f field, d *content.Date) *content.Date {
		if !ok[f] {
			return nil
		}
		s := val(f)
		if s == "" {
			return nil
		}
		v, err := content.ParseDate(s)
		if err != nil {
			p.addErr(line, f, "%s", err.Error())
			return nil
		}
		*d = v
		return d
	}
	var birth, joined, official content.Date
	in := content.MemberInput{
		Status:     content.MemberStatus(rc.status),
		BirthDate:  date(fBirth, &birth),
		JoinedOn:   date(fJoined, &joined),
		OfficialOn: date(fOfficial, &official),
	}
	if err := in.Validate(content.Date{Time: today}); err != nil {
		var errs content.RuleErrors
		if errors.As(err, &errs) {
			for _, e := range errs {
				p.addRuleErr(line, e)
			}
		} else {
			p.addRuleErr(line, err)
		}
	}
	rc.birth, rc.joined, rc.official = birth.Time, joined.Time, official.Time
	rc.bad = len(p.errs) > nErrs
	return rc
}

// detectDelimiter picks ';' when the header has more semicolons than commas
// outside quotes, ',' otherwise.
func detectDelimiter(head string) rune {
	commas, semis, quoted := 0, 0, false
	for _, c := range head {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == ',':
			commas++
		case c == ';':
			semis++
		}
	}
	if semis > commas {
		return ';'
	}
	return ','
}

func csvReason(err error) string {
	switch {
	case errors.Is(err, csv.ErrQuote):
		return "dấu ngoặc kép (\") không khớp: giá trị mở bằng ngoặc kép phải đóng bằng ngoặc kép, và ngoặc kép bên trong phải viết đôi (\"\")"
	case errors.Is(err, csv.ErrBareQuote):
		return "dấu ngoặc kép (\") trong một giá trị không nằm trong ngoặc kép; hãy đặt cả giá trị trong ngoặc kép và viết đôi ngoặc kép bên trong (\"\")"
	case errors.Is(err, io.EOF):
		return "tệp trống"
	}
	return err.Error()
}

func requiredFieldMissing(p *parsed) field {
	for _, f := range requiredFields {
		if !p.present[f] {
			return f
		}
	}
	return fCard
}

func blank(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// quote shows a user's value in a message, cut to a sensible length.
func quote(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		s = string([]rune(s)[:40]) + "…"
	}
	return strconv.Quote(s)
}

// foldHeader folds a column name (see content.FoldWords) with its words
// joined by "_".
func foldHeader(s string) string { return strings.ReplaceAll(content.FoldWords(s), " ", "_") }
