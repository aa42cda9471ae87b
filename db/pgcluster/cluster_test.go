package pgcluster_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sotay/db/pgcluster"
)

func needServer(t *testing.T) {
	t.Helper()
	if _, err := pgcluster.BinDir(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
}

func tempDir(t *testing.T) string {
	dir, err := os.MkdirTemp("", "pgcluster-test-")
	if err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o755)
	t.Cleanup(func() { os.RemoveAll(dir) })
	return filepath.Join(dir, "pg")
}

func psql(t *testing.T, c *pgcluster.Cluster, sql string) string {
	t.Helper()
	bin, _ := pgcluster.BinDir()
	out, err := exec.Command(filepath.Join(bin, "psql"), "-XAtq", "-h", c.Dir(), "-U", "postgres", "-d", "postgres", "-c", sql).CombinedOutput()
	if err != nil {
		t.Fatalf("psql %q: %v\n%s", sql, err, out)
	}
	return strings.TrimSpace(string(out))
}

// TestStartStopRestartKeepsData: a cluster created, written, stopped and
// started again still has its data; a second Start on a running directory
// attaches instead of failing, and its Stop leaves the server running.
func TestStartStopRestartKeepsData(t *testing.T) {
	needServer(t)
	ctx := context.Background()
	dir := tempDir(t)
	c, err := pgcluster.Start(ctx, pgcluster.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	psql(t, c, "CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)")

	attached, err := pgcluster.Start(ctx, pgcluster.Options{Dir: dir})
	if err != nil || !attached.Attached() {
		t.Fatalf("second start: attached=%v err=%v", attached != nil && attached.Attached(), err)
	}
	attached.Stop()
	if got := psql(t, c, "SELECT v FROM kept"); got != "42" {
		t.Fatalf("after the attached Stop: %q", got)
	}
	if err := c.Stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "postmaster.pid")); !os.IsNotExist(err) {
		t.Fatalf("postmaster.pid left after Stop: %v", err)
	}
	c, err = pgcluster.Start(ctx, pgcluster.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Stop()
	if got := psql(t, c, "SELECT v FROM kept"); got != "42" {
		t.Fatalf("after restart: %q", got)
	}
}

// TestStalePidFileIsCleared: a postmaster.pid left by a killed server (its
// pid no longer alive) does not stop the next start.
func TestStalePidFileIsCleared(t *testing.T) {
	needServer(t)
	ctx := context.Background()
	dir := tempDir(t)
	c, err := pgcluster.Start(ctx, pgcluster.Options{Dir: dir, Throwaway: true})
	if err != nil {
		t.Fatal(err)
	}
	c.Stop()
	// A pid that cannot be alive: beyond pid_max.
	if err := os.WriteFile(filepath.Join(dir, "postmaster.pid"), []byte("99999999\n"+dir+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	c, err = pgcluster.Start(ctx, pgcluster.Options{Dir: dir, Throwaway: true})
	if err != nil {
		t.Fatalf("start over a stale pid file: %v", err)
	}
	defer c.Stop()
	if psql(t, c, "SELECT 1") != "1" {
		t.Fatal("server not answering")
	}
	t.Logf("restart took %v", time.Since(start))
}

// TestServerStopsWhenParentIsKilled: with StopWithParent, a test binary that
// dies by SIGKILL leaves no server behind. The test runs itself as the
// parent that gets killed.
func TestServerStopsWhenParentIsKilled(t *testing.T) {
	needServer(t)
	if dir := os.Getenv("PGCLUSTER_CHILD_DIR"); dir != "" {
		c, err := pgcluster.Start(context.Background(), pgcluster.Options{Dir: dir, Throwaway: true, StopWithParent: true})
		if err != nil {
			t.Fatal(err)
		}
		_ = c
		os.Stdout.WriteString("READY\n")
		time.Sleep(time.Minute) // killed before this ends
		return
	}
	dir := tempDir(t)
	cmd := exec.Command(os.Args[0], "-test.run", "^TestServerStopsWhenParentIsKilled$")
	cmd.Env = append(os.Environ(), "PGCLUSTER_CHILD_DIR="+dir)
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 4096)
	deadline := time.Now().Add(30 * time.Second)
	var got string
	for !strings.Contains(got, "READY") && time.Now().Before(deadline) {
		n, err := out.Read(buf)
		got += string(buf[:n])
		if err != nil {
			break
		}
	}
	if !strings.Contains(got, "READY") {
		t.Fatalf("child did not start a server: %s", got)
	}
	pid, err := os.ReadFile(filepath.Join(dir, "postmaster.pid"))
	if err != nil {
		t.Fatal(err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	serverPid := strings.SplitN(string(pid), "\n", 2)[0]
	for until := time.Now().Add(15 * time.Second); time.Now().Before(until); time.Sleep(100 * time.Millisecond) {
		if _, err := os.Stat("/proc/" + serverPid); os.IsNotExist(err) {
			return
		}
	}
	t.Fatalf("postgres %s still runs after its parent was killed", serverPid)
}
