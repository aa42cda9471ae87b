package hub_test

import (
	"encoding/binary"
	"errors"
	"fmt"
	"net"

	"github.com/gorilla/websocket"
	"golang.org/x/sys/unix"
)

// rawPhones reads the sockets of many phones on one thread with epoll. A
// real phone reads with its own CPU; here 17,000 phones of a load generator
// share the two cores with the servers they measure, so after the
// WebSocket handshake (done by gorilla/websocket) the generator reads the
// frames itself: one read per ready socket, no goroutine woken per poke.
type rawPhones struct {
	ep   int
	bufs map[int32][]byte // a frame cut between two reads
}

func newRawPhones() (*rawPhones, error) {
	ep, err := unix.EpollCreate1(unix.EPOLL_CLOEXEC)
	if err != nil {
		return nil, err
	}
	return &rawPhones{ep: ep, bufs: map[int32][]byte{}}, nil
}

// add hands a subscribed socket to the reader (not safe for concurrent use;
// nothing may be left in gorilla's own buffer).
func (r *rawPhones) add(ws *websocket.Conn) error {
	tc, ok := ws.UnderlyingConn().(*net.TCPConn)
	if !ok {
		return errors.New("not a TCP connection")
	}
	sc, err := tc.SyscallConn()
	if err != nil {
		return err
	}
	// The socket moves to a descriptor of our own, and Go's copy closes:
	// Go's poller would otherwise wake for every poke too.
	var fd int
	var derr error
	sc.Control(func(f uintptr) { fd, derr = unix.Dup(int(f)) })
	if derr != nil {
		return derr
	}
	tc.Close()
	return unix.EpollCtl(r.ep, unix.EPOLL_CTL_ADD, fd, &unix.EpollEvent{Events: unix.EPOLLIN, Fd: int32(fd)})
}

// run reads frames forever: got for each text frame (a poke), a pong for
// each ping, lost when a socket fails or closes.
func (r *rawPhones) run(got func(payload []byte), lost func(error)) {
	events := make([]unix.EpollEvent, 4096)
	buf := make([]byte, 64<<10)
	for {
		n, err := unix.EpollWait(r.ep, events, -1)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			lost(err)
			return
		}
		for _, ev := range events[:n] {
			fd := ev.Fd
			m, err := unix.Read(int(fd), buf)
			if err == unix.EAGAIN {
				continue
			}
			if m <= 0 {
				if err == nil {
					err = errors.New("closed by the server")
				}
				lost(err)
				unix.EpollCtl(r.ep, unix.EPOLL_CTL_DEL, int(fd), nil)
				continue
			}
			data := buf[:m]
			if held := r.bufs[fd]; held != nil {
				data = append(held, data...)
			}
			rest, err := r.frames(int(fd), data, got)
			if err != nil {
				lost(err)
			}
			if len(rest) > 0 {
				r.bufs[fd] = append([]byte(nil), rest...)
			} else {
				delete(r.bufs, fd)
			}
		}
	}
}

// frames handles the whole frames at the start of data (server frames are
// unmasked) and returns what is left.
func (r *rawPhones) frames(fd int, data []byte, got func([]byte)) ([]byte, error) {
	for len(data) >= 2 {
		op, n, hdr := data[0]&0x0f, int(data[1]&0x7f), 2
		switch n {
		case 126:
			if len(data) < 4 {
				return data, nil
			}
			n, hdr = int(binary.BigEndian.Uint16(data[2:])), 4
		case 127:
			if len(data) < 10 {
				return data, nil
			}
			n, hdr = int(binary.BigEndian.Uint64(data[2:])), 10
		}
		if len(data) < hdr+n {
			return data, nil
		}
		payload := data[hdr : hdr+n]
		switch op {
		case websocket.TextMessage:
			got(payload)
		case websocket.PingMessage:
			// A client frame is masked; a zero mask leaves the payload as is.
			pong := append([]byte{0x80 | websocket.PongMessage, 0x80 | byte(len(payload)), 0, 0, 0, 0}, payload...)
			if _, err := unix.Write(fd, pong); err != nil {
				return nil, fmt.Errorf("pong: %w", err)
			}
		case websocket.CloseMessage:
			return nil, fmt.Errorf("closed by the server: %q", payload)
		}
		data = data[hdr+n:]
	}
	return data, nil
}
