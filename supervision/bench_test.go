package supervision

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/db"
	"mentorlms/db/dbtest"
	"mentorlms/web"
)

// seedRegion fills ULK with mentors mentors, each certified, with a clean extract and the
// pledge, and meetings group supervisions a month apart that every one of them attended.
func seedRegion(tb testing.TB, d *db.DB, mentors, meetings int) {
	tb.Helper()
	err := d.Tx(context.Background(), func(tx *sqlx.Tx) error {
		stamp := "2025-01-01T08:00:00Z"
		exec := func(q string, args ...any) (int64, error) {
			res, err := tx.Exec(q, args...)
			if err != nil {
				return 0, err
			}
			return res.LastInsertId()
		}
		course, err := exec(`INSERT INTO courses (code, title, kind, created_at, updated_at) VALUES ('RQ', 'Mentor', 'requalification', ?, ?)`, stamp, stamp)
		if err != nil {
			return err
		}
		run, err := exec(`INSERT INTO runs (course_id, starts_on, ends_on, region_code, capacity, status, created_at, updated_at)
			VALUES (?, '2024-01-08', '2024-03-29', 'ULK', 2000, 'finished', ?, ?)`, course, stamp, stamp)
		if err != nil {
			return err
		}
		for i := range mentors {
			p, err := exec(`INSERT INTO persons (email, name, region_code, created_at, updated_at) VALUES (?, ?, 'ULK', ?, ?)`,
				fmt.Sprintf("m%d@test.cz", i), fmt.Sprintf("Mentor %04d", i), stamp, stamp)
			if err != nil {
				return err
			}
			if _, err := exec(`INSERT INTO person_roles (person_id, role) VALUES (?, 'trainee')`, p); err != nil {
				return err
			}
			e, err := exec(`INSERT INTO enrollments (run_id, person_id, status, created_at, updated_at, completed_at)
				VALUES (?, ?, 'enrolled', ?, ?, '2024-03-29T16:00:00Z')`, run, p, stamp, stamp)
			if err != nil {
				return err
			}
			if _, err := exec(`INSERT INTO certificates (enrollment_id, person_id, run_id, series, year, seq, number, code,
				issued_on, issued_at, issued_by, content, pdf) VALUES (?, ?, ?, 'R', 2024, ?, ?, ?, '2024-04-02', ?, ?, '{}', x'00')`,
				e, p, run, i+1, fmt.Sprintf("R/2024/%04d", i+1), fmt.Sprintf("CODE%08d", i), stamp, p); err != nil {
				return err
			}
			if _, err := exec(`INSERT INTO record_checks (person_id, issued_on, clean, verified_on, created_at)
				VALUES (?, '2025-12-01', 1, '2025-12-02', ?)`, p, stamp); err != nil {
				return err
			}
			if _, err := exec(`INSERT INTO pledges (person_id, signed_on, created_at) VALUES (?, '2024-04-02', ?)`, p, stamp); err != nil {
				return err
			}
		}
		for m := range meetings {
			day := time.Date(2024, 4, 10, 0, 0, 0, 0, time.UTC).AddDate(0, m, 0).Format(web.DateLayout)
			s, err := exec(`INSERT INTO supervisions (region_code, held_at, held_on, kind, supervisor_name, created_at, updated_at)
				VALUES ('ULK', ?, ?, 'group', 'Mgr. Eva Malá', ?, ?)`, day+"T08:00:00Z", day, stamp, stamp)
			if err != nil {
				return err
			}
			if _, err := tx.Exec(`INSERT INTO supervision_attendees (supervision_id, person_id, held_on)
				SELECT ?, p.id, ? FROM persons p`, s, day); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkStandings measures the coordinator's list of a region of 1,000 mentors with 24
// supervisions each, beside a bare reference in the same run: one indexed SELECT of the
// region's people. The first call settles every mentor's status history; the loop measures
// the list as a coordinator reloads it.
func BenchmarkStandings(b *testing.B) {
	d := dbtest.Open(b)
	seedRegion(b, d, 1000, 24)
	s := NewService(d)
	ctx, now := context.Background(), time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	admin := &web.Principal{ID: 1, Roles: []web.Role{web.RoleAdmin}}
	rows, err := s.Standings(ctx, admin, "ULK", now)
	if err != nil || len(rows) != 1000 {
		b.Fatalf("%d rows, %v", len(rows), err)
	}
	b.Run("bare-select", func(b *testing.B) {
		for b.Loop() {
			var ids []int64
			if err := d.R.SelectContext(ctx, &ids, `SELECT id FROM persons WHERE region_code = 'ULK'`); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("standings", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := s.Standings(ctx, admin, "ULK", now); err != nil {
				b.Fatal(err)
			}
		}
	})
}
