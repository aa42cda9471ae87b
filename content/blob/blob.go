package blob

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"sotay/db"
)

// ErrTooLarge is the cause of the error Put returns when the content exceeds
// its limit (the error itself is a db.KindInvalid *db.Error, code
// "file_too_large").
var ErrTooLarge = errors.New("blob: content exceeds the size limit")

// Store is a directory of blobs named by their SHA-256.
type Store struct {
	dir string
}

// Open returns the store in dir, creating the directory if needed.
func Open(dir string) (*Store, error) {
	if dir == "" {
		return nil, errors.New("blob: empty directory name")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("blob: open %s: %w", dir, err)
	}
	if err := os.MkdirAll(abs, 0o750); err != nil {
		return nil, fmt.Errorf("blob: open %s: %w", dir, err)
	}
	return &Store{dir: abs}, nil
}

// Dir is the store's directory.
func (s *Store) Dir() string { return s.dir }

// ValidSum reports whether sum is a SHA-256 in lower-case hex: the only
// names the store accepts, so no name can reach outside the directory.
func ValidSum(sum string) bool {
	if len(sum) != sha256.Size*2 {
		return false
	}
	for i := 0; i < len(sum); i++ {
		c := sum[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

func invalidSum(sum string) error {
	return &db.Error{Kind: db.KindInvalid, Code: "invalid_sha256", Field: "sha256",
		Message: "Mã băm tệp không hợp lệ.", Err: fmt.Errorf("blob: invalid sum %q", sum)}
}

// Path returns the file name of the blob sum (which need not exist yet).
func (s *Store) Path(sum string) (string, error) {
	if !ValidSum(sum) {
		return "", invalidSum(sum)
	}
	return filepath.Join(s.dir, sum[:2], sum[2:]), nil
}

// Put stores what r yields and returns its SHA-256 (lower-case hex) and size.
// More than limit bytes (limit > 0) is an error of kind invalid with code
// "file_too_large", and nothing is stored. The bytes are on disk (fsynced,
// file and directory) when Put returns; if the blob already exists the
// existing file is kept.
func (s *Store) Put(r io.Reader, limit int64) (sum string, size int64, err error) {
	tmp, err := os.CreateTemp(s.dir, ".put-*")
	if err != nil {
		return "", 0, fmt.Errorf("blob: put: %w", err)
	}
	defer func() {
		if tmp != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	h := sha256.New()
	src := r
	if limit > 0 {
		src = io.LimitReader(r, limit+1)
	}
	size, err = io.Copy(io.MultiWriter(tmp, h), src)
	if err != nil {
		return "", 0, fmt.Errorf("blob: put: %w", err)
	}
	if limit > 0 && size > limit {
		return "", 0, &db.Error{Kind: db.KindInvalid, Code: "file_too_large", Field: "file",
			Message: "Tệp quá lớn (tối đa " + humanSize(limit) + ").", Err: ErrTooLarge}
	}
	if err := tmp.Sync(); err != nil {
		return "", 0, fmt.Errorf("blob: put: sync: %w", err)
	}
	if err := tmp.Chmod(0o440); err != nil {
		return "", 0, fmt.Errorf("blob: put: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return "", 0, fmt.Errorf("blob: put: %w", err)
	}
	sum = hex.EncodeToString(h.Sum(nil))
	final, _ := s.Path(sum)
	if _, err := os.Stat(final); err == nil {
		return sum, size, nil // already stored: keep the existing file; the deferred cleanup removes ours
	}
	sub := filepath.Dir(final)
	if err := os.MkdirAll(sub, 0o750); err != nil {
		return "", 0, fmt.Errorf("blob: put: %w", err)
	}
	if err := os.Rename(tmp.Name(), final); err != nil {
		return "", 0, fmt.Errorf("blob: put: %w", err)
	}
	tmp = nil
	if err := syncDir(sub); err != nil {
		return "", 0, fmt.Errorf("blob: put: sync directory: %w", err)
	}
	return sum, size, nil
}

// Open opens the blob sum for reading. A missing blob is an error of kind
// not found (wrapping fs.ErrNotExist).
func (s *Store) Open(sum string) (*os.File, error) {
	p, err := s.Path(sum)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &db.Error{Kind: db.KindNotFound, Code: "blob_not_found", Message: "Không tìm thấy tệp.", Err: err}
	}
	if err != nil {
		return nil, fmt.Errorf("blob: open %s: %w", sum, err)
	}
	return f, nil
}

// Has reports whether the blob sum is stored.
func (s *Store) Has(sum string) bool {
	p, err := s.Path(sum)
	if err != nil {
		return false
	}
	_, err = os.Stat(p)
	return err == nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// humanSize writes a byte count the way the messages show it: "20 MB".
func humanSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KB"
	}
	return strconv.FormatInt(n, 10) + " byte"
}
