package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"mentorlms/courses"
	"mentorlms/web"
)

// attendanceWorld is the fixture's schedule with two trainees enrolled and a second, shorter
// session in the afternoon of the same day.
type attendanceWorld struct {
	fx                 fixture
	marie, jan         int64 // person ids
	marieEnr, janEnr   int64 // their enrolments
	afternoon          int64 // the second session
	trainee, lecturer  *client
	janBrowser, admin  *client
	sheetPath, runPath string
}

func newAttendanceWorld(t *testing.T, h *harness) attendanceWorld {
	t.Helper()
	var w attendanceWorld
	w.marie = h.person("ucastnik@test.cz", "Marie Giňová", "ULK", web.RoleTrainee).ID
	w.jan = h.person("jan@test.cz", "Jan Bandy", "ULK", web.RoleTrainee).ID
	h.person("lektor@test.cz", "Eva Svobodová", "ULK", web.RoleLecturer)
	h.person("admin@test.cz", "Jana Dvořáková", "PHA", web.RoleAdmin)
	w.fx = h.schedule("lektor@test.cz")
	w.marieEnr, w.janEnr = enrolDirectly(t, h, w.fx.run, w.marie), enrolDirectly(t, h, w.fx.run, w.jan)
	lecturer, err := h.svc.Store().ByEmail(context.Background(), h.d.R, "lektor@test.cz")
	if err != nil {
		t.Fatal(err)
	}
	ss, err := courses.NewService(h.d).AddSessions(context.Background(), nil, w.fx.run, courses.SessionInput{
		StartsAt: "2026-04-14T14:30:00+02:00", Minutes: 60, Kind: courses.Theory, Topic: "Rozpočet domácnosti",
		LecturerID: lecturer.ID}, h.clock())
	if err != nil {
		t.Fatal(err)
	}
	w.afternoon = ss[0].ID
	w.signIn(h)
	w.runPath = "/runs/" + itoa(w.fx.run)
	w.sheetPath = fmt.Sprintf("%s/sessions/%d/attendance", w.runPath, w.fx.session)
	return w
}

// signIn signs everyone in again: moving the clock by weeks ends their sessions.
func (w *attendanceWorld) signIn(h *harness) {
	w.trainee, w.janBrowser = h.browser("ucastnik@test.cz"), h.browser("jan@test.cz")
	w.lecturer, w.admin = h.browser("lektor@test.cz"), h.browser("admin@test.cz")
}

// enrolDirectly puts a person on a run as enrolled, as if an approval had happened.
func enrolDirectly(t *testing.T, h *harness, run, person int64) int64 {
	t.Helper()
	res, err := h.d.W.Exec(`INSERT INTO enrollments (run_id, person_id, status, created_at, updated_at, decided_at)
		VALUES (?, ?, 'enrolled', '', '', '2026-03-01T10:00:00Z')`, run, person)
	if err != nil {
		t.Fatal(err)
	}
	id, _ := res.LastInsertId()
	return id
}

// page checks a response's status and that its body has every want and none of not.
func page(t *testing.T, resp *http.Response, status int, want []string, not ...string) string {
	t.Helper()
	body := readBody(t, resp)
	if resp.StatusCode != status {
		t.Fatalf("status %d, want %d: %s", resp.StatusCode, status, body)
	}
	for _, s := range want {
		if !strings.Contains(body, s) {
			t.Errorf("page lacks %q", s)
		}
	}
	for _, s := range not {
		if strings.Contains(body, s) {
			t.Errorf("page shows %q", s)
		}
	}
	return body
}

func seeOther(t *testing.T, resp *http.Response, to string) {
	t.Helper()
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != to {
		t.Fatalf("status %d to %q, want 303 to %q", resp.StatusCode, resp.Header.Get("Location"), to)
	}
}

// markOf reads a person's mark of a session: status, minutes and source, or "" when none.
func markOf(t *testing.T, h *harness, session, enrollment int64) string {
	t.Helper()
	var rows []struct {
		Status  string `db:"status"`
		Minutes int    `db:"minutes"`
		Source  string `db:"source"`
	}
	if err := h.d.R.Select(&rows, `SELECT status, minutes, source FROM attendance WHERE session_id = ? AND enrollment_id = ?`,
		session, enrollment); err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 {
		return ""
	}
	return fmt.Sprintf("%s %d %s", rows[0].Status, rows[0].Minutes, rows[0].Source)
}

// TestPagesAttendanceApologyAndProgress: a trainee apologises and takes it back on "my
// courses"; the lecturer sees the apology on the list, which stays closed before the session;
// once it has begun a bad minutes value is refused (422) and saves nothing, a good list saves
// in one go; the trainee's progress then reads in proper Czech hours.
func TestPagesAttendanceApologyAndProgress(t *testing.T) {
	h := newHarness(t)
	w := newAttendanceWorld(t, h)
	morning := fmt.Sprint(w.fx.session)

	page(t, w.trainee.get("/my/courses"), 200, []string{"Teorie: 0 z 6 hodin, potřeba 4,8", "Chybí ještě 4,8 hodiny.",
		"Celkem absolvováno 0 % kurzu", "probíhá", `action="/sessions/` + morning + `/apology"`, "Rozpočet domácnosti"},
		"zbývající lekce už nestačí")
	// A note that is too long is refused at its session's form, which keeps it as typed.
	long := strings.Repeat("Jsem u lékaře. ", 40)
	page(t, w.trainee.form("POST", "/sessions/"+morning+"/apology", url.Values{"note": {long}}), http.StatusUnprocessableEntity,
		[]string{`aria-invalid="true" aria-describedby="note-` + morning + `-error">` + long + `</textarea>`,
			`<p class="field-error" id="note-` + morning + `-error">Poznámka smí mít nejvýše 500 znaků`})
	if got := markOf(t, h, w.fx.session, w.marieEnr); got != "" {
		t.Errorf("a refused apology was stored: %q", got)
	}
	seeOther(t, w.trainee.form("POST", "/sessions/"+morning+"/apology", url.Values{"note": {"Lékař"}}),
		"/my/courses?apology=sent#session-"+morning)
	page(t, w.trainee.get("/my/courses?apology=sent"), 200, []string{"Omluva je zapsaná", "Omluveno", "Lékař",
		`action="/sessions/` + morning + `/apology/delete"`})
	if got := markOf(t, h, w.fx.session, w.marieEnr); got != "excused 0 apology" {
		t.Errorf("Marie's mark after the apology: %q", got)
	}
	seeOther(t, w.trainee.form("POST", "/sessions/"+morning+"/apology/delete", nil), "/my/courses?apology=withdrawn#session-"+morning)
	page(t, w.trainee.get("/my/courses?apology=withdrawn"), 200, []string{"Omluva je zrušená."}, "Lékař")
	if got := markOf(t, h, w.fx.session, w.marieEnr); got != "" {
		t.Errorf("Marie's mark after taking the apology back: %q", got)
	}
	seeOther(t, w.janBrowser.form("POST", "/sessions/"+morning+"/apology", url.Values{"note": {"Nemoc"}}),
		"/my/courses?apology=sent#session-"+morning)

	// Before the session the list shows, closed, and a save is refused.
	page(t, w.lecturer.get(w.sheetPath), 200, []string{"Lekce ještě nezačala", "Marie Giňová", "Jan Bandy", "Omluva předem",
		"Nemoc", "Bez zápisu zůstává 1 osoba.", "attendance-sheet.pdf", " disabled"}, "/checkin")
	page(t, w.lecturer.form("POST", w.sheetPath, url.Values{"status." + itoa(w.marie): {"present"}}), http.StatusConflict,
		[]string{"Lekce ještě nezačala"})
	page(t, w.lecturer.get("/runs/999/sessions/"+morning+"/attendance"), http.StatusNotFound, nil)
	page(t, w.lecturer.get("/my/sessions"), 200, []string{`href="` + w.sheetPath + `"`})

	// 10:00 in Prague on the day: the session is on.
	h.advance(time.Date(2026, 4, 14, 8, 0, 0, 0, time.UTC).Sub(h.clock()))
	w.signIn(h)
	page(t, w.lecturer.get(w.sheetPath), 200, []string{"/checkin", `name="status.` + itoa(w.marie) + `"`,
		`value="excused" checked`}, "Lekce ještě nezačala", " disabled")
	for _, bad := range []string{"999", "abc", ""} {
		t.Run("minutes "+bad, func(t *testing.T) {
			body := page(t, w.lecturer.form("POST", w.sheetPath, url.Values{"status." + itoa(w.marie): {"late"},
				"minutes." + itoa(w.marie): {bad}, "status." + itoa(w.jan): {"absent"}}), http.StatusUnprocessableEntity,
				[]string{"od 1 do 269", "Nic se zatím neuložilo.", `value="` + bad + `"`})
			if !strings.Contains(body, `id="person-`+itoa(w.marie)+`"`) || strings.Count(body, "has-error") != 1 {
				t.Error("the error should mark Marie's row alone")
			}
			if m, j := markOf(t, h, w.fx.session, w.marieEnr), markOf(t, h, w.fx.session, w.janEnr); m != "" || j != "excused 0 apology" {
				t.Errorf("a refused save changed marks: Marie %q, Jan %q", m, j)
			}
		})
	}
	seeOther(t, w.lecturer.form("POST", w.sheetPath, url.Values{"status." + itoa(w.marie): {"late"},
		"minutes." + itoa(w.marie): {"90"}, "status." + itoa(w.jan): {"excused"}}), w.sheetPath+"?saved=1")
	page(t, w.lecturer.get(w.sheetPath+"?saved=1"), 200, []string{"Docházka je uložená.", "Docházka je zapsaná u všech.",
		`value="90"`})
	if m, j := markOf(t, h, w.fx.session, w.marieEnr), markOf(t, h, w.fx.session, w.janEnr); m != "late 90 lecturer" || j != "excused 0 apology" {
		t.Errorf("after saving: Marie %q, Jan %q (an unchanged apology keeps its source)", m, j)
	}

	// Progress in hours of 45 minutes: 90 minutes are 2 of 6 hours; 4,8 are needed, and the
	// hour of the afternoon can no longer bring them.
	page(t, w.trainee.get("/my/courses"), 200, []string{"Teorie: 2 z 6 hodin, potřeba 4,8", "Chybí ještě 2,8 hodiny.",
		"Celkem absolvováno 33 % kurzu", "zbývající lekce už nestačí na požadovanou docházku 80 %"},
		`action="/sessions/`+morning+`/apology"`)
	seeOther(t, w.lecturer.form("POST", w.sheetPath, url.Values{"status." + itoa(w.marie): {"late"},
		"minutes." + itoa(w.marie): {"171"}}), w.sheetPath+"?saved=1")
	page(t, w.trainee.get("/my/courses"), 200, []string{"Teorie: 3,8 z 6 hodin", "Chybí ještě 1 hodina."})

	// An apology once the session has begun is refused on the page, with its status.
	page(t, w.trainee.form("POST", "/sessions/"+morning+"/apology", nil), http.StatusConflict,
		[]string{"Lekce už začala", "Teorie: 3,8 z 6 hodin"})

	// In English.
	seeOther(t, w.trainee.form("POST", "/lang", url.Values{"lang": {"en"}, "next": {"/my/courses"}}), "/my/courses")
	page(t, w.trainee.get("/my/courses"), 200, []string{"Theory: 3.8 of 6 hours, 4.8 needed", "1 hour still to go."})
}

// TestPagesExam records exams through the form: refused below the threshold (409), a missing
// identity check shown on the form (422), a passed attempt with its commission saved; the
// roster links to the exam page.
func TestPagesExam(t *testing.T) {
	h := newHarness(t)
	w := newAttendanceWorld(t, h)
	if _, err := h.d.W.Exec(`UPDATE courses SET requires_exam = 1 WHERE id = ?`, w.fx.course); err != nil {
		t.Fatal(err)
	}
	h.advance(time.Date(2026, 4, 14, 13, 0, 0, 0, time.UTC).Sub(h.clock()))
	w.signIn(h)
	seeOther(t, w.lecturer.form("POST", w.sheetPath, url.Values{"status." + itoa(w.marie): {"present"},
		"status." + itoa(w.jan): {"absent"}}), w.sheetPath+"?saved=1")

	marie, jan := fmt.Sprintf("/enrollments/%d/exam", w.marieEnr), fmt.Sprintf("/enrollments/%d/exam", w.janEnr)
	page(t, w.lecturer.get(w.runPath+"/roster"), 200, []string{`href="` + marie + `"`, `href="` + jan + `"`})
	page(t, w.lecturer.get(jan), 200, []string{"Jan Bandy", "Docházka zatím nedosahuje 80 %", "Zatím žádný pokus."})
	sitting := url.Values{"held_on": {"14. 4. 2026"}, "outcome": {"sat"}, "part.written": {"passed"}, "part.oral": {"passed"},
		"identity_checked": {"1"}, "member.0": {"Mgr. Eva Svobodová"}, "member.1": {"PhDr. Karel Novák"},
		"member.2": {"Bc. Lucie Malá"}, "chair": {"1"}}
	page(t, w.lecturer.form("POST", jan, sitting), http.StatusConflict, []string{"Ke zkoušce lze připustit jen toho"})

	page(t, w.lecturer.get(marie), 200, []string{"Marie Giňová", "Docházka je splněná", `value="2026-04-14"`,
		`name="part.practical"`, `name="chair"`})
	noID := url.Values{}
	for k, v := range sitting {
		if k != "identity_checked" {
			noID[k] = v
		}
	}
	page(t, w.lecturer.form("POST", marie, noID), http.StatusUnprocessableEntity,
		[]string{"Před zkouškou je třeba ověřit totožnost", `value="PhDr. Karel Novák"`})
	seeOther(t, w.lecturer.form("POST", marie, sitting), marie+"?saved=1")
	page(t, w.lecturer.get(marie+"?saved=1"), 200, []string{"Pokus je zapsaný.", "Zkouška je složená.",
		"Písemná část: složena", "PhDr. Karel Novák (předseda)", `value="PhDr. Karel Novák"`})
	var outcome, commission string
	if err := h.d.R.QueryRow(`SELECT outcome, commission FROM exams WHERE enrollment_id = ?`, w.marieEnr).Scan(&outcome,
		&commission); err != nil {
		t.Fatal(err)
	}
	if outcome != "passed" || !strings.Contains(commission, `"name":"PhDr. Karel Novák","chair":true`) {
		t.Errorf("kept: %s %s", outcome, commission)
	}
	page(t, w.trainee.get("/my/courses"), 200, []string{"Závěrečná zkouška", "složena 14. 4. 2026", "splněno"})
	page(t, w.admin.get(marie), 200, []string{"Zkouška je složená."})
}
