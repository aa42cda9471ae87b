package feed

import (
	"crypto/sha256"
	"encoding/binary"
)

// Hash is an entry's contribution to its feed's checksum: the first 8 bytes,
// big-endian, of SHA-256(entity, 0x00, body), where body is exactly the JSON
// text the entry carries. A client recomputes it from what it stored.
func Hash(entity string, body []byte) uint64 {
	h := sha256.New()
	h.Write([]byte(entity))
	h.Write([]byte{0})
	h.Write(body)
	var sum [sha256.Size]byte
	return binary.BigEndian.Uint64(h.Sum(sum[:0]))
}
