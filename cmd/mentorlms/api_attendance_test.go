package main

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"mentorlms/web"
)

// TestAPIAttendance records a session's attendance through the API: the run's lecturer saves
// the roster, a bad line changes nothing, the progress shows on the enrolment, and the audit
// log keeps the edit.
func TestAPIAttendance(t *testing.T) {
	h := newHarness(t)
	h.person("admin@test.cz", "Jana Dvořáková", "PHA", web.RoleAdmin)
	h.person("lektor@test.cz", "Eva Svobodová", "ULK", web.RoleLecturer)
	h.person("cizi.lektor@test.cz", "Karel Novák", "ULK", web.RoleLecturer)
	marie := h.person("marie@test.cz", "Marie Giňová", "ULK", web.RoleTrainee)
	jan := h.person("jan@test.cz", "Jan Bandy", "ULK", web.RoleTrainee)
	fx := h.schedule("lektor@test.cz")
	admin, lecturer, other := h.api("admin@test.cz"), h.api("lektor@test.cz"), h.api("cizi.lektor@test.cz")
	enrol := func(id int64) int64 {
		res, err := h.d.W.Exec(`INSERT INTO enrollments (run_id, person_id, status, created_at, updated_at)
			VALUES (?, ?, 'enrolled', '', '')`, fx.run, id)
		if err != nil {
			t.Fatal(err)
		}
		e, _ := res.LastInsertId()
		return e
	}
	em, _ := enrol(marie.ID), enrol(jan.ID)
	path := fmt.Sprintf("/api/v1/sessions/%d/attendance", fx.session)

	// The session (14. 4. 2026 9:00–13:30) lies ahead: nothing can be marked yet.
	body := fmt.Sprintf(`[{"person_id":%d,"status":"present"},{"person_id":%d,"status":"late","minutes":200}]`, marie.ID, jan.ID)
	if resp := lecturer.json("PUT", path, body); resp.StatusCode != http.StatusConflict {
		t.Fatalf("a future session: %d", resp.StatusCode)
	}
	h.advance(time.Date(2026, 4, 14, 12, 0, 0, 0, time.UTC).Sub(h.clock()))
	if resp := lecturer.json("PUT", fmt.Sprintf("/api/v1/sessions/%d/attendance", fx.session+1000), body); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a session that does not exist: %d", resp.StatusCode)
	}
	if resp := other.json("PUT", path, body); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a lecturer of another run: %d", resp.StatusCode)
	}
	bad := fmt.Sprintf(`[{"person_id":%d,"status":"present"},{"person_id":%d,"status":"late","minutes":271}]`, marie.ID, jan.ID)
	resp := lecturer.json("PUT", path, bad)
	e := decode[struct {
		Error struct {
			Fields map[string]string
		}
	}](t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity || e.Error.Fields["1.minutes"] == "" {
		t.Fatalf("minutes beyond the session: %d %+v", resp.StatusCode, e)
	}
	var n int
	if err := h.d.R.Get(&n, `SELECT COUNT(*) FROM attendance`); err != nil || n != 0 {
		t.Fatalf("a refused save wrote %d marks", n)
	}
	resp = lecturer.json("PUT", path, body)
	sheet := decode[struct {
		Items []struct {
			PersonID int64 `json:"person_id"`
			Status   string
			Minutes  int
		}
	}](t, resp)
	if resp.StatusCode != http.StatusOK || len(sheet.Items) != 2 {
		t.Fatalf("save: %d %+v", resp.StatusCode, sheet)
	}
	// The seminar has 6 hours of 45 minutes; Marie attended the whole 270-minute session.
	got := decode[struct {
		Progress struct {
			AttendedMinutes int  `json:"attended_minutes"`
			RequiredMinutes int  `json:"required_minutes"`
			Percent         int  `json:"percent"`
			ExamPassed      bool `json:"exam_passed"`
			Complete        bool `json:"complete"`
		}
	}](t, admin.get(fmt.Sprintf("/api/v1/enrollments/%d", em)))
	if p := got.Progress; p.AttendedMinutes != 270 || p.RequiredMinutes != 216 || p.Percent != 100 || !p.Complete {
		t.Errorf("progress %+v", p)
	}
	if resp := admin.json("PUT", path, fmt.Sprintf(`[{"person_id":%d,"status":"absent"}]`, marie.ID)); resp.StatusCode != http.StatusOK {
		t.Fatalf("an edit by the admin: %d", resp.StatusCode)
	}
	var entries int
	if err := h.d.R.Get(&entries, `SELECT COUNT(*) FROM audit_log WHERE action = 'attendance.save' AND entity_id = ?`, fx.session); err != nil || entries != 2 {
		t.Errorf("audit entries %d %v", entries, err)
	}
	rows := decode[struct {
		Items []struct {
			Progress struct{ Complete bool }
		}
	}](t, lecturer.get(fmt.Sprintf("/api/v1/runs/%d/enrollments", fx.run)))
	if len(rows.Items) != 2 || rows.Items[0].Progress.Complete {
		t.Errorf("roster after the edit %+v", rows)
	}
}
