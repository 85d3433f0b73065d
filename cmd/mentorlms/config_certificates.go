package main

import (
	"fmt"
	"strings"

	"mentorlms/certificates"
)

// issuerFlags are the settings printed on certificates: the organisation that issues them and
// how their numbers read.
type issuerFlags struct {
	name, address, ico, place, signatory, format *string
}

func (f *flags) issuer() issuerFlags {
	d := certificates.DefaultIssuer
	return issuerFlags{
		name:      f.str("issuer-name", d.Name, "the issuer of certificates"),
		address:   f.str("issuer-address", d.Address, "the issuer's address"),
		ico:       f.str("issuer-ico", d.ICO, "the issuer's company number (IČO, 8 digits)"),
		place:     f.str("issuer-place", d.Place, "where certificates are issued"),
		signatory: f.str("issuer-signatory", d.Signatory, "the statutory representative who signs"),
		format:    f.str("certificate-number", certificates.DefaultFormat, "how certificate numbers read"),
	}
}

// apply checks the settings and returns what sets them on the certificate service: a number
// format that could repeat a number, or an IČO that is not 8 digits, stops the start.
func (i issuerFlags) apply(base string) (func(*certificates.Service), error) {
	if err := certificates.CheckFormat(*i.format); err != nil {
		return nil, err
	}
	if !certificates.ValidICO(*i.ico) {
		return nil, fmt.Errorf("--issuer-ico %q is not a company number (8 digits with a valid check digit)", *i.ico)
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

// warnings name the settings still at their placeholders: outside the demo no certificate is
// issued until they are set; in the demo its certificates carry them under a VZOR mark.
func (i issuerFlags) warnings(base string, demo bool) []string {
	var out []string
	probe := certificates.Service{Issuer: certificates.Issuer{Name: *i.name, Address: *i.address, ICO: *i.ico,
		Signatory: *i.signatory}}
	if missing := probe.IssuerMissing(); len(missing) > 0 {
		if demo {
			out = append(out, "the demo's certificates carry a sample issuer and a VZOR mark")
		} else {
			out = append(out, "certificates cannot be issued until the issuer is set: "+strings.Join(missing, ", "))
		}
	}
	if base == "" {
		out = append(out, "without --base-url the verification links printed on certificates point to this machine's local address")
	}
	return out
}
