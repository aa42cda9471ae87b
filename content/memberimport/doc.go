// Package memberimport imports a list of party members from a CSV file: the
// engine behind `sotay import members [--skip-invalid] [--dry-run] file.csv`.
//
// It owns the file format, its validation, and the set-based SQL that brings
// the members and memberships tables in line with a file (and ends the
// positions of members it transfers). It writes those tables (owned by
// content) only through the statements here, in one
// transaction, with one audit_log entry (content.Audit, action
// "members.import"). It imports db, content, pgx and the standard library;
// never server, admin or cmd.
//
// # The file
//
// UTF-8 text (a byte-order mark is skipped; UTF-16, as Excel's "Unicode
// text" writes it, is refused with a hint), comma- or semicolon-separated:
// the separator is the one the header line uses more often. Fields may be
// quoted as in RFC 4180. Line endings may be LF or CRLF. Blank rows, and
// rows whose fields are all empty, are skipped and not counted.
//
// The first line is the header. Column order is free, names are matched
// ignoring case, diacritics, spaces and punctuation, and columns with other
// names (STT, ghi chú...) are ignored. Each known column may appear once:
//
//	column       required  also accepted as
//	card_number  yes       số thẻ, số thẻ đảng viên, thẻ đảng viên, mã thẻ, card
//	full_name    yes       họ tên, họ và tên, tên, name
//	birth_date             ngày sinh, ngày tháng năm sinh, dob
//	gender                 giới tính, sex
//	phone                  số điện thoại, điện thoại, sđt, số đt, mobile
//	status       yes       trạng thái, loại đảng viên
//	joined_on              ngày vào Đảng, ngày kết nạp
//	official_on            ngày chính thức, ngày công nhận chính thức
//	cell_code    yes       mã chi bộ, chi bộ, mã đơn vị, mã tổ chức, unit_code
//
// A missing required column, a header that is not UTF-8 or not CSV, or an
// empty file, is an error about the whole file (a *db.Error of kind invalid,
// code "import_missing_column", "import_not_utf8", "import_not_csv",
// "import_empty" or "import_duplicate_column").
//
// Values (surrounding spaces are ignored everywhere) follow the member rules
// of package content, the same rules as the API's (content.ParseCardNumber,
// ParseFullName, ParseDate, ParseGender, ParsePhone, ParseMemberStatus and
// MemberInput.Validate), and the reasons printed are theirs:
//
//   - card_number: 8–12 digits; spaces and dots are dropped ("12.345.678" is
//     12345678). It identifies the member: a known card number updates that
//     member, an unknown one adds a member. A card number repeated in the
//     file is an error on every line after the first. Members who were
//     expelled or have died cannot be imported again.
//   - full_name: normalised to NFC with single spaces, 1–200 characters.
//   - birth_date, joined_on, official_on: dd/mm/yyyy (also d/m/yyyy, with
//     '/', '-' or '.') or yyyy-mm-dd; a real calendar date (31/02 is
//     refused), not after today (in Vietnam). birth_date is not before
//     01/01/1900, joined_on and official_on not before 03/02/1930,
//     official_on not before joined_on, and the age at joined_on is 16–110
//     (16–120 today when joined_on is empty).
//   - gender: nam or nữ (male, female), or empty.
//   - phone: a Vietnamese mobile number, stored as 0xxxxxxxxx: "+84 912 345
//     678", "84912345678", "0912.345.678" and "912345678" (a spreadsheet
//     dropped the zero) are all 0912345678. A phone repeated in the file is
//     an error on every line after the first; a phone already held by a
//     different member (another card number) in the database is an error.
//   - status: chính thức, dự bị, miễn sinh hoạt (also "miễn công tác và sinh
//     hoạt", "đảng viên chính thức"...; case and diacritics are ignored) or
//     full, probationary, exempt. A probationary (dự bị) member has no
//     official_on yet: a value there is an error, not silently dropped.
//   - cell_code: the code of an existing unit of kind cell or grassroots (a
//     chi bộ cơ sở holds members directly).
//
// Bytes that are not UTF-8 in any field of a data line are an error for
// that line and column. A CSV quoting error is an error for the line where
// the record starts. Every error names the 1-based line of the file (the
// header is line 1) and the column as written in the header.
//
// Optional columns that are absent from the header leave the existing
// members' values alone; a column that is present but empty on a row clears
// that member's value.
//
// # The import
//
// Rows are validated in Go, all errors collected; the unit codes, the
// phones held by other members and the card numbers of expelled or deceased
// members are looked up in one query each. With any bad row and without
// SkipInvalid nothing is written. Otherwise, in one transaction that holds
// a SHARE ROW EXCLUSIVE lock on members (imports run one at a time and
// block other writes to members, not reads): the valid rows are COPYed into
// a temporary table, classified against members in one statement, and
// applied in five: new members are inserted with a membership starting on
// joined_on (or today); changed members are updated; a member whose cell
// changed (or who had left and comes back) has the current membership ended
// today with reason "chuyển sinh hoạt (nhập danh sách)" and a new one
// started today, so the history is kept, and their current positions end
// (as content.TransferMember does). "Today" is the date in Vietnam. Every imported member ends up
// active in the file's cell. Re-importing the same file changes nothing and
// reports every row as unchanged.
package memberimport
