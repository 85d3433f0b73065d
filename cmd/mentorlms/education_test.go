package main

// educationFixture gives person (a mentor of ULK) an approved entry of external hours, a
// period of employment and an absence, for the access table.
func (h *harness) educationFixture(fx *fixture, person int64) {
	h.t.Helper()
	exec := func(query string, args ...any) int64 {
		res, err := h.d.W.Exec(query, args...)
		if err != nil {
			h.t.Fatal(err)
		}
		id, _ := res.LastInsertId()
		return id
	}
	fx.hours = exec(`INSERT INTO external_hours (person_id, organiser, title, held_on, minutes, kind, entered_at, approved_at)
		VALUES (?, 'Člověk v tísni', 'Konference', '2026-02-10', 360, 'conference', '', '2026-02-11T08:00:00Z')`, person)
	fx.employment = exec(`INSERT INTO employments (person_id, from_on, entered_at) VALUES (?, '2024-01-01', '')`, person)
	fx.absence = exec(`INSERT INTO absences (person_id, kind, from_on, until_on, entered_at) VALUES (?, 'illness', '2025-01-01', '2025-03-31', '')`, person)
}
