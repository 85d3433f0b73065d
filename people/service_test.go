package people_test

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"mentorlms/people"
	"mentorlms/web"
)

func TestCreate(t *testing.T) {
	e := newEnv(t)
	admin := e.create(t, adminIn("admin@example.cz")).Principal("")
	coord := e.create(t, coordIn("koord@example.cz", "ULK")).Principal("")
	lecturer := e.create(t, people.Input{Name: "Eva Svobodová", Email: "lektor@example.cz",
		Roles: []string{"lecturer"}}).Principal("")

	t.Run("admin creates a trainee", func(t *testing.T) {
		in := traineeIn("  Marie.Ginova@Example.CZ ", "ulk")
		in.PMSCentre, in.TitlesBefore, in.Password = "Děčín", "Bc.", "tajné-heslo-1"
		p, err := e.s.Create(e.ctx, admin, in, t0)
		if err != nil {
			t.Fatal(err)
		}
		want := people.Person{ID: p.ID, Email: "marie.ginova@example.cz", Name: "Marie Giňová", TitlesBefore: "Bc.",
			BirthDate: "1992-03-14", Region: "ULK", PMSCentre: "Děčín", PasswordHash: p.PasswordHash, Active: true,
			CreatedAt: "2026-03-29T07:00:00.000000000Z", UpdatedAt: "2026-03-29T07:00:00.000000000Z", Roles: []web.Role{web.RoleTrainee}}
		if p.ID == 0 || !reflect.DeepEqual(p, want) {
			t.Errorf("created\n%+v\nwant\n%+v", p, want)
		}
		if !people.VerifyPassword(p.PasswordHash, "tajné-heslo-1") {
			t.Error("the password was not stored")
		}
		rows := e.audits(t, "person.create")
		last := rows[len(rows)-1]
		if last.ActorID.Int64 != admin.ID || last.Entity != "person" || last.EntityID.Int64 != p.ID ||
			last.Before != "" || last.At != "2026-03-29T07:00:00.000000000Z" {
			t.Errorf("audit row %+v", last)
		}
		var after map[string]any
		if err := json.Unmarshal([]byte(last.After), &after); err != nil {
			t.Fatalf("after %q: %v", last.After, err)
		}
		if after["email"] != "marie.ginova@example.cz" || after["pms_centre"] != "Děčín" {
			t.Errorf("after = %v", after)
		}
		if strings.Contains(last.After, p.PasswordHash) || strings.Contains(last.After, "argon2") ||
			strings.Contains(strings.ToLower(last.After), "password") {
			t.Errorf("after holds the password hash: %s", last.After)
		}
	})
	t.Run("coordinator creates a trainee of own region", func(t *testing.T) {
		p, err := e.s.Create(e.ctx, coord, traineeIn("jan.bandy@example.cz", "ULK"), t0)
		if err != nil {
			t.Fatal(err)
		}
		if p.Region != "ULK" || !slices.Equal(p.Roles, []web.Role{web.RoleTrainee}) {
			t.Errorf("created %+v", p)
		}
	})
	t.Run("coordinator's region is the default", func(t *testing.T) {
		p, err := e.s.Create(e.ctx, coord, traineeIn("helena@example.cz", ""), t0)
		if err != nil {
			t.Fatal(err)
		}
		if p.Region != "ULK" {
			t.Errorf("region = %q, want ULK", p.Region)
		}
	})

	refused := []struct {
		name  string
		actor *web.Principal
		in    people.Input
		code  web.Code
		field string
		key   string
	}{
		{"coordinator, other region", coord, traineeIn("ostrava@example.cz", "MSK"), web.CodeForbidden, "", ""},
		{"coordinator creates a lecturer", coord, people.Input{Name: "Lektor", Email: "l2@example.cz", Region: "ULK",
			Roles: []string{"lecturer"}}, web.CodeForbidden, "", ""},
		{"coordinator creates a coordinator", coord, coordIn("k2@example.cz", "ULK"), web.CodeForbidden, "", ""},
		{"coordinator creates trainee and admin", coord, people.Input{Name: "X Y", Email: "xy@example.cz", Region: "ULK",
			BirthDate: "1990-01-01", Roles: []string{"trainee", "admin"}}, web.CodeForbidden, "", ""},
		{"coordinator sends an unknown role: named before judged", coord, people.Input{Name: "X Y", Email: "xy@example.cz",
			Region: "ULK", BirthDate: "1990-01-01", Roles: []string{"wizard"}}, web.CodeInvalid, "roles", "person.roles.unknown"},
		{"lecturer creates a trainee", lecturer, traineeIn("t9@example.cz", "ULK"), web.CodeForbidden, "", ""},
		{"duplicate e-mail in another case", admin, traineeIn("MARIE.GINOVA@example.cz", "ULK"), web.CodeInvalid,
			"email", "person.email.taken"},
		{"coordinator, duplicate e-mail", coord, traineeIn("Jan.Bandy@Example.cz", ""), web.CodeInvalid,
			"email", "person.email.taken"},
		{"unknown region", admin, traineeIn("t1@example.cz", "XYZ"), web.CodeInvalid, "region", "person.region.unknown_codes"},
		{"unknown centre", admin, withCentre(traineeIn("t2@example.cz", "ULK"), "Atlantida"), web.CodeInvalid,
			"pms_centre", "person.centre.unknown"},
		{"centre in another region", admin, withCentre(traineeIn("t3@example.cz", "ULK"), "Ostrava"), web.CodeInvalid,
			"pms_centre", "person.centre.other_region"},
		{"invalid input", admin, people.Input{Email: "a@b", Roles: []string{"admin"}}, web.CodeInvalid, "", ""},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			before := e.counts(t)
			_, err := e.s.Create(e.ctx, tt.actor, tt.in, t0)
			if tt.field != "" {
				wantField(t, err, tt.field, tt.key)
			} else {
				wantCode(t, err, tt.code)
			}
			if after := e.counts(t); after != before {
				t.Errorf("persons, roles, audit = %v, were %v", after, before)
			}
		})
	}
}

func withCentre(in people.Input, centre string) people.Input {
	in.PMSCentre = centre
	return in
}

func TestUpdate(t *testing.T) {
	e := newEnv(t)
	adminP := e.create(t, adminIn("admin@example.cz"))
	admin := adminP.Principal("")
	in := traineeIn("marie@example.cz", "ULK")
	in.Password = "původní-heslo"
	marie := e.create(t, in)
	e.create(t, traineeIn("jan@example.cz", "ULK"))
	later := t0.Add(time.Hour)

	t.Run("admin changes a person and the audit has before and after", func(t *testing.T) {
		in := traineeIn("Marie.Nova@example.cz", "msk")
		in.Name, in.PMSCentre, in.Roles = "Marie Nová", "Ostrava", []string{"trainee", "lecturer"}
		p, err := e.s.Update(e.ctx, admin, marie.ID, in, later)
		if err != nil {
			t.Fatal(err)
		}
		if p.Name != "Marie Nová" || p.Email != "marie.nova@example.cz" || p.Region != "MSK" || p.PMSCentre != "Ostrava" ||
			!slices.Equal(p.Roles, []web.Role{web.RoleLecturer, web.RoleTrainee}) ||
			p.CreatedAt != "2026-03-29T07:00:00.000000000Z" || p.UpdatedAt != "2026-03-29T08:00:00.000000000Z" {
			t.Errorf("updated %+v", p)
		}
		if !people.VerifyPassword(p.PasswordHash, "původní-heslo") {
			t.Error("an empty password in the input changed the stored one")
		}
		rows := e.audits(t, "person.update")
		if len(rows) != 1 {
			t.Fatalf("%d person.update rows, want 1", len(rows))
		}
		var before, after people.Person
		if json.Unmarshal([]byte(rows[0].Before), &before) != nil || json.Unmarshal([]byte(rows[0].After), &after) != nil {
			t.Fatalf("audit JSON: %+v", rows[0])
		}
		if before.Name != "Marie Giňová" || before.Region != "ULK" || after.Name != "Marie Nová" || after.Region != "MSK" ||
			rows[0].ActorID.Int64 != admin.ID || rows[0].EntityID.Int64 != marie.ID {
			t.Errorf("audit before %+v after %+v row %+v", before, after, rows[0])
		}
		if strings.Contains(rows[0].Before+rows[0].After, "argon2") {
			t.Error("audit holds a password hash")
		}
	})
	t.Run("another person's e-mail", func(t *testing.T) {
		_, err := e.s.Update(e.ctx, admin, marie.ID, traineeIn("JAN@example.cz", "ULK"), later)
		wantField(t, err, "email", "person.email.taken")
	})
	t.Run("admin removes own admin role", func(t *testing.T) {
		before := e.counts(t)
		in := adminIn("admin@example.cz")
		in.Roles = []string{"lecturer"}
		_, err := e.s.Update(e.ctx, admin, admin.ID, in, later)
		wantField(t, err, "roles", "person.self_admin")
		p, _ := e.s.Store().Get(e.ctx, e.d.R, admin.ID)
		if !slices.Equal(p.Roles, []web.Role{web.RoleAdmin}) || e.counts(t) != before {
			t.Errorf("roles now %v", p.Roles)
		}
	})
	t.Run("admin keeps admin and adds a role", func(t *testing.T) {
		in := adminIn("admin@example.cz")
		in.Roles = []string{"lecturer", "admin"}
		p, err := e.s.Update(e.ctx, admin, admin.ID, in, later)
		if err != nil || !slices.Equal(p.Roles, []web.Role{web.RoleAdmin, web.RoleLecturer}) {
			t.Errorf("Update = %v, %v", p.Roles, err)
		}
	})
	t.Run("not an admin", func(t *testing.T) {
		coord := e.create(t, coordIn("k@example.cz", "ULK")).Principal("")
		_, err := e.s.Update(e.ctx, coord, marie.ID, traineeIn("marie.nova@example.cz", "ULK"), later)
		wantCode(t, err, web.CodeForbidden)
	})
	t.Run("unknown person", func(t *testing.T) {
		_, err := e.s.Update(e.ctx, admin, 9999, traineeIn("nikdo@example.cz", "ULK"), later)
		if err != people.ErrNotFound {
			t.Errorf("err = %v, want ErrNotFound", err)
		}
	})
}
