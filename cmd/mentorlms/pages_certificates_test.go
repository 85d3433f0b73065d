package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"mentorlms/courses"
)

// TestPagesCertificateIssue issues from a run's completion table: one person with the row's
// button, the rest of the run with the run's button, which names who was passed over and why;
// an incomplete or repeated enrolment is refused with 409 and nothing issued, and the
// enrolment in the path decides, whatever page the form came from.
func TestPagesCertificateIssue(t *testing.T) {
	h := newHarness(t)
	h.certPeople()
	run, es := h.certRun("KOM", courses.KindCourse, 12, []string{"marie@test.cz", "jan@test.cz"}, "ruzena@test.cz")
	other, oes := h.certRun("ETI", courses.KindCourse, 0, []string{"lenka@test.cz"})
	adm := h.browser("admin@test.cz")
	path := "/runs/" + itoa(run) + "/completion"

	body := expectPage(t, adm.get(path), 200, []string{"Vydat osvědčení všem, kdo dokončili", `action="/runs/` + itoa(run) + `/certificates"`,
		`action="/enrollments/` + itoa(es["marie@test.cz"]) + `/certificate"`, `action="/enrollments/` + itoa(es["jan@test.cz"]) + `/certificate"`},
		`action="/enrollments/`+itoa(es["ruzena@test.cz"])+`/certificate"`)
	if strings.Count(body, ">Vydat osvědčení<") != 2 {
		t.Errorf("want a button on each of the two complete rows")
	}
	// The run's lecturer sees the table without the admin's buttons.
	expectPage(t, h.browser("lektor.cert@test.cz").get(path), 200, []string{"Marie Giňová"}, "Vydat osvědčení", "/certificate\"")

	t.Run("one", func(t *testing.T) {
		// Issuing asks first: a number of the register is taken for good.
		expectPage(t, adm.form("POST", "/enrollments/"+itoa(es["marie@test.cz"])+"/certificate", nil), 200,
			[]string{"Vydat osvědčení: Marie Giňová?", "Osvědčení dostane ověřovací kód", "dostane číslo v knize vydaných osvědčení", `name="confirm" value="yes"`,
				"Ano, vydat osvědčení"})
		if n := certCount(t, h); n != 0 {
			t.Fatalf("asking issued %d certificates", n)
		}
		resp := adm.form("POST", "/enrollments/"+itoa(es["marie@test.cz"])+"/certificate", url.Values{"confirm": {"yes"}})
		body := expectPage(t, follow(t, adm, resp, path), 200, []string{`role="status">Osvědčení č. S/2026/0001 je vydáno: Marie Giňová.`})
		if m := certLink.FindStringSubmatch(body); m == nil || m[2] != "S/2026/0001" {
			t.Errorf("Marie's row does not link her certificate: %v", m)
		}
		if strings.Count(body, ">Vydat osvědčení<") != 1 {
			t.Errorf("Marie's row still offers to issue")
		}
		// The message is shown once.
		expectPage(t, adm.get(path), 200, nil, "je vydáno")
	})

	t.Run("refused", func(t *testing.T) {
		before := certCount(t, h)
		expectPage(t, adm.form("POST", "/enrollments/"+itoa(es["ruzena@test.cz"])+"/certificate", nil), http.StatusConflict,
			[]string{"Růžena Horváthová: kurz zatím není dokončený"})
		expectPage(t, adm.form("POST", "/enrollments/"+itoa(es["marie@test.cz"])+"/certificate", nil), http.StatusConflict,
			[]string{"Marie Giňová už osvědčení za tento běh má."})
		expectPage(t, adm.form("POST", "/enrollments/999999/certificate", nil), http.StatusNotFound, nil)
		expectPage(t, adm.form("POST", "/enrollments/x/certificate", nil), http.StatusNotFound, nil)
		expectPage(t, adm.form("POST", "/runs/999999/certificates", nil), http.StatusNotFound, nil)
		expectPage(t, h.browser("lektor.cert@test.cz").form("POST", "/enrollments/"+itoa(es["jan@test.cz"])+"/certificate", nil),
			http.StatusForbidden, nil)
		if n := certCount(t, h); n != before {
			t.Errorf("refusals issued %d certificates", n-before)
		}
	})

	t.Run("forged", func(t *testing.T) {
		// A form changed to name another run's enrolment issues that enrolment's certificate, for
		// its own run, and goes back to that run's table.
		resp := adm.form("POST", "/enrollments/"+itoa(oes["lenka@test.cz"])+"/certificate", url.Values{"run": {itoa(run)}, "confirm": {"yes"}})
		expectPage(t, follow(t, adm, resp, "/runs/"+itoa(other)+"/completion"), 200, []string{"Lenka Kotlárová."})
		var got int64
		if err := h.d.R.Get(&got, `SELECT run_id FROM certificates WHERE enrollment_id = ?`, oes["lenka@test.cz"]); err != nil || got != other {
			t.Errorf("the certificate is for run %d, %v", got, err)
		}
	})

	t.Run("run", func(t *testing.T) {
		// Issuing for a whole run asks first, saying how many and for whom.
		expectPage(t, adm.get("/runs/"+itoa(run)+"/certificates"), 200, []string{"Vydat osvědčení za celý běh?",
			"1 osvědčení bude vydáno: ", "Vydat 1 osvědčení"})
		expectPage(t, adm.form("POST", "/runs/"+itoa(run)+"/certificates", nil), 200, []string{"1 osvědčení bude vydáno"})
		resp := adm.form("POST", "/runs/"+itoa(run)+"/certificates", url.Values{"confirm": {"yes"}})
		body := expectPage(t, follow(t, adm, resp, path), 200, []string{"Vydáno 1 osvědčení."}, "nedostal", "Vydat osvědčení")
		if n := len(certLink.FindAllString(body, -1)); n != 2 {
			t.Errorf("%d rows link a certificate, want 2", n)
		}
		expectPage(t, adm.get("/runs/"+itoa(run)+"/certificates"), http.StatusConflict, []string{"Nebylo vydáno žádné osvědčení"}, "Vydat 0")
		resp = adm.form("POST", "/runs/"+itoa(run)+"/certificates", url.Values{"confirm": {"yes"}})
		expectPage(t, follow(t, adm, resp, path), 200, []string{"Nebylo vydáno žádné osvědčení"})
	})

	t.Run("run with someone passed over", func(t *testing.T) {
		// A mentor's certificate needs a clean record extract: Eva's latest is not.
		rq, _ := h.certRun("RQ", courses.KindRequalification, 0, []string{"marie@test.cz", "eva@test.cz"})
		for email, clean := range map[string]int{"marie@test.cz": 1, "eva@test.cz": 0} {
			if _, err := h.d.W.Exec(`INSERT INTO record_checks (person_id, issued_on, clean, verified_on, created_at)
				VALUES (?, '2026-01-05', ?, '2026-01-06', '')`, personID(t, h, email), clean); err != nil {
				t.Fatal(err)
			}
		}
		p := "/runs/" + itoa(rq) + "/completion"
		expectPage(t, adm.get("/runs/"+itoa(rq)+"/certificates"), 200, []string{"1 osvědčení bude vydáno: Marie Giňová.",
			"Eva Horváthová: poslední výpis z rejstříku trestů není čistý"})
		resp := adm.form("POST", "/runs/"+itoa(rq)+"/certificates", url.Values{"confirm": {"yes"}})
		body := expectPage(t, follow(t, adm, resp, p), 200, []string{"Vydáno 1 osvědčení.", "1 osoba osvědčení nedostala:",
			"<li>Eva Horváthová: poslední výpis z rejstříku trestů není čistý nebo chybí; osvědčení mentora nelze vydat.</li>"})
		if m := certLink.FindStringSubmatch(body); m == nil || m[2] != "RM/2026/0001" {
			t.Errorf("Marie's requalification certificate: %v", m)
		}
		en := h.browser("admin@test.cz")
		en.form("POST", "/lang", url.Values{"lang": {"en"}, "next": {p}}).Body.Close()
		resp = en.form("POST", "/runs/"+itoa(rq)+"/certificates", url.Values{"confirm": {"yes"}})
		expectPage(t, follow(t, en, resp, p), 200, []string{"No certificate was issued", "1 person was passed over:",
			"Eva Horváthová: the latest criminal-record extract is not clean"})
	})
}

// TestPagesCertificateRevoke revokes and re-prints from a certificate's page: a revoke without
// a reason and a second revoke are refused with the reason on the page and nothing changed.
func TestPagesCertificateRevoke(t *testing.T) {
	h := newHarness(t)
	h.certPeople()
	_, es := h.certRun("KOM", courses.KindCourse, 12, []string{"marie@test.cz", "jan@test.cz"})
	marie, jan := h.issued(es["marie@test.cz"], h.clock()), h.issued(es["jan@test.cz"], h.clock())
	adm := h.browser("admin@test.cz")
	page := "/certificates/" + itoa(jan.ID)

	expectPage(t, adm.get(page), 200, []string{"Osvědčení č. S/2026/0002", "Jan Bandy", "17. 5. 1990", "Kurz KOM (kurz)",
		"2 hodiny", "10. 2. 2026, Most, Moskevská 1", "Praha, 2. 3. 2026", "2. 3. 2027", "platné", jan.Code,
		`href="/certificates/` + itoa(jan.ID) + `/pdf"`, "Duplikát zatím vystaven nebyl.", "Vystavit duplikát", "Zneplatnit osvědčení"},
		"pdf?duplicate=1")
	revoked := func() (on, reason *string) {
		if err := h.d.R.QueryRow(`SELECT revoked_on, revoke_reason FROM certificates WHERE id = ?`, jan.ID).Scan(&on, &reason); err != nil {
			t.Fatal(err)
		}
		return on, reason
	}

	expectPage(t, adm.get(page+"/revoke"), 200, []string{"Zneplatnit osvědčení S/2026/0002?", "Jan Bandy · Kurz KOM",
		"Ověření osvědčení bude ukazovat, že je zneplatněné", `name="confirm" value="yes"`})
	expectPage(t, adm.form("POST", page+"/revoke", url.Values{"reason": {"Chyba ve jméně"}}), 200,
		[]string{"Zneplatnit osvědčení S/2026/0002?", ">Chyba ve jméně</textarea>"})
	expectPage(t, adm.form("POST", page+"/revoke", url.Values{"reason": {"  "}, "confirm": {"yes"}}), http.StatusUnprocessableEntity,
		[]string{"Napište důvod zneplatnění", `aria-invalid="true"`})
	if on, _ := revoked(); on != nil {
		t.Fatalf("revoked without a reason on %s", *on)
	}
	resp := adm.form("POST", page+"/revoke", url.Values{"reason": {"Chyba ve jméně"}, "confirm": {"yes"}})
	expectPage(t, follow(t, adm, resp, page+"?done=revoked"), 200, []string{"Osvědčení je zneplatněno.", "zneplatněno 2. 3. 2026",
		"Chyba ve jméně"}, "Zneplatnit osvědčení", "Vystavit duplikát")
	h.advance(24 * time.Hour)
	adm = h.browser("admin@test.cz") // a day idle, the session has ended
	expectPage(t, adm.form("POST", page+"/revoke", url.Values{"reason": {"Jiný důvod"}}), http.StatusConflict,
		[]string{"Osvědčení bylo zneplatněno 2. 3. 2026."})
	expectPage(t, adm.form("POST", page+"/revoke", url.Values{"reason": {"Jiný důvod"}, "confirm": {"yes"}}), http.StatusConflict,
		[]string{"Osvědčení bylo zneplatněno 2. 3. 2026."})
	expectPage(t, adm.form("POST", page+"/duplicate", nil), http.StatusConflict, []string{"Osvědčení bylo zneplatněno 2. 3. 2026."})
	expectPage(t, adm.form("POST", page+"/duplicate", url.Values{"confirm": {"yes"}}), http.StatusConflict,
		[]string{"Osvědčení bylo zneplatněno 2. 3. 2026."})
	if on, reason := revoked(); on == nil || *on != "2026-03-02" || *reason != "Chyba ve jméně" {
		t.Errorf("a second revoke changed the record: %v %v", on, reason)
	}

	// A duplicate is a document issued for good: it asks first.
	expectPage(t, adm.form("POST", "/certificates/"+itoa(marie.ID)+"/duplicate", nil), 200,
		[]string{"Vystavit duplikát osvědčení č. ", `name="confirm" value="yes"`}, "Vystaven 1 duplikát.")
	resp = adm.form("POST", "/certificates/"+itoa(marie.ID)+"/duplicate", url.Values{"confirm": {"yes"}})
	expectPage(t, follow(t, adm, resp, "/certificates/"+itoa(marie.ID)+"?done=duplicate"), 200, []string{"Duplikát je vystaven",
		"Vystaven 1 duplikát.", `href="/certificates/` + itoa(marie.ID) + `/pdf?duplicate=1"`})
	expectPage(t, adm.get("/certificates/999999"), http.StatusNotFound, nil)
	expectPage(t, adm.form("POST", "/certificates/999999/revoke", url.Values{"reason": {"x"}}), http.StatusNotFound, nil)
}

// TestPagesCertificateRegister reads the register on its page, filtered by year, course and
// the holder's region, and the same lists as JSON, CSV and XLSX; a filter that names nothing
// is a 400.
func TestPagesCertificateRegister(t *testing.T) {
	h := newHarness(t)
	h.certPeople()
	_, a := h.certRun("KOM", courses.KindCourse, 12, []string{"marie@test.cz", "jan@test.cz"})
	_, b := h.certRun("ETI", courses.KindCourse, 0, []string{"lenka@test.cz", "karel@test.cz"})
	h.issued(a["marie@test.cz"], h.clock())
	jan := h.issued(a["jan@test.cz"], h.clock())
	h.issued(b["lenka@test.cz"], h.clock())
	h.issued(b["karel@test.cz"], prague("2027-01-05 10:00"))
	if _, err := certificateService(h.d).Revoke(context.Background(), h.admin(), jan.ID,
		"Chyba v údajích", h.clock()); err != nil {
		t.Fatal(err)
	}
	var courseB int64
	if err := h.d.R.Get(&courseB, `SELECT id FROM courses WHERE code = 'ETI'`); err != nil {
		t.Fatal(err)
	}
	adm, api := h.browser("admin@test.cz"), h.api("admin@test.cz")
	all := []string{"S/2026/0001", "S/2026/0002", "S/2026/0003", "S/2027/0001"}
	only := func(numbers ...string) (want, not []string) {
		for _, n := range all {
			if slices.Contains(numbers, n) {
				want = append(want, ">"+n+"<")
			} else {
				not = append(not, ">"+n+"<")
			}
		}
		return want, not
	}

	t.Run("page", func(t *testing.T) {
		want, not := only("S/2026/0001", "S/2026/0002", "S/2026/0003")
		expectPage(t, adm.get("/certificates"), 200, append(want, "3 osvědčení", "zneplatněno 2. 3. 2026", "platné",
			"Marie Giňová", "Kurz KOM", "10. 2. 2026", `href="/certificates.xlsx?year=2026"`, `<option value="2026" selected>`), not...)
		for query, numbers := range map[string][]string{
			"year=2027":                                    {"S/2027/0001"},
			"year=all&course=" + itoa(courseB):             {"S/2026/0003", "S/2027/0001"},
			"year=all&region=PHA":                          {"S/2026/0002", "S/2027/0001"},
			"year=ALL&region=ulk":                          {"S/2026/0001", "S/2026/0003"},
			"year=2026&region=PHA&course=" + itoa(courseB): nil,
		} {
			want, not := only(numbers...)
			expectPage(t, adm.get("/certificates?"+query), 200, want, not...)
		}
		for query, msg := range map[string]string{"year=abc": "Rok musí být číslo od 2000 do 2027", "year=1999": "Rok musí být",
			"course=999999": "Zvolený kurz neexistuje", "course=x": "Zvolený kurz neexistuje", "region=XX": "Zvolený kraj neexistuje"} {
			expectPage(t, adm.get("/certificates?"+query), http.StatusBadRequest, []string{msg})
		}
	})

	t.Run("json", func(t *testing.T) {
		resp := api.get("/api/v1/certificates?year=all")
		type holder struct {
			BirthDate string `json:"birth_date"`
		}
		got := decode[struct {
			Items []struct {
				Number, Status string
				Content        struct{ Holder holder }
			}
		}](t, resp)
		if resp.StatusCode != 200 || len(got.Items) != 4 || got.Items[1].Number != "S/2026/0002" || got.Items[1].Status != "revoked" ||
			got.Items[0].Content.Holder.BirthDate != "1990-05-17" {
			t.Errorf("register %d %+v", resp.StatusCode, got)
		}
		resp = api.get("/api/v1/certificates?year=abc")
		if e := decode[apiError](t, resp); resp.StatusCode != http.StatusBadRequest || e.Error.Code != "bad_request" {
			t.Errorf("a bad year: %d %+v", resp.StatusCode, e)
		}
	})

	t.Run("csv", func(t *testing.T) {
		resp := adm.get("/certificates.csv?year=all&region=PHA")
		body := readBody(t, resp)
		checkDownload(t, resp, "text/csv; charset=utf-8", "kniha-osvedceni-vse.csv")
		recs := readCSV(t, body)
		want := [][]string{
			{"Číslo", "Držitel", "Datum narození", "Kurz", "Druh", "Hodiny teorie", "Hodiny praxe", "Kurz od", "Kurz do", "Místo konání",
				"Datum zkoušky", "Vydáno", "Platné do", "Stav", "Zneplatněno", "Důvod zneplatnění"},
			{"S/2026/0002", "Jan Bandy", "17. 5. 1990", "Kurz KOM", "kurz", "2", "0", "10. 2. 2026", "10. 2. 2026", "Most, Moskevská 1",
				"", "2. 3. 2026", "2. 3. 2027", "zneplatněno", "2. 3. 2026", "Chyba v údajích"},
			{"S/2027/0001", "Karel Novák", "17. 5. 1990", "Kurz ETI", "kurz", "2", "0", "11. 2. 2026", "11. 2. 2026", "Most, Moskevská 1",
				"", "5. 1. 2027", "", "platné", "", ""},
		}
		if !slices.EqualFunc(recs, want, slices.Equal) {
			t.Errorf("records\n%q\nwant\n%q", recs, want)
		}
		req := httptest.NewRequest("GET", "/api/v1/certificates.csv?year=2027", nil)
		req.Header.Set("Accept-Language", "en")
		resp = api.do(req)
		recs = readCSV(t, readBody(t, resp))
		checkDownload(t, resp, "text/csv; charset=utf-8", "kniha-osvedceni-2027.csv")
		if len(recs) != 2 || strings.Join(recs[0][:3], "|") != "Number|Holder|Date of birth" || recs[1][11] != "5 Jan 2027" || recs[1][13] != "valid" {
			t.Errorf("english %q", recs)
		}
	})

	t.Run("xlsx", func(t *testing.T) {
		for path, rows := range map[string]int{"/certificates.xlsx?year=all": 5, "/api/v1/certificates.xlsx": 4} {
			c := adm
			if strings.HasPrefix(path, "/api/") {
				c = api
			}
			resp := c.get(path)
			body := readBody(t, resp)
			if resp.StatusCode != 200 {
				t.Fatalf("%s: %d", path, resp.StatusCode)
			}
			f, err := excelize.OpenReader(strings.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			const sheet = "Kniha osvědčení"
			got, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
			if err != nil || len(got) != rows || got[0][0] != "Číslo" || got[1][0] != "S/2026/0001" || got[1][1] != "Marie Giňová" || got[1][5] != "2" {
				t.Errorf("%s: rows %q %v", path, got, err)
			}
			if typ, _ := f.GetCellType(sheet, "C2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
				t.Errorf("%s: the birth date is not a date: %v", path, typ)
			}
			if v, _ := f.GetCellValue(sheet, "C2"); v != "17. 5. 1990" {
				t.Errorf("%s: birth date shows %q", path, v)
			}
			f.Close()
		}
	})
}
