package main

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"

	"mentorlms/attendance"
	"mentorlms/certificates"
	"mentorlms/courses"
	"mentorlms/web"
	"mentorlms/web/pdf/pdftest"
)

// holderWorld is a finished run with two complete trainees of one surname, both certified
// through the service (real PDFs), a duplicate of the first, and an empty run beside it.
type holderWorld struct {
	run, empty  int64
	marie, jana certificates.Certificate
	certs       *certificates.Service
	admin       *web.Principal
}

const revokeReason = "Chybně uvedené datum narození"

func newHolderWorld(t *testing.T, h *harness) holderWorld {
	t.Helper()
	for _, p := range []struct{ email, name string }{{"marie@test.cz", "Marie Giňová"}, {"jana@test.cz", "Jana Giňová"},
		{"ucastnik@test.cz", "Lenka Kotlárová"}} {
		h.person(p.email, p.name, "ULK", web.RoleTrainee)
	}
	lecP := h.person("lektor@test.cz", "Eva Svobodová", "ULK", web.RoleLecturer)
	h.person("koordinator@test.cz", "Petr Horváth", "ULK", web.RoleCoordinator)
	h.person("admin@test.cz", "Jana Dvořáková", "PHA", web.RoleAdmin)

	ctx, before := context.Background(), prague("2026-01-10 12:00")
	run, ss := h.course("OSV", "lektor@test.cz", "2026-02-02", "2026-02-03", before,
		prague("2026-02-02 09:00"), prague("2026-02-03 09:00"))
	empty, _ := h.course("OSV2", "lektor@test.cz", "2026-02-09", "2026-02-09", before,
		prague("2026-02-09 09:00"), prague("2026-02-09 11:00"))
	es := h.enrol(run, before, "marie@test.cz", "jana@test.cz")
	svc, lecturer := attendanceOf(h.d), lecP.Principal("")
	marks := []attendance.MarkInput{{PersonID: personID(t, h, "marie@test.cz"), Status: attendance.Present},
		{PersonID: personID(t, h, "jana@test.cz"), Status: attendance.Present}}
	for _, s := range ss {
		if _, err := svc.SaveAttendance(ctx, lecturer, s, marks, prague("2026-02-03 12:00")); err != nil {
			t.Fatal(err)
		}
	}
	passed := true
	for _, email := range []string{"marie@test.cz", "jana@test.cz"} {
		if _, err := svc.RecordExam(ctx, lecturer, es[email], attendance.ExamInput{HeldOn: "2026-02-10", Passed: &passed,
			IdentityChecked: true, Parts: []attendance.ExamPart{{Part: "written", Passed: true}},
			Commission: []attendance.Member{{Name: "Mgr. Jana Dvořáková", Chair: true}, {Name: "Eva Svobodová"}, {Name: "Petr Horváth"}}},
			prague("2026-02-10 15:00")); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := courses.NewService(h.d).SetStatus(ctx, nil, run, courses.StatusRunning, "", prague("2026-02-03 12:00")); err != nil {
		t.Fatal(err)
	}
	w := holderWorld{run: run, empty: empty, certs: certificateService(h.d), admin: h.admin()}
	issue := func(email string) certificates.Certificate {
		c, err := w.certs.Issue(ctx, w.admin, es[email], prague("2026-02-12 10:00"))
		if err != nil {
			t.Fatalf("issue for %s: %v", email, err)
		}
		return c
	}
	w.marie, w.jana = issue("marie@test.cz"), issue("jana@test.cz")
	if _, err := w.certs.Duplicate(ctx, w.admin, w.marie.ID, prague("2026-02-20 10:00")); err != nil {
		t.Fatal(err)
	}
	return w
}

// download checks the headers of a PDF download and returns its text.
func download(t *testing.T, resp *http.Response, filename string) string {
	t.Helper()
	body := readBody(t, resp)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	for k, want := range map[string]string{"Content-Type": "application/pdf", "Cache-Control": "no-store",
		"Content-Disposition": `attachment; filename="` + filename + `"`} {
		if got := resp.Header.Get(k); got != want {
			t.Errorf("%s: %q, want %q", k, got, want)
		}
	}
	return pdftest.Words(pdftest.Text(t, []byte(body)))
}

func TestPagesCertificatesHolder(t *testing.T) {
	h := newHarness(t)
	w := newHolderWorld(t, h)
	marie, jana := w.marie, w.jana
	if marie.Number != "S/2026/0001" || jana.Number != "S/2026/0002" {
		t.Fatalf("numbers %s, %s", marie.Number, jana.Number)
	}
	mariePDF, janaPDF := "/certificates/"+itoa(marie.ID)+"/pdf", "/certificates/"+itoa(jana.ID)+"/pdf"
	holder := h.browser("marie@test.cz")

	t.Run("my certificates", func(t *testing.T) {
		resp := holder.get("/my/certificates")
		if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("Cache-Control %q", cc)
		}
		expectPage(t, resp, 200, []string{"Moje osvědčení", "1 osvědčení", "S/2026/0001", "Práce s klientem se závislostí",
			"kurz · 3 hodiny", "12. 2. 2026", "platné", `href="` + mariePDF + `"`, `href="` + mariePDF + `?duplicate=1"`,
			"Stáhnout duplikát", `href="/verify/` + marie.Code + `"`}, "S/2026/0002", janaPDF)
		holder.cookies[web.LangCookie] = "en"
		expectPage(t, holder.get("/my/certificates"), 200, []string{"My certificates", "1 certificate", "course · 3 hours",
			"12 Feb 2026", "valid", "Download PDF", "Download the duplicate"})
		delete(holder.cookies, web.LangCookie)
		expectPage(t, h.browser("ucastnik@test.cz").get("/my/certificates"), 200, []string{"Zatím nemáte žádné osvědčení",
			`href="/my/courses"`}, "S/2026/000")
		expectPage(t, holder.get("/"), 200, []string{`href="/my/certificates"`, "Moje osvědčení"})
	})

	t.Run("the holder downloads their own", func(t *testing.T) {
		text := download(t, holder.get(mariePDF), "osvedceni-S-2026-0001-ginova.pdf")
		for _, want := range []string{"OSVĚDČENÍ", "č. S/2026/0001", "Marie Giňová", "datum narození: 17. 5. 1990",
			"„Práce s klientem se závislostí“", "kurz", "Rozsah 3 hodiny (teorie 2 hodiny, praxe 1 hodina)",
			"Termín konání 2. 2. 2026 – 3. 2. 2026", "Místo konání Most", "Závěrečná zkouška složena dne 10. 2. 2026",
			"Praha, 12. 2. 2026", "Mgr. Jana Dvořáková", "za zkušební komisi", "ověřovací kód: " + marie.Code,
			"/verify/" + marie.Code} {
			if !strings.Contains(text, want) {
				t.Errorf("the PDF lacks %q", want)
			}
		}
		if strings.Contains(text, "DUPLIKÁT") || strings.Contains(text, "o rekvalifikaci") {
			t.Errorf("the original says: %s", text)
		}
		dup := download(t, holder.get(mariePDF+"?duplicate=1"), "osvedceni-S-2026-0001-ginova-duplikat.pdf")
		for _, want := range []string{"DUPLIKÁT", "vystaveno 20. 2. 2026", "č. S/2026/0001", "Praha, 12. 2. 2026"} {
			if !strings.Contains(dup, want) {
				t.Errorf("the duplicate lacks %q", want)
			}
		}
		api := download(t, h.api("marie@test.cz").get("/api/v1"+mariePDF), "osvedceni-S-2026-0001-ginova.pdf")
		if api != text {
			t.Error("the API sends another PDF than the page")
		}
		expectPage(t, h.browser("jana@test.cz").get(janaPDF+"?duplicate=1"), http.StatusNotFound,
			[]string{"K tomuto osvědčení zatím nebyl vystaven duplikát."})
	})

	// Jana's certificate against everyone else: only the admin gets it; the run's lecturer,
	// the region's coordinator, another trainee and the holder of another certificate are
	// told it does not exist.
	t.Run("someone else's certificate", func(t *testing.T) {
		for _, c := range []struct {
			who         string
			pageC, apiC *client
			want        [3]int // the page, the API, the page's ?duplicate=1
		}{
			{"visitor", h.visitor(), h.visitor(), [3]int{http.StatusSeeOther, http.StatusUnauthorized, http.StatusSeeOther}},
			{"trainee", h.browser("ucastnik@test.cz"), h.api("ucastnik@test.cz"), [3]int{404, 404, 404}},
			{"holder of another", holder, h.api("marie@test.cz"), [3]int{404, 404, 404}},
			{"lecturer of the run", h.browser("lektor@test.cz"), h.api("lektor@test.cz"), [3]int{404, 404, 404}},
			{"coordinator of the region", h.browser("koordinator@test.cz"), h.api("koordinator@test.cz"), [3]int{404, 404, 404}},
			// No duplicate was made: the admin is told so.
			{"admin", h.browser("admin@test.cz"), h.api("admin@test.cz"), [3]int{200, 200, 404}},
		} {
			t.Run(c.who, func(t *testing.T) {
				paths := [3]string{janaPDF, "/api/v1" + janaPDF, janaPDF + "?duplicate=1"}
				for i, client := range [3]*client{c.pageC, c.apiC, c.pageC} {
					resp := client.get(paths[i])
					body := readBody(t, resp)
					if resp.StatusCode != c.want[i] {
						t.Errorf("%s: status %d, want %d", paths[i], resp.StatusCode, c.want[i])
					}
					if c.want[i] != 200 && (strings.Contains(body, "Jana Giňová") || strings.HasPrefix(body, "%PDF")) {
						t.Errorf("%s: the answer gives the certificate away", paths[i])
					}
					if got := resp.Header.Get("Content-Disposition"); c.want[i] == 200 &&
						got != `attachment; filename="osvedceni-S-2026-0002-ginova.pdf"` {
						t.Errorf("%s: Content-Disposition %q", paths[i], got)
					}
				}
			})
		}
	})

	t.Run("API list", func(t *testing.T) {
		type item struct {
			ID         int64  `json:"id"`
			Number     string `json:"number"`
			Course     string `json:"course"`
			Hours      int    `json:"hours"`
			IssuedOn   string `json:"issued_on"`
			Status     string `json:"status"`
			Duplicates int    `json:"duplicates"`
			PDF        string `json:"pdf_url"`
		}
		list := decode[struct{ Items []item }](t, h.api("marie@test.cz").get("/api/v1/me/certificates"))
		want := item{ID: marie.ID, Number: "S/2026/0001", Course: "Práce s klientem se závislostí", Hours: 3,
			IssuedOn: "2026-02-12", Status: "valid", Duplicates: 1, PDF: "/api/v1" + mariePDF}
		if len(list.Items) != 1 || list.Items[0] != want {
			t.Errorf("items %+v, want [%+v]", list.Items, want)
		}
		if empty := readBody(t, h.api("lektor@test.cz").get("/api/v1/me/certificates")); empty != `{"items":[]}` {
			t.Errorf("a person without certificates gets %s", empty)
		}
	})

	t.Run("ZIP of the run", func(t *testing.T) {
		path := "/runs/" + itoa(w.run) + "/certificates.zip"
		for p, c := range map[string]*client{path: h.browser("admin@test.cz"), "/api/v1" + path: h.api("admin@test.cz")} {
			resp := c.get(p)
			body := readBody(t, resp)
			if resp.StatusCode != 200 {
				t.Fatalf("%s: status %d: %s", p, resp.StatusCode, body)
			}
			for k, want := range map[string]string{"Content-Type": "application/zip", "Cache-Control": "no-store",
				"Content-Disposition": `attachment; filename="osvedceni-beh-` + itoa(w.run) + `.zip"`} {
				if got := resp.Header.Get(k); got != want {
					t.Errorf("%s: %s %q, want %q", p, k, got, want)
				}
			}
			files := unzip(t, body)
			// Two holders of one surname: the numbers keep their files apart.
			names := slices.Sorted(maps.Keys(files))
			if want := []string{"osvedceni-S-2026-0001-ginova.pdf", "osvedceni-S-2026-0002-ginova.pdf"}; !slices.Equal(names, want) {
				t.Fatalf("%s holds %v, want %v", p, names, want)
			}
			for name, want := range map[string][2]string{"osvedceni-S-2026-0001-ginova.pdf": {"S/2026/0001", "Marie Giňová"},
				"osvedceni-S-2026-0002-ginova.pdf": {"S/2026/0002", "Jana Giňová"}} {
				text := pdftest.Words(pdftest.Text(t, files[name]))
				if !strings.Contains(text, "č. "+want[0]) || !strings.Contains(text, want[1]) || strings.Contains(text, "DUPLIKÁT") {
					t.Errorf("%s reads %q", name, text)
				}
			}
		}
		for _, who := range []string{"lektor@test.cz", "koordinator@test.cz", "marie@test.cz"} {
			if resp := h.browser(who).get(path); resp.StatusCode != http.StatusForbidden {
				t.Errorf("%s: status %d, want 403", who, resp.StatusCode)
			}
		}
		admin := h.browser("admin@test.cz")
		expectPage(t, admin.get("/runs/"+itoa(w.empty)+"/certificates.zip"), http.StatusNotFound,
			[]string{"V tomto běhu zatím nebylo vydáno žádné osvědčení"})
		resp := h.api("admin@test.cz").get("/api/v1/runs/" + itoa(w.empty) + "/certificates.zip")
		if e := decode[apiError](t, resp); resp.StatusCode != 404 || e.Error.Code != "not_found" || !strings.Contains(e.Error.Message, "nebylo vydáno") {
			t.Errorf("empty run over the API: %d %+v", resp.StatusCode, e)
		}
		expectPage(t, admin.get("/runs/999999/certificates.zip"), http.StatusNotFound, nil)
	})

	// What the holder's list says once a certificate has expired, and once it is revoked.
	t.Run("expired and revoked", func(t *testing.T) {
		jb := h.browser("jana@test.cz")
		if _, err := h.d.W.Exec(`UPDATE certificates SET valid_until = '2026-02-28' WHERE id = ?`, jana.ID); err != nil {
			t.Fatal(err)
		}
		expectPage(t, jb.get("/my/certificates"), 200, []string{"S/2026/0002", "platnost skončila 28. 2. 2026"}, "platné<")
		if _, err := w.certs.Revoke(context.Background(), w.admin, jana.ID, revokeReason, h.clock()); err != nil {
			t.Fatal(err)
		}
		expectPage(t, jb.get("/my/certificates"), 200, []string{"zneplatněno 2. 3. 2026", "Důvod: " + revokeReason}, "platnost skončila")
		jb.cookies[web.LangCookie] = "en"
		expectPage(t, jb.get("/my/certificates"), 200, []string{"revoked 2 Mar 2026", "Reason: " + revokeReason})
		// The register keeps a revoked certificate, and so does the ZIP, under a name that says so.
		files := unzip(t, readBody(t, h.api("admin@test.cz").get("/api/v1/runs/"+itoa(w.run)+"/certificates.zip")))
		if _, ok := files["osvedceni-S-2026-0002-ginova-zneplatneno.pdf"]; !ok || len(files) != 2 {
			t.Errorf("after revoking, the ZIP holds %v", slices.Collect(maps.Keys(files)))
		}
	})
}

// unzip opens an archive and reads every file in it.
func unzip(t *testing.T, body string) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader([]byte(body)), int64(len(body)))
	if err != nil {
		t.Fatalf("not a ZIP: %v", err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name] = b
	}
	return files
}
