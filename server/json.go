package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// maxJSONBody bounds a JSON request body unless its route says otherwise
// (route.MaxBody); larger bodies get 413.
const maxJSONBody = 1 << 20

type bodyLimitKey struct{}

// bodyLimit is the request's JSON body limit.
func bodyLimit(r *http.Request) int64 {
	if n, ok := r.Context().Value(bodyLimitKey{}).(int64); ok && n > 0 {
		return n
	}
	return maxJSONBody
}

// decodeJSON reads the request body into v: at most bodyLimit bytes, valid
// UTF-8, one JSON value, no unknown fields. Errors say which field.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	// Any content type is read as JSON (curl -d sends form encoding by
	// default); only a multipart form is surely a mistake.
	if ct := r.Header.Get("Content-Type"); strings.HasPrefix(ct, "multipart/") {
		return &apiError{http.StatusUnsupportedMediaType, errorDetail{"unsupported_media_type", "Nội dung gửi lên phải là JSON (Content-Type: application/json).", ""}}
	}
	limit := bodyLimit(r)
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return &apiError{http.StatusRequestEntityTooLarge, errorDetail{"body_too_large",
			"Dữ liệu gửi lên quá lớn (tối đa " + strconv.FormatInt(limit>>10, 10) + " KB).", ""}}
	}
	if err != nil {
		return badRequest("bad_body", "Không đọc được dữ liệu gửi lên.", "")
	}
	if !utf8.Valid(body) {
		return badRequest("invalid_utf8", "Dữ liệu gửi lên không phải UTF-8 hợp lệ.", "")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if dec.More() {
		return badRequest("bad_json", "Dữ liệu gửi lên chỉ được chứa một đối tượng JSON.", "")
	}
	return nil
}

func jsonError(err error) error {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &te):
		return badRequest("bad_type", "Trường "+te.Field+" có kiểu dữ liệu không đúng.", te.Field)
	case errors.As(err, &se), errors.Is(err, io.ErrUnexpectedEOF):
		return badRequest("bad_json", "Dữ liệu gửi lên không phải JSON hợp lệ.", "")
	case errors.Is(err, io.EOF):
		return badRequest("empty_body", "Thiếu dữ liệu gửi lên.", "")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		f := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return badRequest("unknown_field", "Trường không được hỗ trợ: "+f+".", f)
	}
	var pe *time.ParseError
	if errors.As(err, &pe) {
		return badRequest("bad_time", "Thời gian phải theo dạng RFC 3339, ví dụ 2026-03-15T19:30:00+07:00.", "")
	}
	return badRequest("bad_json", "Dữ liệu gửi lên không hợp lệ: "+err.Error(), "")
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// writeJSONCompressed is writeJSON for routes marked Gzip.
func writeJSONCompressed(w http.ResponseWriter, r *http.Request, status int, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	writeCompressed(w, r, status, buf.Bytes())
	return nil
}
