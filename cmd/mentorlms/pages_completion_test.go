package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"mentorlms/attendance"
	"mentorlms/courses"
	"mentorlms/enrollment"
	"mentorlms/web"
)

func expectPage(t *testing.T, resp *http.Response, status int, want []string, not ...string) string {
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

// TestPagesCompletion builds a finished run through the services: one person complete (late
// to theory, the exam passed), one who missed the practice (failed), one who withdrew; then
// reads the table on the page and in both exports, in both languages, as the staff who may.
func TestPagesCompletion(t *testing.T) {
	h := newHarness(t)
	for _, p := range []struct{ email, name, region string }{{"marie@test.cz", "Marie Giňová", "ULK"},
		{"jan@test.cz", "Jan Bandy", "ULK"}, {"ruzena@test.cz", "Růžena Horváthová", "ULK"}} {
		h.person(p.email, p.name, p.region, web.RoleTrainee)
	}
	lecP := h.person("lektor@test.cz", "Eva Svobodová", "ULK", web.RoleLecturer)
	h.person("koordinator@test.cz", "Petr Horváth", "ULK", web.RoleCoordinator)
	h.person("praha@test.cz", "Karel Novák", "PHA", web.RoleCoordinator)
	h.person("ucastnik@test.cz", "Lenka Kotlárová", "ULK", web.RoleTrainee)

	ctx, before := context.Background(), prague("2026-01-10 12:00")
	run, ss := h.course("ZAV", "lektor@test.cz", "2026-02-02", "2026-02-03", before,
		prague("2026-02-02 09:00"), prague("2026-02-03 09:00"))
	es := h.enrol(run, before, "marie@test.cz", "jan@test.cz", "ruzena@test.cz")
	svc, cs := attendanceOf(h.d), courses.NewService(h.d)
	if _, err := enrollment.NewService(h.d).Withdraw(ctx, h.admin(), es["ruzena@test.cz"], before.Add(24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	lecturer := lecP.Principal("")
	marie, jan := personID(t, h, "marie@test.cz"), personID(t, h, "jan@test.cz")
	after := prague("2026-02-03 12:00")
	late := 80
	for _, m := range []struct {
		session int64
		marks   []attendance.MarkInput
	}{
		{ss[0], []attendance.MarkInput{{PersonID: marie, Status: attendance.Late, Minutes: &late}, {PersonID: jan, Status: attendance.Present}}},
		{ss[1], []attendance.MarkInput{{PersonID: marie, Status: attendance.Present}, {PersonID: jan, Status: attendance.Absent}}},
	} {
		if _, err := svc.SaveAttendance(ctx, lecturer, m.session, m.marks, after); err != nil {
			t.Fatal(err)
		}
	}
	passed := true
	if _, err := svc.RecordExam(ctx, lecturer, es["marie@test.cz"], attendance.ExamInput{HeldOn: "2026-02-10", Passed: &passed,
		IdentityChecked: true, Parts: []attendance.ExamPart{{Part: "written", Passed: true}, {Part: "oral", Passed: true}},
		Commission: []attendance.Member{{Name: "Mgr. Jana Dvořáková", Chair: true}, {Name: "Eva Svobodová"}, {Name: "Petr Horváth"}}},
		prague("2026-02-10 15:00")); err != nil {
		t.Fatal(err)
	}
	for _, st := range []courses.Status{courses.StatusRunning, courses.StatusFinished} {
		if _, err := cs.SetStatus(ctx, nil, run, st, "", after); err != nil {
			t.Fatal(err)
		}
	}
	path := "/runs/" + itoa(run) + "/completion"
	lec, coord := h.browser("lektor@test.cz"), h.browser("koordinator@test.cz")

	t.Run("page", func(t *testing.T) {
		resp := lec.get(path)
		if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("Cache-Control %q", cc)
		}
		body := expectPage(t, resp, 200, []string{"Absolvování: Práce s klientem se závislostí", "3 účastníci",
			"splněno: 1 · probíhá: 0 · nesplněno: 1", "Marie Giňová", "1,7 / 1,6", "1 / 0,8", "93 %", "složena", "10. 2. 2026",
			"Jan Bandy", "2 / 1,6", "0 / 0,8", "60 %", "nekonala se", "Růžena Horváthová", "odhlášeno",
			`href="` + path + `.csv"`, `href="` + path + `.xlsx"`})
		// Rows by surname the Czech way: Bandy, Giňová, Horváthová.
		if a, b, c := strings.Index(body, "Jan Bandy"), strings.Index(body, "Marie Giňová"), strings.Index(body, "Růžena"); !(a < b && b < c) {
			t.Errorf("rows out of order: %d %d %d", a, b, c)
		}
		for _, state := range []string{"completion-complete", "completion-failed", "completion-withdrawn"} {
			if !strings.Contains(body, `class="badge `+state+`"`) {
				t.Errorf("no %s badge", state)
			}
		}
		expectPage(t, coord.get(path), 200, []string{"Marie Giňová", "Jan Bandy"})
		expectPage(t, h.browser("praha@test.cz").get(path), 200, []string{"koho byste mohli vidět"}, "Marie Giňová")
		expectPage(t, h.browser("ucastnik@test.cz").get(path), http.StatusForbidden, nil, "Marie Giňová")
		expectPage(t, lec.get("/runs/"+itoa(run)+"/roster"), 200, []string{`href="` + path + `"`})
	})

	t.Run("csv", func(t *testing.T) {
		for _, c := range []struct {
			who    *client
			path   string
			lang   string
			header string
		}{
			{lec, path + ".csv", "", "Jméno;Teorie – absolvováno (h);Teorie – požadováno (h)"},
			{h.api("koordinator@test.cz"), "/api/v1" + path + ".csv", "en", "Name;Theory attended (h);Theory required (h)"},
		} {
			req, _ := http.NewRequest("GET", c.path, nil)
			if c.lang != "" {
				req.Header.Set("Accept-Language", c.lang)
			}
			resp := c.who.do(req)
			body := readBody(t, resp)
			if resp.StatusCode != 200 {
				t.Fatalf("%s: %d %s", c.path, resp.StatusCode, body)
			}
			checkDownload(t, resp, "text/csv; charset=utf-8", "dokonceni-"+itoa(run)+".csv")
			if !strings.HasPrefix(body, "\uFEFF"+c.header) {
				t.Errorf("%s begins %q", c.path, body[:min(len(body), 80)])
			}
			r := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\uFEFF")))
			r.Comma = ';'
			recs, err := r.ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != 4 || strings.Join(recs[2], "|") != "Marie Giňová|1,7|1,6|1|0,8|93|"+
				map[string]string{"": "složena|10. 2. 2026|splněno", "en": "passed|10 Feb 2026|complete"}[c.lang] {
				t.Errorf("%s: records %q", c.path, recs)
			}
			if got := recs[1][len(recs[1])-1]; got != map[string]string{"": "nesplněno", "en": "failed"}[c.lang] {
				t.Errorf("%s: Jan Bandy's status %q", c.path, got)
			}
		}
	})

	t.Run("xlsx", func(t *testing.T) {
		for _, c := range []*struct {
			who  *client
			path string
		}{{lec, path + ".xlsx"}, {h.api("lektor@test.cz"), "/api/v1" + path + ".xlsx"}} {
			resp := c.who.get(c.path)
			body := readBody(t, resp)
			if resp.StatusCode != 200 {
				t.Fatalf("%s: %d %s", c.path, resp.StatusCode, body)
			}
			checkDownload(t, resp, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "dokonceni-"+itoa(run)+".xlsx")
			f, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
			if err != nil {
				t.Fatal(err)
			}
			rows, err := f.GetRows("Absolvování", excelize.Options{RawCellValue: true})
			f.Close()
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 4 || rows[0][0] != "Jméno" || strings.Join(rows[2][:6], "|") != "Marie Giňová|1.7|1.6|1|0.8|93" {
				t.Errorf("%s: rows %q", c.path, rows)
			}
		}
		resp := h.api("ucastnik@test.cz").get("/api/v1" + path + ".xlsx")
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("a trainee gets %d", resp.StatusCode)
		}
	})

	t.Run("english page", func(t *testing.T) {
		en := h.browser("koordinator@test.cz")
		en.form("POST", "/lang", url.Values{"lang": {"en"}, "next": {path}}).Body.Close()
		expectPage(t, en.get(path), 200, []string{"Completion: ", "3 participants", "1.7 / 1.6", "passed", "10 Feb 2026",
			"complete", "failed", "withdrawn"}, "1,7")
	})
}

var shownCode = regexp.MustCompile(`<code id="checkin-code">([A-Z2-7]+)</code>`)

// TestPagesCheckin walks self check-in: the lecturer's screen shows a QR code and the code; an
// enrolled trainee opens the scanned address, which marks nothing, confirms with the button and
// is marked present, and appears on the screen; someone not enrolled is told so; an expired
// code is refused; after the session the screen shows no code.
func TestPagesCheckin(t *testing.T) {
	h := newHarness(t)
	h.person("lektor@test.cz", "Eva Svobodová", "ULK", web.RoleLecturer)
	h.person("marie@test.cz", "Marie Giňová", "ULK", web.RoleTrainee)
	h.person("eva@test.cz", "Eva Horváthová", "ULK", web.RoleTrainee)
	h.person("jan@test.cz", "Jan Bandy", "ULK", web.RoleTrainee)
	run, session := h.checkinRun("lektor@test.cz", "marie@test.cz", "eva@test.cz")
	screen := "/runs/" + itoa(run) + "/sessions/" + itoa(session) + "/checkin"
	lec := h.browser("lektor@test.cz")

	body := expectPage(t, lec.get(screen), 200, []string{"<svg", `class="qr"`, "0 příchodů · zapsáno: 2",
		"Zatím nikdo nepotvrdil přítomnost", `<meta http-equiv="refresh" content="15">`, `src="/static/js/checkin.js"`})
	m := shownCode.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("the screen shows no code")
	}
	code := m[1]
	scan := "/checkin/" + itoa(session) + "/" + code

	// A visitor signs in first and comes back with a ticket that outlives the code: the sign-in
	// takes five minutes, long after the code on the screen has changed.
	visitor := h.visitor()
	resp := visitor.get(scan)
	resp.Body.Close()
	login := resp.Header.Get("Location")
	prefix := "/login?next=" + url.QueryEscape("/checkin/"+itoa(session)+"/")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(login, prefix) {
		t.Fatalf("visitor: %d to %q", resp.StatusCode, login)
	}
	ticket, _ := url.QueryUnescape(strings.TrimPrefix(login, "/login?next="))
	h.advance(5 * time.Minute)
	resp = visitor.form("POST", "/login", url.Values{"email": {"marie@test.cz"}, "password": {testPassword}, "next": {ticket}})
	resp.Body.Close()
	if resp.Header.Get("Location") != ticket {
		t.Fatalf("after sign-in: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	scan = ticket

	marie := visitor
	expectPage(t, marie.get(scan), 200, []string{"Práce s klientem se závislostí", "2. 3. 2026", "9:30–11:00",
		"Potvrdit přítomnost", `action="` + scan + `"`})
	var n int
	if err := h.d.R.Get(&n, `SELECT COUNT(*) FROM attendance WHERE session_id = ?`, session); err != nil || n != 0 {
		t.Fatalf("a GET marked %d, %v", n, err)
	}
	resp = marie.form("POST", scan, nil)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != scan {
		t.Fatalf("confirm: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	expectPage(t, marie.get(scan), 200, []string{"Přítomnost je potvrzená.", "Zapsáno: 10:05."}, "Potvrdit přítomnost")
	// 10:05 is 35 minutes into the 9:30 session: a late arrival with the 55 minutes left.
	var status, source string
	var minutes int
	if err := h.d.R.QueryRow(`SELECT status, source, minutes FROM attendance WHERE session_id = ?`, session).Scan(&status, &source, &minutes); err != nil ||
		status != "late" || source != "checkin" || minutes != 55 {
		t.Fatalf("mark %q from %q for %d minutes, %v", status, source, minutes, err)
	}

	h.advance(5 * time.Second)
	expectPage(t, lec.get(screen), 200, []string{"Marie Giňová", "1 příchod · zapsáno: 2", `class="empty" hidden`})
	st := decode[struct {
		Phase    string `json:"phase"`
		Code     string `json:"code"`
		SVG      string `json:"svg"`
		Arrivals []struct{ Name, At string }
		Count    string `json:"count_text"`
	}](t, lec.get(screen+".json"))
	if st.Phase != "open" || st.Code == "" || !strings.HasPrefix(st.SVG, "<svg") || len(st.Arrivals) != 1 ||
		st.Arrivals[0].Name != "Marie Giňová" || st.Arrivals[0].At != "10:05" || st.Count != "1 příchod · zapsáno: 2" {
		t.Errorf("state %+v", st)
	}

	// Brought back by someone signed out, a ticket is passed on as it is, never renewed: it
	// ends ten minutes after the scan, so a shared photo of one cannot keep check-in open.
	resp = h.visitor().get(ticket)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login?next="+url.QueryEscape(ticket) {
		t.Errorf("a ticket brought back: %d to %q, want the same ticket", resp.StatusCode, resp.Header.Get("Location"))
	}
	h.advance(5 * time.Minute) // 10 minutes and 5 seconds after the scan
	expectPage(t, h.visitor().get(ticket), http.StatusUnprocessableEntity, []string{"Kód už neplatí"})
	expectPage(t, h.browser("marie@test.cz").get(ticket), http.StatusOK, []string{"Přítomnost je potvrzená."})

	scan = "/checkin/" + itoa(session) + "/" + code // the code itself, no ticket
	jan := h.browser("jan@test.cz")
	expectPage(t, jan.get(scan), http.StatusConflict, []string{"Nejste zapsáni v běhu"}, "Potvrdit přítomnost")
	expectPage(t, jan.form("POST", scan, nil), http.StatusConflict, []string{"Nejste zapsáni v běhu"})

	// Two periods on, the code that was shown no longer works; the one shown now does.
	h.advance(2 * attendance.CheckinPeriod)
	eva := h.browser("eva@test.cz")
	expectPage(t, eva.get(scan), http.StatusUnprocessableEntity, []string{"Kód už neplatí", "Naskenujte znovu"}, "Potvrdit přítomnost")
	expectPage(t, eva.form("POST", scan, nil), http.StatusUnprocessableEntity, []string{"Kód už neplatí"})
	fresh := shownCode.FindStringSubmatch(readBody(t, lec.get(screen)))
	if fresh == nil || fresh[1] == code {
		t.Fatalf("the screen still shows %q", code)
	}
	expectPage(t, eva.get("/checkin/"+itoa(session)+"/"+fresh[1]), 200, []string{"Potvrdit přítomnost"})

	// A session of another run is not found under this one.
	other, _ := h.checkinRunOther("lektor@test.cz")
	expectPage(t, lec.get("/runs/"+itoa(other)+"/sessions/"+itoa(session)+"/checkin"), http.StatusNotFound, nil)

	// After the end, the screen shows no code and stops refreshing. (So long
	// idle, the browsers sign in again.)
	h.advance(90 * time.Minute)
	lec, eva = h.browser("lektor@test.cz"), h.browser("eva@test.cz")
	expectPage(t, lec.get(screen), 200, []string{"po konci lekce (11:00)", "Marie Giňová"}, "<svg", "http-equiv", "/static/js/checkin.js")
	expectPage(t, eva.get("/checkin/"+itoa(session)+"/"+fresh[1]), http.StatusConflict, []string{"jen během lekce"})
}
