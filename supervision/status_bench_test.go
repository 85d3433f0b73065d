package supervision

import (
	"fmt"
	"testing"

	"mentorlms/web"
)

// BenchmarkStatuses reads the statuses of a region's 1,000 mentors, each with a seat, a
// certificate, an extract and a pledge, once their histories are settled: what a list page pays.
func BenchmarkStatuses(b *testing.B) {
	w := newStatusWorld(b)
	ids := make([]int64, 1000)
	tx := w.d.W.MustBegin()
	for i := range ids {
		res := tx.MustExec(`INSERT INTO persons (email, name, region_code, created_at, updated_at) VALUES (?, ?, 'ULK', '', '')`,
			fmt.Sprintf("m%d@test.cz", i), fmt.Sprintf("Mentor %d", i))
		ids[i], _ = res.LastInsertId()
		tx.MustExec(`INSERT INTO person_roles (person_id, role) VALUES (?, ?)`, ids[i], web.RoleTrainee)
		e, _ := tx.MustExec(`INSERT INTO enrollments (run_id, person_id, status, created_at, updated_at)
			VALUES (1, ?, 'enrolled', '', ?)`, ids[i], stamp(b, "2025-09-01 10:00")).LastInsertId()
		tx.MustExec(`INSERT INTO certificates (enrollment_id, person_id, run_id, series, year, seq, number, code, issued_on,
			issued_at, issued_by, content, pdf) VALUES (?, ?, 1, 'RM', 2026, ?, ?, ?, '2026-01-10', '', ?, '{}', x'00')`,
			e, ids[i], i, fmt.Sprint("RM/", i), fmt.Sprint("c", i), w.admin.ID)
		tx.MustExec(`INSERT INTO record_checks (person_id, issued_on, clean, verified_on, created_at)
			VALUES (?, '2025-08-01', 1, '2025-08-03', '')`, ids[i])
		tx.MustExec(`INSERT INTO pledges (person_id, signed_on, created_at) VALUES (?, '2026-01-05', '')`, ids[i])
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	now := prague(b, "2026-03-02 10:00")
	if _, err := w.s.Statuses(w.ctx, ids, now); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		got, err := w.s.Statuses(w.ctx, ids, now)
		if err != nil || got[ids[999]].Status != Active {
			b.Fatal(got[ids[999]], err)
		}
	}
}
