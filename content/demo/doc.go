// Package demo loads a deterministic, realistic demo province into an empty
// database: the Đảng bộ tỉnh Hưng Yên with its communes and committees,
// grassroots organisations and cells, about a hundred thousand members with
// their memberships and positions, a year of published documents addressed to
// every level, and a handful of demo accounts to sign in with.
//
// Seed does it in one transaction with COPY: ids are chosen here and ltree
// paths computed in Go, and the identity sequences are moved past them
// afterwards, so later inserts by the application never collide. The same
// seed on the same day gives the same units, members, memberships,
// positions, documents and versions byte for byte (only the demo accounts'
// salted password hashes and the activation code are fresh each time); dates
// are laid out around the day of seeding (Asia/Ho_Chi_Minh) so the demo
// always looks current: a year of documents up to yesterday, drafts open for
// comments in the coming weeks. IsSeeded tells whether a database already
// has an org tree; Seed refuses such a database.
//
// demo owns no table: it writes the tables of package content (units,
// members, memberships, positions, accounts, grants, activation_codes,
// documents, document_versions, audit_log) directly for speed, and uses
// content for password hashes, activation codes, the audit entry and the
// sync feeds (content's bulk UnitsChanged, MembersChanged and
// DocumentsChanged write exactly what its single-item paths would have). It
// imports content, db, pgx and the standard library; never server, admin,
// cmd or anything that serves HTTP, so cmd/sotay can call it from `sotay
// seed` and from the first start of `make run`.
package demo
