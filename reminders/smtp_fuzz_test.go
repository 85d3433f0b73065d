package reminders_test

import (
	"testing"

	"mentorlms/reminders"
	"mentorlms/web"
)

// FuzzParseSMTP feeds --smtp-url and --mail-from what an operator may write. It never panics;
// a refusal is a message naming the problem, and an accepted URL has a host, a port and a
// known kind of TLS.
func FuzzParseSMTP(f *testing.F) {
	for _, u := range []string{"smtp://user:pass@mail.example:587", "smtps://mail.example", "smtp://mail.example:25?tls=off",
		"smtp://mail.example?tls=on", "http://mail.example", "smtp://:0", "smtp://[::1]:2525", "smtp://mail.example:99999",
		"smtp:opaque", "", "smtp://u%zz@host"} {
		f.Add(u, "Mentoring <noreply@mentorlms.example>")
	}
	f.Add("smtp://mail.example", "not an address")
	f.Fuzz(func(t *testing.T, raw, from string) {
		s, err := reminders.ParseSMTP(raw, from)
		if err != nil {
			if _, ok := web.AsError(err); !ok {
				t.Fatalf("%q: %v is not a message", raw, err)
			}
			return
		}
		if s.Host == "" || s.Port < 1 || s.Port > 65535 {
			t.Fatalf("%q accepted as %+v", raw, s)
		}
		switch s.TLS {
		case "starttls", "implicit", "off":
		default:
			t.Fatalf("%q accepted with TLS %q", raw, s.TLS)
		}
	})
}
