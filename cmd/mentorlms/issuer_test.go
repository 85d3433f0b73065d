package main

import (
	"strings"
	"testing"

	"mentorlms/certificates"
	"mentorlms/db"
	"mentorlms/static/catalogtest"
)

// testIssuer is the organisation the tests' certificates are issued by: configured, as every
// installation outside the demo must be before it issues any.
var testIssuer = certificates.Issuer{Name: "Romský mentoring, z. s.", Address: "Štefánikova 65/12, 150 00 Praha 5",
	ICO: "12345679", Place: "Praha", Signatory: "Mgr. Anna Kováčová, předsedkyně spolku"}

// withTestIssuer configures a certificate service with testIssuer, as the issuer flags do.
func withTestIssuer(s *certificates.Service) { s.Issuer = testIssuer }

// certificateService is the certificate service over d, its issuer configured.
func certificateService(d *db.DB) *certificates.Service {
	s := certificates.NewService(d, attendanceOf(d))
	withTestIssuer(s)
	return s
}

// serve warns at start that certificates will be refused while the issuer is not set, and in
// the demo that its certificates are samples; a configured issuer gets no warning.
func TestIssuerWarnings(t *testing.T) {
	str := func(s string) *string { return &s }
	d := certificates.DefaultIssuer
	placeholder := issuerFlags{name: str(d.Name), address: str(d.Address), ico: str(d.ICO), place: str(d.Place),
		signatory: str(d.Signatory), format: str(certificates.DefaultFormat)}
	configured := issuerFlags{name: str(testIssuer.Name), address: str(testIssuer.Address), ico: str(testIssuer.ICO),
		place: str(testIssuer.Place), signatory: str(testIssuer.Signatory), format: str(certificates.DefaultFormat)}
	for _, tt := range []struct {
		name  string
		flags issuerFlags
		demo  bool
		want  string
	}{
		{"placeholders", placeholder, false, "Warning: no certificate can be issued until the issuer is set: --issuer-name, --issuer-address, --issuer-ico, --issuer-signatory."},
		{"demo", placeholder, true, "Note: the demo's certificates carry a sample issuer and a VZOR mark."},
		{"configured", configured, false, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var lines []string
			for _, m := range tt.flags.warnings("https://mentoring.example.cz", tt.demo) {
				lines = append(lines, catalogtest.Localizer(t, "en").Msg(m))
			}
			got := strings.Join(lines, "\n")
			if got != tt.want {
				t.Errorf("warnings = %q, want %q", got, tt.want)
			}
		})
	}
}
