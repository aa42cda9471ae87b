package dbtest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"sotay/db"
	"sotay/db/pgcluster"
)

type server struct {
	admin    *pgxpool.Pool // connected to the maintenance database
	baseURL  string        // URL of the maintenance database; other names are swapped in
	template string
	cluster  *pgcluster.Cluster
	tmpDir   string
}

var (
	once    sync.Once
	srv     *server
	srvErr  error
	counter atomic.Int64
)

// Main runs the tests and then stops the cluster (if one was started).
func Main(m *testing.M) {
	code := m.Run()
	if srv != nil {
		srv.close()
	}
	os.Exit(code)
}

// New returns a pool on a new, migrated database of its own, closed and
// dropped when t ends.
func New(t testing.TB) *pgxpool.Pool {
	t.Helper()
	u := NewURL(t)
	ctx := context.Background()
	pool, err := db.Open(ctx, u, 20)
	if err != nil {
		t.Fatalf("dbtest: open %s: %v", u, err)
	}
	t.Cleanup(pool.Close)
	return pool
}

// NewURL makes a new, migrated database and returns its URL; the database is
// dropped when t ends (after the cleanups registered later, such as closing
// pools and stopping servers that use it).
func NewURL(t testing.TB) string {
	t.Helper()
	return newDatabase(t, get(t).template)
}

// NewEmptyURL makes a new database with no schema at all (for tests of
// migration itself) and returns its URL; it is dropped when t ends.
func NewEmptyURL(t testing.TB) string {
	t.Helper()
	return newDatabase(t, "template0")
}

func newDatabase(t testing.TB, template string) string {
	t.Helper()
	s := get(t)
	name := fmt.Sprintf("t_%d_%d", os.Getpid(), counter.Add(1))
	ctx := context.Background()
	if _, err := s.admin.Exec(ctx, `CREATE DATABASE `+pgx.Identifier{name}.Sanitize()+` TEMPLATE `+pgx.Identifier{template}.Sanitize()+` STRATEGY FILE_COPY`); err != nil {
		t.Fatalf("dbtest: create database: %v", err)
	}
	t.Cleanup(func() {
		if _, err := s.admin.Exec(context.Background(), `DROP DATABASE IF EXISTS `+pgx.Identifier{name}.Sanitize()+` WITH (FORCE)`); err != nil {
			t.Errorf("dbtest: drop database %s: %v", name, err)
		}
	})
	return withDatabase(s.baseURL, name)
}

func get(t testing.TB) *server {
	t.Helper()
	once.Do(func() { srv, srvErr = start() })
	if srvErr != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("dbtest: no PostgreSQL (CI=true forbids skipping): %v", srvErr)
		}
		t.Skipf("dbtest: no PostgreSQL, skipping (set SOTAY_TEST_DATABASE_URL or install the server binaries): %v", srvErr)
	}
	return srv
}

func start() (*server, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := &server{baseURL: os.Getenv("SOTAY_TEST_DATABASE_URL")}
	if s.baseURL == "" {
		dir, err := os.MkdirTemp(scratchDir(), "sotay-dbtest-")
		if err != nil {
			return nil, err
		}
		s.tmpDir = dir
		// The cluster may run as the postgres user (when we are root): it must reach its directory.
		if err := os.Chmod(dir, 0o711); err != nil {
			return nil, err
		}
		c, err := pgcluster.Start(ctx, pgcluster.Options{Dir: dir + "/pg", Throwaway: true, StopWithParent: true})
		if err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		s.cluster = c
		s.baseURL = c.URL("postgres")
	}
	admin, err := db.Open(ctx, s.baseURL, 8)
	if err != nil {
		s.close()
		return nil, err
	}
	s.admin = admin
	s.template = fmt.Sprintf("sotay_template_%d", os.Getpid())
	if _, err := admin.Exec(ctx, `CREATE DATABASE `+pgx.Identifier{s.template}.Sanitize()); err != nil {
		s.close()
		return nil, fmt.Errorf("dbtest: create template: %w", err)
	}
	tp, err := db.Open(ctx, withDatabase(s.baseURL, s.template), 2)
	if err != nil {
		s.close()
		return nil, err
	}
	_, err = db.Migrate(ctx, tp)
	tp.Close()
	if err != nil {
		s.close()
		return nil, fmt.Errorf("dbtest: migrate template: %w", err)
	}
	return s, nil
}

func (s *server) close() {
	if s.admin != nil {
		if s.cluster == nil && s.template != "" {
			s.admin.Exec(context.Background(), `DROP DATABASE IF EXISTS `+pgx.Identifier{s.template}.Sanitize()+` WITH (FORCE)`)
		}
		s.admin.Close()
	}
	if s.cluster != nil {
		s.cluster.Stop()
	}
	if s.tmpDir != "" {
		os.RemoveAll(s.tmpDir)
	}
}

// withDatabase returns base with its database name replaced by name. It
// handles both URL and keyword/value connection strings.
func withDatabase(base, name string) string {
	if strings.HasPrefix(base, "postgres://") || strings.HasPrefix(base, "postgresql://") {
		u, err := url.Parse(base)
		if err == nil {
			u.Path = "/" + name
			return u.String()
		}
	}
	return base + " dbname=" + name
}

// scratchDir is where throwaway clusters live: /dev/shm when it is a
// writable memory file system (a test database then costs no disk I/O at
// all, which on a virtual disk with an I/O budget is the difference between
// 25 ms and 300 ms), the system temporary directory otherwise.
func scratchDir() string {
	const shm = "/dev/shm"
	const need = 1 << 30 // a cluster, its template and the databases of a package's tests, with room
	var st syscall.Statfs_t
	if err := syscall.Statfs(shm, &st); err != nil || st.Bavail*uint64(st.Bsize) < need {
		return os.TempDir() // absent, or small (a container's default 64 MB)
	}
	if fi, err := os.Stat(shm); err == nil && fi.IsDir() {
		if f, err := os.CreateTemp(shm, ".sotay-probe-"); err == nil {
			f.Close()
			os.Remove(f.Name())
			return shm
		}
	}
	return os.TempDir()
}
