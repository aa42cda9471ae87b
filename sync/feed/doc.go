// Package feed owns sotay's server-side feeds (DESIGN.md §4): ordered,
// compacted logs of entity states that phones copy.
//
// A feed is named unit:<id>, member:<id> or officers:<unit id>. Write
// appends changes in the caller's transaction: it locks the feeds' head rows
// in name order, so a feed's sequence numbers are gapless in commit order; it
// keeps one row per (feed, entity), so an update replaces the entity's row
// with a new sequence number and a delete leaves a tombstone; and it keeps
// each feed's checksum, the wrapping 64-bit sum of the hashes of its live
// entries, in step. Read serves a page of a feed after a cursor, never
// ending inside a transaction; Purge drops old tombstones and raises the
// horizon below which a cursor gets a reset.
//
// feed imports db and the standard library only: content calls it, never the
// other way round.
package feed
