package people_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"mentorlms/people"
	"mentorlms/web"
)

// Someone born today in Prague is not born in the future, even in the first hours of the
// Prague day, when it is still yesterday in UTC.
func TestValidateBirthDateTodayAfterPragueMidnight(t *testing.T) {
	now := time.Date(2026, 3, 29, 0, 30, 0, 0, web.Prague) // 2026-03-28T23:30:00Z
	in := validInput()
	in.BirthDate = "2026-03-29"
	if f := in.Validate(now); len(f) != 0 {
		t.Errorf("born today in Prague: Validate = %v, want no problem", f)
	}
	in.BirthDate = "2026-03-30"
	if f := in.Validate(now); f["birth_date"].Key != "person.birth_date.future" {
		t.Errorf("born tomorrow: Validate = %v", f)
	}
}

func TestEmailDomainNeedsADot(t *testing.T) {
	for _, email := range []string{"jan.novak@localhost", "jan@example", "jan@.cz", "jan@cz."} {
		in := validInput()
		in.Email = email
		if f := in.Validate(t0); f["email"].Key != "person.email.invalid" {
			t.Errorf("%s: %v", email, f)
		}
	}
}

// Search finds Czech names whatever the case and with or without diacritics.
func TestListSearchCzechNames(t *testing.T) {
	e := newEnv(t)
	admin := e.create(t, adminIn("admin@example.cz")).Principal("")
	in := traineeIn("zaneta@example.cz", "MSK")
	in.Name = "Žaneta Červeňáková"
	e.create(t, in)
	for _, q := range []string{"Žaneta", "žaneta", "ŽANETA", "Červeňáková", "červeňáková", "cervenakova", "zaneta c", "ZANETA@"} {
		t.Run(q, func(t *testing.T) {
			if _, n, err := e.s.List(e.ctx, admin, people.Filter{Search: q}); n != 1 || err != nil {
				t.Errorf("List(Search %q) found %d, %v; want 1", q, n, err)
			}
		})
	}
	if _, n, _ := e.s.List(e.ctx, admin, people.Filter{Search: "%"}); n != 0 {
		t.Errorf("a %% in the search matched %d people", n)
	}
}

// Failures within the same second as the look-back cutoff still count: instants are stored
// so that comparing their text compares the instants.
func TestLoginLockWithFractionalSeconds(t *testing.T) {
	e, _ := withEva(t)
	const a = "192.0.2.1"
	fails := []time.Duration{500 * time.Millisecond, 5 * time.Minute, 10 * time.Minute, 14 * time.Minute,
		15*time.Minute + 250*time.Millisecond} // the run spans 14m59.75s: locked until t0+30m0.25s
	for _, d := range fails {
		e.refused(t, "eva@example.cz", "špatně", a, t0.Add(d))
	}
	e.refused(t, "eva@example.cz", evaPassword, a, t0.Add(30*time.Minute))
}

func TestSetupLinkValidForTheWholeHour(t *testing.T) {
	e := newEnv(t)
	made := t0.Add(800 * time.Millisecond)
	tok, err := e.s.NewSetupLink(e.ctx, made)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.s.CheckSetupLink(e.ctx, tok, made.Add(people.SetupLinkValid-time.Millisecond)); err != nil {
		t.Errorf("CheckSetupLink 1 ms before the hour = %v, want nil", err)
	}
	if err := e.s.CheckSetupLink(e.ctx, tok, made.Add(people.SetupLinkValid)); err != people.ErrSetupLink {
		t.Errorf("CheckSetupLink at the hour = %v, want ErrSetupLink", err)
	}
}

// Many guesses at once cannot get past the lock: each attempt is counted before its password
// is checked, in the same transaction as the check of the lock.
func TestLoginLockHoldsUnderConcurrency(t *testing.T) {
	e, _ := withEva(t)
	const addr = "192.0.2.9"
	var wg sync.WaitGroup
	for range 24 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, _, err := e.s.Login(e.ctx, "eva@example.cz", "spatne-heslo", addr, "", t0); err != people.ErrSignIn {
				t.Errorf("a wrong password: %v", err)
			}
		}()
	}
	wg.Wait()
	reasons := map[string]int{}
	for _, r := range e.audits(t, "auth.login_failed") {
		var after struct{ Reason string }
		if err := json.Unmarshal([]byte(r.After), &after); err != nil {
			t.Fatal(err)
		}
		reasons[after.Reason]++
	}
	if reasons["password"] != people.LockFailures || reasons["locked"] != 24-people.LockFailures {
		t.Errorf("reasons %v: want exactly %d password checks and the rest refused by the lock", reasons, people.LockFailures)
	}
	e.refused(t, "eva@example.cz", evaPassword, addr, t0.Add(time.Minute))
}

// The current-password check of a password change is limited like sign-in.
func TestChangePasswordIsLimited(t *testing.T) {
	e, eva := withEva(t)
	token := e.login(t, evaPassword, "192.0.2.10", "", t0)
	me, err := e.s.Session(e.ctx, token, t0)
	if err != nil || me == nil {
		t.Fatal(err)
	}
	ctx := e.ctx // the address comes from the request context; here it is empty, like a CLI
	for i := range people.LockFailures {
		err := e.s.ChangePassword(ctx, me, "hadam-heslo", "nove-heslo-123", t0.Add(time.Duration(i)*time.Second))
		wantField(t, err, "current", "account.password.wrong")
	}
	err = e.s.ChangePassword(ctx, me, evaPassword, "nove-heslo-123", t0.Add(time.Minute))
	wantField(t, err, "current", "account.password.locked")
	if err := e.s.ChangePassword(ctx, me, evaPassword, "nove-heslo-123", t0.Add(20*time.Minute)); err != nil {
		t.Errorf("after the lock: %v", err)
	}
	_ = eva
}

// People sort by surname as Czech readers expect: Č after C, Ch after H, Ž last.
func TestListSortsCzech(t *testing.T) {
	e := newEnv(t)
	admin := e.create(t, adminIn("admin@example.cz")).Principal("")
	for i, name := range []string{"Žaneta Červeňáková", "Milan Chudý", "Věra Bihariová", "Karel Cibulka", "Jan Hrubý", "Štefan Šimon"} {
		in := traineeIn(fmt.Sprintf("t%d@example.cz", i), "MSK")
		in.Name = name
		e.create(t, in)
	}
	list, _, err := e.s.List(e.ctx, admin, people.Filter{Role: "trainee"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range list {
		got = append(got, p.Name)
	}
	want := []string{"Věra Bihariová", "Karel Cibulka", "Žaneta Červeňáková", "Jan Hrubý", "Milan Chudý", "Štefan Šimon"}
	if !slices.Equal(got, want) {
		t.Errorf("order %v\nwant  %v", got, want)
	}
}

// A password an admin sets ends the person's sessions and is audited as such; using an API
// token records when it was last used.
func TestAdminSetsPassword(t *testing.T) {
	e, eva := withEva(t)
	adminP := e.create(t, adminIn("admin@example.cz")).Principal("")
	token := e.login(t, evaPassword, "192.0.2.20", "", t0)
	in := people.Input{Name: eva.Name, Email: eva.Email, Region: eva.Region, BirthDate: eva.BirthDate,
		Roles: []string{"lecturer", "trainee"}, Password: "uplne-nove-heslo"}
	if _, err := e.s.Update(e.ctx, adminP, eva.ID, in, t0.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if p, _ := e.s.Session(e.ctx, token, t0.Add(2*time.Minute)); p != nil {
		t.Error("Eva's session survived the new password")
	}
	if rows := e.audits(t, "person.password"); len(rows) != 1 || rows[0].EntityID.Int64 != eva.ID || rows[0].ActorID.Int64 != adminP.ID {
		t.Errorf("person.password audit rows: %+v", rows)
	}
	api, err := e.s.CreateToken(e.ctx, "admin@example.cz", people.TokenInput{Name: "test"}, t0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.s.Token(e.ctx, api, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if n := e.count(t, `SELECT COUNT(*) FROM api_tokens WHERE last_used_at = '2026-03-29T08:00:00.000000000Z'`); n != 1 {
		t.Errorf("last_used_at not recorded (%d)", n)
	}
}
