package vi

import (
	_ "embed"
	"strings"
)

// abbreviationsTSV is the domain dictionary. Generic Vietnamese dictionaries read party
// abbreviations wrongly (BTV as "biên tập viên", TTg as "tăng thiết giáp"), so this one is
// ours, versioned, and part of the audio cache key through DictionaryVersion.
//
//go:embed abbreviations.tsv
var abbreviationsTSV string

// dictionary maps exact, case-sensitive keys to their spoken expansion.
type dictionary struct {
	version  string
	entries  map[string]string
	problems []string // malformed or duplicate lines, reported by the tests
}

var dict = parseDictionary(abbreviationsTSV)

// DictionaryVersion is the version line of the embedded abbreviation dictionary
// ("2026-11-28.1"); part of the audio cache key.
func DictionaryVersion() string { return dict.version }

func parseDictionary(src string) *dictionary {
	d := &dictionary{entries: make(map[string]string, 256)}
	for i, line := range strings.Split(src, "\n") {
		line = strings.TrimRight(line, "\r")
		if i == 0 {
			if v, ok := strings.CutPrefix(line, "# version:"); ok {
				d.version = strings.TrimSpace(v)
				continue
			}
			d.problems = append(d.problems, "first line is not '# version: …'")
		}
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, exp, ok := strings.Cut(line, "\t")
		exp = strings.TrimSpace(exp)
		if !ok || key == "" || exp == "" || strings.ContainsAny(key, " \t") {
			d.problems = append(d.problems, "malformed line: "+line)
			continue
		}
		if _, dup := d.entries[key]; dup {
			d.problems = append(d.problems, "duplicate key: "+key)
		}
		d.entries[key] = exp
	}
	return d
}

// lookup returns the expansion of an exact key.
func (d *dictionary) lookup(key string) (string, bool) {
	e, ok := d.entries[key]
	return e, ok
}
