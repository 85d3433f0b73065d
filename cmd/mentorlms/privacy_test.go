package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"mentorlms/courses"
	"mentorlms/enrollment"
	"mentorlms/privacy"
	"mentorlms/web"
	"mentorlms/web/pdf/pdftest"
)

// privacyWorld gives Marie a record in every part of the product: a requalification course
// with its certificate, a workshop she attended without a certificate, a seat in an April run
// (Jan waits for it), evidence, self-identification, supervision, evaluations, continuing
// education, messages, sign-ins, a token, a password link and a failed sign-in.
func privacyWorld(t *testing.T) (h *harness, marie int64, cert string, signedIn *client) {
	h = newHarness(t)
	h.certPeople()
	h.person("lektor@test.cz", "Eva Svobodová", "ULK", web.RoleLecturer)
	h.person("koordinator@test.cz", "Petr Horváth", "ULK", web.RoleCoordinator)
	marie = personID(t, h, "marie@test.cz")
	h.insert(`INSERT INTO record_checks (person_id, issued_on, clean, verified_on, created_at) VALUES (?, '2026-02-01', 1, '2026-02-01', '')`, marie)
	_, rq := h.certRun("RQ", courses.KindRequalification, 0, []string{"marie@test.cz"})
	cert = h.issued(rq["marie@test.cz"], prague("2026-02-20 10:00")).Code
	h.certRun("WS", courses.KindWorkshop, 0, []string{"marie@test.cz"})
	april, _ := h.course("DUBEN", "lektor@test.cz", "2026-04-14", "2026-04-15", h.clock(), prague("2026-04-14 09:00"), prague("2026-04-15 09:00"))
	h.enrol(april, h.clock(), "marie@test.cz")
	h.insert(`UPDATE runs SET capacity = 1 WHERE id = ?`, april)
	jan := personID(t, h, "jan@test.cz")
	h.insert(`INSERT INTO record_checks (person_id, issued_on, clean, verified_on, created_at) VALUES (?, '2026-03-01', 1, '2026-03-01', '')`, jan)
	if e, _, err := enrollment.NewService(h.d).Apply(context.Background(), h.admin(), april, jan, h.clock()); err != nil || e.Status != enrollment.Waitlisted {
		t.Fatalf("Jan: %v %v", e.Status, err)
	}
	for _, q := range []string{
		`INSERT INTO pledges (person_id, signed_on, created_at) VALUES (?1, '2026-02-21', '')`,
		`INSERT INTO identifications (person_id, roma, consent_on, created_at) VALUES (?1, 1, '2026-02-21', '')`,
		`INSERT INTO supervisions (id, region_code, held_at, held_on, kind, supervisor_name, note, created_at, updated_at)
			VALUES (90, 'ULK', '2026-02-25T13:00:00Z', '2026-02-25', 'group', 'Mgr. Eva Nová', '', '', '')`,
		`INSERT INTO supervision_attendees (supervision_id, person_id, held_on) VALUES (90, ?1, '2026-02-25')`,
		`INSERT INTO supervision_overrides (person_id, months, reason, set_at) VALUES (?1, 1, 'začíná', '')`,
		`INSERT INTO mentor_decisions (id, person_id, reason, since, decided_at) VALUES (70, ?1, 'paused', '2026-01-01', '')`,
		`INSERT INTO mentor_statuses (person_id, status, since, cause, decision_id, recorded_at) VALUES (?1, 'inactive', '2026-01-01', 'decision', 70, '')`,
		`INSERT INTO evaluations (person_id, centre_id, year, period, clients_a, success_a, created_at, updated_at) VALUES (?1, 7, 2025, 1, 3, 2, '', '')`,
		`INSERT INTO external_hours (person_id, organiser, held_on, minutes, kind, entered_at) VALUES (?1, 'Člověk v tísni', '2026-01-15', 240, 'seminar', '')`,
		`INSERT INTO employments (person_id, from_on, entered_at) VALUES (?1, '2025-03-01', '')`,
		`INSERT INTO absences (person_id, kind, from_on, until_on, entered_at) VALUES (?1, 'sick', '2025-11-01', '2025-11-20', '')`,
		`INSERT INTO email_off (person_id, kind, off_at) VALUES (?1, 'session_tomorrow', '')`,
		`INSERT INTO notifications (key, person_id, kind, args, link, created_at) SELECT 'coord-about-marie', id, 'record_stale',
			'{"Name":"Marie Giňová","Date":"2026-04-01"}', '/people/' || ?1 || '/evidence', '' FROM persons WHERE email = 'koordinator@test.cz'`,
	} {
		h.insert(q, marie)
	}
	signedIn = h.browser("marie@test.cz")
	h.api("marie@test.cz")
	h.visitor().form("POST", "/password/forgot", url.Values{"email": {"marie@test.cz"}})
	h.visitor().form("POST", "/login", url.Values{"email": {"marie@test.cz"}, "password": {"spatne-heslo-99"}})
	// Her second factor comes last: with it, signing in takes a code.
	for _, q := range []string{
		`INSERT INTO second_factors (person_id, secret, confirmed_at, created_at) VALUES (?1, 'JBSWY3DPEHPK3PXP', '', '')`,
		`INSERT INTO recovery_codes (person_id, code_hash) VALUES (?1, 'otisk')`,
		`INSERT INTO login_challenges (token_hash, person_id, created_at) VALUES ('vyzva', ?1, '')`,
	} {
		h.insert(q, marie)
	}
	return h, marie, cert, signedIn
}

// personTables lists the tables with a person_id column.
func personTables(t *testing.T, h *harness) []string {
	t.Helper()
	var names []string
	if err := h.d.R.Select(&names, `SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) c
		WHERE m.type = 'table' AND c.name = 'person_id' ORDER BY m.name`); err != nil {
		t.Fatal(err)
	}
	return names
}

// TestExport: the person downloads every record about them, as JSON (each table's rows about
// them, no hashes) and as a readable PDF in their language; an admin's export of them is
// audit-logged.
func TestExport(t *testing.T) {
	h, marie, _, b := privacyWorld(t)
	resp := b.get("/account/export.json")
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Disposition"), "mentorlms-export-") {
		t.Fatalf("export: %d %v", resp.StatusCode, resp.Header)
	}
	raw := readBody(t, resp)
	var e privacy.Export
	if err := json.Unmarshal([]byte(raw), &e); err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"password_hash", "token_hash", "argon2id", `"pdf"`, "/password/", "JBSWY3DPEHPK3PXP", "code_hash"} {
		if strings.Contains(raw, secret) {
			t.Errorf("the export holds %s", secret)
		}
	}
	// Every row of every table that names her by person_id is in it.
	for _, name := range personTables(t, h) {
		var n int
		if err := h.d.R.Get(&n, `SELECT COUNT(*) FROM `+name+` WHERE person_id = ?`, marie); err != nil {
			t.Fatal(err)
		}
		if n == 0 && name != "run_lecturers" { // she teaches nothing
			t.Errorf("the world gives Marie no %s", name)
		}
		if got := len(e.Tables[name]); got != n {
			t.Errorf("%s: %d rows exported, %d about her", name, got, n)
		}
	}
	for _, name := range []string{"persons", "attendance", "exams", "supervisions", "audit_log", "login_failures", "certificate_duplicates"} {
		if _, ok := e.Tables[name]; !ok {
			t.Errorf("the export lacks %s", name)
		}
	}
	if len(e.Tables["attendance"]) != 2 || e.Excluded["supervision_intervals"] == "" {
		t.Errorf("attendance %v, excluded %v", e.Tables["attendance"], e.Excluded)
	}
	if name := e.Tables["persons"][0]["name"]; name != "Marie Giňová" {
		t.Errorf("profile name %v", name)
	}

	resp = b.get("/account/export.pdf")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("PDF: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if pdftest.Available(t) {
		text := pdftest.Text(t, body)
		for _, want := range []string{"Výpis údajů o osobě", "Marie Giňová", "Kurz RQ", "Osvědčení", "Docházka", "2 záznamy",
			"Výpisy z rejstříku trestů"} {
			if !strings.Contains(text, want) {
				t.Errorf("the PDF lacks %q:\n%s", want, text)
			}
		}
	}

	if resp := h.api("marie@test.cz").get("/api/v1/me/export"); resp.StatusCode != http.StatusOK {
		t.Errorf("API export: %d", resp.StatusCode)
	}
	admin := h.browser("admin@test.cz")
	expectStatus(t, admin.get("/people/"+itoa(marie)+"/export.json"), http.StatusOK)
	var logged int
	if err := h.d.R.Get(&logged, `SELECT COUNT(*) FROM audit_log WHERE action = 'person.export' AND entity_id = ?`, marie); err != nil || logged != 1 {
		t.Errorf("admin's export logged %d times (%v)", logged, err)
	}
}

// TestErasure: the confirmation page says what stays and why; erasure anonymises Marie in one
// transaction; afterwards every table that names a person is as the law wants it, her
// certificate still verifies with her name as issued, and Jan has her seat.
func TestErasure(t *testing.T) {
	h, marie, code, marieBrowser := privacyWorld(t)
	admin := h.browser("admin@test.cz")
	path := "/people/" + itoa(marie) + "/erase"
	expectPage(t, admin.get(path), http.StatusOK, []string{"Vymazat: Marie Giňová?", "Zůstane 1 osvědčení v rejstříku",
		"Zůstane docházka a zkoušky 1 přihlášky", "1 hodnocení práce s klienty zůstane bez jména", "Ano, vymazat natrvalo"})
	counts := func() map[string]int {
		out := map[string]int{}
		for _, name := range personTables(t, h) {
			var n int
			if err := h.d.R.Get(&n, `SELECT COUNT(*) FROM `+name+` WHERE person_id = ?`, marie); err != nil {
				t.Fatal(err)
			}
			out[name] = n
		}
		return out
	}
	before := counts()
	expectStatus(t, admin.form("POST", path, url.Values{"confirm": {"yes"}}), http.StatusSeeOther)

	// What stays, table by table; every other table that names a person has nothing of her.
	kept := map[string]int{"certificates": 1, "enrollments": 1, "evaluations": 1, "run_lecturers": 0}
	after := counts()
	for name, n := range after {
		want, ok := kept[name]
		if !ok {
			want = 0
		}
		if n != want {
			t.Errorf("%s: %d rows of hers after erasure (%d before), want %d", name, n, before[name], want)
		}
	}
	var p struct {
		Name   string  `db:"name"`
		Email  string  `db:"email"`
		Birth  *string `db:"birth_date"`
		Hash   string  `db:"password_hash"`
		Erased *string `db:"erased_at"`
		Active bool    `db:"active"`
	}
	if err := h.d.R.Get(&p, `SELECT name, email, birth_date, password_hash, erased_at, active FROM persons WHERE id = ?`, marie); err != nil {
		t.Fatal(err)
	}
	if p.Name != privacy.ErasedName || !strings.HasSuffix(p.Email, "@erased.invalid") || p.Birth != nil || p.Hash != "" || p.Erased == nil || p.Active {
		t.Errorf("the person row after erasure: %+v", p)
	}
	var leaks int
	if err := h.d.R.Get(&leaks, `SELECT COUNT(*) FROM audit_log WHERE instr(before || after, 'Giňová') > 0
		OR instr(before || after, 'marie@test.cz') > 0 OR (actor_id = ?1 OR entity = 'person' AND entity_id = ?1 AND action <> 'person.erase') AND addr <> ''`,
		marie); err != nil || leaks != 0 {
		t.Errorf("%d audit entries still name her or her address (%v)", leaks, err)
	}
	if err := h.d.R.Get(&leaks, `SELECT COUNT(*) FROM notifications WHERE instr(args, 'Giňová') > 0 OR instr(link, 'password') > 0`); err != nil || leaks != 0 {
		t.Errorf("%d messages still name her (%v)", leaks, err)
	}
	var survivors int
	if err := h.d.R.Get(&survivors, `SELECT COUNT(*) FROM attendance a JOIN enrollments e ON e.id = a.enrollment_id WHERE e.person_id = ?`, marie); err != nil || survivors != 1 {
		t.Errorf("%d attendance marks kept, want the requalification run's one (%v)", survivors, err)
	}
	for _, gone := range []string{"login_failures", "supervision_attendees"} {
		var n int
		h.d.R.Get(&n, `SELECT COUNT(*) FROM `+gone)
		if n != 0 {
			t.Errorf("%s keeps %d rows", gone, n)
		}
	}
	var janSeat string
	if err := h.d.R.Get(&janSeat, `SELECT e.status FROM enrollments e JOIN persons p ON p.id = e.person_id WHERE p.email = 'jan@test.cz'`); err != nil || janSeat != "enrolled" {
		t.Errorf("Jan is %s (%v)", janSeat, err)
	}
	// The certificate still verifies, with the name as issued.
	expectPage(t, h.visitor().get("/verify/"+code), http.StatusOK, []string{"Marie Giňová", "platné"})
	// She can no longer sign in, and her open session is gone.
	if r := h.visitor().form("POST", "/login", url.Values{"email": {"marie@test.cz"}, "password": {testPassword}}); r.StatusCode == http.StatusSeeOther {
		t.Error("the erased person signed in")
	}
	expectStatus(t, marieBrowser.get("/account"), http.StatusSeeOther)
	// The page says she was erased; she cannot be activated, edited or erased again.
	expectPage(t, admin.get("/people/"+itoa(marie)), http.StatusOK, []string{"vymazaná osoba"})
	expectStatus(t, admin.form("POST", "/people/"+itoa(marie)+"/activate", nil), http.StatusConflict)
	expectPage(t, admin.get(path), http.StatusConflict, []string{"Osoba byla vymazána"})
	// A lecturer of a run not yet over is not erased: the run needs another lecturer first.
	expectPage(t, admin.get("/people/"+itoa(personID(t, h, "lektor@test.cz"))+"/erase"), http.StatusConflict,
		[]string{"ještě vede lekce"})
}
