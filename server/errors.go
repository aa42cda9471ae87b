package server

import (
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"sotay/db"
)

// errorBody is every error answer: {"error": {"code", "message", "field"}}.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
}

// statusOf is the one place error kinds become HTTP statuses.
func statusOf(k db.Kind) int {
	switch k {
	case db.KindNotFound:
		return http.StatusNotFound
	case db.KindConflict:
		return http.StatusConflict
	case db.KindInvalid:
		return http.StatusBadRequest
	case db.KindForbidden:
		return http.StatusForbidden
	case db.KindUnauthorized:
		return http.StatusUnauthorized
	case db.KindTooMany:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

// apiError is an error the HTTP layer itself raises (bad JSON, too large...).
type apiError struct {
	status int
	detail errorDetail
}

func (e *apiError) Error() string { return e.detail.Code + ": " + e.detail.Message }

func badRequest(code, msg, field string) error {
	return &apiError{http.StatusBadRequest, errorDetail{code, msg, field}}
}

// writeError answers with err's status and message; internal errors are
// logged with their cause and shown to people without it.
func writeError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	var ae *apiError
	if errors.As(err, &ae) {
		writeJSON(w, ae.status, errorBody{ae.detail})
		return
	}
	var e *db.Error
	// An error a content function did not classify may still be one the
	// database did (a unique violation, a NUL byte): classify it here, once.
	if errors.As(err, &e) || errors.As(db.Translate(err, "dữ liệu"), &e) {
		if e.Kind == db.KindTooMany && e.RetryAfter > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(int(e.RetryAfter.Seconds())+1))
		}
		if e.Kind == db.KindUnauthorized {
			w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		}
		status := statusOf(e.Kind)
		if status == http.StatusInternalServerError {
			log.Error("request failed", "err", err, "request_id", requestID(r))
		}
		writeJSON(w, status, errorBody{errorDetail{e.Code, e.Message, e.Field}})
		return
	}
	if r.Context().Err() != nil {
		return // the client went away
	}
	log.Error("request failed", "err", err, "method", r.Method, "path", r.URL.Path, "request_id", requestID(r))
	writeJSON(w, http.StatusInternalServerError, errorBody{errorDetail{"internal",
		"Đã có lỗi trong hệ thống. Vui lòng thử lại sau; nếu vẫn lỗi, báo mã " + requestID(r) + " cho quản trị viên.", ""}})
}
