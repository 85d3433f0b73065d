package people_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"testing"
	"time"

	"mentorlms/db"
	"mentorlms/db/dbtest"
	"mentorlms/people"
	"mentorlms/web"
)

// t0 is the fixed "now" of the service tests: a Sunday morning in Prague.
var t0 = time.Date(2026, 3, 29, 7, 0, 0, 0, time.UTC)

// env is a service over a fresh migrated database.
type env struct {
	d   *db.DB
	s   *people.Service
	ctx context.Context
}

func newEnv(t *testing.T) *env {
	t.Helper()
	d := dbtest.Open(t)
	return &env{d: d, s: people.NewService(d), ctx: context.Background()}
}

// create adds a person as the command line would (no actor) and fails the test on error.
func (e *env) create(t *testing.T, in people.Input) people.Person {
	t.Helper()
	p, err := e.s.Create(e.ctx, nil, in, t0)
	if err != nil {
		t.Fatalf("create %s: %v", in.Email, err)
	}
	return p
}

// count runs a COUNT(*) query.
func (e *env) count(t *testing.T, query string, args ...any) int {
	t.Helper()
	var n int
	if err := e.d.R.GetContext(e.ctx, &n, query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// counts returns how many persons, roles and audit entries exist, to show that nothing changed.
func (e *env) counts(t *testing.T) [3]int {
	t.Helper()
	return [3]int{
		e.count(t, `SELECT COUNT(*) FROM persons`),
		e.count(t, `SELECT COUNT(*) FROM person_roles`),
		e.count(t, `SELECT COUNT(*) FROM audit_log`),
	}
}

type auditRow struct {
	At       string        `db:"at"`
	ActorID  sql.NullInt64 `db:"actor_id"`
	Action   string        `db:"action"`
	Entity   string        `db:"entity"`
	EntityID sql.NullInt64 `db:"entity_id"`
	Before   string        `db:"before"`
	After    string        `db:"after"`
}

// audits returns the audit entries with action, oldest first.
func (e *env) audits(t *testing.T, action string) []auditRow {
	t.Helper()
	var rows []auditRow
	if err := e.d.R.SelectContext(e.ctx, &rows, `
		SELECT at, actor_id, action, entity, entity_id, before, after
		FROM audit_log WHERE action = ? ORDER BY id`, action); err != nil {
		t.Fatal(err)
	}
	return rows
}

// Inputs for the usual cast.
func adminIn(email string) people.Input {
	return people.Input{Name: "Jana Dvořáková", Email: email, Roles: []string{"admin"}, Password: "admin-heslo-123"}
}

func coordIn(email, region string) people.Input {
	return people.Input{Name: "Petr Horváth", Email: email, Region: region, Roles: []string{"coordinator"}}
}

func traineeIn(email, region string) people.Input {
	return people.Input{Name: "Marie Giňová", Email: email, BirthDate: "1992-03-14", Region: region,
		Roles: []string{"trainee"}}
}

// wantCode fails unless err is a *web.Error with code.
func wantCode(t *testing.T, err error, code web.Code) *web.Error {
	t.Helper()
	e, ok := web.AsError(err)
	if !ok {
		t.Fatalf("err = %v (%T), want a web.Error with code %q", err, err, code)
	}
	if e.Code != code {
		t.Fatalf("err = %v, want code %q", err, code)
	}
	return e
}

// wantField fails unless err is an invalid error whose only field is field, with message key.
func wantField(t *testing.T, err error, field, key string) {
	t.Helper()
	e := wantCode(t, err, web.CodeInvalid)
	if len(e.Fields) != 1 || e.Fields[field].Key != key {
		t.Fatalf("err = %v, want only %s=%s", err, field, key)
	}
}

func hashOf(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}
