package blob_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"sotay/content/blob"
	"sotay/db"
)

func TestPutOpenRoundTrip(t *testing.T) {
	t.Parallel()
	s, err := blob.Open(filepath.Join(t.TempDir(), "blobs"))
	if err != nil {
		t.Fatal(err)
	}
	data := []byte("%PDF-1.7 xin chào")
	want := sha256.Sum256(data)
	sum, size, err := s.Put(bytes.NewReader(data), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if sum != hex.EncodeToString(want[:]) || size != int64(len(data)) {
		t.Fatalf("Put = %s, %d; want %x, %d", sum, size, want, len(data))
	}
	p, err := s.Path(sum)
	if err != nil || p != filepath.Join(s.Dir(), sum[:2], sum[2:]) {
		t.Fatalf("Path = %q, %v", p, err)
	}
	f, err := s.Open(sum)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(f)
	f.Close()
	if !bytes.Equal(got, data) {
		t.Fatalf("read back %q", got)
	}
	// Same bytes again: same name, the existing file is kept, no temp file left behind.
	before, _ := os.Stat(p)
	sum2, _, err := s.Put(bytes.NewReader(data), 0)
	if err != nil || sum2 != sum {
		t.Fatalf("second Put = %s, %v", sum2, err)
	}
	after, _ := os.Stat(p)
	if !os.SameFile(before, after) {
		t.Error("second Put replaced the existing blob")
	}
	entries, _ := os.ReadDir(s.Dir())
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".put-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
	if !s.Has(sum) || s.Has(strings.Repeat("0", 64)) {
		t.Error("Has is wrong")
	}
}

func TestPutLimit(t *testing.T) {
	t.Parallel()
	s, err := blob.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Put(bytes.NewReader(make([]byte, 100)), 100); err != nil {
		t.Fatalf("exactly the limit: %v", err)
	}
	_, _, err = s.Put(bytes.NewReader(make([]byte, 101)), 100)
	var e *db.Error
	if !errors.As(err, &e) || e.Kind != db.KindInvalid || e.Code != "file_too_large" || !errors.Is(err, blob.ErrTooLarge) {
		t.Fatalf("over the limit: %v", err)
	}
	entries, _ := os.ReadDir(s.Dir())
	for _, e := range entries {
		if !e.IsDir() {
			t.Errorf("file %s left behind by a refused Put", e.Name())
		}
	}
}

func TestSumsAreValidated(t *testing.T) {
	t.Parallel()
	s, err := blob.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{
		"", "../../etc/passwd", strings.Repeat("a", 63), strings.Repeat("A", 64),
		strings.Repeat("a", 62) + "/x", "../" + strings.Repeat("a", 61), strings.Repeat("g", 64),
	} {
		if _, err := s.Path(bad); !errors.Is(err, db.ErrInvalid) {
			t.Errorf("Path(%q) = %v, want invalid", bad, err)
		}
		if _, err := s.Open(bad); !errors.Is(err, db.ErrInvalid) {
			t.Errorf("Open(%q) = %v, want invalid", bad, err)
		}
	}
	if _, err := s.Open(strings.Repeat("ab", 32)); !errors.Is(err, db.ErrNotFound) || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing blob: %v", err)
	}
}

func TestConcurrentPutsOfTheSameBytes(t *testing.T) {
	t.Parallel()
	s, err := blob.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	data := bytes.Repeat([]byte("sổ tay "), 10000)
	var wg sync.WaitGroup
	sums := make([]string, 8)
	for i := range sums {
		wg.Go(func() {
			sum, _, err := s.Put(bytes.NewReader(data), 0)
			if err != nil {
				t.Error(err)
			}
			sums[i] = sum
		})
	}
	wg.Wait()
	for _, sum := range sums[1:] {
		if sum != sums[0] {
			t.Fatalf("sums differ: %v", sums)
		}
	}
	f, err := s.Open(sums[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, _ := io.ReadAll(f)
	if !bytes.Equal(got, data) {
		t.Fatal("blob content differs")
	}
}
