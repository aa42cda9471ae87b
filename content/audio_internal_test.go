package content

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"syscall"
	"testing"

	"sotay/tts"
)

// Every failure a render can meet reads as words an editor understands,
// says what happens next, and never shows the raw error.
func TestAudioFailureReasons(t *testing.T) {
	secret := "/var/lib/sotay/blobs/.put-1234"
	for _, c := range []struct {
		err  error
		want string
	}{
		{fmt.Errorf("tts: %w: espeak-ng is not installed", tts.ErrEngineMissing), "espeak-ng"},
		{fmt.Errorf("tts: espeak-ng: %w", context.DeadlineExceeded), "không trả lời kịp"},
		{&fs.PathError{Op: "write", Path: secret, Err: syscall.ENOSPC}, "hết dung lượng đĩa"},
		{errors.New("tts: the encoded file decodes to 10 samples, not the 12 encoded " + secret), "lỗi khi đọc hoặc mã hóa"},
	} {
		for _, last := range []bool{false, true} {
			got := audioFailureReason(c.err, last)
			next := "tự thử lại"
			if last {
				next = "Tạo lại âm thanh"
			}
			if !strings.Contains(got, c.want) || !strings.Contains(got, next) || strings.Contains(got, secret) {
				t.Errorf("%v (last %v): %q", c.err, last, got)
			}
		}
	}
}
