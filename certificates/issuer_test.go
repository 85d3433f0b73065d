package certificates_test

import (
	"bytes"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"mentorlms/certificates"
	"mentorlms/courses"
	"mentorlms/web"
	"mentorlms/web/pdf/pdftest"
)

// configuredIssuer is an issuer as an installation configures it.
var configuredIssuer = certificates.Issuer{Name: "Romský mentoring, z. s.", Address: "Štefánikova 65/12, 150 00 Praha 5",
	ICO: "12345679", Place: "Praha", Signatory: "Mgr. Anna Kováčová, předsedkyně spolku"}

func TestIssuerMissing(t *testing.T) {
	all := []string{"--issuer-name", "--issuer-address", "--issuer-ico", "--issuer-signatory"}
	partly := certificates.DefaultIssuer
	partly.Name, partly.ICO = "Romodrom, o. p. s.", "26614286"
	blank := configuredIssuer
	blank.Address, blank.Signatory = "", "  "
	for _, tt := range []struct {
		name   string
		issuer certificates.Issuer
		demo   bool
		want   []string
	}{
		{"the placeholders", certificates.DefaultIssuer, false, all},
		{"nothing at all", certificates.Issuer{}, false, all},
		{"configured", configuredIssuer, false, nil},
		{"partly configured", partly, false, []string{"--issuer-address", "--issuer-signatory"}},
		{"blank settings", blank, false, []string{"--issuer-address", "--issuer-signatory"}},
		{"the demo", certificates.DefaultIssuer, true, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := certificates.Service{Issuer: tt.issuer, Demo: tt.demo}
			if got := s.IssuerMissing(); !slices.Equal(got, tt.want) {
				t.Errorf("IssuerMissing() = %q, want %q", got, tt.want)
			}
		})
	}
	// The placeholder issuer reads as one: no realistic organisation, and a valid (if obviously
	// made-up) company number, so that the flag's default passes the check of the flag.
	if !strings.Contains(certificates.DefaultIssuer.Name, "Vzor") || !certificates.ValidICO(certificates.DefaultIssuer.ICO) {
		t.Errorf("DefaultIssuer = %+v", certificates.DefaultIssuer)
	}
}

// Outside the demo nothing is issued in the name of the placeholder issuer: one or a whole run,
// the refusal is a conflict naming what to configure, and no number is used up.
func TestIssueRefusedWithoutIssuer(t *testing.T) {
	w := newWorld(t, 3, courses.KindCourse)
	w.s.Issuer = certificates.DefaultIssuer
	check := func(what string, err error) {
		t.Helper()
		we, ok := web.AsError(err)
		if !ok || we.Code != web.CodeConflict || we.Msg.Key != "certificate.issuer_missing" {
			t.Fatalf("%s: %v, want the issuer missing", what, err)
		}
		if s, _ := we.Msg.Args["Settings"].(string); !strings.Contains(s, "--issuer-name") || !strings.Contains(s, "--issuer-ico") {
			t.Errorf("%s: the refusal names %q", what, s)
		}
		if s, _ := we.Msg.Args["Env"].(string); !strings.Contains(s, "MENTORLMS_ISSUER_NAME") {
			t.Errorf("%s: the refusal names the environment %q", what, s)
		}
	}
	_, err := w.s.Issue(w.ctx, w.admin, w.enrollments[0], now)
	check("one", err)
	issued, skipped, err := w.s.IssueRun(w.ctx, w.admin, w.run, now)
	check("a run", err)
	if len(issued)+len(skipped) != 0 {
		t.Errorf("a refused run issued %d and skipped %d", len(issued), len(skipped))
	}
	var n int
	if err := w.d.R.Get(&n, `SELECT COUNT(*) FROM certificates`); err != nil || n != 0 {
		t.Fatalf("%d certificates stored (%v)", n, err)
	}
	// Once configured, numbering starts at 1: the refusals took no number.
	w.s.Issuer = configuredIssuer
	c, err := w.s.Issue(w.ctx, w.admin, w.enrollments[0], now)
	if err != nil || c.Number != "S/2026/0001" || c.Content.Sample {
		t.Fatalf("configured: %+v, %v", c, err)
	}
	b, _, err := w.s.PDF(w.ctx, w.admin, c.ID, false, now)
	if err != nil {
		t.Fatal(err)
	}
	if text := pdftest.Text(t, b); strings.Contains(text, "VZOR") || !strings.Contains(pdftest.Words(text), "Romský mentoring, z. s.") {
		t.Error("a real certificate is marked as a sample, or lacks its issuer")
	}
}

// The demo's certificates are issued with the placeholder issuer, and say in big letters that
// they are samples; a duplicate says so too.
func TestDemoCertificatesAreSamples(t *testing.T) {
	w := newWorld(t, 1, courses.KindCourse)
	w.s.Issuer, w.s.Demo = certificates.DefaultIssuer, true
	c, err := w.s.Issue(w.ctx, w.admin, w.enrollments[0], now)
	if err != nil {
		t.Fatal(err)
	}
	if !c.Content.Sample {
		t.Error("the content does not keep that it is a sample")
	}
	// Its verification says so too: a sample attests nobody's qualification.
	if v, err := w.s.Verify(w.ctx, c.Code, now); err != nil || !v.Sample {
		t.Errorf("verification of a sample: %+v, %v", v, err)
	}
	if _, err := w.s.Duplicate(w.ctx, w.admin, c.ID, now); err != nil {
		t.Fatal(err)
	}
	for _, dup := range []bool{false, true} {
		b, _, err := w.s.PDF(w.ctx, w.admin, c.ID, dup, now)
		if err != nil {
			t.Fatal(err)
		}
		text := pdftest.Words(pdftest.Text(t, b))
		if !strings.Contains(text, "VZOR – ukázka z demonstrační verze, nemá platnost") {
			t.Errorf("duplicate %v: no sample note in %q", dup, text)
		}
		// The big diagonal mark, drawn first under everything else: its letters lead the text
		// in the order it was drawn.
		cmd := exec.CommandContext(t.Context(), pdftest.Tool, "-enc", "UTF-8", "-raw", "-", "-")
		cmd.Stdin = bytes.NewReader(b)
		raw, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		if first := strings.Join(strings.Fields(string(raw)), ""); !strings.HasPrefix(first, "VZORVzorová") {
			t.Errorf("duplicate %v: the page does not begin with the big mark: %.40q", dup, first)
		}
		if !strings.Contains(text, "Vzorová organizace, z. s.") {
			t.Errorf("duplicate %v: the sample issuer is not printed", dup)
		}
	}
}
