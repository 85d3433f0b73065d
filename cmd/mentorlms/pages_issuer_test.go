package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"mentorlms/certificates"
	"mentorlms/courses"
	"mentorlms/web/pdf/pdftest"
)

// useApp rebuilds the harness's application with opt, as serve would with other flags.
func (h *harness) useApp(opt options) {
	h.t.Helper()
	app, err := newApp(context.Background(), h.d, h.clock, slog.New(slog.NewTextHandler(io.Discard, nil)), opt)
	if err != nil {
		h.t.Fatal(err)
	}
	h.app = app
}

// Without the issuer configured (and not in the demo), issuing is refused, by the page, the
// confirmation of a whole run and the API alike, with a message that names what to set; nothing
// is issued. In the demo the same certificate is issued, as a sample marked VZOR.
func TestPagesIssuerNotConfigured(t *testing.T) {
	h := newHarness(t)
	h.certPeople()
	run, es := h.certRun("KOM", courses.KindCourse, 0, []string{"marie@test.cz", "jan@test.cz"})
	h.useApp(options{}) // no issuer flags
	adm := h.browser("admin@test.cz")

	settings := "--issuer-name, --issuer-address, --issuer-ico, --issuer-signatory"
	expectPage(t, adm.form("POST", "/enrollments/"+itoa(es["marie@test.cz"])+"/certificate", nil), http.StatusConflict,
		[]string{"Osvědčení zatím nelze vydávat: není nastaven vydavatel", settings, "MENTORLMS_ISSUER_NAME"})
	expectPage(t, adm.form("POST", "/enrollments/"+itoa(es["marie@test.cz"])+"/certificate", url.Values{"confirm": {"yes"}}),
		http.StatusConflict, []string{"Osvědčení zatím nelze vydávat: není nastaven vydavatel"})
	expectPage(t, adm.get("/runs/"+itoa(run)+"/certificates"), http.StatusConflict,
		[]string{"Vydat osvědčení za celý běh?", "Osvědčení zatím nelze vydávat", settings}, "Vydat 2 osvědčení")
	expectPage(t, adm.form("POST", "/runs/"+itoa(run)+"/certificates", url.Values{"confirm": {"yes"}}), http.StatusConflict,
		[]string{"Osvědčení zatím nelze vydávat"})

	req := h.api("admin@test.cz")
	resp := req.json("POST", "/api/v1/enrollments/"+itoa(es["jan@test.cz"])+"/certificate", "")
	var body struct {
		Error struct{ Code, Message string }
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body.Error.Message, settings) {
		t.Errorf("API: %d %+v", resp.StatusCode, body)
	}
	if n := certCount(t, h); n != 0 {
		t.Fatalf("%d certificates issued without an issuer", n)
	}

	// The demo issues with the placeholder issuer, under a VZOR mark.
	h.useApp(options{Certificates: func(s *certificates.Service) { s.Demo = true }})
	adm = h.browser("admin@test.cz")
	resp = adm.form("POST", "/enrollments/"+itoa(es["marie@test.cz"])+"/certificate", url.Values{"confirm": {"yes"}})
	expectPage(t, follow(t, adm, resp, "/runs/"+itoa(run)+"/completion"), 200, []string{"je vydáno: Marie Giňová."})
	var pdf []byte
	if err := h.d.R.Get(&pdf, `SELECT pdf FROM certificates WHERE enrollment_id = ?`, es["marie@test.cz"]); err != nil {
		t.Fatal(err)
	}
	if text := pdftest.Words(pdftest.Text(t, pdf)); !strings.Contains(text, "VZOR – ukázka z demonstrační verze") ||
		!strings.Contains(text, certificates.DefaultIssuer.Name) {
		t.Errorf("the demo's certificate reads %q", text)
	}
}
