package hub_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"sotay/db/dbtest"
	"sotay/sync/hub"
)

// The fan-out benchmark runs its phones in a child process (this test
// binary again, as a load generator): a process may hold at most 20,000
// open files here, so 15,000 server sockets and 15,000 client sockets cannot
// share one. The phones dial from several 127.0.0.x addresses.

const loadgenEnv = "SOTAY_HUB_LOADGEN" // "url conns"

// TestMain lets the binary act as the load generator.
func TestMain(m *testing.M) {
	if spec := os.Getenv(loadgenEnv); spec != "" {
		loadgen(spec)
		return
	}
	if url := os.Getenv(serveEnv); url != "" {
		serveHub(url)
		return
	}
	dbtest.Main(m)
}

// loadgen opens the sockets, subscribes each to unit:1, prints READY, then
// for every poke head prints "GOT head last first" once all sockets have it
// (the Unix nanoseconds of the last and the first socket's poke).
func loadgen(spec string) {
	var url string
	var n, source int
	fmt.Sscanf(spec, "%s %d %d", &url, &n, &source)
	// The phones of one process are many goroutines of one heap: collect
	// garbage rarely, as 17,000 separate phones would.
	debug.SetGCPercent(800)
	// A load generator is one of several processes sharing the two cores
	// with the servers: one thread each keeps them from thrashing.
	runtime.GOMAXPROCS(1)
	var counts [1024]atomic.Int64 // per head, mod 1024: the benchmark pokes a few heads
	var lost atomic.Int64
	var firsts [1024]atomic.Int64
	got := func(head int64) {
		i := head % int64(len(counts))
		switch counts[i].Add(1) {
		case 1:
			firsts[i].Store(time.Now().UnixNano())
		case int64(n):
			fmt.Printf("GOT %d %d %d\n", head, time.Now().UnixNano(), firsts[i].Load())
		}
	}
	raw, err := newRawPhones()
	if err != nil {
		fmt.Println("ERR", err)
		os.Exit(1)
	}
	var rawMu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, 200)
	for i := 0; i < n; i++ {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			src := &net.TCPAddr{IP: net.IPv4(127, 0, 0, byte(2+source))}
			d := websocket.Dialer{NetDialContext: (&net.Dialer{LocalAddr: src}).DialContext, HandshakeTimeout: time.Minute,
				ReadBufferSize: 256, WriteBufferSize: 256}
			ws, _, err := d.Dial(url, nil)
			<-sem
			if err != nil {
				fmt.Println("ERR", err)
				os.Exit(1)
			}
			// Under the load of the benchmark a pong may take longer than
			// the library's one-second default to write.
			ws.SetPingHandler(func(data string) error {
				return ws.WriteControl(websocket.PongMessage, []byte(data), time.Now().Add(30*time.Second))
			})
			ws.WriteJSON(map[string]any{"type": "subscribe", "feeds": []string{"unit:1"}})
			var first map[string]any
			ws.ReadJSON(&first)
			rawMu.Lock()
			err = raw.add(ws)
			rawMu.Unlock()
			if err != nil {
				fmt.Println("ERR", err)
				os.Exit(1)
			}
		}()
	}
	wg.Wait()
	fmt.Println("READY")
	// A phone's own CPU is not the server's: read the head cheaply rather
	// than decode JSON 100,000 times at once.
	raw.run(func(msg []byte) { got(headOf(msg)) }, func(err error) {
		if lost.Add(1) <= 3 {
			fmt.Println("LOST", err)
		}
	})
}

func rss() int64 {
	b, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			f := strings.Fields(line)
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}

// tcpMem is the kernel's memory for TCP sockets, in bytes (pages × 4096).
func tcpMem() int64 {
	b, _ := os.ReadFile("/proc/net/sockstat")
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "TCP:") {
			f := strings.Fields(line)
			for i := 0; i+1 < len(f); i++ {
				if f[i] == "mem" {
					p, _ := strconv.ParseInt(f[i+1], 10, 64)
					return p * 4096
				}
			}
		}
	}
	return 0
}

func heap() int64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapInuse + m.StackInuse)
}

// BenchmarkFanout15k: 15,000 idle phones follow one feed on one process; a
// poke reaches the last of them in the reported time. Also reports the
// memory an idle connection costs the server (heap and stacks after GC, and
// the process's RSS) and the kernel's TCP memory per connection.
func BenchmarkFanout15k(b *testing.B) {
	benchFanout(b, 15000)
}

func benchFanout(b *testing.B, n int) {
	h := hub.New(hub.Config{QueueSize: 72, Log: quiet()})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go h.Run(ctx, 2*time.Second)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.Serve(w, r, hub.Client{Feeds: func(context.Context) ([]string, error) { return []string{"unit:1"}, nil }})
	})}
	go srv.Serve(ln)
	defer srv.Close()
	heap0, rss0, tcp0 := heap(), rss(), tcpMem()

	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), fmt.Sprintf("%s=ws://%s/ %d", loadgenEnv, ln.Addr(), n))
	out, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	lines := bufio.NewScanner(out)
	wait := func(prefix string) string {
		for lines.Scan() {
			if strings.HasPrefix(lines.Text(), "ERR") {
				b.Fatal(lines.Text())
			}
			if strings.HasPrefix(lines.Text(), prefix) {
				return lines.Text()
			}
		}
		b.Fatalf("load generator ended: %v", lines.Err())
		return ""
	}
	wait("READY")
	for h.Conns() < n {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(time.Second)
	heapPer := float64(heap()-heap0) / float64(n)
	rssPer := float64(rss()-rss0) / float64(n)
	tcpPer := float64(tcpMem()-tcp0) / float64(n) / 2 // both ends are on this machine

	var worst time.Duration
	var head int64
	for b.Loop() {
		head++
		start := time.Now()
		h.Poke("unit:1", head)
		line := wait(fmt.Sprintf("GOT %d ", head))
		var hd, ns int64
		fmt.Sscanf(line, "GOT %d %d", &hd, &ns)
		if d := time.Unix(0, ns).Sub(start); d > worst {
			worst = d
		}
	}
	_, dropped := h.Stats()
	b.ReportMetric(float64(worst.Milliseconds()), "ms-to-last")
	b.ReportMetric(heapPer, "heap-B/conn")
	b.ReportMetric(rssPer, "rss-B/conn")
	b.ReportMetric(tcpPer, "kernel-B/conn")
	b.ReportMetric(float64(dropped), "dropped")
}

// headOf finds "head":N in a poke.
func headOf(msg []byte) int64 {
	i := bytes.Index(msg, []byte(`"head":`))
	if i < 0 {
		return 0
	}
	var n int64
	for _, c := range msg[i+7:] {
		if c < '0' || c > '9' {
			break
		}
		n = n*10 + int64(c-'0')
	}
	return n
}
