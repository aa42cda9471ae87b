package db

import (
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Kind classifies an error for the layers above: the HTTP API maps each kind
// to one status, the admin to one kind of message.
type Kind int

// The kinds. Anything unclassified is KindInternal.
const (
	KindInternal Kind = iota
	KindNotFound
	KindConflict
	KindInvalid
	KindForbidden
	KindUnauthorized // no valid credentials: sign in again
	KindTooMany      // rate limited: try again after RetryAfter
)

// Sentinel errors, one per kind, for errors.Is.
var (
	ErrNotFound  = errors.New("not found")
	ErrConflict  = errors.New("conflict")
	ErrInvalid   = errors.New("invalid")
	ErrForbidden = errors.New("forbidden")
)

// Error is an error with a kind, a message for people (Vietnamese), an
// optional field it concerns, and a machine code.
type Error struct {
	Kind    Kind
	Code    string // stable machine code, e.g. "card_number_taken"
	Message string // for people, in Vietnamese
	Field   string // the input field at fault, if any
	Err     error  // the cause, for logs
	// RetryAfter, for KindTooMany, says when trying again may succeed.
	RetryAfter time.Duration
}

func (e *Error) Error() string {
	s := e.Code + ": " + e.Message
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Is lets errors.Is(err, db.ErrNotFound) match an *Error of that kind.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrNotFound:
		return e.Kind == KindNotFound
	case ErrConflict:
		return e.Kind == KindConflict
	case ErrInvalid:
		return e.Kind == KindInvalid
	case ErrForbidden:
		return e.Kind == KindForbidden
	}
	return false
}

// NotFound, Conflict, Invalid and Forbidden build an *Error of their kind.
func NotFound(code, msg string) *Error { return &Error{Kind: KindNotFound, Code: code, Message: msg} }
func Conflict(code, msg string) *Error { return &Error{Kind: KindConflict, Code: code, Message: msg} }
func Forbidden(code, msg string) *Error {
	return &Error{Kind: KindForbidden, Code: code, Message: msg}
}

// Unauthorized says the caller must sign in (again).
func Unauthorized(code, msg string) *Error {
	return &Error{Kind: KindUnauthorized, Code: code, Message: msg}
}

// TooMany says the caller is rate limited for d.
func TooMany(code, msg string, d time.Duration) *Error {
	return &Error{Kind: KindTooMany, Code: code, Message: msg, RetryAfter: d}
}

// Invalid reports bad input in field.
func Invalid(field, code, msg string) *Error {
	return &Error{Kind: KindInvalid, Code: code, Message: msg, Field: field}
}

// Translate turns a pgx or SQLSTATE error into a kinded *Error, once, so no
// caller inspects SQLSTATE codes. what names the thing for the message.
// Errors that are already kinded, or that no kind fits, pass through wrapped.
func Translate(err error, what string) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return &Error{Kind: KindNotFound, Code: "not_found", Message: "Không tìm thấy " + what + ".", Err: err}
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "23505": // unique_violation
			return &Error{Kind: KindConflict, Code: "already_exists", Message: what + " đã tồn tại.", Err: err}
		case "23503": // foreign_key_violation
			return &Error{Kind: KindInvalid, Code: "reference_missing", Message: "Dữ liệu tham chiếu không tồn tại hoặc đang được dùng (" + what + ").", Err: err}
		case "23514", "23502", "22P02", "22007", "22008", "22001", "22003": // check, not null, bad text repr, datetime, too long, out of range
			return &Error{Kind: KindInvalid, Code: "invalid", Message: "Dữ liệu không hợp lệ (" + what + ").", Err: err}
		case "22021", "22P05": // a NUL or other byte the database cannot store in text
			return &Error{Kind: KindInvalid, Code: "invalid_character", Message: "Dữ liệu chứa ký tự không hợp lệ (ký tự rỗng hoặc ký tự điều khiển).", Err: err}
		case "40001", "40P01", "55P03":
			return &Error{Kind: KindConflict, Code: "busy", Message: "Dữ liệu đang được người khác sửa, vui lòng thử lại.", Err: err}
		}
	}
	return fmt.Errorf("%s: %w", what, err)
}

// KindOf returns the kind of err (KindInternal when unclassified).
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindInternal
}

// IsTransient reports whether err is a conflict between transactions
// (serialization failure, deadlock, lock not available) that the same work
// may well not meet again: retry it, never treat it as a verdict.
func IsTransient(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40001" || pe.Code == "40P01" || pe.Code == "55P03")
}
