package attendance_test

import (
	"testing"

	"mentorlms/attendance"
	"mentorlms/courses"
)

// A session made longer or shorter after its marks were written: a present mark follows it
// (through courses.Service.Settle, as the application wires it), a late arrival keeps the
// minutes written and counts at most the whole session.
func TestMarksFollowTheSessionsLength(t *testing.T) {
	cl := newClass(t, 2)
	cs := courses.NewService(cl.d)
	cs.Settle = cl.s.SettleRun
	a, b := cl.trainees[0], cl.trainees[1]
	if _, err := cl.s.SaveAttendance(cl.ctx, cl.lecturer, cl.theory.ID, []attendance.MarkInput{
		{PersonID: a, Status: attendance.Present}, {PersonID: b, Status: attendance.Late, Minutes: minutes(30)}}, cl.after); err != nil {
		t.Fatal(err)
	}
	stored := func(p int64) int {
		t.Helper()
		var m int
		if err := cl.d.R.Get(&m, `SELECT minutes FROM attendance WHERE session_id = ? AND enrollment_id = ?`,
			cl.theory.ID, cl.enrolled[p]); err != nil {
			t.Fatal(err)
		}
		return m
	}
	for _, tt := range []struct{ length, present, late, counted int }{{110, 110, 30, 110 + 30}, {20, 20, 30, 20 + 20}, {90, 90, 30, 90 + 30}} {
		if _, err := cs.UpdateSession(cl.ctx, cl.admin, cl.theory.ID, courses.SessionInput{StartsAt: "2026-04-14T09:00:00+02:00",
			Minutes: tt.length, Kind: courses.Theory, LecturerID: cl.theory.LecturerID, Topic: "Téma"}, now); err != nil {
			t.Fatal(err)
		}
		if p, l := stored(a), stored(b); p != tt.present || l != tt.late {
			t.Errorf("a session of %d minutes: present %d, late %d; want %d and %d", tt.length, p, l, tt.present, tt.late)
		}
		reps, err := cl.s.Standings(cl.ctx, cl.d.R, cl.run, cl.after)
		if err != nil {
			t.Fatal(err)
		}
		if got := reps[cl.enrolled[a]].Theory.Attended + reps[cl.enrolled[b]].Theory.Attended; got != tt.counted {
			t.Errorf("a session of %d minutes counts %d minutes of theory, want %d", tt.length, got, tt.counted)
		}
	}
}
