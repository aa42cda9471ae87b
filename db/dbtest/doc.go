// Package dbtest gives each test its own PostgreSQL database, cloned from a
// migrated template, dropped when the test ends.
//
// With SOTAY_TEST_DATABASE_URL set, databases are made on that server. Without
// it, the first test that asks starts one throwaway cluster for the whole
// test binary (db/pgcluster: initdb in a temporary directory, in memory
// under /dev/shm when there is one; Unix socket only; fsync off), which Main
// stops when the tests are done. When neither is possible the test is
// skipped, except under CI=true, where it fails: CI must never pass by
// skipping database tests.
//
// Use it from TestMain:
//
//	func TestMain(m *testing.M) { dbtest.Main(m) }
//
// and in a test:
//
//	pool := dbtest.New(t)
package dbtest
