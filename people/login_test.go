package people_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"mentorlms/people"
	"mentorlms/web"
)

const evaPassword = "Žluté-kolo-2026"

// withEva returns an env holding Eva, a lecturer of ULK with a password, and Eva herself.
func withEva(t *testing.T) (*env, people.Person) {
	t.Helper()
	e := newEnv(t)
	return e, e.create(t, people.Input{Name: "Eva Svobodová", Email: "eva@example.cz", Region: "ULK",
		BirthDate: "1975-06-03", Roles: []string{"lecturer", "trainee"}, Password: evaPassword})
}

// login signs Eva in and fails the test unless it works.
func (e *env) login(t *testing.T, password, addr, old string, now time.Time) string {
	t.Helper()
	token, _, err := e.s.Login(e.ctx, "eva@example.cz", password, addr, old, now)
	if err != nil {
		t.Fatalf("login at %v from %s: %v", now, addr, err)
	}
	return token
}

// refused fails the test unless a sign-in is refused with exactly ErrSignIn.
func (e *env) refused(t *testing.T, email, password, addr string, now time.Time) {
	t.Helper()
	token, p, err := e.s.Login(e.ctx, email, password, addr, "", now)
	if err != people.ErrSignIn || token != "" || p.ID != 0 {
		t.Fatalf("Login(%s from %s at %v) = %q, %d, %v; want ErrSignIn", email, addr, now, token, p.ID, err)
	}
}

func TestLoginSuccess(t *testing.T) {
	e, eva := withEva(t)
	token, p, err := e.s.Login(e.ctx, "  EVA@Example.cz ", evaPassword, "10.0.0.1", "", t0)
	if err != nil {
		t.Fatal(err)
	}
	if len(token) != 43 || p.ID != eva.ID {
		t.Errorf("token %q, person %d", token, p.ID)
	}
	pr, err := e.s.Session(e.ctx, token, t0)
	if err != nil || pr == nil {
		t.Fatalf("Session = %v, %v", pr, err)
	}
	want := web.Principal{ID: eva.ID, Name: "Eva Svobodová", Email: "eva@example.cz", Region: "ULK",
		Roles: []web.Role{web.RoleLecturer, web.RoleTrainee}, SessionKey: hashOf(token)}
	if pr.ID != want.ID || pr.Name != want.Name || pr.Email != want.Email || pr.Region != want.Region ||
		!slices.Equal(pr.Roles, want.Roles) || pr.SessionKey != want.SessionKey {
		t.Errorf("principal %+v, want %+v", *pr, want)
	}
	if n := e.count(t, `SELECT COUNT(*) FROM auth_sessions WHERE token_hash = ? AND addr = '10.0.0.1'`, hashOf(token)); n != 1 {
		t.Errorf("stored sessions under the token's hash: %d, want 1", n)
	}
	if rows := e.audits(t, "auth.login"); len(rows) != 1 || rows[0].ActorID.Int64 != eva.ID {
		t.Errorf("auth.login rows %+v", rows)
	}
}

func TestLoginFailures(t *testing.T) {
	e, eva := withEva(t)
	admin := e.create(t, adminIn("admin@example.cz")).Principal("")
	off := e.create(t, people.Input{Name: "Off", Email: "off@example.cz", Roles: []string{"lecturer"}, Password: evaPassword})
	if _, err := e.s.SetActive(e.ctx, admin, off.ID, false, t0); err != nil {
		t.Fatal(err)
	}
	nopw := e.create(t, people.Input{Name: "Bez Hesla", Email: "nopw@example.cz", Roles: []string{"lecturer"}})

	tests := []struct {
		name, email, password, reason string
		personID                      int64
	}{
		{"wrong password", "eva@example.cz", evaPassword + "x", "password", eva.ID},
		{"unknown e-mail", "nikdo@example.cz", evaPassword, "unknown", 0},
		{"deactivated person", "off@example.cz", evaPassword, "inactive", off.ID},
		{"person without password", "nopw@example.cz", "", "password", nopw.ID},
		{"person without password, some password", "nopw@example.cz", evaPassword, "password", nopw.ID},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// A separate address per case, so that no case is refused by a lock.
			e.refused(t, tt.email, tt.password, fmt.Sprintf("10.0.1.%d", i), t0)
			rows := e.audits(t, "auth.login_failed")
			if len(rows) != i+1 {
				t.Fatalf("%d auth.login_failed rows, want %d", len(rows), i+1)
			}
			r := rows[i]
			var after map[string]string
			if err := json.Unmarshal([]byte(r.After), &after); err != nil {
				t.Fatal(err)
			}
			if after["email"] != tt.email || after["reason"] != tt.reason || r.EntityID.Int64 != tt.personID ||
				r.ActorID.Valid {
				t.Errorf("audit row %+v", r)
			}
		})
	}
	if n := e.count(t, `SELECT COUNT(*) FROM auth_sessions`); n != 0 {
		t.Errorf("%d sessions after failed sign-ins", n)
	}
}

func TestLoginLock(t *testing.T) {
	const a, b = "192.0.2.1", "192.0.2.2"
	fiveFailures := func(e *env, t *testing.T, addr string) {
		for i := range people.LockFailures {
			e.refused(t, "eva@example.cz", "špatně", addr, t0.Add(time.Duration(i)*time.Minute))
		}
	}
	t.Run("four failures do not lock", func(t *testing.T) {
		e, _ := withEva(t)
		for i := range people.LockFailures - 1 {
			e.refused(t, "eva@example.cz", "špatně", a, t0.Add(time.Duration(i)*time.Minute))
		}
		e.login(t, evaPassword, a, "", t0.Add(4*time.Minute))
	})
	t.Run("five failures lock the pair until 15 min after the last", func(t *testing.T) {
		e, _ := withEva(t)
		fiveFailures(e, t, a) // the last at t0+4m: locked until t0+19m
		e.refused(t, "eva@example.cz", evaPassword, a, t0.Add(5*time.Minute))
		e.refused(t, "eva@example.cz", evaPassword, a, t0.Add(19*time.Minute-time.Second))
		rows := e.audits(t, "auth.login_failed")
		if last := rows[len(rows)-1]; last.After != `{"email":"eva@example.cz","reason":"locked"}` {
			t.Errorf("last failure recorded as %s", last.After)
		}
		e.login(t, evaPassword, a, "", t0.Add(19*time.Minute))
	})
	t.Run("attempts during a lock do not extend it", func(t *testing.T) {
		e, _ := withEva(t)
		fiveFailures(e, t, a)
		// Counted, these five would form a run ending at t0+10m and lock until t0+25m.
		for i := range 5 {
			e.refused(t, "eva@example.cz", "špatně", a, t0.Add(10*time.Minute+time.Duration(i)*time.Second))
		}
		e.login(t, evaPassword, a, "", t0.Add(19*time.Minute))
	})
	t.Run("another address is not locked", func(t *testing.T) {
		e, _ := withEva(t)
		fiveFailures(e, t, b)
		e.login(t, evaPassword, a, "", t0.Add(5*time.Minute))
	})
	t.Run("the same e-mail from another address does not lock the first", func(t *testing.T) {
		e, _ := withEva(t)
		for i := range people.LockFailures - 1 {
			e.refused(t, "eva@example.cz", "špatně", a, t0.Add(time.Duration(i)*time.Second))
		}
		e.refused(t, "eva@example.cz", "špatně", b, t0.Add(10*time.Second))
		e.login(t, evaPassword, a, "", t0.Add(time.Minute))
	})
	t.Run("success clears the pair's failures", func(t *testing.T) {
		e, _ := withEva(t)
		for i := range people.LockFailures - 1 {
			e.refused(t, "eva@example.cz", "špatně", a, t0.Add(time.Duration(i)*time.Second))
		}
		e.login(t, evaPassword, a, "", t0.Add(time.Minute))
		e.refused(t, "eva@example.cz", "špatně", a, t0.Add(2*time.Minute))
		e.login(t, evaPassword, a, "", t0.Add(3*time.Minute))
	})
}

func TestLoginAddressLock(t *testing.T) {
	const c, d = "198.51.100.7", "198.51.100.8"
	failFrom := func(e *env, t *testing.T, n int) {
		for i := range n {
			e.refused(t, fmt.Sprintf("nikdo%d@example.cz", i), "cokoli-hesla", c, t0.Add(time.Duration(i)*time.Second))
		}
	}
	t.Run("19 e-mails do not lock the address", func(t *testing.T) {
		e, _ := withEva(t)
		failFrom(e, t, people.AddrLockFailures-1)
		e.login(t, evaPassword, c, "", t0.Add(time.Minute))
	})
	t.Run("20 e-mails lock the address", func(t *testing.T) {
		e, _ := withEva(t)
		failFrom(e, t, people.AddrLockFailures) // the last at t0+19s
		e.refused(t, "eva@example.cz", evaPassword, c, t0.Add(time.Minute))
		e.login(t, evaPassword, d, "", t0.Add(time.Minute))
		e.refused(t, "eva@example.cz", evaPassword, c, t0.Add(15*time.Minute+18*time.Second))
		e.login(t, evaPassword, c, "", t0.Add(15*time.Minute+19*time.Second))
	})
}
