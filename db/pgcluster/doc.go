// Package pgcluster starts and stops a private PostgreSQL cluster from the
// server binaries installed on the machine (initdb, postgres, pg_ctl).
//
// It serves two callers: db/dbtest, which starts one throwaway cluster per
// test binary, and `sotay serve` without SOTAY_DATABASE_URL, which keeps a
// cluster under ./var/pg for `make run`. The cluster listens only on a Unix
// socket inside its data directory. PostgreSQL refuses to run as root, so when
// the process is root the cluster is created and run as the `postgres` system
// user.
//
// It imports only the standard library.
package pgcluster
