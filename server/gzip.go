package server

import (
	"compress/gzip"
	"net/http"
	"strings"
	"sync"
)

// Sync answers are large (a first pull is hundreds of kilobytes of JSON) and
// phones in villages are on slow links: routes marked Gzip answer in gzip
// when the client accepts it (a first pull shrinks about sixfold).

type gzipKey struct{}

var gzipWriters = sync.Pool{New: func() any { w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed); return w }}

// acceptsGzip reports whether the route compresses and the client takes gzip.
func acceptsGzip(r *http.Request) bool {
	on, _ := r.Context().Value(gzipKey{}).(bool)
	return on && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip")
}

// writeCompressed writes body with status, in gzip when the client takes it.
// It sets Vary, and marks a strong ETag (already set) as the gzip variant's.
func writeCompressed(w http.ResponseWriter, r *http.Request, status int, body []byte) {
	w.Header().Add("Vary", "Accept-Encoding")
	if !acceptsGzip(r) || len(body) < 1024 {
		w.WriteHeader(status)
		w.Write(body)
		return
	}
	if etag := w.Header().Get("ETag"); etag != "" {
		w.Header().Set("ETag", gzipETag(etag))
	}
	w.Header().Set("Content-Encoding", "gzip")
	w.Header().Del("Content-Length")
	w.WriteHeader(status)
	gz := gzipWriters.Get().(*gzip.Writer)
	gz.Reset(w)
	gz.Write(body)
	gz.Close()
	gzipWriters.Put(gz)
}

// gzipETag is the strong ETag of the gzip variant of a representation.
func gzipETag(etag string) string { return strings.TrimSuffix(etag, `"`) + `-gzip"` }
