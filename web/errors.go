package web

import (
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Code classifies an error the way a client needs to react to it.
type Code string

// The error codes of the API contract.
const (
	CodeInvalid      Code = "invalid"
	CodeNotFound     Code = "not_found"
	CodeForbidden    Code = "forbidden"
	CodeUnauthorized Code = "unauthorized"
	CodeConflict     Code = "conflict"
	CodeBadRequest   Code = "bad_request"
	// CodeUnsupportedMedia answers a body that is not declared as JSON, CodeTooLarge one over
	// the size the API reads.
	CodeUnsupportedMedia Code = "unsupported_media_type"
	CodeTooLarge         Code = "too_large"
	CodeInternal         Code = "internal"
)

// status is the one place where codes become HTTP status.
var status = map[Code]int{
	CodeInvalid:          http.StatusUnprocessableEntity,
	CodeNotFound:         http.StatusNotFound,
	CodeForbidden:        http.StatusForbidden,
	CodeUnauthorized:     http.StatusUnauthorized,
	CodeConflict:         http.StatusConflict,
	CodeBadRequest:       http.StatusBadRequest,
	CodeUnsupportedMedia: http.StatusUnsupportedMediaType,
	CodeTooLarge:         http.StatusRequestEntityTooLarge,
	CodeInternal:         http.StatusInternalServerError,
}

// Msg is a translatable message: a catalog key and the values it interpolates.
type Msg struct {
	Key  string
	Args map[string]any
}

// M builds a Msg from a key and name/value pairs.
func M(key string, pairs ...any) Msg {
	m := Msg{Key: key}
	if len(pairs) > 1 {
		m.Args = make(map[string]any, len(pairs)/2)
		for i := 0; i+1 < len(pairs); i += 2 {
			m.Args[fmt.Sprint(pairs[i])] = pairs[i+1]
		}
	}
	return m
}

// Error is a domain error with a code, a message and, for invalid input, a message per field.
type Error struct {
	Code   Code
	Msg    Msg
	Fields map[string]Msg
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(string(e.Code) + ": " + e.Msg.Key)
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		b.WriteString(" " + k + "=" + e.Fields[k].Key)
	}
	return b.String()
}

// Status is the HTTP status the error maps to.
func (e *Error) Status() int { return status[e.Code] }

// NotFound reports that something does not exist (or must not be revealed to exist).
func NotFound(key string) *Error { return &Error{Code: CodeNotFound, Msg: M(key)} }

// Forbidden reports that the principal may not do this.
func Forbidden() *Error { return &Error{Code: CodeForbidden, Msg: M("error.forbidden")} }

// Unauthorized reports that the request needs a signed-in principal.
func Unauthorized() *Error { return &Error{Code: CodeUnauthorized, Msg: M("error.unauthorized")} }

// Conflict reports that the current state does not allow the change.
func Conflict(key string, pairs ...any) *Error {
	return &Error{Code: CodeConflict, Msg: M(key, pairs...)}
}

// BadRequest reports malformed input.
func BadRequest(key string, pairs ...any) *Error {
	return &Error{Code: CodeBadRequest, Msg: M(key, pairs...)}
}

// Fields collects per-field validation messages; the zero value is ready to use.
type Fields map[string]Msg

// Add records a message for field unless the field already has one (the first problem is
// the one a person should fix first).
func (f *Fields) Add(field, key string, pairs ...any) { f.Set(field, M(key, pairs...)) }

// Set records a message for field unless the field already has one, like Add.
func (f *Fields) Set(field string, m Msg) {
	if *f == nil {
		*f = Fields{}
	}
	if _, ok := (*f)[field]; !ok {
		(*f)[field] = m
	}
}

// Err returns nil when no field failed, and an invalid error otherwise.
func (f Fields) Err() error {
	if len(f) == 0 {
		return nil
	}
	return &Error{Code: CodeInvalid, Msg: M("error.invalid"), Fields: f}
}

// AsError returns err as an *Error when it is one.
func AsError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// CleanText reports whether s is valid UTF-8 without control or invisible formatting
// characters. Such text prints on legal documents (certificates, attendance sheets), so it
// refuses what would make it read otherwise than it is stored: control characters (Cc),
// bidirectional overrides and isolates such as U+202E, zero-width characters such as U+200B
// and the other format characters (Cf), and line or paragraph separators (Zl, Zp).
func CleanText(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsFunc(s, hidden)
}

// Paragraphs is text as typed in a textarea: browsers send its line breaks as CRLF, which are
// kept as "\n", and the whole is trimmed. CleanParagraphs then checks it.
func Paragraphs(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
}

// CleanParagraphs is CleanText for text of several lines (a description, a reason, a note):
// line breaks are allowed, nothing else that CleanText refuses.
func CleanParagraphs(s string) bool {
	return CleanText(strings.ReplaceAll(s, "\n", " "))
}

func hidden(r rune) bool {
	return unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp)
}
