package audio

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf16"
)

// Chapter is a named mark: start and end in the audio.
type Chapter struct {
	Title      string
	Start, End time.Duration
}

// The ID3v2 chapter addendum (id3v2-chapters-1.0) is small enough to write
// by hand: one CHAP frame per chapter (times in ms, byte offsets unused =
// 0xFFFFFFFF, a TIT2 sub-frame for the title) and a CTOC frame listing them.
// Players such as Apple Podcasts, Overcast, VLC and AntennaPod read it.
// The tag is ID3v2.4 so that frame sizes are synchsafe and UTF-8 (encoding
// byte 3) is allowed for the Vietnamese titles.

const (
	id3HeaderLen = 10
	encUTF8      = 0x03
	ctocTopLevel = 0x02
	ctocOrdered  = 0x01
	// A CTOC lists at most 255 children (one-byte count). Longer lists
	// (a law with 300 articles) become a tree of CTOCs.
	ctocMaxEntries = 255
	noByteOffset   = 0xFFFFFFFF
)

// WithChapters returns mp3 with an ID3v2.4 tag prepended holding TIT2
// (title), a top-level ordered CTOC and one CHAP frame per chapter. Any ID3v2
// tag already at the front of mp3 is replaced (go-mp3 skips only one tag, so
// two would break decoding). Chapter times are rounded to milliseconds and
// clamped to 0…2³²−2 ms. With no chapters only TIT2 is written.
func WithChapters(mp3 []byte, title string, chapters []Chapter) []byte {
	for {
		n := id3v2Len(mp3)
		if n == 0 {
			break
		}
		mp3 = mp3[n:]
	}
	var body []byte
	body = append(body, textFrame("TIT2", title)...)
	if len(chapters) > 0 {
		ids := make([]string, len(chapters))
		for i := range chapters {
			ids[i] = fmt.Sprintf("chp%d", i)
		}
		body = appendTOC(body, "toc", true, ids)
		for i, c := range chapters {
			var f []byte
			f = append(f, ids[i]...)
			f = append(f, 0)
			f = binary.BigEndian.AppendUint32(f, toMillis(c.Start))
			f = binary.BigEndian.AppendUint32(f, toMillis(c.End))
			f = binary.BigEndian.AppendUint32(f, noByteOffset)
			f = binary.BigEndian.AppendUint32(f, noByteOffset)
			f = append(f, textFrame("TIT2", c.Title)...)
			body = append(body, frame("CHAP", f)...)
		}
	}
	out := make([]byte, 0, id3HeaderLen+len(body)+len(mp3))
	out = append(out, 'I', 'D', '3', 4, 0, 0) // v2.4.0, no flags
	out = appendSynchsafe(out, len(body))
	out = append(out, body...)
	return append(out, mp3...)
}

// appendTOC writes the CTOC frame for ids under element id; when there are
// more than 255 children it writes child CTOCs (id + "-0", "-1", …) first
// and lists those instead, recursively.
func appendTOC(body []byte, id string, top bool, ids []string) []byte {
	children := ids
	if len(ids) > ctocMaxEntries {
		per := ctocMaxEntries
		for (len(ids)+per-1)/per > ctocMaxEntries {
			per *= ctocMaxEntries
		}
		children = nil
		for i := 0; i*per < len(ids); i++ {
			sub := fmt.Sprintf("%s-%d", id, i)
			children = append(children, sub)
			body = appendTOC(body, sub, false, ids[i*per:min(len(ids), (i+1)*per)])
		}
	}
	var f []byte
	f = append(f, id...)
	f = append(f, 0)
	flags := byte(ctocOrdered)
	if top {
		flags |= ctocTopLevel
	}
	f = append(f, flags, byte(len(children)))
	for _, c := range children {
		f = append(f, c...)
		f = append(f, 0)
	}
	return append(body, frame("CTOC", f)...)
}

func toMillis(d time.Duration) uint32 {
	ms := (d + time.Millisecond/2) / time.Millisecond
	switch {
	case ms < 0:
		return 0
	case ms > noByteOffset-1:
		return noByteOffset - 1
	}
	return uint32(ms)
}

func textFrame(id, s string) []byte {
	return frame(id, append([]byte{encUTF8}, s...))
}

func frame(id string, data []byte) []byte {
	f := make([]byte, 0, id3HeaderLen+len(data))
	f = append(f, id...)
	f = appendSynchsafe(f, len(data))
	f = append(f, 0, 0) // no frame flags
	return append(f, data...)
}

// appendSynchsafe writes n as four 7-bit bytes (ID3v2.4 sizes must never
// contain a 0xFF byte that could be mistaken for MPEG sync).
func appendSynchsafe(b []byte, n int) []byte {
	if n >= 1<<28 {
		panic("audio: ID3 frame larger than 256 MB")
	}
	return append(b, byte(n>>21)&0x7F, byte(n>>14)&0x7F, byte(n>>7)&0x7F, byte(n)&0x7F)
}

func synchsafe(b []byte) (int, bool) {
	if (b[0]|b[1]|b[2]|b[3])&0x80 != 0 {
		return 0, false
	}
	return int(b[0])<<21 | int(b[1])<<14 | int(b[2])<<7 | int(b[3]), true
}

// id3v2Len is the length of the ID3v2 tag at the start of b, header and
// footer included, or 0 if there is none.
func id3v2Len(b []byte) int {
	if len(b) < id3HeaderLen || string(b[:3]) != "ID3" || b[3] == 0xFF || b[4] == 0xFF {
		return 0
	}
	size, ok := synchsafe(b[6:10])
	if !ok {
		return 0
	}
	n := id3HeaderLen + size
	if b[5]&0x10 != 0 { // footer present (v2.4)
		n += id3HeaderLen
	}
	return min(n, len(b))
}

// ReadChapters parses the ID3v2 tag at the start of mp3 (v2.3 or v2.4) and
// returns its TIT2 title and its chapters, in table-of-contents order
// (top-level CTOC, depth first) or, without a CTOC, in file order.
func ReadChapters(mp3 []byte) (string, []Chapter, error) {
	if id3v2Len(mp3) == 0 {
		return "", nil, errors.New("audio: no ID3v2 tag at the start of the file")
	}
	ver := mp3[3]
	flags := mp3[5]
	if ver != 3 && ver != 4 {
		return "", nil, fmt.Errorf("audio: ID3v2.%d is not supported", ver)
	}
	if flags&0x80 != 0 {
		return "", nil, errors.New("audio: unsynchronised ID3 tags are not supported")
	}
	size, _ := synchsafe(mp3[6:10])
	if id3HeaderLen+size > len(mp3) {
		return "", nil, errors.New("audio: ID3 tag runs past the end of the file")
	}
	body := mp3[id3HeaderLen : id3HeaderLen+size]
	if flags&0x40 != 0 { // extended header: skip it
		if len(body) < 4 {
			return "", nil, errors.New("audio: truncated ID3 extended header")
		}
		var n int
		if ver == 4 {
			n, _ = synchsafe(body) // v2.4: size includes itself
		} else {
			n = int(binary.BigEndian.Uint32(body)) + 4
		}
		if n > len(body) {
			return "", nil, errors.New("audio: bad ID3 extended header size")
		}
		body = body[n:]
	}
	frames, err := parseFrames(body, ver)
	if err != nil {
		return "", nil, err
	}
	var title string
	chaps := map[string]Chapter{}
	var chapOrder []string
	tocs := map[string]tocEntry{}
	var top string
	for _, f := range frames {
		switch f.id {
		case "TIT2":
			title = decodeText(f.data)
		case "CHAP":
			id, c, err := parseCHAP(f.data, ver)
			if err != nil {
				return "", nil, err
			}
			chaps[id] = c
			chapOrder = append(chapOrder, id)
		case "CTOC":
			id, t, err := parseCTOC(f.data)
			if err != nil {
				return "", nil, err
			}
			tocs[id] = t
			if t.top && top == "" {
				top = id
			}
		}
	}
	order := chapOrder
	if top != "" {
		order = nil
		seen := map[string]bool{}
		var walk func(id string)
		walk = func(id string) {
			if seen[id] {
				return // a loop in a malformed tag
			}
			seen[id] = true
			if t, ok := tocs[id]; ok {
				for _, c := range t.children {
					walk(c)
				}
				return
			}
			if _, ok := chaps[id]; ok {
				order = append(order, id)
			}
		}
		walk(top)
	}
	out := make([]Chapter, 0, len(order))
	for _, id := range order {
		out = append(out, chaps[id])
	}
	return title, out, nil
}

type id3Frame struct {
	id   string
	data []byte
}

type tocEntry struct {
	top      bool
	children []string
}

func parseFrames(b []byte, ver byte) ([]id3Frame, error) {
	var out []id3Frame
	for len(b) >= id3HeaderLen && b[0] != 0 { // a zero byte starts padding
		id := string(b[:4])
		var size int
		if ver == 4 {
			var ok bool
			if size, ok = synchsafe(b[4:8]); !ok {
				return nil, fmt.Errorf("audio: ID3 frame %q has a non-synchsafe size", id)
			}
		} else {
			size = int(binary.BigEndian.Uint32(b[4:8]))
		}
		if size > len(b)-id3HeaderLen {
			return nil, fmt.Errorf("audio: ID3 frame %q (%d bytes) runs past the tag", id, size)
		}
		out = append(out, id3Frame{id, b[id3HeaderLen : id3HeaderLen+size]})
		b = b[id3HeaderLen+size:]
	}
	return out, nil
}

func cString(b []byte) (string, []byte, bool) {
	for i, c := range b {
		if c == 0 {
			return string(b[:i]), b[i+1:], true
		}
	}
	return "", nil, false
}

func parseCHAP(b []byte, ver byte) (string, Chapter, error) {
	id, rest, ok := cString(b)
	if !ok || len(rest) < 16 {
		return "", Chapter{}, errors.New("audio: malformed CHAP frame")
	}
	c := Chapter{
		Start: time.Duration(binary.BigEndian.Uint32(rest[0:])) * time.Millisecond,
		End:   time.Duration(binary.BigEndian.Uint32(rest[4:])) * time.Millisecond,
	}
	sub, err := parseFrames(rest[16:], ver)
	if err != nil {
		return "", Chapter{}, fmt.Errorf("audio: CHAP %q: %w", id, err)
	}
	for _, f := range sub {
		if f.id == "TIT2" {
			c.Title = decodeText(f.data)
		}
	}
	return id, c, nil
}

func parseCTOC(b []byte) (string, tocEntry, error) {
	id, rest, ok := cString(b)
	if !ok || len(rest) < 2 {
		return "", tocEntry{}, errors.New("audio: malformed CTOC frame")
	}
	t := tocEntry{top: rest[0]&ctocTopLevel != 0}
	n := int(rest[1])
	rest = rest[2:]
	for i := 0; i < n; i++ {
		var c string
		if c, rest, ok = cString(rest); !ok {
			return "", tocEntry{}, fmt.Errorf("audio: CTOC %q lists %d entries but holds fewer", id, n)
		}
		t.children = append(t.children, c)
	}
	return id, t, nil
}

// decodeText decodes an ID3 text frame body (encoding byte + text), first
// value only.
func decodeText(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	enc, s := b[0], b[1:]
	switch enc {
	case 0: // ISO-8859-1
		r := make([]rune, 0, len(s))
		for _, c := range s {
			if c == 0 {
				break
			}
			r = append(r, rune(c))
		}
		return string(r)
	case 1, 2: // UTF-16 with BOM, UTF-16BE
		be := enc == 2
		if len(s) >= 2 && enc == 1 {
			switch {
			case s[0] == 0xFE && s[1] == 0xFF:
				be, s = true, s[2:]
			case s[0] == 0xFF && s[1] == 0xFE:
				be, s = false, s[2:]
			}
		}
		u := make([]uint16, 0, len(s)/2)
		for i := 0; i+1 < len(s); i += 2 {
			var v uint16
			if be {
				v = uint16(s[i])<<8 | uint16(s[i+1])
			} else {
				v = uint16(s[i+1])<<8 | uint16(s[i])
			}
			if v == 0 {
				break
			}
			u = append(u, v)
		}
		return string(utf16.Decode(u))
	default: // 3: UTF-8
		str := string(s)
		if i := strings.IndexByte(str, 0); i >= 0 {
			str = str[:i]
		}
		return str
	}
}
