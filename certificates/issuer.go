package certificates

import (
	"strings"

	"mentorlms/web"
)

// DefaultIssuer stands in until the organisation's own details are configured. It reads as a
// sample on purpose (no real organisation, street or company number), because whatever stands
// here is printed, for good, on every certificate: outside the demo it is never issued with
// (see IssuerMissing), and the demo's certificates carry it under a VZOR mark.
var DefaultIssuer = Issuer{Name: "Vzorová organizace, z. s.", Address: "Vzorová 1, 000 00 Vzorov",
	ICO: "00000001", Place: "Praha", Signatory: "Jan Vzorový, statutární zástupce"}

// IssuerMissing lists the settings of the issuer that must still be configured before
// certificates can be issued, as the command line names them ("--issuer-name"; the environment
// fallback is MENTORLMS_ISSUER_NAME), in a fixed order. A setting is missing while it is empty
// or still the placeholder of DefaultIssuer. It is nil when certificates can be issued: the
// issuer is configured, or this is the demo (Demo), whose certificates are samples. A dashboard
// shows it to admins; issuing refuses with the same list.
func (s *Service) IssuerMissing() []string {
	if s.Demo {
		return nil
	}
	var out []string
	for _, f := range []struct {
		flag, value, placeholder string
	}{
		{"--issuer-name", s.Issuer.Name, DefaultIssuer.Name},
		{"--issuer-address", s.Issuer.Address, DefaultIssuer.Address},
		{"--issuer-ico", s.Issuer.ICO, DefaultIssuer.ICO},
		{"--issuer-signatory", s.Issuer.Signatory, DefaultIssuer.Signatory},
	} {
		if v := strings.TrimSpace(f.value); v == "" || v == f.placeholder {
			out = append(out, f.flag)
		}
	}
	return out
}

// Issuable is nil when certificates may be issued, else the refusal issuing would meet: what
// the admin's dashboard says while the issuer is not configured.
func (s *Service) Issuable() error { return s.issuable() }

// issuable refuses issuing (409) while the issuer is not configured, naming what to set: a
// certificate is a legal document, and one issued in the name of a placeholder organisation
// could be neither corrected (the content is fixed at issue) nor honestly verified.
func (s *Service) issuable() error {
	missing := s.IssuerMissing()
	if len(missing) == 0 {
		return nil
	}
	env := make([]string, len(missing))
	for i, m := range missing {
		env[i] = "MENTORLMS_" + strings.ToUpper(strings.ReplaceAll(strings.TrimPrefix(m, "--"), "-", "_"))
	}
	return web.Conflict("certificate.issuer_missing", "Settings", strings.Join(missing, ", "),
		"Env", strings.Join(env, ", "))
}
