package server

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/google/uuid"
)

// pathID reads the int64 path parameter name.
func pathID(r *http.Request, name string) (int64, error) {
	v, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || v <= 0 {
		return 0, badRequest("bad_id", "Mã "+name+" trong địa chỉ không hợp lệ.", name)
	}
	return v, nil
}

func pathUUID(r *http.Request, name string) (uuid.UUID, error) {
	v, err := uuid.Parse(r.PathValue(name))
	if err != nil {
		return uuid.Nil, badRequest("bad_id", "Mã "+name+" trong địa chỉ không hợp lệ.", name)
	}
	return v, nil
}

// queryInt reads an optional integer query parameter (def when absent).
func queryInt(r *http.Request, name string, def int64) (int64, error) {
	s := r.URL.Query().Get(name)
	if s == "" {
		return def, nil
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil || v < 0 {
		return 0, badRequest("bad_query", "Tham số "+name+" phải là số nguyên không âm.", name)
	}
	return v, nil
}

func urlPathEscape(s string) string { return url.PathEscape(s) }

// pageLimit reads ?limit=, defaulting to def and capped at max, so the
// handler and the query agree on the page size (a full page means "more").
func pageLimit(r *http.Request, def, max int64) (int64, error) {
	n, err := queryInt(r, "limit", def)
	if err != nil {
		return 0, err
	}
	if n <= 0 {
		n = def
	}
	if n > max {
		n = max
	}
	return n, nil
}
