package attendance_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"mentorlms/attendance"
	"mentorlms/courses"
	"mentorlms/enrollment"
	"mentorlms/web"
)

// class is a world whose run of a 3-hour course with an exam (2 theory hours of 45 minutes, 1
// practice hour of 60) has a theory session at 9:00 and a practice one at 11:00 Prague time on
// 14 April 2026, and n trainees enrolled.
type class struct {
	*world
	lecturer         *web.Principal
	theory, practice courses.Session
	enrolled         map[int64]int64 // person → enrolment
	after, before    time.Time
}

func newClass(t testing.TB, n int) *class {
	t.Helper()
	w := newWorld(t, n)
	cs := courses.NewService(w.d)
	c, err := cs.SaveCourse(w.ctx, nil, 0, courses.CourseInput{Code: "ZK", Title: "Kurz se zkouškou", Kind: courses.KindCourse,
		TheoryHours: 2, PracticeHours: 1, RequiresExam: true}, now)
	if err != nil {
		t.Fatal(err)
	}
	lec := w.run.LecturerIDs[0]
	r, err := cs.SaveRun(w.ctx, nil, c.ID, 0, courses.RunInput{StartsOn: "2026-04-14", EndsOn: "2026-04-14", Town: "Děčín",
		Capacity: 40, Status: courses.StatusOpen, LecturerIDs: []int64{lec}}, now)
	if err != nil {
		t.Fatal(err)
	}
	add := func(at string, minutes int, kind courses.SessionKind) courses.Session {
		ss, err := cs.AddSessions(w.ctx, w.admin, r.ID, courses.SessionInput{StartsAt: at, Minutes: minutes, Kind: kind,
			LecturerID: lec, Topic: "Téma"}, now)
		if err != nil {
			t.Fatal(err)
		}
		return ss[0]
	}
	cl := &class{world: w, lecturer: &web.Principal{ID: lec, Roles: []web.Role{web.RoleLecturer}},
		theory: add("2026-04-14T09:00:00+02:00", 90, courses.Theory), practice: add("2026-04-14T11:00:00+02:00", 60, courses.Practice),
		enrolled: map[int64]int64{}, after: time.Date(2026, 4, 14, 12, 30, 0, 0, time.UTC),
		before: time.Date(2026, 4, 13, 12, 0, 0, 0, time.UTC)}
	w.run = r
	for _, p := range w.trainees {
		e, _, err := w.es.Apply(w.ctx, w.admin, r.ID, p, now)
		if err != nil || e.Status != enrollment.Enrolled {
			t.Fatalf("enrol %d: %v %v", p, e.Status, err)
		}
		cl.enrolled[p] = e.ID
	}
	return cl
}

func code(err error) web.Code {
	var e *web.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

func minutes(n int) *int { return &n }

func (cl *class) count(t *testing.T, table string) int {
	t.Helper()
	var n int
	if err := cl.d.R.Get(&n, `SELECT COUNT(*) FROM `+table); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestSaveAttendance(t *testing.T) {
	cl := newClass(t, 3)
	a, b, c := cl.trainees[0], cl.trainees[1], cl.trainees[2]
	sh, err := cl.s.SaveAttendance(cl.ctx, cl.lecturer, cl.theory.ID, []attendance.MarkInput{
		{PersonID: a, Status: attendance.Present}, {PersonID: b, Status: attendance.Late, Minutes: minutes(60)}}, cl.after)
	if err != nil {
		t.Fatal(err)
	}
	if sh.Unmarked() != 1 {
		t.Errorf("unmarked = %d, want 1 (%d)", sh.Unmarked(), c)
	}
	rep, err := cl.s.ReportOf(cl.ctx, enrollment.Enrollment{ID: cl.enrolled[b], RunID: cl.run.ID}, cl.after)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Theory.Attended != 60 || rep.Theory.Required != 72 || rep.Theory.Met() {
		t.Errorf("late theory: %+v", rep.Theory)
	}
	// An edit: b was present after all. The audit log keeps before and after.
	if _, err := cl.s.SaveAttendance(cl.ctx, cl.lecturer, cl.theory.ID, []attendance.MarkInput{
		{PersonID: b, Status: attendance.Present}}, cl.after); err != nil {
		t.Fatal(err)
	}
	var before, after string
	if err := cl.d.R.QueryRow(`SELECT before, after FROM audit_log WHERE action = 'attendance.save' ORDER BY id DESC LIMIT 1`).
		Scan(&before, &after); err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf(`{"person %d":{"name":"Účastník 01","status":"late","minutes":60,"source":"lecturer"}}`, b)
	if before != want || after != fmt.Sprintf(`{"person %d":{"name":"Účastník 01","status":"present","minutes":90,"source":"lecturer"}}`, b) {
		t.Errorf("audit before %s after %s", before, after)
	}
	// Saving the same again changes nothing and logs nothing.
	n := cl.count(t, "audit_log")
	if _, err := cl.s.SaveAttendance(cl.ctx, cl.lecturer, cl.theory.ID, []attendance.MarkInput{
		{PersonID: b, Status: attendance.Present}}, cl.after); err != nil {
		t.Fatal(err)
	}
	if cl.count(t, "audit_log") != n {
		t.Error("an unchanged save was logged")
	}
}

func TestAttendanceRefusals(t *testing.T) {
	cl := newClass(t, 2)
	a := cl.trainees[0]
	other := &web.Principal{ID: 999, Roles: []web.Role{web.RoleLecturer}}
	cs := courses.NewService(cl.d)
	if _, err := cs.CancelSession(cl.ctx, cl.admin, cl.practice.ID, "Nemoc lektorky", now); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		actor   *web.Principal
		session int64
		marks   []attendance.MarkInput
		at      time.Time
		want    web.Code
	}{
		{"minutes beyond the session", cl.lecturer, cl.theory.ID, []attendance.MarkInput{{PersonID: a, Status: attendance.Late, Minutes: minutes(91)}}, cl.after, web.CodeInvalid},
		{"late with all the minutes", cl.lecturer, cl.theory.ID, []attendance.MarkInput{{PersonID: a, Status: attendance.Late, Minutes: minutes(90)}}, cl.after, web.CodeInvalid},
		{"late without minutes", cl.lecturer, cl.theory.ID, []attendance.MarkInput{{PersonID: a, Status: attendance.Late}}, cl.after, web.CodeInvalid},
		{"minutes on an absence", cl.lecturer, cl.theory.ID, []attendance.MarkInput{{PersonID: a, Status: attendance.Absent, Minutes: minutes(30)}}, cl.after, web.CodeInvalid},
		{"unknown mark", cl.lecturer, cl.theory.ID, []attendance.MarkInput{{PersonID: a, Status: "asleep"}}, cl.after, web.CodeInvalid},
		{"someone not enrolled", cl.lecturer, cl.theory.ID, []attendance.MarkInput{{PersonID: a, Status: attendance.Present}, {PersonID: 12345, Status: attendance.Present}}, cl.after, web.CodeInvalid},
		{"someone twice", cl.lecturer, cl.theory.ID, []attendance.MarkInput{{PersonID: a, Status: attendance.Present}, {PersonID: a, Status: attendance.Absent}}, cl.after, web.CodeInvalid},
		{"a future session", cl.lecturer, cl.theory.ID, []attendance.MarkInput{{PersonID: a, Status: attendance.Present}}, cl.before, web.CodeConflict},
		{"a cancelled session", cl.lecturer, cl.practice.ID, []attendance.MarkInput{{PersonID: a, Status: attendance.Present}}, cl.after, web.CodeConflict},
		{"a lecturer of another run", other, cl.theory.ID, []attendance.MarkInput{{PersonID: a, Status: attendance.Present}}, cl.after, web.CodeForbidden},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := cl.s.SaveAttendance(cl.ctx, c.actor, c.session, c.marks, c.at)
			if code(err) != c.want {
				t.Fatalf("error %v, want %s", err, c.want)
			}
			if n := cl.count(t, "attendance"); n != 0 {
				t.Errorf("%d marks were written", n)
			}
		})
	}
}

func TestExamNeedsAttendanceAndFollowsTheRules(t *testing.T) {
	cl := newClass(t, 1)
	a := cl.trainees[0]
	e := cl.enrolled[a]
	day := time.Date(2026, 4, 20, 10, 0, 0, 0, time.UTC)
	yes, no := true, false
	commission := []attendance.Member{{Name: "Mgr. Eva Svobodová", Chair: true}, {Name: "Jan Novák"}, {Name: "Petr Horváth"}}
	exam := func(held string, passed *bool) attendance.ExamInput {
		return attendance.ExamInput{HeldOn: held, Passed: passed, IdentityChecked: true, Commission: commission,
			Parts: []attendance.ExamPart{{Part: "written", Passed: *passed}, {Part: "oral", Passed: *passed}}}
	}
	if _, err := cl.s.RecordExam(cl.ctx, cl.lecturer, e, exam("2026-04-15", &yes), day); code(err) != web.CodeConflict {
		t.Fatalf("an exam without attendance: %v", err)
	}
	if n := cl.count(t, "exams"); n != 0 {
		t.Fatalf("%d exams written", n)
	}
	if _, err := cl.s.SaveAttendance(cl.ctx, cl.lecturer, cl.theory.ID, []attendance.MarkInput{{PersonID: a, Status: attendance.Present}}, cl.after); err != nil {
		t.Fatal(err)
	}
	if _, err := cl.s.SaveAttendance(cl.ctx, cl.lecturer, cl.practice.ID, []attendance.MarkInput{{PersonID: a, Status: attendance.Late, Minutes: minutes(48)}}, cl.after); err != nil {
		t.Fatal(err)
	}
	if _, err := cl.s.RecordExam(cl.ctx, cl.lecturer, e, exam("2026-05-15", &yes), time.Date(2026, 5, 20, 10, 0, 0, 0, time.UTC)); code(err) != web.CodeConflict {
		t.Fatalf("a first exam 31 days after the run: %v", err)
	}
	bad := exam("2026-04-15", &yes)
	bad.Commission = commission[:2]
	bad.IdentityChecked = false
	if _, err := cl.s.RecordExam(cl.ctx, cl.lecturer, e, bad, day); code(err) != web.CodeInvalid {
		t.Fatalf("two members, no identity check: %v", err)
	}
	sh, err := cl.s.RecordExam(cl.ctx, cl.lecturer, e, exam("2026-04-15", &no), day)
	if err != nil {
		t.Fatal(err)
	}
	if sh.Report.Status != attendance.InProgress || sh.Report.Exam.NextBy != "2026-05-15" {
		t.Errorf("after a failure: %s, resit by %s", sh.Report.Status, sh.Report.Exam.NextBy)
	}
	late := time.Date(2026, 5, 20, 10, 0, 0, 0, time.UTC)
	if _, err := cl.s.RecordExam(cl.ctx, cl.lecturer, e, exam("2026-05-16", &yes), late); code(err) != web.CodeConflict {
		t.Fatalf("a resit on the 31st day: %v", err)
	}
	sh, err = cl.s.RecordExam(cl.ctx, cl.lecturer, e, exam("2026-05-15", &yes), late)
	if err != nil {
		t.Fatal(err)
	}
	if !sh.Report.Complete || sh.Report.Status != attendance.Complete {
		t.Errorf("passed at the resit: %+v", sh.Report)
	}
	var completed *string
	if err := cl.d.R.Get(&completed, `SELECT completed_at FROM enrollments WHERE id = ?`, e); err != nil || completed == nil {
		t.Errorf("completion not kept: %v", err)
	}
	// Correcting attendance below the threshold takes completion back.
	if _, err := cl.s.SaveAttendance(cl.ctx, cl.lecturer, cl.practice.ID, []attendance.MarkInput{{PersonID: a, Status: attendance.Absent}}, late); err != nil {
		t.Fatal(err)
	}
	if err := cl.d.R.Get(&completed, `SELECT completed_at FROM enrollments WHERE id = ?`, e); err != nil || completed != nil {
		t.Errorf("completion kept after the correction: %v", completed)
	}
}

func TestApology(t *testing.T) {
	cl := newClass(t, 2)
	a := &web.Principal{ID: cl.trainees[0], Roles: []web.Role{web.RoleTrainee}}
	// A note typed on two lines, as a browser's textarea sends it.
	if _, err := cl.s.Apologise(cl.ctx, a, cl.theory.ID, "U lékaře.\r\nPotvrzení donesu.", cl.before); err != nil {
		t.Fatal(err)
	}
	sh, err := cl.s.Attendance(cl.ctx, cl.lecturer, cl.theory.ID)
	if err != nil {
		t.Fatal(err)
	}
	l := sh.Lines[0]
	if l.PersonID != a.ID || *l.Status != attendance.Excused || l.Source != attendance.SourceApology || l.Note != "U lékaře.\nPotvrzení donesu." {
		t.Errorf("line after the apology: %+v", l)
	}
	if _, err := cl.s.Apologise(cl.ctx, a, cl.theory.ID, "", cl.after); code(err) != web.CodeConflict {
		t.Errorf("an apology after the start: %v", err)
	}
	stranger := &web.Principal{ID: 4242, Roles: []web.Role{web.RoleTrainee}}
	if _, err := cl.s.Apologise(cl.ctx, stranger, cl.theory.ID, "", cl.before); code(err) != web.CodeConflict {
		t.Errorf("an apology of someone not enrolled: %v", err)
	}
	if err := cl.s.TakeBackApology(cl.ctx, a, cl.theory.ID, cl.before); err != nil {
		t.Fatal(err)
	}
	if cl.count(t, "attendance") != 0 {
		t.Error("the apology stayed")
	}
}

func TestCheckin(t *testing.T) {
	cl := newClass(t, 2)
	cl.s.CheckinKey = []byte("0123456789abcdef0123456789abcdef")
	a := &web.Principal{ID: cl.trainees[0], Roles: []web.Role{web.RoleTrainee}}
	during := cl.theory.Start().Add(20 * time.Minute)
	cases := []struct {
		name    string
		session int64
		code    string
		at      time.Time
		want    web.Code
	}{
		{"another session's code", cl.theory.ID, cl.s.CheckinCode(cl.practice.ID, during), during, web.CodeInvalid},
		{"an expired code", cl.theory.ID, cl.s.CheckinCode(cl.theory.ID, during.Add(-61*time.Second)), during, web.CodeInvalid},
		{"a future session", cl.practice.ID, cl.s.CheckinCode(cl.practice.ID, during), during, web.CodeConflict},
		{"after the end", cl.theory.ID, cl.s.CheckinCode(cl.theory.ID, cl.theory.End()), cl.theory.End(), web.CodeConflict},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := cl.s.Checkin(cl.ctx, a, c.session, c.code, c.at); code(err) != c.want {
				t.Errorf("error %v, want %s", err, c.want)
			}
		})
	}
	stranger := &web.Principal{ID: 4242, Roles: []web.Role{web.RoleTrainee}}
	if _, err := cl.s.Checkin(cl.ctx, stranger, cl.theory.ID, cl.s.CheckinCode(cl.theory.ID, during), during); code(err) != web.CodeConflict {
		t.Errorf("someone not enrolled: %v", err)
	}
	if cl.count(t, "attendance") != 0 {
		t.Fatal("a refused check-in wrote a mark")
	}
	// A code scanned just after it changed on the screen, 15 minutes before the start, still counts.
	early := cl.theory.Start().Add(-15 * time.Minute)
	l, err := cl.s.Checkin(cl.ctx, a, cl.theory.ID, cl.s.CheckinCode(cl.theory.ID, early.Add(-25*time.Second)), early)
	if err != nil {
		t.Fatal(err)
	}
	if *l.Status != attendance.Present || l.Minutes != 90 || l.Source != attendance.SourceCheckin {
		t.Errorf("checked in: %+v", l)
	}
}

// TestCheckinCountsTheArrival: an arrival later than 15 minutes after the start counts the
// minutes left; a lecturer's mark, even an absence, stands against a check-in.
func TestCheckinCountsTheArrival(t *testing.T) {
	cl := newClass(t, 2)
	cl.s.CheckinKey = []byte("0123456789abcdef0123456789abcdef")
	a := &web.Principal{ID: cl.trainees[0], Roles: []web.Role{web.RoleTrainee}}
	b := &web.Principal{ID: cl.trainees[1], Roles: []web.Role{web.RoleTrainee}}
	late := cl.theory.Start().Add(50 * time.Minute)
	l, err := cl.s.Checkin(cl.ctx, a, cl.theory.ID, cl.s.CheckinCode(cl.theory.ID, late), late)
	if err != nil {
		t.Fatal(err)
	}
	if *l.Status != attendance.Late || l.Minutes != 40 {
		t.Errorf("a check-in 50 minutes into a 90-minute session: %s %d", *l.Status, l.Minutes)
	}
	if _, err := cl.s.SaveAttendance(cl.ctx, cl.lecturer, cl.theory.ID, []attendance.MarkInput{{PersonID: b.ID, Status: attendance.Absent}}, late); err != nil {
		t.Fatal(err)
	}
	l, err = cl.s.Checkin(cl.ctx, b, cl.theory.ID, cl.s.CheckinCode(cl.theory.ID, late), late)
	if err != nil || *l.Status != attendance.Absent || l.Source != attendance.SourceLecturer {
		t.Errorf("the lecturer's absence was overwritten: %+v %v", l, err)
	}
}

// TestCheckinTicket: a ticket from a scan outlives the code while its holder signs in, for ten
// minutes and for that session only.
func TestCheckinTicket(t *testing.T) {
	cl := newClass(t, 1)
	cl.s.CheckinKey = []byte("0123456789abcdef0123456789abcdef")
	a := &web.Principal{ID: cl.trainees[0], Roles: []web.Role{web.RoleTrainee}}
	scanned := cl.theory.Start().Add(-10 * time.Minute)
	ticket := cl.s.Ticket(cl.theory.ID, scanned)
	if cl.s.ValidScan(cl.practice.ID, ticket, scanned) {
		t.Error("a ticket served another session")
	}
	if cl.s.ValidScan(cl.theory.ID, ticket, scanned.Add(attendance.TicketLife+time.Second)) {
		t.Error("a ticket outlived its ten minutes")
	}
	if _, err := cl.s.Checkin(cl.ctx, a, cl.theory.ID, ticket, scanned.Add(7*time.Minute)); err != nil {
		t.Errorf("checking in with a ticket seven minutes later: %v", err)
	}
}

// BenchmarkSaveRoster saves the marks of a 30-person roster in one request's transaction,
// alternating two versions so that every save changes every line.
func BenchmarkSaveRoster(b *testing.B) {
	cl := newClass(b, 30)
	versions := [2][]attendance.MarkInput{}
	for i, p := range cl.trainees {
		versions[0] = append(versions[0], attendance.MarkInput{PersonID: p, Status: attendance.Present})
		late := attendance.MarkInput{PersonID: p, Status: attendance.Late, Minutes: minutes(30 + i)}
		versions[1] = append(versions[1], late)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := cl.s.SaveAttendance(cl.ctx, cl.lecturer, cl.theory.ID, versions[i%2], cl.after); err != nil {
			b.Fatal(err)
		}
	}
}

// A save answers the sheet as it is now stored, also for someone who withdrew, keeping the mark
// of their old enrolment, and was enrolled again: the new mark goes to the enrolled line.
func TestSaveAnswersWhatIsStored(t *testing.T) {
	cl := newClass(t, 2)
	a, b := cl.trainees[0], cl.trainees[1]
	if _, err := cl.s.SaveAttendance(cl.ctx, cl.lecturer, cl.theory.ID, []attendance.MarkInput{
		{PersonID: a, Status: attendance.Present}, {PersonID: b, Status: attendance.Present}}, cl.after); err != nil {
		t.Fatal(err)
	}
	// As it happens while a run is open during its sessions: Anna withdrew, then applied again.
	if _, err := cl.d.W.Exec(`UPDATE enrollments SET status = 'withdrawn' WHERE id = ?`, cl.enrolled[a]); err != nil {
		t.Fatal(err)
	}
	if _, err := cl.d.W.Exec(`INSERT INTO enrollments (run_id, person_id, status, created_at, updated_at)
		VALUES (?, ?, 'enrolled', '', '')`, cl.run.ID, a); err != nil {
		t.Fatal(err)
	}
	got, err := cl.s.SaveAttendance(cl.ctx, cl.lecturer, cl.theory.ID, []attendance.MarkInput{
		{PersonID: a, Status: attendance.Absent}, {PersonID: b, Status: attendance.Late, Minutes: minutes(30)}}, cl.after.Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	stored, err := cl.s.Attendance(cl.ctx, cl.lecturer, cl.theory.ID)
	if err != nil {
		t.Fatal(err)
	}
	answered, _ := json.Marshal(got.Lines)
	kept, _ := json.Marshal(stored.Lines)
	if string(answered) != string(kept) {
		t.Errorf("the save answered\n%s\nbut stored\n%s", answered, kept)
	}
	var old, now string
	for _, l := range stored.Lines {
		if l.PersonID == a && l.Status != nil {
			if l.Enrolled {
				now = string(*l.Status)
			} else {
				old = string(*l.Status)
			}
		}
	}
	if old != "present" || now != "absent" {
		t.Errorf("Anna's withdrawn line is %q and her enrolled one %q, want present and absent", old, now)
	}
}
