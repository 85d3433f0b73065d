package main

import (
	"strings"

	"mentorlms/certificates"
	"mentorlms/web"
)

// issuerFlags are the settings printed on certificates: the organisation that issues them and
// how their numbers read.
type issuerFlags struct {
	name, address, ico, place, signatory, format *string
}

func (f *flags) issuer() issuerFlags {
	d := certificates.DefaultIssuer
	return issuerFlags{
		name:      f.str("issuer-name", d.Name, "cli.arg.text", "cli.flag.issuer_name"),
		address:   f.str("issuer-address", d.Address, "cli.arg.text", "cli.flag.issuer_address"),
		ico:       f.str("issuer-ico", d.ICO, "cli.arg.ico", "cli.flag.issuer_ico"),
		place:     f.str("issuer-place", d.Place, "cli.arg.text", "cli.flag.issuer_place"),
		signatory: f.str("issuer-signatory", d.Signatory, "cli.arg.text", "cli.flag.issuer_signatory"),
		format:    f.str("certificate-number", certificates.DefaultFormat, "cli.arg.format", "cli.flag.certificate_number"),
	}
}

// apply checks the settings and returns what sets them on the certificate service: a number
// format that could repeat a number, or an IČO that is not 8 digits, stops the start.
func (i issuerFlags) apply(base string) (func(*certificates.Service), error) {
	if err := certificates.CheckFormat(*i.format); err != nil {
		return nil, misuse("cli.certificate_number.invalid", "Format", *i.format)
	}
	if !certificates.ValidICO(*i.ico) {
		return nil, misuse("cli.issuer_ico.invalid", "ICO", *i.ico)
	}
	issuer := certificates.Issuer{Name: *i.name, Address: *i.address, ICO: *i.ico, Place: *i.place, Signatory: *i.signatory}
	format := *i.format
	return func(s *certificates.Service) {
		s.Issuer, s.Format = issuer, format
		if base != "" {
			s.BaseURL = base
		}
	}, nil
}

// warnings are the messages about settings still at their placeholders: outside the demo no
// certificate is issued until they are set; in the demo its certificates carry them under a
// VZOR mark. Without a base URL, the verification links point to this machine.
func (i issuerFlags) warnings(base string, demo bool) []web.Msg {
	var out []web.Msg
	probe := certificates.Service{Issuer: certificates.Issuer{Name: *i.name, Address: *i.address, ICO: *i.ico,
		Signatory: *i.signatory}}
	if missing := probe.IssuerMissing(); len(missing) > 0 {
		if demo {
			out = append(out, web.M("cli.warn.issuer_demo"))
		} else {
			out = append(out, web.M("cli.warn.issuer", "Flags", strings.Join(missing, ", ")))
		}
	}
	if base == "" {
		out = append(out, web.M("cli.warn.base_url"))
	}
	return out
}
