package wire

import (
	"crypto/sha256"
	"encoding/binary"
	"strconv"
)

// Hash is an entry's contribution to its feed's checksum: the first 8 bytes,
// big-endian, of SHA-256(entity, 0x00, body), where body is exactly the JSON
// text of the change as received. A feed's checksum is the sum, wrapping at
// 2^64, of the hashes of its live entries.
func Hash(entity string, body []byte) uint64 {
	h := sha256.New()
	h.Write([]byte(entity))
	h.Write([]byte{0})
	h.Write(body)
	var sum [sha256.Size]byte
	return binary.BigEndian.Uint64(h.Sum(sum[:0]))
}

// FormatChecksum writes a checksum as the protocol carries it.
func FormatChecksum(sum uint64) string { return strconv.FormatUint(sum, 10) }
