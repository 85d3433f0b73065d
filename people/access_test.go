package people_test

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"mentorlms/people"
	"mentorlms/web"
)

func TestSetActive(t *testing.T) {
	e := newEnv(t)
	admin := e.create(t, adminIn("admin@example.cz")).Principal("")
	in := traineeIn("marie@example.cz", "ULK")
	in.Password = "heslo-marie-1"
	marie := e.create(t, in)
	token, _, err := e.s.Login(e.ctx, "marie@example.cz", "heslo-marie-1", "10.0.0.1", "", t0)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("not an admin", func(t *testing.T) {
		_, err := e.s.SetActive(e.ctx, marie.Principal(""), marie.ID, false, t0)
		wantCode(t, err, web.CodeForbidden)
	})
	t.Run("deactivation ends the sessions", func(t *testing.T) {
		p, err := e.s.SetActive(e.ctx, admin, marie.ID, false, t0.Add(time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		if p.Active || p.UpdatedAt != "2026-03-29T07:01:00.000000000Z" {
			t.Errorf("after deactivation %+v", p)
		}
		if n := e.count(t, `SELECT COUNT(*) FROM auth_sessions WHERE person_id = ?`, marie.ID); n != 0 {
			t.Errorf("%d sessions left", n)
		}
		if pr, err := e.s.Session(e.ctx, token, t0.Add(2*time.Minute)); pr != nil || err != nil {
			t.Errorf("Session = %+v, %v; want nil, nil", pr, err)
		}
		rows := e.audits(t, "person.deactivate")
		if len(rows) != 1 || rows[0].EntityID.Int64 != marie.ID || rows[0].ActorID.Int64 != admin.ID ||
			!strings.Contains(rows[0].Before, `"active":true`) || !strings.Contains(rows[0].After, `"active":false`) {
			t.Errorf("audit %+v", rows)
		}
	})
	t.Run("deactivating again records nothing", func(t *testing.T) {
		before := e.counts(t)
		if _, err := e.s.SetActive(e.ctx, admin, marie.ID, false, t0); err != nil {
			t.Fatal(err)
		}
		if e.counts(t) != before {
			t.Error("a no-op wrote")
		}
	})
	t.Run("reactivation", func(t *testing.T) {
		p, err := e.s.SetActive(e.ctx, admin, marie.ID, true, t0.Add(3*time.Minute))
		if err != nil || !p.Active || len(e.audits(t, "person.activate")) != 1 {
			t.Errorf("SetActive(true) = %+v, %v", p, err)
		}
	})
	t.Run("admin deactivates themselves", func(t *testing.T) {
		_, err := e.s.SetActive(e.ctx, admin, admin.ID, false, t0)
		if we := wantCode(t, err, web.CodeConflict); we.Msg.Key != "person.self_deactivate" {
			t.Errorf("key = %q", we.Msg.Key)
		}
		if p, _ := e.s.Store().Get(e.ctx, e.d.R, admin.ID); !p.Active {
			t.Error("the admin was deactivated")
		}
	})
}

func TestGet(t *testing.T) {
	e := newEnv(t)
	admin := e.create(t, adminIn("admin@example.cz")).Principal("")
	coordULK := e.create(t, coordIn("k.ulk@example.cz", "ULK")).Principal("")
	ulk := e.create(t, traineeIn("t.ulk@example.cz", "ULK"))
	msk := e.create(t, traineeIn("t.msk@example.cz", "MSK"))
	trainee := ulk.Principal("")
	lecturer := e.create(t, people.Input{Name: "Eva", Email: "lektor@example.cz", Region: "ULK",
		Roles: []string{"lecturer"}}).Principal("")

	tests := []struct {
		name   string
		actor  *web.Principal
		id     int64
		wantID int64
		code   web.Code // "" for success
	}{
		{"admin, anyone", admin, msk.ID, msk.ID, ""},
		{"coordinator, own region", coordULK, ulk.ID, ulk.ID, ""},
		{"coordinator, other region", coordULK, msk.ID, 0, web.CodeForbidden},
		{"trainee, self", trainee, ulk.ID, ulk.ID, ""},
		{"trainee, someone else", trainee, msk.ID, 0, web.CodeNotFound},
		{"trainee, own coordinator", trainee, coordULK.ID, 0, web.CodeNotFound},
		{"lecturer of the same region, a trainee", lecturer, ulk.ID, 0, web.CodeNotFound},
		{"unknown id", admin, 9999, 0, web.CodeNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := e.s.Get(e.ctx, tt.actor, tt.id)
			if tt.code == "" {
				if err != nil || p.ID != tt.wantID {
					t.Errorf("Get = %d, %v; want %d", p.ID, err, tt.wantID)
				}
				return
			}
			wantCode(t, err, tt.code)
			if tt.code == web.CodeNotFound && err != people.ErrNotFound {
				t.Errorf("err = %v, want people.ErrNotFound", err)
			}
			if p.ID != 0 || p.Email != "" {
				t.Errorf("a refused Get returned %+v", p)
			}
		})
	}
}

func TestList(t *testing.T) {
	e := newEnv(t)
	admin := e.create(t, adminIn("admin@example.cz")).Principal("")
	coord := e.create(t, coordIn("koord@example.cz", "ULK")).Principal("")
	e.create(t, traineeIn("a.ulk@example.cz", "ULK"))
	e.create(t, traineeIn("b.ulk@example.cz", "ULK"))
	e.create(t, traineeIn("c.msk@example.cz", "MSK"))
	trainee := e.create(t, traineeIn("d.msk@example.cz", "MSK")).Principal("")

	emails := func(ps []people.Person) []string {
		var out []string
		for _, p := range ps {
			out = append(out, p.Email)
		}
		slices.Sort(out)
		return out
	}
	tests := []struct {
		name   string
		actor  *web.Principal
		f      people.Filter
		want   []string
		forbid bool
	}{
		{"coordinator asks for another region", coord, people.Filter{Region: "MSK"}, nil, true},
		{"coordinator asks for lecturers", coord, people.Filter{Role: "lecturer"}, nil, true},
		{"coordinator without filter sees the trainees of the region", coord, people.Filter{},
			[]string{"a.ulk@example.cz", "b.ulk@example.cz"}, false},
		{"coordinator, trainees of own region", coord, people.Filter{Role: "trainee", Region: "ULK"},
			[]string{"a.ulk@example.cz", "b.ulk@example.cz"}, false},
		{"admin, a region", admin, people.Filter{Region: "MSK"}, []string{"c.msk@example.cz", "d.msk@example.cz"}, false},
		{"admin, a region in lower case", admin, people.Filter{Region: "msk"}, []string{"c.msk@example.cz", "d.msk@example.cz"}, false},
		{"coordinator, own region in lower case", coord, people.Filter{Region: "ulk"}, []string{"a.ulk@example.cz", "b.ulk@example.cz"}, false},
		{"admin, search", admin, people.Filter{Search: "ULK@"}, []string{"a.ulk@example.cz", "b.ulk@example.cz"}, false},
		{"trainee", trainee, people.Filter{}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, total, err := e.s.List(e.ctx, tt.actor, tt.f)
			if tt.forbid {
				wantCode(t, err, web.CodeForbidden)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := emails(list); !slices.Equal(got, tt.want) || total != len(tt.want) {
				t.Errorf("List = %v (total %d), want %v", got, total, tt.want)
			}
		})
	}
}

// TestCreateConcurrent creates one e-mail from many goroutines: exactly one wins and the others
// get the clean "taken" answer, never a raw constraint error that would become a 500.
func TestCreateConcurrent(t *testing.T) {
	e := newEnv(t)
	admin := e.create(t, adminIn("admin@example.cz")).Principal("")
	const n = 20
	errs := make([]error, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			in := traineeIn("race@example.cz", "ULK")
			in.Name = fmt.Sprintf("Závodník %d", i)
			_, errs[i] = e.s.Create(e.ctx, admin, in, t0)
		}()
	}
	close(start)
	wg.Wait()
	ok := 0
	for i, err := range errs {
		if err == nil {
			ok++
			continue
		}
		we, isWeb := web.AsError(err)
		if !isWeb || we.Code != web.CodeInvalid || we.Fields["email"].Key != "person.email.taken" {
			t.Errorf("goroutine %d: err = %v, want invalid email=person.email.taken", i, err)
		}
		if strings.Contains(err.Error(), "UNIQUE") {
			t.Errorf("goroutine %d leaks a constraint error: %v", i, err)
		}
	}
	if ok != 1 {
		t.Errorf("%d creates succeeded, want 1", ok)
	}
	if got := e.count(t, `SELECT COUNT(*) FROM persons WHERE email = ?`, "race@example.cz"); got != 1 {
		t.Errorf("%d persons with the e-mail, want 1", got)
	}
	if got := len(e.audits(t, "person.create")); got != 2 {
		t.Errorf("%d person.create entries, want 2 (admin and the winner)", got)
	}
}
