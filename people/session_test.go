package people_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"mentorlms/people"
	"mentorlms/web"
)

// alive fails the test unless the session behind token is (or is not) alive at now.
func (e *env) alive(t *testing.T, token string, now time.Time, want bool) *web.Principal {
	t.Helper()
	p, err := e.s.Session(e.ctx, token, now)
	if err != nil {
		t.Fatalf("Session at %v: %v", now, err)
	}
	if (p != nil) != want {
		t.Fatalf("Session at %v = %+v, want alive=%v", now, p, want)
	}
	return p
}

func TestSessionRotation(t *testing.T) {
	e, eva := withEva(t)
	old := e.login(t, evaPassword, "10.0.0.1", "", t0)
	other := e.login(t, evaPassword, "10.0.0.2", "", t0) // another browser keeps its session
	next := e.login(t, evaPassword, "10.0.0.1", old, t0.Add(time.Minute))
	if next == old || next == "" {
		t.Fatalf("new token %q, old %q", next, old)
	}
	e.alive(t, old, t0.Add(2*time.Minute), false)
	e.alive(t, next, t0.Add(2*time.Minute), true)
	e.alive(t, other, t0.Add(2*time.Minute), true)
	if n := e.count(t, `SELECT COUNT(*) FROM auth_sessions WHERE person_id = ?`, eva.ID); n != 2 {
		t.Errorf("%d sessions, want 2", n)
	}
	t.Run("a failed sign-in keeps the old session", func(t *testing.T) {
		_, _, err := e.s.Login(e.ctx, "eva@example.cz", "špatně", "10.0.0.1", next, t0.Add(3*time.Minute))
		if err != people.ErrSignIn {
			t.Fatalf("err = %v", err)
		}
		e.alive(t, next, t0.Add(4*time.Minute), true)
	})
	t.Run("an unknown old token is harmless", func(t *testing.T) {
		e.login(t, evaPassword, "10.0.0.1", "no-such-token", t0.Add(5*time.Minute))
	})
}

func TestSessionExpiry(t *testing.T) {
	t.Run("alive at 29m59s without use", func(t *testing.T) {
		e, _ := withEva(t)
		tok := e.login(t, evaPassword, "10.0.0.1", "", t0)
		e.alive(t, tok, t0.Add(29*time.Minute+59*time.Second), true)
	})
	t.Run("gone at 30m without use", func(t *testing.T) {
		e, eva := withEva(t)
		tok := e.login(t, evaPassword, "10.0.0.1", "", t0)
		e.alive(t, tok, t0.Add(30*time.Minute), false)
		if n := e.count(t, `SELECT COUNT(*) FROM auth_sessions WHERE person_id = ?`, eva.ID); n != 0 {
			t.Errorf("the expired session is still stored (%d)", n)
		}
		// Gone for good: going back in time does not revive it.
		e.alive(t, tok, t0.Add(time.Minute), false)
	})
	t.Run("use moves the idle limit", func(t *testing.T) {
		e, _ := withEva(t)
		tok := e.login(t, evaPassword, "10.0.0.1", "", t0)
		e.alive(t, tok, t0.Add(20*time.Minute), true)
		e.alive(t, tok, t0.Add(49*time.Minute+59*time.Second), true)
		e.alive(t, tok, t0.Add(79*time.Minute+58*time.Second), true)
		e.alive(t, tok, t0.Add(109*time.Minute+58*time.Second), false) // 30 min after the last use
	})
	t.Run("used every 20 minutes it ends at 12 h", func(t *testing.T) {
		e, _ := withEva(t)
		tok := e.login(t, evaPassword, "10.0.0.1", "", t0)
		var at time.Duration
		for at = 20 * time.Minute; at < people.SessionMax; at += 20 * time.Minute {
			e.alive(t, tok, t0.Add(at), true)
		}
		e.alive(t, tok, t0.Add(people.SessionMax-time.Second), true)
		e.alive(t, tok, t0.Add(people.SessionMax), false)
	})
	t.Run("used before it was created", func(t *testing.T) {
		e, _ := withEva(t)
		tok := e.login(t, evaPassword, "10.0.0.1", "", t0)
		e.alive(t, tok, t0.Add(-time.Second), false)
	})
	t.Run("unknown token", func(t *testing.T) {
		e, _ := withEva(t)
		e.alive(t, "no-such-token", t0, false)
	})
}

func TestLogout(t *testing.T) {
	e, eva := withEva(t)
	tok := e.login(t, evaPassword, "10.0.0.1", "", t0)
	other := e.login(t, evaPassword, "10.0.0.2", "", t0)
	p := e.alive(t, tok, t0.Add(time.Minute), true)
	if err := e.s.Logout(e.ctx, p, t0.Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	e.alive(t, tok, t0.Add(3*time.Minute), false)
	e.alive(t, other, t0.Add(3*time.Minute), true)
	rows := e.audits(t, "auth.logout")
	if len(rows) != 1 || rows[0].ActorID.Int64 != eva.ID || rows[0].At != "2026-03-29T07:02:00.000000000Z" {
		t.Errorf("auth.logout rows %+v", rows)
	}
}

func TestChangePassword(t *testing.T) {
	const next = "Nové-heslo-2026"
	e, eva := withEva(t)
	current := e.login(t, evaPassword, "10.0.0.1", "", t0)
	other := e.login(t, evaPassword, "10.0.0.2", "", t0)
	me := e.alive(t, current, t0, true)

	t.Run("wrong current password", func(t *testing.T) {
		err := e.s.ChangePassword(e.ctx, me, "špatně", next, t0.Add(time.Minute))
		wantField(t, err, "current", "account.password.wrong")
	})
	t.Run("new password too short", func(t *testing.T) {
		err := e.s.ChangePassword(e.ctx, me, evaPassword, "krátké", t0.Add(time.Minute))
		wantField(t, err, "password", "person.password.too_short")
	})
	t.Run("both wrong", func(t *testing.T) {
		err := e.s.ChangePassword(e.ctx, me, "špatně", "", t0.Add(time.Minute))
		we := wantCode(t, err, web.CodeInvalid)
		if len(we.Fields) != 2 || we.Fields["current"].Key != "account.password.wrong" ||
			we.Fields["password"].Key != "person.password.too_short" {
			t.Errorf("fields %v", we.Fields)
		}
	})
	t.Run("refusals changed nothing", func(t *testing.T) {
		p, _ := e.s.Store().Get(e.ctx, e.d.R, eva.ID)
		if !people.VerifyPassword(p.PasswordHash, evaPassword) || len(e.audits(t, "person.password")) != 0 {
			t.Error("a refused change wrote")
		}
		e.alive(t, other, t0.Add(time.Minute), true)
	})
	t.Run("success ends the other sessions only", func(t *testing.T) {
		if err := e.s.ChangePassword(e.ctx, me, evaPassword, next, t0.Add(2*time.Minute)); err != nil {
			t.Fatal(err)
		}
		e.alive(t, current, t0.Add(3*time.Minute), true)
		e.alive(t, other, t0.Add(3*time.Minute), false)
		p, _ := e.s.Store().Get(e.ctx, e.d.R, eva.ID)
		if !people.VerifyPassword(p.PasswordHash, next) || people.VerifyPassword(p.PasswordHash, evaPassword) {
			t.Error("the stored password is not the new one")
		}
		if rows := e.audits(t, "person.password"); len(rows) != 1 || rows[0].ActorID.Int64 != eva.ID {
			t.Errorf("person.password rows %+v", rows)
		}
		e.refused(t, "eva@example.cz", evaPassword, "10.0.0.9", t0.Add(4*time.Minute))
		e.login(t, next, "10.0.0.9", "", t0.Add(5*time.Minute))
	})
}

func TestAPIToken(t *testing.T) {
	e, eva := withEva(t)
	admin := e.create(t, adminIn("admin@example.cz")).Principal("")
	tok, err := e.s.CreateToken(e.ctx, " EVA@example.cz", people.TokenInput{Name: "test"}, t0)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(tok, "mlms_") || len(tok) != len("mlms_")+43 {
		t.Errorf("token %q", tok)
	}
	if n := e.count(t, `SELECT COUNT(*) FROM api_tokens WHERE token_hash = ?`, hashOf(tok)); n != 1 {
		t.Errorf("token stored under its hash: %d rows", n)
	}
	if rows := e.audits(t, "token.create"); len(rows) != 1 || rows[0].EntityID.Int64 != eva.ID {
		t.Errorf("token.create rows %+v", rows)
	}

	t.Run("the principal comes back", func(t *testing.T) {
		p, err := e.s.Token(e.ctx, tok, t0)
		if err != nil || p == nil {
			t.Fatalf("Token = %v, %v", p, err)
		}
		if p.ID != eva.ID || p.Email != "eva@example.cz" || p.SessionKey != "" ||
			!slices.Equal(p.Roles, []web.Role{web.RoleLecturer, web.RoleTrainee}) {
			t.Errorf("principal %+v", *p)
		}
	})
	t.Run("a token is not a session", func(t *testing.T) {
		e.alive(t, tok, t0, false)
	})
	t.Run("unknown token", func(t *testing.T) {
		if p, err := e.s.Token(e.ctx, "mlms_nothing", t0); p != nil || err != nil {
			t.Errorf("Token = %v, %v; want nil, nil", p, err)
		}
	})
	t.Run("unknown person", func(t *testing.T) {
		if _, err := e.s.CreateToken(e.ctx, "nikdo@example.cz", people.TokenInput{Name: "test"}, t0); err != people.ErrNotFound {
			t.Errorf("err = %v, want ErrNotFound", err)
		}
	})
	t.Run("deactivated person", func(t *testing.T) {
		if _, err := e.s.SetActive(e.ctx, admin, eva.ID, false, t0); err != nil {
			t.Fatal(err)
		}
		if p, err := e.s.Token(e.ctx, tok, t0); p != nil || err != nil {
			t.Errorf("Token after deactivation = %+v, %v; want nil, nil", p, err)
		}
		_, err := e.s.CreateToken(e.ctx, "eva@example.cz", people.TokenInput{Name: "test"}, t0)
		if we := wantCode(t, err, web.CodeConflict); we.Msg.Key != "person.inactive" {
			t.Errorf("key %q", we.Msg.Key)
		}
	})
}

// TestTokenLifecycle: a token works through its last day (Prague) and not after; its owner and
// admins list and revoke it, nobody else; a revoked token stops at once; deactivation deletes
// a person's tokens, so that activating them again does not bring one back.
func TestTokenLifecycle(t *testing.T) {
	e, eva := withEva(t)
	admin := e.create(t, adminIn("admin@example.cz")).Principal("")
	other := e.create(t, adminIn("jiny@example.cz"))
	other.Roles = []web.Role{web.RoleLecturer}
	stranger := other.Principal("")

	for _, tt := range []struct {
		in   people.TokenInput
		want string
	}{
		{people.TokenInput{}, "token.name.required"},
		{people.TokenInput{Name: strings.Repeat("ž", 101)}, "token.name.invalid"},
		{people.TokenInput{Name: "a", Expires: "2026-03-28"}, "token.expires.range"},
		{people.TokenInput{Name: "a", Expires: "2028-03-30"}, "token.expires.range"},
		{people.TokenInput{Name: "a", Expires: "zítra"}, "error.date.invalid"},
	} {
		_, err := e.s.CreateToken(e.ctx, "eva@example.cz", tt.in, t0)
		if we := wantCode(t, err, web.CodeInvalid); we.Fields[fieldOf(tt.want)].Key != tt.want {
			t.Errorf("%+v: %+v, want %s", tt.in, we.Fields, tt.want)
		}
	}
	// t0 is 29. 3. 2026, the day the clocks go forward; a token whose last day it is works until
	// midnight in Prague.
	tok, err := e.s.CreateToken(e.ctx, "eva@example.cz", people.TokenInput{Name: " tabulka docházky ", Expires: "2026-03-29"}, t0)
	if err != nil {
		t.Fatal(err)
	}
	lastMinute := time.Date(2026, 3, 29, 23, 59, 0, 0, web.Prague)
	if p, err := e.s.Token(e.ctx, tok, lastMinute); p == nil || err != nil {
		t.Errorf("on its last day: %v %v", p, err)
	}
	if p, err := e.s.Token(e.ctx, tok, lastMinute.Add(time.Minute)); p != nil || err != nil {
		t.Errorf("after its last day: %v %v", p, err)
	}
	list, err := e.s.Tokens(e.ctx, eva.Principal(""), eva.ID)
	if err != nil || len(list) != 1 || list[0].Name != "tabulka docházky" || list[0].LastDay() != "2026-03-29" ||
		list[0].LastUsedAt == nil || !list[0].Expired(lastMinute.Add(time.Minute)) {
		t.Fatalf("Eva's tokens %+v %v", list, err)
	}
	if _, err := e.s.Tokens(e.ctx, stranger, eva.ID); err != people.ErrNotFound {
		t.Errorf("a stranger lists Eva's tokens: %v", err)
	}
	if err := e.s.RevokeToken(e.ctx, stranger, list[0].ID, t0); err != people.ErrNoToken {
		t.Errorf("a stranger revokes Eva's token: %v", err)
	}
	if err := e.s.RevokeToken(e.ctx, admin, list[0].ID, t0); err != nil {
		t.Fatal(err)
	}
	if p, _ := e.s.Token(e.ctx, tok, t0); p != nil {
		t.Error("a revoked token works")
	}
	if rows := e.audits(t, "token.revoke"); len(rows) != 1 || rows[0].EntityID.Int64 != eva.ID {
		t.Errorf("token.revoke rows %+v", rows)
	}

	kept, err := e.s.CreateToken(e.ctx, "eva@example.cz", people.TokenInput{Name: "bez konce"}, t0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.s.SetActive(e.ctx, admin, eva.ID, false, t0); err != nil {
		t.Fatal(err)
	}
	if _, err := e.s.SetActive(e.ctx, admin, eva.ID, true, t0); err != nil {
		t.Fatal(err)
	}
	if p, _ := e.s.Token(e.ctx, kept, t0); p != nil {
		t.Error("a token outlived its person's deactivation")
	}
}

// fieldOf is the field a token message is about.
func fieldOf(key string) string {
	if strings.HasPrefix(key, "token.name") {
		return "name"
	}
	return "expires"
}
