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
//
// Every rule is total: any input, including invalid UTF-8, yields sentences that contain
// no ASCII digit and no token of two or more capital letters, and nothing panics.
//
// The package imports nothing of sotay; it depends only on the standard library and
// golang.org/x/text/unicode/norm. Output changes are tracked by Version and
// DictionaryVersion, which both belong in any audio cache key.
package vi
