package reminders

import (
	"net"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"

	"mentorlms/web"
)

// SMTP is where and how e-mail leaves: the server, the way the connection is protected, the
// account, and the sender's address.
type SMTP struct {
	Host string
	Port int
	// TLS is "starttls" (smtp://, required), "implicit" (smtps://) or "off" (smtp://…?tls=off,
	// for a relay on the same machine and for tests).
	TLS        string
	User, Pass string
	From       string
}

// ParseSMTP reads the --smtp-url (a refusal is a *web.Error whose message names the problem): smtp://user:pass@host:587 requires STARTTLS, smtps://host:465
// is implicit TLS, smtp://host:25?tls=off sends in the clear. from is the sender's address
// (--mail-from), which must be an e-mail address.
func ParseSMTP(raw, from string) (SMTP, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Hostname() == "" || u.Opaque != "" {
		return SMTP{}, web.BadRequest("smtp.bad_url")
	}
	s := SMTP{Host: u.Hostname(), User: u.User.Username()}
	s.Pass, _ = u.User.Password()
	switch strings.ToLower(u.Scheme) {
	case "smtp":
		s.TLS, s.Port = "starttls", 587
		if v := u.Query().Get("tls"); v != "" {
			if v != "off" {
				return SMTP{}, web.BadRequest("smtp.bad_tls", "Value", v)
			}
			s.TLS, s.Port = "off", 25
		}
	case "smtps":
		s.TLS, s.Port = "implicit", 465
	default:
		return SMTP{}, web.BadRequest("smtp.bad_scheme", "Scheme", u.Scheme)
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return SMTP{}, web.BadRequest("smtp.bad_port", "Port", p)
		}
		s.Port = n
	}
	a, err := mail.ParseAddress(from)
	if err != nil {
		return SMTP{}, web.BadRequest("smtp.bad_from", "From", from)
	}
	s.From = a.String()
	return s, nil
}

// Addr is the server's host:port, for messages.
func (s SMTP) Addr() string { return net.JoinHostPort(s.Host, strconv.Itoa(s.Port)) }

// client makes a go-mail client for the configuration.
func (s SMTP) client() (*gomail.Client, error) {
	opts := []gomail.Option{gomail.WithPort(s.Port), gomail.WithTimeout(30 * time.Second)}
	switch s.TLS {
	case "implicit":
		opts = append(opts, gomail.WithSSL())
	case "off":
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if s.User != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover), gomail.WithUsername(s.User),
			gomail.WithPassword(s.Pass))
	}
	return gomail.NewClient(s.Host, opts...)
}
