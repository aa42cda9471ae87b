// Package vi turns Vietnamese document text into the words a speech engine should say.
//
// It owns one job: text in, spoken words out. espeak-ng (voice "vi") mangles numbers,
// dates, abbreviations, Roman numerals, phone numbers and NFD text, so everything is
// expanded here and espeak is only ever given NFC Vietnamese words separated by spaces
// and the punctuation , . ; : ? ! (which it turns into pauses).
//
// The rules follow the research note /work/shared/research/tts.md, section 2: Vietnamese
// number reading (mốt, tư, lăm, linh/lẻ, không trăm), "." as thousands separator and ","
// as decimal point, dates, times, ranges, ordinals, units, phone numbers, party document
// symbols (18-NQ/TU) and a party-usage abbreviation dictionary (abbreviations.tsv,
// embedded and versioned).
//
// Choices where the rules leave room:
//   - Document symbols: numbers by value, letter parts through the dictionary, "-" and
//     "/" silent except a pause between two numbers: "18-NQ/TU" → "mười tám Nghị quyết
//     Tỉnh ủy", "01/2024/NĐ-CP" → "một, hai nghìn không trăm hai mươi tư Nghị định
//     Chính phủ". After "số" a slashed number is always a symbol, never a date.
//   - "d/m" is a date only after ngày, mùng, mồng, hôm, sáng, trưa, chiều, tối, đêm;
//     otherwise, and for invalid dates such as 32/13, numbers joined by "/" are read
//     with "trên" ("ba mươi hai trên mười ba"). "m/yyyy" is always a month and year.
//   - Unknown all-capitals tokens are reported through Options.Unknown and spelled with
//     Vietnamese letter names ("VTV" → "vê tê vê"); a token in capitals that is one
//     Vietnamese syllable ("NGHỊ", "BAN") is a heading word, read in lower case and not
//     reported. Roman numerals outside their context words count as unknown.
//   - Dictionary keys are exact and case-sensitive; keys ending in "." (TP., v.v., KT.)
//     swallow the dot, which then ends no sentence, except that a lower-case one
//     ("v.v.") ends the sentence when the next word is capitalised.
//   - A line-start label ("II.", "1.", "a)") is read followed by a pause, not a full stop.
//   - Units after a number may be compound: "/" is "per", read "một" ("50.000đ/người" →
//     "năm mươi nghìn đồng một người", "km/h" → "ki lô mét một giờ", "3 lần/năm"), and
//     "tr.đ", "tr đ", "tr. đồng" are "triệu đồng". In a range the unit of the last term
//     covers both ("6,5-7%/năm" → "sáu phẩy năm đến bảy phần trăm một năm").
//   - With the word "giờ" the hour and the minutes are read by value and zero minutes are
//     dropped: "08 giờ 00" → "tám giờ", "8 giờ 05" → "tám giờ năm"; "phút" is said only
//     when written (or for the h and : forms: "08h05" → "tám giờ năm phút").
//   - A d/m right after a date, separated by ", " or "và" (also "hoặc", "đến"), is a date
//     too: "ngày 20/11, 01/6" → "… , ngày một tháng sáu"; after a bare day the list
//     shares its "ngày": "các ngày 20, 21/11" → "các ngày hai mươi, hai mươi mốt tháng
//     mười một".
//   - A parenthesis whose spoken words repeat the words just before it (case-insensitive)
//     is dropped: "Ban Tổ chức Tỉnh ủy (BTC TU)" is said once. Any other parenthesis is a
//     phrase between pauses.
//   - "Q." and "P." before a number or a capitalised name are quận and phường ("Q.1",
//     "P. Bến Nghé"), unless a capitalised word precedes (an initial: "Nguyễn P. Anh");
//     "Q." before a quarter is quý ("Q.I/2025").
//   - 1800/1900 followed by 4 or 6 digits (spaced, dotted or glued) is a hotline, read
//     digit by digit in groups: "1900 1234" → "một chín không không, một hai ba bốn".
//
// Every rule is total: any input, including invalid UTF-8, yields sentences that contain
// no ASCII digit and no token of two or more capital letters, and nothing panics.
//
// The package imports nothing of sotay; it depends only on the standard library and
// golang.org/x/text/unicode/norm. Output changes are tracked by Version and
// DictionaryVersion, which both belong in any audio cache key.
package vi
