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
// Every rule is total: any input, including invalid UTF-8, yields sentences that contain
// no ASCII digit and no token of two or more capital letters, and nothing panics.
//
// The package imports nothing of sotay; it depends only on the standard library and
// golang.org/x/text/unicode/norm. Output changes are tracked by Version and
// DictionaryVersion, which both belong in any audio cache key.
package vi
