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
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

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
	folded  map[string]string
}

// fold is foldWords, remembered: a file has a handful of distinct statuses
// and genders, written 100,000 times.
func (p *parsed) fold(s string) string {
	if f, ok := p.folded[s]; ok {
		return f
	}
	f := foldWords(s)
	if len(p.folded) < 256 {
		p.folded[s] = f
	}
	return f
}

func (p *parsed) column(f field) string { return p.header[p.col[f]] }

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

// partyFounded is 03/02/1930: nobody joined the Party before it.
var partyFounded = time.Date(1930, 2, 3, 0, 0, 0, 0, time.UTC)

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

	p := &parsed{colPos: map[string]int{}, folded: map[string]string{}}
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

// validate checks and normalises one row. Values that fail stay empty in
// the record (so later checks skip them) and the record is marked bad.
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

	if ok[fCard] {
		var why string
		if rc.card, why = normCard(val(fCard)); why != "" {
			p.addErr(line, fCard, "%s", why)
		}
	}
	if ok[fName] {
		var why string
		if rc.name, why = normName(rec[p.col[fName]]); why != "" {
			p.addErr(line, fName, "%s", why)
		}
	}
	if ok[fStatus] {
		if s := val(fStatus); s == "" {
			p.addErr(line, fStatus, "thiếu trạng thái (chính thức, dự bị hoặc miễn sinh hoạt)")
		} else if rc.status = parseStatus(p.fold(s)); rc.status == "" {
			p.addErr(line, fStatus, "trạng thái %s không hợp lệ: dùng chính thức, dự bị, miễn sinh hoạt (hoặc full, probationary, exempt)", quote(s))
		}
	}
	if ok[fGender] {
		if s := val(fGender); s != "" {
			if rc.gender = parseGender(p.fold(s)); rc.gender == "" {
				p.addErr(line, fGender, "giới tính %s không hợp lệ: dùng nam hoặc nữ (male, female) hoặc để trống", quote(s))
			}
		}
	}
	if ok[fPhone] {
		if s := val(fPhone); s != "" {
			var why string
			if rc.phone, why = normPhone(s); why != "" {
				p.addErr(line, fPhone, "%s", why)
			}
		}
	}
	if ok[fCell] {
		if s := val(fCell); s == "" {
			p.addErr(line, fCell, "thiếu mã chi bộ")
		} else if !validCode(s) {
			p.addErr(line, fCell, "mã chi bộ %s không hợp lệ (chỉ gồm chữ, số, dấu chấm, gạch ngang, gạch dưới)", quote(s))
		} else {
			rc.cellCode = s
		}
	}
	date := func(f field) time.Time {
		if !ok[f] {
			return time.Time{}
		}
		s := val(f)
		if s == "" {
			return time.Time{}
		}
		d, why := parseDate(s)
		switch {
		case why != "":
			p.addErr(line, f, "%s", why)
		case d.After(today):
			p.addErr(line, f, "%s %s ở tương lai", fieldLabels[f], showDate(d))
		case f != fBirth && d.Before(partyFounded):
			p.addErr(line, f, "%s %s trước ngày thành lập Đảng (03/02/1930)", fieldLabels[f], showDate(d))
		default:
			return d
		}
		return time.Time{}
	}
	rc.birth, rc.joined, rc.official = date(fBirth), date(fJoined), date(fOfficial)

	if !rc.birth.IsZero() {
		if !rc.joined.IsZero() {
			if a := age(rc.birth, rc.joined); a < 16 || a > 110 {
				p.addErr(line, fBirth, "tuổi khi vào Đảng là %d (sinh %s, vào Đảng %s); phải từ 16 đến 110", a, showDate(rc.birth), showDate(rc.joined))
			}
		} else if a := age(rc.birth, today); a < 16 || a > 120 {
			p.addErr(line, fBirth, "ngày sinh %s không hợp lý (%d tuổi)", showDate(rc.birth), a)
		}
	}
	if !rc.joined.IsZero() && !rc.official.IsZero() && rc.official.Before(rc.joined) {
		p.addErr(line, fOfficial, "ngày chính thức %s trước ngày vào Đảng %s", showDate(rc.official), showDate(rc.joined))
	}
	if rc.status == "probationary" && !rc.official.IsZero() {
		p.addErr(line, fOfficial, "đảng viên dự bị chưa có ngày chính thức: để trống cột này hoặc sửa trạng thái thành chính thức")
	}
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

// normCard strips spaces and dots and requires 8–12 digits.
func normCard(s string) (string, string) {
	if s == "" {
		return "", "thiếu số thẻ đảng viên"
	}
	var b strings.Builder
	for _, c := range s {
		switch {
		case c == '.' || unicode.IsSpace(c):
		case c >= '0' && c <= '9':
			b.WriteRune(c)
		default:
			return "", fmt.Sprintf("số thẻ %s chỉ được gồm chữ số (8–12 chữ số)", quote(s))
		}
	}
	if n := b.Len(); n < 8 || n > 12 {
		return "", fmt.Sprintf("số thẻ %s phải có 8–12 chữ số (có %d)", quote(s), n)
	}
	return b.String(), ""
}

// normName returns the name in NFC with single spaces, 1–200 characters.
func normName(s string) (string, string) {
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	if s = strings.TrimSpace(s); strings.IndexFunc(s, func(c rune) bool { return c != ' ' && unicode.IsSpace(c) }) >= 0 || strings.Contains(s, "  ") {
		s = strings.Join(strings.Fields(s), " ")
	}
	n := utf8.RuneCountInString(s)
	switch {
	case n == 0:
		return "", "thiếu họ và tên"
	case n > 200:
		return "", fmt.Sprintf("họ và tên dài %d ký tự (tối đa 200)", n)
	}
	for _, c := range s {
		if unicode.IsControl(c) || c == utf8.RuneError {
			return "", fmt.Sprintf("họ và tên %s chứa ký tự điều khiển", quote(s))
		}
	}
	return s, ""
}

// normPhone turns a Vietnamese mobile number into 0xxxxxxxxx: +84 and 84
// become 0; spaces, dots, dashes and parentheses go; nine digits starting
// 3, 5, 7, 8 or 9 (a spreadsheet dropped the leading zero) get it back.
func normPhone(s string) (string, string) {
	var b strings.Builder
	plus := false
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			b.WriteRune(c)
		case c == '.' || c == '-' || c == '(' || c == ')' || unicode.IsSpace(c):
		case c == '+' && !plus && b.Len() == 0:
			plus = true
		default:
			return "", fmt.Sprintf("số điện thoại %s không hợp lệ", quote(s))
		}
	}
	d := b.String()
	switch {
	case strings.HasPrefix(d, "84") && len(d) == 11:
		d = "0" + d[2:]
	case plus:
		return "", fmt.Sprintf("số điện thoại %s không phải số di động Việt Nam (+84...)", quote(s))
	case len(d) == 9 && strings.ContainsRune("35789", rune(d[0])):
		d = "0" + d
	}
	if len(d) != 10 || d[0] != '0' || !strings.ContainsRune("35789", rune(d[1])) {
		return "", fmt.Sprintf("số điện thoại %s không phải số di động Việt Nam (10 chữ số, bắt đầu bằng 03, 05, 07, 08, 09)", quote(s))
	}
	return d, ""
}

// parseDate reads dd/mm/yyyy (also d/m/yyyy, with '-' or '.') or
// yyyy-mm-dd, and requires a real calendar date.
func parseDate(s string) (time.Time, string) {
	bad := func() (time.Time, string) {
		return time.Time{}, fmt.Sprintf("ngày %s không đúng dạng dd/mm/yyyy hoặc yyyy-mm-dd", quote(s))
	}
	var parts []string
	for _, sep := range []string{"/", "-", "."} {
		if strings.Count(s, sep) == 2 {
			parts = strings.Split(s, sep)
			break
		}
	}
	if len(parts) != 3 {
		return bad()
	}
	num := func(p string, minLen, maxLen int) int {
		if len(p) < minLen || len(p) > maxLen {
			return -1
		}
		n := 0
		for _, c := range []byte(p) {
			if c < '0' || c > '9' {
				return -1
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	var y, m, d int
	if len(parts[0]) == 4 { // yyyy-mm-dd
		y, m, d = num(parts[0], 4, 4), num(parts[1], 1, 2), num(parts[2], 1, 2)
	} else {
		d, m, y = num(parts[0], 1, 2), num(parts[1], 1, 2), num(parts[2], 4, 4)
	}
	if y < 0 || m < 0 || d < 0 {
		return bad()
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return time.Time{}, fmt.Sprintf("ngày %s không có thật", quote(s))
	}
	if y < 1900 {
		return time.Time{}, fmt.Sprintf("năm %d không hợp lý", y)
	}
	return t, ""
}

func showDate(t time.Time) string { return t.Format("02/01/2006") }

// age is the number of whole years from birth to at.
func age(birth, at time.Time) int {
	a := at.Year() - birth.Year()
	if at.Month() < birth.Month() || at.Month() == birth.Month() && at.Day() < birth.Day() {
		a--
	}
	return a
}

// parseStatus maps a folded status (see foldWords) to the stored value.
func parseStatus(folded string) string {
	switch strings.TrimPrefix(folded, "dang vien ") {
	case "full", "chinh thuc":
		return "full"
	case "probationary", "du bi":
		return "probationary"
	case "exempt", "mien", "mien sinh hoat", "mien cong tac va sinh hoat", "mien cong tac sinh hoat":
		return "exempt"
	}
	return ""
}

// parseGender maps a folded gender (see foldWords) to the stored value.
func parseGender(folded string) string {
	switch folded {
	case "male", "nam":
		return "male"
	case "female", "nu":
		return "female"
	}
	return ""
}

// foldWords lower-cases s, removes Vietnamese diacritics (đ becomes d) and
// joins its words (letters and digits) with single spaces.
func foldWords(s string) string {
	var b strings.Builder
	space := false
	for _, c := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, c):
			continue
		case c == 'đ':
			c = 'd'
		}
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(c)
			space = false
		} else {
			space = true
		}
	}
	return b.String()
}

func foldHeader(s string) string { return strings.ReplaceAll(foldWords(s), " ", "_") }

// validCode is the units.code rule.
func validCode(c string) bool {
	if len(c) == 0 || len(c) > 64 {
		return false
	}
	for _, r := range c {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}
