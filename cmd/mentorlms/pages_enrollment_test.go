package main

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"mentorlms/people"
	"mentorlms/web"
)

// enrolmentWorld is a trainee, a lecturer and a coordinator of ULK and a run of the region,
// the trainee not yet applied: the trainee and the run's fixture.
func enrolmentWorld(h *harness) (people.Person, fixture) {
	marie := h.person("ucastnik@test.cz", "Marie Giňová", "ULK", web.RoleTrainee)
	h.person("lektor@test.cz", "Eva Svobodová", "ULK", web.RoleLecturer)
	h.person("koordinator@test.cz", "Petr Horváth", "ULK", web.RoleCoordinator)
	return marie, h.schedule("lektor@test.cz")
}

// TestPagesEnrollment walks an application through the pages: the trainee sees what is missing,
// applies and finds it in "my courses"; the coordinator finds it in the queue and on the
// roster with the failing rule, records the evidence through the API, approves it with the
// bulk form; the trainee withdraws.
func TestPagesEnrollment(t *testing.T) {
	h := newHarness(t)
	marie, fx := enrolmentWorld(h)
	trainee, coord, lecturer := h.browser("ucastnik@test.cz"), h.browser("koordinator@test.cz"), h.browser("lektor@test.cz")
	run := fmt.Sprint(fx.run)

	expect := func(t *testing.T, resp *http.Response, status int, want []string, not ...string) string {
		t.Helper()
		body := readBody(t, resp)
		if resp.StatusCode != status {
			t.Fatalf("status %d, want %d: %s", resp.StatusCode, status, body)
		}
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("page lacks %q", w)
			}
		}
		for _, n := range not {
			if strings.Contains(body, n) {
				t.Errorf("page shows %q", n)
			}
		}
		return body
	}
	redirects := func(t *testing.T, resp *http.Response, to string) {
		t.Helper()
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != to {
			t.Fatalf("status %d to %q, want 303 to %q", resp.StatusCode, resp.Header.Get("Location"), to)
		}
	}

	expect(t, trainee.get("/my/courses"), 200, []string{"Zatím nemáte žádnou přihlášku"})
	expect(t, trainee.get("/runs/"+run), 200, []string{`href="/runs/` + run + `/apply"`}, `/roster"`)
	expect(t, trainee.get("/runs/"+run+"/apply"), 200, []string{"rule-fail", "✗ Nesplněno:",
		"Rejstřík trestů: chybí výpis", "✓ Splněno:", "Podat přihlášku"})
	// Applying says what happens next, on the run's page, which then shows where it stands.
	redirects(t, trainee.form("POST", "/runs/"+run+"/apply", nil), "/runs/"+run)
	expect(t, trainee.get("/runs/"+run), 200, []string{"Přihláška je odeslaná. Posoudí ji koordinátor vašeho kraje",
		"Vaše přihláška čeká na posouzení.", `href="/enrollments/`}, `href="/runs/`+run+`/apply"`)
	expect(t, trainee.get("/runs/"+run), 200, []string{"Vaše přihláška čeká na posouzení."}, "Přihláška je odeslaná.")
	expect(t, trainee.get("/my/courses"), 200, []string{"Řešení finanční situace zadlužených osob", "14. 4. 2026",
		"čeká na schválení", "/withdraw"})
	// Applying twice: one clear message, no "apply anyway".
	expect(t, trainee.form("POST", "/runs/"+run+"/apply", nil), http.StatusConflict, []string{"Na tento běh už máte přihlášku"},
		"Přihlášku můžete podat i tak", "Přihlášku nelze podat")

	var eid int64
	if err := h.d.R.Get(&eid, `SELECT id FROM enrollments WHERE person_id = ? AND run_id = ?`, marie.ID, fx.run); err != nil {
		t.Fatal(err)
	}
	e := fmt.Sprint(eid)

	expect(t, coord.get("/queue"), 200, []string{"Marie Giňová", `href="/runs/` + run + `/roster#pending"`})
	expect(t, coord.get("/runs/"+run), 200, []string{`href="/runs/` + run + `/roster"`})
	expect(t, coord.get("/runs/"+run+"/roster"), 200, []string{"Marie Giňová", "Rejstřík trestů: chybí výpis",
		`name="enrollment" value="` + e + `"`, "/enrollments/" + e + "/approve"})
	expect(t, lecturer.get("/runs/"+run+"/roster"), 200, []string{"Marie Giňová", "Posuzuje koordinátor kraje."},
		"Rejstřík trestů", "/approve")
	// Approving now is refused, listing the rule that fails.
	expect(t, coord.form("POST", "/enrollments/"+e+"/approve", nil), http.StatusUnprocessableEntity,
		[]string{"Marie Giňová: ", "Rejstřík trestů: chybí výpis"})
	expect(t, coord.form("POST", "/runs/"+run+"/approve", nil), http.StatusUnprocessableEntity,
		[]string{"Zaškrtněte alespoň jednu přihlášku."})

	resp := h.api("koordinator@test.cz").json("PUT", fmt.Sprintf("/api/v1/people/%d/evidence", marie.ID),
		`{"record_check":{"issued_on":"2026-02-20","clean":true,"verified_on":"2026-02-25"}}`)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("evidence: %d %s", resp.StatusCode, readBody(t, resp))
	}
	resp.Body.Close()
	expect(t, coord.get("/runs/"+run+"/roster"), 200, []string{"Rejstřík trestů: výpis je čistý"}, "rule-fail")

	// A forged form naming more than can be ticked is refused whole; one ticked twice counts once.
	many := url.Values{}
	for i := range 201 {
		many.Add("enrollment", fmt.Sprint(100000+i))
	}
	expect(t, coord.form("POST", "/runs/"+run+"/approve", many), http.StatusUnprocessableEntity,
		[]string{"Najednou lze schválit nejvýše 200 přihlášek."})
	redirects(t, coord.form("POST", "/runs/"+run+"/approve", url.Values{"enrollment": {e, e, e}}), "/runs/"+run+"/roster")
	expect(t, coord.get("/runs/"+run+"/roster"), 200, []string{"Marie Giňová", "Žádná přihláška nečeká na schválení."})
	expect(t, coord.get("/queue"), 200, []string{"Žádná přihláška nečeká na rozhodnutí."}, "Marie Giňová")
	expect(t, trainee.get("/my/courses"), 200, []string{"přijata"})

	// Withdrawing asks first, on a page of its own, and a post without the confirmation only
	// shows that page again; a next that leads off the site is ignored.
	expect(t, trainee.get("/my/courses"), 200, []string{`href="/enrollments/` + e + `/withdraw?next=/my/courses"`, "Zrušit přihlášku"})
	expect(t, trainee.get("/enrollments/"+e+"/withdraw?next=/my/courses"), 200, []string{"Zrušit přihlášku?",
		"Přijdete o místo v běhu.", "Místo zůstane volné", `name="confirm" value="yes"`, "Ano, zrušit přihlášku"})
	expect(t, trainee.form("POST", "/enrollments/"+e+"/withdraw", url.Values{"next": {"/my/courses"}}), 200, []string{"Zrušit přihlášku?"})
	redirects(t, trainee.form("POST", "/enrollments/"+e+"/withdraw", url.Values{"next": {"//evil.example"}, "confirm": {"yes"}}), "/my/courses")
	expect(t, trainee.get("/my/courses"), 200, []string{"odhlášena"}, "/withdraw")
	var status string
	if err := h.d.R.Get(&status, `SELECT status FROM enrollments WHERE id = ?`, eid); err != nil || status != "withdrawn" {
		t.Errorf("status %q, %v", status, err)
	}

	// The pages speak English too.
	redirects(t, coord.form("POST", "/lang", url.Values{"lang": {"en"}, "next": {"/queue"}}), "/queue")
	expect(t, coord.get("/queue"), 200, []string{"No application awaits a decision."})
	expect(t, coord.get("/runs/"+run+"/roster"), 200, []string{"Roster: ", "Nobody is enrolled yet.", "Nobody is waiting"})
	redirects(t, trainee.form("POST", "/lang", url.Values{"lang": {"en"}, "next": {"/my/courses"}}), "/my/courses")
	expect(t, trainee.get("/my/courses"), 200, []string{"withdrawn", "1 application"})
	expect(t, trainee.get("/runs/"+run+"/apply"), 200, []string{"✓ Met:", "Apply"})
}

// Turning an application down asks first, with the reason typed on the roster carried over;
// a refused reason comes back as typed and changes nothing; a reason of two lines is kept.
func TestPagesRejectAsksFirst(t *testing.T) {
	h := newHarness(t)
	marie, fx := enrolmentWorld(h)
	trainee, coord := h.browser("ucastnik@test.cz"), h.browser("koordinator@test.cz")
	resp := trainee.form("POST", fmt.Sprintf("/runs/%d/apply", fx.run), nil)
	resp.Body.Close()
	var eid int64
	if err := h.d.R.Get(&eid, `SELECT id FROM enrollments WHERE person_id = ? AND run_id = ?`, marie.ID, fx.run); err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/enrollments/%d/reject", eid)
	stored := func() (status, reason string) {
		t.Helper()
		var row struct {
			Status string `db:"status"`
			Reason string `db:"reason"`
		}
		if err := h.d.R.Get(&row, `SELECT status, reason FROM enrollments WHERE id = ?`, eid); err != nil {
			t.Fatal(err)
		}
		return row.Status, row.Reason
	}

	expectPage(t, coord.form("POST", path, url.Values{"reason": {"Chybí výpis"}}), http.StatusOK, []string{
		"Zamítnout přihlášku: Marie Giňová?", "Řešení finanční situace zadlužených osob", "dostane zprávu",
		"Zamítnutí nelze vzít zpět.", `name="confirm" value="yes"`, ">Chybí výpis</textarea>"})
	if st, _ := stored(); st != "pending" {
		t.Fatalf("asking changed the application: %s", st)
	}
	long := strings.Repeat("Důvod ", 100)
	expectPage(t, coord.form("POST", path, url.Values{"reason": {long}, "confirm": {"yes"}}), http.StatusUnprocessableEntity,
		[]string{"Napište důvod zamítnutí (nejvýše 500 znaků).", ">" + long + "</textarea>", `aria-invalid="true"`})
	if st, _ := stored(); st != "pending" {
		t.Fatalf("a refused reason changed the application: %s", st)
	}
	resp = coord.form("POST", path, url.Values{"reason": {"Chybí výpis z rejstříku trestů.\r\nPřihlaste se znovu s ním."}, "confirm": {"yes"}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != fmt.Sprintf("/runs/%d/roster", fx.run) {
		t.Fatalf("confirmed: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if st, reason := stored(); st != "rejected" || reason != "Chybí výpis z rejstříku trestů.\nPřihlaste se znovu s ním." {
		t.Errorf("stored %s %q", st, reason)
	}
	// The trainee reads it with its line break (the page's style keeps it: .note).
	expectPage(t, trainee.get("/my/courses"), http.StatusOK,
		[]string{`<small class="note">Důvod: Chybí výpis z rejstříku trestů.` + "\n" + `Přihlaste se znovu s ním.</small>`})
	expectPage(t, coord.form("POST", path, url.Values{"reason": {"Znovu"}}), http.StatusConflict, []string{"Přihláška už je vyřízená."})
}

// A full run says where an applicant would stand: first in line when nobody waits yet, else
// how many wait before them, in the plural their number takes.
func TestPagesApplyToAFullRun(t *testing.T) {
	h := newHarness(t)
	_, fx := enrolmentWorld(h)
	other := h.person("jan@test.cz", "Jan Bandy", "ULK", web.RoleTrainee)
	third := h.person("eva@test.cz", "Eva Horváthová", "ULK", web.RoleTrainee)
	enrol := func(p people.Person, status string) {
		t.Helper()
		if _, err := h.d.W.Exec(`INSERT INTO enrollments (run_id, person_id, status, created_at, updated_at)
			VALUES (?, ?, ?, '', '')`, fx.run, p.ID, status); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := h.d.W.Exec(`UPDATE runs SET capacity = 1 WHERE id = ?`, fx.run); err != nil {
		t.Fatal(err)
	}
	enrol(other, "enrolled")
	trainee, path := h.browser("ucastnik@test.cz"), fmt.Sprintf("/runs/%d/apply", fx.run)
	expectPage(t, trainee.get(path), http.StatusOK, []string{"do pořadníku jako první"}, "čeká 0")
	enrol(third, "waitlisted")
	expectPage(t, trainee.get(path), http.StatusOK, []string{"teď v něm čeká 1 osoba"}, "jako první")
}
