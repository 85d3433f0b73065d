package web_test

import (
	"errors"
	"fmt"
	"io"
	"testing"

	"mentorlms/web"
)

func TestFieldsAddKeepsFirstMessage(t *testing.T) {
	var f web.Fields // the zero value is ready to use
	f.Add("email", "person.email.required")
	f.Add("email", "person.email.invalid")
	f.Add("password", "person.password.too_short", "Min", 10)
	if got := f["email"].Key; got != "person.email.required" {
		t.Errorf("email message = %q, want the first one, person.email.required", got)
	}
	if got := f["password"]; got.Key != "person.password.too_short" || got.Args["Min"] != 10 {
		t.Errorf("password message = %+v, want person.password.too_short with Min=10", got)
	}
	if len(f) != 2 {
		t.Errorf("len(fields) = %d, want 2", len(f))
	}
}

func TestFieldsErr(t *testing.T) {
	var empty web.Fields
	if err := empty.Err(); err != nil {
		t.Errorf("Err of no fields = %v, want nil", err)
	}
	if err := (web.Fields{}).Err(); err != nil {
		t.Errorf("Err of an empty map = %v, want nil", err)
	}
	var f web.Fields
	f.Add("name", "person.name.required")
	err := f.Err()
	e, ok := web.AsError(err)
	if !ok {
		t.Fatalf("Err() = %#v, want a *web.Error", err)
	}
	if e.Code != web.CodeInvalid || e.Status() != 422 || e.Msg.Key != "error.invalid" {
		t.Errorf("got code %q status %d msg %q, want invalid 422 error.invalid", e.Code, e.Status(), e.Msg.Key)
	}
	if e.Fields["name"].Key != "person.name.required" {
		t.Errorf("fields = %v, want name=person.name.required", e.Fields)
	}
	if got, want := err.Error(), "invalid: error.invalid name=person.name.required"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestCodeStatus(t *testing.T) {
	tests := []struct {
		err  *web.Error
		code web.Code
		want int
	}{
		{web.NotFound("person.not_found"), web.CodeNotFound, 404},
		{web.Forbidden(), web.CodeForbidden, 403},
		{web.Unauthorized(), web.CodeUnauthorized, 401},
		{web.Conflict("person.email.taken"), web.CodeConflict, 409},
		{web.BadRequest("error.bad_request"), web.CodeBadRequest, 400},
		{&web.Error{Code: web.CodeInternal}, web.CodeInternal, 500},
		{&web.Error{Code: web.CodeInvalid}, web.CodeInvalid, 422},
	}
	for _, tt := range tests {
		t.Run(string(tt.code), func(t *testing.T) {
			if tt.err.Code != tt.code {
				t.Errorf("code = %q, want %q", tt.err.Code, tt.code)
			}
			if got := tt.err.Status(); got != tt.want {
				t.Errorf("Status() = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestAsError(t *testing.T) {
	nf := web.NotFound("person.not_found")
	tests := []struct {
		name string
		err  error
		want *web.Error
	}{
		{"direct", nf, nf},
		{"wrapped once", fmt.Errorf("people: get 7: %w", nf), nf},
		{"wrapped twice", fmt.Errorf("service: %w", fmt.Errorf("store: %w", nf)), nf},
		{"joined", errors.Join(io.EOF, nf), nf},
		{"plain error", io.EOF, nil},
		{"wrapped plain error", fmt.Errorf("x: %w", io.EOF), nil},
		{"nil", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := web.AsError(tt.err)
			if ok != (tt.want != nil) || got != tt.want {
				t.Errorf("AsError = %v, %v; want %v", got, ok, tt.want)
			}
		})
	}
}

func TestSafeNext(t *testing.T) {
	tests := []struct{ next, want string }{
		{"/people?q=1", "/people?q=1"},
		{"/", "/"},
		{"/people/7/edit", "/people/7/edit"},
		{"//evil.example", "/"},
		{"//evil.example/people", "/"},
		{"/\\evil.example", "/"},
		{"https://evil.example", "/"},
		{"http:/evil.example", "/"},
		{"javascript:alert(1)", "/"},
		{"", "/"},
		{"people", "/"},
		{"/\t/evil.example", "/"}, // browsers drop tabs, leaving //evil.example
		{"/\n/evil.example", "/"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q", tt.next), func(t *testing.T) {
			if got := web.SafeNext(tt.next, "/"); got != tt.want {
				t.Errorf("SafeNext(%q) = %q, want %q", tt.next, got, tt.want)
			}
		})
	}
}
