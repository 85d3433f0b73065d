package courses_test

import (
	"strings"
	"testing"
	"time"

	"mentorlms/courses"
	"mentorlms/web"
)

func (e *env) requal(t *testing.T) courses.Course {
	t.Helper()
	c, err := e.s.SaveCourse(e.ctx, e.admin, 0, courses.CourseInput{Code: "RK-MENTOR", Kind: courses.KindRequalification,
		Title: "Romský mentor – rekvalifikační kurz", TheoryHours: 60, PracticeHours: 40, RequiresExam: true,
		Accreditation: &courses.AccreditInput{Body: courses.BodyMSMT, Number: "MSMT-1234/2024-1", ValidFrom: "2024-01-01", ValidUntil: "2027-12-31"}}, now)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Every Tuesday 9:00–12:00 for 8 weeks, in one step, across the change of the clocks.
func TestRepeatingSessions(t *testing.T) {
	e := newEnv(t)
	r := e.run(t, e.requal(t), "2026-03-01", "2026-06-30", e.eva)
	ss, err := e.s.AddSessions(e.ctx, e.admin, r.ID, courses.SessionInput{Date: "2026-03-17", Time: "9:00", Minutes: 180,
		Kind: courses.Theory, Topic: "Komunikace s klientem", LecturerID: e.eva, Repeat: &courses.Repeat{EveryDays: 7, Count: 8}}, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 8 {
		t.Fatalf("%d sessions", len(ss))
	}
	for i, s := range ss {
		local := s.Start().In(web.Prague)
		if local.Weekday() != time.Tuesday || local.Hour() != 9 || s.End().In(web.Prague).Hour() != 12 {
			t.Errorf("session %d at %v", i, local)
		}
	}
	if ss[1].StartsAt != "2026-03-24T08:00:00.000000000Z" || ss[2].StartsAt != "2026-03-31T07:00:00.000000000Z" {
		t.Errorf("stored instants %s, %s", ss[1].StartsAt, ss[2].StartsAt)
	}
	th, pr := courses.Scheduled(ss)
	if th != 8*180 || pr != 0 {
		t.Errorf("scheduled %d/%d", th, pr)
	}
}

// A series is all or nothing: when one of its sessions clashes, none is created, and the
// message names the clash.
func TestClashes(t *testing.T) {
	e := newEnv(t)
	c := e.requal(t)
	r1 := e.run(t, c, "2026-04-01", "2026-05-31", e.eva, e.jan)
	r2 := e.run(t, e.seminar(t), "2026-05-12", "2026-05-12", e.eva)
	if _, err := e.s.AddSessions(e.ctx, e.admin, r2.ID, courses.SessionInput{Date: "2026-05-12", Time: "10:30", Minutes: 120,
		Kind: courses.Theory, LecturerID: e.eva}, now); err != nil {
		t.Fatal(err)
	}
	before := e.count(t, "sessions")
	_, err := e.s.AddSessions(e.ctx, e.admin, r1.ID, courses.SessionInput{Date: "2026-04-14", Time: "9:00", Minutes: 180,
		Kind: courses.Theory, LecturerID: e.eva, Repeat: &courses.Repeat{EveryDays: 7, Count: 6}}, now)
	we, ok := web.AsError(err)
	if !ok || we.Code != web.CodeConflict || we.Msg.Key != "session.clash.lecturer" ||
		we.Msg.Args["Day"] != "12. 5. 2026" || we.Msg.Args["From"] != "10:30" || we.Msg.Args["To"] != "12:30" ||
		!strings.Contains(we.Msg.Args["Course"].(string), "zadlužených") || we.Msg.Args["Lecturer"] != "Eva Svobodová" {
		t.Fatalf("clash: %v %+v", err, we)
	}
	if after := e.count(t, "sessions"); after != before {
		t.Errorf("sessions %d → %d: a refused series left some behind", before, after)
	}
	// Another lecturer at that time is fine; the run itself cannot have two sessions at once.
	if _, err := e.s.AddSessions(e.ctx, e.admin, r1.ID, courses.SessionInput{Date: "2026-05-12", Time: "9:00", Minutes: 180,
		Kind: courses.Theory, LecturerID: e.jan}, now); err != nil {
		t.Fatal(err)
	}
	_, err = e.s.AddSessions(e.ctx, e.admin, r1.ID, courses.SessionInput{Date: "2026-05-12", Time: "11:00", Minutes: 60,
		Kind: courses.Practice, LecturerID: e.eva}, now)
	if we, _ := web.AsError(err); we == nil || (we.Msg.Key != "session.clash.run" && we.Msg.Key != "session.clash.lecturer") {
		t.Errorf("overlap within the run: %v", err)
	}
	// Back to back is no clash.
	if _, err := e.s.AddSessions(e.ctx, e.admin, r1.ID, courses.SessionInput{Date: "2026-05-12", Time: "12:00", Minutes: 30,
		Kind: courses.Practice, LecturerID: e.jan}, now); err != nil {
		t.Errorf("back to back: %v", err)
	}
}

func TestSessionInputProblems(t *testing.T) {
	e := newEnv(t)
	r := e.run(t, e.requal(t), "2026-04-01", "2026-04-30", e.eva)
	for name, tc := range map[string]struct {
		in    courses.SessionInput
		field string
	}{
		"before the run":       {courses.SessionInput{Date: "2026-03-31", Time: "9:00", Minutes: 60, Kind: courses.Theory, LecturerID: e.eva}, "starts_at"},
		"past midnight":        {courses.SessionInput{Date: "2026-04-10", Time: "23:30", Minutes: 60, Kind: courses.Theory, LecturerID: e.eva}, "minutes"},
		"lecturer not of run":  {courses.SessionInput{Date: "2026-04-10", Time: "9:00", Minutes: 60, Kind: courses.Theory, LecturerID: e.jan}, "lecturer_id"},
		"too short":            {courses.SessionInput{Date: "2026-04-10", Time: "9:00", Minutes: 5, Kind: courses.Theory, LecturerID: e.eva}, "minutes"},
		"kind":                 {courses.SessionInput{Date: "2026-04-10", Time: "9:00", Minutes: 60, Kind: "lunch", LecturerID: e.eva}, "kind"},
		"bad time":             {courses.SessionInput{Date: "2026-04-10", Time: "9.00", Minutes: 60, Kind: courses.Theory, LecturerID: e.eva}, "time"},
		"bad date":             {courses.SessionInput{Date: "10. 4. 2026", Time: "9:00", Minutes: 60, Kind: courses.Theory, LecturerID: e.eva}, "date"},
		"bad instant":          {courses.SessionInput{StartsAt: "2026-04-10 09:00", Minutes: 60, Kind: courses.Theory, LecturerID: e.eva}, "starts_at"},
		"unknown module":       {courses.SessionInput{Date: "2026-04-10", Time: "9:00", Minutes: 60, Kind: courses.Theory, LecturerID: e.eva, ModuleID: &[]int64{77}[0]}, "module_id"},
		"too many repetitions": {courses.SessionInput{Date: "2026-04-10", Time: "9:00", Minutes: 60, Kind: courses.Theory, LecturerID: e.eva, Repeat: &courses.Repeat{EveryDays: 7, Count: 61}}, "repeat.count"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := e.s.AddSessions(e.ctx, e.admin, r.ID, tc.in, now)
			if c, f := code(t, err); c != web.CodeInvalid || f[tc.field].Key == "" {
				t.Errorf("%v; want invalid %s", err, tc.field)
			}
		})
	}
	if n := e.count(t, "sessions"); n != 0 {
		t.Errorf("%d sessions stored", n)
	}
}

// A cancelled session stays, stops counting and frees its time.
func TestCancelSession(t *testing.T) {
	e := newEnv(t)
	r := e.run(t, e.requal(t), "2026-04-01", "2026-04-30", e.eva)
	ss, err := e.s.AddSessions(e.ctx, e.admin, r.ID, courses.SessionInput{Date: "2026-04-07", Time: "9:00", Minutes: 180,
		Kind: courses.Practice, LecturerID: e.eva}, now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.s.CancelSession(e.ctx, e.admin, ss[0].ID, "", now); err == nil {
		t.Error("cancelled without a reason")
	}
	got, err := e.s.CancelSession(e.ctx, e.admin, ss[0].ID, "Povodně v Děčíně", now)
	if err != nil || !got.Cancelled() || got.CancelReason != "Povodně v Děčíně" {
		t.Fatalf("cancel: %+v %v", got, err)
	}
	if _, err := e.s.CancelSession(e.ctx, e.admin, ss[0].ID, "znovu", now); err == nil {
		t.Error("cancelled twice")
	}
	all, _ := e.s.Store().Sessions(e.ctx, e.d.R, r.ID)
	if th, pr := courses.Scheduled(all); len(all) != 1 || th+pr != 0 {
		t.Errorf("after cancelling: %d sessions, %d minutes", len(all), th+pr)
	}
	if _, err := e.s.AddSessions(e.ctx, e.admin, r.ID, courses.SessionInput{Date: "2026-04-07", Time: "9:00", Minutes: 180,
		Kind: courses.Practice, LecturerID: e.eva}, now); err != nil {
		t.Errorf("the cancelled session's time is still blocked: %v", err)
	}
	var n int
	if err := e.d.R.Get(&n, `SELECT COUNT(*) FROM audit_log WHERE action = 'session.cancel' AND entity_id = ?`, r.ID); err != nil || n != 1 {
		t.Errorf("audit entries for the cancellation: %d", n)
	}
}

// Moving a session obeys the same rules and does not clash with itself.
func TestUpdateSession(t *testing.T) {
	e := newEnv(t)
	r := e.run(t, e.requal(t), "2026-04-01", "2026-04-30", e.eva)
	ss, err := e.s.AddSessions(e.ctx, e.admin, r.ID, courses.SessionInput{Date: "2026-04-07", Time: "9:00", Minutes: 180,
		Kind: courses.Theory, LecturerID: e.eva}, now)
	if err != nil {
		t.Fatal(err)
	}
	got, err := e.s.UpdateSession(e.ctx, e.admin, ss[0].ID, courses.SessionInput{Date: "2026-04-07", Time: "10:00", Minutes: 120,
		Kind: courses.Theory, LecturerID: e.eva}, now)
	if err != nil || got.Start().In(web.Prague).Hour() != 10 || got.Minutes != 120 {
		t.Errorf("move: %+v %v", got, err)
	}
}
