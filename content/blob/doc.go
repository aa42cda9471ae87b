// Package blob is sotay's content-addressed file store: attachments and
// rendered audio are files named by the SHA-256 of their bytes, under a
// local directory (dir/ab/cdef…, the first two hex digits as a
// subdirectory). A blob never changes once written, so the HTTP layer can
// serve it with a strong ETag (the hash) and `immutable` caching, and a CDN
// can carry it.
//
// Put writes through a temporary file in the same directory, hashing while it
// copies, fsyncs, and renames into place: a reader never sees half a blob,
// and storing the same bytes twice keeps the first copy. Blobs are not part
// of any database transaction: a write that rolls back leaves an orphan blob,
// harmless and collectable later by comparing the store with the tables that
// reference it.
//
// blob imports sotay/db for its error kinds and the standard library; nothing
// else of sotay (in particular no SQL: the tables that name blobs belong to
// content).
package blob
