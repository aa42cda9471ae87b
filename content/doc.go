// Package content is sotay's domain and its SQL: the organisation tree
// (units), members with their memberships and positions, accounts and their
// device sessions, permissions (Actor.Can, the one check every caller uses),
// the audit log, and documents with their audience, versions, attachments and
// search.
//
// Every function that touches the database takes a db.Querier (a pool or a
// transaction) so callers compose writes into one transaction. The SQL for a
// table sits above the function that runs it, in the file named after the
// table. Errors are *db.Error kinds with Vietnamese messages for people.
//
// content imports db, content/blob, pgx, google/uuid and golang.org/x
// (argon2, Unicode normalisation); never server, admin, cmd or anything that
// serves HTTP. Its subpackages demo and memberimport import content, not the
// other way round.
package content
