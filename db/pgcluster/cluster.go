package pgcluster

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Options describe a cluster to create or reuse.
type Options struct {
	// Dir is the data directory. It is created (with initdb) when it holds no cluster.
	Dir string
	// Throwaway turns off durability (fsync, full page writes, synchronous commit):
	// right for tests, wrong for data you keep.
	Throwaway bool
	// StopWithParent makes the kernel stop the server when this process dies,
	// so a killed test binary leaves no server behind.
	StopWithParent bool
}

// Cluster is a running PostgreSQL server on a data directory: one this
// process started, or one already running there that it attached to.
type Cluster struct {
	dir      string
	cmd      *exec.Cmd
	done     chan struct{}
	cred     *syscall.Credential
	bin      string
	attached bool // the server belongs to another process: Stop leaves it running
}

// BinDir finds the directory holding initdb and postgres.
func BinDir() (string, error) {
	if p, err := exec.LookPath("pg_config"); err == nil {
		out, err := exec.Command(p, "--bindir").Output()
		if err == nil {
			dir := strings.TrimSpace(string(out))
			if _, err := os.Stat(filepath.Join(dir, "initdb")); err == nil {
				return dir, nil
			}
		}
	}
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(matches) > 0 {
		return filepath.Dir(matches[len(matches)-1]), nil
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", errors.New("pgcluster: PostgreSQL server binaries (initdb, postgres) not found; install them with `apt-get install postgresql`")
}

// Start creates the cluster if needed and starts its server. The caller must Stop it.
func Start(ctx context.Context, opt Options) (*Cluster, error) {
	bin, err := BinDir()
	if err != nil {
		return nil, err
	}
	dir, err := filepath.Abs(opt.Dir)
	if err != nil {
		return nil, err
	}
	c := &Cluster{dir: dir, bin: bin, done: make(chan struct{})}
	if os.Geteuid() == 0 {
		cred, uid, gid, err := postgresUser()
		if err != nil {
			return nil, err
		}
		c.cred = cred
		if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
			return nil, err
		}
		if err := reachable(filepath.Dir(dir)); err != nil {
			return nil, err
		}
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, err
		}
		if err := os.Chown(dir, uid, gid); err != nil {
			return nil, err
		}
	} else if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(dir, "PG_VERSION")); errors.Is(err, os.ErrNotExist) {
		if err := c.initdb(ctx); err != nil {
			return nil, err
		}
	}
	running, err := c.clearStalePid()
	if err != nil {
		return nil, err
	}
	if running {
		// Another sotay (say `make run`) already serves this directory: share it.
		c.attached = true
		if err := c.waitReady(ctx); err != nil {
			return nil, err
		}
		return c, nil
	}
	args := []string{"-D", dir, "-k", dir, "-c", "listen_addresses=", "-c", "max_connections=300"}
	if opt.Throwaway {
		args = append(args, "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")
	}
	c.cmd = exec.Command(filepath.Join(bin, "postgres"), args...)
	logf, err := os.OpenFile(filepath.Join(dir, "server.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, err
	}
	c.cmd.Stdout, c.cmd.Stderr = logf, logf
	c.cmd.SysProcAttr = &syscall.SysProcAttr{Credential: c.cred, Setpgid: true}
	if opt.StopWithParent {
		c.cmd.SysProcAttr.Pdeathsig = syscall.SIGQUIT
	}
	if err := c.cmd.Start(); err != nil {
		logf.Close()
		return nil, fmt.Errorf("pgcluster: start postgres: %w", err)
	}
	go func() { c.cmd.Wait(); logf.Close(); close(c.done) }()
	if err := c.waitReady(ctx); err != nil {
		c.Stop()
		return nil, err
	}
	return c, nil
}

// reachable checks that the postgres user can walk down to dir: every
// directory on the way must be searchable by others.
func reachable(dir string) error {
	for d := dir; ; d = filepath.Dir(d) {
		fi, err := os.Stat(d)
		if err != nil {
			return err
		}
		if fi.Mode().Perm()&0o001 == 0 {
			return fmt.Errorf("pgcluster: the postgres user cannot enter %s (mode %v); PostgreSQL runs as postgres, so make it searchable (chmod o+x %s) or choose another directory", d, fi.Mode().Perm(), d)
		}
		if d == filepath.Dir(d) {
			return nil
		}
	}
}

func postgresUser() (*syscall.Credential, int, int, error) {
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, 0, 0, errors.New("pgcluster: running as root needs the `postgres` system user (PostgreSQL refuses to run as root); install the postgresql package")
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, uid, gid, nil
}

func (c *Cluster) initdb(ctx context.Context) error {
	cmd := exec.CommandContext(ctx, filepath.Join(c.bin, "initdb"), "-D", c.dir, "-U", "postgres",
		"--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: c.cred}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("pgcluster: initdb %s: %w\n%s", c.dir, err, out.String())
	}
	return nil
}

// clearStalePid removes a postmaster.pid left by a server that no longer runs
// (a crash or a killed `make run`), so that the next start is not refused.
// It reports whether a live server owns the directory.
func (c *Cluster) clearStalePid() (running bool, err error) {
	pidFile := filepath.Join(c.dir, "postmaster.pid")
	b, err := os.ReadFile(pidFile)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	first, _, _ := strings.Cut(string(b), "\n")
	pid, err := strconv.Atoi(strings.TrimSpace(first))
	if err == nil && pid > 0 && syscall.Kill(pid, 0) == nil {
		return true, nil
	}
	return false, os.Remove(pidFile)
}

func (c *Cluster) waitReady(ctx context.Context) error {
	sock := filepath.Join(c.dir, ".s.PGSQL.5432")
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		var exited <-chan struct{}
		if !c.attached {
			exited = c.done
		}
		select {
		case <-exited:
			log, _ := os.ReadFile(filepath.Join(c.dir, "server.log"))
			return fmt.Errorf("pgcluster: postgres exited at start:\n%s", tail(string(log), 2000))
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
		if _, err := os.Stat(sock); err == nil {
			if b, err := os.ReadFile(filepath.Join(c.dir, "postmaster.pid")); err == nil && strings.Contains(string(b), "ready") {
				return nil
			}
		}
	}
	return errors.New("pgcluster: postgres did not become ready within 30s")
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// URL is the connection string for database name on this cluster.
func (c *Cluster) URL(name string) string {
	q := url.Values{"host": {c.dir}, "user": {"postgres"}}
	return "postgres:///" + url.PathEscape(name) + "?" + q.Encode()
}

// Attached reports whether the server was already running (started by another process).
func (c *Cluster) Attached() bool { return c.attached }

// Dir is the cluster's data directory.
func (c *Cluster) Dir() string { return c.dir }

// Stop shuts the server down (fast mode: running transactions roll back) and waits for it.
func (c *Cluster) Stop() error {
	if c.attached || c.cmd == nil || c.cmd.Process == nil {
		return nil
	}
	select {
	case <-c.done:
		return nil
	default:
	}
	_ = c.cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-c.done:
	case <-time.After(30 * time.Second):
		_ = c.cmd.Process.Kill()
		<-c.done
	}
	return nil
}
