package hub_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"sotay/db"
	"sotay/db/dbtest"
	"sotay/sync/feed"
	"sotay/sync/hub"
)

const serveEnv = "SOTAY_HUB_SERVE" // a database URL: run a hub process on it

// serveHub is a serve process's hub alone: it LISTENs on the database,
// accepts sockets on a loopback port, prints "ADDR host:port" and runs until
// killed.
func serveHub(dbURL string) {
	h := hub.New(hub.Config{QueueSize: 72, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	ctx := context.Background()
	go h.Run(ctx, 2*time.Second)
	ready := make(chan struct{})
	go h.Listen(ctx, func(ctx context.Context) (*pgx.Conn, error) { return pgx.Connect(ctx, dbURL) }, ready)
	<-ready
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println("ERR", err)
		os.Exit(1)
	}
	fmt.Println("ADDR", ln.Addr())
	http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.Serve(w, r, hub.Client{Feeds: func(context.Context) ([]string, error) { return []string{"unit:1"}, nil }})
	}))
}

type child struct {
	cmd   *exec.Cmd
	lines chan string
}

func spawn(b *testing.B, env string) *child {
	cmd := exec.Command(os.Args[0], "-test.run", "^$")
	cmd.Env = append(os.Environ(), env)
	out, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	c := &child{cmd: cmd, lines: make(chan string, 64)}
	go func() {
		s := bufio.NewScanner(out)
		for s.Scan() {
			c.lines <- s.Text()
		}
		close(c.lines)
	}()
	b.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return c
}

func (c *child) wait(b *testing.B, prefix string, within time.Duration) string {
	timeout := time.After(within)
	for {
		select {
		case l, ok := <-c.lines:
			if !ok {
				b.Fatalf("child ended waiting for %q", prefix)
			}
			if strings.HasPrefix(l, "ERR") || strings.HasPrefix(l, "LOST") {
				b.Fatal(l)
			}
			if strings.HasPrefix(l, prefix) {
				return l
			}
		case <-timeout:
			b.Fatalf("no %q within %v", prefix, within)
		}
	}
}

// BenchmarkFanout100kAcrossProcesses: 102,000 phones on six serve
// processes (each hub its own process, LISTENing on one database), dialled
// by six load-generator processes from six loopback addresses. One commit
// to the feed pokes them all; reports the time from the commit to the last
// phone's poke.
func BenchmarkFanout100kAcrossProcesses(b *testing.B) {
	const procs, perProc = 6, 17000 // 102,000 phones; a process may hold 20,000 files
	url := dbtest.NewURL(b)
	servers := make([]string, procs)
	for i := range procs {
		c := spawn(b, serveEnv+"="+url)
		servers[i] = strings.TrimPrefix(c.wait(b, "ADDR ", time.Minute), "ADDR ")
	}
	gens := make([]*child, procs)
	var wg sync.WaitGroup
	for i := range procs {
		gens[i] = spawn(b, fmt.Sprintf("%s=ws://%s/ %d %d", loadgenEnv, servers[i], perProc, i))
	}
	for _, g := range gens {
		wg.Add(1)
		go func() { defer wg.Done(); g.wait(b, "READY", 5*time.Minute) }()
	}
	wg.Wait()
	ctx := context.Background()
	p, err := db.Open(ctx, url, 2)
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	var worst, worstFirst time.Duration
	var lasts []time.Duration // per commit: its last phone's poke
	for i := 0; b.Loop(); i++ {
		var head int64
		start := time.Now()
		if err := db.Transact(ctx, p, func(tx pgx.Tx) error {
			c, _ := feed.Put("unit:1", "document:1", map[string]int{"v": i})
			heads, err := feed.Write(ctx, tx, []feed.Change{c})
			head = heads["unit:1"]
			return err
		}); err != nil {
			b.Fatal(err)
		}
		var commitLast time.Duration
		for _, g := range gens {
			line := g.wait(b, fmt.Sprintf("GOT %d ", head), time.Minute)
			var hd, last, first int64
			fmt.Sscanf(line, "GOT %d %d %d", &hd, &last, &first)
			if d := time.Unix(0, last).Sub(start); d > worst {
				worst = d
			}
			if d := time.Unix(0, last).Sub(start); d > commitLast {
				commitLast = d
			}
			if d := time.Unix(0, first).Sub(start); d > worstFirst {
				worstFirst = d
			}
		}
		lasts = append(lasts, commitLast)
	}
	slices.Sort(lasts)
	b.ReportMetric(float64(lasts[len(lasts)/2].Milliseconds()), "ms-to-last-p50")
	b.ReportMetric(float64(worst.Milliseconds()), "ms-to-last")
	// The latest moment a process's first phone had its poke: the commit's
	// NOTIFY reaching every hub.
	b.ReportMetric(float64(worstFirst.Milliseconds()), "ms-to-first")
	b.ReportMetric(procs*perProc, "phones")
}
