package courses_test

import (
	"sync"
	"testing"

	"mentorlms/courses"
	"mentorlms/web"
)

func fieldKey(t *testing.T, err error, field string) string {
	t.Helper()
	we, ok := web.AsError(err)
	if !ok {
		t.Fatalf("%v is not a web.Error", err)
	}
	return we.Fields[field].Key
}

// Rules that keep the catalog and the schedule consistent with each other.
func TestConsistency(t *testing.T) {
	e := newEnv(t)
	c := e.seminar(t)
	r := e.run(t, c, "2026-04-14", "2026-04-14", e.eva, e.eva, e.jan) // named twice: once
	if len(r.LecturerIDs) != 2 {
		t.Errorf("lecturers %v", r.LecturerIDs)
	}
	if _, err := e.s.AddSessions(e.ctx, e.admin, r.ID, courses.SessionInput{Date: "2026-04-14", Time: "9:00", Minutes: 90,
		Kind: courses.Theory, LecturerID: e.jan}, now); err != nil {
		t.Fatal(err)
	}

	t.Run("a lecturer with sessions stays on the run", func(t *testing.T) {
		_, err := e.s.SaveRun(e.ctx, e.admin, c.ID, r.ID, courses.RunInput{StartsOn: "2026-04-14", EndsOn: "2026-04-14",
			Town: "Děčín", Capacity: 9, LecturerIDs: []int64{e.eva}}, now)
		if k := fieldKey(t, err, "lecturer_ids"); k != "run.lecturer.has_sessions" {
			t.Errorf("%v", err)
		}
	})

	t.Run("no circle of prerequisites", func(t *testing.T) {
		a, err := e.s.SaveCourse(e.ctx, e.admin, 0, courses.CourseInput{Code: "A", Title: "A", Kind: courses.KindCourse,
			TheoryHours: 1, Prerequisites: []int64{c.ID, c.ID}}, now)
		if err != nil || len(a.Prerequisites) != 1 {
			t.Fatalf("%+v %v", a.Prerequisites, err)
		}
		in := courses.CourseInput{Code: c.Code, Title: c.Title, Kind: c.Kind, TheoryHours: c.TheoryHours, Prerequisites: []int64{a.ID}}
		if k := fieldKey(t, func() error { _, err := e.s.SaveCourse(e.ctx, e.admin, c.ID, in, now); return err }(), "prerequisite_ids"); k != "course.prerequisite.cycle" {
			t.Errorf("cycle: %s", k)
		}
	})

	t.Run("no accredited kind over unaccredited runs", func(t *testing.T) {
		w, err := e.s.SaveCourse(e.ctx, e.admin, 0, courses.CourseInput{Code: "W", Title: "W", Kind: courses.KindWorkshop, TheoryHours: 4}, now)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.s.SaveRun(e.ctx, e.admin, w.ID, 0, courses.RunInput{StartsOn: "2026-05-05", EndsOn: "2026-05-05",
			Online: true, Capacity: 9}, now); err != nil {
			t.Fatal(err)
		}
		_, err = e.s.SaveCourse(e.ctx, e.admin, w.ID, courses.CourseInput{Code: "W", Title: "W", Kind: courses.KindAccreditedSeminar, TheoryHours: 4}, now)
		if k := fieldKey(t, err, "kind"); k != "course.kind.runs_unaccredited" {
			t.Errorf("%v", err)
		}
	})

	t.Run("a cancelled run is closed and its sessions read as cancelled", func(t *testing.T) {
		if _, err := e.s.SetStatus(e.ctx, e.admin, r.ID, courses.StatusCancelled, "Povodně", now); err != nil {
			t.Fatal(err)
		}
		ss, _ := e.s.Store().Sessions(e.ctx, e.d.R, r.ID)
		if len(ss) != 1 || !ss[0].Cancelled() || ss[0].CancelReason != "Povodně" {
			t.Errorf("sessions %+v", ss)
		}
		if th, _ := courses.Scheduled(ss); th != 0 {
			t.Errorf("a cancelled run still counts %d minutes", th)
		}
		_, err := e.s.SaveRun(e.ctx, e.admin, c.ID, r.ID, courses.RunInput{StartsOn: "2026-04-14", EndsOn: "2026-04-14",
			Town: "Děčín", Capacity: 3, LecturerIDs: []int64{e.eva, e.jan}}, now)
		if we, _ := web.AsError(err); we == nil || we.Code != web.CodeConflict {
			t.Errorf("editing a cancelled run: %v", err)
		}
	})
}

// Two admins scheduling the same lecturer at the same time at once: exactly one succeeds.
func TestClashUnderConcurrency(t *testing.T) {
	e := newEnv(t)
	c := e.requal(t)
	runs := []courses.Run{e.run(t, c, "2026-04-01", "2026-04-30", e.eva), e.run(t, c, "2026-04-01", "2026-04-30", e.eva)}
	var wg sync.WaitGroup
	var mu sync.Mutex
	made, clashes := 0, 0
	for i := range 30 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := e.s.AddSessions(e.ctx, e.admin, runs[i%2].ID, courses.SessionInput{Date: "2026-04-07", Time: "9:00",
				Minutes: 120, Kind: courses.Theory, LecturerID: e.eva}, now)
			mu.Lock()
			defer mu.Unlock()
			if err == nil {
				made++
			} else if we, ok := web.AsError(err); ok && we.Code == web.CodeConflict {
				clashes++
			} else {
				t.Errorf("unexpected: %v", err)
			}
		}()
	}
	wg.Wait()
	if made != 1 || clashes != 29 {
		t.Errorf("%d made, %d clashes", made, clashes)
	}
}

// A mistyped accreditation can go while no run stands on it; a corrected one with the same
// validity applies instead, being the newer.
func TestDeleteAccreditation(t *testing.T) {
	e := newEnv(t)
	c := e.seminar(t)
	wrong, err := e.s.AddAccreditation(e.ctx, e.admin, c.ID, courses.AccreditInput{Body: courses.BodyMPSV,
		Number: "2014/0989-PC/SP/VP/PP", ValidFrom: "2026-07-01", ValidUntil: "2029-06-30"}, now)
	if err != nil {
		t.Fatal(err)
	}
	r := e.run(t, c, "2026-07-14", "2026-07-14", e.eva)
	err = e.s.DeleteAccreditation(e.ctx, e.admin, c.ID, wrong.ID, now)
	if we, _ := web.AsError(err); we == nil || we.Code != web.CodeConflict {
		t.Fatalf("deleting an accreditation in use: %v", err)
	}
	right, err := e.s.AddAccreditation(e.ctx, e.admin, c.ID, courses.AccreditInput{Body: courses.BodyMPSV,
		Number: "2014/0998-PC/SP/VP/PP", ValidFrom: "2026-07-01", ValidUntil: "2029-06-30"}, now)
	if err != nil {
		t.Fatal(err)
	}
	accs, _ := e.s.Store().Accreditations(e.ctx, e.d.R, c.ID)
	if a, ok := courses.Applicable(accs, r.StartsOn); !ok || a.ID != right.ID {
		t.Fatalf("the corrected accreditation does not apply: %+v", a)
	}
	if err := e.s.DeleteAccreditation(e.ctx, e.admin, c.ID, wrong.ID, now); err != nil {
		t.Errorf("deleting the unused mistake: %v", err)
	}
	if err := e.s.DeleteAccreditation(e.ctx, e.admin, c.ID, wrong.ID, now); err != courses.ErrAccreditationNotFound {
		t.Errorf("deleting twice: %v", err)
	}
}
