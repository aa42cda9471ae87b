package feed

import "sotay/sync/wire"

// Hash is an entry's contribution to its feed's checksum (wire.Hash: the
// client computes the same from what it holds).
func Hash(entity string, body []byte) uint64 { return wire.Hash(entity, body) }
