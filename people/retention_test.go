package people_test

import (
	"testing"
	"time"
)

// TestPurgeExpired: the nightly clean-up deletes a session past its idle limit and keeps the
// live one, deletes failed sign-ins a day old and password links a day after they expired.
func TestPurgeExpired(t *testing.T) {
	e, _ := withEva(t)
	old := e.login(t, evaPassword, "10.0.0.1", "", t0)
	e.login(t, evaPassword, "10.0.0.2", "", t0.Add(2*time.Hour))
	if _, _, err := e.s.Login(e.ctx, "eva@example.cz", "spatne-heslo-1", "10.0.0.3", "", t0); err == nil {
		t.Fatal("a wrong password signed in")
	}
	if err := e.s.RequestReset(e.ctx, "eva@example.cz", "10.0.0.3", t0); err != nil {
		t.Fatal(err)
	}
	if n, err := e.s.PurgeExpired(e.ctx, t0.Add(2*time.Hour+10*time.Minute)); err != nil || n != 1 {
		t.Fatalf("after two hours: %d deleted (%v)", n, err)
	}
	if p, _ := e.s.Session(e.ctx, old, t0); p != nil {
		t.Error("the idle session survived the clean-up")
	}
	if n := e.count(t, `SELECT COUNT(*) FROM auth_sessions`); n != 1 {
		t.Errorf("%d sessions left, want the live one", n)
	}
	n, err := e.s.PurgeExpired(e.ctx, t0.Add(26*time.Hour))
	if err != nil || n != 3 { // the second session (12 hours at most), the failure, the link
		t.Errorf("a day later: %d deleted (%v)", n, err)
	}
	for _, table := range []string{"auth_sessions", "login_failures", "password_links"} {
		if n := e.count(t, `SELECT COUNT(*) FROM `+table); n != 0 {
			t.Errorf("%s keeps %d rows", table, n)
		}
	}
}
