package attendance

import (
	"time"

	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/web"
)

// past enrols people in a run that has begun (as if approved three weeks before it), marks its
// past sessions as their lecturer would have after each, records exams and withdrawals.
func (d *demo) past(r courses.Run, es []demoEnrolment) error {
	decided, _ := time.ParseInLocation(web.DateLayout, r.StartsOn, web.Prague)
	decided = decided.AddDate(0, 0, -21)
	ids := make([]int64, len(es))
	for i, e := range es {
		res, err := d.s.db.W.ExecContext(d.ctx, `INSERT INTO enrollments (run_id, person_id, status, created_at, updated_at,
			decided_at, decided_by) VALUES (?, ?, 'enrolled', ?, ?, ?, ?)`, r.ID, d.ids[e.email], db.Stamp(decided.AddDate(0, 0, -7)),
			db.Stamp(decided), db.Stamp(decided), d.admin.ID)
		if err != nil {
			return err
		}
		ids[i], _ = res.LastInsertId()
	}
	lecturer := &web.Principal{ID: r.LecturerIDs[0], Roles: []web.Role{web.RoleLecturer}}
	sessions, err := d.s.courses.Sessions(d.ctx, d.s.db.R, r.ID)
	if err != nil {
		return err
	}
	i, seen := 0, map[courses.SessionKind]int{}
	stopped := map[int]time.Time{} // when those who left stopped coming: the first session they missed
	for _, ss := range sessions {
		if ss.Cancelled() || !ss.End().Before(d.now) {
			continue
		}
		for k, e := range es {
			if _, ok := stopped[k]; !ok && e.until > 0 && i == e.until {
				stopped[k] = ss.Start().Add(-time.Hour)
			}
		}
		var marks []MarkInput
		for _, e := range es {
			if e.until > 0 && i >= e.until {
				continue
			}
			m := e.marks(ss.Kind, seen[ss.Kind])
			m.PersonID = d.ids[e.email]
			if m.Status == Late {
				m.Minutes = new(ss.Minutes * 2 / 3)
			}
			marks = append(marks, m)
		}
		if _, err := d.s.SaveAttendance(d.ctx, lecturer, ss.ID, marks, ss.End().Add(30*time.Minute)); err != nil {
			return err
		}
		i++
		seen[ss.Kind]++
	}
	for k, e := range es {
		for _, x := range e.exams {
			held, _ := time.ParseInLocation(web.DateLayout, x.HeldOn, web.Prague)
			if _, err := d.s.RecordExam(d.ctx, lecturer, ids[k], x, held.Add(17*time.Hour)); err != nil {
				return err
			}
		}
		if e.until > 0 {
			// History, as it happened before the run was over: the service refuses a withdrawal
			// from a run that is over, which this one may already be.
			at, ok := stopped[k]
			if !ok {
				at = d.now
			}
			if _, err := d.s.db.W.ExecContext(d.ctx, `UPDATE enrollments SET status = 'withdrawn', updated_at = ?
				WHERE id = ?`, db.Stamp(at), ids[k]); err != nil {
				return err
			}
		}
	}
	return nil
}

// apology excuses a trainee from the next session of a run.
func (d *demo) apology(r courses.Run, email, note string) error {
	sessions, err := d.s.courses.Sessions(d.ctx, d.s.db.R, r.ID)
	if err != nil {
		return err
	}
	me := &web.Principal{ID: d.ids[email], Roles: []web.Role{web.RoleTrainee}}
	for _, ss := range sessions {
		if !ss.Cancelled() && ss.Start().After(d.now) {
			_, err := d.s.Apologise(d.ctx, me, ss.ID, note, d.now)
			return err
		}
	}
	return nil
}

// open fills the debt seminar in Most beyond its nine seats, lets one person withdraw so that
// the first on the waitlist moves up (and is told so), and files two applications that wait
// for a coordinator.
func (d *demo) open() error {
	most, err := d.run("S-DLUHY", "Most")
	if err != nil {
		return err
	}
	var trainees []int64
	if err := d.s.db.R.SelectContext(d.ctx, &trainees, `SELECT p.id FROM persons p JOIN person_roles r ON r.person_id = p.id
		WHERE r.role = 'trainee' ORDER BY p.id`); err != nil {
		return err
	}
	var leaving int64
	for _, id := range trainees {
		e, _, err := d.s.enrollment.Apply(d.ctx, d.admin, most.ID, id, d.now.Add(-72*time.Hour))
		if err != nil {
			return err
		}
		if id == d.ids["frantisek.duzda@mentorlms.example"] {
			leaving = e.ID
		}
	}
	if leaving != 0 {
		me := &web.Principal{ID: d.ids["frantisek.duzda@mentorlms.example"], Roles: []web.Role{web.RoleTrainee}}
		if _, err := d.s.enrollment.Withdraw(d.ctx, me, leaving, d.now.Add(-24*time.Hour)); err != nil {
			return err
		}
	}
	for _, a := range []struct{ email, code, town string }{
		{"denisa.ferkova@mentorlms.example", "S-ZAVISLOST", "Liberec"},
		{"ucastnik@mentorlms.example", "S-ZAVISLOST", "Liberec"},
	} {
		r, err := d.run(a.code, a.town)
		if err != nil {
			return err
		}
		me := &web.Principal{ID: d.ids[a.email], Roles: []web.Role{web.RoleTrainee}}
		if _, _, err := d.s.enrollment.Apply(d.ctx, me, r.ID, me.ID, d.now); err != nil {
			return err
		}
	}
	return nil
}
