package people_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"mentorlms/people"
	"mentorlms/web"
)

func firstAdmin() people.Input {
	return people.Input{Name: "Jana Dvořáková", Email: "Jana@Example.cz", Password: "první-správce-1"}
}

func TestSetupLink(t *testing.T) {
	e := newEnv(t)
	tok, err := e.s.NewSetupLink(e.ctx, t0)
	if err != nil {
		t.Fatal(err)
	}
	if len(tok) != 43 {
		t.Errorf("token %q", tok)
	}

	checks := []struct {
		name  string
		token string
		now   time.Time
		want  error
	}{
		{"at once", tok, t0, nil},
		{"1 s before the hour", tok, t0.Add(people.SetupLinkValid - time.Second), nil},
		{"at exactly 1 h", tok, t0.Add(people.SetupLinkValid), people.ErrSetupLink},
		{"after 2 h", tok, t0.Add(2 * time.Hour), people.ErrSetupLink},
		{"unknown token", "no-such-token", t0, people.ErrSetupLink},
	}
	for _, tt := range checks {
		t.Run("check "+tt.name, func(t *testing.T) {
			if err := e.s.CheckSetupLink(e.ctx, tt.token, tt.now); err != tt.want {
				t.Errorf("CheckSetupLink = %v, want %v", err, tt.want)
			}
		})
	}
	t.Run("expired link creates nobody", func(t *testing.T) {
		_, err := e.s.Setup(e.ctx, tok, firstAdmin(), "10.0.0.1", t0.Add(people.SetupLinkValid))
		if err != people.ErrSetupLink {
			t.Errorf("err = %v, want ErrSetupLink", err)
		}
		if n := e.count(t, `SELECT COUNT(*) FROM persons`); n != 0 {
			t.Errorf("%d persons", n)
		}
	})
	t.Run("password required", func(t *testing.T) {
		in := firstAdmin()
		in.Password = ""
		_, err := e.s.Setup(e.ctx, tok, in, "10.0.0.1", t0.Add(time.Minute))
		wantField(t, err, "password", "person.password.required")
	})
	t.Run("setup creates an admin and signs them in", func(t *testing.T) {
		session, err := e.s.Setup(e.ctx, tok, firstAdmin(), "10.0.0.1", t0.Add(10*time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		p := e.alive(t, session, t0.Add(11*time.Minute), true)
		if p.Email != "jana@example.cz" || !slices.Equal(p.Roles, []web.Role{web.RoleAdmin}) {
			t.Errorf("principal %+v", *p)
		}
		rows := e.audits(t, "person.create")
		if len(rows) != 1 || rows[0].ActorID.Int64 != p.ID || rows[0].EntityID.Int64 != p.ID {
			t.Errorf("person.create rows %+v", rows)
		}
		if _, _, err := e.s.Login(e.ctx, "jana@example.cz", "první-správce-1", "10.0.0.1", "", t0.Add(12*time.Minute)); err != nil {
			t.Errorf("the new admin cannot sign in: %v", err)
		}
	})
	t.Run("the same link a second time", func(t *testing.T) {
		before := e.counts(t)
		in := firstAdmin()
		in.Email = "druhy@example.cz"
		if _, err := e.s.Setup(e.ctx, tok, in, "10.0.0.1", t0.Add(20*time.Minute)); err != people.ErrSetupLink {
			t.Errorf("err = %v, want ErrSetupLink", err)
		}
		if err := e.s.CheckSetupLink(e.ctx, tok, t0.Add(20*time.Minute)); err != people.ErrSetupLink {
			t.Errorf("CheckSetupLink after use = %v, want ErrSetupLink", err)
		}
		if after := e.counts(t); after != before {
			t.Errorf("persons, roles, audit = %v, were %v", after, before)
		}
	})
	t.Run("no new link once someone exists", func(t *testing.T) {
		tok, err := e.s.NewSetupLink(e.ctx, t0.Add(time.Hour))
		if we := wantCode(t, err, web.CodeConflict); we.Msg.Key != "setup.done" || tok != "" {
			t.Errorf("NewSetupLink = %q, %v", tok, err)
		}
		if n := e.count(t, `SELECT COUNT(*) FROM setup_tokens`); n != 1 {
			t.Errorf("%d setup tokens, want 1", n)
		}
	})
}

// TestSetupLinkUnusedOnceSomeoneExists: a link made on an empty database stops working when a
// person is added some other way, so it cannot add a second administrator.
func TestSetupLinkUnusedOnceSomeoneExists(t *testing.T) {
	e := newEnv(t)
	tok, err := e.s.NewSetupLink(e.ctx, t0)
	if err != nil {
		t.Fatal(err)
	}
	e.create(t, traineeIn("marie@example.cz", "ULK"))
	if err := e.s.CheckSetupLink(e.ctx, tok, t0); !errors.Is(err, people.ErrSetupLink) {
		t.Errorf("CheckSetupLink = %v, want ErrSetupLink", err)
	}
	if _, err := e.s.Setup(e.ctx, tok, firstAdmin(), "", t0); err != people.ErrSetupLink {
		t.Errorf("Setup = %v, want ErrSetupLink", err)
	}
}

func TestDemo(t *testing.T) {
	e := newEnv(t)
	logins, err := people.Demo(e.ctx, e.s, t0)
	if err != nil {
		t.Fatal(err)
	}
	want := []people.DemoLogin{
		{Role: web.RoleAdmin, Email: "admin@mentorlms.example"},
		{Role: web.RoleCoordinator, Email: "koordinator@mentorlms.example"},
		{Role: web.RoleLecturer, Email: "lektor@mentorlms.example"},
		{Role: web.RoleTrainee, Email: "ucastnik@mentorlms.example"},
	}
	if !slices.Equal(logins, want) {
		t.Errorf("logins %v, want %v", logins, want)
	}
	first := e.counts(t)
	if first != [3]int{22, 23, 22} {
		t.Errorf("persons, roles, audit after the first run = %v, want [22 23 22]", first)
	}
	if _, _, err := e.s.Login(e.ctx, "lektor@mentorlms.example", people.DemoPassword, "10.0.0.1", "", t0); err != nil {
		t.Errorf("demo sign-in: %v", err)
	}
	first = e.counts(t) // the sign-in added an audit entry

	again, err := people.Demo(e.ctx, e.s, t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(again, want) {
		t.Errorf("second run logins %v", again)
	}
	if second := e.counts(t); second != first {
		t.Errorf("persons, roles, audit = %v after the second run, %v before", second, first)
	}
}
